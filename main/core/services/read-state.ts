// What the user has read: marking events read or unread, the unread counts of the configured feeds, and opening an
// event or a feed from a clicked notification.
import type { UnreadCounts } from '../../../preload/contract.ts';
import type { EventStore } from '../store/event-store.ts';
import type { EventFanout } from './event-fanout.ts';
import type { WindowPushes } from './fanout-subscribers.ts';

export interface ReadStateDeps {
  store: EventStore;
  /** The configured feeds' ids, in order. */
  feedIds(): string[];
  fanout: EventFanout;
  window: Pick<WindowPushes, 'push'>;
}

export class ReadState {
  readonly #d: ReadStateDeps;

  constructor(deps: ReadStateDeps) {
    this.#d = deps;
  }

  markRead(keys: number[], read: boolean): number {
    const changed = this.#d.store.markRead(keys, read);
    if (changed > 0) this.#d.fanout.countsChanged();
    return changed;
  }

  markAllRead(feedId: string | null): number {
    if (feedId !== null && !this.#d.feedIds().includes(feedId)) throw new Error(`Unknown feed "${feedId}"`);
    const changed = this.#d.store.markAllRead(feedId);
    if (changed > 0) this.#d.fanout.countsChanged();
    return changed;
  }

  unreadCounts(): UnreadCounts {
    const counts = this.#d.store.unreadCounts();
    // Only configured feeds count; a removed feed's row is gone with it.
    return Object.fromEntries(this.#d.feedIds().map((id) => [id, counts[id] ?? 0]));
  }

  /** A notification was clicked: mark the event read and ask the window to show it. */
  openEvent(key: number): void {
    this.markRead([key], true);
    this.#d.window.push('window:openEvent', { key });
  }

  /** A summary notification was clicked: ask the window to show that feed's unread events. */
  openFeed(feedId: string): void {
    if (this.#d.feedIds().includes(feedId)) this.#d.window.push('window:openFeed', { feedId });
  }
}
