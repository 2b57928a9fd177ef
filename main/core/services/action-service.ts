// «Требует действия»: folds each feed's stored events through its provider's tracker into subject states (kept in the
// store, so they survive restarts), turns them into items with deadlines by the production calendar, and tells the
// window and the reminders when they change. A feed is replayed from its stored events when its tracker or settings
// change, when it was never folded (a log older than schema 6), or when an older event is stored after newer ones.
import type { ActionCounts, ActionItem, ActionList, EventRecord } from '../../../preload/contract.ts';
import { actionCounts, actionItemId, actionList, toActionItem } from '../actions/action-items.ts';
import type { ActionTracker } from '../actions/action-tracker.ts';
import { foldEvent, foldStored, subjectOf, type Folded } from '../actions/subject-folding.ts';
import { isoDateOf } from '../calendar/working-days.ts';
import type { ProviderContext } from '../feeds/provider.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { FeedConfig } from '../model.ts';
import type { Clock, Logger } from '../ports.ts';
import type { SubjectRow } from '../store/action-subjects.ts';
import type { EventStore } from '../store/event-store.ts';
import { ActionLookups } from './action-lookups.ts';
import type { CoreEvents } from './event-fanout.ts';

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
  /** The context a feed's own requests run with (the poller's), for the trackers' lookups; none: never asked. */
  context?(feedId: string, signal: AbortSignal): Promise<ProviderContext<unknown> | null>;
}

type Listener = (counts: ActionCounts) => void;

/** A replay running: how far it has read (events stored after that point it reads anyway), and whether to redo it. */
interface Replay {
  again: boolean;
  readKey: number;
  fingerprint: string | null;
  done: Promise<void>;
}

export class ActionService implements CoreEvents {
  readonly #d: ActionServiceOptions;
  readonly #listeners: Listener[] = [];
  /** Feeds being replayed, and whether another replay was asked for meanwhile. */
  readonly #replaying = new Map<string, Replay>();
  #pending = false;
  /** Feeds whose last fold could not be stored: replayed with their next events. */
  readonly #stale = new Set<string>();
  #stopped = false;

  readonly #lookups: ActionLookups | null;

  constructor(options: ActionServiceOptions) {
    this.#d = options;
    const context = options.context;
    this.#lookups = context
      ? new ActionLookups({
          context: (feedId, signal) => context(feedId, signal),
          answered: (feed, subject, looked) => this.#answered(feed, subject, looked),
          log: options.log,
        })
      : null;
  }

  /** Stops asking the services (the core is stopping: what is in flight is aborted) and lets replays finish. */
  async stop(): Promise<void> {
    await this.#lookups?.stop();
    // Replays finish (what a CLI sync stored is folded before it exits); then nothing more touches the store.
    await this.idle();
    this.#stopped = true;
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
    if (this.#listeners.length === 0 || this.#pending || this.#stopped) return;
    this.#pending = true;
    setImmediate(() => {
      this.#pending = false;
      // The store closes once the core has stopped.
      if (this.#stopped) return;
      try {
        const counts = this.counts();
        for (const listener of this.#listeners) listener(counts);
      } catch (err) {
        this.#d.log.error('actions: could not count the items', { error: err instanceof Error ? err.name : 'unknown' });
      }
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
    try {
      this.#foldStored(feed, inserted);
    } catch (err) {
      // The feed's events are stored; its subjects are folded again by a replay once the store can be written.
      this.#stale.add(feed.id);
      this.#d.log.error('actions: could not fold the stored events', {
        feedId: feed.id,
        error: err instanceof Error ? err.name : 'unknown',
      });
    }
  }

  #foldStored(feed: FeedConfig, inserted: readonly EventRecord[]): void {
    const tracker = this.#tracker(feed);
    if (!tracker || inserted.length === 0) return;
    const types = tracker.eventTypes ? new Set(tracker.eventTypes) : null;
    const keys = inserted.filter((event) => types === null || types.has(event.type)).map((event) => event.key);
    if (keys.length === 0) return;
    const running = this.#replaying.get(feed.id);
    if (running) {
      // The replay reads what was stored after its position; an older event, or other settings, need another.
      if (inserted.some((event) => event.key <= running.readKey) || running.fingerprint !== this.#fingerprint(feed, tracker))
        running.again = true;
      return;
    }
    if (this.#stale.has(feed.id) || this.#d.store.actions.fingerprint(feed.id) !== this.#fingerprint(feed, tracker)) {
      void this.replay(feed.id);
      return;
    }
    const events = this.#d.store.trackedEventsAt(keys);
    const touched = new Map<string, Folded>();
    const settings = this.#settings(feed);
    for (const event of events) {
      const subject = subjectOf(tracker, event);
      if (subject === null) continue;
      const row = touched.get(subject) ?? this.#stored(feed.id, subject);
      if (row && row.lastKey > event.key) {
        // An older event after newer ones: only a replay folds them in the order they occurred.
        void this.replay(feed.id);
        return;
      }
      const next = foldEvent(tracker, row ?? { looked: null }, event, settings, this.#d.log);
      if (next) touched.set(subject, next);
    }
    if (touched.size === 0) return;
    const now = this.#d.clock.now();
    this.#d.store.actions.batch(() => {
      for (const folded of touched.values()) this.#d.store.actions.put(feed.id, folded.state, folded.lastKey, now);
    });
    this.#changed();
    this.#lookups?.consider(feed, tracker, [...touched.values()]);
  }

  /** A run ended: ask again about the feed's open subjects whose lookups failed or were left for later. */
  runFinished(feed: FeedConfig): void {
    const tracker = this.#tracker(feed);
    if (!tracker?.lookup || !this.#lookups) return;
    const open = this.#d.store.actions.open().filter((row) => row.feedId === feed.id);
    this.#lookups.consider(feed, tracker, open);
  }

  /** The service answered about a subject: keep the answer, and fold the subject's events again with it. */
  async #answered(feed: FeedConfig, subject: string, looked: Record<string, unknown>): Promise<void> {
    const row = this.#d.store.actions.get(feed.id, subject);
    const tracker = this.#tracker(feed);
    if (!row || !tracker) return;
    this.#d.store.actions.put(feed.id, row.state, row.lastKey, this.#d.clock.now(), looked);
    const running = this.#replaying.get(feed.id);
    if (running) {
      running.again = true;
      return;
    }
    // Its events follow the one that opened it; a subject older than the bound is refolded by a replay.
    const folded = await foldStored({
      read: (after, limit) => this.#read(feed.id, after, limit, tracker.eventTypes),
      after: row.state.eventKey - 1,
      tracker,
      settings: this.#settings(feed),
      looked: () => looked,
      log: this.#d.log,
      only: subject,
      maxChunks: 40,
    });
    if (folded === null) return void (await this.replay(feed.id));
    const result = folded.get(subject);
    if (!result || this.#replaying.has(feed.id)) return;
    // Events stored while the chunks yielded were folded with the answer by eventsStored already.
    const current = this.#d.store.actions.get(feed.id, subject);
    if (current && current.lastKey > result.lastKey) return;
    this.#d.store.actions.put(feed.id, result.state, result.lastKey, this.#d.clock.now());
    this.#changed();
  }

  /** Resolves when no replay runs and nothing is being asked (tests, the CLI before it prints). */
  async settled(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      await this.idle();
      await this.#lookups?.idle();
      if (this.#replaying.size === 0) return;
    }
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
    if (this.#stopped) return Promise.resolve();
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
        if (!this.#stopped)
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

  /** A chunk of a feed's stored events; a fold in progress ends here once the core stops. */
  #read(feedId: string, after: number, limit: number, types?: readonly string[]) {
    if (this.#stopped) throw new DOMException('The core is stopping', 'AbortError');
    return this.#d.store.trackedEvents(feedId, after, limit, types);
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
    const folded = (await foldStored({
      read: (after, limit) => this.#read(feedId, after, limit, tracker.eventTypes),
      after: -1,
      tracker,
      settings,
      looked: (subject) => looked.get(subject) ?? null,
      log: this.#d.log,
      onRead: (key) => (entry.readKey = key),
    }))!;
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
    this.#stale.delete(feedId);
    this.#changed();
  }

  #stored(feedId: string, subject: string): Folded | null {
    const row = this.#d.store.actions.get(feedId, subject);
    return row ? { state: row.state, lastKey: row.lastKey, looked: row.looked } : null;
  }
}
