// What the queue shows while main is marking an item done or open again: the list with that item moved at once, so
// «Готово» answers the click without waiting for the round trip. Pure: unit tests under Node import it.
import type { ActionItem, ActionList } from '../../../../preload/contract.ts';

/** `list` with item `id` done (or open again) at `now`; with `includeClosed` false a done item leaves the list. */
export function withDone(list: ActionList, id: string, done: boolean, now: number, includeClosed: boolean): ActionList {
  const items: ActionItem[] = [];
  for (const item of list.items) {
    if (item.id !== id) items.push(item);
    else if (done && includeClosed) items.push({ ...item, state: 'done', closedAt: now });
    else if (!done) items.push({ ...item, state: 'open', closedAt: null });
  }
  return { ...list, items };
}

/** The open items (main's order: the nearest deadline first) and the closed or done ones, the latest first. */
export function splitItems(items: readonly ActionItem[]): { open: ActionItem[]; closed: ActionItem[] } {
  const open = items.filter((i) => i.state === 'open');
  const closed = items.filter((i) => i.state !== 'open').toSorted((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
  return { open, closed };
}
