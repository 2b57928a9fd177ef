// Kontur OpenID Connect sign-in: the device flow and token refresh, with the real HttpClient against
// the identity mock on 127.0.0.1 and a FakeClock for the waits and expiry.
import { afterEach, describe, expect, it } from 'vitest';
import { DIADOC_KONTUR_SCOPES } from '../../main/core/feeds/diadoc/index.ts';
import { EXTERN_KONTUR_SCOPES } from '../../main/core/feeds/extern/index.ts';
import {
  identityUrlOf,
  pollDeviceToken,
  refreshAccessToken,
  scopeOf,
  SIGN_IN_AGAIN_HINT,
  startDeviceAuthorization,
  type KonturOidcConfig,
} from '../../main/core/feeds/kontur/kontur-oidc.ts';
import { KonturTokenSource, type DeviceCodePrompt } from '../../main/core/feeds/kontur/kontur-token-source.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { FeedError } from '../../main/core/model.ts';
import type { WritableSecretStore } from '../../main/core/ports.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { isValidAccessToken, KonturIdentityMock, type KonturIdentityMockOptions } from '../mocks/kontur-identity-mock.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).toReversed()) await step();
});

/** A WritableSecretStore in memory that records every write, so a test can prove what was (not) stored. */
class RecordingSecretStore implements WritableSecretStore {
  readonly backend = 'session' as const;
  readonly values = new Map<string, string>();
  readonly writes: { account: string; value: string }[] = [];
  readonly deletes: string[] = [];
  async get(feedId: string, name?: string): Promise<string | null> {
    return this.values.get(account(feedId, name)) ?? null;
  }
  async set(feedId: string, value: string, name?: string): Promise<void> {
    this.writes.push({ account: account(feedId, name), value });
    this.values.set(account(feedId, name), value);
  }
  async delete(feedId: string, name?: string): Promise<void> {
    this.deletes.push(account(feedId, name));
    this.values.delete(account(feedId, name));
  }
  async has(feedId: string, name?: string): Promise<boolean> {
    return this.values.has(account(feedId, name));
  }
}

function account(feedId: string, name?: string): string {
  return name ? `${feedId}:${name}` : feedId;
}

interface Setup {
  clock: FakeClock;
  mock: KonturIdentityMock;
  http: HttpClient;
  store: RecordingSecretStore;
  config: KonturOidcConfig;
  source: KonturTokenSource;
}

async function setup(options: KonturIdentityMockOptions = {}, config: Partial<KonturOidcConfig> = {}): Promise<Setup> {
  const clock = new FakeClock();
  const mock = await KonturIdentityMock.start({ now: () => clock.now(), ...options });
  cleanup.push(() => mock.stop());
  const http = new HttpClient({ connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  cleanup.push(() => http.close());
  const store = new RecordingSecretStore();
  const fullConfig: KonturOidcConfig = {
    scopes: EXTERN_KONTUR_SCOPES,
    clientId: mock.clientId,
    clientSecret: mock.clientSecret,
    identityUrl: mock.url,
    ...config,
  };
  const source = new KonturTokenSource({ http, secrets: store, clock });
  return { clock, mock, http, store, config: fullConfig, source };
}

const signal = () => AbortSignal.timeout(10_000);

/** Waits with real (short) timers until `condition` holds; bounded. */
async function waitFor(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Runs `promise` to the end, moving the fake clock to each sleep's wake-up time once the code under
 * test is asleep; `beforeWake` sees every turn (to approve a code after some polls, say).
 */
async function drive<T>(clock: FakeClock, promise: Promise<T>, beforeWake: () => void = () => {}): Promise<T> {
  const state = { done: false };
  const watched = promise.finally(() => {
    state.done = true;
  });
  watched.catch(() => {});
  for (let turn = 0; turn < 500 && !state.done; turn++) {
    await waitFor(() => state.done || clock.pending > 0, 'the poller to sleep or finish');
    if (state.done) break;
    beforeWake();
    await clock.advance(clock.nextTimerAt! - clock.now());
  }
  return watched;
}

async function caught(promise: Promise<unknown>): Promise<FeedError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof FeedError) return err;
    throw err;
  }
  throw new Error('expected a FeedError');
}

/** Every word of an error a user or a log could see. */
function wordsOf(err: FeedError): string {
  return [err.message, err.hint ?? '', err.detail ?? '', String(err), JSON.stringify(err)].join('\n');
}

describe('configuration defaults', () => {
  it('has per-service scopes and Kontur identity hosts, each overridable', () => {
    expect(scopeOf({ scopes: DIADOC_KONTUR_SCOPES, clientId: 'c' })).toBe('openid profile email offline_access Diadoc.PublicAPI');
    expect(scopeOf({ scopes: DIADOC_KONTUR_SCOPES, clientId: 'c', environment: 'test' })).toBe(
      'openid profile email offline_access Diadoc.PublicAPI.Staging',
    );
    expect(scopeOf({ scopes: EXTERN_KONTUR_SCOPES, clientId: 'c' })).toBe('openid offline_access extern.api');
    expect(scopeOf({ scopes: EXTERN_KONTUR_SCOPES, clientId: 'c', scope: 'openid extern.api' })).toBe('openid extern.api');
    expect(identityUrlOf({ scopes: EXTERN_KONTUR_SCOPES, clientId: 'c' })).toBe('https://identity.kontur.ru');
    expect(identityUrlOf({ scopes: DIADOC_KONTUR_SCOPES, clientId: 'c', environment: 'test' })).toBe(
      'https://identity.testkontur.ru',
    );
    expect(identityUrlOf({ scopes: DIADOC_KONTUR_SCOPES, clientId: 'c', identityUrl: 'http://127.0.0.1:9/' })).toBe(
      'http://127.0.0.1:9',
    );
    expect(EXTERN_KONTUR_SCOPES.production).toContain('offline_access');
  });
});

describe('device authorization flow', () => {
  it('pending, then slow_down when polled too fast (interval grows by 5 s), then approved', async () => {
    const { clock, mock, http, config } = await setup({ intervalSec: 5 });
    const auth = await startDeviceAuthorization(http, config, signal(), clock);
    expect(auth.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(auth.verificationUri).toBe(`${mock.url}/device`);
    expect(auth.verificationUriComplete).toContain(auth.userCode);
    expect(auth.intervalSec).toBe(5);
    expect(auth.expiresAt).toBe(clock.now() + 600_000);
    expect(mock.lastClientAuth).toBe('basic');
    expect(mock.server.requestsTo('/connect/deviceauthorization')[0]!.body).toContain('scope=openid+offline_access+extern.api');

    const pending: { intervalSec: number; slowDown: boolean }[] = [];
    // The client ignores the advertised interval and polls every second: the mock tells it to slow down.
    const tokens = await drive(
      clock,
      pollDeviceToken(http, config, auth.deviceCode, {
        clock,
        signal: signal(),
        intervalSec: 1,
        expiresAt: auth.expiresAt,
        onPending: (state) => pending.push(state),
      }),
      () => {
        if (mock.device(auth.userCode).answers.length === 3) mock.approve(auth.userCode);
      },
    );
    const device = mock.device(auth.userCode);
    expect(device.answers).toEqual(['authorization_pending', 'slow_down', 'authorization_pending', 'tokens']);
    expect(device.gapsSec).toEqual([1, 6, 6]);
    expect(pending).toEqual([
      { intervalSec: 1, slowDown: false },
      { intervalSec: 6, slowDown: true },
      { intervalSec: 6, slowDown: false },
    ]);
    expect(mock.isValidAccessToken(tokens.accessToken)).toBe(true);
    expect(isValidAccessToken(tokens.accessToken)).toBe(true);
    expect(tokens.refreshToken).toMatch(/^krt_/);
    expect(tokens.expiresAt).toBe(clock.now() + 3600_000);
    expect(tokens.scope).toBe('openid offline_access extern.api');
  });

  it('honours the advertised interval and a slow_down asked for by the server', async () => {
    const { clock, mock, http, config } = await setup({ intervalSec: 5 });
    const auth = await startDeviceAuthorization(http, config, signal(), clock);
    mock.slowDownNext(2);
    const started = clock.now();
    const tokens = await drive(
      clock,
      pollDeviceToken(http, config, auth.deviceCode, {
        clock,
        signal: signal(),
        intervalSec: auth.intervalSec,
        expiresAt: auth.expiresAt,
      }),
      () => {
        if (mock.device(auth.userCode).answers.length === 3) mock.approve(auth.userCode);
      },
    );
    const device = mock.device(auth.userCode);
    expect(device.answers).toEqual(['slow_down', 'slow_down', 'authorization_pending', 'tokens']);
    expect(device.gapsSec).toEqual([10, 15, 15]);
    expect(clock.now() - started).toBe((5 + 10 + 15 + 15) * 1000);
    expect(tokens.accessToken).toMatch(/^kat_/);
    // A used code cannot be traded again.
    const again = await caught(
      drive(
        clock,
        pollDeviceToken(http, config, auth.deviceCode, { clock, signal: signal(), intervalSec: 5, expiresAt: auth.expiresAt }),
      ),
    );
    expect(again.kind).toBe('auth');
  });

  it('an expired code ends the flow with an auth error and a plain hint', async () => {
    const { clock, mock, http, config } = await setup();
    const auth = await startDeviceAuthorization(http, config, signal(), clock);
    const err = await caught(
      drive(
        clock,
        pollDeviceToken(http, config, auth.deviceCode, { clock, signal: signal(), intervalSec: 5, expiresAt: auth.expiresAt }),
        () => {
          if (mock.device(auth.userCode).answers.length === 2) mock.expire(auth.userCode);
        },
      ),
    );
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/expired/);
    expect(err.hint).toMatch(/заново.*again/);
    expect(err.detail).toBe('expired_token');
    expect(mock.device(auth.userCode).answers).toEqual(['authorization_pending', 'authorization_pending', 'expired_token']);
  });

  it('stops by itself at the code expiry without polling past it', async () => {
    const { clock, mock, http, config } = await setup({ deviceExpiresInSec: 30, intervalSec: 5 });
    const auth = await startDeviceAuthorization(http, config, signal(), clock);
    const err = await caught(
      drive(
        clock,
        pollDeviceToken(http, config, auth.deviceCode, {
          clock,
          signal: signal(),
          intervalSec: auth.intervalSec,
          expiresAt: auth.expiresAt,
        }),
      ),
    );
    expect(err.kind).toBe('auth');
    expect(err.detail).toBe('expired_token');
    expect(mock.device(auth.userCode).answers).toEqual(Array(5).fill('authorization_pending'));
    expect(clock.now()).toBe(auth.expiresAt);
  });

  it('a declined sign-in is an auth error', async () => {
    const { clock, mock, http, config } = await setup();
    const auth = await startDeviceAuthorization(http, config, signal(), clock);
    mock.deny(auth.userCode);
    const err = await caught(
      drive(
        clock,
        pollDeviceToken(http, config, auth.deviceCode, { clock, signal: signal(), intervalSec: 5, expiresAt: auth.expiresAt }),
      ),
    );
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/declined/);
    expect(err.detail).toBe('access_denied');
    expect(err.hint).toMatch(/Start the Kontur sign-in again/);
  });

  it('cancelling stops the polling at once', async () => {
    const { clock, http, config } = await setup();
    const auth = await startDeviceAuthorization(http, config, signal(), clock);
    const controller = new AbortController();
    const polling = pollDeviceToken(http, config, auth.deviceCode, {
      clock,
      signal: controller.signal,
      intervalSec: 5,
      expiresAt: auth.expiresAt,
    });
    await waitFor(() => clock.pending > 0, 'the first wait');
    controller.abort();
    await expect(polling).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rides out a brief identity outage while polling', async () => {
    const { clock, mock, http, config } = await setup();
    const auth = await startDeviceAuthorization(http, config, signal(), clock);
    mock.approve(auth.userCode);
    mock.server.inject({ kind: 'respond', response: { status: 503, body: 'maintenance' } });
    mock.server.inject({ kind: 'reset' });
    const tokens = await drive(
      clock,
      pollDeviceToken(http, config, auth.deviceCode, { clock, signal: signal(), intervalSec: 5, expiresAt: auth.expiresAt }),
    );
    expect(tokens.accessToken).toMatch(/^kat_/);
    expect(mock.server.requestsTo('/connect/token')).toHaveLength(3);
  });

  it('authenticates the client by Basic or by form fields, or as a public client; a wrong key is refused with a hint', async () => {
    const { clock, mock, http, config } = await setup();
    await startDeviceAuthorization(http, { ...config, clientAuth: 'form' }, signal(), clock);
    expect(mock.lastClientAuth).toBe('form');
    const form = new URLSearchParams(mock.server.requests.at(-1)!.body);
    expect(form.get('client_id')).toBe(mock.clientId);
    expect(mock.server.requests.at(-1)!.headers['authorization']).toBeUndefined();

    const wrong = await caught(startDeviceAuthorization(http, { ...config, clientSecret: 'not-the-key-123' }, signal(), clock));
    expect(wrong.kind).toBe('auth');
    expect(wrong.hint).toMatch(/client id and the API key/);
    expect(wordsOf(wrong)).not.toContain('not-the-key-123');

    const publicMock = await KonturIdentityMock.start({ clientSecret: null, now: () => clock.now() });
    cleanup.push(() => publicMock.stop());
    await startDeviceAuthorization(http, { ...config, identityUrl: publicMock.url, clientSecret: null }, signal(), clock);
    expect(publicMock.lastClientAuth).toBe('none');
  });

  it('asks for the Diadoc scope for a Diadoc feed', async () => {
    const { clock, mock, http, config } = await setup({}, { scopes: DIADOC_KONTUR_SCOPES });
    await startDeviceAuthorization(http, config, signal(), clock);
    const form = new URLSearchParams(mock.server.requests.at(-1)!.body);
    expect(form.get('scope')).toBe('openid profile email offline_access Diadoc.PublicAPI');
  });
});

/** Signs the feed in through the whole device flow; returns what the window was shown. */
async function signInFeed(s: Setup, feedId = 'ext-1'): Promise<DeviceCodePrompt> {
  let prompt: DeviceCodePrompt | null = null;
  await drive(
    s.clock,
    s.source.signIn(feedId, s.config, {
      signal: signal(),
      onCode: (p) => {
        prompt = p;
      },
    }),
    () => {
      if (prompt && s.mock.device(prompt.userCode).state === 'pending') s.mock.approve(prompt.userCode);
    },
  );
  return prompt!;
}

describe('KonturTokenSource', () => {
  it('signs in by the device flow: refresh token in the store as <feedId>:refresh, access token in memory only', async () => {
    const s = await setup();
    const prompt = await signInFeed(s);
    expect(Object.keys(prompt).toSorted()).toEqual([
      'expiresAt',
      'intervalSec',
      'userCode',
      'verificationUri',
      'verificationUriComplete',
    ]);
    expect([...s.store.values.keys()]).toEqual(['ext-1:refresh']);
    expect(s.mock.activeRefreshTokens).toContain(s.store.values.get('ext-1:refresh'));
    expect(await s.source.isSignedIn('ext-1')).toBe(true);

    const token = await s.source.accessToken('ext-1', s.config, signal());
    expect(s.mock.isValidAccessToken(token)).toBe(true);
    expect(s.mock.refreshRequests).toBe(0);
    expect(s.store.writes.map((w) => w.value)).not.toContain(token);
  });

  it('refreshes shortly before the access token expires, not earlier', async () => {
    const s = await setup({ expiresInSec: 3600 });
    await signInFeed(s);
    const first = await s.source.accessToken('ext-1', s.config, signal());
    await s.clock.advance(3600_000 - 61_000);
    expect(await s.source.accessToken('ext-1', s.config, signal())).toBe(first);
    expect(s.mock.refreshRequests).toBe(0);
    await s.clock.advance(2_000);
    const second = await s.source.accessToken('ext-1', s.config, signal());
    expect(second).not.toBe(first);
    expect(s.mock.refreshRequests).toBe(1);
    expect(s.mock.isValidAccessToken(second)).toBe(true);
    expect(await s.source.accessToken('ext-1', s.config, signal())).toBe(second);
    expect(s.mock.refreshRequests).toBe(1);
  });

  it('a short-lived token is refreshed at half its lifetime', async () => {
    const s = await setup({ expiresInSec: 60 });
    s.store.values.set('ext-1:refresh', s.mock.issueRefreshToken());
    const first = await s.source.accessToken('ext-1', s.config, signal());
    expect(s.mock.refreshRequests).toBe(1);
    // Lifetime 60 s, early margin 60 s: the token would be refreshed on every call; it must be used for a while.
    await s.clock.advance(1_000);
    expect(await s.source.accessToken('ext-1', s.config, signal())).toBe(first);
  });

  it('after a 401 (invalidate) refreshes once; a stale token reported later does not cause a second refresh', async () => {
    const s = await setup();
    await signInFeed(s);
    const first = await s.source.accessToken('ext-1', s.config, signal());
    s.mock.revokeAccessTokens(); // the service now answers 401 to it
    expect(s.mock.isValidAccessToken(first)).toBe(false);
    s.source.invalidate('ext-1', first);
    const second = await s.source.accessToken('ext-1', s.config, signal());
    expect(second).not.toBe(first);
    expect(s.mock.isValidAccessToken(second)).toBe(true);
    expect(s.mock.refreshRequests).toBe(1);
    // Another caller that also held `first` reports its 401 late: the fresh token stays.
    s.source.invalidate('ext-1', first);
    expect(await s.source.accessToken('ext-1', s.config, signal())).toBe(second);
    expect(s.mock.refreshRequests).toBe(1);
    // Without a token, invalidate always forgets.
    s.source.invalidate('ext-1');
    expect(await s.source.accessToken('ext-1', s.config, signal())).not.toBe(second);
    expect(s.mock.refreshRequests).toBe(2);
  });

  it('a refused refresh is an auth error asking to sign in again, and the dead refresh token is deleted', async () => {
    const s = await setup();
    await signInFeed(s);
    const refresh = s.store.values.get('ext-1:refresh')!;
    s.mock.revokeRefreshTokens();
    s.source.invalidate('ext-1');
    const err = await caught(s.source.accessToken('ext-1', s.config, signal()));
    expect(err.kind).toBe('auth');
    expect(err.hint).toBe(SIGN_IN_AGAIN_HINT);
    expect(err.hint).toContain('Войдите в Контур заново');
    expect(err.hint).toContain('Sign in to Kontur again');
    expect(s.store.deletes).toContain('ext-1:refresh');
    expect(await s.source.isSignedIn('ext-1')).toBe(false);
    expect(wordsOf(err)).not.toContain(refresh);
    // The next call does not even ask the identity service.
    const requests = s.mock.server.requests.length;
    const again = await caught(s.source.accessToken('ext-1', s.config, signal()));
    expect(again.kind).toBe('auth');
    expect(again.hint).toBe(SIGN_IN_AGAIN_HINT);
    expect(s.mock.server.requests.length).toBe(requests);
  });

  it('a transport or server failure during refresh keeps the refresh token and is not an auth error', async () => {
    const s = await setup();
    const refresh = s.mock.issueRefreshToken();
    s.store.values.set('ext-1:refresh', refresh);
    s.mock.server.inject({ kind: 'reset' });
    expect((await caught(s.source.accessToken('ext-1', s.config, signal()))).kind).toBe('network');
    s.mock.server.inject({ kind: 'respond', response: { status: 502, body: 'bad gateway' } });
    expect((await caught(s.source.accessToken('ext-1', s.config, signal()))).kind).toBe('server');
    s.mock.server.inject({ kind: 'malformed' });
    expect((await caught(s.source.accessToken('ext-1', s.config, signal()))).kind).toBe('protocol');
    expect(s.store.values.get('ext-1:refresh')).toBe(refresh);
    expect(s.store.deletes).toEqual([]);
    // Once the service is back, the same refresh token works.
    expect(s.mock.isValidAccessToken(await s.source.accessToken('ext-1', s.config, signal()))).toBe(true);
  });

  it('stores the rotated refresh token', async () => {
    const s = await setup({ rotateRefreshTokens: true });
    await signInFeed(s);
    const original = s.store.values.get('ext-1:refresh')!;
    s.source.invalidate('ext-1');
    await s.source.accessToken('ext-1', s.config, signal());
    const rotated = s.store.values.get('ext-1:refresh')!;
    expect(rotated).not.toBe(original);
    expect(s.mock.activeRefreshTokens).toEqual([rotated]);
    // And the rotated one works for the next refresh.
    s.source.invalidate('ext-1');
    await s.source.accessToken('ext-1', s.config, signal());
    expect(s.mock.refreshRequests).toBe(2);
    expect(s.store.values.get('ext-1:refresh')).not.toBe(rotated);
  });

  it('concurrent callers share one refresh in flight', async () => {
    const s = await setup({ rotateRefreshTokens: true });
    s.store.values.set('ext-1:refresh', s.mock.issueRefreshToken());
    s.mock.server.inject({ kind: 'delay', ms: 50 });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => s.source.accessToken('ext-1', s.config, signal())));
    expect(new Set(tokens).size).toBe(1);
    expect(s.mock.refreshRequests).toBe(1);
    expect(s.mock.isValidAccessToken(tokens[0]!)).toBe(true);
    // With rotation, a second refresh in parallel would have used a revoked token; none did.
    expect(s.store.writes.filter((w) => w.account === 'ext-1:refresh')).toHaveLength(1);
  });

  it('a caller that gives up does not cancel the refresh the others wait for', async () => {
    const s = await setup();
    s.store.values.set('ext-1:refresh', s.mock.issueRefreshToken());
    s.mock.server.inject({ kind: 'delay', ms: 100 });
    const impatient = new AbortController();
    const first = s.source.accessToken('ext-1', s.config, impatient.signal);
    const second = s.source.accessToken('ext-1', s.config, signal());
    impatient.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.mock.isValidAccessToken(await second)).toBe(true);
    expect(s.mock.refreshRequests).toBe(1);
  });

  it('feeds are independent, and a config for another client or scope gets its own token', async () => {
    const s = await setup();
    s.store.values.set('ext-1:refresh', s.mock.issueRefreshToken());
    s.store.values.set('ext-2:refresh', s.mock.issueRefreshToken());
    const a = await s.source.accessToken('ext-1', s.config, signal());
    const b = await s.source.accessToken('ext-2', s.config, signal());
    expect(a).not.toBe(b);
    const c = await s.source.accessToken('ext-1', { ...s.config, scope: 'openid offline_access extern.api profile' }, signal());
    expect(c).not.toBe(a);
    expect(s.mock.refreshRequests).toBe(3);
  });

  it('takes the client secret from the feed\'s "apikey" secret when the config has none', async () => {
    const s = await setup();
    s.store.values.set('ext-1:refresh', s.mock.issueRefreshToken());
    s.store.values.set('ext-1:apikey', s.mock.clientSecret!);
    const { clientSecret: _omitted, ...withoutSecret } = s.config;
    expect(s.mock.isValidAccessToken(await s.source.accessToken('ext-1', withoutSecret, signal()))).toBe(true);
    expect(s.mock.lastClientAuth).toBe('basic');
  });

  it('a feed that never signed in gets an auth error with the sign-in hint, without a request', async () => {
    const s = await setup();
    const err = await caught(s.source.accessToken('nobody', s.config, signal()));
    expect(err.kind).toBe('auth');
    expect(err.hint).toBe(SIGN_IN_AGAIN_HINT);
    expect(s.mock.server.requests).toHaveLength(0);
  });

  it('signing out forgets the access token and deletes the refresh token', async () => {
    const s = await setup();
    await signInFeed(s);
    await s.source.accessToken('ext-1', s.config, signal());
    await s.source.signOut('ext-1');
    expect(s.store.values.size).toBe(0);
    expect((await caught(s.source.accessToken('ext-1', s.config, signal()))).kind).toBe('auth');
  });

  it('never writes an access token to the secret store, through sign-in, refreshes and rotation', async () => {
    const s = await setup({ rotateRefreshTokens: true, expiresInSec: 120 });
    await signInFeed(s);
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      seen.add(await s.source.accessToken('ext-1', s.config, signal()));
      await s.clock.advance(61_000);
    }
    expect(seen.size).toBeGreaterThan(1);
    for (const write of s.store.writes) {
      expect(write.account).toBe('ext-1:refresh');
      expect(write.value).toMatch(/^krt_/);
      expect(seen.has(write.value)).toBe(false);
    }
    for (const token of seen) expect([...s.store.values.values()]).not.toContain(token);
  });

  it('no secret appears in any error, even when the server echoes them back', async () => {
    const s = await setup();
    const refresh = s.mock.issueRefreshToken();
    s.store.values.set('ext-1:refresh', refresh);
    const secrets = [refresh, s.mock.clientSecret!];
    const echo = `client ${s.mock.clientSecret} refresh ${refresh}`;
    const errors: FeedError[] = [];
    for (const response of [
      { status: 400, body: { error: 'invalid_grant', error_description: echo } },
      { status: 400, body: { error: `weird_${refresh}`, error_description: echo } },
      { status: 401, body: { error: 'invalid_client', error_description: echo } },
      { status: 400, body: { error: 'invalid_scope', error_description: echo } },
      { status: 404, body: echo },
      { status: 500, body: echo },
      { status: 429, body: echo },
    ]) {
      s.store.values.set('ext-1:refresh', refresh);
      s.source.invalidate('ext-1');
      s.mock.server.inject({ kind: 'respond', response });
      errors.push(await caught(s.source.accessToken('ext-1', s.config, signal())));
    }
    // And straight through the flow functions, with a device code in play.
    const auth = await startDeviceAuthorization(s.http, s.config, signal(), s.clock);
    secrets.push(auth.deviceCode);
    s.mock.server.inject({
      kind: 'respond',
      response: { status: 400, body: { error: 'access_denied', error_description: `code ${auth.deviceCode}` } },
    });
    errors.push(
      await caught(
        drive(
          s.clock,
          pollDeviceToken(s.http, s.config, auth.deviceCode, {
            clock: s.clock,
            signal: signal(),
            intervalSec: 5,
            expiresAt: auth.expiresAt,
          }),
        ),
      ),
    );
    s.mock.server.inject({
      kind: 'respond',
      response: { status: 400, body: { error: 'invalid_grant', error_description: echo } },
    });
    errors.push(await caught(refreshAccessToken(s.http, s.config, refresh, signal(), s.clock)));
    expect(errors.map((e) => e.kind)).toEqual([
      'auth',
      'protocol',
      'auth',
      'config',
      'protocol',
      'server',
      'rate-limit',
      'auth',
      'auth',
    ]);
    for (const err of errors) {
      const words = wordsOf(err);
      for (const secret of secrets) expect(words).not.toContain(secret);
    }
  });
});
