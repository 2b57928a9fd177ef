// The core service: owns the event store and one poller per feed, and turns stored events into
// pushes, tray state and notifications. The app, the CLI and the tests all run this same object.
import { join } from 'node:path';
import type {
  EventRecord,
  FeedStatus,
  Preferences,
  PushChannel,
  Pushes,
  UnreadCounts,
} from '../../preload/contract.ts';
import { DEFAULT_PREFERENCES, type FeedsRepository } from './feeds-repository.ts';
import { getProvider } from './feeds/registry.ts';
import { HttpClient, type HttpClientOptions } from './http/http-client.ts';
import { parseFeedConfig } from './feeds/feed-config.ts';
import type { FeedConfig, FeedError } from './model.ts';
import { decideNotifications } from './notify/notification-policy.ts';
import { FeedPoller, type SyncResult } from './poller/feed-poller.ts';
import {
  noPowerEvents,
  silentLogger,
  systemClock,
  type Clock,
  type Logger,
  type Notifier,
  type PowerEvents,
  type SecretStore,
  type SettingsStore,
  type TrayView,
} from './ports.ts';
import { EventStore } from './store/event-store.ts';

export const DATABASE_FILE = 'feedbell.db';

export interface PushSinkLike {
  send<C extends PushChannel>(channel: C, payload: Pushes[C]): void;
}

/** What one feed's `syncAllOnce` came to. */
export interface FeedSyncOutcome {
  inserted: number;
  caughtUp: boolean;
  error: FeedError | null;
}

export interface CoreOptions {
  /** Folder of the event log; ':memory:' keeps it in memory (tests). */
  dataDir: string;
  feeds: FeedsRepository;
  settings: SettingsStore;
  secrets: SecretStore;
  notifier?: Notifier;
  tray?: TrayView;
  clock?: Clock;
  power?: PowerEvents;
  log?: Logger;
  random?: () => number;
  /** Timeouts and size cap of the HTTP client (tests shorten them); the proxy comes from the preferences. */
  httpOptions?: Omit<HttpClientOptions, 'proxy'>;
}

export class FeedbellCore {
  readonly store: EventStore;
  readonly #options: CoreOptions;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #pollers = new Map<string, FeedPoller>();
  #sink: PushSinkLike | null = null;
  #running = false;
  #http: HttpClient;
  #stopping = false;
  /** A syncAllOnce in progress, which stop() lets finish (its requests aborted) before closing the store. */
  #syncAll: Promise<unknown> | null = null;
  #unsubscribePower: (() => void) | null = null;

  private constructor(options: CoreOptions, store: EventStore) {
    this.#options = options;
    this.store = store;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? silentLogger;
    this.#http = new HttpClient({ ...options.httpOptions, proxy: this.preferences().proxy || null });
    for (const feed of options.feeds.list()) this.#addPoller(feed);
  }

  static open(options: CoreOptions): FeedbellCore {
    const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, DATABASE_FILE);
    return new FeedbellCore(options, EventStore.open(file));
  }

  /** Starts polling every enabled feed and listens for system resume. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const poller of this.#pollers.values()) if (poller.feed.enabled) poller.start();
    const power = this.#options.power ?? noPowerEvents;
    this.#unsubscribePower = power.onResume(() => {
      this.#log.info('system resumed: polling now');
      for (const poller of this.#pollers.values()) poller.resume();
    });
    this.#refreshTray();
  }

  /** Stops every poller (aborting requests in flight) and closes the store. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    this.#unsubscribePower?.();
    await Promise.all([...this.#pollers.values()].map((poller) => poller.stop()));
    await this.#syncAll?.catch(() => {});
    this.store.close();
    await this.#http.close();
  }

  setPushSink(sink: PushSinkLike | null): void {
    this.#sink = sink;
  }

  // ---- feeds ----

  feedConfigs(): FeedConfig[] {
    return [...this.#pollers.values()].map((poller) => poller.feed);
  }

  listFeeds(): FeedStatus[] {
    return [...this.#pollers.keys()].map((id) => this.feedStatus(id)!);
  }

  feedStatus(feedId: string): FeedStatus | null {
    const poller = this.#pollers.get(feedId);
    if (!poller) return null;
    const feed = poller.feed;
    const state = this.store.feedState(feedId);
    const paused = state?.paused ?? false;
    const phase = !feed.enabled ? 'disabled' : paused ? 'paused' : poller.phase === 'idle' && state?.lastError ? 'error' : poller.phase;
    return {
      id: feed.id,
      name: feed.name,
      provider: feed.provider,
      enabled: feed.enabled,
      paused,
      phase,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      nextPollAt: poller.nextPollAt,
      unread: state?.unread ?? 0,
      note: state?.note ?? null,
    };
  }

  /** Adds a feed (validated), stores the list and starts polling it. */
  addFeed(input: unknown): FeedStatus {
    const feed = parseFeedConfig(input, 'feed');
    if (this.#pollers.has(feed.id)) throw new Error(`A feed with id "${feed.id}" already exists`);
    this.#options.feeds.save([...this.feedConfigs(), feed]);
    const poller = this.#addPoller(feed);
    if (this.#running && feed.enabled) poller.start();
    this.#pushStatus(feed.id);
    return this.feedStatus(feed.id)!;
  }

  /** The built-in demo feed, offered on first run. Idempotent. */
  addDemoFeed(settings: Record<string, unknown> = {}): FeedStatus {
    const existing = this.#pollers.get('demo');
    if (existing) return this.feedStatus('demo')!;
    return this.addFeed({
      id: 'demo',
      provider: 'demo',
      name: 'Демо-лента',
      intervalSec: 15,
      start: 'beginning',
      settings: { historyHours: 6, ratePerMinute: 2, ...settings },
    });
  }

  async removeFeed(feedId: string): Promise<void> {
    const poller = this.#pollers.get(feedId);
    if (!poller) return;
    await poller.stop();
    this.#pollers.delete(feedId);
    this.#options.feeds.save(this.feedConfigs());
    this.store.removeFeed(feedId);
    this.#pushCounts();
  }

  /** Pauses or resumes one feed, or all when feedId is null. */
  setPaused(feedId: string | null, paused: boolean): void {
    for (const poller of this.#selected(feedId)) {
      poller.setPaused(paused);
      this.#pushStatus(poller.feed.id);
    }
  }

  syncNow(feedId: string | null): void {
    for (const poller of this.#selected(feedId)) {
      if (!poller.feed.enabled) continue;
      if (!this.#running) continue;
      poller.syncNow();
    }
  }

  /**
   * Syncs every enabled feed until caught up (the CLI's `sync`); never throws per feed. Reports counts, not
   * records, so a backlog of millions does not sit in memory (the rows went out through `events:added`).
   */
  async syncAllOnce(): Promise<Map<string, FeedSyncOutcome>> {
    const outcomes = new Map<string, FeedSyncOutcome>();
    const run = Promise.all(
      [...this.#pollers.values()]
        .filter((poller) => poller.feed.enabled)
        .map(async (poller) => {
          const outcome: FeedSyncOutcome = { inserted: 0, caughtUp: false, error: null };
          // A run ends after MAX_PAGES_PER_RUN pages; keep going until caught up, failed or stopping.
          for (let runs = 0; !this.#stopping && !outcome.error && !outcome.caughtUp && runs < 100_000; runs++) {
            // One-shot: a streaming feed is paged until caught up but does not stay on its stream.
            const result = await poller.syncOnce({ stream: false });
            outcome.inserted += result.inserted.length;
            outcome.caughtUp = result.caughtUp;
            outcome.error = result.error;
          }
          outcomes.set(poller.feed.id, outcome);
        }),
    );
    this.#syncAll = run;
    try {
      await run;
    } finally {
      this.#syncAll = null;
    }
    return outcomes;
  }

  /** The user has read the feed's note: clear it. */
  dismissNote(feedId: string): void {
    this.#selected(feedId);
    this.store.updateFeedState(feedId, { note: null });
    this.#pushStatus(feedId);
  }

  /** Checks one feed's settings and secret with one request; the error, or null when they work. */
  async checkFeed(feedId: string): Promise<FeedError | null> {
    const [poller] = this.#selected(feedId);
    return poller!.check();
  }

  #selected(feedId: string | null): FeedPoller[] {
    if (feedId === null) return [...this.#pollers.values()];
    const poller = this.#pollers.get(feedId);
    if (!poller) throw new Error(`Unknown feed "${feedId}"`);
    return [poller];
  }

  #addPoller(feed: FeedConfig): FeedPoller {
    const poller = new FeedPoller(feed, getProvider(feed.provider), {
      store: this.store,
      secrets: this.#options.secrets,
      http: () => this.#http,
      clock: this.#clock,
      log: this.#log,
      ...(this.#options.random ? { random: this.#options.random } : {}),
      onPageStored: (f, inserted) => this.#onPageStored(f, inserted),
      onSyncFinished: (f, result) => this.#onSyncFinished(f, result),
      onStatusChanged: (id) => this.#pushStatus(id),
    });
    this.#pollers.set(feed.id, poller);
    return poller;
  }

  // ---- events ----

  markRead(keys: number[], read: boolean): number {
    const changed = this.store.markRead(keys, read);
    if (changed > 0) this.#pushCounts();
    return changed;
  }

  markAllRead(feedId: string | null): number {
    if (feedId !== null && !this.#pollers.has(feedId)) throw new Error(`Unknown feed "${feedId}"`);
    const changed = this.store.markAllRead(feedId);
    if (changed > 0) this.#pushCounts();
    return changed;
  }

  unreadCounts(): UnreadCounts {
    const counts = this.store.unreadCounts();
    // Only configured feeds count; a removed feed's row is gone with it.
    return Object.fromEntries([...this.#pollers.keys()].map((id) => [id, counts[id] ?? 0]));
  }

  /** A notification was clicked: mark the event read and ask the window to show it. */
  openEvent(key: number): void {
    this.markRead([key], true);
    this.#sink?.send('window:openEvent', { key });
  }

  /** A summary notification was clicked: ask the window to show that feed's unread events. */
  openFeed(feedId: string): void {
    if (this.#pollers.has(feedId)) this.#sink?.send('window:openFeed', { feedId });
  }

  // ---- preferences ----

  preferences(): Preferences {
    return { ...DEFAULT_PREFERENCES, ...this.#options.settings.getPreferences() };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const previous = this.preferences();
    const next = { ...previous, ...patch };
    this.#options.settings.setPreferences(next);
    if (next.proxy !== previous.proxy) {
      // New requests go through the new proxy; requests in flight finish on the old client, closed after them.
      const old = this.#http;
      this.#http = new HttpClient({ ...this.#options.httpOptions, proxy: next.proxy || null });
      void old.close().catch(() => {});
    }
    this.#sink?.send('prefs:changed', next);
    this.#refreshTray();
    return next;
  }

  /** True when no feed has been configured yet (the window offers the demo feed). */
  isFirstRun(): boolean {
    return this.#pollers.size === 0;
  }

  // ---- fan-out ----

  #onPageStored(feed: FeedConfig, inserted: EventRecord[]): void {
    this.#sink?.send('events:added', { feedId: feed.id, keys: inserted.map((e) => e.key), count: inserted.length });
    this.#pushCounts();
  }

  #onSyncFinished(feed: FeedConfig, result: SyncResult): void {
    const prefs = this.preferences();
    const notifications = decideNotifications({
      feedId: feed.id,
      feedName: feed.name,
      provider: feed.provider,
      inserted: result.inserted,
      firstSync: result.firstSync,
      language: prefs.language,
      enabled: prefs.notifications,
      burstThreshold: prefs.burstThreshold,
    });
    for (const notification of notifications) this.#options.notifier?.show(notification);
  }

  #pushStatus(feedId: string): void {
    const status = this.feedStatus(feedId);
    if (status) this.#sink?.send('feeds:status', status);
    this.#refreshTray();
  }

  #pushCounts(): void {
    this.#sink?.send('events:unreadCounts', this.unreadCounts());
    this.#refreshTray();
  }

  #refreshTray(): void {
    const tray = this.#options.tray;
    if (!tray) return;
    const feeds = this.listFeeds();
    const unread = feeds.reduce((sum, feed) => sum + feed.unread, 0);
    const failing = feeds.filter((feed) => feed.phase === 'error');
    const ru = this.preferences().language === 'ru';
    const lines = [ru ? `Feedbell: непрочитанных ${unread}` : `Feedbell: ${unread} unread`];
    for (const feed of failing) lines.push(`⚠ ${feed.name}: ${feed.lastError?.message ?? ''}`);
    tray.update({
      unread,
      hasError: failing.length > 0,
      paused: feeds.length > 0 && feeds.every((feed) => feed.paused || !feed.enabled),
      tooltip: lines.join('\n'),
    });
  }
}
