// Kontur realty checks ("Reestro") provider against its mock, through the real core and poller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { ConfigError, parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { RESTART_GUARD_MS, encodeCursor, realtyProvider } from '../../main/core/feeds/realty/realty-provider.ts';
import { realtySettingsSchema, type RealtyCheckEvent, type RealtySettings } from '../../main/core/feeds/realty/realty-schema.ts';
import { FeedError, type FeedConfig } from '../../main/core/model.ts';
import { systemClock, type Clock, type Logger } from '../../main/core/ports.ts';
import { providerContext } from '../support/provider-context.ts';
import { REALTY_EVENTS_PATH, microsecondDate, startRealtyMock, type RealtyFault, type RealtyMock } from '../mocks/realty-mock.ts';
import { NO_RETRY } from '../support/retry.ts';

const FEED = 'reestro';
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
    retryPolicy: NO_RETRY,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  cores.push(core);
  return core;
}

function storedIds(core: FeedbellCore): string[] {
  const ids: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = core.store.query({ feedIds: [FEED], limit: 500, ...(after ? { after } : {}) });
    ids.push(...page.items.map((e) => e.id));
    if (!page.next) break;
    after = page.next;
  }
  return ids;
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

describe('realty settings', () => {
  it('validates orgId as a GUID of any case, baseUrl as http(s), count 1..100, and fills defaults', () => {
    expect(realtySettingsSchema.parse({ orgId: '1269F58A-3D40-42E1-91AD-A4251566419C' })).toEqual({
      orgId: '1269F58A-3D40-42E1-91AD-A4251566419C',
      auth: 'sid',
      baseUrl: 'https://api.kontur.ru',
      count: 100,
    });
    expect(realtySettingsSchema.parse({ orgId: SETTINGS.orgId, baseUrl: 'http://127.0.0.1:8080/', auth: 'apiKey', count: 1 })).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      auth: 'apiKey',
    });
    expect(parseWith({})).toThrow(ConfigError);
    expect(parseWith({ orgId: 'not-a-guid' })).toThrow(/settings\.orgId: orgId must be the organization GUID/);
    expect(parseWith({ orgId: SETTINGS.orgId, baseUrl: 'ftp://x' })).toThrow(/settings\.baseUrl: baseUrl must be an http\(s\) URL/);
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
    expect(n.title).toEqual({ ru: 'Проверка «EgrnExtract»: состояние «Cancelled»', en: '"EgrnExtract" check: state "Cancelled"' });
    expect(n.type).toBe('EgrnExtract.Cancelled');
    const bare = realtyProvider.normalize({ eventId: 'e1', eventDate: '2026-01-01T00:00:00Z' }, SETTINGS);
    expect(bare.title).toEqual({ ru: 'Проверка: новое событие', en: 'Check: new event' });
    expect(bare.summary).toEqual({ ru: 'Событие e1', en: 'Event e1' });
    expect(bare.type).toBe('Unknown.Unknown');
  });

  it('reads microsecond eventDate to ms, names externalId and checkId, no link, payload is the raw event', () => {
    const raw = event();
    const n = realtyProvider.normalize(raw, SETTINGS);
    expect(n.id).toBe(raw.eventId);
    expect(n.occurredAt).toBe(Date.UTC(2011, 0, 2, 3, 5, 6, 12));
    expect(n.summary.ru).toBe(
      'Объект 4f8e9e60-74f9-4e00-9fae-abf021ea0314 · проверка 7720902d-b025-4d9b-92a1-288a61e09b9d · корреляция fc88aa01-c2f2-4498-bbb2-5c7218e69585',
    );
    expect(n.summary.en).toMatch(/^Object 4f8e9e60.* · check 7720902d.* · correlation fc88aa01/);
    expect(n.link).toBeNull();
    expect(n.payload).toEqual(raw);
  });

  it('accepts both corelationId (doc spelling) and correlationId (UNCONFIRMED which one the feed sends)', () => {
    const doc = realtyProvider.normalize(event({ corelationId: 'c-doc' }), SETTINGS);
    const other = realtyProvider.normalize(event({ corelationId: undefined, correlationId: 'c-other' }), SETTINGS);
    expect(doc.summary.en).toContain('correlation c-doc');
    expect(other.summary.en).toContain('correlation c-other');
  });
});

describe('realty sync through the core', () => {
  it('reads every page from the beginning with the exact ReestroAuth header (auth.sid), continuing from lastEventId', async () => {
    const m = await mock({ initialEvents: 260 });
    const core = openCore(m);
    const outcome = (await core.syncAllOnce()).get(FEED)!;
    expect(outcome).toMatchObject({ caughtUp: true, error: null, inserted: 260 });
    expect(storedIds(core).toSorted()).toEqual(m.retainedIds().toSorted());
    const requests = m.eventRequests();
    // 6 pages of 50 (the last one empty: the client reads until a page brings nothing).
    expect(requests).toHaveLength(7);
    for (const r of requests) {
      expect(r.headers['authorization']).toBe(`ReestroAuth auth.sid=${m.credentials.sid}&portal.orgid=${m.credentials.orgId}`);
      expect(r.query.get('count')).toBe('50');
    }
    expect(requests[0]!.query.has('afterEventId')).toBe(false);
    expect(requests.slice(1).map((r) => r.query.get('afterEventId'))).toEqual([49, 99, 149, 199, 249, 259].map((i) => m.all[i]!.eventId));
    expect(core.feedStatus(FEED)).toMatchObject({ lastError: null, note: null });

    // New events later: only they come, after the stored position.
    m.addEvents(3);
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 3, error: null });
    expect(m.eventRequests()[7]!.query.get('afterEventId')).toBe(m.all[259]!.eventId);
    expect(core.store.count(FEED)).toBe(263);
  });

  it('sends "ReestroAuth apiKey=…&portal.orgid=…" in apiKey mode; the mock accepts keys in any case', async () => {
    const m = await mock({ initialEvents: 20 });
    const core = openCore(m, { secret: m.credentials.apiKey, settings: { auth: 'apiKey', orgId: m.credentials.orgId.toUpperCase() } });
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 20, error: null });
    expect(m.eventRequests()[0]!.headers['authorization']).toBe(`ReestroAuth apiKey=${m.credentials.apiKey}&portal.orgid=${m.credentials.orgId.toUpperCase()}`);
    const res = await fetch(`${m.url}${REALTY_EVENTS_PATH}?count=1`, {
      headers: { authorization: `ReestroAuth Auth.Sid=${m.credentials.sid}&portal.orgId=${m.credentials.orgId}` },
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({ events: [{ eventId: m.all[0]!.eventId }] });
    const noOrg = await fetch(`${m.url}${REALTY_EVENTS_PATH}`, { headers: { authorization: `ReestroAuth auth.sid=${m.credentials.sid}` } });
    expect(noOrg.status).toBe(401);
    expect(await noOrg.text()).toBe('');
  });

  it('start "now" stores nothing old (no time seek: skipBefore), then stores what is new', async () => {
    const m = await mock({ initialEvents: 120 });
    const core = openCore(m, { start: 'now' });
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
    expect(m.eventRequests()[0]!.query.has('afterEventId')).toBe(false);
    const fresh = m.addEvents(4);
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 4, error: null });
    expect(storedIds(core).toSorted()).toEqual(fresh.map((e) => e.eventId).toSorted());
  });

  it('start at a date stores only events from that date on', async () => {
    const m = await mock({ initialEvents: 200 });
    const at = m.all[150]!.at;
    const core = openCore(m, { start: new Date(at).toISOString() });
    await core.syncAllOnce();
    // eventDate carries microseconds: an event at exactly `at` ms is kept.
    expect(storedIds(core).toSorted()).toEqual(m.all.filter((e) => e.at >= at).map((e) => e.eventId).toSorted());
    expect(core.store.count(FEED)).toBe(50);
  });

  it.each(['echo', 'null', 'absent'] as const)(
    'keeps its position when an empty page has lastEventId %s (UNCONFIRMED which one)',
    async (style) => {
      const m = await mock({ initialEvents: 30 });
      m.emptyPageLastEventId = style;
      const core = openCore(m);
      await core.syncAllOnce();
      await core.syncAllOnce();
      const requests = m.eventRequests();
      const last = m.all[29]!.eventId;
      // the empty page at the end of each sync was sent after the last event, and the next sync starts there too
      expect(requests.slice(1).map((r) => r.query.get('afterEventId'))).toEqual([last, last]);
      expect(JSON.parse(core.store.feedState(FEED)!.cursor!)).toMatchObject({ after: last });
      m.addEvents(2);
      expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2, error: null });
      expect(core.store.count(FEED)).toBe(32);
    },
  );

  it('stores each event once when pages overlap (an inclusive cursor repeats the last event)', async () => {
    const m = await mock({ initialEvents: 140 });
    m.inclusiveCursor = true;
    const core = openCore(m);
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null, inserted: 140 });
    expect(storedIds(core).toSorted()).toEqual(m.retainedIds().toSorted());
  });

  it('reads on past an empty page while more waits, and past a server that clamps count', async () => {
    const m = await mock({ initialEvents: 90 });
    m.maxCount = 20;
    m.countOverMax = 'clamp';
    const core = openCore(m);
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, inserted: 90 });
    m.addEvents(10);
    m.emptyPagesWhileMore = 1;
    await core.syncAllOnce();
    // The empty page ended that sync; the next one reads the rest.
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 10, error: null });
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
      await core.syncAllOnce();
      expect(core.store.count(FEED)).toBe(100);

      // 100 days pass: everything read so far is past retention; new events arrive.
      shift = 100 * DAY;
      m.server.clockOffsetMs = shift;
      expect(m.retainedIds()).toEqual([]);
      const fresh = m.addEvents(30);
      expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 30, caughtUp: true, error: null });
      expect(storedIds(core).toSorted()).toEqual([...m.all].map((e) => e.eventId).toSorted());
      const status = core.feedStatus(FEED)!;
      expect(status.lastError).toBeNull();
      expect(status.note).toMatch(/^Сервис больше не хранит события до \d\d\.\d\d\.\d{4} — возможен пропуск/);
      expect(status.note).toContain('some events may have been missed');
      const after = m.eventRequests().map((r) => r.query.get('afterEventId'));
      if (style !== 'oldest') expect(after.at(-2)).toBeNull(); // the retry without afterEventId
      expect(fresh.length).toBe(30);
    },
  );

  it('a rejected position re-reads the kept events without storing any twice', async () => {
    const m = await mock({ initialEvents: 120 });
    const core = openCore(m);
    await core.syncAllOnce();
    // The server no longer knows the stored position (an id it forgot, with a recent date).
    core.store.updateFeedState(FEED, { cursor: encodeCursor({ after: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', at: Date.now() - 60_000, restartedAt: null }) });
    expect((await core.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
    expect(core.store.count(FEED)).toBe(120);
    expect(core.feedStatus(FEED)!.note).toMatch(/возможен пропуск/);
    expect(JSON.parse(core.store.feedState(FEED)!.cursor!)).toMatchObject({ after: m.all[119]!.eventId });
  });

  it('does not restart in circles: a position rejected right after a restart is a protocol error', async () => {
    const m = await mock({ initialEvents: 10 });
    const ctx = providerContext(realtySettingsSchema.parse({ orgId: m.credentials.orgId, baseUrl: m.url }), { secret: m.credentials.sid });
    const cursor = encodeCursor({ after: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', at: Date.now(), restartedAt: Date.now() - 1000 });
    const err = await realtyProvider.fetchPage(ctx, cursor).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect(err).toMatchObject({ kind: 'protocol' });
    expect((err as FeedError).message).toContain('afterEventId not found');
    expect(m.eventRequests()).toHaveLength(1);
    // Once the guard time has passed, it restarts again.
    const later = encodeCursor({ after: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', at: Date.now(), restartedAt: Date.now() - RESTART_GUARD_MS - 1 });
    const page = await realtyProvider.fetchPage(ctx, later);
    expect(page.events).toHaveLength(10);
    expect(page.note).toMatch(/возможен пропуск/);
  });

  it('a 400 about another field with a cursor is a protocol error, not a restart', async () => {
    const m = await mock({ initialEvents: 10 });
    const ctx = providerContext(realtySettingsSchema.parse({ orgId: m.credentials.orgId, baseUrl: m.url }), { secret: m.credentials.sid });
    m.failNext({ kind: 'validation', message: 'count should be less than or equal to 100' });
    const err = (await realtyProvider.fetchPage(ctx, encodeCursor({ after: m.all[3]!.eventId, at: m.all[3]!.at, restartedAt: null })).catch((e: unknown) => e)) as FeedError;
    expect(err).toMatchObject({ kind: 'protocol' });
    expect(err.message).toContain('count should be less than or equal to 100 (AssessmentApi)');
    expect(err.detail).toContain('WrongFieldValue');
    expect(m.eventRequests()).toHaveLength(1);
  });
});

describe('realty failures, feed state and recovery', () => {
  const cases: { name: string; fault: RealtyFault; kind: string; hint?: RegExp; detail?: RegExp; message?: RegExp }[] = [
    { name: '401', fault: { kind: 'unauthorized' }, kind: 'auth', hint: /auth\.sid session has expired/ },
    { name: '403', fault: { kind: 'forbidden' }, kind: 'forbidden', hint: /No access to organization 1269f58a-.*check orgId/ },
    { name: '429 with Retry-After', fault: { kind: 'rate-limit', retryAfter: '7' }, kind: 'rate-limit', detail: /trace=realty-mock-fault-/ },
    { name: '429 without Retry-After', fault: { kind: 'rate-limit' }, kind: 'rate-limit' },
    { name: '500', fault: { kind: 'server', status: 500 }, kind: 'server', message: /HTTP 500.*Internal server error/, detail: /code=internalError; trace=/ },
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
    await waitFor(() => core.feedStatus(FEED)!.phase === 'error', 'error state');
    const status = core.feedStatus(FEED)!;
    expect(status.lastError).toMatchObject({ kind });
    if (hint) expect(status.lastError!.hint).toMatch(hint);
    if (detail) expect(status.lastError!.detail).toMatch(detail);
    if (message) expect(status.lastError!.message).toMatch(message);
    if (fault.kind === 'rate-limit' && fault.retryAfter) expect(status.nextPollAt! - Date.now()).toBeGreaterThan(5_000);
    expect(core.store.count(FEED)).toBe(0);

    m.clearFaults();
    core.syncNow(FEED);
    await waitFor(() => core.feedStatus(FEED)!.phase === 'ok' && core.store.count(FEED) === 60, 'recovery');
    expect(core.feedStatus(FEED)!.lastError).toBeNull();
  });

  it('429 hands Retry-After to the poller', async () => {
    const m = await mock({ initialEvents: 5 });
    m.failNext({ kind: 'rate-limit', retryAfter: '7' });
    const core = openCore(m);
    const outcome = (await core.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({ kind: 'rate-limit', retryAfterMs: 7_000 });
  });

  it('revoked credentials and a forbidden org stay in error until the user acts', async () => {
    const m = await mock({ initialEvents: 5 });
    m.revoked = true;
    const core = openCore(m);
    core.start();
    await waitFor(() => core.feedStatus(FEED)!.phase === 'error', 'auth error');
    expect(core.feedStatus(FEED)!.lastError).toMatchObject({ kind: 'auth' });
    m.revoked = false;
    m.orgForbidden = true;
    core.syncNow(FEED);
    await waitFor(() => core.feedStatus(FEED)!.lastError?.kind === 'forbidden', 'forbidden');
    m.orgForbidden = false;
    core.syncNow(FEED);
    await waitFor(() => core.store.count(FEED) === 5 && core.feedStatus(FEED)!.lastError === null, 'recovery');
  });

  it('check() makes one cheap authenticated request and throws the mapped error', async () => {
    const m = await mock({ initialEvents: 5 });
    const settings = realtySettingsSchema.parse({ orgId: m.credentials.orgId, baseUrl: m.url });
    await realtyProvider.check!(providerContext(settings, { secret: m.credentials.sid }));
    expect(m.eventRequests().at(-1)!.query.get('count')).toBe('1');
    await expect(realtyProvider.check!(providerContext(settings, { secret: 'wrong-sid' }))).rejects.toMatchObject({ kind: 'auth' });
    const other = realtySettingsSchema.parse({ orgId: '00000000-0000-4000-8000-000000000000', baseUrl: m.url });
    await expect(realtyProvider.check!(providerContext(other, { secret: m.credentials.sid }))).rejects.toMatchObject({ kind: 'forbidden' });
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
    expect((await second.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
    // It continued from the stored position, not from the oldest event.
    expect(m.eventRequests()[resumedFrom]!.query.get('afterEventId')).not.toBeNull();
    const ids = storedIds(second);
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
      const outcome = (await core.syncAllOnce()).get(FEED)!;
      const e = outcome.error;
      if (e) seen.push(e.message, e.hint ?? '', e.detail ?? '', String(e.stack));
      seen.push(JSON.stringify(core.feedStatus(FEED)));
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
    core.store.updateFeedState(FEED, { cursor: encodeCursor({ after: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', at: Date.now(), restartedAt: Date.now() }) });
    await record();
    const bad = await realtyProvider
      .fetchPage(providerContext(realtySettingsSchema.parse({ orgId: m.credentials.orgId, baseUrl: m.url }), { secret: `${m.credentials.sid}&x=1` }), null)
      .catch((e: unknown) => e as FeedError);
    seen.push((bad as FeedError).message, (bad as FeedError).hint ?? '');
    expect(bad).toMatchObject({ kind: 'config' });
    expect(seen.filter((s) => /ReestroAuth/.test(s) || s.includes('***'))).not.toHaveLength(0); // the echo reached the messages, scrubbed
    for (const text of [...seen, ...lines]) expect(text).not.toContain(m.credentials.sid);
  });
});
