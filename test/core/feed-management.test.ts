// Managing feeds as the window does: add through the form's validation, update, enable/disable, remove (with its
// secrets), secret status without values, test connection in words, export without secrets, import with errors
// that name the feed and the field. Against the real Diadoc and Evotor mocks on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedConfigEntry } from '../../preload/contract.ts';
import { FeedbellCore, toConfigEntry } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { describeCheck } from '../../main/core/feeds/feed-check-text.ts';
import { parseFeedsConfig } from '../../main/core/feeds/feed-config.ts';
import { providerInfos } from '../../main/core/feeds/provider-info.ts';
import { sourceKeys } from '../../main/core/feeds/provider-module.ts';
import { BUILT_IN_PROVIDERS } from '../../main/core/feeds/registry.ts';
import { FeedError } from '../../main/core/model.ts';
import type { Logger, SecretStore } from '../../main/core/ports.ts';
import { startDiadocMock, type DiadocMock } from '../mocks/diadoc-mock.ts';
import { startEvotorMock, type EvotorMock } from '../mocks/evotor-mock.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).toReversed()) await cleanup();
});

function setup(options: { secrets?: SecretStore; language?: 'ru' | 'en' } = {}) {
  const feeds = new MemoryFeedsRepository();
  const secrets = new MemorySecretStore();
  const logLines: string[] = [];
  const log: Logger = {
    info: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds,
    settings: new MemorySettingsStore({ language: options.language ?? 'ru' }),
    secrets: options.secrets ?? secrets,
    log,
    httpOptions: { connectTimeoutMs: 2000, headersTimeoutMs: 5000 },
  });
  cleanups.push(() => core.stop());
  return { core, feeds, secrets, logLines };
}

async function diadoc(): Promise<DiadocMock> {
  const mock = await startDiadocMock({ events: 30 });
  cleanups.push(() => mock.stop());
  return mock;
}

async function evotor(): Promise<EvotorMock> {
  const mock = await startEvotorMock({ events: 10 });
  cleanups.push(() => mock.stop());
  return mock;
}

function diadocEntry(mock: DiadocMock, patch: Partial<FeedConfigEntry> = {}): FeedConfigEntry {
  return {
    id: 'dd',
    provider: 'diadoc',
    name: 'Диадок',
    enabled: true,
    intervalSec: 60,
    start: 'beginning',
    settings: { boxId: mock.boxId, baseUrl: mock.url },
    ...patch,
  };
}

describe('adding a feed from the form', () => {
  it('names every field that is wrong, stores nothing, and never echoes a typed secret', async () => {
    const { core, feeds, secrets } = setup();
    const result = await core.addFeedFromForm(
      { id: 'bad id!', provider: 'diadoc', name: '', enabled: true, intervalSec: 1, start: 'yesterday', settings: { boxId: 'not-a-box', baseUrl: 'ftp://x' } },
      { main: 'line1\nline2-SECRET' },
    );
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'intervalSec', 'start', 'settings.boxId', 'settings.baseUrl', 'secret']));
    expect(JSON.stringify(result)).not.toContain('SECRET');
    expect(feeds.list()).toEqual([]);
    expect(secrets.keys()).toEqual([]);
  });

  it('asks for the token of a service that needs one', async () => {
    const mock = await diadoc();
    const { core } = setup();
    const result = await core.addFeedFromForm(diadocEntry(mock), null);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'secret' }] });
  });

  it('refuses an unknown extra secret and a duplicate id', async () => {
    const mock = await diadoc();
    const { core } = setup();
    expect(await core.addFeedFromForm(diadocEntry(mock), { main: mock.token, extras: { apikey: 'x' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'secret.apikey' }],
    });
    expect((await core.addFeedFromForm(diadocEntry(mock), { main: mock.token })).ok).toBe(true);
    expect(await core.addFeedFromForm(diadocEntry(mock), { main: mock.token })).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
  });

  it('keeps the secret in the store, reports only whether it is set, tests the connection and syncs', async () => {
    const mock = await diadoc();
    const { core, feeds, secrets } = setup();
    const result = await core.addFeedFromForm(diadocEntry(mock), { main: `  ${mock.token}  ` });
    expect(result).toMatchObject({ ok: true, feed: { id: 'dd', provider: 'diadoc', enabled: true } });
    expect(await secrets.get('dd')).toBe(mock.token);
    expect(JSON.stringify(feeds.list())).not.toContain(mock.token);
    const status = await core.secretStatus('dd');
    expect(status).toEqual({ main: true, extras: {}, backend: 'keychain' });
    expect(JSON.stringify(status)).not.toContain(mock.token);

    expect(await core.testFeed('dd')).toEqual({ ok: true, title: 'Подключение работает' });
    const outcome = await core.syncAllOnce();
    expect(outcome.get('dd')).toMatchObject({ caughtUp: true, error: null });
    expect(core.store.count('dd')).toBeGreaterThan(0);
  });
});

describe('test connection in words', () => {
  it('a wrong token, an ended subscription, a missing token — in Russian and English, with the service’s words below', async () => {
    const mock = await diadoc();
    const { core } = setup();
    await core.addFeedFromForm(diadocEntry(mock), { main: 'wrong-token' });
    const wrong = await core.testFeed('dd');
    expect(wrong).toMatchObject({ ok: false, title: 'Токен не подходит: войдите заново' });
    expect(wrong.detail).toContain('HTTP 401');
    expect(wrong.detail).not.toContain('wrong-token');

    await core.setSecret('dd', mock.token);
    mock.unpaid = true;
    expect(await core.testFeed('dd')).toMatchObject({ ok: false, title: 'Подписка на API Диадока закончилась' });
    mock.unpaid = false;
    core.updatePreferences({ language: 'en' });
    mock.tokenExpired = true;
    expect(await core.testFeed('dd')).toMatchObject({ ok: false, title: 'The Diadoc token was not accepted: sign in again' });
  });

  it('Evotor without the event:read scope', async () => {
    const mock = await evotor();
    const { core } = setup();
    await core.addFeedFromForm(
      { id: 'evo', provider: 'evotor', name: 'Эвотор', enabled: true, intervalSec: 60, start: 'now', settings: { appId: mock.appId, baseUrl: mock.url } },
      { main: mock.token },
    );
    expect(await core.testFeed('evo')).toMatchObject({ ok: true });
    mock.failNext(403, { message: 'insufficient scope' });
    expect(await core.testFeed('evo')).toMatchObject({ ok: false, title: 'У токена нет права event:read' });
  });

  it('maps every kind, names a missing token, and falls back to generic words', () => {
    expect(describeCheck(new FeedError('network', 'Network error (ECONNREFUSED)'), BUILT_IN_PROVIDERS.get('realty').wording, 'ru').title).toMatch(/^Нет связи с сервисом/);
    expect(describeCheck(new FeedError('auth', 'No secret is set for this feed'), BUILT_IN_PROVIDERS.get('diadoc').wording, 'ru').title).toMatch(/^Токен не задан/);
    for (const kind of ['auth', 'subscription', 'forbidden', 'rate-limit', 'server', 'network', 'protocol', 'config'] as const) {
      for (const provider of ['diadoc', 'evotor', 'extern', 'realty', 'demo'] as const) {
        const ru = describeCheck(new FeedError(kind, 'x', { hint: 'do y' }), BUILT_IN_PROVIDERS.get(provider).wording, 'ru');
        const en = describeCheck(new FeedError(kind, 'x', { hint: 'do y' }), BUILT_IN_PROVIDERS.get(provider).wording, 'en');
        expect(ru.title).toMatch(/[а-я]/);
        expect(en.title).not.toMatch(/[а-я]/);
        expect(ru.detail).toBe('x\ndo y');
      }
    }
  });
});

describe('changing, disabling and removing feeds', () => {
  it('updates the interval in place; a new source starts over; the service cannot change', async () => {
    const mock = await diadoc();
    const { core, feeds } = setup();
    await core.addFeedFromForm(diadocEntry(mock), { main: mock.token });
    await core.syncAllOnce();
    const cursor = core.store.feedState('dd')!.cursor;
    expect(cursor).not.toBeNull();

    await core.updateFeed('dd', { intervalSec: 300, name: 'Входящие' });
    expect(feeds.list()[0]).toMatchObject({ intervalSec: 300, name: 'Входящие' });
    expect(core.store.feedState('dd')!.cursor).toBe(cursor);

    await core.updateFeed('dd', { settings: { boxId: mock.departmentId, baseUrl: mock.url } });
    expect(core.store.feedState('dd')!).toMatchObject({ cursor: null, started: false });
    expect(sourceKeys(BUILT_IN_PROVIDERS.get('diadoc'))).toEqual(expect.arrayContaining(['boxId', 'baseUrl']));

    await expect(core.updateFeed('dd', { provider: 'evotor' } as never)).rejects.toThrow(/service of a feed cannot change/);
    await expect(core.updateFeed('dd', { intervalSec: 2 })).rejects.toThrow(/intervalSec/);
    expect(await core.updateFeedFromForm('dd', { settings: { boxId: 'nope' } }, null)).toMatchObject({
      ok: false,
      errors: [{ field: 'settings.boxId' }],
    });
  });

  it('disables and enables, kept in the configuration', async () => {
    const mock = await diadoc();
    const { core, feeds } = setup();
    core.start();
    await core.addFeedFromForm(diadocEntry(mock), { main: mock.token });
    expect(await core.setEnabled('dd', false)).toMatchObject({ enabled: false, phase: 'disabled' });
    expect(feeds.list()[0]!.enabled).toBe(false);
    expect((await core.setEnabled('dd', true)).enabled).toBe(true);
    expect(feeds.list()[0]!.enabled).toBe(true);
  });

  it('removing a feed deletes its main, extra and refresh secrets and nothing else', async () => {
    const { core, secrets } = setup();
    await core.addFeedFromForm(
      { id: 'ext', provider: 'extern', name: 'Экстерн', enabled: false, intervalSec: 60, start: 'now', settings: { auth: 'sid' } },
      { main: 'sid-value', extras: { apikey: 'key-value' } },
    );
    await secrets.set('ext', 'refresh-value', 'refresh');
    await secrets.set('other', 'keep-me');
    expect(await core.secretStatus('ext')).toEqual({ main: true, extras: { apikey: true }, backend: 'keychain' });
    await core.removeFeed('ext');
    expect(secrets.keys()).toEqual(['other']);
    expect(core.feedConfigEntry('ext')).toBeNull();
  });

  it('without a writable store: status says none, setting a secret fails without the value', async () => {
    const { core } = setup({ secrets: { get: async () => null } });
    core.addSampleFeed();
    expect(await core.secretStatus('demo')).toEqual({ main: false, extras: {}, backend: 'none' });
    const error = await core.setSecret('demo', 'VALUE-123').catch((e: Error) => e);
    expect(String(error)).not.toContain('VALUE-123');
  });
});

describe('export and import', () => {
  it('exports the config-file shape with no secret, and reads back the same feeds', async () => {
    const mock = await diadoc();
    const { core } = setup();
    await core.addFeedFromForm(diadocEntry(mock, { start: '2026-03-01T00:00:00.000Z' }), { main: mock.token });
    await core.addFeedFromForm(
      { id: 'ext', provider: 'extern', name: 'Экстерн', enabled: false, intervalSec: 60, start: 'now', settings: { auth: 'sid' } },
      { main: 'sid-value', extras: { apikey: 'key-value' } },
    );
    const text = core.exportFeeds();
    for (const secret of [mock.token, 'sid-value', 'key-value']) expect(text).not.toContain(secret);
    const doc = JSON.parse(text) as { feeds: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['feeds']);
    for (const feed of doc.feeds) expect(Object.keys(feed).toSorted()).toEqual(['enabled', 'id', 'intervalSec', 'name', 'provider', 'settings', 'start']);
    expect(doc.feeds[0]!['start']).toBe('2026-03-01T00:00:00.000Z');
    expect(parseFeedsConfig(text, 'export').map(toConfigEntry)).toEqual(core.feedConfigs().map(toConfigEntry));
  });

  it('adds new feeds, skips ids that exist, and names the feed and field of an error (adding nothing then)', async () => {
    const mock = await diadoc();
    const { core } = setup();
    await core.addFeedFromForm(diadocEntry(mock), { main: mock.token });
    const entry = diadocEntry(mock);
    const good = JSON.stringify({ feeds: [entry, { ...entry, id: 'dd2' }] });
    expect(await core.importFeeds(good)).toEqual({ ok: true, added: ['dd2'], skipped: ['dd'] });

    const bad = JSON.stringify({ feeds: [{ ...entry, id: 'x1' }, { ...entry, id: 'x2', settings: { boxId: 'nope' } }] });
    const result = await core.importFeeds(bad);
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.error).toMatch(/feed #2 "x2": settings\.boxId/);
    expect(core.feedConfigEntry('x1')).toBeNull();
    expect(await core.importFeeds('{nope')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
  });
});

describe('the forms', () => {
  it('describe every service with bilingual labels and help, secrets as password fields, GUID and URL kinds', () => {
    const forms = providerInfos(BUILT_IN_PROVIDERS);
    expect(forms.map((f) => f.id)).toEqual(['diadoc', 'evotor', 'extern', 'realty', 'demo']);
    for (const form of forms) {
      for (const field of form.fields) {
        expect(field.label.ru && field.label.en && field.help.ru && field.help.en).toBeTruthy();
        if (field.kind === 'select' || field.kind === 'multiselect') expect(field.options?.length).toBeGreaterThan(0);
      }
      if (form.id !== 'demo') expect(form.fields.some((f) => f.kind === 'password' && f.key === '')).toBe(true);
    }
    const extern = forms.find((f) => f.id === 'extern')!;
    expect(extern.fields.find((f) => f.key === 'apikey')).toMatchObject({ kind: 'password', showWhen: { key: 'auth', values: ['sid'] } });
    expect(forms.find((f) => f.id === 'evotor')!.fields.find((f) => f.key === 'types')?.kind).toBe('multiselect');
  });
});
