// What the user has read: marking events read or unread, the unread counts of the configured feeds, and opening an
// event or a feed from a clicked notification.
import { randomUUID } from 'node:crypto';
import { MARK_UNDO_MS, type EventFilter, type MarkMatchingResult, type UnreadCounts } from '../../../preload/contract.ts';
import type { Clock } from '../ports.ts';
import type { EventStore } from '../store/event-store.ts';
import type { EventFanout } from './event-fanout.ts';
import type { WindowPushes } from './fanout-subscribers.ts';

export interface ReadStateDeps {
  store: EventStore;
  /** The configured feeds' ids, in order. */
  feedIds(): string[];
  fanout: EventFanout;
  window: Pick<WindowPushes, 'push'>;
  clock: Clock;
}

/** What one markMatching changed: its keys and the flag it set, until `expires`. */
interface UndoEntry {
  keys: number[];
  read: boolean;
  expires: number;
}

export class ReadState {
  readonly #d: ReadStateDeps;
  /** markMatching's changes, by undo token: the window passes the small token, the keys stay here. */
  readonly #undo = new Map<string, UndoEntry>();

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

  /** Marks every event the filter matches (only configured feeds' events count); the token undoes it for a while. */
  markMatching(filter: EventFilter, read: boolean): MarkMatchingResult {
    this.#forgetExpired();
    const keys = this.#d.store.markMatching(filter, read);
    if (keys.length === 0) return { changed: 0, undo: null };
    this.#d.fanout.countsChanged();
    const undo = randomUUID();
    this.#undo.set(undo, { keys, read, expires: this.#d.clock.now() + MARK_UNDO_MS });
    return { changed: keys.length, undo };
  }

  /** Sets back what one markMatching changed; 0 once the token expired or was used. */
  undoMark(undo: string): number {
    this.#forgetExpired();
    const entry = this.#undo.get(undo);
    if (!entry) return 0;
    this.#undo.delete(undo);
    const changed = this.#d.store.markRead(entry.keys, !entry.read);
    if (changed > 0) this.#d.fanout.countsChanged();
    return changed;
  }

  #forgetExpired(): void {
    const now = this.#d.clock.now();
    for (const [token, entry] of this.#undo) if (entry.expires <= now) this.#undo.delete(token);
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
