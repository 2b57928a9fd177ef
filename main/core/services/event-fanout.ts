// What happens in the core (events stored, runs finished, statuses, unread counts, preferences), handed to whoever
// shows it: the window's pushes, the tray and the notifier subscribe; the services only say what happened.
import type { EventRecord, FeedStatus, Preferences, PushChannel, Pushes, UnreadCounts } from '../../../preload/contract.ts';
import type { FeedConfig } from '../model.ts';
import type { SyncResult } from '../poller/feed-poller.ts';

/** Where main pushes events to: the window in Electron, a WebSocket in the browser bridge, a printer in the CLI. */
export interface PushSink {
  send<C extends PushChannel>(channel: C, payload: Pushes[C]): void;
}

/** A subscriber's hooks, each optional. */
export interface CoreEvents {
  /** A page of a feed's events was stored: the rows it inserted. */
  eventsStored?(feed: FeedConfig, inserted: readonly EventRecord[]): void;
  /** A sync run of a feed ended, with everything it inserted. */
  runFinished?(feed: FeedConfig, result: SyncResult): void;
  /** A feed's status changed (phase, schedule, stored state, configuration). */
  statusChanged?(status: FeedStatus): void;
  /** The unread counts changed. */
  countsChanged?(counts: UnreadCounts): void;
  preferencesChanged?(preferences: Preferences): void;
}

export interface FanoutSources {
  status(feedId: string): FeedStatus | null;
  unreadCounts(): UnreadCounts;
}

export class EventFanout {
  readonly #subscribers: CoreEvents[] = [];
  readonly #sources: FanoutSources;

  constructor(sources: FanoutSources) {
    this.#sources = sources;
  }

  /** Subscribers hear of each happening in the order they subscribed. */
  subscribe(subscriber: CoreEvents): void {
    this.#subscribers.push(subscriber);
  }

  eventsStored(feed: FeedConfig, inserted: readonly EventRecord[]): void {
    for (const s of this.#subscribers) s.eventsStored?.(feed, inserted);
  }

  runFinished(feed: FeedConfig, result: SyncResult): void {
    for (const s of this.#subscribers) s.runFinished?.(feed, result);
  }

  statusChanged(feedId: string): void {
    const status = this.#sources.status(feedId);
    if (!status) return;
    for (const s of this.#subscribers) s.statusChanged?.(status);
  }

  countsChanged(): void {
    const counts = this.#sources.unreadCounts();
    for (const s of this.#subscribers) s.countsChanged?.(counts);
  }

  preferencesChanged(preferences: Preferences): void {
    for (const s of this.#subscribers) s.preferencesChanged?.(preferences);
  }
}
