// A feed's stored events as the window would page through them (newest first, 500 a page), for tests that check what
// a sync kept: no event lost, none twice.
import type { FeedbellCore } from '../../main/core/feedbell-core.ts';
import type { EventRecord } from '../../preload/contract.ts';

/** Every stored event of `feedId`, newest first; the paging is bounded, so a cursor that never ends fails the test. */
export function storedEvents(core: FeedbellCore, feedId: string): EventRecord[] {
  const all: EventRecord[] = [];
  let after: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const found = core.store.query({ feedIds: [feedId], limit: 500, ...(after ? { after } : {}) });
    all.push(...found.items);
    if (!found.next) return all;
    after = found.next;
  }
  throw new Error(`paging the stored events of ${feedId} did not end`);
}

/** The service's ids of every stored event of `feedId`, newest first. */
export function storedIds(core: FeedbellCore, feedId: string): string[] {
  return storedEvents(core, feedId).map((e) => e.id);
}
