import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../main/core/model.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { silentLogger, type AccessTokenSource } from '../../main/core/ports.ts';
import { BACKOFF_BASE_MS, FeedPoller, backoffDelay, type SyncResult } from '../../main/core/poller/feed-poller.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { FakeClock, settle, until } from '../support/fake-clock.ts';
import { ScriptedProvider, page, testFeed } from '../support/scripted-provider.ts';
import { NO_RETRY } from '../support/retry.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../main/core/poller/transient-retry.ts';

const open: { store: EventStore; poller: FeedPoller }[] = [];
const testHttp = new HttpClient();

function setup(
  options: {
    needsSecret?: boolean;
    secret?: string | null;
    random?: () => number;
    settings?: Record<string, unknown>;
    accessTokens?: AccessTokenSource;
    retryPolicy?: RetryPolicy;
  } = {},
) {
  const store = EventStore.open(':memory:');
  const clock = new FakeClock();
  const provider = new ScriptedProvider({ needsSecret: options.needsSecret ?? false });
  const results: SyncResult[] = [];
  const pages: string[][] = [];
  const poller = new FeedPoller(testFeed({ settings: options.settings ?? {} }), provider, {
    store,
    clock,
    log: silentLogger,
    secrets: { get: async () => options.secret ?? null },
    http: () => testHttp,
    ...(options.accessTokens ? { accessTokens: options.accessTokens } : {}),
    random: options.random ?? (() => 1),
    // The backoff between runs is what most tests here look at; in-run retries have their own tests.
    retryPolicy: options.retryPolicy ?? NO_RETRY,
    onPageStored: (_feed, inserted) => pages.push(inserted.map((e) => e.id)),
    onSyncFinished: (_feed, result) => results.push(result),
  });
  open.push({ store, poller });
  return { store, clock, provider, poller, results, pages };
}

afterEach(async () => {
  for (const { store, poller } of open.splice(0)) {
    await poller.stop();
    store.close();
  }
});

describe('FeedPoller', () => {
  it('pages until caught up, storing each page with its cursor, then waits the interval', async () => {
    const { store, clock, provider, poller, results, pages } = setup();
    provider.steps.push(page(['a', 'b'], 'c1', true), page(['c'], 'c2', true), page(['d'], 'c3', false));
    poller.start();
    await until(() => results.length === 1, 'first sync');
    expect(provider.calls).toEqual([null, 'c1', 'c2']);
    expect(pages).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(results[0]).toMatchObject({ firstSync: true, caughtUp: true, error: null });
    expect(results[0]!.inserted.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.feedState('f1')).toMatchObject({
      cursor: 'c3',
      firstSyncDone: true,
      lastSuccessAt: clock.now(),
      lastError: null,
    });
    expect(poller.phase).toBe('ok');
    expect(poller.nextPollAt).toBe(clock.now() + 60_000);

    provider.steps.push(page(['d', 'e'], 'c4'));
    await clock.advance(59_000);
    expect(provider.calls).toHaveLength(3);
    await clock.advance(1_000);
    await until(() => results.length === 2, 'second sync');
    expect(provider.calls.at(-1)).toBe('c3');
    // 'd' came again (an inclusive cursor): stored once, reported once.
    expect(results[1]!.inserted.map((e) => e.id)).toEqual(['e']);
    expect(results[1]!.firstSync).toBe(false);
    expect(store.count('f1')).toBe(5);
  });

  it('never has two requests in flight for one feed, however often sync now is pressed', async () => {
    const { clock, provider, poller, results } = setup();
    let release!: () => void;
    provider.steps.push(() => new Promise((resolve) => (release = () => resolve(page(['a'], 'c1')))));
    poller.start();
    await until(() => provider.inFlight === 1, 'request in flight');
    for (let i = 0; i < 5; i++) poller.syncNow();
    await settle();
    expect(provider.maxInFlight).toBe(1);
    release();
    await until(() => results.length >= 1, 'sync end');
    await clock.advance(0);
    await until(() => results.length >= 2, 'the sync-now that was pressed meanwhile');
    expect(provider.maxInFlight).toBe(1);
  });

  it('backs off exponentially with jitter on server errors and recovers', async () => {
    const { store, clock, provider, poller, results } = setup({ random: () => 1 });
    provider.steps.push(
      new FeedError('server', 'HTTP 503'),
      new FeedError('network', 'ECONNRESET'),
      new FeedError('server', 'HTTP 500'),
      page(['a'], 'c1'),
    );
    poller.start();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await until(() => results.length === attempt, `attempt ${attempt}`);
      expect(poller.phase).toBe('error');
      delays.push(poller.nextPollAt! - clock.now());
      await clock.advance(poller.nextPollAt! - clock.now());
    }
    expect(delays).toEqual([BACKOFF_BASE_MS, BACKOFF_BASE_MS * 2, BACKOFF_BASE_MS * 4]);
    await until(() => results.length === 4, 'recovery');
    expect(poller.phase).toBe('ok');
    expect(store.feedState('f1')!.lastError).toBeNull();
    expect(store.feedState('f1')!.cursor).toBe('c1');
  });

  it('spreads retries with jitter and caps the backoff', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(1, () => 0.999999)).toBeLessThanOrEqual(BACKOFF_BASE_MS);
    expect(backoffDelay(50, () => 1)).toBe(15 * 60_000);
  });

  it('waits exactly what Retry-After asks on a rate limit', async () => {
    const { store, clock, provider, poller, results } = setup();
    provider.steps.push(new FeedError('rate-limit', 'HTTP 429', { retryAfterMs: 42_000 }), page(['a'], 'c1'));
    poller.start();
    await until(() => results.length === 1, 'rate limited');
    expect(poller.nextPollAt).toBe(clock.now() + 42_000);
    expect(store.feedState('f1')!.lastError).toMatchObject({
      kind: 'rate-limit',
      message: 'HTTP 429 (the service asked to wait 42 s)',
    });
    await clock.advance(41_999);
    expect(provider.calls).toHaveLength(1);
    await clock.advance(1);
    await until(() => results.length === 2, 'retry');
    expect(store.count('f1')).toBe(1);
  });

  it('holds a feed after an auth error until the user syncs it again', async () => {
    const { store, clock, provider, poller, results } = setup();
    provider.steps.push(new FeedError('auth', 'Token rejected', { hint: 'Sign in again' }), page(['a'], 'c1'));
    poller.start();
    await until(() => results.length === 1, 'auth failure');
    await clock.advance(24 * 3_600_000);
    expect(provider.calls).toHaveLength(1);
    expect(poller.phase).toBe('error');
    expect(store.feedState('f1')!.lastError).toMatchObject({
      kind: 'auth',
      hint: 'Sign in again',
      message: 'Token rejected',
      summary: { ru: expect.stringContaining('войдите заново'), en: expect.stringContaining('sign in again') },
    });
    poller.resume(); // a system resume does not override a hold
    await settle();
    expect(provider.calls).toHaveLength(1);
    poller.syncNow();
    await until(() => results.length === 2, 'retry after sync now');
    expect(poller.phase).toBe('ok');
  });

  it('fails with auth, without calling the service, when a feed that needs a secret has none', async () => {
    const { provider, poller, results } = setup({ needsSecret: true, secret: null });
    poller.start();
    await until(() => results.length === 1, 'sync');
    expect(results[0]!.error).toMatchObject({ kind: 'auth' });
    expect(provider.calls).toHaveLength(0);
  });

  it('pauses (persisted, aborting the request in flight) and resumes at once', async () => {
    const { store, clock, provider, poller, results } = setup();
    let aborted = false;
    provider.steps.push(
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            reject(ctx.signal.reason);
          }),
        ),
    );
    poller.start();
    await until(() => provider.inFlight === 1, 'request in flight');
    poller.setPaused(true);
    await until(() => poller.phase === 'paused', 'paused');
    expect(aborted).toBe(true);
    expect(store.feedState('f1')!.paused).toBe(true);
    expect(store.feedState('f1')!.lastError).toBeNull();
    await clock.advance(3_600_000);
    expect(provider.calls).toHaveLength(1);
    provider.steps.push(page(['a'], 'c1'));
    poller.setPaused(false);
    await until(() => results.some((r) => r.inserted.length === 1), 'resumed sync');
    expect(store.feedState('f1')!.paused).toBe(false);
  });

  it('polls at once when the system resumes', async () => {
    const { clock, provider, poller, results } = setup();
    poller.start();
    await until(() => results.length === 1, 'first sync');
    await clock.advance(10_000);
    poller.resume();
    await until(() => results.length === 2, 'poll after resume');
    expect(provider.calls).toHaveLength(2);
  });

  it('stops cleanly, aborting the request in flight', async () => {
    const { store, provider, poller } = setup();
    let sawAbort = false;
    provider.steps.push(
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(ctx.signal.reason);
          }),
        ),
    );
    poller.start();
    await until(() => provider.inFlight === 1, 'request in flight');
    await poller.stop();
    expect(sawAbort).toBe(true);
    expect(poller.phase).toBe('idle');
    expect(store.feedState('f1')!.lastError).toBeNull();
  });

  it('keeps the cursor when a page holds an event it cannot read (protocol), and stores nothing of it', async () => {
    const { store, provider, poller, results } = setup();
    provider.steps.push(page(['a'], 'c1'));
    poller.start();
    await until(() => results.length === 1, 'first sync');
    provider.steps.push({
      events: [
        { id: 'b', at: 1 },
        { id: 'x', at: 2, type: 'explode' },
      ],
      cursor: 'c2',
      more: false,
    });
    poller.syncNow();
    await until(() => results.length === 2, 'bad page');
    expect(results[1]!.error).toMatchObject({ kind: 'protocol' });
    expect(store.feedState('f1')!.cursor).toBe('c1');
    expect(store.count('f1')).toBe(1);
  });

  it('drops events from before the start point and resolves the start only once', async () => {
    const { store, clock, provider, poller, results } = setup();
    provider.startPoint = { cursor: 'seek', skipBefore: clock.now() };
    provider.steps.push({
      events: [
        { id: 'old', at: clock.now() - 1 },
        { id: 'new', at: clock.now() + 1 },
      ],
      cursor: 'c1',
      more: false,
    });
    poller.start();
    await until(() => results.length === 1, 'first sync');
    expect(provider.calls[0]).toBe('seek');
    expect(results[0]!.inserted.map((e) => e.id)).toEqual(['new']);
    expect(store.feedState('f1')).toMatchObject({ started: true, cursor: 'c1', firstSyncDone: true, skipBefore: null });
    // After the first sync an event that arrives late, dated before the start, is stored like any other.
    provider.steps.push({ events: [{ id: 'late', at: clock.now() - 60_000 }], cursor: 'c2', more: false });
    poller.syncNow();
    await until(() => results.length === 2, 'second sync');
    expect(results[1]!.inserted.map((e) => e.id)).toEqual(['late']);
  });

  it('streams after catching up: each streamed page is stored and notified, and a stream that ends reconnects soon', async () => {
    const { store, clock, provider, poller, results } = setup({ settings: { mode: 'stream' }, random: () => 1 });
    provider.steps.push(page(['a'], 'c1'));
    const streams: (string | null)[] = [];
    provider.stream = async (_ctx, cursor, onPage) => {
      streams.push(cursor);
      if (streams.length === 1) {
        await onPage(page(['s1'], 'c2'));
        await onPage(page(['s1', 's2'], 'c3'));
      }
    };
    poller.start();
    await until(() => streams.length === 1 && poller.phase === 'ok' && poller.nextPollAt !== null, 'first stream ended');
    expect(streams[0]).toBe('c1');
    expect(results.map((r) => r.inserted.map((e) => e.id))).toEqual([['a'], ['s1'], ['s2']]);
    expect(results.slice(1).every((r) => !r.firstSync)).toBe(true);
    expect(store.feedState('f1')!.cursor).toBe('c3');
    // A normal end reconnects after a short pause, not after the polling interval.
    expect(poller.nextPollAt! - clock.now()).toBe(BACKOFF_BASE_MS);
    await clock.advance(BACKOFF_BASE_MS);
    await until(() => streams.length === 2, 'reconnect');
    expect(streams[1]).toBe('c3');
  });

  it('backs off when a stream fails (e.g. no ping for too long)', async () => {
    const { store, clock, provider, poller, results } = setup({ settings: { mode: 'stream' }, random: () => 1 });
    provider.steps.push(page(['a'], 'c1'));
    let calls = 0;
    provider.stream = async () => {
      calls++;
      throw new FeedError('network', 'No ping from Evotor for 90 s');
    };
    poller.start();
    await until(() => calls === 1 && poller.phase === 'error', 'stream failure');
    expect(store.feedState('f1')!.lastError).toMatchObject({ kind: 'network', message: 'No ping from Evotor for 90 s' });
    expect(poller.nextPollAt! - clock.now()).toBe(BACKOFF_BASE_MS);
    expect(results.at(-1)!.error).toMatchObject({ kind: 'network' });
    // 'a' was reported once, by the paging run; the failed stream reports nothing again.
    expect(results.map((r) => r.inserted.map((e) => e.id))).toEqual([['a'], []]);
  });

  it('gives a signed-in feed its access token, and on a 401 refreshes it once and asks again', async () => {
    let issued = 0;
    const invalidated: string[] = [];
    const tokens: AccessTokenSource = {
      applies: (feed) => feed.settings['auth'] === 'oidc',
      accessToken: async () => `access-${++issued}`,
      invalidate: (feed) => invalidated.push(feed.id),
    };
    const { store, provider, poller, results } = setup({
      needsSecret: true,
      secret: 'stored-secret-unused',
      settings: { auth: 'oidc' },
      accessTokens: tokens,
    });
    const seen: (string | null)[] = [];
    provider.steps.push(
      async (ctx) => {
        seen.push(ctx.secret);
        throw new FeedError('auth', 'HTTP 401');
      },
      async (ctx) => {
        seen.push(ctx.secret);
        return page(['a'], 'c1', true);
      },
      async (ctx) => {
        seen.push(ctx.secret);
        return page(['b'], 'c2');
      },
    );
    poller.start();
    await until(() => results.length === 1, 'sync');
    expect(results[0]!.error).toBeNull();
    expect(seen).toEqual(['access-1', 'access-2', 'access-2']);
    expect(invalidated).toEqual(['f1']);
    expect(store.count('f1')).toBe(2);
  });

  it('stops at the second 401 in a row: the feed waits for the user to sign in again', async () => {
    const tokens: AccessTokenSource = { applies: () => true, accessToken: async () => 'access', invalidate: () => {} };
    const { provider, poller, results } = setup({ needsSecret: true, accessTokens: tokens });
    provider.steps.push(new FeedError('auth', 'HTTP 401'), new FeedError('auth', 'HTTP 401'), page(['never'], 'c1'));
    poller.start();
    await until(() => results.length === 1, 'sync');
    expect(results[0]!.error).toMatchObject({ kind: 'auth' });
    expect(provider.calls).toHaveLength(2);
    expect(poller.phase).toBe('error');
  });
});

describe('FeedPoller: transient failures within one run', () => {
  const policy = DEFAULT_RETRY_POLICY;

  it('retries a 503, a reset and a 429 within the run and ends it without an error', async () => {
    const { store, clock, provider, poller, results } = setup({ retryPolicy: policy, random: () => 1 });
    provider.steps.push(new FeedError('server', 'HTTP 503'), new FeedError('network', 'ECONNRESET'), page(['a'], 'c1'));
    const run = poller.syncOnce();
    await until(() => clock.pending === 1, 'the first retry to wait');
    expect(clock.nextTimerAt! - clock.now()).toBe(policy.baseDelayMs);
    await clock.advance(policy.baseDelayMs);
    await until(() => clock.pending === 1, 'the second retry to wait');
    expect(clock.nextTimerAt! - clock.now()).toBe(policy.baseDelayMs * 2);
    await clock.advance(policy.baseDelayMs * 2);
    const result = await run;
    expect(result.error).toBeNull();
    expect(provider.calls).toEqual([null, null, null]);
    expect(store.count('f1')).toBe(1);
    expect(store.feedState('f1')!.lastError).toBeNull();
    expect(results).toHaveLength(1);
  });

  it('honours a Retry-After within the cap exactly', async () => {
    const { clock, provider, poller } = setup({ retryPolicy: policy });
    provider.steps.push(new FeedError('rate-limit', 'HTTP 429', { retryAfterMs: 7_000 }), page(['a'], 'c1'));
    const run = poller.syncOnce();
    await until(() => clock.pending === 1, 'the retry to wait');
    expect(clock.nextTimerAt! - clock.now()).toBe(7_000);
    await clock.advance(6_999);
    expect(provider.calls).toHaveLength(1);
    await clock.advance(1);
    expect((await run).error).toBeNull();
  });

  it('gives up after the tries and says so; a Retry-After over the cap ends the run at once, saying how long the service asked for', async () => {
    const { store, clock, provider, poller } = setup({ retryPolicy: policy, random: () => 0 });
    provider.steps.push(
      new FeedError('server', 'HTTP 500'),
      new FeedError('server', 'HTTP 500'),
      new FeedError('server', 'HTTP 502'),
    );
    const run = poller.syncOnce();
    for (let i = 0; i < 2; i++) {
      await until(() => clock.pending === 1, `retry ${i + 1}`);
      await clock.advance(clock.nextTimerAt! - clock.now());
    }
    const failed = await run;
    expect(failed.error).toMatchObject({ kind: 'server', message: 'HTTP 502 (tried 3 times)' });
    expect(provider.calls).toHaveLength(3);

    provider.steps.push(new FeedError('rate-limit', 'HTTP 429', { retryAfterMs: 5 * 60_000 }));
    const throttled = await poller.syncOnce();
    expect(throttled.error).toMatchObject({
      kind: 'rate-limit',
      message: 'HTTP 429 (the service asked to wait 5 min)',
      retryAfterMs: 300_000,
    });
    expect(provider.calls).toHaveLength(4);
    expect(store.feedState('f1')!.lastError!.message).toContain('asked to wait 5 min');
  });

  it('does not retry what the user must fix, nor what the service cannot read', async () => {
    const { provider, poller } = setup({ retryPolicy: policy });
    provider.steps.push(new FeedError('auth', 'HTTP 401'));
    expect((await poller.syncOnce()).error).toMatchObject({ kind: 'auth' });
    provider.steps.push(new FeedError('protocol', 'bad page'));
    expect((await poller.syncOnce()).error).toMatchObject({ kind: 'protocol' });
    expect(provider.calls).toHaveLength(2);
  });

  it('keeps retries within the time budget', async () => {
    const { clock, provider, poller } = setup({ retryPolicy: { ...policy, budgetMs: 10_000 } });
    provider.steps.push(
      new FeedError('rate-limit', 'HTTP 429', { retryAfterMs: 9_000 }),
      new FeedError('rate-limit', 'HTTP 429', { retryAfterMs: 9_000 }),
    );
    const run = poller.syncOnce();
    await until(() => clock.pending === 1, 'the first retry');
    await clock.advance(9_000);
    const result = await run;
    expect(result.error).toMatchObject({
      kind: 'rate-limit',
      message: 'HTTP 429 (tried 2 times; the service asked to wait 9 s)',
    });
    expect(provider.calls).toHaveLength(2);
  });

  it('a stop during a retry wait ends the run as cancelled, not as a failure', async () => {
    const { store, clock, provider, poller } = setup({ retryPolicy: policy });
    provider.steps.push(new FeedError('server', 'HTTP 503'));
    poller.start();
    await until(() => clock.pending === 1, 'the retry to wait');
    await poller.stop();
    expect(store.feedState('f1')!.lastError).toBeNull();
  });
});
