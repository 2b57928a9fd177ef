// Signing in from the window through SignInService: the Kontur device flow against the identity mock (the code is
// pushed without the device code, approval lets the feed sync from the Diadoc mock, a refusal is said plainly).
import { afterEach, describe, expect, it } from 'vitest';
import type { PushChannel, Pushes } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { SignInService } from '../../main/core/sign-in-service.ts';
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
  const service = new SignInService(core);
  cleanups.push(() => service.close());
  const saved = await core.addFeedFromForm(
    {
      id: 'dd',
      provider: 'diadoc',
      name: 'Диадок',
      enabled: true,
      intervalSec: 60,
      start: 'beginning',
      settings: { boxId: diadoc.boxId, baseUrl: diadoc.url, auth: 'oidc', clientId: identity.clientId, identityUrl: identity.url },
    },
    null,
  );
  expect(saved.ok).toBe(true);
  core.start();
  return { identity, diadoc, secrets, core, service, pushes };
}

describe('Kontur sign-in from the window', () => {
  it('pushes the code (never the device code), and after approval keeps the refresh token and syncs the feed', async () => {
    const { identity, core, service, pushes } = await setup();
    expect((await core.secretStatus('dd')).signedIn).toBe(false);
    const flow = service.konturStart('dd');
    const prompt = await waitFor(() => pushes.find((p) => p.channel === 'auth:konturPrompt')?.payload as Pushes['auth:konturPrompt'] | undefined);
    expect(prompt.feedId).toBe('dd');
    expect(prompt.userCode).toBe(identity.lastUserCode);
    expect(prompt.verificationUri).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const device = [...identity.devices.values()].find((d) => d.userCode === prompt.userCode)!;
    expect(JSON.stringify(pushes)).not.toContain(device.deviceCode);
    identity.approve(prompt.userCode);
    await flow.done;
    const done = pushes.find((p) => p.channel === 'auth:konturDone')?.payload as Pushes['auth:konturDone'];
    expect(done).toEqual({ feedId: 'dd', ok: true, message: expect.stringContaining('Вход выполнен') });
    expect((await core.secretStatus('dd')).signedIn).toBe(true);
    await waitFor(() => core.feedStatus('dd')?.phase === 'ok' && core.store.query({ feedIds: ['dd'] }).items.length > 0);
    // Sign out: the refresh token is gone.
    await service.konturSignOut('dd');
    expect((await core.secretStatus('dd')).signedIn).toBe(false);
  });

  it('says plainly when the sign-in was declined, and keeps nothing', async () => {
    const { identity, core, service, pushes } = await setup();
    const flow = service.konturStart('dd');
    const prompt = await waitFor(() => pushes.find((p) => p.channel === 'auth:konturPrompt')?.payload as Pushes['auth:konturPrompt'] | undefined);
    identity.deny(prompt.userCode);
    await flow.done;
    const done = pushes.find((p) => p.channel === 'auth:konturDone')?.payload as Pushes['auth:konturDone'];
    expect(done.ok).toBe(false);
    expect(done.message).toBe('Вход отклонён на странице Контура. Начните вход заново.');
    expect((await core.secretStatus('dd')).signedIn).toBe(false);
  });

  it('cancels a waiting sign-in, and refuses a feed that does not sign in to Kontur', async () => {
    const { core, service, pushes } = await setup();
    const flow = service.konturStart('dd');
    await waitFor(() => pushes.some((p) => p.channel === 'auth:konturPrompt'));
    service.konturCancel('dd');
    await flow.done;
    expect(pushes.at(-1)).toEqual({ channel: 'auth:konturDone', payload: { feedId: 'dd', ok: false, message: 'Вход отменён' } });
    await service.konturStart('nope').done;
    expect(pushes.at(-1)?.payload).toMatchObject({ feedId: 'nope', ok: false });
    expect(core.feedStatus('nope')).toBeNull();
  });
});

describe('the Evotor token assistant', () => {
  it('wrong password, then 2FA, then the chosen token gets event:read and becomes the feed secret without reaching the caller', async () => {
    const mock = await startEvotorMock({ events: 5 });
    cleanups.push(() => mock.stop());
    mock.portal.twoFactorRequired = true;
    const secrets = new MemorySecretStore();
    const logLines: string[] = [];
    const log = { info: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`), warn: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`), error: (m: string, f?: object) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`) };
    const core = FeedbellCore.open({ dataDir: ':memory:', feeds: new MemoryFeedsRepository(), settings: new MemorySettingsStore({ language: 'ru' }), secrets, log });
    cleanups.push(() => core.stop());
    const service = new SignInService(core, { log });
    cleanups.push(() => service.close());
    const saved = await core.addFeedFromForm(
      { id: 'evo', provider: 'evotor', name: 'Эвотор', enabled: true, intervalSec: 60, start: 'beginning', settings: { appId: mock.appId, baseUrl: mock.url } },
      null,
    );
    expect(saved.ok).toBe(true);

    const wrong = await service.evotorSignIn({ feedId: 'evo', login: mock.portal.login, password: 'не тот' });
    expect(wrong.ok).toBe(false);
    const needsCode = await service.evotorSignIn({ feedId: 'evo', login: mock.portal.login, password: mock.portal.password });
    expect(needsCode).toMatchObject({ ok: false, needs2fa: true });
    const signedIn = await service.evotorSignIn({ feedId: 'evo', login: mock.portal.login, password: mock.portal.password, twoFactorCode: mock.portal.twoFactorCode });
    if (!signedIn.ok) throw new Error(signedIn.message);

    const list = await service.evotorListTokens(signedIn.sessionId);
    if (!list.ok) throw new Error(list.message);
    const chosen = list.value.find((t) => !t.canReadEvents)!;
    const used = await service.evotorUseToken(signedIn.sessionId, chosen.id);
    expect(used).toEqual({ ok: true, value: expect.objectContaining({ main: true }) });
    const stored = await secrets.get('evo');
    const token = mock.portal.personalTokens.find((t) => t.id === chosen.id)!;
    expect(token.scope).toContain('event:read');
    expect(stored).toBe(token.access);
    expect(JSON.stringify(used)).not.toContain(stored);
    expect(await core.checkFeed('evo')).toBeNull();

    const settings = await service.evotorSetEventSettings(signedIn.sessionId, mock.appId, mock.portal.versionId, { active: true, events: ['document', 'product'] });
    expect(settings).toEqual({ ok: true, value: { active: true, events: ['document', 'product'] } });
    expect(await service.evotorGetEventSettings(signedIn.sessionId, mock.appId, mock.portal.versionId)).toEqual(settings);

    expect(await service.evotorListTokens('00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, expired: true });
    const logs = logLines.join('\n');
    expect(logs).not.toContain(mock.portal.password);
    expect(logs).not.toContain(stored);
  });
});
