// One poller per configured feed: starts and stops them, pauses, syncs now, syncs everything once (the CLI), checks a
// feed's connection, and says each feed's status. What the pollers store goes out through the fan-out.
import type { FeedStatus, FeedTestResult } from '../../../preload/contract.ts';
import { feedPhase, storedStatus } from '../feed-status.ts';
import { describeCheck } from '../feeds/feed-check-text.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { ProviderContext } from '../feeds/provider.ts';
import type { FeedConfig, FeedError } from '../model.ts';
import { FeedPoller } from '../poller/feed-poller.ts';
import type { RetryPolicy } from '../poller/transient-retry.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { AccessTokenSource, Clock, Logger, PowerEvents, SecretStore } from '../ports.ts';
import type { SecretOrigins } from '../secrets/secret-origins.ts';
import type { EventStore } from '../store/event-store.ts';
import type { EventFanout } from './event-fanout.ts';

/** What one feed's `syncAllOnce` came to. */
export interface FeedSyncOutcome {
  inserted: number;
  caughtUp: boolean;
  error: FeedError | null;
}

export interface PollingDeps {
  store: EventStore;
  providers: ProviderRegistry;
  secrets: SecretStore;
  origins: SecretOrigins;
  accessTokens: AccessTokenSource;
  /** The HTTP client to use now (it changes with the proxy). */
  http: () => HttpClient;
  fanout: EventFanout;
  power: PowerEvents;
  clock: Clock;
  log: Logger;
  random?: () => number;
  retryPolicy?: RetryPolicy;
}

export class PollingService {
  readonly #deps: PollingDeps;
  /** In the order the feeds are configured; a replaced poller keeps its place. */
  readonly #pollers = new Map<string, FeedPoller>();
  #running = false;
  #stopping = false;
  /** A syncAllOnce in progress, which stop() lets finish (its requests aborted) before the store closes. */
  #syncAll: Promise<unknown> | null = null;
  #unsubscribePower: (() => void) | null = null;

  constructor(deps: PollingDeps) {
    this.#deps = deps;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Starts polling every enabled feed and listens for system resume. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const poller of this.#pollers.values()) if (poller.feed.enabled) poller.start();
    this.#unsubscribePower = this.#deps.power.onResume(() => {
      this.#deps.log.info('system resumed: polling now');
      for (const poller of this.#pollers.values()) poller.resume();
    });
  }

  /** Stops every poller, aborting requests in flight, and waits for a one-shot sync to end. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    this.#unsubscribePower?.();
    await Promise.all([...this.#pollers.values()].map((poller) => poller.stop()));
    await this.#syncAll?.catch(() => {});
  }

  /** Starts polling a new feed (when polling runs). */
  add(feed: FeedConfig): void {
    const poller = this.#newPoller(feed);
    this.#pollers.set(feed.id, poller);
    if (this.#running && feed.enabled) poller.start();
  }

  /** Stops a feed's poller; it is polled again with `replace` or forgotten with `remove`. */
  async halt(feedId: string): Promise<void> {
    await this.#pollers.get(feedId)?.stop();
  }

  /** Polls a changed feed (halted first) with its new configuration, in the same place of the list. */
  replace(feed: FeedConfig): void {
    this.add(feed);
  }

  async remove(feedId: string): Promise<void> {
    const poller = this.#pollers.get(feedId);
    if (!poller) return;
    await poller.stop();
    this.#pollers.delete(feedId);
  }

  status(feedId: string): FeedStatus | null {
    const poller = this.#pollers.get(feedId);
    if (!poller) return null;
    const state = this.#deps.store.feedState(feedId);
    return {
      ...storedStatus(poller.feed, state),
      phase: feedPhase(poller.feed, state, poller.phase, poller.phase !== 'idle'),
      nextPollAt: poller.nextPollAt,
    };
  }

  list(): FeedStatus[] {
    return [...this.#pollers.keys()].map((id) => this.status(id)!);
  }

  /** Pauses or resumes one feed, or all when feedId is null. */
  setPaused(feedId: string | null, paused: boolean): void {
    for (const poller of this.#selected(feedId)) {
      poller.setPaused(paused);
      this.#deps.fanout.statusChanged(poller.feed.id);
    }
  }

  /** Polls one feed, or all, now (when polling runs and the feed is enabled). */
  syncNow(feedId: string | null): void {
    for (const poller of this.#selected(feedId)) {
      if (this.#running && poller.feed.enabled) poller.syncNow();
    }
  }

  /**
   * Syncs every enabled feed until caught up (the CLI's `sync`); never throws per feed. Reports counts, not
   * records, so a backlog of millions does not sit in memory (the rows went out through the fan-out).
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

  /** Checks one feed's settings and secret with one request; the error, or null when they work. */
  async check(feedId: string): Promise<FeedError | null> {
    const [poller] = this.#selected(feedId);
    return poller!.check();
  }

  /** "Test connection": one request with the feed's settings and secret, answered in both languages. */
  async test(feedId: string): Promise<FeedTestResult> {
    const [poller] = this.#selected(feedId);
    const error = await this.check(feedId);
    // It works now: a feed held after an error (e.g. a wrong token since replaced) tries again at once.
    if (error === null && this.status(feedId)?.phase === 'error') this.syncNow(feedId);
    return describeCheck(error, this.#deps.providers.get(poller!.feed.provider).wording);
  }

  /**
   * "Test connection" for settings not saved yet: one request with `feed` as given and the secrets `secrets` holds,
   * through a poller that never writes to the store; answered in words.
   */
  async testDraft(feed: FeedConfig, secrets: SecretStore): Promise<FeedTestResult> {
    const module = this.#deps.providers.get(feed.provider);
    const poller = this.#newPoller(feed, { secrets, draft: true });
    return describeCheck(await poller.check(), module.wording);
  }

  /** The context a feed's own requests run with, for a request besides its pages; null for an unknown feed. */
  async providerContext(feedId: string, signal: AbortSignal): Promise<ProviderContext<unknown> | null> {
    return (await this.#pollers.get(feedId)?.providerContext(signal)) ?? null;
  }

  /** The user has read the feed's note: clear it. */
  dismissNote(feedId: string): void {
    this.#selected(feedId);
    this.#deps.store.updateFeedState(feedId, { note: null });
    this.#deps.fanout.statusChanged(feedId);
  }

  #selected(feedId: string | null): FeedPoller[] {
    if (feedId === null) return [...this.#pollers.values()];
    const poller = this.#pollers.get(feedId);
    if (!poller) throw new Error(`Unknown feed "${feedId}"`);
    return [poller];
  }

  #newPoller(feed: FeedConfig, draft?: { secrets: SecretStore; draft: true }): FeedPoller {
    const d = { ...this.#deps, ...draft };
    const module = d.providers.get(feed.provider);
    return new FeedPoller(feed, module.provider, {
      store: d.store,
      wording: module.wording,
      linkHosts: d.providers.linkHosts(),
      secrets: d.secrets,
      origins: d.origins,
      accessTokens: d.accessTokens,
      http: d.http,
      clock: d.clock,
      log: d.log,
      ...(d.random ? { random: d.random } : {}),
      ...(d.retryPolicy ? { retryPolicy: d.retryPolicy } : {}),
      onPageStored: (f, inserted) => {
        d.fanout.eventsStored(f, inserted);
        d.fanout.countsChanged();
      },
      onSyncFinished: (f, result) => d.fanout.runFinished(f, result),
      onStatusChanged: (id) => d.fanout.statusChanged(id),
      ...(draft ? { draft: true } : {}),
    });
  }
}
