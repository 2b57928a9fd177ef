// A stored token goes only to the origin it was entered for. A window (a compromised renderer, say) makes two ordinary
// IPC calls through the real router, handlers and core: `feeds:update` pointing the feed at another host, then a
// sync. That host is a second mock on another port of 127.0.0.1 (another origin): no Authorization header, and never
// the stored token, may arrive there.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedConfigEntry, FeedSaveResult, FeedStatus } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import type { Logger } from '../../main/core/ports.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';
import { createIpcRouter, type IpcRouter } from '../../main/ipc/router.ts';
import { startDiadocMock } from '../mocks/diadoc-mock.ts';
import { startEvotorMock } from '../mocks/evotor-mock.ts';
import { KonturIdentityMock } from '../mocks/kontur-identity-mock.ts';
import type { MockServer } from '../mocks/mock-server.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).toReversed()) await cleanup();
});

function app() {
  const secrets = new MemorySecretStore();
  const lines: string[] = [];
  const log: Logger = {
    info: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds: new MemoryFeedsRepository(),
    settings: new MemorySettingsStore({ language: 'ru' }),
    secrets,
    log,
    httpOptions: { connectTimeoutMs: 2000, headersTimeoutMs: 5000 },
  });
  core.start();
  cleanups.push(() => core.stop());
  const router = createIpcRouter(createRequestHandlers(core, { version: 'test', platform: 'linux' }), log);
  return { core, secrets, router, lines };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function status(router: IpcRouter, feedId: string): Promise<FeedStatus> {
  return ((await router.dispatch('feeds:list', [])) as FeedStatus[]).find((f) => f.id === feedId)!;
}

/** Every request that reached `server` carrying `token` anywhere (a header, the query, the body). */
function leaks(server: MockServer, token: string): string[] {
  return server.requests.filter((r) => JSON.stringify(r).includes(token)).map((r) => `${r.method} ${r.path}`);
}

/** Every request that reached `server` with an Authorization header at all. */
function authorized(server: MockServer): string[] {
  return server.requests.filter((r) => 'authorization' in r.headers).map((r) => `${r.method} ${r.path}`);
}

describe('feeds:update to another origin, then a sync', () => {
  it('Diadoc: the update is refused until the token is entered again; the new host gets no Authorization', async () => {
    const home = await startDiadocMock({ events: 20, token: 'home-diadoc-token-7f3a' });
    const foreign = await startDiadocMock({ events: 20, token: 'foreign-diadoc-token-0c1d' });
    cleanups.push(
      () => home.stop(),
      () => foreign.stop(),
    );
    const { core, router, secrets } = app();
    const entry: FeedConfigEntry = {
      id: 'dd',
      provider: 'diadoc',
      name: 'Диадок',
      enabled: true,
      intervalSec: 3600,
      start: 'beginning',
      settings: { boxId: home.boxId, baseUrl: home.url },
    };
    expect(await router.dispatch('feeds:add', [entry, { main: home.token }])).toMatchObject({ ok: true });
    await until(() => core.store.count('dd') > 0, 'the first sync at home');

    // Call 1: point the feed at the other host, keeping the stored token.
    const update = (await router.dispatch('feeds:update', [
      'dd',
      { settings: { boxId: home.boxId, baseUrl: foreign.url } },
      null,
    ])) as FeedSaveResult;
    expect(update).toMatchObject({
      ok: false,
      errors: [{ field: 'secret', message: { ru: expect.stringMatching(/Адрес сервиса изменился/), en: expect.any(String) } }],
    });
    // Call 2: sync.
    const before = home.server.requests.length;
    await router.dispatch('feeds:syncNow', ['dd']);
    await until(() => home.server.requests.length > before, 'the sync');
    await until(async () => (await status(router, 'dd')).phase !== 'syncing', 'the sync to end');

    expect(foreign.server.requests).toEqual([]);
    expect(core.feeds.entry('dd')?.settings['baseUrl']).toBe(home.url);
    expect(await secrets.get('dd')).toBe(home.token);

    // With any token typed for the new address the update goes through, and the stored one is gone: only what was
    // typed for the new host ever reaches it.
    const typed = await router.dispatch('feeds:update', [
      'dd',
      { settings: { boxId: home.boxId, baseUrl: foreign.url } },
      { main: 'typed-for-the-new-host' },
    ]);
    expect(typed).toMatchObject({ ok: true });
    expect(await secrets.get('dd')).toBe('typed-for-the-new-host');
    await router.dispatch('feeds:syncNow', ['dd']);
    await until(() => foreign.server.requests.length > 0, 'a request to the new host');
    await until(async () => (await status(router, 'dd')).phase !== 'syncing', 'the sync to end');
    expect(leaks(foreign.server, home.token)).toEqual([]);
    expect(new Set(foreign.server.requests.map((r) => r.headers['authorization']))).toEqual(
      new Set(['Bearer typed-for-the-new-host']),
    );
  });

  it('Evotor (whose token is optional in the form): the update is saved, the stored token deleted; the new host gets no Authorization', async () => {
    const home = await startEvotorMock({ events: 10, token: 'home-evotor-token-5e2b' });
    const foreign = await startEvotorMock({ events: 10, token: 'foreign-evotor-token-9a4c' });
    cleanups.push(
      () => home.stop(),
      () => foreign.stop(),
    );
    const { core, router, secrets, lines } = app();
    const entry: FeedConfigEntry = {
      id: 'evo',
      provider: 'evotor',
      name: 'Эвотор',
      enabled: true,
      intervalSec: 3600,
      start: 'beginning',
      settings: { appId: home.appId, baseUrl: home.url },
    };
    expect(await router.dispatch('feeds:add', [entry, { main: home.token }])).toMatchObject({ ok: true });
    await until(() => core.store.count('evo') > 0, 'the first sync at home');

    const update = (await router.dispatch('feeds:update', [
      'evo',
      { settings: { appId: home.appId, baseUrl: foreign.url } },
      null,
    ])) as FeedSaveResult;
    expect(update).toMatchObject({ ok: true });
    expect(await secrets.has('evo')).toBe(false);
    await router.dispatch('feeds:syncNow', ['evo']);
    await until(async () => (await status(router, 'evo')).lastError !== null, 'the sync to fail');

    expect((await status(router, 'evo')).lastError).toMatchObject({ kind: 'auth', message: 'No secret is set for this feed' });
    expect(authorized(foreign.server)).toEqual([]);
    expect(leaks(foreign.server, home.token)).toEqual([]);
    expect(await router.dispatch('secrets:status', ['evo'])).toMatchObject({ main: false });
    expect(lines.join('\n')).toMatch(/the feed’s address changed, so its stored secrets and sign-in were deleted/);
    expect(lines.join('\n')).not.toContain(home.token);
  });

  it('a token entered again for the new address is sent there, and only there', async () => {
    const home = await startEvotorMock({ events: 10, token: 'home-evotor-token-5e2b' });
    const foreign = await startEvotorMock({ events: 10, token: 'foreign-evotor-token-9a4c' });
    cleanups.push(
      () => home.stop(),
      () => foreign.stop(),
    );
    const { core, router, secrets } = app();
    const entry: FeedConfigEntry = {
      id: 'evo',
      provider: 'evotor',
      name: 'Эвотор',
      enabled: true,
      intervalSec: 3600,
      start: 'beginning',
      settings: { appId: home.appId, baseUrl: home.url },
    };
    await router.dispatch('feeds:add', [entry, { main: home.token }]);
    await until(() => core.store.count('evo') > 0, 'the first sync at home');
    const update = await router.dispatch('feeds:update', [
      'evo',
      { settings: { appId: foreign.appId, baseUrl: foreign.url } },
      { main: foreign.token },
    ]);
    expect(update).toMatchObject({ ok: true });
    expect(secrets.origins('evo')).toEqual([new URL(foreign.url).origin]);
    await until(
      async () => foreign.server.requests.length > 0 && (await status(router, 'evo')).phase === 'ok',
      'a sync at the new host',
    );
    expect((await status(router, 'evo')).lastError).toBeNull();
    expect(leaks(foreign.server, home.token)).toEqual([]);
    expect(foreign.server.requests.every((r) => r.headers['authorization'] === `Bearer ${foreign.token}`)).toBe(true);
  });

  it('Diadoc signed in to Kontur: a new sign-in address deletes the sign-in; the new identity host gets no refresh token', async () => {
    const diadoc = await startDiadocMock({ events: 10 });
    const identity = await KonturIdentityMock.start({ clientSecret: null, intervalSec: 1 });
    const foreign = await KonturIdentityMock.start({ clientSecret: null, intervalSec: 1 });
    cleanups.push(
      () => diadoc.stop(),
      () => identity.stop(),
      () => foreign.stop(),
    );
    diadoc.acceptAccessToken = (token) => identity.isValidAccessToken(token);
    const { core, router, secrets } = app();
    const settings = {
      boxId: diadoc.boxId,
      baseUrl: diadoc.url,
      auth: 'oidc',
      clientId: identity.clientId,
      identityUrl: identity.url,
    };
    const entry: FeedConfigEntry = {
      id: 'dd',
      provider: 'diadoc',
      name: 'Диадок',
      enabled: true,
      intervalSec: 3600,
      start: 'beginning',
      settings,
    };
    expect(await router.dispatch('feeds:add', [entry, null])).toMatchObject({ ok: true });
    await router.dispatch('konturSignIn:start', ['dd']);
    await until(() => identity.lastUserCode !== null, 'the user code');
    identity.approve(identity.lastUserCode!);
    await until(() => secrets.has('dd', 'refresh'), 'the sign-in');
    await until(() => core.store.count('dd') > 0, 'the first sync');
    const refresh = (await secrets.get('dd', 'refresh'))!;
    expect(secrets.origins('dd', 'refresh')).toEqual([new URL(identity.url).origin]);

    const update = await router.dispatch('feeds:update', ['dd', { settings: { ...settings, identityUrl: foreign.url } }, null]);
    expect(update).toMatchObject({ ok: true });
    expect(await router.dispatch('secrets:status', ['dd'])).toMatchObject({ signedIn: false });
    await router.dispatch('feeds:syncNow', ['dd']);
    await until(async () => (await status(router, 'dd')).lastError !== null, 'the sync to fail');
    expect((await status(router, 'dd')).lastError).toMatchObject({
      kind: 'auth',
      message: 'This feed is not signed in to Kontur',
    });
    expect(leaks(foreign.server, refresh)).toEqual([]);
    expect(authorized(foreign.server)).toEqual([]);
  });
});
