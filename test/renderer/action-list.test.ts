// Issue 11: «Готово» moves an item at once (out of the list, or into «Выполненные» when they are shown), «Вернуть»
// brings it back; the done and closed ones are listed the latest first.
import { describe, expect, it } from 'vitest';
import type { ActionItem, ActionList } from '../../preload/contract.ts';
import { splitItems, withDone } from '../../renderer/src/features/actions/action-list.ts';

const item = (id: string, patch: Partial<ActionItem> = {}): ActionItem =>
  ({ id, state: 'open', closedAt: null, ...patch }) as ActionItem;
const list = (...items: ActionItem[]): ActionList => ({ items, calendarWarning: null });

describe('marking done in the list', () => {
  it('a done item leaves the open list', () => {
    expect(withDone(list(item('a'), item('b')), 'a', true, 5, false).items.map((i) => i.id)).toEqual(['b']);
  });
  it('with the completed shown it stays, done, with its time', () => {
    const [a] = withDone(list(item('a')), 'a', true, 5, true).items;
    expect(a).toMatchObject({ id: 'a', state: 'done', closedAt: 5 });
  });
  it('«Вернуть» opens it again', () => {
    const [a] = withDone(list(item('a', { state: 'done', closedAt: 5 })), 'a', false, 9, true).items;
    expect(a).toMatchObject({ state: 'open', closedAt: null });
  });
  it('splits open (main’s order kept) from closed (the latest first)', () => {
    const { open, closed } = splitItems([
      item('x'),
      item('old', { state: 'closed', closedAt: 1 }),
      item('y'),
      item('new', { state: 'done', closedAt: 3 }),
    ]);
    expect(open.map((i) => i.id)).toEqual(['x', 'y']);
    expect(closed.map((i) => i.id)).toEqual(['new', 'old']);
  });
});
