// Managing feeds as the window does: add through the form's validation, update, enable/disable, remove (with its
// secrets), secret status without values, test connection in words, export without secrets, import with errors
// that name the feed and the field. Against the real Diadoc and Evotor mocks on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedConfigEntry } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { toConfigEntry } from '../../main/core/services/feed-catalog.ts';
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
    const result = await core.forms.add(
      {
        id: 'bad id!',
        provider: 'diadoc',
        name: '',
        enabled: true,
        intervalSec: 1,
        start: 'yesterday',
        settings: { boxId: 'not-a-box', baseUrl: 'ftp://x' },
      },
      { main: 'line1\nline2-SECRET' },
    );
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['id', 'name', 'intervalSec', 'start', 'settings.boxId', 'settings.baseUrl', 'secret']),
    );
    expect(JSON.stringify(result)).not.toContain('SECRET');
    expect(feeds.list()).toEqual([]);
    expect(secrets.keys()).toEqual([]);
  });

  it('asks for the token of a service that needs one', async () => {
    const mock = await diadoc();
    const { core } = setup();
    const result = await core.forms.add(diadocEntry(mock), null);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'secret' }] });
  });

  it('refuses an unknown extra secret and a duplicate id', async () => {
    const mock = await diadoc();
    const { core } = setup();
    expect(await core.forms.add(diadocEntry(mock), { main: mock.token, extras: { apikey: 'x' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'secret.apikey' }],
    });
    expect((await core.forms.add(diadocEntry(mock), { main: mock.token })).ok).toBe(true);
    expect(await core.forms.add(diadocEntry(mock), { main: mock.token })).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
  });

  it('keeps the secret in the store, reports only whether it is set, tests the connection and syncs', async () => {
    const mock = await diadoc();
    const { core, feeds, secrets } = setup();
    const result = await core.forms.add(diadocEntry(mock), { main: `  ${mock.token}  ` });
    expect(result).toMatchObject({ ok: true, feed: { id: 'dd', provider: 'diadoc', enabled: true } });
    expect(await secrets.get('dd')).toBe(mock.token);
    expect(JSON.stringify(feeds.list())).not.toContain(mock.token);
    const status = await core.secrets.status('dd');
    expect(status).toEqual({ main: true, extras: {}, backend: 'keychain' });
    expect(JSON.stringify(status)).not.toContain(mock.token);

    expect(await core.polling.test('dd')).toEqual({
      ok: true,
      title: { ru: 'Подключение работает', en: 'The connection works' },
    });
    const outcome = await core.polling.syncAllOnce();
    expect(outcome.get('dd')).toMatchObject({ caughtUp: true, error: null });
    expect(core.store.count('dd')).toBeGreaterThan(0);
  });
});

describe('test connection in words', () => {
  it('a wrong token, an ended subscription, a missing token — in Russian and English, with the service’s words below', async () => {
    const mock = await diadoc();
    const { core } = setup();
    await core.forms.add(diadocEntry(mock), { main: 'wrong-token' });
    const wrong = await core.polling.test('dd');
    expect(wrong).toMatchObject({ ok: false, title: { ru: 'Токен не подходит: войдите заново' } });
    expect(wrong.detail).toContain('HTTP 401');
    expect(wrong.detail).not.toContain('wrong-token');

    await core.secrets.set('dd', mock.token);
    mock.unpaid = true;
    expect(await core.polling.test('dd')).toMatchObject({ ok: false, title: { ru: 'Подписка на API Диадока закончилась' } });
    mock.unpaid = false;
    core.preferences.update({ language: 'en' });
    mock.tokenExpired = true;
    expect(await core.polling.test('dd')).toMatchObject({
      ok: false,
      title: { en: 'The Diadoc token was not accepted: sign in again' },
    });
  });

  it('Evotor without the event:read scope', async () => {
    const mock = await evotor();
    const { core } = setup();
    await core.forms.add(
      {
        id: 'evo',
        provider: 'evotor',
        name: 'Эвотор',
        enabled: true,
        intervalSec: 60,
        start: 'now',
        settings: { appId: mock.appId, baseUrl: mock.url },
      },
      { main: mock.token },
    );
    expect(await core.polling.test('evo')).toMatchObject({ ok: true });
    mock.failNext(403, { message: 'insufficient scope' });
    expect(await core.polling.test('evo')).toMatchObject({
      ok: false,
      title: { ru: 'У токена нет права event:read', en: 'The token lacks the event:read scope' },
    });
  });

  it('maps every kind, names a missing token, and falls back to generic words', () => {
    expect(
      describeCheck(new FeedError('network', 'Network error (ECONNREFUSED)'), BUILT_IN_PROVIDERS.get('realty').wording).title.ru,
    ).toMatch(/^Нет связи с сервисом/);
    expect(
      describeCheck(new FeedError('auth', 'No secret is set for this feed'), BUILT_IN_PROVIDERS.get('diadoc').wording).title.ru,
    ).toMatch(/^Токен не задан/);
    for (const kind of ['auth', 'subscription', 'forbidden', 'rate-limit', 'server', 'network', 'protocol', 'config'] as const) {
      for (const provider of ['diadoc', 'evotor', 'extern', 'realty', 'demo'] as const) {
        const answer = describeCheck(new FeedError(kind, 'x', { hint: 'do y' }), BUILT_IN_PROVIDERS.get(provider).wording);
        expect(answer.title.ru).toMatch(/[а-я]/);
        expect(answer.title.en).not.toMatch(/[а-я]/);
        expect(answer.detail).toBe('x\ndo y');
      }
    }
  });
});

describe('changing, disabling and removing feeds', () => {
  it('updates the interval in place; a new source starts over; the service cannot change', async () => {
    const mock = await diadoc();
    const { core, feeds } = setup();
    await core.forms.add(diadocEntry(mock), { main: mock.token });
    await core.polling.syncAllOnce();
    const cursor = core.store.feedState('dd')!.cursor;
    expect(cursor).not.toBeNull();

    await core.feeds.update('dd', { intervalSec: 300, name: 'Входящие' });
    expect(feeds.list()[0]).toMatchObject({ intervalSec: 300, name: 'Входящие' });
    expect(core.store.feedState('dd')!.cursor).toBe(cursor);

    await core.feeds.update('dd', { settings: { boxId: mock.departmentId, baseUrl: mock.url } });
    expect(core.store.feedState('dd')!).toMatchObject({ cursor: null, started: false });
    expect(sourceKeys(BUILT_IN_PROVIDERS.get('diadoc'))).toEqual(expect.arrayContaining(['boxId', 'baseUrl']));

    await expect(core.feeds.update('dd', { provider: 'evotor' } as never)).rejects.toThrow(/service of a feed cannot change/);
    await expect(core.feeds.update('dd', { intervalSec: 2 })).rejects.toThrow(/intervalSec/);
    expect(await core.forms.update('dd', { settings: { boxId: 'nope' } }, null)).toMatchObject({
      ok: false,
      errors: [{ field: 'settings.boxId' }],
    });
  });

  it('disables and enables, kept in the configuration', async () => {
    const mock = await diadoc();
    const { core, feeds } = setup();
    core.start();
    await core.forms.add(diadocEntry(mock), { main: mock.token });
    expect(await core.feeds.setEnabled('dd', false)).toMatchObject({ enabled: false, phase: 'disabled' });
    expect(feeds.list()[0]!.enabled).toBe(false);
    expect((await core.feeds.setEnabled('dd', true)).enabled).toBe(true);
    expect(feeds.list()[0]!.enabled).toBe(true);
  });

  it('removing a feed deletes its main, extra and refresh secrets and nothing else', async () => {
    const { core, secrets } = setup();
    await core.forms.add(
      {
        id: 'ext',
        provider: 'extern',
        name: 'Экстерн',
        enabled: false,
        intervalSec: 60,
        start: 'now',
        settings: { auth: 'sid' },
      },
      { main: 'sid-value', extras: { apikey: 'key-value' } },
    );
    await secrets.set('ext', 'refresh-value', 'refresh');
    await secrets.set('other', 'keep-me');
    expect(await core.secrets.status('ext')).toEqual({ main: true, extras: { apikey: true }, backend: 'keychain' });
    await core.feeds.remove('ext');
    expect(secrets.keys()).toEqual(['other']);
    expect(core.feeds.entry('ext')).toBeNull();
  });

  it('without a writable store: status says none, setting a secret fails without the value', async () => {
    const { core } = setup({ secrets: { get: async () => null } });
    core.feeds.addSample();
    expect(await core.secrets.status('demo')).toEqual({ main: false, extras: {}, backend: 'none' });
    const error = await core.secrets.set('demo', 'VALUE-123').catch((e: Error) => e);
    expect(String(error)).not.toContain('VALUE-123');
  });
});

describe('export and import', () => {
  it('exports the config-file shape with no secret, and reads back the same feeds', async () => {
    const mock = await diadoc();
    const { core } = setup();
    await core.forms.add(diadocEntry(mock, { start: '2026-03-01T00:00:00.000Z' }), { main: mock.token });
    await core.forms.add(
      {
        id: 'ext',
        provider: 'extern',
        name: 'Экстерн',
        enabled: false,
        intervalSec: 60,
        start: 'now',
        settings: { auth: 'sid' },
      },
      { main: 'sid-value', extras: { apikey: 'key-value' } },
    );
    const text = core.feeds.exportConfig();
    for (const secret of [mock.token, 'sid-value', 'key-value']) expect(text).not.toContain(secret);
    const doc = JSON.parse(text) as { feeds: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['feeds']);
    for (const feed of doc.feeds)
      expect(Object.keys(feed).toSorted()).toEqual(['enabled', 'id', 'intervalSec', 'name', 'provider', 'settings', 'start']);
    expect(doc.feeds[0]!['start']).toBe('2026-03-01T00:00:00.000Z');
    expect(parseFeedsConfig(text, 'export').map(toConfigEntry)).toEqual(core.feeds.list().map(toConfigEntry));
  });

  it('adds new feeds, skips ids that exist, and names the feed and field of an error (adding nothing then)', async () => {
    const mock = await diadoc();
    const { core } = setup();
    await core.forms.add(diadocEntry(mock), { main: mock.token });
    const entry = diadocEntry(mock);
    const good = JSON.stringify({ feeds: [entry, { ...entry, id: 'dd2' }] });
    expect(await core.feeds.importConfig(good)).toEqual({ ok: true, added: ['dd2'], skipped: ['dd'] });

    const bad = JSON.stringify({
      feeds: [
        { ...entry, id: 'x1' },
        { ...entry, id: 'x2', settings: { boxId: 'nope' } },
      ],
    });
    const result = await core.feeds.importConfig(bad);
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.detail).toMatch(/feed #2 "x2": settings\.boxId/);
    expect(core.feeds.entry('x1')).toBeNull();
    expect(await core.feeds.importConfig('{nope')).toMatchObject({ ok: false, detail: expect.stringMatching(/not valid JSON/) });
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
    expect(extern.fields.find((f) => f.key === 'apikey')).toMatchObject({
      kind: 'password',
      showWhen: { key: 'auth', values: ['sid'] },
    });
    expect(forms.find((f) => f.id === 'evotor')!.fields.find((f) => f.key === 'types')?.kind).toBe('multiselect');
  });
});
