// Kontur realty checks ("Reestro") provider against its mock, through the real core and poller.
//
// Readings covered (PROVIDERS.md section 3; each one a mock switch, run through readingsMatrix: full sync, steady
// state, restart):
// - 3.3 lastEventId on an empty page (UNCONFIRMED): emptyPageLastEventId 'echo' | 'null' | 'absent'.
// - 3.3 lastEventId on a page with events ("in the example it equals the last event's id"): pageLastEventId
//   'last' | 'absent' | 'null' | 'newest-in-feed' (a reading of "last event" as the feed's newest, found here).
// - 3.3 corelationId vs correlationId (inferred): correlationField 'corelationId' | 'correlationId' | 'both'.
// - 3.3 eventDate precision (inferred): eventDateFormat 'micro' (6 digits + Z) | 'ticks' (7 digits, .NET) | 'milli' |
//   'seconds' | 'offset' (+03:00) | 'no-zone'.
// - 3.1 count default 30, max 100 (seed; over it UNCONFIRMED): countOverMax 'clamp' | 'reject' (400 naming count and
//   its maximum) | 'reject-bare' (400 naming nothing), each with a smaller page maximum (maxCount 5).
// - 3.4 a cursor past retention (UNCONFIRMED): expiredCursor 'validation' (400 naming afterEventId) | '400-bare' |
//   '404' | '410' | 'oldest' (a silent answer from the oldest kept event), with positions that expire at any time
//   (cursorExpiry 'single-use': a position is good for one request) so that expiries happen on every poll.
// - exclusive vs inclusive afterEventId (seed says exclusive): inclusiveCursor.
// - 3.4 rate limits (undocumented): the 429 the matrix sends is the mock's throttleAnswer (throttleBody 'empty');
//   a {code, message} body (throttleBody 'json') is tested on its own.
// Outside the matrix: positions expiring again and again (expireCursors, retention on the server's clock), loops
// (brokenPositions), start "now" and at a date with the server's clock 3 h behind and ahead, the retention note on
// the service's clock, and a page maximum learned once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { ConfigError, parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { realtyFacts as realtyModuleFacts } from '../../main/core/feeds/realty/realty-facts.ts';
import { encodeCursor, realtyProvider } from '../../main/core/feeds/realty/realty-provider.ts';
import { realtySettingsSchema, type RealtyCheckEvent, type RealtySettings } from '../../main/core/feeds/realty/realty-schema.ts';
import { FeedError, type FeedConfig } from '../../main/core/model.ts';
import { systemClock, type Clock, type Logger } from '../../main/core/ports.ts';
import { providerContext } from '../support/provider-context.ts';
import { REALTY_EVENTS_PATH, microsecondDate, startRealtyMock, type RealtyFault, type RealtyMock } from '../mocks/realty-mock.ts';
import { NO_RETRY } from '../support/retry.ts';
import { readingsMatrix, type Reading } from '../support/readings.ts';
import { InstantClock } from '../support/fake-clock.ts';
import { storedIds } from '../support/stored-events.ts';

const FEED = 'reestro';
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const HTTP = { headersTimeoutMs: 500, bodyTimeoutMs: 500, connectTimeoutMs: 500 };

const mocks: RealtyMock[] = [];
const cores: FeedbellCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop().catch(() => {});
  for (const m of mocks.splice(0)) await m.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function mock(options: Parameters<typeof startRealtyMock>[0] = {}): Promise<RealtyMock> {
  const m = await startRealtyMock(options);
  mocks.push(m);
  return m;
}

interface CoreOptions {
  start?: string;
  settings?: Record<string, unknown>;
  secret?: string | null;
  dataDir?: string;
  clock?: Clock;
  log?: Logger;
  /** Retry transient failures within a run, as the app does (default: no retries, to see one failure's state). */
  retries?: boolean;
}

function feedConfig(m: RealtyMock, options: CoreOptions = {}): FeedConfig {
  return parseFeedConfig(
    {
      id: FEED,
      provider: 'realty',
      intervalSec: 5,
      start: options.start ?? 'beginning',
      settings: { orgId: m.credentials.orgId, baseUrl: m.url, count: 50, ...options.settings },
    },
    'test feed',
  );
}

function openCore(m: RealtyMock, options: CoreOptions = {}): FeedbellCore {
  const secret = options.secret === undefined ? m.credentials.sid : options.secret;
  const core = FeedbellCore.open({
    dataDir: options.dataDir ?? ':memory:',
    feeds: new MemoryFeedsRepository([feedConfig(m, options)]),
    settings: new MemorySettingsStore(),
    secrets: { get: async (_id: string, name?: string) => (name ? null : secret) },
    httpOptions: HTTP,
    random: () => 0,
    // These tests check what one failure looks like; the in-run retries are tested with the readings.
    ...(options.retries ? {} : { retryPolicy: NO_RETRY }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  cores.push(core);
  return core;
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-realty-'));
  dirs.push(dir);
  return dir;
}

/** Stops a core and opens a new one on the same data folder (a restart of the app). */
async function reopen(core: FeedbellCore, m: RealtyMock, options: CoreOptions): Promise<FeedbellCore> {
  await core.stop();
  cores.splice(cores.indexOf(core), 1);
  return openCore(m, options);
}

/** Bounded real-time wait. */
async function waitFor(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function event(overrides: Partial<RealtyCheckEvent> = {}): RealtyCheckEvent {
  return {
    eventId: '7720902d-b025-4d9b-92a1-288a61e09b9d',
    eventDate: '2011-01-02T03:05:06.012345Z',
    checkId: '7720902d-b025-4d9b-92a1-288a61e09b9d',
    corelationId: 'fc88aa01-c2f2-4498-bbb2-5c7218e69585',
    externalId: '4f8e9e60-74f9-4e00-9fae-abf021ea0314',
    checkType: 'Fssp',
    checkState: 'Processed',
    ...overrides,
  };
}

const SETTINGS: RealtySettings = realtySettingsSchema.parse({ orgId: '1269f58a-3d40-42e1-91ad-a4251566419c' });

function parseWith(settings: Record<string, unknown>): () => FeedConfig {
  return () => parseFeedConfig({ id: 'r', provider: 'realty', settings }, 'feed "r"');
}

function title(checkType: string, checkState: string) {
  return realtyProvider.normalize(event({ checkType, checkState }), SETTINGS).title;
}

const EXPIRY_ANSWERS = ['validation', '400-bare', '404', '410', 'oldest'] as const;

const READINGS: Reading<RealtyMock>[] = [
  {
    name: 'as documented (lastEventId = the last event, echoed on an empty page; corelationId; 6-digit eventDate)',
    apply: () => {},
  },
  { name: 'empty page: lastEventId null', apply: (m) => void (m.emptyPageLastEventId = 'null') },
  { name: 'empty page: lastEventId absent', apply: (m) => void (m.emptyPageLastEventId = 'absent') },
  { name: 'page with events: lastEventId absent', apply: (m) => void (m.pageLastEventId = 'absent') },
  { name: 'page with events: lastEventId null', apply: (m) => void (m.pageLastEventId = 'null') },
  {
    name: 'page with events: lastEventId is the newest event of the whole feed',
    apply: (m) => void (m.pageLastEventId = 'newest-in-feed'),
  },
  { name: 'correlationId spelled correctly', apply: (m) => void (m.correlationField = 'correlationId') },
  { name: 'both correlation spellings', apply: (m) => void (m.correlationField = 'both') },
  { name: 'eventDate with 7 fractional digits', apply: (m) => void (m.eventDateFormat = 'ticks') },
  { name: 'eventDate with 3 fractional digits', apply: (m) => void (m.eventDateFormat = 'milli') },
  { name: 'eventDate without fractional digits', apply: (m) => void (m.eventDateFormat = 'seconds') },
  { name: 'eventDate with an offset (+03:00)', apply: (m) => void (m.eventDateFormat = 'offset') },
  { name: 'eventDate without a zone', apply: (m) => void (m.eventDateFormat = 'no-zone') },
  { name: 'page maximum 5, larger counts clamped', apply: (m) => Object.assign(m, { maxCount: 5, countOverMax: 'clamp' }) },
  {
    name: 'page maximum 5, larger counts rejected by a 400 naming count',
    apply: (m) => Object.assign(m, { maxCount: 5, countOverMax: 'reject' }),
  },
  {
    name: 'page maximum 5, larger counts rejected by a 400 naming nothing',
    apply: (m) => Object.assign(m, { maxCount: 5, countOverMax: 'reject-bare' }),
  },
  { name: 'inclusive afterEventId (each page repeats the last event)', apply: (m) => void (m.inclusiveCursor = true) },
  ...EXPIRY_ANSWERS.map((answer) => ({
    name: `positions good for one request; an expired one answered ${answer === 'oldest' ? 'silently from the oldest kept event' : `with ${answer}`}`,
    apply: (m: RealtyMock) =>
      Object.assign(m, { cursorExpiry: 'single-use', expiredCursor: answer, emptyPageLastEventId: 'null' }),
  })),
];

readingsMatrix(
  'realty checks',
  {
    startMock: (initial) => startRealtyMock({ initialEvents: initial, historyDays: 30 }),
    stopMock: (m) => m.stop(),
    server: (m) => m.server,
    feed: (m, id) => ({
      id,
      provider: 'realty',
      start: 'beginning',
      settings: { orgId: m.credentials.orgId, baseUrl: m.url, count: 10 },
    }),
    secrets: (m) => ({ token: m.credentials.sid }),
    addEvents: (m, n) => void m.addEvents(n),
    ids: (m) => m.retainedIds(),
    throttleAnswer: (m) => m.throttleAnswer(),
  },
  READINGS,
);

describe('realty settings', () => {
  it('validates orgId as a GUID of any case, baseUrl as http(s), count 1..100, and fills defaults', () => {
    expect(realtySettingsSchema.parse({ orgId: '1269F58A-3D40-42E1-91AD-A4251566419C' })).toEqual({
      orgId: '1269F58A-3D40-42E1-91AD-A4251566419C',
      auth: 'sid',
      baseUrl: 'https://api.kontur.ru',
      count: 100,
    });
    expect(
      realtySettingsSchema.parse({ orgId: SETTINGS.orgId, baseUrl: 'http://127.0.0.1:8080/', auth: 'apiKey', count: 1 }),
    ).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      auth: 'apiKey',
    });
    expect(parseWith({})).toThrow(ConfigError);
    expect(parseWith({ orgId: 'not-a-guid' })).toThrow(/settings\.orgId: orgId must be the organization GUID/);
    expect(parseWith({ orgId: SETTINGS.orgId, baseUrl: 'ftp://x' })).toThrow(
      /settings\.baseUrl: Адрес API \(baseUrl\): нужен адрес вида https:\/\/.* \/ API address \(baseUrl\): needs an address like/,
    );
    expect(parseWith({ orgId: SETTINGS.orgId, count: 101 })).toThrow(/settings\.count: count must be 1\.\.100/);
    expect(parseWith({ orgId: SETTINGS.orgId, count: 0 })).toThrow(/count must be 1\.\.100/);
    expect(parseWith({ orgId: SETTINGS.orgId, auth: 'token' })).toThrow(/auth must be "sid" or "apiKey"/);
    // Secrets stay out of settings: the strict object refuses them.
    expect(parseWith({ orgId: SETTINGS.orgId, sid: 'abc' })).toThrow(/sid/);
  });
});

describe('realty normalize', () => {
  it('titles every documented state, and each check type, in Russian and English', () => {
    expect(title('Fssp', 'Processed')).toEqual({ ru: 'Проверка ФССП завершена', en: 'FSSP (bailiffs) check completed' });
    expect(title('Fssp', 'Error')).toEqual({ ru: 'Проверка ФССП завершена с ошибкой', en: 'FSSP (bailiffs) check failed' });
    // The other kinds' spellings are UNCONFIRMED: looked up ignoring case, "_" and "-".
    expect(title('Bankruptcy', 'Processed').ru).toBe('Проверка банкротства завершена');
    expect(title('bankruptcy', 'Error').en).toBe('Bankruptcy check failed');
    expect(title('ROSFINMONITORING', 'Processed').ru).toBe('Проверка Росфинмониторинга завершена');
    expect(title('Arbitration', 'Processed').en).toBe('Arbitration cases check completed');
    expect(title('Pledge', 'Error').ru).toBe('Проверка залогов завершена с ошибкой');
    expect(title('Foreign_Agent', 'Processed').ru).toBe('Проверка реестра иноагентов завершена');
    expect(title('foreignAgent', 'Processed').en).toBe('Foreign agents register check completed');
  });

  it('gives unknown check types and states a generic text instead of throwing (invariant 4)', () => {
    const n = realtyProvider.normalize(event({ checkType: 'EgrnExtract', checkState: 'Cancelled' }), SETTINGS);
    expect(n.title).toEqual({
      ru: 'Проверка «EgrnExtract»: состояние «Cancelled»',
      en: '"EgrnExtract" check: state "Cancelled"',
    });
    expect(n.type).toBe('EgrnExtract.Cancelled');
    const bare = realtyProvider.normalize({ eventId: 'e1', eventDate: '2026-01-01T00:00:00Z' }, SETTINGS);
    expect(bare.title).toEqual({ ru: 'Проверка: новое событие', en: 'Check: new event' });
    expect(bare.summary).toEqual({ ru: 'Состояние проверки изменилось', en: 'The check’s state changed' });
    expect(bare.type).toBe('Unknown.Unknown');
  });

  it('reads microsecond eventDate to ms; the summary says what happened, never GUIDs alone (issue 10); no link, payload is the raw event', () => {
    const raw = event();
    const n = realtyProvider.normalize(raw, SETTINGS);
    expect(n.id).toBe(raw.eventId);
    expect(n.occurredAt).toBe(Date.UTC(2011, 0, 2, 3, 5, 6, 12));
    // The documented event carries only GUIDs (externalId, checkId, corelationId): they go to the detail.
    expect(n.summary).toEqual({ ru: 'Результат проверки готов', en: 'The check’s result is ready' });
    expect(`${n.title.ru} ${n.summary.ru}`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(n.link).toBeNull();
    expect(n.payload).toEqual(raw);
  });

  it('names the object in words where the payload has them: an address, a cadastral number, a reference that is not a GUID', () => {
    const withAddress = realtyProvider.normalize(
      { ...event(), address: 'г. Екатеринбург, ул. Ленина, 5' } as RealtyCheckEvent,
      SETTINGS,
    );
    expect(withAddress.summary.ru).toBe('Объект г. Екатеринбург, ул. Ленина, 5: результат проверки готов');
    const cadastral = realtyProvider.normalize(
      { ...event({ checkState: 'Error' }), cadastralNumber: '66:41:0204016:10' } as RealtyCheckEvent,
      SETTINGS,
    );
    expect(cadastral.summary.ru).toBe('Объект 66:41:0204016:10: проверку не удалось выполнить — запустите её снова');
    const reference = realtyProvider.normalize(event({ externalId: 'Квартира на Ленина' }), SETTINGS);
    expect(reference.summary.ru).toBe('Объект Квартира на Ленина: результат проверки готов');
    const facts = realtyModuleFacts({ payload: { ...event(), cadastralNumber: '66:41:0204016:10' } });
    expect(facts.map((f) => [f.label.ru, f.value])).toEqual([
      ['Объект', '66:41:0204016:10'],
      ['Проверка', 'Проверка ФССП завершена'],
    ]);
  });

  it('accepts both corelationId (doc spelling) and correlationId (UNCONFIRMED which one the feed sends)', () => {
    const doc = realtyProvider.normalize(event({ corelationId: 'c-doc' }), SETTINGS);
    const other = realtyProvider.normalize(event({ corelationId: undefined, correlationId: 'c-other' }), SETTINGS);
    expect(doc.payload).toMatchObject({ corelationId: 'c-doc' });
    expect(other.payload).toMatchObject({ correlationId: 'c-other' });
  });
});

describe('realty sync through the core', () => {
  it('reads every page from the beginning with the exact ReestroAuth header (auth.sid), continuing from lastEventId', async () => {
    const m = await mock({ initialEvents: 260 });
    const core = openCore(m);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome).toMatchObject({ caughtUp: true, error: null, inserted: 260 });
    expect(storedIds(core, FEED).toSorted()).toEqual(m.retainedIds().toSorted());
    const requests = m.eventRequests();
    // 6 pages of 50 (the last one empty: the client reads until a page brings nothing).
    expect(requests).toHaveLength(7);
    for (const r of requests) {
      expect(r.headers['authorization']).toBe(`ReestroAuth auth.sid=${m.credentials.sid}&portal.orgid=${m.credentials.orgId}`);
      expect(r.query.get('count')).toBe('50');
    }
    expect(requests[0]!.query.has('afterEventId')).toBe(false);
    expect(requests.slice(1).map((r) => r.query.get('afterEventId'))).toEqual(
      [49, 99, 149, 199, 249, 259].map((i) => m.all[i]!.eventId),
    );
    expect(core.polling.status(FEED)).toMatchObject({ lastError: null, note: null });

    // New events later: only they come, after the stored position.
    m.addEvents(3);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 3, error: null });
    expect(m.eventRequests()[7]!.query.get('afterEventId')).toBe(m.all[259]!.eventId);
    expect(core.store.count(FEED)).toBe(263);
  });

  it('sends "ReestroAuth apiKey=…&portal.orgid=…" in apiKey mode; the mock accepts keys in any case', async () => {
    const m = await mock({ initialEvents: 20 });
    const core = openCore(m, {
      secret: m.credentials.apiKey,
      settings: { auth: 'apiKey', orgId: m.credentials.orgId.toUpperCase() },
    });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 20, error: null });
    expect(m.eventRequests()[0]!.headers['authorization']).toBe(
      `ReestroAuth apiKey=${m.credentials.apiKey}&portal.orgid=${m.credentials.orgId.toUpperCase()}`,
    );
    const res = await fetch(`${m.url}${REALTY_EVENTS_PATH}?count=1`, {
      headers: { authorization: `ReestroAuth Auth.Sid=${m.credentials.sid}&portal.orgId=${m.credentials.orgId}` },
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({ events: [{ eventId: m.all[0]!.eventId }] });
    const noOrg = await fetch(`${m.url}${REALTY_EVENTS_PATH}`, {
      headers: { authorization: `ReestroAuth auth.sid=${m.credentials.sid}` },
    });
    expect(noOrg.status).toBe(401);
    expect(await noOrg.text()).toBe('');
  });

  it('start "now" stores nothing old (the feed read to its end first), then stores what is new', async () => {
    const m = await mock({ initialEvents: 120 });
    const core = openCore(m, { start: 'now' });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
    expect(m.eventRequests()[0]!.query.has('afterEventId')).toBe(false);
    const fresh = m.addEvents(4);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 4, error: null });
    expect(storedIds(core, FEED).toSorted()).toEqual(fresh.map((e) => e.eventId).toSorted());
  });

  it('start at a date stores only events from that date on', async () => {
    const m = await mock({ initialEvents: 200 });
    const at = m.all[150]!.at;
    const core = openCore(m, { start: new Date(at).toISOString() });
    await core.polling.syncAllOnce();
    // eventDate carries microseconds: an event at exactly `at` ms is kept.
    expect(storedIds(core, FEED).toSorted()).toEqual(
      m.all
        .filter((e) => e.at >= at)
        .map((e) => e.eventId)
        .toSorted(),
    );
    expect(core.store.count(FEED)).toBe(50);
  });

  it.each(['echo', 'null', 'absent'] as const)(
    'keeps its position when an empty page has lastEventId %s (UNCONFIRMED which one)',
    async (style) => {
      const m = await mock({ initialEvents: 30 });
      m.emptyPageLastEventId = style;
      const core = openCore(m);
      await core.polling.syncAllOnce();
      await core.polling.syncAllOnce();
      const requests = m.eventRequests();
      const last = m.all[29]!.eventId;
      // the empty page at the end of each sync was sent after the last event, and the next sync starts there too
      expect(requests.slice(1).map((r) => r.query.get('afterEventId'))).toEqual([last, last]);
      expect(JSON.parse(core.store.feedState(FEED)!.cursor!)).toMatchObject({ after: last });
      m.addEvents(2);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2, error: null });
      expect(core.store.count(FEED)).toBe(32);
    },
  );

  it('stores each event once when pages overlap (an inclusive cursor repeats the last event)', async () => {
    const m = await mock({ initialEvents: 140 });
    m.inclusiveCursor = true;
    const core = openCore(m);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null, inserted: 140 });
    expect(storedIds(core, FEED).toSorted()).toEqual(m.retainedIds().toSorted());
  });

  it('reads on past an empty page while more waits, and past a server that clamps count', async () => {
    const m = await mock({ initialEvents: 90 });
    m.maxCount = 20;
    m.countOverMax = 'clamp';
    const core = openCore(m);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, inserted: 90 });
    m.addEvents(10);
    m.emptyPagesWhileMore = 1;
    await core.polling.syncAllOnce();
    // The empty page ended that sync; the next one reads the rest.
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 10, error: null });
    expect(core.store.count(FEED)).toBe(100);
  });

  it('the mock emulates count rules: default 30, above 100 rejected or clamped', async () => {
    const m = await mock({ initialEvents: 150 });
    const headers = { authorization: `ReestroAuth auth.sid=${m.credentials.sid}&portal.orgid=${m.credentials.orgId}` };
    const get = (query: string) => fetch(`${m.url}${REALTY_EVENTS_PATH}${query}`, { headers });
    expect(((await (await get('')).json()) as { events: unknown[] }).events).toHaveLength(30);
    expect(((await (await get('?count=500')).json()) as { events: unknown[] }).events).toHaveLength(100);
    m.countOverMax = 'reject';
    const rejected = await get('?count=500');
    expect(rejected.status).toBe(400);
    const bad = await get('?afterEventId=42');
    expect((await bad.json()) as unknown).toEqual({
      code: 'validation',
      message: 'Failed to validate input request',
      target: 'api',
      errors: [{ code: 'WrongFieldValue', message: 'afterEventId should be guid', target: 'AssessmentApi' }],
    });
    expect(microsecondDate(Date.UTC(2011, 0, 2, 3, 5, 6, 12), 345)).toBe('2011-01-02T03:05:06.012345Z');
  });
});

describe('realty: 3-month retention', () => {
  it.each(['validation', '404', '410', 'oldest'] as const)(
    'a position the service forgot (%s) restarts from the oldest kept event, with a gap note and no duplicates',
    async (style) => {
      let shift = 0;
      const clock: Clock = { now: () => Date.now() + shift, sleep: systemClock.sleep };
      const m = await mock({ initialEvents: 100 });
      m.expiredCursor = style;
      const core = openCore(m, { clock });
      await core.polling.syncAllOnce();
      expect(core.store.count(FEED)).toBe(100);

      // 100 days pass: everything read so far is past retention; new events arrive.
      shift = 100 * DAY;
      m.server.clockOffsetMs = shift;
      expect(m.retainedIds()).toEqual([]);
      const fresh = m.addEvents(30);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 30, caughtUp: true, error: null });
      expect(storedIds(core, FEED).toSorted()).toEqual([...m.all].map((e) => e.eventId).toSorted());
      const status = core.polling.status(FEED)!;
      expect(status.lastError).toBeNull();
      expect(status.note?.ru).toMatch(/^Сервис больше не хранит события до \d\d\.\d\d\.\d{4} — возможен пропуск/);
      expect(status.note?.en).toContain('some events may have been missed');
      const after = m.eventRequests().map((r) => r.query.get('afterEventId'));
      if (style !== 'oldest') expect(after.at(-2)).toBeNull(); // the retry without afterEventId
      expect(fresh.length).toBe(30);
    },
  );

  it('a rejected position re-reads the kept events without storing any twice', async () => {
    const m = await mock({ initialEvents: 120 });
    const core = openCore(m);
    await core.polling.syncAllOnce();
    // The server no longer knows the stored position (an id it forgot, with a recent date).
    core.store.updateFeedState(FEED, {
      cursor: encodeCursor({ after: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', at: Date.now() - 60_000 }),
    });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
    expect(core.store.count(FEED)).toBe(120);
    expect(core.polling.status(FEED)!.note?.ru).toMatch(/возможен пропуск/);
    expect(JSON.parse(core.store.feedState(FEED)!.cursor!)).toMatchObject({ after: m.all[119]!.eventId });
  });

  it('a 400 about count with a cursor is not a restart: smaller pages are asked for, then it is a protocol error', async () => {
    const m = await mock({ initialEvents: 10 });
    const ctx = providerContext(realtySettingsSchema.parse({ orgId: m.credentials.orgId, baseUrl: m.url }), {
      secret: m.credentials.sid,
    });
    m.failNext({ kind: 'validation', message: 'count should be less than or equal to 100' }, 20);
    const err = (await realtyProvider
      .fetchPage(ctx, encodeCursor({ after: m.all[3]!.eventId, at: m.all[3]!.at }))
      .catch((e: unknown) => e)) as FeedError;
    expect(err).toMatchObject({ kind: 'protocol' });
    expect(err.message).toContain('count should be less than or equal to 100 (AssessmentApi)');
    expect(err.detail).toContain('WrongFieldValue');
    // 100, 50, 25, 12, 6, 3, 1: every request kept the position.
    expect(m.eventRequests().map((r) => r.query.get('count'))).toEqual(['100', '50', '25', '12', '6', '3', '1']);
    expect(m.eventRequests().every((r) => r.query.get('afterEventId') === m.all[3]!.eventId)).toBe(true);
  });
});

describe('realty failures, feed state and recovery', () => {
  const cases: { name: string; fault: RealtyFault; kind: string; hint?: RegExp; detail?: RegExp; message?: RegExp }[] = [
    { name: '401', fault: { kind: 'unauthorized' }, kind: 'auth', hint: /auth\.sid session has expired/ },
    { name: '403', fault: { kind: 'forbidden' }, kind: 'forbidden', hint: /No access to organization 1269f58a-.*check orgId/ },
    {
      name: '429 with Retry-After',
      fault: { kind: 'rate-limit', retryAfter: '7' },
      kind: 'rate-limit',
      detail: /trace=realty-mock-fault-/,
    },
    { name: '429 without Retry-After', fault: { kind: 'rate-limit' }, kind: 'rate-limit' },
    {
      name: '500',
      fault: { kind: 'server', status: 500 },
      kind: 'server',
      message: /HTTP 500.*Internal server error/,
      detail: /code=internalError; trace=/,
    },
    { name: '503', fault: { kind: 'server', status: 503 }, kind: 'server', message: /HTTP 503/ },
    { name: 'timeout', fault: { kind: 'hang' }, kind: 'network', message: /did not answer in time/ },
    { name: 'connection reset', fault: { kind: 'reset' }, kind: 'network' },
    { name: 'cut in the middle', fault: { kind: 'truncate' }, kind: 'network' },
    { name: 'malformed JSON', fault: { kind: 'malformed' }, kind: 'protocol', message: /not valid JSON/ },
    { name: 'missing fields', fault: { kind: 'missing-fields' }, kind: 'protocol', message: /events\[0\]\.eventId/ },
    { name: 'wrong shape', fault: { kind: 'wrong-shape' }, kind: 'protocol', message: /events: / },
    {
      name: '400 validation',
      fault: { kind: 'validation', message: 'afterEventId should be guid' },
      kind: 'protocol',
      message: /HTTP 400.*Failed to validate input request; afterEventId should be guid \(AssessmentApi\)/,
      detail: /code=validation; WrongFieldValue: afterEventId should be guid \[AssessmentApi\]; trace=/,
    },
  ];

  it.each(cases)('$name → $kind in the feed state, then recovers', async ({ fault, kind, hint, detail, message }) => {
    const m = await mock({ initialEvents: 60 });
    m.failNext(fault);
    const core = openCore(m);
    core.start();
    await waitFor(() => core.polling.status(FEED)!.phase === 'error', 'error state');
    const status = core.polling.status(FEED)!;
    expect(status.lastError).toMatchObject({ kind });
    if (hint) expect(status.lastError!.hint).toMatch(hint);
    if (detail) expect(status.lastError!.detail).toMatch(detail);
    if (message) expect(status.lastError!.message).toMatch(message);
    if (fault.kind === 'rate-limit' && fault.retryAfter) expect(status.nextPollAt! - Date.now()).toBeGreaterThan(5_000);
    expect(core.store.count(FEED)).toBe(0);

    m.clearFaults();
    core.polling.syncNow(FEED);
    await waitFor(() => core.polling.status(FEED)!.phase === 'ok' && core.store.count(FEED) === 60, 'recovery');
    expect(core.polling.status(FEED)!.lastError).toBeNull();
  });

  it('a 429 with a {code, message} body (rate limits are undocumented) is a rate limit with that message', async () => {
    const m = await mock({ initialEvents: 5 });
    m.throttleBody = 'json';
    m.server.injectAfter(0, { kind: 'respond', response: m.throttleAnswer() });
    const core = openCore(m);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({ kind: 'rate-limit' });
    expect(outcome.error!.message).toContain('Too many requests');
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 5 });
  });

  it('429 hands Retry-After to the poller', async () => {
    const m = await mock({ initialEvents: 5 });
    m.failNext({ kind: 'rate-limit', retryAfter: '7' });
    const core = openCore(m);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({ kind: 'rate-limit', retryAfterMs: 7_000 });
  });

  it('revoked credentials and a forbidden org stay in error until the user acts', async () => {
    const m = await mock({ initialEvents: 5 });
    m.revoked = true;
    const core = openCore(m);
    core.start();
    await waitFor(() => core.polling.status(FEED)!.phase === 'error', 'auth error');
    expect(core.polling.status(FEED)!.lastError).toMatchObject({ kind: 'auth' });
    m.revoked = false;
    m.orgForbidden = true;
    core.polling.syncNow(FEED);
    await waitFor(() => core.polling.status(FEED)!.lastError?.kind === 'forbidden', 'forbidden');
    m.orgForbidden = false;
    core.polling.syncNow(FEED);
    await waitFor(() => core.store.count(FEED) === 5 && core.polling.status(FEED)!.lastError === null, 'recovery');
  });

  it('check() makes one cheap authenticated request and throws the mapped error', async () => {
    const m = await mock({ initialEvents: 5 });
    const settings = realtySettingsSchema.parse({ orgId: m.credentials.orgId, baseUrl: m.url });
    await realtyProvider.check!(providerContext(settings, { secret: m.credentials.sid }));
    expect(m.eventRequests().at(-1)!.query.get('count')).toBe('1');
    await expect(realtyProvider.check!(providerContext(settings, { secret: 'wrong-sid' }))).rejects.toMatchObject({
      kind: 'auth',
    });
    const other = realtySettingsSchema.parse({ orgId: '00000000-0000-4000-8000-000000000000', baseUrl: m.url });
    await expect(realtyProvider.check!(providerContext(other, { secret: m.credentials.sid }))).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});

describe('realty restarts and secrets', () => {
  it('a restart in the middle of a sync loses and duplicates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-realty-'));
    dirs.push(dir);
    const m = await mock({ initialEvents: 400 });
    m.failNext({ kind: 'delay', ms: 40 }, 50);
    const first = openCore(m, { dataDir: dir, settings: { count: 20 } });
    first.start();
    await waitFor(() => first.store.count(FEED) >= 100, 'some pages');
    await first.stop();
    cores.splice(cores.indexOf(first), 1);
    const storedBefore = m.eventRequests().length;
    expect(storedBefore).toBeLessThan(21);
    m.clearFaults();

    const second = openCore(m, { dataDir: dir, settings: { count: 20 } });
    const resumedFrom = m.eventRequests().length;
    expect((await second.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
    // It continued from the stored position, not from the oldest event.
    expect(m.eventRequests()[resumedFrom]!.query.get('afterEventId')).not.toBeNull();
    const ids = storedIds(second, FEED);
    expect(ids).toHaveLength(400);
    expect(ids.toSorted()).toEqual(m.retainedIds().toSorted());
  });

  it('the secret never appears in a message, hint, detail, stored error or log line', async () => {
    const m = await mock({ initialEvents: 10 });
    m.echoAuthInErrors = true;
    const lines: string[] = [];
    const log: Logger = {
      info: (msg, fields) => void lines.push(msg + JSON.stringify(fields ?? {})),
      warn: (msg, fields) => void lines.push(msg + JSON.stringify(fields ?? {})),
      error: (msg, fields) => void lines.push(msg + JSON.stringify(fields ?? {})),
    };
    const core = openCore(m, { log });
    const seen: string[] = [];
    const record = async () => {
      const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
      const e = outcome.error;
      if (e) seen.push(e.message, e.hint ?? '', e.detail ?? '', String(e.stack));
      seen.push(JSON.stringify(core.polling.status(FEED)));
    };
    m.revoked = true; // 401 whose body repeats the Authorization header
    await record();
    m.revoked = false;
    m.orgForbidden = true;
    await record();
    m.orgForbidden = false;
    for (const fault of [
      { kind: 'server', status: 500 },
      { kind: 'rate-limit', retryAfter: '1' },
      { kind: 'hang' },
      { kind: 'reset' },
      { kind: 'malformed' },
      { kind: 'missing-fields' },
      { kind: 'validation' },
    ] as RealtyFault[]) {
      m.failNext(fault);
      await record();
    }
    await record();
    // An expired position answered with a body that repeats the header.
    core.store.updateFeedState(FEED, { cursor: encodeCursor({ after: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', at: Date.now() }) });
    await record();
    const bad = await realtyProvider
      .fetchPage(
        providerContext(realtySettingsSchema.parse({ orgId: m.credentials.orgId, baseUrl: m.url }), {
          secret: `${m.credentials.sid}&x=1`,
        }),
        null,
      )
      .catch((e: unknown) => e as FeedError);
    seen.push((bad as FeedError).message, (bad as FeedError).hint ?? '');
    expect(bad).toMatchObject({ kind: 'config' });
    expect(seen.filter((s) => /ReestroAuth/.test(s) || s.includes('***'))).not.toHaveLength(0); // the echo reached the messages, scrubbed
    for (const text of [...seen, ...lines]) expect(text).not.toContain(m.credentials.sid);
  });
});

describe('realty: a position that expires again and again', () => {
  it.each(EXPIRY_ANSWERS)(
    'positions that expire at any time (%s): every expiry restarts from the oldest kept event, across syncs and a restart of the core',
    async (answer) => {
      const dir = folder();
      const m = await mock({ initialEvents: 25, historyDays: 30 });
      m.expiredCursor = answer;
      const options = { dataDir: dir, settings: { count: 10 } };
      let core = openCore(m, options);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 25 });
      for (let round = 0; round < 5; round++) {
        if (round === 2) core = await reopen(core, m, options);
        core.store.updateFeedState(FEED, { note: null });
        m.expireCursors();
        const fresh = m.addEvents(1);
        const before = m.eventRequests().length;
        expect((await core.polling.syncAllOnce()).get(FEED), `round ${round}`).toMatchObject({
          error: null,
          caughtUp: true,
          inserted: 1,
        });
        const sent = m.eventRequests().slice(before);
        expect(sent[0]!.query.get('afterEventId')).not.toBeNull();
        if (answer === 'oldest') {
          // Answered silently from the oldest kept event while our position's event is still kept: nothing lost.
          expect(core.polling.status(FEED)!.note).toBeNull();
        } else {
          expect(sent[1]!.query.has('afterEventId'), `round ${round}: the restart`).toBe(false);
          expect(core.polling.status(FEED)!.note?.ru).toMatch(/возможен пропуск/);
        }
        expect(storedIds(core, FEED)).toContain(fresh[0]!.eventId);
      }
      expect(storedIds(core, FEED).toSorted()).toEqual(m.retainedIds().toSorted());
    },
  );

  it.each(EXPIRY_ANSWERS)(
    'an idle feed at the 3-month edge (%s): the position a restart gave expires minutes later, again after a restart of the core',
    async (answer) => {
      const dir = folder();
      const m = await mock({ initialEvents: 0 });
      m.expiredCursor = answer;
      // 24 checks 2 minutes apart whose 3 months end 3, 5, 7 … 49 minutes from now on the server's clock.
      for (let k = 0; k < 24; k++) {
        m.server.clockOffsetMs = -90 * DAY + (3 + 2 * k) * MIN;
        m.addEvents(1);
      }
      // Only the server's clock moves; ours stays.
      const serverAt = (minutes: number) => void (m.server.clockOffsetMs = minutes * MIN);
      serverAt(0);
      const options = { dataDir: dir, settings: { count: 10 } };
      let core = openCore(m, options);
      const noted = () => {
        const note = core.polling.status(FEED)!.note;
        core.store.updateFeedState(FEED, { note: null });
        return note;
      };

      // A first sync broken after its first page: the position is the 10th check (its 3 months end in 21 minutes).
      m.server.injectAfter(1, { kind: 'reset' }, 50);
      expect((await core.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'network' });
      m.clearFaults();
      expect(core.store.count(FEED)).toBe(10);

      // 22 minutes later the 10th check is gone, the 11th not yet. A sync broken again after one page.
      serverAt(22);
      m.server.injectAfter(answer === 'oldest' ? 1 : 2, { kind: 'reset' }, 50);
      expect((await core.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'network' });
      m.clearFaults();
      expect(core.store.count(FEED)).toBe(20);
      expect(noted()?.ru).toMatch(/возможен пропуск/);

      // 20 minutes later the 20th check, the position the restart gave, is gone too; in a new process.
      core = await reopen(core, m, options);
      serverAt(42);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true, inserted: 4 });
      expect(noted()?.ru).toMatch(/возможен пропуск/);

      // And once more: a new check, then every older one expires.
      m.addEvents(1);
      serverAt(60);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true, inserted: 1 });
      expect(noted()?.ru).toMatch(/возможен пропуск/);
      expect(storedIds(core, FEED).toSorted()).toEqual(m.all.map((e) => e.eventId).toSorted());
    },
  );

  it('a position refused again in one sync, after the restart handed it out again, is a protocol error; each sync tries again', async () => {
    const m = await mock({ initialEvents: 30, historyDays: 30 });
    const core = openCore(m, { settings: { count: 10 } });
    // A broken server: it hands out the 20th event as a position and never takes it back.
    m.brokenPositions.add(m.all[19]!.eventId);
    const first = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(first.error).toMatchObject({ kind: 'protocol' });
    expect(first.error!.message).toMatch(/refused the same position twice in one sync.*afterEventId not found/);
    // oldest, 10th, 20th (refused) and the restart, 10th, 20th (refused again)
    expect(m.eventRequests().map((r) => r.query.get('afterEventId'))).toEqual([
      null,
      m.all[9]!.eventId,
      m.all[19]!.eventId,
      null,
      m.all[9]!.eventId,
      m.all[19]!.eventId,
    ]);
    expect(core.store.count(FEED)).toBe(20);
    // The next sync is a new run: it restarts once more before it gives up.
    const before = m.eventRequests().length;
    expect((await core.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'protocol' });
    expect(
      m
        .eventRequests()
        .slice(before)
        .map((r) => r.query.get('afterEventId')),
    ).toEqual([m.all[19]!.eventId, null, m.all[9]!.eventId, m.all[19]!.eventId]);
    // Healed, it reads on.
    m.brokenPositions.clear();
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true, inserted: 10 });
  });

  it('a service that answers one position from its oldest event again and again is stopped within the sync, not read forever', async () => {
    const m = await mock({ initialEvents: 30, historyDays: 30 });
    m.expiredCursor = 'oldest';
    m.brokenPositions.add(m.all[19]!.eventId);
    const core = openCore(m, { settings: { count: 10 } });
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({ kind: 'protocol' });
    expect(outcome.error!.message).toMatch(/round in circles/);
    expect(m.eventRequests().length).toBeLessThanOrEqual(6);
    expect(core.store.count(FEED)).toBe(20);
    m.brokenPositions.clear();
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true, inserted: 10 });
  });

  it('a transient failure between a refusal and the restart is retried within the run, not taken for a loop', async () => {
    const m = await mock({ initialEvents: 30, historyDays: 30 });
    const core = openCore(m, { settings: { count: 10 }, clock: new InstantClock(), retries: true });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 30 });
    m.expireCursors();
    m.addEvents(1);
    // The refusal of our position, then a 503 for the request from the oldest kept event.
    m.server.injectAfter(1, { kind: 'respond', response: { status: 503, body: '' } });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true, inserted: 1 });
    expect(m.server.pendingFaults).toBe(0);
  });
});

/** Checks that finished 2 h, 1 h and 20 min before now on the server's clock: history, but within 3 h. */
function recentHistory(m: RealtyMock, offset: number): void {
  for (const ago of [120, 60, 20]) {
    m.server.clockOffsetMs = offset - ago * MIN;
    m.addEvents(1);
  }
  m.server.clockOffsetMs = offset;
}

/** New checks keep coming while the client reads: one at each of the next `n` requests. */
function arriving(m: RealtyMock, n: number): string[] {
  const ids: string[] = [];
  m.onRequest = () => {
    if (ids.length < n) ids.push(...m.addEvents(1).map((e) => e.eventId));
  };
  return ids;
}

describe("realty: start points on the service's clock", () => {
  const clocks = [
    { offset: -3 * HOUR, dateHeader: 'server', name: 'behind ours by 3 h' },
    { offset: 3 * HOUR, dateHeader: 'server', name: 'ahead of ours by 3 h' },
    { offset: -3 * HOUR, dateHeader: 'real', name: 'behind by 3 h under a Date header that is not' },
    { offset: 3 * HOUR, dateHeader: 'none', name: 'ahead by 3 h, no Date header' },
  ] as const;

  it.each(clocks)(
    'start "now", the server clock $name: every check that comes while and after the feed starts is stored, no history',
    async ({ offset, dateHeader }) => {
      const m = await mock({ initialEvents: 100, historyDays: 30, clockOffsetMs: offset });
      m.server.dateHeader = dateHeader;
      recentHistory(m, offset);
      const history = new Set(m.all.map((e) => e.eventId));
      const during = arriving(m, 8);
      const core = openCore(m, { start: 'now', settings: { count: 20 } });
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
      m.onRequest = null;
      expect(during).toHaveLength(8);
      expect(storedIds(core, FEED).filter((id) => history.has(id))).toEqual([]);
      const later = m.addEvents(3).map((e) => e.eventId);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 3 });
      expect(storedIds(core, FEED).toSorted()).toEqual([...during, ...later].toSorted());
    },
  );

  it('start "now" on a quiet feed stores none of its history; on a busy one, only the minutes before its newest check (the overlap)', async () => {
    const quiet = await mock({ initialEvents: 50, historyDays: 30 });
    const a = openCore(quiet, { start: 'now', settings: { count: 20 } });
    expect((await a.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 0 });

    const busy = await mock({ initialEvents: 50, historyDays: 30 });
    const recent: Record<number, string> = {};
    for (const ago of [10, 3, 1]) {
      busy.server.clockOffsetMs = -ago * MIN;
      recent[ago] = busy.addEvents(1)[0]!.eventId;
    }
    busy.server.clockOffsetMs = 0;
    const b = openCore(busy, { start: 'now', settings: { count: 20 } });
    expect((await b.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 2 });
    expect(storedIds(b, FEED).toSorted()).toEqual([recent[3], recent[1]].toSorted());
  });

  it('start "now" reads past an empty page while more waits: the end is the end when asked twice', async () => {
    const m = await mock({ initialEvents: 50, historyDays: 30 });
    m.emptyPagesWhileMore = 1;
    const core = openCore(m, { start: 'now', settings: { count: 20 } });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 0, caughtUp: true });
    m.addEvents(1);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 1 });
  });

  it('start "now" on an empty feed: the first checks to come are all stored', async () => {
    const m = await mock({ initialEvents: 0 });
    const core = openCore(m, { start: 'now' });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 0, caughtUp: true });
    m.addEvents(2);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 2 });
  });

  it.each(clocks.slice(0, 2))(
    'start at a date, the server clock $name: the date is read on the service timestamps, less 5 minutes',
    async ({ offset }) => {
      const m = await mock({ initialEvents: 100, historyDays: 30, clockOffsetMs: offset });
      const date = m.all[80]!.at;
      // A check 2 minutes before the date is within the overlap: kept.
      m.server.clockOffsetMs = date - 2 * MIN - Date.now();
      const edge = m.addEvents(1)[0]!;
      m.server.clockOffsetMs = offset;
      const during = arriving(m, 5);
      const core = openCore(m, { start: new Date(date).toISOString(), settings: { count: 20 } });
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
      m.onRequest = null;
      const expected = m.all.filter((e) => e.at >= date - 5 * MIN).map((e) => e.eventId);
      expect(expected).toContain(edge.eventId);
      expect(expected).toEqual(expect.arrayContaining(during));
      expect(storedIds(core, FEED).toSorted()).toEqual(expected.toSorted());
    },
  );

  it("start at a date the server's clock has not reached (3 h behind; the date an hour ago by ours): every check that comes is stored", async () => {
    const m = await mock({ initialEvents: 100, historyDays: 30, clockOffsetMs: -3 * HOUR });
    const history = new Set(m.all.map((e) => e.eventId));
    const during = arriving(m, 5);
    const core = openCore(m, { start: new Date(Date.now() - HOUR).toISOString(), settings: { count: 20 } });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
    m.onRequest = null;
    const later = m.addEvents(2).map((e) => e.eventId);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 2 });
    expect(storedIds(core, FEED).filter((id) => history.has(id))).toEqual([]);
    expect(storedIds(core, FEED).toSorted()).toEqual([...during, ...later].toSorted());
  });

  it("the retention note reads the service's clock: a local clock 100 days ahead gives none", async () => {
    const clock: Clock = { now: () => Date.now() + 100 * DAY, sleep: systemClock.sleep };
    const m = await mock({ initialEvents: 30, historyDays: 30 });
    const core = openCore(m, { clock, settings: { count: 10 } });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 30 });
    m.addEvents(1);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 1 });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 0 });
    expect(core.polling.status(FEED)!.note).toBeNull();
  });
});

describe('realty: a page maximum below 100', () => {
  it.each([
    ['reject', '40'],
    ['reject-bare', '25'],
  ] as const)('refused by a 400 (%s): learned once, kept with the position, not asked again', async (style, learned) => {
    const m = await mock({ initialEvents: 120, historyDays: 30 });
    m.maxCount = 40;
    m.countOverMax = style;
    const core = openCore(m);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true, inserted: 120 });
    expect(
      m
        .eventRequests()
        .slice(0, 2)
        .map((r) => r.query.get('count')),
    ).toEqual(['50', learned]);
    expect(JSON.parse(core.store.feedState(FEED)!.cursor!)).toMatchObject({ count: Number(learned) });
    const before = m.eventRequests().length;
    m.addEvents(2);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, inserted: 2 });
    expect(
      m
        .eventRequests()
        .slice(before)
        .map((r) => r.query.get('count')),
    ).toEqual([learned, learned]);
  });
});
