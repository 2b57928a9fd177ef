// A Diadoc feed signed in to Kontur (auth "oidc"): the poller gets access tokens from the refresh token in the
// secret store, refreshes after a 401, and asks the user to sign in again when the refresh token is dead.
import { afterEach, describe, expect, it } from 'vitest';
import { diadocProvider } from '../../main/core/feeds/diadoc/diadoc-provider.ts';
import { DIADOC_KONTUR_SCOPES } from '../../main/core/feeds/diadoc/index.ts';
import { konturOidcConfig } from '../../main/core/feeds/kontur/kontur-sign-in.ts';
import { KonturTokenSource } from '../../main/core/feeds/kontur/kontur-token-source.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import type { FeedConfig } from '../../main/core/model.ts';
import { silentLogger, systemClock, type AccessTokenSource, type WritableSecretStore } from '../../main/core/ports.ts';
import { FeedPoller } from '../../main/core/poller/feed-poller.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { startDiadocMock, type DiadocMock } from '../mocks/diadoc-mock.ts';
import { KonturIdentityMock } from '../mocks/kontur-identity-mock.ts';

class Secrets implements WritableSecretStore {
  readonly backend = 'session' as const;
  readonly values = new Map<string, string>();
  async get(feedId: string, name?: string) {
    return this.values.get(`${feedId}:${name ?? ''}`) ?? null;
  }
  async set(feedId: string, value: string, name?: string) {
    this.values.set(`${feedId}:${name ?? ''}`, value);
  }
  async delete(feedId: string, name?: string) {
    this.values.delete(`${feedId}:${name ?? ''}`);
  }
  async has(feedId: string, name?: string) {
    return this.values.has(`${feedId}:${name ?? ''}`);
  }
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).toReversed()) await step();
});

/** The sign-in's tokens as the Kontur sign-in capability hands them to the poller. */
function signInTokens(source: KonturTokenSource): AccessTokenSource {
  return {
    applies: (feed) => feed.settings['auth'] === 'oidc',
    accessToken: (feed, signal) => source.accessToken(feed.id, konturOidcConfig(feed, DIADOC_KONTUR_SCOPES), signal),
    invalidate: (feed, rejected) => source.invalidate(feed.id, rejected),
  };
}

async function setup() {
  const identity = await KonturIdentityMock.start({ clientSecret: null });
  const diadoc: DiadocMock = await startDiadocMock({ events: 120 });
  diadoc.acceptAccessToken = (token) => identity.isValidAccessToken(token);
  const http = new HttpClient();
  const store = EventStore.open(':memory:');
  const secrets = new Secrets();
  const source = new KonturTokenSource({ http, secrets });
  const feed: FeedConfig = {
    id: 'dd',
    provider: 'diadoc',
    name: 'Диадок',
    enabled: true,
    intervalSec: 60,
    start: { kind: 'beginning' },
    settings: { boxId: diadoc.boxId, baseUrl: diadoc.url, auth: 'oidc', clientId: identity.clientId, identityUrl: identity.url },
  };
  const poller = new FeedPoller(feed, diadocProvider, {
    store,
    secrets,
    http: () => http,
    clock: systemClock,
    log: silentLogger,
    accessTokens: signInTokens(source),
  });
  cleanup.push(
    () => identity.stop(),
    () => diadoc.stop(),
    () => http.close(),
    () => store.close(),
    () => poller.stop(),
  );
  return { identity, diadoc, store, secrets, poller, feed };
}

describe('a Diadoc feed signed in to Kontur', () => {
  it('syncs with access tokens from the stored refresh token, never storing an access token', async () => {
    const { identity, store, secrets, poller } = await setup();
    await secrets.set('dd', identity.issueRefreshToken('openid offline_access Diadoc.PublicAPI'), 'refresh');
    const result = await poller.syncOnce();
    expect(result.error).toBeNull();
    expect(store.count('dd')).toBe(120);
    expect([...secrets.values.keys()]).toEqual(['dd:refresh']);
  });

  it('refreshes once when the service says 401, and goes on', async () => {
    const { identity, diadoc, store, secrets, poller } = await setup();
    await secrets.set('dd', identity.issueRefreshToken(), 'refresh');
    expect((await poller.syncOnce()).error).toBeNull();
    identity.revokeAccessTokens();
    diadoc.addEvents(3);
    const tokenRequests = identity.server.requests.length;
    expect((await poller.syncOnce()).error).toBeNull();
    expect(store.count('dd')).toBe(123);
    expect(identity.server.requests.length).toBe(tokenRequests + 1);
  });

  it('asks to sign in again when the refresh token is no longer accepted', async () => {
    const { identity, secrets, poller, store } = await setup();
    const refresh = identity.issueRefreshToken();
    await secrets.set('dd', refresh, 'refresh');
    identity.revokeRefreshTokens();
    const result = await poller.syncOnce();
    expect(result.error).toMatchObject({ kind: 'auth', hint: expect.stringMatching(/Войдите в Контур заново/) });
    expect(await secrets.has('dd', 'refresh')).toBe(false);
    expect(JSON.stringify(store.feedState('dd'))).not.toContain(refresh);
  });

  it('without a sign-in at all, says so without calling Diadoc', async () => {
    const { diadoc, poller } = await setup();
    const result = await poller.syncOnce();
    expect(result.error).toMatchObject({ kind: 'auth' });
    expect(diadoc.server.requests).toHaveLength(0);
  });
});
