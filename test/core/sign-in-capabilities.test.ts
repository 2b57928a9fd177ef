// Signing in from the window through the capabilities' request handlers: the Kontur device flow against the identity
// mock (the code is pushed without the device code, approval lets the feed sync from the Diadoc mock, a refusal is
// said plainly), and the Evotor token assistant against the Evotor mock's portal.
import { afterEach, describe, expect, it } from 'vitest';
import type { PushChannel, Pushes } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';
import { startDiadocMock } from '../mocks/diadoc-mock.ts';
import { startEvotorMock } from '../mocks/evotor-mock.ts';
import { KonturIdentityMock } from '../mocks/kontur-identity-mock.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).toReversed()) await cleanup();
});

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function setup() {
  const identity = await KonturIdentityMock.start({ clientSecret: null, intervalSec: 1 });
  cleanups.push(() => identity.stop());
  const diadoc = await startDiadocMock({ events: 12 });
  cleanups.push(() => diadoc.stop());
  diadoc.acceptAccessToken = (token) => identity.isValidAccessToken(token);
  const secrets = new MemorySecretStore();
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds: new MemoryFeedsRepository(),
    settings: new MemorySettingsStore({ language: 'ru' }),
    secrets,
    httpOptions: { connectTimeoutMs: 2000, headersTimeoutMs: 5000 },
  });
  cleanups.push(() => core.stop());
  const pushes: { channel: PushChannel; payload: unknown }[] = [];
  core.setPushSink({ send: <C extends PushChannel>(channel: C, payload: Pushes[C]) => void pushes.push({ channel, payload }) });
  const handlers = createRequestHandlers(core, { version: 'test', platform: 'test' });
  const saved = await core.forms.add(
    {
      id: 'dd',
      provider: 'diadoc',
      name: 'Диадок',
      enabled: true,
      intervalSec: 60,
      start: 'beginning',
      settings: {
        boxId: diadoc.boxId,
        baseUrl: diadoc.url,
        auth: 'oidc',
        clientId: identity.clientId,
        identityUrl: identity.url,
      },
    },
    null,
  );
  expect(saved.ok).toBe(true);
  core.start();
  return { identity, diadoc, secrets, core, handlers, pushes };
}

describe('Kontur sign-in from the window', () => {
  it('pushes the code (never the device code), and after approval keeps the refresh token and syncs the feed', async () => {
    const { identity, core, handlers, pushes } = await setup();
    expect((await core.secrets.status('dd')).signedIn).toBe(false);
    await handlers['konturSignIn:start']('dd');
    const prompt = await waitFor(
      () => pushes.find((p) => p.channel === 'konturSignIn:prompt')?.payload as Pushes['konturSignIn:prompt'] | undefined,
    );
    expect(prompt.feedId).toBe('dd');
    expect(prompt.userCode).toBe(identity.lastUserCode);
    expect(prompt.verificationUri).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const device = [...identity.devices.values()].find((d) => d.userCode === prompt.userCode)!;
    expect(JSON.stringify(pushes)).not.toContain(device.deviceCode);
    identity.approve(prompt.userCode);
    const done = await waitFor(
      () => pushes.find((p) => p.channel === 'konturSignIn:done')?.payload as Pushes['konturSignIn:done'] | undefined,
    );
    expect(done).toEqual({
      feedId: 'dd',
      ok: true,
      message: { ru: expect.stringContaining('Вход выполнен'), en: expect.stringContaining('Signed in') },
    });
    expect((await core.secrets.status('dd')).signedIn).toBe(true);
    await waitFor(() => core.polling.status('dd')?.phase === 'ok' && core.store.query({ feedIds: ['dd'] }).items.length > 0);
    // Sign out: the refresh token is gone.
    expect(await handlers['konturSignIn:signOut']('dd')).toMatchObject({ signedIn: false });
    expect((await core.secrets.status('dd')).signedIn).toBe(false);
  });

  it('says plainly when the sign-in was declined, and keeps nothing', async () => {
    const { identity, core, handlers, pushes } = await setup();
    await handlers['konturSignIn:start']('dd');
    const prompt = await waitFor(
      () => pushes.find((p) => p.channel === 'konturSignIn:prompt')?.payload as Pushes['konturSignIn:prompt'] | undefined,
    );
    identity.deny(prompt.userCode);
    const done = await waitFor(
      () => pushes.find((p) => p.channel === 'konturSignIn:done')?.payload as Pushes['konturSignIn:done'] | undefined,
    );
    expect(done.ok).toBe(false);
    expect(done.message.ru).toBe('Вход отклонён на странице Контура. Начните вход заново.');
    expect((await core.secrets.status('dd')).signedIn).toBe(false);
  });

  it('cancels a waiting sign-in, and refuses a feed that does not sign in to Kontur', async () => {
    const { core, handlers, pushes } = await setup();
    await handlers['konturSignIn:start']('dd');
    await waitFor(() => pushes.some((p) => p.channel === 'konturSignIn:prompt'));
    await handlers['konturSignIn:cancel']('dd');
    await waitFor(() => pushes.some((p) => p.channel === 'konturSignIn:done'));
    expect(pushes.at(-1)).toEqual({
      channel: 'konturSignIn:done',
      payload: { feedId: 'dd', ok: false, message: { ru: 'Вход отменён', en: 'Sign-in cancelled' } },
    });
    // An unknown feed, or one whose provider does not sign in to Kontur, is refused (the window gets "Request rejected").
    expect(() => handlers['konturSignIn:start']('nope')).toThrow(/no konturSignIn capability/);
    expect(core.polling.status('nope')).toBeNull();
    await core.forms.add(
      { id: 'demo', provider: 'demo', name: 'Демо', enabled: true, intervalSec: 60, start: 'now', settings: {} },
      null,
    );
    expect(() => handlers['konturSignIn:start']('demo')).toThrow(/no konturSignIn capability/);
  });
});

describe('the Evotor token assistant', () => {
  it('wrong password, then 2FA, then the chosen token gets event:read and becomes the feed secret without reaching the caller', async () => {
    const mock = await startEvotorMock({ events: 5 });
    cleanups.push(() => mock.stop());
    mock.portal.twoFactorRequired = true;
    const secrets = new MemorySecretStore();
    const logLines: string[] = [];
    const log = {
      info: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
      warn: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
      error: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
    };
    const core = FeedbellCore.open({
      dataDir: ':memory:',
      feeds: new MemoryFeedsRepository(),
      settings: new MemorySettingsStore({ language: 'ru' }),
      secrets,
      log,
    });
    cleanups.push(() => core.stop());
    const handlers = createRequestHandlers(core, { version: 'test', platform: 'test' });
    const saved = await core.forms.add(
      {
        id: 'evo',
        provider: 'evotor',
        name: 'Эвотор',
        enabled: true,
        intervalSec: 60,
        start: 'beginning',
        settings: { appId: mock.appId, baseUrl: mock.url },
      },
      null,
    );
    expect(saved.ok).toBe(true);

    const wrong = await handlers['tokenAssistant:signIn']({ feedId: 'evo', login: mock.portal.login, password: 'не тот' });
    expect(wrong).toMatchObject({
      ok: false,
      message: { ru: expect.any(String), en: expect.any(String) },
      detail: expect.stringContaining('Неверный логин или пароль'),
    });
    const needsCode = await handlers['tokenAssistant:signIn']({
      feedId: 'evo',
      login: mock.portal.login,
      password: mock.portal.password,
    });
    expect(needsCode).toMatchObject({ ok: false, needs2fa: true });
    const signedIn = await handlers['tokenAssistant:signIn']({
      feedId: 'evo',
      login: mock.portal.login,
      password: mock.portal.password,
      twoFactorCode: mock.portal.twoFactorCode,
    });
    if (!signedIn.ok) throw new Error(signedIn.message.en);

    const list = await handlers['tokenAssistant:listTokens']('evo', signedIn.sessionId);
    if (!list.ok) throw new Error(list.message.en);
    const chosen = list.value.find((t) => !t.canReadEvents)!;
    const used = await handlers['tokenAssistant:useToken']('evo', signedIn.sessionId, chosen.id);
    expect(used).toEqual({ ok: true, value: expect.objectContaining({ main: true }) });
    const stored = await secrets.get('evo');
    const token = mock.portal.personalTokens.find((t) => t.id === chosen.id)!;
    expect(token.scope).toContain('event:read');
    expect(stored).toBe(token.access);
    expect(JSON.stringify(used)).not.toContain(stored);
    expect(await core.polling.check('evo')).toBeNull();

    const settings = await handlers['tokenAssistant:setEventSettings'](
      'evo',
      signedIn.sessionId,
      mock.appId,
      mock.portal.versionId,
      { active: true, events: ['document', 'product'] },
    );
    expect(settings).toEqual({ ok: true, value: { active: true, events: ['document', 'product'] } });
    expect(
      await handlers['tokenAssistant:getEventSettings']('evo', signedIn.sessionId, mock.appId, mock.portal.versionId),
    ).toEqual(settings);

    expect(await handlers['tokenAssistant:listTokens']('evo', '00000000-0000-4000-8000-000000000000')).toMatchObject({
      ok: false,
      expired: true,
    });
    // A session is bound to the feed it was opened for; a feed without the assistant is refused.
    await core.forms.add(
      {
        id: 'evo2',
        provider: 'evotor',
        name: 'Эвотор 2',
        enabled: true,
        intervalSec: 60,
        start: 'now',
        settings: { appId: mock.appId, baseUrl: mock.url },
      },
      null,
    );
    expect(await handlers['tokenAssistant:listTokens']('evo2', signedIn.sessionId)).toMatchObject({ ok: false, expired: true });
    await core.forms.add(
      { id: 'demo', provider: 'demo', name: 'Демо', enabled: true, intervalSec: 60, start: 'now', settings: {} },
      null,
    );
    expect(() => handlers['tokenAssistant:listTokens']('demo', signedIn.sessionId)).toThrow(/no tokenAssistant capability/);
    const logs = logLines.join('\n');
    expect(logs).not.toContain(mock.portal.password);
    expect(logs).not.toContain(stored);
  });
});
