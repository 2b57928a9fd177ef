// The Evotor provider against a realistic mock, through the real poller and core: paging, skew overlap, restarts,
// every failure and its recovery, streaming, start positions, texts, and that the token never leaks.
//
// Readings covered (PROVIDERS.md section 4 point → EvotorMock switch values; each runs through readingsMatrix in
// poll mode: full sync, steady state, restart; stream mode stays covered by the streaming tests below):
// - 4.4 page size, UNCONFIRMED → pageSize 10 (baseline), 3, 1;
// - 4.4 cursor expiry, UNCONFIRMED → readings.cursorLifetimeMs null (never) / 100 ms; lifetime 30 ms with
//   slowPagesMs 50 (a slow answer: every cursor dead on arrival); singleUseCursors; rejectCursors (every cursor)
//   with cursorRejectStatus 400 / 404 / 410 / 422; small pages (3) with every cursor rejected;
// - 4.1 `since` inclusive or exclusive (inferred) → readings.sinceExclusive false / true, also with skewMinutes 0 and
//   readings.burstsShareStamp (later events in the newest event's millisecond);
// - 4.4 order within a window (inferred: the SDK fixtures are oldest first) → readings.order 'oldest-first' /
//   'newest-first' / 'shuffled', also with single-use and short-lived cursors;
// - 4.4 end of paging → readings.endOfPaging 'empty-paging' (SDK README) / 'null-cursor' / 'no-paging';
// - 4.3 timestamp form (inferred) → timestampFormat 'ms' / 'iso' ("+0000") / 'mixed';
// - 4.3/4.1 purchase type spelling, UNCONFIRMED → readings.purchaseType 'marketplace.purchase' /
//   'MarketplacePurchase' with readings.typeFilter 'strict' (the server knows only its own spelling), for a feed
//   asking for the other spelling and for a feed without a type filter;
// - 4.1 whether /api/apps/… streams, UNCONFIRMED → streamingSupported false (a test below; it changes nothing stored).
// Start positions in the server's clock (section 5.3): clockOffsetMs ±3 h × server.dateHeader 'server' / 'real' /
// 'none', a feed with recent events and a quiet one, and our own clock days off ("start from now" tests below).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { ConfigError, parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import {
  evotorProvider,
  getEvotorEvent,
  type EvotorEvent,
  type EvotorSettings,
} from '../../main/core/feeds/evotor/evotor-provider.ts';
import { evotorModule } from '../../main/core/feeds/evotor/index.ts';
import { evotorSettingsSchema, parseTimestamp, quoteUnsafeIntegers } from '../../main/core/feeds/evotor/evotor-schema.ts';
import { FeedError } from '../../main/core/model.ts';
import type { Clock, Logger } from '../../main/core/ports.ts';
import { FakeClock, InstantClock } from '../support/fake-clock.ts';
import { providerContext } from '../support/provider-context.ts';
import { startEvotorMock, type EvotorMock, type EvotorMockOptions } from '../mocks/evotor-mock.ts';
import { readingsMatrix, type Reading } from '../support/readings.ts';
import { NO_RETRY } from '../support/retry.ts';
import { storedIds } from '../support/stored-events.ts';

const FEED = 'evo';
const mocks: EvotorMock[] = [];
const cores: FeedbellCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop().catch(() => {});
  for (const mock of mocks.splice(0)) await mock.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function newMock(options: EvotorMockOptions = {}): Promise<EvotorMock> {
  const mock = await startEvotorMock(options);
  mocks.push(mock);
  return mock;
}

interface Setup {
  settings?: Record<string, unknown>;
  start?: string;
  dataDir?: string;
  clock?: Clock;
}

/** Log lines the core wrote, to search for the token. */
const logLines: string[] = [];
const capturingLog: Logger = {
  info: (message, fields) => logLines.push(`${message} ${JSON.stringify(fields ?? {})}`),
  warn: (message, fields) => logLines.push(`${message} ${JSON.stringify(fields ?? {})}`),
  error: (message, fields) => logLines.push(`${message} ${JSON.stringify(fields ?? {})}`),
};

function openCore(mock: EvotorMock, secret: { value: string | null }, setup: Setup = {}): FeedbellCore {
  const feed = parseFeedConfig(
    {
      id: FEED,
      provider: 'evotor',
      start: setup.start ?? 'beginning',
      settings: { appId: mock.appId, baseUrl: mock.url, ...setup.settings },
    },
    'test',
  );
  const core = FeedbellCore.open({
    dataDir: setup.dataDir ?? ':memory:',
    feeds: new MemoryFeedsRepository([feed]),
    settings: new MemorySettingsStore(),
    secrets: { get: async (_id: string, name?: string) => (name ? null : secret.value) },
    httpOptions: { headersTimeoutMs: 500, bodyTimeoutMs: 500, connectTimeoutMs: 500 },
    random: () => 0,
    // These tests check what one failure looks like; the in-run retries are tested with the readings.
    retryPolicy: NO_RETRY,
    log: capturingLog,
    ...(setup.clock ? { clock: setup.clock } : {}),
  });
  cores.push(core);
  return core;
}

function storedIdsSorted(core: FeedbellCore): string[] {
  return storedIds(core, FEED).toSorted();
}

function mockIds(mock: EvotorMock): string[] {
  return mock.events.map((e) => e.id).toSorted();
}

/** Waits in real time (bounded), optionally moving a fake clock so the poller's backoff sleeps end. */
async function waitFor(
  condition: () => boolean,
  what: string,
  options: { ms?: number; tick?: () => Promise<void> } = {},
): Promise<void> {
  const deadline = Date.now() + (options.ms ?? 5000);
  while (Date.now() < deadline) {
    if (condition()) return;
    await options.tick?.();
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}

function settingsFor(mock: EvotorMock, extra: Record<string, unknown> = {}): EvotorSettings {
  return evotorSettingsSchema.parse({ appId: mock.appId, baseUrl: mock.url, ...extra });
}

/** A config entry with these settings, as a thunk for toThrow. */
function bad(settings: Record<string, unknown>): () => unknown {
  return () => parseFeedConfig({ id: 'e', provider: 'evotor', settings }, 'feed "e"');
}

/** What check() threw, or null. */
async function checkError(settings: EvotorSettings, secret: string | null): Promise<FeedError | null> {
  return evotorProvider.check!(providerContext(settings, { secret })).then(
    () => null,
    (err: unknown) => err as FeedError,
  );
}

/** A mock with the feed settings a reading needs (skew, a type filter). */
interface EvotorSubject {
  mock: EvotorMock;
  settings: { skewMinutes?: number; types?: string[] };
}

/** The test's own idea of "the same type": the purchase's two spellings are one type. */
function typeName(type: string): string {
  return /^marketplace\.?purchase$/i.test(type) ? 'purchase' : type;
}

function sameType(a: string, b: string): boolean {
  return typeName(a) === typeName(b);
}

function wantedEvents(s: EvotorSubject) {
  const types = s.settings.types ?? [];
  return s.mock.events.filter((e) => types.length === 0 || types.some((t) => sameType(t, e.type)));
}

function reading(name: string, apply: (s: EvotorSubject) => void): Reading<EvotorSubject> {
  return { name, apply };
}

const HOUR = 3_600_000;
const SKEW = 5 * 60_000;

readingsMatrix<EvotorSubject>(
  'Evotor',
  {
    startMock: async (initial) => ({ mock: await startEvotorMock({ events: initial, pageSize: 10 }), settings: {} }),
    stopMock: (s) => s.mock.stop(),
    server: (s) => s.mock.server,
    feed: (s, id) => ({
      id,
      provider: 'evotor',
      start: 'beginning',
      settings: { appId: s.mock.appId, baseUrl: s.mock.url, ...s.settings },
    }),
    secrets: (s) => ({ token: s.mock.token }),
    addEvents: (s, n) => void s.mock.addEvents(n, s.settings.types?.length ? { type: 'marketplace.purchase' } : {}),
    ids: (s) => wantedEvents(s).map((e) => e.id),
    throttleAnswer: (s) => s.mock.throttleAnswer(),
  },
  [
    reading(
      'the reference reading: pages of 10 oldest first, inclusive since, paging {}, ms stamps, cursors that live',
      () => {},
    ),
    reading('page size: a small max of 3', (s) => (s.mock.pageSize = 3)),
    reading('page size: one event per page', (s) => (s.mock.pageSize = 1)),
    reading(
      'cursor lifetime: 100 ms (enough within a sync, not always across a pause)',
      (s) => (s.mock.readings.cursorLifetimeMs = 100),
    ),
    reading('cursor lifetime: 30 ms and every page takes 50 ms (a slow answer: each cursor is dead on arrival)', (s) => {
      s.mock.readings.cursorLifetimeMs = 30;
      s.mock.readings.slowPagesMs = 50;
    }),
    reading('cursors work once (a retried cursor is rejected)', (s) => (s.mock.readings.singleUseCursors = true)),
    ...([400, 404, 410, 422] as const).map((status) =>
      reading(`every cursor rejected with ${status}`, (s) => {
        s.mock.rejectCursors = true;
        s.mock.readings.cursorRejectStatus = status;
      }),
    ),
    reading('every cursor rejected, pages of 3 (the skew overlap holds more than a page)', (s) => {
      s.mock.rejectCursors = true;
      s.mock.pageSize = 3;
    }),
    reading('since exclusive', (s) => (s.mock.readings.sinceExclusive = true)),
    reading("since exclusive, no skew overlap, new events in the newest event's millisecond", (s) => {
      s.mock.readings.sinceExclusive = true;
      s.mock.readings.burstsShareStamp = true;
      s.settings.skewMinutes = 0;
    }),
    reading("since inclusive, no skew overlap, new events in the newest event's millisecond", (s) => {
      s.mock.readings.burstsShareStamp = true;
      s.settings.skewMinutes = 0;
    }),
    reading('windows newest first', (s) => (s.mock.readings.order = 'newest-first')),
    reading('windows in no order', (s) => (s.mock.readings.order = 'shuffled')),
    reading('windows newest first, cursors work once', (s) => {
      s.mock.readings.order = 'newest-first';
      s.mock.readings.singleUseCursors = true;
    }),
    reading('windows in no order, cursors live 300 ms', (s) => {
      s.mock.readings.order = 'shuffled';
      s.mock.readings.cursorLifetimeMs = 300;
    }),
    reading('end of paging: next_cursor null', (s) => (s.mock.readings.endOfPaging = 'null-cursor')),
    reading('end of paging: no paging at all', (s) => (s.mock.readings.endOfPaging = 'no-paging')),
    reading('timestamps as ISO strings with +0000', (s) => (s.mock.timestampFormat = 'iso')),
    reading('timestamps as ms and ISO mixed', (s) => (s.mock.timestampFormat = 'mixed')),
    reading('purchases typed MarketplacePurchase by a strict server, the feed asks for marketplace.purchase', (s) => {
      s.mock.readings.purchaseType = 'MarketplacePurchase';
      s.mock.readings.typeFilter = 'strict';
      s.settings.types = ['marketplace.purchase'];
    }),
    reading('purchases typed marketplace.purchase by a strict server, the feed asks for MarketplacePurchase', (s) => {
      s.mock.readings.purchaseType = 'marketplace.purchase';
      s.mock.readings.typeFilter = 'strict';
      s.settings.types = ['MarketplacePurchase'];
    }),
    reading(
      'purchases typed MarketplacePurchase, the feed keeps every type',
      (s) => (s.mock.readings.purchaseType = 'MarketplacePurchase'),
    ),
  ],
);

describe('Evotor provider: settings', () => {
  it('validates settings with clear messages and fills in defaults', () => {
    const good = evotorSettingsSchema.parse({ appId: '6A6F1C1E-3C1B-4E5E-9A51-2F0E8E7B9C10' });
    expect(good).toEqual({
      appId: '6A6F1C1E-3C1B-4E5E-9A51-2F0E8E7B9C10',
      baseUrl: 'https://api.evotor.ru',
      pathStyle: 'api',
      types: [],
      skewMinutes: 5,
      mode: 'poll',
      pingTimeoutSec: 90,
    });
    expect(bad({})).toThrow(ConfigError);
    expect(bad({})).toThrow(/settings\.appId: appId is required/);
    expect(bad({ appId: 'not-a-guid' })).toThrow(/settings\.appId: appId must be the application id, a GUID/);
    const appId = '6a6f1c1e-3c1b-4e5e-9a51-2f0e8e7b9c10';
    expect(bad({ appId, baseUrl: 'ftp://api.evotor.ru' })).toThrow(
      /settings\.baseUrl: Адрес API \(baseUrl\): нужен адрес вида https:\/\/.* \/ API address \(baseUrl\): needs an address like/,
    );
    expect(bad({ appId, pathStyle: 'v2' })).toThrow(/settings\.pathStyle/);
    expect(bad({ appId, mode: 'push' })).toThrow(/settings\.mode/);
    expect(bad({ appId, token: 'x' })).toThrow(/token/); // strict: secrets never go in settings
    expect(bad({ appId, types: ['document', 'bad type!'] })).toThrow(/settings\.types\.1/);
    expect(
      parseFeedConfig({ id: 'e', provider: 'evotor', settings: { appId, baseUrl: 'http://127.0.0.1:9/' } }, 'f').settings[
        'baseUrl'
      ],
    ).toBe('http://127.0.0.1:9');
  });
});

describe('Evotor provider: texts and parsing', () => {
  const settings = evotorSettingsSchema.parse({ appId: '6a6f1c1e-3c1b-4e5e-9a51-2f0e8e7b9c10' });
  const norm = (raw: Partial<EvotorEvent> & Record<string, unknown>) =>
    evotorProvider.normalize({ id: 'e1', type: 'document', timestamp: 1531745943262, ...raw } as EvotorEvent, settings);

  it('never puts a GUID where a person reads: store and device ids go to the detail; facts in words (issue 10)', () => {
    const storeGuid = '20170228-8F7A-40E8-80AE-1C2C3F0A9B11';
    const device = norm({
      type: 'device',
      action: 'created',
      payload: { name: 'Касса у входа', id: '20180502-1A2B-4C5D-8E9F-001122334455', store_id: storeGuid },
    });
    expect(device.title.ru).toBe('Устройство создано: Касса у входа');
    expect(`${device.title.ru} ${device.summary.ru}`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
    const sale = norm({
      type: 'document',
      payload: { type: 'SELL', number: 12, session_number: 3, sum: 1500, store_id: storeGuid },
    });
    expect(sale.summary.ru).toBe('смена 3 · 1\u00a0500,00\u00a0₽');
    const named = norm({
      type: 'document',
      payload: { type: 'SELL', number: 12, sum: 1500, store_id: storeGuid, store_name: 'Кофейня на Ленина' },
    });
    expect(named.summary.ru).toContain('магазин Кофейня на Ленина');
    const facts = evotorModule.facts!({ type: named.type, payload: named.payload });
    expect(facts.map((f) => [f.label.ru, f.valueText?.ru ?? f.value])).toEqual([
      ['Документ', 'продажа № 12'],
      ['Магазин', 'Кофейня на Ленина'],
      ['Сумма', '1\u00a0500,00\u00a0₽'],
    ]);
    const deviceFacts = evotorModule.facts!({ type: device.type, payload: device.payload });
    expect(deviceFacts[0]).toEqual({ label: { ru: 'Устройство', en: 'Device' }, value: 'Касса у входа' });
    expect(JSON.stringify(deviceFacts)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
    expect(evotorModule.typeName!('Document')).toEqual({ ru: 'Документ на кассе', en: 'Till document' });
  });

  it('titles every documented event type in Russian and English', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { type: 'document', payload: { type: 'SELL', number: 12, session_number: 3, sum: 1500 } },
        'Документ на кассе: продажа № 12',
        'Till document: sale No. 12',
      ],
      [
        { type: 'document', payload: { type: 'PAYBACK', number: 13 } },
        'Документ на кассе: возврат № 13',
        'Till document: refund No. 13',
      ],
      [
        { type: 'document', payload: { type: 'OPEN_SESSION', number: 1 } },
        'Документ на кассе: открытие смены № 1',
        'Till document: shift opened No. 1',
      ],
      [
        { type: 'document', payload: { type: 'CLOSE_SESSION', number: 2 } },
        'Документ на кассе: закрытие смены № 2',
        'Till document: shift closed No. 2',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'SubscriptionActivated', planId: 'pro' } },
        'Покупка приложения: подписка активирована',
        'App purchase: subscription activated',
      ],
      [
        { type: 'MarketplacePurchase', payload: { type: 'SubscriptionCreated' } },
        'Покупка приложения: оформлена подписка',
        'App purchase: subscription created',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'SubscriptionRenewed' } },
        'Покупка приложения: подписка продлена',
        'App purchase: subscription renewed',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'SubscriptionTermsChanged' } },
        'Покупка приложения: изменены условия подписки',
        'App purchase: subscription terms changed',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'SubscriptionTerminationRequested' } },
        'Покупка приложения: запрошено прекращение подписки',
        'App purchase: subscription cancellation requested',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'SubscriptionTerminated' } },
        'Покупка приложения: подписка прекращена',
        'App purchase: subscription terminated',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'AddonsUpdated' } },
        'Покупка приложения: изменены дополнения',
        'App purchase: add-ons updated',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'ApplicationInstalled' } },
        'Покупка приложения: приложение установлено',
        'App purchase: app installed',
      ],
      [
        { type: 'marketplace.purchase', payload: { type: 'ApplicationUninstalled' } },
        'Покупка приложения: приложение удалено',
        'App purchase: app uninstalled',
      ],
      [
        { type: 'store', action: 'updated', payload: { name: 'Ромашка', address: 'ул. Ленина, 1' } },
        'Магазин изменён: Ромашка',
        'Store updated: Ромашка',
      ],
      [
        { type: 'employee', action: 'created', payload: { name: 'Иван', last_name: 'Петров' } },
        'Сотрудник создан: Петров Иван',
        'Employee created: Петров Иван',
      ],
      [
        { type: 'device', action: 'deleted', payload: { name: 'Эвотор 7.2' } },
        'Устройство удалено: Эвотор 7.2',
        'Device deleted: Эвотор 7.2',
      ],
      [
        { type: 'hook', action: 'created', payload: { active: true, events: ['document'] } },
        'Настройка событий приложения создана',
        'App event settings created',
      ],
      [
        { type: 'product', action: 'created', payload: { name: 'Кофе', price: 150 } },
        'Товар создан: Кофе',
        'Product created: Кофе',
      ],
      [
        { type: 'product-group', action: 'deleted', payload: { name: 'Напитки' } },
        'Группа товаров удалена: Напитки',
        'Product group deleted: Напитки',
      ],
      [{ type: 'system', action: 'reindexed' }, 'Системное событие Эвотор: reindexed', 'Evotor system event: reindexed'],
    ];
    for (const [raw, ru, en] of cases) {
      const event = norm(raw);
      expect(event.title).toEqual({ ru, en });
      expect(event.summary.ru.length).toBeGreaterThan(0);
      expect(event.summary.en.length).toBeGreaterThan(0);
      expect(`${event.summary.ru} ${event.summary.en}`).not.toMatch(/undefined|null|NaN|\[object/);
      expect(event.link).toBeNull();
    }
    expect(norm({ payload: { type: 'SELL', number: 12, session_number: 3, sum: 1500 } }).summary.ru).toContain('смена 3');
    expect(norm({ type: 'MarketplacePurchase' }).type).toBe('marketplace.purchase');
  });

  it('shows unknown types, actions and payloads generically and never throws (invariant 4)', () => {
    const unknown = norm({ type: 'fiscal-drive', action: 'registered', payload: { serial_number: 'FN-1' } });
    expect(unknown.title).toEqual({
      ru: 'Событие Эвотор «fiscal-drive»',
      en: 'Evotor event "fiscal-drive" (registered)',
    });
    expect(unknown.summary.en).toContain('serial_number');
    expect(unknown.summary.ru).toBe('Подробности в данных события');
    expect(unknown.type).toBe('fiscal-drive');
    expect(norm({ type: 'store', action: 'archived', payload: { name: 'X' } }).title.ru).toBe('Магазин действие «archived»: X');
    expect(norm({ type: 'document', payload: { type: 'NEW_KIND', number: 5 } }).title.en).toBe(
      'Till document: document NEW_KIND No. 5',
    );
    expect(norm({ type: 'marketplace.purchase', payload: { type: 'PlanMigrated' } }).title.ru).toBe(
      'Покупка приложения: событие «PlanMigrated»',
    );
    for (const payload of [null, [], 'text', 42, { type: { nested: true } }, undefined]) {
      for (const type of [
        'document',
        'marketplace.purchase',
        'store',
        'employee',
        'device',
        'hook',
        'product',
        'product-group',
        'zzz',
        '',
      ]) {
        const event = norm({ type, payload, action: null });
        expect(event.title.ru.length).toBeGreaterThan(0);
        expect(event.title.en).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('reads timestamps as ms numbers, digit strings and ISO dates with "+0000" (UNCONFIRMED which one the API sends)', () => {
    expect(parseTimestamp(1531748853010)).toBe(1531748853010);
    expect(parseTimestamp('1531748853010')).toBe(1531748853010);
    expect(parseTimestamp('2018-04-24T12:08:44.886+0000')).toBe(Date.UTC(2018, 3, 24, 12, 8, 44, 886));
    expect(parseTimestamp('2018-04-24T15:08:44.886+0300')).toBe(Date.UTC(2018, 3, 24, 12, 8, 44, 886));
    expect(parseTimestamp('2018-04-24T12:08:44.886Z')).toBe(Date.UTC(2018, 3, 24, 12, 8, 44, 886));
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(norm({ timestamp: '2018-07-16T12:59:03.187+0000' }).occurredAt).toBe(Date.UTC(2018, 6, 16, 12, 59, 3, 187));
  });

  it('keeps integers beyond 2^53 exact by turning them into strings', () => {
    const parsed = JSON.parse(
      quoteUnsafeIntegers(
        '{"a":12345678901234567890,"b":"12345678901234567890 x","c":1.5e300,"d":-98765432109876543210,"e":1531748853010}',
      ),
    );
    expect(parsed).toEqual({
      a: '12345678901234567890',
      b: '12345678901234567890 x',
      c: 1.5e300,
      d: '-98765432109876543210',
      e: 1531748853010,
    });
  });
});

describe('Evotor provider: syncing through the core', () => {
  it('syncs many pages with the exact auth header, mixed timestamp forms, then only new events with a skew overlap', async () => {
    const mock = await newMock({ events: 240, pageSize: 25, timestampFormat: 'mixed' });
    const core = openCore(mock, { value: mock.token });
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome).toMatchObject({ inserted: 240, caughtUp: true, error: null });
    expect(storedIdsSorted(core)).toEqual(mockIds(mock));
    // Occurrence times are the server's, whether sent as ms or as "+0000" ISO strings.
    const byId = new Map(mock.events.map((e) => [e.id, e.timestamp]));
    const stored = core.store.query({ feedIds: [FEED], limit: 500 }).items;
    expect(stored.every((e) => e.occurredAt === byId.get(e.id))).toBe(true);

    const requests = mock.listRequests();
    expect(requests.length).toBe(10);
    for (const r of requests) {
      expect(r.headers['authorization']).toBe(`Bearer ${mock.token}`);
      expect(r.headers['accept']).toBe('application/vnd.evotor.v2+json');
      expect(r.path).toBe(`/api/apps/${mock.appId}/events`);
      expect(r.query.has('until')).toBe(false);
    }
    expect(requests[0]!.query.get('since')).toBe('0');
    // Later pages follow paging.next_cursor alone (opaque base64 with + / =, URL-encoded on the way).
    expect(requests.slice(1).every((r) => [...r.query.keys()].join() === 'cursor')).toBe(true);

    const newest = mock.events.at(-1)!.timestamp;
    const added = mock.addEvents(3);
    // An event that reached the server late, stamped two minutes before the newest we saw: the overlap finds it.
    const late = mock.addEvents(1, { at: newest - 120_000 });
    const again = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(again).toMatchObject({ inserted: 4, caughtUp: true, error: null });
    const window = mock.listRequests().at(-1)!;
    expect(window.query.get('since')).toBe(String(newest - 5 * 60_000));
    expect(storedIdsSorted(core)).toEqual(mockIds(mock));
    expect(core.store.findKey(FEED, late[0]!.id)).not.toBeNull();
    expect(added.every((e) => core.store.findKey(FEED, e.id) !== null)).toBe(true);

    // Nothing new: one window request, nothing stored twice, the cursor does not move back.
    const cursorBefore = core.store.feedState(FEED)!.cursor;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true });
    expect(core.store.feedState(FEED)!.cursor).toBe(cursorBefore);
    expect(JSON.parse(cursorBefore!)).toEqual({ from: 0, last: mock.events.at(-1)!.timestamp });
  });

  it('drops duplicates across pages and passes empty pages that still have a next_cursor', async () => {
    const mock = await newMock({ events: 130, pageSize: 20 });
    mock.duplicateAcrossPages = true;
    mock.emptyFirstPage = true;
    const core = openCore(mock, { value: mock.token });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 130, caughtUp: true, error: null });
    expect(storedIdsSorted(core)).toEqual(mockIds(mock));
    expect(core.store.count(FEED)).toBe(130);
  });

  it('starts at now (the newest event Evotor has, minus the skew), at a date (minus the skew), or at the beginning', async () => {
    const mock = await newMock({ events: 60, pageSize: 25 });
    const now = openCore(mock, { value: mock.token }, { start: 'now' });
    // "Now" is the server's: its newest event, less the skew overlap (an event stamped late must not be lost), so
    // the first sync stores the overlap's few events and none of the older history.
    const newest = mock.events.at(-1)!.timestamp;
    const overlap = mock.events.filter((e) => e.timestamp >= newest - SKEW);
    expect(overlap.length).toBeLessThan(10);
    expect((await now.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: overlap.length, caughtUp: true, error: null });
    const fresh = mock.addEvents(2);
    expect((await now.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2 });
    expect(storedIdsSorted(now)).toEqual([...overlap, ...fresh].map((e) => e.id).toSorted());

    // A date is the user's clock; the server's stamps may run behind it by the skew.
    const from = mock.events[40]!.timestamp;
    const dated = openCore(mock, { value: mock.token }, { start: new Date(from).toISOString() });
    await dated.polling.syncAllOnce();
    expect(storedIdsSorted(dated)).toEqual(
      mock.events
        .filter((e) => e.timestamp >= from - SKEW)
        .map((e) => e.id)
        .toSorted(),
    );
    expect(mock.listRequests().some((r) => r.query.get('since') === String(from - SKEW))).toBe(true);

    const all = openCore(mock, { value: mock.token }, { start: 'beginning' });
    await all.polling.syncAllOnce();
    expect(storedIdsSorted(all)).toEqual(mockIds(mock));
  });

  it('filters types itself, since types= / type= and the purchase spelling are UNCONFIRMED; both path styles', async () => {
    const mock = await newMock({ events: 100, pageSize: 30 });
    // A strict server that spells purchases its own way would answer a types= filter in the other spelling with
    // nothing at all: no filter is sent, and the feed keeps the types it asked for, in either spelling.
    mock.readings.typeFilter = 'strict';
    const one = openCore(mock, { value: mock.token }, { settings: { types: ['MarketplacePurchase'] } });
    await one.polling.syncAllOnce();
    const first = mock.listRequests()[0]!;
    expect(first.query.has('types')).toBe(false);
    expect(first.query.has('type')).toBe(false);
    const purchases = mock.events.filter((e) => e.type === 'marketplace.purchase' || e.type === 'MarketplacePurchase');
    expect(purchases.length).toBeGreaterThan(5);
    expect(storedIdsSorted(one)).toEqual(purchases.map((e) => e.id).toSorted());
    expect(core0Types(one)).toEqual(['marketplace.purchase']);

    mock.server.requests.length = 0;
    const two = openCore(mock, { value: mock.token }, { settings: { types: ['document', 'store'], pathStyle: 'reference' } });
    await two.polling.syncAllOnce();
    const req = mock.listRequests()[0]!;
    expect(req.path).toBe(`/apps/${mock.appId}/events`);
    expect([...req.query.keys()]).toEqual(['since']);
    expect(storedIdsSorted(two)).toEqual(
      mock.events
        .filter((e) => e.type === 'document' || e.type === 'store')
        .map((e) => e.id)
        .toSorted(),
    );
  });

  it('loses and duplicates nothing across restarts mid-paging, even when the server forgot the cursor meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-evotor-'));
    dirs.push(dir);
    const mock = await newMock({ events: 200, pageSize: 20 });
    const secret = { value: mock.token };

    // Run 1: three pages, then the fourth request hangs and the app stops.
    const first = openCore(mock, secret, { dataDir: dir });
    mock.server.inject({ kind: 'delay', ms: 0 }, 3);
    mock.hangNext();
    const run = first.polling.syncAllOnce();
    await waitFor(() => mock.listRequests().length === 4, 'the fourth request');
    await first.stop();
    await run;
    cores.splice(cores.indexOf(first), 1);

    // Run 2: continues with the stored cursor, stops again after two more pages (a reset).
    const second = openCore(mock, secret, { dataDir: dir });
    expect(second.store.count(FEED)).toBe(60);
    const resumed = JSON.parse(second.store.feedState(FEED)!.cursor!) as { next?: string };
    expect(resumed.next).toBeTruthy();
    mock.server.inject({ kind: 'delay', ms: 0 }, 2);
    mock.resetNext();
    const out2 = (await second.polling.syncAllOnce()).get(FEED)!;
    expect(out2.error?.kind).toBe('network');
    expect(second.store.count(FEED)).toBe(100);
    await second.stop();
    cores.splice(cores.indexOf(second), 1);

    // Meanwhile the server forgets every cursor and new events arrive.
    mock.expireCursors();
    mock.addEvents(7);
    const third = openCore(mock, secret, { dataDir: dir });
    const before = mock.listRequests().length;
    expect((await third.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
    const after = mock.listRequests().slice(before);
    // The stale cursor got a 400, then a fresh window from the newest event seen minus the skew.
    expect(after[0]!.query.has('cursor')).toBe(true);
    expect(after[1]!.query.get('since')).toBe(String(mock.events[99]!.timestamp - 5 * 60_000));
    expect(storedIdsSorted(third)).toEqual(mockIds(mock));
    expect(third.store.count(FEED)).toBe(207);
  });
});

function core0Types(core: FeedbellCore): string[] {
  return [...new Set(core.store.query({ feedIds: [FEED], limit: 500 }).items.map((e) => e.type))];
}

describe('Evotor provider: failures and recovery', () => {
  type Case = {
    name: string;
    arm(mock: EvotorMock, secret: { value: string | null }): void;
    disarm?(mock: EvotorMock, secret: { value: string | null }): void;
    error: { kind: string; hint?: RegExp; detail?: RegExp; message?: RegExp };
    /** Expected wait before the next try, ms (Retry-After or backoff), checked loosely. */
    nextPollIn?: [number, number];
  };
  const cases: Case[] = [
    {
      name: '401: token not valid',
      arm: (_m, s) => (s.value = 'some-old-token-value'),
      disarm: (m, s) => (s.value = m.token),
      error: { kind: 'auth', hint: /publisher token is not valid/, message: /HTTP 401.*Invalid access token/ },
    },
    {
      name: '403: token without event:read',
      arm: (m, s) => (s.value = m.tokenWithoutScope),
      disarm: (m, s) => (s.value = m.token),
      error: { kind: 'forbidden', hint: /event:read.*appId/, detail: /code 4031/ },
    },
    {
      name: '429 with Retry-After',
      arm: (m) => m.failNext(429, { retryAfter: '7' }),
      error: { kind: 'rate-limit' },
      nextPollIn: [6000, 7100],
    },
    {
      name: '429 without Retry-After (backoff)',
      arm: (m) => m.failNext(429),
      error: { kind: 'rate-limit' },
      nextPollIn: [2000, 2600],
    },
    { name: '500', arm: (m) => m.failNext(500), error: { kind: 'server', message: /HTTP 500/ } },
    {
      name: '503 with Retry-After',
      arm: (m) => m.failNext(503, { retryAfter: '3' }),
      error: { kind: 'server', message: /HTTP 503/ },
      nextPollIn: [2000, 3100],
    },
    { name: 'timeout (no answer)', arm: (m) => m.hangNext(), error: { kind: 'network', message: /did not answer in time/ } },
    {
      name: 'answer slower than the timeout',
      arm: (m) => m.slowNext(2500),
      error: { kind: 'network', message: /did not answer in time/ },
    },
    { name: 'connection reset', arm: (m) => m.resetNext(), error: { kind: 'network' } },
    { name: 'malformed JSON', arm: (m) => m.malformedNext(), error: { kind: 'protocol', message: /not valid JSON/ } },
    {
      name: 'page without items',
      arm: (m) => m.shapelessNext(),
      error: { kind: 'protocol', message: /unexpected shape \(items/ },
    },
    {
      name: '400 with violations',
      arm: (m) =>
        m.failNext(400, {
          message: 'since must be epoch milliseconds',
          violations: [{ reason: 'must be a number', subject: 'since' }],
        }),
      error: {
        kind: 'protocol',
        message: /since must be epoch milliseconds/,
        detail: /code 4001; violations: since: must be a number/,
      },
    },
    {
      name: '422 with violations',
      arm: (m) => m.failNext(422, { message: 'Unprocessable', violations: [{ reason: 'unknown type', subject: 'types' }] }),
      error: { kind: 'protocol', detail: /violations: types: unknown type/ },
    },
  ];

  for (const c of cases) {
    it(`${c.name}: shows the right feed state, then recovers without loss`, async () => {
      const mock = await newMock({ events: 45, pageSize: 20 });
      const secret = { value: mock.token as string | null };
      const core = openCore(mock, secret);
      c.arm(mock, secret);
      const started = Date.now();
      core.start();
      await waitFor(() => core.polling.status(FEED)!.phase === 'error', 'the error state');
      const status = core.polling.status(FEED)!;
      expect(status.lastError!.kind).toBe(c.error.kind);
      if (c.error.hint) expect(status.lastError!.hint).toMatch(c.error.hint);
      if (c.error.detail) expect(status.lastError!.detail).toMatch(c.error.detail);
      if (c.error.message) expect(status.lastError!.message).toMatch(c.error.message);
      if (c.nextPollIn) {
        const wait = status.nextPollAt! - started;
        expect(wait).toBeGreaterThanOrEqual(c.nextPollIn[0]);
        expect(wait).toBeLessThanOrEqual(c.nextPollIn[1] + 1000);
      }
      c.disarm?.(mock, secret);
      core.polling.syncNow(FEED);
      await waitFor(() => core.polling.status(FEED)!.phase === 'ok', 'recovery');
      expect(core.polling.status(FEED)!.lastError).toBeNull();
      expect(storedIdsSorted(core)).toEqual(mockIds(mock));
    });
  }

  it('answers slower than usual but within the timeout are fine', async () => {
    const mock = await newMock({ events: 45, pageSize: 20 });
    mock.slowNext(250, 3);
    const core = openCore(mock, { value: mock.token });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 45, caughtUp: true, error: null });
  });

  it('a server that rejects every paging cursor still delivers everything: each window is read again from the newest event seen', async () => {
    const mock = await newMock({ events: 100, pageSize: 10 });
    mock.rejectCursors = true;
    const core = openCore(mock, { value: mock.token });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 100, caughtUp: true, error: null });
    expect(storedIdsSorted(core)).toEqual(mockIds(mock));
    const rejected = mock.listRequests().filter((r) => r.query.has('cursor'));
    expect(rejected.length).toBeGreaterThan(5);
    // Each window after a rejection starts at the newest event seen minus the skew, and moves on.
    const windows = mock
      .listRequests()
      .map((r) => r.query.get('since'))
      .filter((since) => since !== null)
      .map(Number);
    expect(windows.every((since, i) => i === 0 || since > windows[i - 1]!)).toBe(true);
    expect(JSON.parse(core.store.feedState(FEED)!.cursor!)).toEqual({ from: 0, last: mock.events.at(-1)!.timestamp });
  });

  for (const [what, arrange] of [
    [
      'more events than a page share one millisecond',
      (mock: EvotorMock) => {
        // No window can start after some of them and before the others.
        mock.readings.burstsShareStamp = true;
        mock.addEvents(30);
        mock.readings.burstsShareStamp = false;
      },
    ],
    [
      'the windows come in no order',
      (mock: EvotorMock) => {
        mock.addEvents(30);
        mock.readings.order = 'shuffled';
      },
    ],
  ] as const) {
    it(`gives up a run only when the same window keeps losing its cursor (${what}); the next sync starts clean`, async () => {
      const mock = await newMock({ events: 0, pageSize: 10 });
      arrange(mock);
      expect(new Set(mock.events.map((e) => e.timestamp)).size).toBe(what.startsWith('more') ? 1 : 30);
      mock.rejectCursors = true;
      const core = openCore(mock, { value: mock.token });
      const out = (await core.polling.syncAllOnce()).get(FEED)!;
      expect(out.error?.kind).toBe('protocol');
      expect(out.error?.message).toMatch(/keeps rejecting its own paging cursor and the window does not move/);
      expect(out.error?.detail).toMatch(/cursor: must have valid value/);
      // A bounded loop: a few windows, not the run's page limit; in order, the last ones reached back only 1 ms.
      expect(mock.listRequests().length).toBeLessThan(12);
      const newest = mock.events.at(-1)!.timestamp;
      if (what.startsWith('more')) expect(mock.listRequests().at(-2)!.query.get('since')).toBe(String(newest - 1));
      // The stored cursor holds no dead paging cursor and no count of failures.
      const stored = JSON.parse(core.store.feedState(FEED)!.cursor!) as Record<string, unknown>;
      expect(stored).not.toHaveProperty('next');
      expect(stored).not.toHaveProperty('rejected');
      // Cursors work again, but every one handed out so far is gone: the next sync starts with a window.
      mock.rejectCursors = false;
      mock.expireCursors();
      const before = mock.listRequests().length;
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
      expect(mock.listRequests()[before]!.query.has('since')).toBe(true);
      expect(storedIdsSorted(core)).toEqual(mockIds(mock));
    });
  }

  it('a stored cursor of an earlier version, stuck on a dead paging cursor with rejected: 3, recovers in one sync', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-evotor-'));
    dirs.push(dir);
    const mock = await newMock({ events: 40, pageSize: 10 });
    const first = openCore(mock, { value: mock.token }, { dataDir: dir });
    mock.server.inject({ kind: 'delay', ms: 0 }, 2);
    mock.resetNext();
    expect((await first.polling.syncAllOnce()).get(FEED)!.error?.kind).toBe('network');
    expect(first.store.count(FEED)).toBe(20);
    // What the earlier version left behind after giving up: the dead cursor and its count of rejections.
    const left = JSON.parse(first.store.feedState(FEED)!.cursor!) as Record<string, unknown>;
    first.store.updateFeedState(FEED, { cursor: JSON.stringify({ ...left, rejected: 3 }) });
    await first.stop();
    cores.splice(cores.indexOf(first), 1);
    mock.expireCursors();
    mock.addEvents(2);

    const second = openCore(mock, { value: mock.token }, { dataDir: dir });
    expect((await second.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
    expect(storedIdsSorted(second)).toEqual(mockIds(mock));
  });

  it('a cursor that works once, whose answer was lost mid-body, is rejected when asked again: the sync reads on by time', async () => {
    const mock = await newMock({ events: 50, pageSize: 10 });
    mock.readings.singleUseCursors = true;
    const core = openCore(mock, { value: mock.token });
    mock.server.inject({ kind: 'delay', ms: 0 }, 2);
    mock.server.inject({ kind: 'truncate' });
    expect((await core.polling.syncAllOnce()).get(FEED)!.error?.kind).toBe('network');
    const before = mock.listRequests().length;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
    const retried = mock.listRequests()[before]!;
    expect(retried.query.has('cursor')).toBe(true);
    expect(storedIdsSorted(core)).toEqual(mockIds(mock));
  });

  it('never lets the token into an error, a hint, a detail, the stored state or the log', async () => {
    const mock = await newMock({ events: 30, pageSize: 20 });
    const secret = { value: mock.token as string | null };
    const core = openCore(mock, secret);
    logLines.length = 0;
    const seen: string[] = [];
    const collect = async () => {
      const out = (await core.polling.syncAllOnce()).get(FEED)!;
      const e = out.error;
      if (e) seen.push(e.message, e.hint ?? '', e.detail ?? '', String(e.cause ?? ''), e.stack ?? '');
      seen.push(JSON.stringify(core.polling.status(FEED)), JSON.stringify(core.store.feedState(FEED)));
    };
    // A server that echoes the token back in its error text is scrubbed too.
    mock.failNext(401, { message: `token ${mock.token} is not valid` });
    await collect();
    mock.failNext(400, { message: `bad ${mock.token}`, violations: [{ reason: mock.token, subject: 'authorization' }] });
    await collect();
    for (const arm of [
      () => mock.failNext(403),
      () => mock.failNext(429),
      () => mock.failNext(500),
      () => mock.resetNext(),
      () => mock.hangNext(),
      () => mock.malformedNext(),
    ]) {
      arm();
      await collect();
    }
    secret.value = mock.tokenWithoutScope;
    await collect();
    secret.value = `${mock.token}\nX-Injected: 1`;
    await collect();
    const text = [...seen, ...logLines].join('\n');
    expect(seen.length).toBeGreaterThan(20);
    expect(text).not.toContain(mock.token);
    expect(text).not.toContain(mock.tokenWithoutScope);
    expect(text).toContain('***');
  });
});

describe('Evotor provider: "start from now" in the server\'s clock', () => {
  const offsets = [-3 * HOUR, 3 * HOUR];
  for (const offset of offsets) {
    for (const dateHeader of ['server', 'real', 'none'] as const) {
      for (const quiet of [false, true]) {
        const clock = `server clock ${offset < 0 ? 'behind' : 'ahead of'} ours by 3 h`;
        const header =
          dateHeader === 'server'
            ? 'its Date header'
            : dateHeader === 'real'
              ? 'a Date header that disagrees with its stamps'
              : 'no Date header';
        it(`${clock}, ${header}, ${quiet ? 'no event for three days' : 'recent events'}: every event added after the feed is stored, no old history`, async () => {
          // The stamps run on the server's clock; a 'real' Date header shows the true time instead.
          const mock = await newMock({
            events: 30,
            pageSize: 10,
            clockOffsetMs: offset,
            ...(quiet ? { firstAt: Date.now() + offset - 72 * HOUR } : {}),
          });
          mock.server.dateHeader = dateHeader;
          const newest = mock.events.at(-1)!.timestamp;
          const core = openCore(mock, { value: mock.token }, { start: 'now' });
          expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
          // At most the skew overlap behind the newest event the server had.
          const early = core.store.query({ feedIds: [FEED], limit: 500 }).items;
          expect(early.every((e) => e.occurredAt >= newest - SKEW)).toBe(true);
          const added = [...mock.addEvents(3)];
          expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 3, error: null });
          added.push(...mock.addEvents(1));
          expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 1, error: null });
          expect(added.every((e) => core.store.findKey(FEED, e.id) !== null)).toBe(true);
          expect(core.store.count(FEED)).toBe(early.length + 4);
        });
      }
    }
  }

  for (const dateHeader of ['server', 'none'] as const) {
    it(`our own clock two days ahead of the server's (${dateHeader === 'none' ? 'no Date header' : 'with its Date header'}): nothing added later is lost`, async () => {
      const mock = await newMock({ events: 30, pageSize: 10 });
      mock.server.dateHeader = dateHeader;
      const newest = mock.events.at(-1)!.timestamp;
      const core = openCore(mock, { value: mock.token }, { start: 'now', clock: new InstantClock(Date.now() + 48 * HOUR) });
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
      expect(core.store.query({ feedIds: [FEED], limit: 500 }).items.every((e) => e.occurredAt >= newest - SKEW)).toBe(true);
      const added = mock.addEvents(2);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2, error: null });
      expect(added.every((e) => core.store.findKey(FEED, e.id) !== null)).toBe(true);
    });
  }

  it('a feed with no events at all on a server without a Date header starts at the beginning, so the first event is kept', async () => {
    const mock = await newMock({ events: 0, pageSize: 10, clockOffsetMs: -3 * HOUR });
    mock.server.dateHeader = 'none';
    const core = openCore(mock, { value: mock.token }, { start: 'now' });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
    mock.addEvents(1);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 1, error: null });
  });

  it("a Retry-After date is measured against the server's Date header, not our clock", async () => {
    const mock = await newMock({ events: 5, clockOffsetMs: -3 * HOUR });
    mock.failNext(429, { retryAfter: new Date(mock.server.now() + 20_000).toUTCString() });
    const error = await checkError(settingsFor(mock), mock.token);
    expect(error).toMatchObject({ kind: 'rate-limit' });
    expect(error!.retryAfterMs).toBeGreaterThanOrEqual(18_000);
    expect(error!.retryAfterMs).toBeLessThanOrEqual(21_000);
  });
});

describe('Evotor provider: direct calls', () => {
  it('check() proves the token and app id with one request', async () => {
    const mock = await newMock({ events: 5 });
    await evotorProvider.check!(providerContext(settingsFor(mock), { secret: mock.token }));
    expect(mock.listRequests()).toHaveLength(1);
    expect(await checkError(settingsFor(mock), 'wrong')).toMatchObject({ kind: 'auth' });
    expect(await checkError(settingsFor(mock), null)).toMatchObject({ kind: 'auth' });
    expect(await checkError(settingsFor(mock), mock.tokenWithoutScope)).toMatchObject({
      kind: 'forbidden',
      hint: expect.stringMatching(/event:read/),
    });
    const otherApp = settingsFor(mock, { appId: '00000000-0000-4000-8000-000000000000' });
    expect(await checkError(otherApp, mock.token)).toMatchObject({ kind: 'forbidden' });
  });

  it('getEvotorEvent() fetches one event by id, null when unknown', async () => {
    const mock = await newMock({ events: 20 });
    const ctx = providerContext(settingsFor(mock), { secret: mock.token });
    const wanted = mock.events[7]!;
    const event = await getEvotorEvent(ctx, wanted.id);
    expect(event).toMatchObject({ id: wanted.id, type: wanted.type, timestamp: wanted.timestamp, payload: wanted.payload });
    expect(mock.server.requests.at(-1)!.path).toBe(`/api/apps/${mock.appId}/events/${wanted.id}`);
    expect(await getEvotorEvent(ctx, '11111111-2222-4333-8444-555555555555')).toBeNull();
    await expect(getEvotorEvent(providerContext(settingsFor(mock), { secret: 'nope' }), wanted.id)).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});

describe('Evotor provider: streaming', () => {
  it('survives split lines, silence and dropped connections, reconnecting by itself, and stores exactly the full set', async () => {
    const mock = await newMock({ events: 60, pageSize: 25, pingIntervalMs: 200, timestampFormat: 'mixed' });
    mock.splitStreamLines = true;
    const clock = new FakeClock(Date.now());
    const core = openCore(mock, { value: mock.token }, { clock, settings: { mode: 'stream', pingTimeoutSec: 0.8 } });
    const tick = () => clock.advance(3000);
    core.start();
    await waitFor(() => mock.openStreams === 1 && core.store.count(FEED) === 60, 'catch-up and a stream');
    const streamRequest = mock.listRequests().at(-1)!;
    expect(streamRequest.headers['accept']).toBe('application/stream+json');
    expect(streamRequest.headers['content-type']).toBe('application/stream+json');
    expect(streamRequest.headers['authorization']).toBe(`Bearer ${mock.token}`);
    expect(streamRequest.query.get('since')).toBe(String(mock.events.at(-1)!.timestamp - 5 * 60_000));

    // Live events arrive split across chunks (inside the JSON and inside Cyrillic letters); pings are not events.
    mock.addEvents(4);
    await waitFor(() => core.store.count(FEED) === 64, 'split live events');
    await new Promise((resolve) => setTimeout(resolve, 450)); // a couple of pings
    expect(core.store.count(FEED)).toBe(64);

    // Silence: no line, not even a ping, for longer than pingTimeoutSec: a network error, then a reconnect.
    mock.silenceStreams();
    mock.addEvents(3);
    await waitFor(() => core.polling.status(FEED)!.lastError?.kind === 'network', 'the silence detected', { ms: 3000 });
    expect(core.polling.status(FEED)!.lastError!.message).toMatch(/sent nothing for 0.8 s/);
    await waitFor(() => mock.openStreams === 1 && core.store.count(FEED) === 67, 'reconnect after silence', { tick });

    // A dropped connection, and the next stream dropped again in the middle of its replay.
    mock.dropNextStream(1);
    mock.dropStreams();
    mock.addEvents(2);
    await waitFor(() => core.store.count(FEED) === 69, 'events after the drop', { tick });
    await waitFor(() => mock.openStreams === 1, 'a stream again', { tick });
    mock.addEvents(2);
    await waitFor(() => core.store.count(FEED) === 71, 'live events on the new stream', { tick });

    // The server ends the stream normally: the poller reconnects soon.
    const streamsSoFar = mock.listRequests().filter((r) => r.headers['accept'] === 'application/stream+json').length;
    mock.endStreams();
    await waitFor(
      () =>
        mock.listRequests().filter((r) => r.headers['accept'] === 'application/stream+json').length > streamsSoFar &&
        mock.openStreams === 1,
      'reconnect after a normal end',
      { tick },
    );
    mock.addEvents(1);
    await waitFor(() => core.store.count(FEED) === 72, 'an event on the reconnected stream', { tick });

    expect(storedIdsSorted(core)).toEqual(mockIds(mock));
    expect(mock.listRequests().filter((r) => r.headers['accept'] === 'application/stream+json').length).toBeGreaterThanOrEqual(5);
  });

  it('asks to poll instead when the host answers a stream request with an ordinary page (UNCONFIRMED whether api.evotor.ru streams)', async () => {
    const mock = await newMock({ events: 10 });
    mock.streamingSupported = false;
    const core = openCore(mock, { value: mock.token }, { settings: { mode: 'stream', pingTimeoutSec: 1 } });
    core.start();
    await waitFor(() => core.polling.status(FEED)!.phase === 'error', 'the config error');
    expect(core.polling.status(FEED)!.lastError).toMatchObject({ kind: 'config', hint: expect.stringMatching(/mode to "poll"/) });
    expect(core.store.count(FEED)).toBe(10);
  });
});
