// Kontur.Extern event sharing through the sharing capability's request handlers against the Extern mock: granting, the publishers,
// unsubscribing, the mock's refusals in plain words, and a feed signed in to Kontur (its access token from the
// identity mock). No answer carries a secret.
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { startExternMock, type ExternMock } from '../mocks/extern-mock.ts';
import { KonturIdentityMock } from '../mocks/kontur-identity-mock.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).toReversed()) await cleanup();
});

async function setup(
  settings: (extern: ExternMock, identity: KonturIdentityMock) => Record<string, unknown>,
  secret: string | null,
) {
  const identity = await KonturIdentityMock.start({ clientSecret: null, intervalSec: 1 });
  cleanups.push(() => identity.stop());
  const extern = await startExternMock({ events: 5 });
  cleanups.push(() => extern.stop());
  extern.acceptAccessToken = (token) => identity.isValidAccessToken(token);
  const secrets = new MemorySecretStore();
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds: new MemoryFeedsRepository(),
    settings: new MemorySettingsStore({ language: 'ru' }),
    secrets,
    httpOptions: { connectTimeoutMs: 2000, headersTimeoutMs: 5000 },
  });
  cleanups.push(() => core.stop());
  const saved = await core.forms.add(
    {
      id: 'ex',
      provider: 'extern',
      name: 'Экстерн',
      enabled: true,
      intervalSec: 60,
      start: 'now',
      settings: settings(extern, identity),
    },
    secret === null ? null : { main: secret },
  );
  expect(saved.ok).toBe(true);
  const handlers = createRequestHandlers(core, { version: 'test', platform: 'test' });
  const service = {
    share: (feedId: string, accountId: string, subscriber: string) => handlers['sharing:share'](feedId, accountId, subscriber),
    publishers: (feedId: string) => handlers['sharing:publishers'](feedId),
    unsubscribe: (feedId: string, publisherId: string) => handlers['sharing:unsubscribe'](feedId, publisherId),
  };
  return { identity, extern, secrets, core, service };
}

const noSecret = (value: unknown, ...secrets: string[]) => {
  const text = JSON.stringify(value);
  for (const s of secrets) expect(text).not.toContain(s);
};

describe('Kontur.Extern event sharing', () => {
  it('grants sharing, lists the publishers and unsubscribes one', async () => {
    const { extern, service } = await setup((m) => ({ baseUrl: m.url }), 'extern-oidc-token-7f3c9a1e5b');
    const account = extern.accounts[0]!;
    const shared = await service.share('ex', account, 'feedbell');
    expect(shared).toEqual({ ok: true, value: null, message: { ru: 'Доступ к событиям открыт', en: 'Event sharing granted' } });
    expect(extern.publishers).toHaveLength(1);

    const listed = await service.publishers('ex');
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.value).toEqual([
      { id: 'publisher-1', name: `Учётная запись ${account.slice(0, 8)}`, accountId: account, subscriber: 'feedbell' },
    ]);
    expect(listed.message.ru).toBe('Источников событий: 1');

    const gone = await service.unsubscribe('ex', 'publisher-1');
    expect(gone).toEqual({ ok: true, value: null, message: { ru: 'Подписка отменена', en: 'Unsubscribed' } });
    expect(extern.publishers).toHaveLength(0);
    const again = await service.unsubscribe('ex', 'publisher-1');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.detail).toContain('Источник событий не найден');
    noSecret([shared, listed, gone, again], 'extern-oidc-token-7f3c9a1e5b');
  });

  it('says plainly what is wrong: an unknown subscriber, a non-administrator, a bad account id', async () => {
    const { extern, service } = await setup((m) => ({ baseUrl: m.url }), 'extern-oidc-token-7f3c9a1e5b');
    const unknown = await service.share('ex', extern.accounts[0]!, 'someone-else');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.detail).toMatch(/не принял запрос.*Проверьте имя подписчика/s);

    extern.shareAsAdmin = false;
    const forbidden = await service.share('ex', extern.accounts[0]!, 'feedbell');
    expect(forbidden.ok).toBe(false);
    if (!forbidden.ok) expect(forbidden.detail).toContain('Нужны права администратора');

    const badId = await service.share('ex', 'not-a-guid', 'feedbell');
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.detail).toContain('указан неверно');

    // An unknown feed, or one whose provider does not share events, is refused (the window gets "Request rejected").
    expect(() => service.publishers('nope')).toThrow(/no sharing capability/);
    noSecret([unknown, forbidden, badId], 'extern-oidc-token-7f3c9a1e5b');
  });

  it('a wrong token is an auth answer in words, without the token', async () => {
    const { service } = await setup((m) => ({ baseUrl: m.url }), 'wrong-token-0123456789');
    const answer = await service.publishers('ex');
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.detail).toContain('HTTP 401');
    noSecret(answer, 'wrong-token-0123456789');
  });

  it('a feed signed in to Kontur uses its access token, renewed from the kept refresh token', async () => {
    const { extern, identity, secrets, service } = await setup(
      (m, id) => ({ baseUrl: m.url, auth: 'oidc', clientId: id.clientId, identityUrl: id.url }),
      null,
    );
    const refresh = identity.issueRefreshToken();
    await secrets.set('ex', refresh, 'refresh');
    const shared = await service.share('ex', extern.accounts[1]!, 'feedbell');
    expect(shared.ok).toBe(true);
    const listed = await service.publishers('ex');
    expect(listed.ok && listed.value.map((p) => p.accountId)).toEqual([extern.accounts[1]]);
    noSecret([shared, listed], refresh, ...identity.accessTokens.keys());
  });
});
