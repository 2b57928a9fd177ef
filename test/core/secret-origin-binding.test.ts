// Secrets bound to the origin they were entered for, through the core: what the form stores, what a changed address
// deletes, what the poller, the Kontur sign-in and Extern sharing refuse to send when the settings were changed behind
// the core's back (a hand-edited settings file, a CLI config), and the migration of secrets stored without an origin.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedConfigEntry } from '../../preload/contract.ts';
import { DIADOC_KONTUR_SCOPES } from '../../main/core/feeds/diadoc/index.ts';
import { konturOidcConfig as oidcConfig } from '../../main/core/feeds/kontur/kontur-sign-in.ts';
import { KonturTokenSource } from '../../main/core/feeds/kontur/kontur-token-source.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import type { FeedConfig } from '../../main/core/model.ts';
import type { Logger } from '../../main/core/ports.ts';
import { AppSecretStore, KeychainSecretStore, SecretOriginError, type KeyringBinding } from '../../main/core/secrets/index.ts';
import { secretOriginsOf } from '../../main/core/services/capability-host.ts';
import { BUILT_IN_PROVIDERS } from '../../main/core/feeds/registry.ts';
import { startDiadocMock, type DiadocMock } from '../mocks/diadoc-mock.ts';
import { startExternMock } from '../mocks/extern-mock.ts';
import { KonturIdentityMock } from '../mocks/kontur-identity-mock.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).toReversed()) await cleanup();
});

const origin = (url: string) => new URL(url).origin;
const konturOidcConfig = (feed: FeedConfig) => oidcConfig(feed, DIADOC_KONTUR_SCOPES);

/** The secret origins of the built-in providers, as the core composes them. */
const origins = secretOriginsOf(BUILT_IN_PROVIDERS);
const secretOrigins = (feed: FeedConfig, name?: string) => origins.of(feed, name);
const changedAddresses = (before: FeedConfig, after: FeedConfig) => origins.changed(before, after);

function open(feeds: FeedConfig[], secrets: MemorySecretStore) {
  const lines: string[] = [];
  const log: Logger = {
    info: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds: new MemoryFeedsRepository(feeds),
    settings: new MemorySettingsStore({ language: 'ru' }),
    secrets,
    log,
    httpOptions: { connectTimeoutMs: 2000, headersTimeoutMs: 5000 },
  });
  cleanups.push(() => core.stop());
  return { core, lines };
}

async function diadoc(token: string): Promise<DiadocMock> {
  const mock = await startDiadocMock({ events: 10, token });
  cleanups.push(() => mock.stop());
  return mock;
}

function diadocFeed(mock: DiadocMock, settings: Record<string, unknown> = {}): FeedConfig {
  return parseFeedConfig(
    { id: 'dd', provider: 'diadoc', start: 'beginning', settings: { boxId: mock.boxId, baseUrl: mock.url, ...settings } },
    'dd',
  );
}

/** An Extern feed at these addresses. */
const at = (baseUrl: string, identityUrl?: string) =>
  parseFeedConfig({ id: 'x', provider: 'extern', settings: { baseUrl, ...(identityUrl ? { identityUrl } : {}) } }, 'x');

describe('which origins a secret is for', () => {
  it('the API for the token, the sign-in service for the refresh token, both for the API key', () => {
    const feed = parseFeedConfig({ id: 'x', provider: 'extern', settings: { baseUrl: 'https://extern.example:8443/api/' } }, 'x');
    expect(secretOrigins(feed)).toEqual(['https://extern.example:8443']);
    expect(secretOrigins(feed, 'refresh')).toEqual(['https://identity.kontur.ru']);
    expect(secretOrigins(feed, 'apikey')).toEqual(['https://extern.example:8443', 'https://identity.kontur.ru']);
    const realty = parseFeedConfig(
      { id: 'r', provider: 'realty', settings: { orgId: '0f8fad5b-d9cb-469f-a165-70867728950e' } },
      'r',
    );
    expect(secretOrigins(realty)).toEqual(['https://api.kontur.ru']);
    expect(secretOrigins(realty, 'refresh')).toEqual([]);
  });

  it('a new path or a trailing slash on the same origin is no change; another host, port or scheme is', () => {
    expect(changedAddresses(at('https://a.example'), at('https://a.example/v2/'))).toEqual([]);
    expect(changedAddresses(at('https://a.example'), at('https://a.example', 'https://identity.kontur.ru/'))).toEqual([]);
    expect(changedAddresses(at('https://a.example'), at('https://a.example:444'))).toEqual([
      { what: 'api', from: 'https://a.example', to: 'https://a.example:444' },
    ]);
    expect(changedAddresses(at('https://a.example'), at('http://127.0.0.1:80'))).toHaveLength(1);
    expect(changedAddresses(at('https://a.example'), at('https://a.example', 'https://identity.testkontur.ru'))).toEqual([
      { what: 'identity', from: 'https://identity.kontur.ru', to: 'https://identity.testkontur.ru' },
    ]);
  });
});

describe('the core', () => {
  it('stores a typed secret with the origin of the feed’s address', async () => {
    const home = await diadoc('home-token-1');
    const secrets = new MemorySecretStore();
    const { core } = open([], secrets);
    const entry: FeedConfigEntry = {
      id: 'dd',
      provider: 'diadoc',
      name: 'Д',
      enabled: true,
      intervalSec: 60,
      start: 'beginning',
      settings: { boxId: home.boxId, baseUrl: home.url },
    };
    expect(await core.forms.add(entry, { main: home.token })).toMatchObject({ ok: true });
    expect(secrets.origins('dd')).toEqual([origin(home.url)]);
    await core.secrets.set('dd', 'replaced-token');
    expect(secrets.origins('dd')).toEqual([origin(home.url)]);
  });

  it('a new feed never inherits secrets left under its id', async () => {
    const home = await diadoc('home-token-2');
    const secrets = new MemorySecretStore({ dd: 'left-over', 'dd:apikey': 'old-key', 'dd:refresh': 'old-refresh' });
    const { core } = open([], secrets);
    const entry: FeedConfigEntry = {
      id: 'dd',
      provider: 'diadoc',
      name: 'Д',
      enabled: true,
      intervalSec: 60,
      start: 'beginning',
      settings: { boxId: home.boxId, baseUrl: home.url },
    };
    expect(await core.forms.add(entry, { main: home.token })).toMatchObject({ ok: true });
    expect(secrets.keys()).toEqual(['dd']);
    expect(await secrets.get('dd')).toBe(home.token);
    expect(await core.feeds.importConfig(JSON.stringify({ feeds: [{ ...entry, id: 'dd2' }] }))).toMatchObject({ ok: true });
    await secrets.set('dd3', 'left-over-3');
    expect(await core.feeds.importConfig(JSON.stringify({ feeds: [{ ...entry, id: 'dd3' }] }))).toMatchObject({ ok: true });
    expect(await secrets.has('dd3')).toBe(false);
  });

  it('updateFeed: the same origin keeps the secrets; another origin deletes every one of them and the sign-in', async () => {
    const home = await diadoc('home-token-3');
    const secrets = new MemorySecretStore();
    const feed = diadocFeed(home);
    const { core, lines } = open([feed], secrets);
    await secrets.set('dd', home.token, undefined, [origin(home.url)]);
    await secrets.set('dd', 'k', 'apikey', [origin(home.url), 'https://identity.kontur.ru']);
    await secrets.set('dd', 'r', 'refresh', ['https://identity.kontur.ru']);
    await core.feeds.update('dd', { name: 'Другое имя', settings: { boxId: home.boxId, baseUrl: `${home.url}/` } });
    expect(secrets.keys().toSorted()).toEqual(['dd', 'dd:apikey', 'dd:refresh']);
    await core.feeds.update('dd', { settings: { boxId: home.boxId, baseUrl: 'https://diadoc-api.kontur.ru' } });
    expect(secrets.keys()).toEqual([]);
    expect(lines.join('\n')).toMatch(
      /secrets: the feed’s address changed, so its stored secrets and sign-in were deleted .*"what":"api"/,
    );

    // The sign-in address alone counts too.
    await secrets.set('dd', 'r2', 'refresh', ['https://identity.kontur.ru']);
    await core.feeds.update('dd', {
      settings: { boxId: home.boxId, auth: 'oidc', clientId: 'c', identityUrl: 'https://identity.testkontur.ru' },
    });
    expect(await secrets.has('dd', 'refresh')).toBe(false);
  });

  it('updateFeedFromForm: a new origin needs the token again; the one typed is bound to the new origin, the rest deleted', async () => {
    const home = await diadoc('home-token-4');
    const other = await diadoc('other-token-4');
    const secrets = new MemorySecretStore();
    const { core } = open([diadocFeed(home)], secrets);
    await secrets.set('dd', home.token, undefined, [origin(home.url)]);
    await secrets.set('dd', 'k', 'apikey', [origin(home.url)]);
    const moved = { settings: { boxId: home.boxId, baseUrl: other.url } };
    expect(await core.forms.update('dd', moved, null)).toEqual({
      ok: false,
      errors: [
        {
          field: 'secret',
          message: {
            ru: 'Адрес сервиса изменился: сохранённый токен будет удалён — введите токен для нового адреса',
            en: expect.stringMatching(/^The service address changed/),
          },
        },
      ],
    });
    expect(core.feeds.entry('dd')?.settings['baseUrl']).toBe(home.url);
    expect(await core.forms.update('dd', moved, { main: other.token })).toMatchObject({ ok: true });
    expect(secrets.keys()).toEqual(['dd']);
    expect(await secrets.get('dd')).toBe(other.token);
    expect(secrets.origins('dd')).toEqual([origin(other.url)]);
    expect(await core.polling.test('dd')).toEqual({
      ok: true,
      title: { ru: 'Подключение работает', en: 'The connection works' },
    });
  });

  it('the poller refuses a stored token whose origin is not the feed’s address now; the other host gets nothing', async () => {
    const home = await diadoc('home-token-5');
    const other = await diadoc('other-token-5');
    const secrets = new MemorySecretStore();
    await secrets.set('dd', home.token, undefined, [origin(home.url)]);
    // The settings changed behind the core's back (a hand-edited settings file): the core starts with the new address.
    const { core } = open([diadocFeed(other)], secrets);
    const outcome = (await core.polling.syncAllOnce()).get('dd')!;
    expect(outcome.error).toBeInstanceOf(SecretOriginError);
    expect(outcome.error).toMatchObject({ kind: 'auth' });
    expect(core.polling.status('dd')?.lastError).toMatchObject({
      kind: 'auth',
      message: `The stored token was entered for another address (${origin(home.url)}), not for ${origin(other.url)}: enter it again`,
      hint: expect.stringMatching(/^Введите токен заново/),
    });
    expect(other.server.requests).toEqual([]);
    expect(JSON.stringify(core.polling.status('dd'))).not.toContain(home.token);
  });

  it('migration: a token stored without an origin is bound to the feed’s address at its first sync, and the app’s log says so', async () => {
    const home = await diadoc('home-token-6');
    // The app's store over a keychain that holds an entry from before origins were recorded (the bare token).
    const items = new Map<string, string>([['Feedbell/dd', home.token]]);
    const binding: KeyringBinding = {
      entry: (service, account) => ({
        setPassword: async (password) => void items.set(`${service}/${account}`, password),
        getPassword: async () => items.get(`${service}/${account}`) ?? null,
        deletePassword: async () => items.delete(`${service}/${account}`),
      }),
      accounts: async () => [...items.keys()].map((key) => key.slice('Feedbell/'.length)),
    };
    const lines: string[] = [];
    const log: Logger = { info: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`), warn() {}, error() {} };
    const secrets = new AppSecretStore({ allowSessionFallback: false, keychain: new KeychainSecretStore({ binding, log }), log });
    const core = FeedbellCore.open({
      dataDir: ':memory:',
      feeds: new MemoryFeedsRepository([diadocFeed(home)]),
      settings: new MemorySettingsStore(),
      secrets,
      log,
    });
    cleanups.push(() => core.stop());
    expect((await core.polling.syncAllOnce()).get('dd')).toMatchObject({ error: null, caughtUp: true });
    expect(items.get('Feedbell/dd')).toBe(JSON.stringify({ feedbell: 1, origins: [origin(home.url)], secret: home.token }));
    expect(lines).toContain(
      `secrets: a secret stored without its address is now bound to the feed’s current address {"feedId":"dd","name":"main","origins":["${origin(home.url)}"]}`,
    );
    expect(lines.join('\n')).not.toContain(home.token);
  });

  it('migration, in the test stores too: bound at the first sync', async () => {
    const home = await diadoc('home-token-7');
    const secrets = new MemorySecretStore({ dd: home.token });
    const { core } = open([diadocFeed(home)], secrets);
    expect(secrets.origins('dd')).toBeNull();
    expect((await core.polling.syncAllOnce()).get('dd')).toMatchObject({ error: null, caughtUp: true });
    expect(secrets.origins('dd')).toEqual([origin(home.url)]);
  });
});

describe('the Kontur sign-in', () => {
  it('keeps the refresh token with the sign-in service’s origin and never sends it to another one', async () => {
    const identity = await KonturIdentityMock.start({ clientSecret: null });
    const elsewhere = await KonturIdentityMock.start({ clientSecret: null });
    const http = new HttpClient();
    cleanups.push(
      () => identity.stop(),
      () => elsewhere.stop(),
      () => http.close(),
    );
    const secrets = new MemorySecretStore();
    const source = new KonturTokenSource({ http, secrets });
    const feed = (identityUrl: string) =>
      parseFeedConfig(
        {
          id: 'dd',
          provider: 'diadoc',
          settings: { boxId: '0f8fad5b-d9cb-469f-a165-70867728950e', auth: 'oidc', clientId: identity.clientId, identityUrl },
        },
        'dd',
      );
    const refresh = identity.issueRefreshToken('openid offline_access Diadoc.PublicAPI');
    await source.accept('dd', konturOidcConfig(feed(identity.url)), { accessToken: 'a', refreshToken: refresh, expiresAt: 0 });
    expect(secrets.origins('dd', 'refresh')).toEqual([origin(identity.url)]);
    expect(await source.accessToken('dd', konturOidcConfig(feed(identity.url)), AbortSignal.timeout(5000))).toMatch(/.+/);

    const err = await source
      .accessToken('dd', konturOidcConfig(feed(elsewhere.url)), AbortSignal.timeout(5000))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretOriginError);
    expect(err).toMatchObject({ kind: 'auth', hint: expect.stringMatching(/^Войдите в Контур заново/) });
    expect(elsewhere.server.requests).toEqual([]);
  });
});

describe('Extern sharing', () => {
  it('sends the stored token and API key only to the Extern address they were entered for', async () => {
    const home = await startExternMock({ events: 1 });
    const other = await startExternMock({ events: 1 });
    cleanups.push(
      () => home.stop(),
      () => other.stop(),
    );
    const secrets = new MemorySecretStore();
    await secrets.set('ex', 'extern-token-home-1234', undefined, [origin(home.url)]);
    await secrets.set('ex', 'extern-key-home-5678', 'apikey', [origin(home.url)]);
    const feed = parseFeedConfig({ id: 'ex', provider: 'extern', settings: { baseUrl: other.url } }, 'ex');
    const { core } = open([feed], secrets);
    const answer = await createRequestHandlers(core, { version: 'test', platform: 'test' })['sharing:publishers']('ex');
    expect(answer).toMatchObject({ ok: false, detail: expect.stringMatching(/entered for another address/) });
    expect(other.server.requests).toEqual([]);
  });
});
