// One feed's polling loop: one request in flight, pages until caught up, backoff on failure, pause/resume, sync now.
import type { FeedFix, FeedPhase } from '../../../preload/contract.ts';
import { describeCheck, errorFix } from '../feeds/feed-check-text.ts';
import type { AnyProvider, FeedPage, ProviderContext } from '../feeds/provider.ts';
import type { ProviderWording } from '../feeds/provider-module.ts';
import { BUILT_IN_PROVIDERS } from '../feeds/registry.ts';
import { FeedError, KINDS_NEEDING_USER, toFeedError, type FeedConfig, type NormalizedEvent } from '../model.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { AccessTokenSource, Clock, Logger, SecretStore } from '../ports.ts';
import { SecretOrigins } from '../secrets/secret-origins.ts';
import { ingestInChunks, mapInChunks } from '../store/chunked-ingest.ts';
import type { EventStore, IngestedEvent } from '../store/event-store.ts';
import { redactError, type KnownSecrets } from '../text/server-text.ts';
import { storableEvent } from '../text/storable-event.ts';
import { DEFAULT_RETRY_POLICY, withTransientRetry, type RetryPolicy } from './transient-retry.ts';

/** A sync run stops after this many pages and continues at once, so one huge backlog cannot starve shutdown. */
export const MAX_PAGES_PER_RUN = 200;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 15 * 60_000;
/** Longest Retry-After we honour, so a broken header cannot park a feed for days. */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;
/** Requests in flight per origin for providers that do not set their own limit. */
export const DEFAULT_REQUESTS_PER_ORIGIN = 2;

export interface SyncResult {
  inserted: IngestedEvent[];
  /** True when this run began before the feed had ever finished a sync (its events are stored silently). */
  firstSync: boolean;
  caughtUp: boolean;
  error: FeedError | null;
  /** A streaming feed's stream ended normally: reconnect soon rather than after the polling interval. */
  streamEnded?: boolean;
}

export interface PollerDeps {
  store: EventStore;
  secrets: SecretStore;
  /** The HTTP client to use now (the core replaces it when the proxy setting changes). */
  http: () => HttpClient;
  /** The feed's provider's words for its errors (its module's wording); the generic words without it. */
  wording?: ProviderWording;
  /** Where a stored event's link may go (ProviderRegistry.linkHosts); the built-in providers' domains by default. */
  linkHosts?: readonly string[];
  /** Which origins the feed's secrets are for; without it, no feed has a sign-in service. */
  origins?: SecretOrigins;
  /** Access tokens of signed-in feeds (a sign-in capability); such a feed's secret comes from here. */
  accessTokens?: AccessTokenSource;
  clock: Clock;
  log: Logger;
  /** Jitter source in [0, 1); injectable for tests. */
  random?: () => number;
  /** How a page or a start request is retried after a transient failure within one run. */
  retryPolicy?: RetryPolicy;
  /** After each stored page that inserted rows (live list updates). */
  onPageStored?(feed: FeedConfig, inserted: IngestedEvent[]): void;
  /** After each sync run, with everything it inserted (notifications). */
  onSyncFinished?(feed: FeedConfig, result: SyncResult): void;
  /** Whenever phase, schedule or stored state changed. */
  onStatusChanged?(feedId: string): void;
  /** A poller made only to check unsaved settings (`check`): it never writes to the store. */
  draft?: boolean;
  /** Events per transaction when a page is stored (INGEST_CHUNK; the bench compares with one per page). */
  ingestChunk?: number;
}

/** Exponential backoff with jitter: 5 s, 10 s, 20 s … up to 15 min, each scaled by a random 50–100 %. */
export function backoffDelay(failures: number, random: () => number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
}

/** The secrets a run's requests carried (the proxy's are added by redactError itself). */
function secretsOf(ctx: ProviderContext<unknown> | null): KnownSecrets {
  return ctx ? [ctx.secret, ...Object.values(ctx.secrets)] : [];
}

export class FeedPoller {
  readonly feed: FeedConfig;
  readonly #provider: AnyProvider;
  readonly #deps: PollerDeps;
  #phase: FeedPhase = 'idle';
  #nextPollAt: number | null = null;
  #failures = 0;
  /** Set after an error the user must fix (auth, subscription…): no automatic retry until syncNow. */
  #held = false;
  #stopped = true;
  #loop: Promise<void> | null = null;
  #inflight: AbortController | null = null;
  #sleep: AbortController | null = null;
  #wakeRequested = false;

  constructor(feed: FeedConfig, provider: AnyProvider, deps: PollerDeps) {
    this.feed = feed;
    this.#provider = provider;
    this.#deps = deps;
    if (!deps.draft) deps.store.ensureFeed(feed.id, feed.provider);
  }

  get phase(): FeedPhase {
    return this.#phase;
  }

  get nextPollAt(): number | null {
    return this.#nextPollAt;
  }

  /** Starts the loop (no-op when running). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loop = this.#run().catch((err: unknown) => {
      this.#deps.log.error('poller loop crashed', { feedId: this.feed.id, error: String(err) });
    });
  }

  /** Stops the loop and aborts the request in flight; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#inflight?.abort(new DOMException('Feedbell is stopping', 'AbortError'));
    this.#sleep?.abort();
    await this.#loop;
    this.#loop = null;
    this.#nextPollAt = null;
  }

  /** Pauses or resumes polling; the flag is stored, so it survives a restart. */
  setPaused(paused: boolean): void {
    this.#deps.store.updateFeedState(this.feed.id, { paused });
    if (paused) {
      this.#inflight?.abort(new DOMException('Paused', 'AbortError'));
    } else {
      this.#held = false;
      this.#failures = 0;
    }
    this.#wake();
  }

  /** Polls now, also after an error that was waiting for the user. */
  syncNow(): void {
    this.#held = false;
    this.#failures = 0;
    this.#wake();
  }

  /** The system woke up or came back online: poll at once unless paused or waiting for the user. */
  resume(): void {
    if (!this.#held) this.#wake();
  }

  #wake(): void {
    this.#wakeRequested = true;
    this.#sleep?.abort();
  }

  #setPhase(phase: FeedPhase, nextPollAt: number | null = null): void {
    this.#phase = phase;
    this.#nextPollAt = nextPollAt;
    this.#deps.onStatusChanged?.(this.feed.id);
  }

  async #run(): Promise<void> {
    const { clock } = this.#deps;
    const random = this.#deps.random ?? Math.random;
    while (!this.#stopped) {
      this.#wakeRequested = false;
      const state = this.#deps.store.feedState(this.feed.id);
      if (state?.paused) {
        this.#setPhase('paused');
        await this.#idle(Number.POSITIVE_INFINITY);
        continue;
      }
      if (this.#held) {
        this.#setPhase('error');
        await this.#idle(Number.POSITIVE_INFINITY);
        continue;
      }
      const result = await this.syncOnce();
      if (this.#stopped) break;
      let delay: number;
      if (!result.error) {
        this.#failures = 0;
        delay = result.streamEnded ? backoffDelay(1, random) : result.caughtUp ? this.feed.intervalSec * 1000 : 0;
      } else if (result.error.name === 'AbortError' || this.#deps.store.feedState(this.feed.id)?.paused) {
        continue;
      } else if (KINDS_NEEDING_USER.has(result.error.kind)) {
        this.#held = true;
        continue;
      } else {
        this.#failures++;
        delay =
          result.error.retryAfterMs !== undefined
            ? Math.min(RETRY_AFTER_MAX_MS, Math.max(0, result.error.retryAfterMs))
            : backoffDelay(this.#failures, random);
      }
      this.#setPhase(result.error ? 'error' : 'ok', clock.now() + delay);
      if (!this.#wakeRequested) await this.#idle(delay);
    }
    this.#setPhase('idle');
  }

  /** Sleeps until `ms` pass or something wakes the loop (sync now, resume, stop). */
  async #idle(ms: number): Promise<void> {
    if (this.#stopped || this.#wakeRequested) return;
    const sleep = new AbortController();
    this.#sleep = sleep;
    try {
      // An "infinite" wait is a long sleep that only a wake ends.
      await this.#deps.clock.sleep(Number.isFinite(ms) ? ms : 2 ** 31 - 1, sleep.signal);
    } catch {
      // woken
    } finally {
      if (this.#sleep === sleep) this.#sleep = null;
    }
  }

  /**
   * One sync run: resolve the start position if needed, then fetch and store pages until caught up
   * (or MAX_PAGES_PER_RUN); a streaming feed then stays on its stream unless `stream: false` (the CLI's
   * one-shot sync). Never throws; the outcome is in the result and in the feed's stored state.
   */
  async syncOnce(options: { stream?: boolean } = {}): Promise<SyncResult> {
    const { store, clock, log } = this.#deps;
    const feedId = this.feed.id;
    const inflight = new AbortController();
    this.#inflight = inflight;
    const inserted: IngestedEvent[] = [];
    let state = store.ensureFeed(feedId, this.feed.provider);
    const firstSync = !state.firstSyncDone;
    this.#setPhase('syncing');
    let used: ProviderContext<unknown> | null = null;
    try {
      const ctx = await this.#context(inflight.signal);
      used = ctx;
      if (!state.started) {
        const start = await this.#retrying(ctx, () => this.#provider.start(ctx, this.feed.start));
        store.updateFeedState(feedId, { cursor: start.cursor, started: true, skipBefore: start.skipBefore });
        state = store.feedState(feedId)!;
      }
      let cursor = state.cursor;
      let caughtUp = false;
      // Rows count as stored (the window is told, the run reports them) chunk by chunk as they are committed, so a
      // failure in the middle of a big page still reports what it stored before.
      const storePage = async (page: FeedPage<unknown>, into: IngestedEvent[]): Promise<IngestedEvent[]> => {
        const fresh: IngestedEvent[] = [];
        await this.#storePage(page, state.skipBefore, (rows) => {
          for (const row of rows) {
            fresh.push(row);
            into.push(row);
          }
          if (rows.length > 0) this.#deps.onPageStored?.(this.feed, rows);
        });
        cursor = page.cursor;
        return fresh;
      };
      for (let pages = 0; pages < MAX_PAGES_PER_RUN && !caughtUp; pages++) {
        const page = await this.#fetchPage(ctx, cursor);
        await storePage(page, inserted);
        caughtUp = !page.more;
      }
      store.updateFeedState(feedId, {
        lastSuccessAt: clock.now(),
        lastError: null,
        // skipBefore only trims the history read on the first sync; later, a late event dated before it is news.
        ...(caughtUp ? { firstSyncDone: true, skipBefore: null } : {}),
      });
      const result: SyncResult = { inserted, firstSync, caughtUp, error: null };
      if (caughtUp && options.stream !== false && this.#provider.stream && this.feed.settings['mode'] === 'stream') {
        // Streaming feeds stay connected once caught up; the stream's end or failure returns to the loop.
        this.#setPhase('ok');
        this.#deps.onSyncFinished?.(this.feed, { ...result, inserted: [...inserted] });
        // Reported: a failing stream must not report these again.
        inserted.length = 0;
        // Each page a stream delivers is its own small "run" for the notification policy.
        await this.#provider.stream(ctx, cursor, async (page) => {
          const fresh = await storePage(page, []);
          if (fresh.length > 0)
            this.#deps.onSyncFinished?.(this.feed, { inserted: fresh, firstSync: false, caughtUp: true, error: null });
        });
        return { inserted: [], firstSync: false, caughtUp: true, error: null, streamEnded: true };
      }
      // The loop sets the phase again with the next poll time; a direct caller (the CLI) sees the outcome.
      this.#setPhase('ok');
      this.#deps.onSyncFinished?.(this.feed, result);
      return result;
    } catch (err) {
      // The last guard: whatever a provider let through, no secret of this feed or the proxy is stored, logged or shown.
      const error = redactError(toFeedError(err), secretsOf(used));
      const aborted = inflight.signal.aborted;
      if (aborted) error.name = 'AbortError';
      else {
        try {
          store.updateFeedState(feedId, {
            lastError: {
              kind: error.kind,
              summary: describeCheck(error, this.#deps.wording ?? {}).title,
              ...withFix(errorFix(error, this.#deps.accessTokens?.applies(this.feed) ?? false)),
              message: error.message,
              ...(error.hint ? { hint: error.hint } : {}),
              ...(error.detail ? { detail: error.detail } : {}),
              at: clock.now(),
            },
          });
        } catch (storeError) {
          // A full disk refuses this write too; the run's result still carries the error.
          log.error('could not store a feed error', {
            feedId,
            error: storeError instanceof Error ? storeError.message : String(storeError),
          });
        }
        log.warn('feed sync failed', { feedId, kind: error.kind, message: error.message, detail: error.detail });
      }
      const result: SyncResult = { inserted, firstSync, caughtUp: false, error };
      if (!aborted) this.#setPhase('error');
      this.#deps.onSyncFinished?.(this.feed, result);
      return result;
    } finally {
      if (this.#inflight === inflight) this.#inflight = null;
    }
  }

  /** One authenticated request that proves the settings and secret work; the error, or null when fine. */
  async check(): Promise<FeedError | null> {
    const inflight = new AbortController();
    this.#inflight ??= inflight;
    let used: ProviderContext<unknown> | null = null;
    try {
      const ctx = await this.#context(inflight.signal);
      used = ctx;
      if (this.#provider.check) await this.#provider.check(ctx);
      else await this.#provider.start(ctx, { kind: 'now' });
      return null;
    } catch (err) {
      return redactError(toFeedError(err), secretsOf(used));
    } finally {
      if (this.#inflight === inflight) this.#inflight = null;
    }
  }

  /**
   * One page; for a signed-in feed a 401 invalidates the access token and the page is asked for once more
   * with a fresh one (an access token can expire between our check and the server's).
   */
  async #fetchPage(ctx: ProviderContext<unknown>, cursor: string | null): Promise<FeedPage<unknown>> {
    return this.#retrying(ctx, async () => {
      try {
        return await this.#provider.fetchPage(ctx, cursor);
      } catch (err) {
        const tokens = this.#deps.accessTokens;
        if (!(err instanceof FeedError) || err.kind !== 'auth' || !tokens?.applies(this.feed)) throw err;
        tokens.invalidate(this.feed);
        // The rest of this run uses the fresh token too.
        ctx.secret = await tokens.accessToken(this.feed, ctx.signal);
        return this.#provider.fetchPage(ctx, cursor);
      }
    });
  }

  /** A step retried after 429, 5xx, resets and timeouts, within the run's retry policy. */
  #retrying<T>(ctx: ProviderContext<unknown>, step: () => Promise<T>): Promise<T> {
    return withTransientRetry(step, {
      clock: this.#deps.clock,
      signal: ctx.signal,
      random: this.#deps.random ?? Math.random,
      log: this.#deps.log,
      feedId: this.feed.id,
      policy: this.#deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
    });
  }

  /**
   * The context this feed's requests run with (settings, secrets, the HTTP client with its limit per origin), for a
   * request besides the feed's pages (the queue's lookups). Throws FeedError like a run (settings, missing secret).
   */
  providerContext(signal: AbortSignal): Promise<ProviderContext<unknown>> {
    return this.#context(signal);
  }

  async #context(signal: AbortSignal): Promise<ProviderContext<unknown>> {
    const parsed = this.#provider.settingsSchema.safeParse(this.feed.settings);
    if (!parsed.success) {
      throw new FeedError('config', `Feed settings are invalid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    }
    const tokens = this.#deps.accessTokens;
    // A stored secret goes only to the origin it was entered for (the store refuses it otherwise, as an 'auth' error):
    // the settings here may have been changed since. A feed without an API address gets none.
    const feed = { ...this.feed, settings: parsed.data as Record<string, unknown> };
    const origins = this.#deps.origins ?? new SecretOrigins();
    const api = origins.addresses(feed).api;
    const stored = (name?: string) =>
      api === null ? Promise.resolve(null) : this.#deps.secrets.get(feed.id, name, origins.use(feed, name, 'api'));
    const secret = tokens?.applies(this.feed) ? await tokens.accessToken(this.feed, signal) : await stored();
    if (this.#provider.needsSecret && !secret) {
      throw new FeedError('auth', 'No secret is set for this feed', {
        hint: 'Введите токен в настройках ленты (Enter the token in the feed settings)',
      });
    }
    const secrets: Record<string, string | null> = {};
    for (const name of this.#provider.extraSecrets ?? []) secrets[name] = await stored(name);
    const http = this.#deps.http();
    const maxPerOrigin = this.#provider.maxRequestsPerOrigin ?? DEFAULT_REQUESTS_PER_ORIGIN;
    return {
      feedId: this.feed.id,
      settings: parsed.data,
      secret,
      secrets,
      // Every request of this provider counts against its limit per origin (shared by all its feeds there).
      http: { send: (req) => http.send({ maxPerOrigin, ...req }), open: (req) => http.open(req) },
      signal,
      now: () => this.#deps.clock.now(),
      log: this.#deps.log,
    };
  }

  /**
   * Normalizes and stores one page; returns the rows inserted. The whole page is read first (an event that cannot be
   * read refuses the page: nothing stored, the cursor kept); then it is stored in chunks with a turn of the event loop
   * between them, the cursor moving with the last one (chunked-ingest.ts), so a big page never blocks the loop long.
   */
  async #storePage(page: FeedPage<unknown>, skipBefore: number | null, onRows: (rows: IngestedEvent[]) => void): Promise<void> {
    const settings = this.#provider.settingsSchema.parse(this.feed.settings);
    const linkHosts = this.#deps.linkHosts ?? BUILT_IN_PROVIDERS.linkHosts();
    const normalized = await mapInChunks(page.events, (raw): NormalizedEvent | null => {
      let event: NormalizedEvent;
      try {
        event = this.#provider.normalize(raw, settings);
      } catch (err) {
        // The page is not stored and the cursor does not move; the next run retries it.
        throw new FeedError('protocol', `The service sent an event Feedbell could not read: ${(err as Error).message}`, {
          cause: err,
        });
      }
      return skipBefore === null || event.occurredAt >= skipBefore ? storableEvent(event, linkHosts) : null;
    });
    const events = normalized.filter((event): event is NormalizedEvent => event !== null);
    await ingestInChunks(this.#deps.store, this.feed.id, events, page.cursor, this.#deps.clock.now(), {
      ...(this.#deps.ingestChunk ? { chunk: this.#deps.ingestChunk } : {}),
      onChunk: onRows,
    });
    if (page.note) this.#deps.store.updateFeedState(this.feed.id, { note: page.note });
  }
}

function withFix(fix: FeedFix | undefined): { fix?: FeedFix } {
  return fix ? { fix } : {};
}
