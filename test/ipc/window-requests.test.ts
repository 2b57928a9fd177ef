// The requests issue 10's window needs from main, through the real router, handlers and core: counting what a filter
// matches, marking what it matches with an undo, checking a form's settings before saving, the providers' type names,
// an event's facts, the data folder's size and the retention preference.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EVENT_COUNT_LIMIT,
  type BootData,
  type DataInfo,
  type EventCount,
  type EventDetail,
  type EventPage,
  type EventTypeInfo,
  type FeedConfigEntry,
  type FeedTestResult,
  type MarkMatchingResult,
  type Preferences,
  type ProviderInfo,
  type UnreadCounts,
} from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { silentLogger } from '../../main/core/ports.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';
import { createIpcRouter } from '../../main/ipc/router.ts';
import { startEvotorMock } from '../mocks/evotor-mock.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { FakeClock } from '../support/fake-clock.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).toReversed()) await cleanup();
});

function app(options: { dataDir?: string; clock?: FakeClock } = {}) {
  const secrets = new MemorySecretStore();
  const core = FeedbellCore.open({
    dataDir: options.dataDir ?? ':memory:',
    feeds: new MemoryFeedsRepository(),
    settings: new MemorySettingsStore({ language: 'ru' }),
    secrets,
    ...(options.clock ? { clock: options.clock } : {}),
    httpOptions: { connectTimeoutMs: 2000, headersTimeoutMs: 5000 },
  });
  cleanups.push(() => core.stop());
  const router = createIpcRouter(createRequestHandlers(core, { version: 'test', platform: 'linux' }), silentLogger);
  const call = <T>(channel: string, ...args: unknown[]) => router.dispatch(channel, args) as Promise<T>;
  return { core, secrets, router, call };
}

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

function event(n: number, words: string, type = 'demo.utd'): NormalizedEvent {
  return {
    id: `e${n}`,
    type,
    occurredAt: T0 + n * 1000,
    title: { ru: `Событие ${n} ${words}`, en: `Event ${n} ${words}` },
    summary: { ru: 'Сводка', en: 'Summary' },
    link: null,
    payload: { n },
  };
}

/** Two feeds of stored events: "a" with `n` events (every third one says «ромашка»), "b" with 5. */
function seeded(n: number) {
  const ctx = app();
  const { core } = ctx;
  core.store.ensureFeed('a', 'demo');
  core.store.ensureFeed('b', 'demo');
  // The catalogue must know the feeds for unread counts: add them as configured demo feeds, not polled.
  for (const id of ['a', 'b']) {
    core.feeds.add({ id, provider: 'demo', name: id, enabled: false, intervalSec: 60, start: 'beginning', settings: {} });
  }
  core.store.ingest(
    'a',
    Array.from({ length: n }, (_, i) => event(i, i % 3 === 0 ? 'ромашка' : 'василёк')),
    'c',
    T0,
  );
  core.store.ingest(
    'b',
    Array.from({ length: 5 }, (_, i) => event(100_000 + i, 'ромашка', 'demo.report')),
    'c',
    T0,
  );
  return ctx;
}

describe('app:boot', () => {
  it('answers, in one request, what the separate requests of the first screen answer', async () => {
    const { call } = seeded(30);
    await call('events:markRead', [(await call<EventPage>('events:query', { limit: 1 })).items[0]!.key], true);
    const boot = await call<BootData>('app:boot', { limit: 20 });
    expect(boot.page).toEqual(await call<EventPage>('events:query', { limit: 20 }));
    expect(boot.prefs).toEqual(await call<Preferences>('prefs:get'));
    expect(boot.providers).toEqual(await call<ProviderInfo[]>('providers:list'));
    expect(boot.feeds).toEqual(await call('feeds:list'));
    expect(boot.unreadCounts).toEqual({ a: 30, b: 4 });
    expect(boot.unreadCounts).toEqual(await call<UnreadCounts>('events:unreadCounts'));
    expect(boot.types).toEqual(await call<EventTypeInfo[]>('events:types'));
    expect(boot.firstRun).toBe(false);
  });

  it("gives the first page of the window's own filter", async () => {
    const { call } = seeded(30);
    const boot = await call<BootData>('app:boot', { feedIds: ['b'], search: 'ромашка', limit: 3 });
    expect(boot.page.items).toHaveLength(3);
    expect(boot.page.items.every((e) => e.feedId === 'b')).toBe(true);
    expect(boot.page.next).not.toBeNull();
  });

  it('says first run with no feeds, and refuses a malformed query like events:query does', async () => {
    const { call } = app();
    const boot = await call<BootData>('app:boot', { limit: 100 });
    expect(boot.firstRun).toBe(true);
    expect(boot.page.items).toEqual([]);
    expect(boot.feeds).toEqual([]);
    await expect(call('app:boot', { limit: 100_000 })).rejects.toThrow('Request rejected');
    await expect(call('app:boot', { limit: 10, bogus: 1 })).rejects.toThrow('Request rejected');
    await expect(call('app:boot')).rejects.toThrow('Request rejected');
  });
});

describe('events:count', () => {
  it('counts what the filter and the search match, exactly below the limit', async () => {
    const { call } = seeded(30);
    expect(await call<EventCount>('events:count', {})).toEqual({ count: 35, atLeast: false });
    expect(await call<EventCount>('events:count', { search: 'ромашка' })).toEqual({ count: 15, atLeast: false });
    expect(await call<EventCount>('events:count', { search: 'ромашка', feedIds: ['a'] })).toEqual({ count: 10, atLeast: false });
    expect(await call<EventCount>('events:count', { types: ['demo.report'] })).toEqual({ count: 5, atLeast: false });
    expect(await call<EventCount>('events:count', { search: 'нигде-нет' })).toEqual({ count: 0, atLeast: false });
    // The window may pass its whole query: the paging fields are ignored.
    expect(await call<EventCount>('events:count', { search: 'ромашка', limit: 10, after: 'zz' })).toEqual({
      count: 15,
      atLeast: false,
    });
  });

  it(`stops at ${EVENT_COUNT_LIMIT} and says "at least"`, async () => {
    const { call } = seeded(EVENT_COUNT_LIMIT + 10);
    expect(await call<EventCount>('events:count', {})).toEqual({ count: EVENT_COUNT_LIMIT, atLeast: true });
    expect(await call<EventCount>('events:count', { feedIds: ['b'] })).toEqual({ count: 5, atLeast: false });
  });
});

describe('events:markMatching and events:undoMark', () => {
  it('marks only what the search and filters match, keeps the unread counts right, and undoes exactly that', async () => {
    const { call } = seeded(30);
    expect(await call<UnreadCounts>('events:unreadCounts')).toEqual({ a: 30, b: 5 });
    // One already read by hand stays read after the undo.
    const page = await call<EventPage>('events:query', { search: 'ромашка', feedIds: ['a'], limit: 1 });
    await call('events:markRead', [page.items[0]!.key], true);

    const marked = await call<MarkMatchingResult>('events:markMatching', { search: 'ромашка', feedIds: ['a'] }, true);
    expect(marked.changed).toBe(9);
    expect(marked.undo).toMatch(/^[0-9a-f-]{36}$/);
    expect(await call<UnreadCounts>('events:unreadCounts')).toEqual({ a: 20, b: 5 });
    expect(await call<EventCount>('events:count', { search: 'ромашка', unreadOnly: true })).toEqual({ count: 5, atLeast: false });

    // Nothing matches: nothing changes and there is nothing to undo.
    expect(await call<MarkMatchingResult>('events:markMatching', { search: 'нигде-нет' }, true)).toEqual({
      changed: 0,
      undo: null,
    });

    expect(await call<number>('events:undoMark', marked.undo)).toBe(9);
    expect(await call<UnreadCounts>('events:unreadCounts')).toEqual({ a: 29, b: 5 });
    expect((await call<EventDetail>('events:get', page.items[0]!.key)).read).toBe(true);
    // Used once.
    expect(await call<number>('events:undoMark', marked.undo)).toBe(0);
  });

  it('forgets an undo after a few minutes, and refuses a token that is not one', async () => {
    const clock = new FakeClock(T0);
    const { core, call, router } = app({ clock });
    core.store.ensureFeed('a', 'demo');
    core.feeds.add({ id: 'a', provider: 'demo', name: 'a', enabled: false, intervalSec: 60, start: 'beginning', settings: {} });
    core.store.ingest('a', [event(1, 'x'), event(2, 'y')], 'c', T0);
    const marked = await call<MarkMatchingResult>('events:markMatching', {}, true);
    expect(marked.changed).toBe(2);
    await clock.advance(5 * 60_000 + 1);
    expect(await call<number>('events:undoMark', marked.undo)).toBe(0);
    await expect(router.dispatch('events:undoMark', ['not-a-token'])).rejects.toThrow();
  });
});

const evotor = (baseUrl: string, appId: string): FeedConfigEntry => ({
  id: '',
  provider: 'evotor',
  name: 'Эвотор',
  enabled: true,
  intervalSec: 60,
  start: 'now',
  settings: { appId, baseUrl },
});

describe('feeds:testDraft', () => {
  it('checks the typed token of a new feed without saving anything', async () => {
    const mock = await startEvotorMock({ events: 3, token: 'the-right-token-1234' });
    cleanups.push(() => mock.stop());
    const { core, call, secrets } = app();
    const wrong = await call<FeedTestResult>(
      'feeds:testDraft',
      evotor(mock.url, mock.appId),
      { main: 'a-wrong-token-5678' },
      null,
    );
    expect(wrong).toMatchObject({ ok: false, title: { ru: expect.stringMatching(/Токен/) } });
    const right = await call<FeedTestResult>(
      'feeds:testDraft',
      evotor(mock.url, mock.appId),
      { main: 'the-right-token-1234' },
      null,
    );
    expect(right).toEqual({ ok: true, title: { ru: 'Подключение работает', en: 'The connection works' } });
    const none = await call<FeedTestResult>('feeds:testDraft', evotor(mock.url, mock.appId), null, null);
    expect(none).toMatchObject({ ok: false, title: { ru: expect.stringMatching(/Токен не задан/) } });
    expect(core.feeds.list()).toEqual([]);
    expect(core.store.allFeedStates()).toEqual([]);
    expect(await secrets.has('evo')).toBe(false);
  });

  it('for a saved feed: the typed token wins, the stored one is used when nothing is typed, and never for another origin', async () => {
    const home = await startEvotorMock({ events: 3, token: 'home-token-1111' });
    const other = await startEvotorMock({ events: 3, token: 'other-token-2222' });
    cleanups.push(
      () => home.stop(),
      () => other.stop(),
    );
    const { call, secrets } = app();
    const saved = { ...evotor(home.url, home.appId), id: 'evo', enabled: false };
    expect(await call('feeds:add', saved, { main: home.token })).toMatchObject({ ok: true });

    expect(await call<FeedTestResult>('feeds:testDraft', saved, null, 'evo')).toMatchObject({ ok: true });
    expect(await call<FeedTestResult>('feeds:testDraft', saved, { main: 'typed-and-wrong-3333' }, 'evo')).toMatchObject({
      ok: false,
    });
    // The stored token stays what it was: nothing typed into a draft is stored.
    expect(await secrets.get('evo')).toBe(home.token);

    const moved = { ...saved, settings: { appId: home.appId, baseUrl: other.url } };
    expect(await call<FeedTestResult>('feeds:testDraft', moved, null, 'evo')).toMatchObject({
      ok: false,
      title: { ru: expect.stringMatching(/Токен не задан/) },
    });
    expect(JSON.stringify(other.server.requests)).not.toContain(home.token);
    expect(await call<FeedTestResult>('feeds:testDraft', moved, { main: other.token }, 'evo')).toMatchObject({ ok: true });
  });

  it('answers a form with a mistake in words, naming it', async () => {
    const { call } = app();
    const result = await call<FeedTestResult>(
      'feeds:testDraft',
      { ...evotor('https://api.evotor.ru', 'not-a-guid'), intervalSec: 1 },
      { main: 'x' },
      null,
    );
    expect(result).toMatchObject({ ok: false, title: { ru: expect.stringMatching(/^В настройках ошибка: /) } });
  });
});

describe('providers:list type names and events:get facts', () => {
  it('names every provider’s types in words, and the stored types too', async () => {
    const { call } = seeded(3);
    const providers = await call<ProviderInfo[]>('providers:list');
    for (const provider of providers) expect(Object.keys(provider.typeNames).length, provider.id).toBeGreaterThan(0);
    const demo = providers.find((p) => p.sample)!;
    expect(demo.typeNames['demo.utd']).toEqual({ ru: 'УПД', en: 'UTD' });
    expect(demo.typeNames['demo.invoice']).toEqual({ ru: 'Счёт-фактура', en: 'Invoice' });
    const types = await call<EventTypeInfo[]>('events:types');
    expect(types).toContainEqual({ provider: 'demo', type: 'demo.utd', name: { ru: 'УПД', en: 'UTD' } });
  });

  it('gives the detail the facts of its payload, led by the counterparty, with no id among them', async () => {
    const { core, call } = app();
    core.feeds.addSample({ ratePerMinute: 60, historyHours: 1 });
    core.start();
    const deadline = Date.now() + 10_000;
    while (core.store.count() < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const page = await call<EventPage>('events:query', { types: ['demo.utd'], limit: 1 });
    const detail = await call<EventDetail>('events:get', page.items[0]!.key);
    expect(detail.typeName).toEqual({ ru: 'УПД', en: 'UTD' });
    expect(detail.facts.map((f) => f.label.ru)).toEqual(['Контрагент', 'Документ', 'Сумма', 'Состояние']);
    expect(detail.facts[1]!.value).toMatch(/^УПД № \d+ от \d\d\.\d\d\.\d{4}$/);
    expect(detail.facts[2]!.value).toMatch(/₽$/);
    for (const fact of detail.facts) expect(fact.value).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});

describe('feed errors and notes for the window', () => {
  it('a failing feed says what it means in words and offers its fix; the technical text stays apart', async () => {
    const mock = await startEvotorMock({ events: 3, token: 'the-right-token-1234' });
    cleanups.push(() => mock.stop());
    const { core, call } = app();
    core.start();
    const entry: FeedConfigEntry = {
      id: 'evo',
      provider: 'evotor',
      name: 'Эвотор',
      enabled: true,
      intervalSec: 3600,
      start: 'now',
      settings: { appId: mock.appId, baseUrl: mock.url },
    };
    expect(await call('feeds:add', entry, { main: 'a-wrong-token-5678' })).toMatchObject({ ok: true });
    const deadline = Date.now() + 10_000;
    while (core.polling.status('evo')!.lastError === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const error = core.polling.status('evo')!.lastError!;
    expect(error.kind).toBe('auth');
    // Russian words (a site's address aside): no English, no HTTP status.
    expect(error.summary.ru.replace(/\b[\w.-]+\.ru\b/g, '')).toMatch(/^[^A-Za-z]*$/);
    expect(error.fix).toEqual({ kind: 'secret', field: 'secret' });
    expect(error.message).toMatch(/HTTP 401/);
  });

  it('an error stored by an older version gets its summary; a note stored as one string is read in both languages', () => {
    const { core } = seeded(1);
    core.store.updateFeedState('a', { lastError: { kind: 'network', message: 'Network error (ECONNRESET)', at: T0 } });
    expect(core.polling.status('a')!.lastError!.summary.ru).toMatch(/Нет связи с сервисом/);
    core.store.updateFeedState('a', { note: { ru: 'Возможен пропуск', en: 'There may be a gap' } });
    expect(core.polling.status('a')!.note).toEqual({ ru: 'Возможен пропуск', en: 'There may be a gap' });
  });
});

describe('app:dataInfo and the retention preference', () => {
  it('says where the data lives, how big it is and how many events it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-datainfo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { core, call } = app({ dataDir: dir });
    core.store.ensureFeed('a', 'demo');
    core.store.ingest(
      'a',
      Array.from({ length: 50 }, (_, i) => event(i, 'w')),
      'c',
      T0,
    );
    const info = await call<DataInfo>('app:dataInfo');
    expect(info).toMatchObject({ folder: dir, events: 50 });
    expect(info.bytes).toBeGreaterThan(4096);
  });

  it('keeps all events by default; accepts a number of days or null, and refuses anything else', async () => {
    const { call, router } = app();
    expect((await call<Preferences>('prefs:get')).retentionDays).toBeNull();
    expect((await call<Preferences>('prefs:update', { retentionDays: 90 })).retentionDays).toBe(90);
    expect((await call<Preferences>('prefs:update', { retentionDays: null })).retentionDays).toBeNull();
    await expect(router.dispatch('prefs:update', [{ retentionDays: 0 }])).rejects.toThrow();
    await expect(router.dispatch('prefs:update', [{ retentionDays: 1.5 }])).rejects.toThrow();
  });

  it("keeps the window's columns and filter row (the first screen main draws uses them), within the columns' bounds", async () => {
    const { call, router } = app();
    expect((await call<Preferences>('prefs:get')).layout).toEqual({ sidebarWidth: 280, detailWidth: 400, filtersOpen: false });
    const layout = { sidebarWidth: 320, detailWidth: 520, filtersOpen: true };
    expect((await call<Preferences>('prefs:update', { layout })).layout).toEqual(layout);
    expect((await call<Preferences>('prefs:get')).layout).toEqual(layout);
    await expect(router.dispatch('prefs:update', [{ layout: { ...layout, sidebarWidth: 5000 } }])).rejects.toThrow();
    await expect(router.dispatch('prefs:update', [{ layout: { sidebarWidth: 300 } }])).rejects.toThrow();
  });

  it("answers app:boot with main's clock, which the drawn first screen counts «N мин. назад» from", async () => {
    const { call } = app();
    const before = Date.now();
    const boot = await call<{ now: number }>('app:boot', { limit: 100 });
    expect(boot.now).toBeGreaterThanOrEqual(before);
    expect(boot.now).toBeLessThanOrEqual(Date.now());
  });
});
