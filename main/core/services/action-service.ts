// «Требует действия»: folds each feed's stored events through its provider's tracker into subject states (kept in the
// store, so they survive restarts), turns them into items with deadlines by the production calendar, and tells the
// window and the reminders when they change. A feed is replayed from its stored events when its tracker or settings
// change, when it was never folded (a log older than schema 6), or when an older event is stored after newer ones.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ActionCounts, ActionItem, ActionList, EventRecord } from '../../../preload/contract.ts';
import { actionCounts, actionItemId, actionList, toActionItem } from '../actions/action-items.ts';
import type { ActionTracker, SubjectState, TrackedEvent } from '../actions/action-tracker.ts';
import { isoDateOf } from '../calendar/working-days.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { FeedConfig } from '../model.ts';
import type { Clock, Logger } from '../ports.ts';
import type { SubjectRow } from '../store/action-subjects.ts';
import type { EventStore } from '../store/event-store.ts';
import type { CoreEvents } from './event-fanout.ts';

/** Events replayed per chunk; the service yields to the event loop between chunks. */
export const REPLAY_CHUNK = 500;
/** Closed and done items listed (the latest first) when the window asks for them too. */
export const CLOSED_LISTED = 100;

export interface ActionServiceOptions {
  store: EventStore;
  providers: ProviderRegistry;
  feeds(): readonly FeedConfig[];
  clock: Clock;
  log: Logger;
  /** The person's time zone for «today» (tests fix it); the system's by default. */
  timeZone?: string;
}

type Listener = (counts: ActionCounts) => void;

/** A replay running: how far it has read (events stored after that point it reads anyway), and whether to redo it. */
interface Replay {
  again: boolean;
  readKey: number;
  fingerprint: string | null;
  done: Promise<void>;
}

interface Folded {
  state: SubjectState;
  lastKey: number;
  looked: Record<string, unknown> | null;
}

export class ActionService implements CoreEvents {
  readonly #d: ActionServiceOptions;
  readonly #listeners: Listener[] = [];
  /** Feeds being replayed, and whether another replay was asked for meanwhile. */
  readonly #replaying = new Map<string, Replay>();
  #pending = false;

  constructor(options: ActionServiceOptions) {
    this.#d = options;
  }

  /** Hears every change of the items (the window's push, the reminders). */
  onChange(listener: Listener): void {
    this.#listeners.push(listener);
  }

  /** Today's civil date where the person is. */
  today(): string {
    return isoDateOf(this.#d.clock.now(), this.#d.timeZone);
  }

  // ---- reading ----

  list(options: { includeClosed: boolean } = { includeClosed: false }): ActionList {
    const items = this.#items();
    const open = items.filter((item) => item.state === 'open');
    const closed = options.includeClosed
      ? items
          .filter((item) => item.state !== 'open')
          .toSorted((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0))
          .slice(0, CLOSED_LISTED)
      : [];
    return actionList([...open, ...closed]);
  }

  counts(): ActionCounts {
    const today = this.today();
    return actionCounts(
      this.#rows(this.#d.store.actions.open()).map(({ row, feed }) => this.#item(row, feed, today)),
      today,
    );
  }

  /** The person marks an item done, or open again; the item as it now is, or null for an unknown id. */
  setDone(id: string, done: boolean): ActionItem | null {
    const found = this.#rows().find(({ row }) => actionItemId(row.feedId, row.subject) === id);
    if (!found) return null;
    const { row, feed } = found;
    const now = this.#d.clock.now();
    this.#d.store.actions.setDone(row.feedId, row.subject, done ? now : null, now);
    this.#changed();
    const updated = this.#d.store.actions.get(row.feedId, row.subject);
    return updated ? this.#item(updated, feed) : null;
  }

  /** The stored subjects of the configured feeds, each with its feed. */
  #rows(rows = this.#d.store.actions.all()): { row: SubjectRow; feed: FeedConfig }[] {
    const feeds = new Map(this.#d.feeds().map((feed) => [feed.id, feed]));
    return rows.flatMap((row) => {
      const feed = feeds.get(row.feedId);
      return feed ? [{ row, feed }] : [];
    });
  }

  #items(): ActionItem[] {
    const today = this.today();
    return this.#rows().map(({ row, feed }) => this.#item(row, feed, today));
  }

  #item(row: SubjectRow, feed: FeedConfig, today = this.today()): ActionItem {
    return toActionItem(row, { name: feed.name, provider: feed.provider }, today, (key) => this.#d.store.has(key));
  }

  /** Tells the listeners once per turn of the event loop, however many pages changed items in it. */
  #changed(): void {
    if (this.#listeners.length === 0 || this.#pending) return;
    this.#pending = true;
    setImmediate(() => {
      this.#pending = false;
      const counts = this.counts();
      for (const listener of this.#listeners) listener(counts);
    });
  }

  // ---- folding ----

  #tracker(feed: FeedConfig): ActionTracker | null {
    return this.#d.providers.get(feed.provider)?.actions ?? null;
  }

  #settings(feed: FeedConfig): unknown {
    const parsed = this.#d.providers.get(feed.provider)?.provider.settingsSchema.safeParse(feed.settings);
    return parsed?.success ? parsed.data : feed.settings;
  }

  /** What a feed's subjects are folded with: a replay is due when it changes. */
  #fingerprint(feed: FeedConfig, tracker: ActionTracker): string {
    return JSON.stringify([feed.provider, tracker.version ?? 1, feed.settings, feed.start]);
  }

  /** A page was stored: fold its new events into their subjects (or replay the feed when it must). */
  eventsStored(feed: FeedConfig, inserted: readonly EventRecord[]): void {
    const tracker = this.#tracker(feed);
    if (!tracker || inserted.length === 0) return;
    const running = this.#replaying.get(feed.id);
    if (running) {
      // The replay reads what was stored after its position; an older event, or other settings, need another.
      if (inserted.some((event) => event.key <= running.readKey) || running.fingerprint !== this.#fingerprint(feed, tracker))
        running.again = true;
      return;
    }
    if (this.#d.store.actions.fingerprint(feed.id) !== this.#fingerprint(feed, tracker)) {
      void this.replay(feed.id);
      return;
    }
    const events = this.#d.store.trackedEventsAt(inserted.map((event) => event.key));
    const touched = new Map<string, Folded>();
    const settings = this.#settings(feed);
    for (const event of events) {
      const subject = this.#subjectOf(tracker, event);
      if (subject === null) continue;
      const row = touched.get(subject) ?? this.#stored(feed.id, subject);
      if (row && row.lastKey > event.key) {
        // An older event after newer ones: only a replay folds them in the order they occurred.
        void this.replay(feed.id);
        return;
      }
      const next = this.#fold(tracker, row, event, settings);
      if (next) touched.set(subject, next);
    }
    if (touched.size === 0) return;
    const now = this.#d.clock.now();
    this.#d.store.actions.batch(() => {
      for (const folded of touched.values()) this.#d.store.actions.put(feed.id, folded.state, folded.lastKey, now);
    });
    this.#changed();
  }

  /** Replays every feed whose subjects were folded with another tracker or settings, or never (at start). */
  async catchUp(): Promise<void> {
    for (const feed of this.#d.feeds()) {
      const tracker = this.#tracker(feed);
      if (tracker && this.#d.store.actions.fingerprint(feed.id) !== this.#fingerprint(feed, tracker)) await this.replay(feed.id);
    }
  }

  /** A feed's settings or start changed (its status says so): replay it when what it is folded with changed. */
  statusChanged(status: { id: string }): void {
    const feed = this.#d.feeds().find((f) => f.id === status.id);
    const tracker = feed ? this.#tracker(feed) : null;
    if (!feed || !tracker) return;
    const fingerprint = this.#fingerprint(feed, tracker);
    const running = this.#replaying.get(feed.id);
    if (running) {
      if (running.fingerprint !== fingerprint) running.again = true;
    } else if (this.#d.store.actions.fingerprint(feed.id) !== fingerprint) void this.replay(feed.id);
  }

  /**
   * Folds a feed's stored events again from the first, in chunks that yield, and stores the result in one
   * transaction: the same events give the same subjects (no duplicates), the person's «готово» and the service's
   * answers are kept. A replay asked for while one runs runs again after it.
   */
  replay(feedId: string): Promise<void> {
    const running = this.#replaying.get(feedId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry: Replay = { again: false, readKey: -1, fingerprint: null, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        // Bounded: a feed whose settings change on every round still settles after a few.
        for (let round = 0; round < 20; round++) {
          entry.again = false;
          await this.#replayOnce(feedId, entry);
          if (!entry.again) break;
        }
      } catch (err) {
        this.#d.log.error('actions: replaying a feed failed', { feedId, error: err instanceof Error ? err.name : 'unknown' });
      } finally {
        this.#replaying.delete(feedId);
      }
    })();
    this.#replaying.set(feedId, entry);
    return entry.done;
  }

  /** Resolves when no replay runs (tests, the CLI before it prints). */
  async idle(): Promise<void> {
    for (let rounds = 0; this.#replaying.size > 0 && rounds < 100; rounds++) {
      await Promise.all([...this.#replaying.values()].map((entry) => entry.done));
    }
  }

  async #replayOnce(feedId: string, entry: Replay): Promise<void> {
    const feed = this.#d.feeds().find((f) => f.id === feedId);
    const tracker = feed ? this.#tracker(feed) : null;
    if (!feed || !tracker) return;
    const settings = this.#settings(feed);
    const fingerprint = this.#fingerprint(feed, tracker);
    entry.fingerprint = fingerprint;
    entry.readKey = -1;
    const looked = new Map(this.#d.store.actions.all(feedId).map((row) => [row.subject, row.looked]));
    const folded = new Map<string, Folded>();
    for (let after = -1; ;) {
      await nextTurn();
      const events = this.#d.store.trackedEvents(feedId, after, REPLAY_CHUNK);
      for (const event of events) {
        const subject = this.#subjectOf(tracker, event);
        if (subject === null) continue;
        const previous = folded.get(subject) ?? null;
        const next = this.#fold(tracker, previous ?? { looked: looked.get(subject) ?? null }, event, settings);
        if (next) folded.set(subject, next);
      }
      if (events.length > 0) entry.readKey = events[events.length - 1]!.key;
      if (events.length < REPLAY_CHUNK) break;
      after = entry.readKey;
    }
    // The feed may have gone, or changed again, while the chunks yielded.
    const current = this.#d.feeds().find((f) => f.id === feedId);
    if (!current) return;
    if (this.#fingerprint(current, tracker) !== fingerprint) {
      entry.again = true;
      return;
    }
    const now = this.#d.clock.now();
    this.#d.store.actions.batch(() => {
      for (const subject of folded.values()) this.#d.store.actions.put(feedId, subject.state, subject.lastKey, now);
      this.#d.store.actions.removeExcept(feedId, new Set(folded.keys()));
      this.#d.store.actions.setFingerprint(feedId, fingerprint);
    });
    this.#changed();
  }

  #stored(feedId: string, subject: string): Folded | null {
    const row = this.#d.store.actions.get(feedId, subject);
    return row ? { state: row.state, lastKey: row.lastKey, looked: row.looked } : null;
  }

  #subjectOf(tracker: ActionTracker, event: TrackedEvent): string | null {
    try {
      return tracker.subjectOf(event);
    } catch {
      return null;
    }
  }

  /** One more event folded in; null when the subject still needs nothing. A tracker that throws skips the event. */
  #fold(
    tracker: ActionTracker,
    previous: Folded | { looked: Record<string, unknown> | null } | null,
    event: TrackedEvent,
    settings: unknown,
  ): Folded | null {
    const state = previous && 'state' in previous ? previous.state : null;
    const looked = previous?.looked ?? null;
    let next: SubjectState | null;
    try {
      next = tracker.fold(state, event, { settings, looked });
    } catch (err) {
      this.#d.log.warn('actions: a tracker could not read an event', { feedId: event.feedId, error: String(err).slice(0, 200) });
      next = state;
    }
    if (next === null) return state ? { state, lastKey: event.key, looked } : null;
    return { state: next, lastKey: event.key, looked };
  }
}
