// The Diadoc provider against its mock, through the real core and poller: paging, cursors, restarts, the #1083
// page-boundary re-read, start positions, both auth schemes, every failure and its recovery, texts, and secrecy.
//
// Readings covered (PROVIDERS.md §1 point → DiadocMock switch; each runs the full sync, the steady state and a
// restart through `readingsMatrix`, with pages of 10):
// - §1.6 end of feed (inferred) → `endOfFeed`: 'empty-list' ("Events": []), 'no-events-field' ({}), 'no-content'
//   (204, as GetLastEvent), 'empty-body' (200 and nothing); and a last page shorter than `limit` with nothing asked
//   after it is the mock's normal answer.
// - §1.6 TotalCount (doc says "all matching"; what the cursor does to it is open) → `totalCount`: 'remaining',
//   'box', 'page', 'absent' (no TotalCountType either); `totalCountType`: 'auto' (Equal, GreaterThanOrEqual above
//   `totalCountCap`, set to 5 for one reading), 'UnknownCountType'.
// - §1.8 / §7 the #1083 IndexKey collision, fixed in V8 or not (UNCONFIRMED) → `boundaryTwins` false / true (true:
//   at every page the server cuts, the first event left out shares the last one's IndexKey and timestamp).
// - §1.8 duplicates (issue java#229) → `duplicate(i, at, 'between' | 'original')`: the copy stamped between its new
//   neighbours, or with its original (older) timestamp.
// - §1.2 `limit` over the server's maximum, a page maximum below ours (inferred) → `pageMax` 5 with `overPageMax`
//   'reject' (400) or 'clamp'.
// - §1.4 int64 ticks beyond 2^53 (inferred) → `ticksAs`: 'number' (bare, as the docs' examples) or 'string' (proto3 JSON).
// - §5.5 a cursor the server refuses (400 "cursor must have valid value") → `rekeyAfterEveryAnswer` (no IndexKey it
//   gave is accepted after its next answer); a single server-side change → `rekey()` (dedicated tests below).
// - Combinations: twins with pages clamped to 5; no TotalCount with pages clamped to 5; and all at once: twins,
//   pages of 5 clamped, no TotalCount, 204 at the end, int64 as strings.
// Also once per provider (readings.ts): 429 (Diadoc's text/plain + X-Diadoc-ErrorCode + integer Retry-After, also
// as `server.throttleAnswer`) and 503 mid-sync, one request at a time, a dripping body, a server clock 3 h off.
// Start points against the service's clock (`server.clockOffsetMs` ±3 h, Date header 'server' / 'real' / 'none'):
// "Diadoc: start positions".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { ConfigError, parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import {
  START_OVERLAP_MS,
  decodeCursor,
  diadocProvider,
  type DiadocRawEvent,
} from '../../main/core/feeds/diadoc/diadoc-provider.ts';
import { diadocModule } from '../../main/core/feeds/diadoc/index.ts';
import { msToTicks, parseJsonLossless, quoteBigIntegers, ticksToMs } from '../../main/core/feeds/diadoc/diadoc-json.ts';
import { boxEventSchema, diadocSettingsSchema, type DiadocSettings } from '../../main/core/feeds/diadoc/diadoc-schema.ts';
import { FeedError, type FeedConfig, type NormalizedEvent } from '../../main/core/model.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import type { Logger } from '../../main/core/ports.ts';
import { DiadocMock, startDiadocMock, type DiadocMockOptions } from '../mocks/diadoc-mock.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { providerContext } from '../support/provider-context.ts';
import { readingsMatrix, type Reading } from '../support/readings.ts';
import { NO_RETRY } from '../support/retry.ts';
import { storedEvents } from '../support/stored-events.ts';

const READINGS: Reading<DiadocMock>[] = [
  { name: 'as documented: "Events": [] at the end, TotalCount of what remains, unique IndexKeys', apply: () => {} },
  { name: 'end of feed: an object without Events', apply: (m) => (m.endOfFeed = 'no-events-field') },
  { name: 'end of feed: 204 No Content', apply: (m) => (m.endOfFeed = 'no-content') },
  { name: 'end of feed: 200 with an empty body', apply: (m) => (m.endOfFeed = 'empty-body') },
  { name: 'TotalCount counts the whole box', apply: (m) => (m.totalCount = 'box') },
  { name: 'TotalCount counts this page only', apply: (m) => (m.totalCount = 'page') },
  { name: 'no TotalCount at all', apply: (m) => (m.totalCount = 'absent') },
  { name: 'TotalCountType GreaterThanOrEqual (capped at 5)', apply: (m) => (m.totalCountCap = 5) },
  { name: 'TotalCountType UnknownCountType', apply: (m) => (m.totalCountType = 'UnknownCountType') },
  { name: 'issue #1083 not fixed in V8: twins at every page boundary', apply: (m) => (m.boundaryTwins = true) },
  {
    name: 'issue #1083 twins at every boundary of pages clamped to 5',
    apply: (m) => {
      m.boundaryTwins = true;
      m.pageMax = 5;
      m.overPageMax = 'clamp';
    },
  },
  {
    name: 'no TotalCount, pages clamped to 5',
    apply: (m) => {
      m.totalCount = 'absent';
      m.pageMax = 5;
      m.overPageMax = 'clamp';
    },
  },
  {
    name: 'duplicates across pages, stamped between their neighbours',
    apply: (m) => {
      m.duplicate(3, 20);
      m.duplicate(12, 37);
    },
  },
  {
    name: 'duplicates across pages, with their original timestamps',
    apply: (m) => {
      m.duplicate(3, 19);
      m.duplicate(12, 39);
    },
  },
  { name: 'a page maximum of 5: a larger limit is refused (400)', apply: (m) => (m.pageMax = 5) },
  {
    name: 'a page maximum of 5: a larger limit is clamped silently',
    apply: (m) => {
      m.pageMax = 5;
      m.overPageMax = 'clamp';
    },
  },
  { name: 'int64 ticks as JSON strings', apply: (m) => (m.ticksAs = 'string') },
  { name: 'no IndexKey is accepted after the next answer (re-keyed every time)', apply: (m) => (m.rekeyAfterEveryAnswer = true) },
  {
    name: 'all at once: twins, pages of 5 clamped, no TotalCount, 204 at the end, int64 strings',
    apply: (m) => {
      m.boundaryTwins = true;
      m.pageMax = 5;
      m.overPageMax = 'clamp';
      m.totalCount = 'absent';
      m.endOfFeed = 'no-content';
      m.ticksAs = 'string';
    },
  },
];

readingsMatrix<DiadocMock>(
  'Diadoc',
  {
    startMock: (initial) => startDiadocMock({ events: initial }),
    stopMock: (mock) => mock.stop(),
    server: (mock) => mock.server,
    feed: (mock, id) => ({
      id,
      provider: 'diadoc',
      start: 'beginning',
      settings: { boxId: mock.boxId, baseUrl: mock.url, limit: 10 },
    }),
    secrets: (mock) => ({ token: mock.token }),
    addEvents: (mock, n) => void mock.addEvents(n),
    ids: (mock) => mock.allEventIds(),
    throttleAnswer: (mock) => mock.throttleAnswer(),
  },
  READINGS,
);

const FEED = 'dd';
const mocks: DiadocMock[] = [];
const cores: FeedbellCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop().catch(() => {});
  for (const mock of mocks.splice(0)) await mock.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function mockWith(options: DiadocMockOptions = {}): Promise<DiadocMock> {
  const mock = await startDiadocMock(options);
  mocks.push(mock);
  return mock;
}

function feedConfig(mock: DiadocMock, settings: Record<string, unknown> = {}, start = 'beginning'): FeedConfig {
  return parseFeedConfig(
    { id: FEED, provider: 'diadoc', start, settings: { boxId: mock.boxId, baseUrl: mock.url, limit: 20, ...settings } },
    'test',
  );
}

interface CoreSetup {
  settings?: Record<string, unknown>;
  start?: string;
  secret?: string | null;
  dataDir?: string;
  clock?: FakeClock;
}

const logLines: string[] = [];
const capturingLog: Logger = {
  info: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
  warn: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
  error: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
};

function openCore(mock: DiadocMock, setup: CoreSetup = {}): FeedbellCore {
  const secret = setup.secret === undefined ? mock.token : setup.secret;
  const core = FeedbellCore.open({
    dataDir: setup.dataDir ?? ':memory:',
    feeds: new MemoryFeedsRepository([feedConfig(mock, setup.settings, setup.start)]),
    settings: new MemorySettingsStore(),
    secrets: { get: async (_id, name) => (name ? null : secret) },
    httpOptions: { headersTimeoutMs: 500, bodyTimeoutMs: 500, connectTimeoutMs: 500 },
    clock: setup.clock ?? new FakeClock(Date.UTC(2026, 5, 1)),
    random: () => 1,
    // These tests check what one failure looks like; the in-run retries are tested with the readings.
    retryPolicy: NO_RETRY,
    log: capturingLog,
  });
  cores.push(core);
  return core;
}

const sorted = (ids: Iterable<string>) => [...ids].toSorted();

/** Bounded real-time wait (HTTP is real, so setImmediate rounds are not enough). */
async function waitFor(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function settingsFor(mock: DiadocMock, extra: Record<string, unknown> = {}): DiadocSettings {
  return diadocSettingsSchema.parse({ boxId: mock.boxId, baseUrl: mock.url, limit: 20, ...extra });
}

describe('Diadoc: a full sync through the real core', () => {
  it('pages the whole box once, with exact int64 ticks, the exact Accept and Bearer headers, and an encoded IndexKey', async () => {
    const mock = await mockWith({ events: 250 });
    const core = openCore(mock);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome).toMatchObject({ inserted: 250, caughtUp: true, error: null });
    const records = storedEvents(core, FEED);
    expect(sorted(records.map((r) => r.id))).toEqual(sorted(mock.allEventIds()));
    // Many pages: 13 of 20 (plus the one duplicate per full-page re-read, dropped by id).
    expect(mock.newEventsRequests().length).toBeGreaterThanOrEqual(13);

    // Ticks above 2^53 survive exactly: occurredAt from exact ticks, payload keeps them as decimal strings.
    const byId = new Map(mock.events.map((e) => [e.EventId, e]));
    for (const record of records) expect(record.occurredAt).toBe(DiadocMock.ms(byId.get(record.id)!));
    const sample = mock.events[123]!;
    const detail = core.store.get(core.store.findKey(FEED, sample.EventId)!)!;
    const part = detail.payload as { Message?: { TimestampTicks: unknown }; Patch?: { TimestampTicks: unknown } };
    expect((part.Message ?? part.Patch)!.TimestampTicks).toBe(sample.ticks.toString());
    expect(sample.ticks > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(sample.ticks % 128n).not.toBe(0n);

    for (const req of mock.server.requests) {
      expect(req.headers['accept']).toBe('application/json');
      expect(req.headers['authorization']).toBe(`Bearer ${mock.token}`);
      expect(req.query.get('boxId')).toBe(mock.boxId);
      expect(req.query.get('limit')).toBe('20');
    }

    // Caught up, the cursor is the last IndexKey (with its exact time, to re-read from if the key is ever refused);
    // new events are read after it, "+ / =" encoded.
    const lastKey = mock.events.at(-1)!.IndexKey;
    expect(lastKey).toMatch(/\+/);
    expect(lastKey).toMatch(/\//);
    expect(lastKey).toMatch(/=$/);
    expect(decodeCursor(core.store.feedState(FEED)!.cursor)).toEqual({ k: lastKey, a: mock.events.at(-1)!.ticks.toString() });
    const requestsBefore = mock.newEventsRequests().length;
    const added = mock.addEvents(4);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 4, error: null });
    expect(mock.newEventsRequests()[requestsBefore]!.query.get('afterIndexKey')).toBe(lastKey);
    expect(core.store.count(FEED)).toBe(254);
    expect(added.every((e) => core.store.findKey(FEED, e.EventId) !== null)).toBe(true);
  });

  it('loses nothing when the core stops in the middle and a new one opens the same data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'feedbell-diadoc-'));
    dirs.push(dataDir);
    const mock = await mockWith({ events: 300 });
    mock.makeCollision(60); // a #1083 twin at a page boundary
    mock.duplicate(10, 150); // an id that comes again later (diadocsdk-java#229)
    mock.delayNext(25, 1_000); // slow pages, so the stop lands mid-sync
    const first = openCore(mock, { dataDir });
    first.start();
    await waitFor(() => first.store.count(FEED) >= 80, 'some pages stored');
    await first.stop();
    cores.splice(cores.indexOf(first), 1);
    const partial = mock.newEventsRequests().length;
    const afterFirst = openCore(mock, { dataDir });
    const before = afterFirst.store.count(FEED);
    expect(before).toBeGreaterThanOrEqual(80);
    expect(before).toBeLessThan(300);
    mock.server.clearFaults();
    const outcome = (await afterFirst.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toBeNull();
    expect(outcome.inserted).toBe(300 - before);
    expect(sorted(storedEvents(afterFirst, FEED).map((r) => r.id))).toEqual(sorted(mock.allEventIds()));
    expect(afterFirst.store.count(FEED)).toBe(300);
    // The second core went on from the stored cursor, not from the beginning.
    expect(
      mock.newEventsRequests()[partial]!.query.has('afterIndexKey') ||
        mock.newEventsRequests()[partial]!.query.has('timestampFromTicks'),
    ).toBe(true);
  });

  it('issue #1083: re-reads from the exact timestamp after a full page, so the twin sharing the last IndexKey is kept', async () => {
    const mock = await mockWith({ events: 70 });
    mock.makeCollision(20); // event 20 shares IndexKey and ticks with event 19, the last of the first page
    const [p, m] = [mock.events[19]!, mock.events[20]!];
    // The mock behaves like the bug: reading after that IndexKey skips the twin…
    const ctx = providerContext(settingsFor(mock), { secret: mock.token });
    const page = await diadocProvider.fetchPage(ctx, JSON.stringify({ k: p.IndexKey }));
    expect(page.events.map((e) => e.event.EventId)).not.toContain(m.EventId);
    expect(page.events[0]!.event.EventId).toBe(mock.events[21]!.EventId);

    const core = openCore(mock);
    await core.polling.syncAllOnce();
    expect(core.store.findKey(FEED, m.EventId)).not.toBeNull();
    expect(sorted(storedEvents(core, FEED).map((r) => r.id))).toEqual(sorted(mock.allEventIds()));
    const second = mock.newEventsRequests()[2]!; // [0] was the direct call above
    expect(second.query.get('timestampFromTicks')).toBe(p.ticks.toString());
    expect(second.query.has('afterIndexKey')).toBe(false);
  });

  it('terminates when more than a page of events share one timestamp (no endless re-read)', async () => {
    const mock = await mockWith({ events: 60 });
    for (let i = 1; i <= 30; i++) mock.events[i]!.ticks = mock.events[0]!.ticks;
    const core = openCore(mock);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome).toMatchObject({ caughtUp: true, error: null, inserted: 60 });
    expect(mock.newEventsRequests().length).toBeLessThan(15);
  });

  it('drops an event id that comes again on a later page (duplicates across pages)', async () => {
    const mock = await mockWith({ events: 80 });
    mock.duplicate(3, 41);
    mock.duplicate(25, 70);
    expect(mock.events).toHaveLength(82);
    const core = openCore(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 80, error: null });
    expect(core.store.count(FEED)).toBe(80);
  });

  it('sends departmentId and the comma-separated filters, and stores only what matches', async () => {
    const mock = await mockWith({ events: 120 });
    const core = openCore(mock, {
      settings: {
        departmentId: mock.departmentId.toUpperCase(),
        documentDirection: ['Inbound', 'Internal'],
        messageType: ['Letter'],
      },
    });
    await core.polling.syncAllOnce();
    const req = mock.newEventsRequests()[0]!;
    expect(req.query.get('departmentId')).toBe(mock.departmentId);
    expect(req.query.get('documentDirection')).toBe('Inbound,Internal');
    expect(req.query.get('messageType')).toBe('Letter');
    const expected = mock.events.filter((e) => e.messageType === 'Letter' && e.direction !== 'Outbound').map((e) => e.EventId);
    expect(sorted(storedEvents(core, FEED).map((r) => r.id))).toEqual(sorted(new Set(expected)));
  });
});

describe('Diadoc: start positions', () => {
  it('"now" starts after the box\'s last event (GetLastEvent) and then reads only new ones', async () => {
    const mock = await mockWith({ events: 150 });
    const core = openCore(mock, { start: 'now' });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, error: null });
    expect(mock.server.requestsTo('/V2/GetLastEvent')).toHaveLength(1);
    expect(mock.server.requestsTo('/V2/GetLastEvent')[0]!.query.get('boxId')).toBe(mock.boxId);
    const added = mock.addEvents(7);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 7 });
    expect(sorted(storedEvents(core, FEED).map((r) => r.id))).toEqual(sorted(added.map((e) => e.EventId)));
  });

  it('"now" on an empty box (GetLastEvent answers 204) starts at the beginning of the box', async () => {
    const mock = await mockWith({ events: 0 });
    const core = openCore(mock, { start: 'now' });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, error: null, caughtUp: true });
    expect(core.store.feedState(FEED)!.cursor).toBeNull();
    mock.addEvents(3);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 3 });
  });

  it('"beginning" reads the whole history with no cursor parameter at first', async () => {
    const mock = await mockWith({ events: 45 });
    const core = openCore(mock, { start: 'beginning' });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 45 });
    const first = mock.newEventsRequests()[0]!.query;
    expect(['afterIndexKey', 'afterEventId', 'timestampFromTicks'].some((p) => first.has(p))).toBe(false);
    expect(mock.server.requestsTo('/V2/GetLastEvent')).toHaveLength(0);
  });

  it("a date seeks with timestampFromTicks at that instant less 5 min on the service's clock, then reads everything from there", async () => {
    const mock = await mockWith({ events: 120 });
    const at = DiadocMock.ms(mock.events[70]!);
    // Our clock agrees with the server's here (its Date header has whole seconds).
    const core = openCore(mock, { start: new Date(at).toISOString(), clock: new FakeClock(Date.now()) });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
    const from = sentFrom(mock);
    expect(nearTicks(from, at - START_OVERLAP_MS)).toBe(true);
    const expected = mock.events.filter((e) => e.ticks >= from).map((e) => e.EventId);
    expect(sorted(storedEvents(core, FEED).map((r) => r.id))).toEqual(sorted(expected));
    // The 50 events from the date on, and the few of the 5 minutes before it.
    expect(expected.length).toBeGreaterThan(50);
    expect(expected).toEqual(expect.arrayContaining(mock.events.slice(70).map((e) => e.EventId)));
  });

  for (const offsetMs of [-3 * 3_600_000, 3 * 3_600_000]) {
    const side = offsetMs < 0 ? 'behind' : 'ahead of';
    for (const dateHeader of ['server', 'real', 'none'] as const) {
      it(`a date start with the server's clock 3 h ${side} ours (Date header: ${dateHeader}): every event added after the feed was added arrives`, async () => {
        // The box's history lies 2 h back on the server's clock; the feed is added now, starting "from now" by date.
        const mock = await mockWith({ events: 30, originMs: Date.now() + offsetMs - 2 * 3_600_000 });
        mock.server.clockOffsetMs = offsetMs;
        mock.server.dateHeader = dateHeader;
        const clock = new FakeClock(Date.now());
        const core = openCore(mock, { start: new Date(clock.now()).toISOString(), clock });
        expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
        const history = new Set(mock.allEventIds());
        const added: string[] = [];
        for (let poll = 0; poll < 3; poll++) {
          added.push(...mock.addEvents(2).map((e) => e.EventId));
          expect((await core.polling.syncAllOnce()).get(FEED), `poll ${poll}`).toMatchObject({ error: null, inserted: 2 });
        }
        const ids = storedEvents(core, FEED).map((r) => r.id);
        expect(sorted(ids.filter((id) => !history.has(id)))).toEqual(sorted(added));
        // Where the service tells its clock, nothing older than the date less 5 min (on that clock) comes along.
        if (dateHeader === 'server') expect(ids.filter((id) => history.has(id))).toEqual([]);
      });
    }
  }

  it("a date in the past, with the server's clock 3 h behind ours: the events from that date on the service's clock are all read", async () => {
    const offsetMs = -3 * 3_600_000;
    const mock = await mockWith({ events: 30, originMs: Date.now() + offsetMs - 2 * 3_600_000 });
    mock.server.clockOffsetMs = offsetMs;
    // The date is when event 20 happened: by our clock, 3 h after its stamp.
    const at = DiadocMock.ms(mock.events[20]!) - offsetMs;
    const core = openCore(mock, { start: new Date(at).toISOString(), clock: new FakeClock(Date.now()) });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
    const from = sentFrom(mock);
    expect(nearTicks(from, at + offsetMs - START_OVERLAP_MS)).toBe(true);
    const ids = storedEvents(core, FEED).map((r) => r.id);
    expect(sorted(ids)).toEqual(sorted(mock.events.filter((e) => e.ticks >= from).map((e) => e.EventId)));
    expect(ids).toEqual(expect.arrayContaining(mock.events.slice(20).map((e) => e.EventId)));
  });
});

/** The timestampFromTicks of the first GetNewEvents request. */
function sentFrom(mock: DiadocMock): bigint {
  return BigInt(mock.newEventsRequests()[0]!.query.get('timestampFromTicks')!);
}

/** Ticks within 2 s before to 1 s after an instant (the Date header has whole seconds). */
function nearTicks(ticks: bigint, ms: number): boolean {
  const at = BigInt(msToTicks(ms));
  return ticks >= at - 20_000_000n && ticks <= at + 10_000_000n;
}

describe('Diadoc: a position Diadoc refuses (400 "cursor must have valid value", PROVIDERS §5.5)', () => {
  it('after a server-side change, the refused IndexKey is replaced within the run by a re-read from its exact time: no error, nothing lost or doubled, no note', async () => {
    const mock = await mockWith({ events: 45 });
    const core = openCore(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 45, error: null });
    const last = mock.events.at(-1)!;
    const oldKey = last.IndexKey;
    mock.addEvents(5);
    mock.rekey();
    const before = mock.newEventsRequests().length;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 5, error: null, caughtUp: true });
    const [refused, reread] = mock.newEventsRequests().slice(before);
    expect(refused!.query.get('afterIndexKey')).toBe(oldKey);
    expect(reread!.query.get('timestampFromTicks')).toBe(last.ticks.toString());
    expect(reread!.query.has('afterIndexKey')).toBe(false);
    expect(core.store.count(FEED)).toBe(50);
    expect(core.store.feedState(FEED)!.note).toBeNull();
    expect(core.polling.status(FEED)!.lastError).toBeNull();
    // And it goes on by the new keys.
    mock.addEvents(2);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2, error: null });
    expect(sorted(storedEvents(core, FEED).map((r) => r.id))).toEqual(sorted(mock.allEventIds()));
  });

  it('the polling loop recovers by itself: no error state, no wait for the user', async () => {
    const mock = await mockWith({ events: 30 });
    const core = openCore(mock);
    core.start();
    await waitFor(() => core.polling.status(FEED)!.phase === 'ok' && core.store.count(FEED) === 30, 'first sync');
    mock.addEvents(3);
    mock.rekey();
    core.polling.syncNow(FEED);
    await waitFor(() => core.store.count(FEED) === 33, 'the events after the refused position');
    expect(core.polling.status(FEED)!.lastError).toBeNull();
  });

  it("a position from an older Feedbell (an IndexKey without its time) that Diadoc refuses goes on from the box's newest event, with a note that there may be a gap", async () => {
    const mock = await mockWith({ events: 30 });
    const core = openCore(mock);
    await core.polling.syncAllOnce();
    core.store.updateFeedState(FEED, { cursor: JSON.stringify({ k: mock.events.at(-1)!.IndexKey }) });
    const missed = mock.addEvents(3);
    mock.rekey();
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
    expect(mock.server.requestsTo('/V2/GetLastEvent')).toHaveLength(1);
    expect(core.store.feedState(FEED)!.note?.ru).toContain('возможен пропуск');
    expect(core.store.feedState(FEED)!.note?.en).toContain('some events may have been missed');
    expect(core.store.findKey(FEED, missed[2]!.EventId)).not.toBeNull();
    const added = mock.addEvents(2);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2, error: null });
    expect(added.every((e) => core.store.findKey(FEED, e.EventId) !== null)).toBe(true);
  });

  it('a key refused again right after the re-read that gave it (more than a page at one timestamp) ends the run with an error instead of going round; the next run recovers once Diadoc takes its keys', async () => {
    const mock = await mockWith({ events: 60 });
    for (let i = 1; i <= 30; i++) mock.events[i]!.ticks = mock.events[0]!.ticks;
    mock.rekeyAfterEveryAnswer = true;
    const core = openCore(mock);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining('refused the position it had just given'),
    });
    expect(outcome.error!.message).toContain('cursor must have valid value');
    expect(mock.newEventsRequests().length).toBeLessThan(10);
    mock.rekeyAfterEveryAnswer = false;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null, caughtUp: true });
    expect(sorted(storedEvents(core, FEED).map((r) => r.id))).toEqual(sorted(mock.allEventIds()));
  });
});

describe('Diadoc: authentication', () => {
  it('sends the legacy DiadocAuth header exactly when auth is "diadocauth"', async () => {
    const mock = await mockWith({ events: 30 });
    const core = openCore(mock, { settings: { auth: 'diadocauth', clientId: mock.clientId } });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 30, error: null });
    for (const req of mock.server.requests) {
      expect(req.headers['authorization']).toBe(`DiadocAuth ddauth_api_client_id=${mock.clientId},ddauth_token=${mock.token}`);
    }
  });

  it('a wrong token or client id is 401 → auth, and the feed waits for the user', async () => {
    const mock = await mockWith({ events: 5 });
    const core = openCore(mock, { secret: 'not-the-token' });
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({ kind: 'auth' });
    expect(core.polling.status(FEED)!.lastError).toMatchObject({
      kind: 'auth',
      detail: expect.stringContaining('X-Diadoc-ErrorCode: Http.Unauthorized'),
    });

    const legacy = await mockWith({ events: 5 });
    const core2 = openCore(legacy, { settings: { auth: 'diadocauth', clientId: 'Other-Client' } });
    expect((await core2.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'auth' });
  });

  it('check() makes one cheap authenticated request and throws the mapped error', async () => {
    const mock = await mockWith({ events: 5 });
    await diadocProvider.check!(providerContext(settingsFor(mock), { secret: mock.token }));
    const req = mock.server.requests.at(-1)!;
    expect(req.path).toBe('/V8/GetNewEvents');
    expect(req.query.get('limit')).toBe('1');
    await expect(diadocProvider.check!(providerContext(settingsFor(mock), { secret: 'wrong' }))).rejects.toMatchObject({
      kind: 'auth',
    });
    mock.unpaid = true;
    await expect(diadocProvider.check!(providerContext(settingsFor(mock), { secret: mock.token }))).rejects.toMatchObject({
      kind: 'subscription',
    });
  });
});

interface FailureCase {
  name: string;
  arm(mock: DiadocMock): void;
  kind: string;
  hint?: string;
  detail?: string;
  message?: string;
  /** Expected wait before the automatic retry, ms. */
  retryIn?: number;
}

const FAILURES: FailureCase[] = [
  {
    name: '401',
    arm: (m) => m.failNext(401),
    kind: 'auth',
    hint: 'войдите заново',
    detail: 'X-Diadoc-ErrorCode: Http.Unauthorized',
  },
  { name: 'expired token', arm: (m) => (m.tokenExpired = true), kind: 'auth', detail: 'Http.Unauthorized' },
  {
    name: '402 unpaid box',
    arm: (m) => (m.unpaid = true),
    kind: 'subscription',
    hint: 'Подписка на API Диадока закончилась',
    detail: 'Billing.PaymentRequired',
  },
  {
    name: '403 no access to the box',
    arm: (m) => (m.forbidden = true),
    kind: 'forbidden',
    hint: 'boxId',
    detail: 'X-Diadoc-ErrorCode: Http.Forbidden',
  },
  {
    name: '429 with Retry-After',
    arm: (m) => m.failNext(429, { retryAfter: '7' }),
    kind: 'rate-limit',
    retryIn: 7_000,
    message: 'Превышено ограничение',
  },
  { name: '429 without Retry-After', arm: (m) => m.failNext(429), kind: 'rate-limit', retryIn: 5_000 },
  { name: '500', arm: (m) => m.failNext(500), kind: 'server', detail: 'Http.InternalServerError', retryIn: 5_000 },
  { name: '503', arm: (m) => m.failNext(503), kind: 'server', detail: 'Http.ServiceUnavailable' },
  {
    name: '409 DiadocApi.Conflict (transient)',
    arm: (m) => m.conflictNext(),
    kind: 'server',
    detail: 'X-Diadoc-ErrorCode: DiadocApi.Conflict',
    message: 'Could not get meta',
  },
  { name: 'no answer (timeout)', arm: (m) => m.hangNext(), kind: 'network' },
  { name: 'connection reset', arm: (m) => m.resetNext(), kind: 'network' },
  { name: 'body cut in the middle', arm: (m) => m.truncateNext(), kind: 'network' },
  { name: 'malformed JSON', arm: (m) => m.malformedNext(), kind: 'protocol', message: 'not valid JSON' },
  {
    // One refused cursor is recovered within the run (see "a cursor Diadoc refuses"); a 400 to every form of the request is not.
    name: '400 cursor must have valid value, to every request',
    arm: (m) => m.failNext(400, { body: 'cursor must have valid value', code: 'Http.BadRequest', times: 30 }),
    kind: 'protocol',
    message: 'cursor must have valid value',
    detail: 'Http.BadRequest',
  },
  {
    name: 'a 200 with a wrong shape (Events not a list)',
    arm: (m) => m.server.inject({ kind: 'respond', response: { status: 200, body: { Events: 'none', TotalCount: 1 } } }),
    kind: 'protocol',
    message: 'Events',
  },
  {
    name: 'a 200 with an event missing its required fields',
    arm: (m) =>
      m.server.inject({
        kind: 'respond',
        response: { status: 200, body: { Events: [{ IndexKey: 'x', Message: { Entities: [] } }] } },
      }),
    kind: 'protocol',
    message: 'EventId',
  },
  {
    name: 'a 200 with ticks of the wrong type',
    arm: (m) =>
      m.server.inject({
        kind: 'respond',
        response: {
          status: 200,
          body: { Events: [{ EventId: 'e1', IndexKey: 'k', Patch: { MessageId: 'm', TimestampTicks: 'soon' } }] },
        },
      }),
    kind: 'protocol',
    message: 'TimestampTicks',
  },
];

describe('Diadoc: failures give the right feed state, keep the cursor, and recover', () => {
  for (const failure of FAILURES) {
    it(`${failure.name} → ${failure.kind}`, async () => {
      const mock = await mockWith({ events: 30 });
      const clock = new FakeClock(Date.UTC(2026, 5, 1));
      const core = openCore(mock, { clock });
      core.start();
      await waitFor(() => core.polling.status(FEED)!.phase === 'ok', 'first sync');
      expect(core.store.count(FEED)).toBe(30);
      const cursor = core.store.feedState(FEED)!.cursor;
      mock.addEvents(3);
      failure.arm(mock);
      core.polling.syncNow(FEED);
      await waitFor(() => core.polling.status(FEED)!.phase === 'error', `${failure.name} error state`);
      const status = core.polling.status(FEED)!;
      expect(status.lastError!.kind).toBe(failure.kind);
      if (failure.hint) expect(status.lastError!.hint).toContain(failure.hint);
      if (failure.detail) expect(status.lastError!.detail).toContain(failure.detail);
      if (failure.message) expect(status.lastError!.message).toContain(failure.message);
      if (failure.retryIn !== undefined) expect(status.nextPollAt! - clock.now()).toBe(failure.retryIn);
      expect(core.store.feedState(FEED)!.cursor).toBe(cursor);
      expect(core.store.count(FEED)).toBe(30);

      mock.heal();
      core.polling.syncNow(FEED);
      await waitFor(() => core.polling.status(FEED)!.phase === 'ok' && core.store.count(FEED) === 33, `${failure.name} recovery`);
      expect(core.polling.status(FEED)!.lastError).toBeNull();
    });
  }

  it('a slow answer within the timeout is simply waited for', async () => {
    const mock = await mockWith({ events: 30 });
    mock.delayNext(250, 2);
    const core = openCore(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 30, error: null });
  });

  it('the mock itself enforces the API rules the provider relies on (406, limit, cursor combos, unencoded +)', async () => {
    const mock = await mockWith({ events: 10 });
    const call = async (query: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${mock.url}/V8/GetNewEvents?boxId=${mock.boxId}&${query}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${mock.token}`, ...headers },
      });
      return { status: res.status, code: res.headers.get('x-diadoc-errorcode'), text: await res.text() };
    };
    const key = mock.events[2]!.IndexKey;
    expect((await call('limit=5', { accept: 'application/x-protobuf' })).status).toBe(406);
    expect((await call('limit=0')).status).toBe(400);
    expect((await call('limit=101')).status).toBe(400);
    expect((await call(`afterIndexKey=${encodeURIComponent(key)}&afterEventId=${mock.events[1]!.EventId}`)).status).toBe(400);
    expect(await call(`afterIndexKey=${key}`)).toMatchObject({
      status: 400,
      text: 'cursor must have valid value',
      code: 'Http.BadRequest',
    });
    expect((await call(`afterIndexKey=${encodeURIComponent(key)}`)).status).toBe(200);
    expect((await call('limit=5', { authorization: `bearer ${mock.token}` })).status).toBe(401);
  });
});

describe('Diadoc: UNCONFIRMED points, each plausible answer handled', () => {
  it('reads the end of the feed as "Events": [], no Events at all, 204, or an empty body (UNCONFIRMED which one V8 sends)', async () => {
    for (const end of ['empty-list', 'no-events-field', 'no-content', 'empty-body'] as const) {
      const mock = await mockWith({ events: 25 });
      mock.endOfFeed = end;
      const core = openCore(mock);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 25, error: null, caughtUp: true });
      expect((await core.polling.syncAllOnce()).get(FEED), end).toMatchObject({ inserted: 0, error: null, caughtUp: true });
      mock.addEvents(2);
      expect((await core.polling.syncAllOnce()).get(FEED), end).toMatchObject({ inserted: 2, error: null, caughtUp: true });
      await diadocProvider.check!(providerContext(settingsFor(mock), { secret: mock.token }));
      await core.stop();
      cores.splice(cores.indexOf(core), 1);
    }
  });

  it('keeps paging with TotalCountType GreaterThanOrEqual, an unknown TotalCountType, or no TotalCount (UNCONFIRMED V8 counts)', async () => {
    const mock = await mockWith({ events: 90 });
    mock.totalCountCap = 30;
    const core = openCore(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 90, error: null });
    expect(mock.newEventsRequests().length).toBeGreaterThanOrEqual(5);

    const ctx = providerContext(settingsFor(mock), { secret: mock.token });
    for (const list of [
      { Events: [], TotalCount: 0, TotalCountType: 'SomethingNew' },
      { Events: [], TotalCountType: 'UnknownCountType' },
    ]) {
      mock.server.inject({ kind: 'respond', response: { status: 200, body: list } });
      expect(await diadocProvider.fetchPage(ctx, '{"k":"abc="}')).toMatchObject({
        events: [],
        more: false,
        cursor: '{"k":"abc="}',
      });
    }
    // A short page that says more exist (TotalCount above its length) asks for the next page.
    const one = DiadocMock.wire(mock.events[0]!);
    mock.server.inject({
      kind: 'respond',
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: DiadocMock.json({ Events: [one], TotalCount: 5 }),
      },
    });
    expect(await diadocProvider.fetchPage(ctx, null)).toMatchObject({ more: true });
  });

  it("a page size above the server's maximum (400) is halved until accepted, and remembered for the next pages", async () => {
    const mock = await mockWith({ events: 40 });
    mock.pageMax = 7;
    const core = openCore(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 40, error: null, caughtUp: true });
    const limits = mock.newEventsRequests().map((r) => r.query.get('limit'));
    expect(limits.slice(0, 3)).toEqual(['20', '10', '5']);
    expect(limits.slice(3).every((l) => l === '5')).toBe(true);
    expect(decodeCursor(core.store.feedState(FEED)!.cursor)).toMatchObject({ l: 5 });
  });

  it('an empty page while more events exist ends this sync; the next one continues where it stopped', async () => {
    const mock = await mockWith({ events: 50 });
    const core = openCore(mock);
    await core.polling.syncAllOnce();
    mock.addEvents(10);
    mock.emptyPagesWhileMore = 1;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, error: null });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 10, error: null });
  });

  it('works whether or not V8 still has the #1083 IndexKey collision (UNCONFIRMED): the same result with and without it', async () => {
    for (const collide of [false, true]) {
      const mock = await mockWith({ events: 100, seed: 7 });
      if (collide) {
        mock.makeCollision(40);
        mock.makeCollision(80);
      }
      const core = openCore(mock);
      await core.polling.syncAllOnce();
      expect(sorted(storedEvents(core, FEED).map((r) => r.id))).toEqual(sorted(mock.allEventIds()));
    }
  });

  it('reads GetLastEvent as 204, or as 200 with an empty body (UNCONFIRMED), as an empty box', async () => {
    const mock = await mockWith({ events: 3 });
    const ctx = providerContext(settingsFor(mock), { secret: mock.token });
    mock.server.inject({ kind: 'respond', response: { status: 204 } });
    expect(await diadocProvider.start(ctx, { kind: 'now' })).toEqual({ cursor: null, skipBefore: null });
    mock.server.inject({ kind: 'respond', response: { status: 200, body: '' } });
    expect(await diadocProvider.start(ctx, { kind: 'now' })).toEqual({ cursor: null, skipBefore: null });
    const last = mock.events[2]!;
    expect(await diadocProvider.start(ctx, { kind: 'now' })).toEqual({
      cursor: JSON.stringify({ k: last.IndexKey, a: last.ticks.toString() }),
      skipBefore: null,
    });
  });

  it('falls back to afterEventId for an event without an IndexKey (IndexKey is optional in the proto)', async () => {
    const mock = await mockWith({ events: 3 });
    const ctx = providerContext(settingsFor(mock), { secret: mock.token });
    const wire = DiadocMock.wire(mock.events[0]!);
    delete wire['IndexKey'];
    const answer = {
      kind: 'respond' as const,
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: DiadocMock.json({ Events: [wire], TotalCount: 1 }),
      },
    };
    // The page, then its re-read from the same time (nothing newer): the position goes on by EventId.
    mock.server.inject(answer, 2);
    const page = await diadocProvider.fetchPage(ctx, null);
    expect(JSON.parse(page.cursor!)).toMatchObject({ e: mock.events[0]!.EventId });
    const reread = await diadocProvider.fetchPage(ctx, page.cursor);
    expect(JSON.parse(reread.cursor!)).toEqual({ e: mock.events[0]!.EventId, a: mock.events[0]!.ticks.toString() });
    const next = await diadocProvider.fetchPage(ctx, reread.cursor);
    expect(mock.server.requests.at(-1)!.query.get('afterEventId')).toBe(mock.events[0]!.EventId);
    expect(next.events.map((e) => e.event.EventId)).toEqual([mock.events[1]!.EventId, mock.events[2]!.EventId]);
  });
});

/** The config error a feed with these Diadoc settings gets, or null when valid. */
function errorOf(settings: Record<string, unknown>): string | null {
  try {
    parseFeedConfig({ id: 'x', provider: 'diadoc', settings }, 'feed "x"');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  return null;
}

describe('Diadoc: settings', () => {
  const base = { boxId: '1A2B3C4D-0000-4000-8000-123456789ABC' };

  it('accepts GUIDs in any case, with or without dashes, and the legacy "@diadoc.ru" form, normalized', () => {
    for (const boxId of [
      '1a2b3c4d-0000-4000-8000-123456789abc',
      '1A2B3C4D-0000-4000-8000-123456789ABC',
      '1a2b3c4d000040008000123456789abc@diadoc.ru',
      '1A2B3C4D-0000-4000-8000-123456789ABC@Diadoc.ru',
    ]) {
      expect(diadocSettingsSchema.parse({ boxId }).boxId).toBe('1a2b3c4d-0000-4000-8000-123456789abc');
    }
    expect(diadocSettingsSchema.parse(base)).toEqual({
      boxId: '1a2b3c4d-0000-4000-8000-123456789abc',
      baseUrl: 'https://diadoc-api.kontur.ru',
      auth: 'bearer',
      documentDirection: [],
      messageType: [],
      limit: 100,
    });
    expect(diadocSettingsSchema.parse({ ...base, baseUrl: 'http://127.0.0.1:1234/' }).baseUrl).toBe('http://127.0.0.1:1234');
  });

  it('rejects bad values with clear messages', () => {
    expect(errorOf({})).toMatch(/settings\.boxId/);
    expect(errorOf({ boxId: 'my-box' })).toMatch(/settings\.boxId: must be a box GUID/);
    expect(errorOf({ ...base, departmentId: '42' })).toMatch(/settings\.departmentId: must be a department GUID/);
    expect(errorOf({ ...base, baseUrl: 'ftp://diadoc' })).toMatch(
      /settings\.baseUrl: Адрес API \(baseUrl\): нужен адрес вида https:\/\/.* \/ API address \(baseUrl\): needs an address like/,
    );
    expect(errorOf({ ...base, limit: 0 })).toMatch(/settings\.limit/);
    expect(errorOf({ ...base, limit: 101 })).toMatch(/settings\.limit/);
    expect(errorOf({ ...base, documentDirection: ['Sideways'] })).toMatch(/settings\.documentDirection\.0/);
    expect(errorOf({ ...base, messageType: 'Letter' })).toMatch(/settings\.messageType/);
    expect(errorOf({ ...base, token: 'secret-in-settings' })).toMatch(/token/);
    expect(errorOf({ ...base, auth: 'diadocauth' })).toMatch(/settings\.clientId: is required when auth is "diadocauth"/);
    expect(errorOf({ ...base, auth: 'diadocauth', clientId: 'a,b' })).toMatch(/settings\.clientId/);
    expect(errorOf({ ...base, auth: 'basic' })).toMatch(/settings\.auth/);
    expect(
      errorOf({ ...base, departmentId: 'D0D1D2D3-0405-4607-8809-0A0B0C0D0E0F', auth: 'diadocauth', clientId: 'C-1' }),
    ).toBeNull();
  });
});

/** A raw event for normalize() from a wire-shaped object. */
function raw(event: Record<string, unknown>): DiadocRawEvent {
  return { event: boxEventSchema.parse(parseJsonLossless(JSON.stringify(event))), raw: event, fetchedAt: 1_000 };
}

const BOX = '1a2b3c4d-0000-4000-8000-123456789abc';
const OTHER = '99999999-0000-4000-8000-000000000001';
const MSG = '5b3d7f00-1111-4222-8333-444455556666';
const DOC = '7c4e8a11-aaaa-4bbb-8ccc-dddddddddddd';
const settings = diadocSettingsSchema.parse({ boxId: BOX });
const TICKS = '639079496180095206';

function message(
  type: { AttachmentType?: string; TypeNamedId?: string },
  extra: Record<string, unknown> = {},
  info: Record<string, unknown> = {},
) {
  return raw({
    EventId: 'ev-1',
    IndexKey: 'k+/=',
    Message: {
      MessageId: MSG,
      TimestampTicks: TICKS,
      FromBoxId: OTHER,
      FromTitle: 'ООО «Ромашка»',
      ToBoxId: BOX,
      ToTitle: 'ООО «Фидбелл»',
      Entities: [
        {
          EntityType: 'Attachment',
          EntityId: DOC,
          AttachmentType: type.AttachmentType ?? 'Nonformalized',
          NeedRecipientSignature: true,
          DocumentInfo: {
            TypeNamedId: type.TypeNamedId,
            DocumentNumber: '123',
            DocumentDate: '05.03.2026',
            DocumentDirection: 'Inbound',
            ...info,
          },
        },
      ],
      ...extra,
    },
  });
}

function patch(fields: Record<string, unknown>) {
  return raw({
    EventId: 'ev-2',
    IndexKey: 'k2',
    Patch: { MessageId: MSG, TimestampTicks: TICKS, Entities: [], EntityPatches: [], ...fields },
  });
}

describe('Diadoc: the detail leads with people’s words (issue 10)', () => {
  it('facts: counterparty, document number and date, amount, state; no GUID among them', () => {
    const event = diadocProvider.normalize(
      message(
        { AttachmentType: 'UniversalTransferDocument', TypeNamedId: 'UniversalTransferDocument' },
        {},
        { Total: '12500.00' },
      ),
      settings,
    );
    const facts = diadocModule.facts!(event);
    expect(facts.map((f) => [f.label.ru, f.valueText?.ru ?? f.value])).toEqual([
      ['Контрагент', 'ООО «Ромашка»'],
      ['Документ', 'УПД № 123 от 05.03.2026'],
      ['Сумма', '12\u00a0500,00\u00a0₽'],
      ['Состояние', 'Ждёт подписи'],
    ]);
    expect(JSON.stringify(facts)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
    expect(diadocModule.typeNames[event.type]).toEqual({ ru: 'УПД', en: 'UTD' });
  });

  it('facts read the amount from the kind’s metadata and name a УПД’s function; a patch’s state is what it did', () => {
    const utd = diadocProvider.normalize(
      message(
        { AttachmentType: 'UniversalTransferDocument', TypeNamedId: 'UniversalTransferDocument' },
        {},
        { Function: 'СЧФДОП', UniversalTransferDocumentMetadata: { Total: '12400', DocumentFunction: 'СЧФДОП' } },
      ),
      settings,
    );
    expect(diadocModule.facts!(utd).map((f) => [f.label.ru, f.valueText?.ru ?? f.value])).toEqual([
      ['Контрагент', 'ООО «Ромашка»'],
      ['Документ', 'УПД (СЧФДОП) № 123 от 05.03.2026'],
      ['Сумма', '12\u00a0400,00\u00a0₽'],
      ['Состояние', 'Ждёт подписи'],
    ]);
    const contract = message({ TypeNamedId: 'Contract' }, {}, { ContractMetadata: { ContractPrice: '99.5' } });
    expect(diadocModule.facts!(diadocProvider.normalize(contract, settings)).find((f) => f.label.ru === 'Сумма')?.value).toBe(
      '99,50\u00a0₽',
    );
    const listed = message({ TypeNamedId: 'Invoice' }, {}, { Metadata: [{ Key: 'TotalSum', Value: '1000' }] });
    expect(diadocModule.facts!(diadocProvider.normalize(listed, settings)).find((f) => f.label.ru === 'Сумма')?.value).toBe(
      '1\u00a0000,00\u00a0₽',
    );
    const signed = diadocProvider.normalize(
      patch({
        Entities: [
          { EntityType: 'Signature', EntityId: 's1', ParentEntityId: DOC },
          { EntityType: 'Attachment', EntityId: DOC, AttachmentType: 'Invoice', DocumentInfo: { DocumentNumber: '7' } },
        ],
      }),
      settings,
    );
    expect(diadocModule.facts!(signed).find((f) => f.label.ru === 'Состояние')?.value).toBe('Документ подписан');
  });

  it('a patch’s summary names the document, never the message’s GUID', () => {
    const event = diadocProvider.normalize(
      patch({
        Entities: [
          { EntityType: 'Signature', EntityId: 's1', ParentEntityId: DOC },
          {
            EntityType: 'Attachment',
            EntityId: DOC,
            AttachmentType: 'Invoice',
            DocumentInfo: { DocumentNumber: '7', DocumentDate: '01.11.2026' },
          },
        ],
      }),
      settings,
    );
    expect(event.title.ru).toBe('Счёт-фактура № 7 от 01.11.2026');
    expect(event.summary.ru).toBe('Документ подписан');
    expect(event.summary.ru).not.toContain(MSG);
  });
});

describe('Diadoc: titles and summaries in Russian and English', () => {
  it('titles an incoming document counterparty first: sender, kind, number and date, amount; with a link to the document in the web UI', () => {
    const event = diadocProvider.normalize(
      message(
        { AttachmentType: 'UniversalTransferDocument', TypeNamedId: 'UniversalTransferDocument' },
        {},
        { Function: 'СЧФДОП', UniversalTransferDocumentMetadata: { Total: '12400.00', DocumentFunction: 'СЧФДОП' } },
      ),
      settings,
    );
    expect(event.title).toEqual({
      ru: 'ООО «Ромашка» · УПД № 123 от 05.03.2026 · 12\u00a0400,00\u00a0₽',
      en: 'ООО «Ромашка» · UTD No. 123 of 05.03.2026 · 12\u00a0400,00\u00a0₽',
    });
    expect(event.summary.ru).toBe('Входящий документ · СЧФДОП · ждёт подписи');
    expect(event.summary.en).toBe('Incoming document · СЧФДОП · awaiting signature');
    expect(event.link).toBe(`https://diadoc.kontur.ru/${BOX}/Document/Show?letterId=${MSG}&documentId=${DOC}`);
    expect(event).toMatchObject({ id: 'ev-1', type: 'diadoc.utd', occurredAt: ticksToMs(TICKS) });
    // Without an amount or a function the title and summary just leave them out.
    const plain = diadocProvider.normalize(message({ TypeNamedId: 'Invoice' }, {}, { Function: 'default' }), settings);
    expect(plain.title.ru).toBe('ООО «Ромашка» · Счёт-фактура № 123 от 05.03.2026');
    expect(plain.summary.ru).toBe('Входящий документ · ждёт подписи');
  });

  it('gives every documented document kind its own type, named in words, and "Другой документ" to an unknown one', () => {
    const cases: [{ AttachmentType?: string; TypeNamedId?: string }, string, string, string, string][] = [
      [{ AttachmentType: 'Invoice', TypeNamedId: 'Invoice' }, 'Счёт-фактура', 'Invoice', 'diadoc.invoice', 'Счёт-фактура'],
      [{ TypeNamedId: 'InvoiceRevision' }, 'Исправленный счёт-фактура', 'Revised invoice', 'diadoc.invoice', 'Счёт-фактура'],
      [
        { TypeNamedId: 'InvoiceCorrection' },
        'Корректировочный счёт-фактура',
        'Corrective invoice',
        'diadoc.invoice-correction',
        'Корректировочный счёт-фактура',
      ],
      [{ AttachmentType: 'UniversalTransferDocument' }, 'УПД', 'UTD', 'diadoc.utd', 'УПД'],
      [{ TypeNamedId: 'UniversalTransferDocumentRevision' }, 'Исправленный УПД', 'Revised UTD', 'diadoc.utd', 'УПД'],
      [{ TypeNamedId: 'UniversalCorrectionDocument' }, 'УКД', 'UCD', 'diadoc.ucd', 'УКД'],
      [
        { AttachmentType: 'Nonformalized', TypeNamedId: 'Nonformalized' },
        'Неформализованный документ',
        'Non-formalized document',
        'diadoc.nonformalized',
        'Неформализованный документ',
      ],
      [{ AttachmentType: 'XmlTorg12', TypeNamedId: 'Torg12' }, 'ТОРГ-12', 'TORG-12 waybill', 'diadoc.torg12', 'ТОРГ-12'],
      [{ AttachmentType: 'Torg12' }, 'ТОРГ-12', 'TORG-12 waybill', 'diadoc.torg12', 'ТОРГ-12'],
      [
        { AttachmentType: 'XmlAcceptanceCertificate', TypeNamedId: 'AcceptanceCertificate' },
        'Акт',
        'Acceptance certificate',
        'diadoc.act',
        'Акт',
      ],
      [{ TypeNamedId: 'ProformaInvoice' }, 'Счёт на оплату', 'Proforma invoice', 'diadoc.proforma-invoice', 'Счёт на оплату'],
      [{ AttachmentType: 'Contract', TypeNamedId: 'Contract' }, 'Договор', 'Contract', 'diadoc.contract', 'Договор'],
      [
        { AttachmentType: 'UniversalMessage', TypeNamedId: 'UniversalMessage' },
        'Универсальное сообщение',
        'Universal message',
        'diadoc.universal-message',
        'Универсальное сообщение',
      ],
      [
        { AttachmentType: 'UnknownAttachmentType', TypeNamedId: 'FutureDocument2030' },
        'Документ',
        'Document',
        'diadoc.document',
        'Другой документ',
      ],
      [{ AttachmentType: 'SomethingFromTheFuture' }, 'Документ', 'Document', 'diadoc.document', 'Другой документ'],
    ];
    for (const [kind, ru, en, type, typeName] of cases) {
      const event = diadocProvider.normalize(message(kind), settings);
      expect(event.title).toEqual({
        ru: `ООО «Ромашка» · ${ru} № 123 от 05.03.2026`,
        en: `ООО «Ромашка» · ${en} No. 123 of 05.03.2026`,
      });
      expect(event.type).toBe(type);
      expect(diadocModule.typeNames[type]?.ru).toBe(typeName);
    }
    // Every type the filter can offer is named in both languages, never by its code.
    for (const [type, name] of Object.entries(diadocModule.typeNames)) {
      expect(type).toMatch(/^diadoc\.[a-z0-9-]+$/);
      expect(name.ru).toMatch(/^[А-ЯЁ]/);
      expect(name.en).toMatch(/^[A-Z]/);
    }
  });

  it('tells outgoing, internal, draft, template and deleted messages apart', () => {
    const out = message(
      { TypeNamedId: 'Invoice' },
      { FromBoxId: BOX, ToBoxId: OTHER, ToTitle: 'АО «Вектор»' },
      { DocumentDirection: 'Outbound' },
    );
    expect(diadocProvider.normalize(out, settings)).toMatchObject({
      type: 'diadoc.invoice',
      title: {
        ru: 'АО «Вектор» · Счёт-фактура № 123 от 05.03.2026',
        en: 'АО «Вектор» · Invoice No. 123 of 05.03.2026',
      },
      summary: { ru: 'Исходящий документ', en: 'Outgoing document' },
    });
    const internal = message(
      { TypeNamedId: 'Contract' },
      { FromBoxId: BOX, ToBoxId: BOX, IsInternal: true },
      { DocumentDirection: undefined },
    );
    expect(diadocProvider.normalize(internal, settings).title.ru).toMatch(/^ООО «Ромашка» · Договор № 123/);
    expect(diadocProvider.normalize(internal, settings).summary.ru).toMatch(/^Внутренний документ/);
    const draft = message(
      { TypeNamedId: 'Invoice' },
      { IsDraft: true, MessageType: 'Draft', FromBoxId: BOX, ToTitle: 'АО «Вектор»' },
      { DocumentDirection: 'Outbound' },
    );
    expect(diadocProvider.normalize(draft, settings)).toMatchObject({
      type: 'diadoc.draft',
      title: { ru: 'АО «Вектор» · Счёт-фактура № 123 от 05.03.2026', en: 'АО «Вектор» · Invoice No. 123 of 05.03.2026' },
      summary: { ru: 'Черновик', en: 'Draft' },
    });
    const template = message({ TypeNamedId: 'Invoice' }, { MessageType: 'Template' });
    expect(diadocProvider.normalize(template, settings)).toMatchObject({
      type: 'diadoc.template',
      summary: { ru: expect.stringMatching(/^Шаблон документа/), en: expect.stringMatching(/^Document template/) },
    });
    const deleted = message({ TypeNamedId: 'Invoice' }, { IsDeleted: true });
    expect(diadocProvider.normalize(deleted, settings)).toMatchObject({
      type: 'diadoc.invoice',
      title: {
        ru: 'ООО «Ромашка» · Счёт-фактура № 123 от 05.03.2026',
        en: 'ООО «Ромашка» · Invoice No. 123 of 05.03.2026',
      },
      summary: { ru: expect.stringMatching(/^Документ удалён/), en: expect.stringMatching(/^Document deleted/) },
    });
    const noNumber = message(
      { TypeNamedId: 'Nonformalized' },
      {},
      { DocumentNumber: null, DocumentDate: null, Title: 'Письмо о сверке' },
    );
    expect(diadocProvider.normalize(noNumber, settings).title.ru).toBe(
      'ООО «Ромашка» · Неформализованный документ «Письмо о сверке»',
    );
  });

  it('says what a patch did: signed, rejected, deleted, restored, delivered, commented, moved, changed, draft deleted; else "Изменение документа"', () => {
    const doc = {
      EntityType: 'Attachment',
      EntityId: DOC,
      AttachmentType: 'Invoice',
      DocumentInfo: { TypeNamedId: 'Invoice', DocumentNumber: '77' },
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { Entities: [{ EntityType: 'Signature', EntityId: 's1', ParentEntityId: DOC }, doc] },
        'Документ подписан',
        'Document signed',
      ],
      [
        {
          Entities: [
            { EntityType: 'Attachment', EntityId: 'r1', ParentEntityId: DOC, AttachmentType: 'RecipientSignatureRejection' },
            doc,
          ],
        },
        'Документ отклонён',
        'Document rejected',
      ],
      [{ EntityPatches: [{ EntityId: DOC, DocumentIsDeleted: true }] }, 'Документ удалён', 'Document deleted'],
      [{ MessageIsDeleted: true }, 'Документ удалён', 'Document deleted'],
      [{ EntityPatches: [{ EntityId: DOC, DocumentIsRestored: true }] }, 'Документ восстановлен', 'Document restored'],
      [{ MessageIsDelivered: true }, 'Документ доставлен', 'Document delivered'],
      [
        { Entities: [{ EntityType: 'Attachment', EntityId: 'c1', ParentEntityId: DOC, AttachmentType: 'AttachmentComment' }] },
        'Комментарий к документу',
        'Comment on a document',
      ],
      [
        { EntityPatches: [{ EntityId: DOC, MovedToDepartment: OTHER }] },
        'Документ передан в другое подразделение',
        'Document moved to another department',
      ],
      [
        { EntityPatches: [{ EntityId: DOC, ContentIsPatched: true }] },
        'Содержимое документа изменено',
        'Document content changed',
      ],
      [{ ForDraft: true, DraftIsRecycled: true }, 'Черновик удалён', 'Draft deleted'],
      [
        { Entities: [{ EntityType: 'Attachment', EntityId: 'r2', ParentEntityId: DOC, AttachmentType: 'RevocationRequest' }] },
        'Запрошено аннулирование документа',
        'Document revocation requested',
      ],
      [{}, 'Изменение документа', 'Document changed'],
      [{ Entities: [{ EntityType: 'NewEntityType2031', EntityId: 'n1' }] }, 'Изменение документа', 'Document changed'],
    ];
    for (const [fields, ru, en] of cases) {
      const event = diadocProvider.normalize(patch(fields), settings);
      const draft = fields['ForDraft'] === true;
      expect(event.summary).toEqual({ ru, en });
      // The patch leads with the document when it names it (and then carries its kind's type), else with what it did.
      const named = JSON.stringify(fields).includes('"DocumentInfo"');
      expect(event.title).toEqual(named ? { ru: 'Счёт-фактура № 77', en: 'Invoice No. 77' } : { ru, en });
      expect(event.type).toBe(draft ? 'diadoc.draft-patch' : named ? 'diadoc.invoice' : 'diadoc.patch');
      // Issue 10: the message's GUID is no summary; it stays in the detail.
      expect(event.summary.ru).not.toContain(MSG);
      expect(event.summary.ru).not.toBe('');
      expect(event.occurredAt).toBe(ticksToMs(TICKS));
    }
    const deleted = diadocProvider.normalize(patch({ EntityPatches: [{ EntityId: DOC, DocumentIsDeleted: true }] }), settings);
    expect(deleted.link).toBe(`https://diadoc.kontur.ru/${BOX}/Document/Show?letterId=${MSG}&documentId=${DOC}`);
    expect(diadocProvider.normalize(patch({ ForDraft: true }), settings)).toMatchObject({
      type: 'diadoc.draft-patch',
      summary: { ru: 'Изменение документа · черновик', en: 'Document changed · draft' },
    });
  });

  it('shows an event with neither Message nor Patch generically, at the time it arrived, without a link', () => {
    const event = diadocProvider.normalize(raw({ EventId: 'ev-x', IndexKey: 'k', SomethingNew: { Foo: 1 } }), settings);
    expect(event).toMatchObject({ id: 'ev-x', type: 'diadoc.event', occurredAt: 1_000, link: null });
    expect(event.title).toEqual({ ru: 'Событие в ящике Диадока', en: 'Diadoc box event' });
  });

  it('titles every event the mock generates without throwing, and the payload is the raw event with ticks as strings', async () => {
    const mock = await mockWith({ events: 120 });
    const ctx = providerContext(settingsFor(mock, { limit: 100 }), { secret: mock.token });
    const page = await diadocProvider.fetchPage(ctx, null);
    const kinds = new Set(mock.events.slice(0, 100).map((e) => e.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    for (const r of page.events) {
      const event = diadocProvider.normalize(r, ctx.settings);
      expect(event.title.ru.length).toBeGreaterThan(5);
      expect(event.title.en.length).toBeGreaterThan(5);
      expect(JSON.stringify(event.payload)).toMatch(/"TimestampTicks":"\d{18}"/);
    }
  });
});

describe('Diadoc: lossless int64', () => {
  it('quotes only integers of 16+ digits outside strings', () => {
    const text =
      '{"a":638712345678901234,"b":-638712345678901234,"s":"x\\"638712345678901234 ,1234567890123456","f":1.2345678901234567,"e":1e-12345678901234567,"g":12345678901234567e2,"n":123,"arr":[1234567890123456,0]}';
    expect(quoteBigIntegers(text)).toBe(
      '{"a":"638712345678901234","b":"-638712345678901234","s":"x\\"638712345678901234 ,1234567890123456","f":1.2345678901234567,"e":1e-12345678901234567,"g":12345678901234567e2,"n":123,"arr":["1234567890123456",0]}',
    );
    expect(parseJsonLossless('{"t": 639079496180095206}')).toEqual({ t: '639079496180095206' });
    expect(JSON.parse('639079496180095206')).not.toBe(639079496180095206n.toString());
  });

  it('converts ticks to epoch ms and back exactly', () => {
    expect(ticksToMs('621355968000000000')).toBe(0);
    expect(ticksToMs('639079496180095206')).toBe(1_772_352_818_009);
    expect(msToTicks(Date.UTC(2026, 0, 1))).toBe('639028224000000000');
    expect(ticksToMs(msToTicks(1_772_352_818_009))).toBe(1_772_352_818_009);
    expect(ticksToMs('not ticks')).toBeNull();
  });
});

describe('Diadoc: the token never leaks', () => {
  it('appears in no error message, hint, detail, stored lastError or log line, even when the server echoes it', async () => {
    const token = 'S3cr3t-Diadoc+Token/Value==';
    const mock = await mockWith({ events: 25, token });
    const clock = new FakeClock(Date.UTC(2026, 5, 1));
    const seen: string[] = [];
    const collect = (core: FeedbellCore) =>
      seen.push(JSON.stringify(core.polling.status(FEED)), JSON.stringify(core.store.feedState(FEED)));
    const core = openCore(mock, { clock, settings: { auth: 'diadocauth', clientId: mock.clientId } });
    const arms: ((m: DiadocMock) => void)[] = [
      (m) => m.failNext(401),
      (m) => (m.unpaid = true),
      (m) => (m.forbidden = true),
      (m) => m.failNext(500, { body: `Bad header: DiadocAuth ddauth_api_client_id=${m.clientId},ddauth_token=${token}` }),
      (m) => m.failNext(400, { body: `cursor must have valid value; token ${token}`, times: 30 }),
      (m) => m.conflictNext(),
      (m) => m.malformedNext(),
      (m) => m.hangNext(),
      (m) => m.resetNext(),
    ];
    for (const arm of arms) {
      mock.heal();
      arm(mock);
      const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
      expect(outcome.error).not.toBeNull();
      seen.push(outcome.error!.message, outcome.error!.hint ?? '', outcome.error!.detail ?? '', String(outcome.error!.stack));
      collect(core);
    }
    mock.heal();
    for (const secret of ['wrong-token', `bad\ntoken ${token}`]) {
      const ctx = providerContext(settingsFor(mock), { secret });
      const err = (await diadocProvider.fetchPage(ctx, null).catch((e: unknown) => e)) as FeedError;
      expect(err).toBeInstanceOf(FeedError);
      expect(err.kind).toBe('auth');
      seen.push(err.message, err.hint ?? '', err.detail ?? '');
    }
    const echoed = seen.join('\n');
    expect(echoed).toContain('Bad header'); // the server's text was kept…
    expect(echoed).toContain('***'); // …with the token cut out
    expect(echoed).not.toContain(token);
    expect(echoed).not.toContain('S3cr3t');
    expect(logLines.join('\n')).not.toContain('S3cr3t');
  });
});

/** The type Feedbell stored before issue 10: one for every letter's document, one for every patch. */
function formerType(e: NormalizedEvent): string {
  if (e.type.startsWith('diadoc.draft') || e.type === 'diadoc.template') return e.type;
  return (e.payload as { Message?: unknown }).Message ? 'diadoc.message' : 'diadoc.patch';
}

describe('Diadoc: one type per kind of document (issue 10, item 6)', () => {
  it('the mock’s box holds several kinds; messages and the patches that name their document share the kind’s type', async () => {
    const mock = await mockWith({ events: 120 });
    const ctx = providerContext(settingsFor(mock, { limit: 100 }), { secret: mock.token });
    const events = (await diadocProvider.fetchPage(ctx, null)).events.map((r) => diadocProvider.normalize(r, ctx.settings));
    const types = new Set(events.map((e) => e.type));
    for (const type of ['diadoc.utd', 'diadoc.invoice', 'diadoc.torg12', 'diadoc.act', 'diadoc.proforma-invoice', 'diadoc.ucd'])
      expect(types).toContain(type);
    for (const type of types) expect(diadocModule.typeNames[type], type).toBeDefined();
    // A signed УПД is a УПД: filtering by the type shows the document's life, not only its arrival.
    const utdPatches = events.filter((e) => e.type === 'diadoc.utd' && (e.payload as { Patch?: unknown }).Patch);
    expect(utdPatches.length).toBeGreaterThan(0);
    // Titles lead with the counterparty; a УПД names its function and its amount.
    const utd = events.find((e) => e.type === 'diadoc.utd' && (e.payload as { Message?: unknown }).Message)!;
    expect(utd.title.ru).toMatch(/^(ООО|АО|ИП|ПАО) .+ · УПД № \d+ от \d{2}\.\d{2}\.\d{4} · [\d\u00a0]+,\d{2}\u00a0₽$/);
    expect(utd.summary.ru).toMatch(/ · (СЧФДОП|СЧФ|ДОП)( · |$)/);
  });

  it('events an older Feedbell stored as «Документ» / «Изменение документа» get their kind’s type when the log is opened', async () => {
    const mock = await mockWith({ events: 120 });
    const ctx = providerContext(settingsFor(mock, { limit: 100 }), { secret: mock.token });
    const events = (await diadocProvider.fetchPage(ctx, null)).events.map((r) => diadocProvider.normalize(r, ctx.settings));
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-diadoc-types-'));
    dirs.push(dir);
    const file = join(dir, 'events.sqlite');
    const old = EventStore.open(file);
    old.ensureFeed(FEED, 'diadoc');
    old.ingest(
      FEED,
      events.map((e) => ({ ...e, type: formerType(e) })),
      '1',
      1_000,
    );
    old.close();
    const db = new DatabaseSync(file);
    db.exec('PRAGMA user_version = 5');
    db.close();

    const store = EventStore.open(file);
    try {
      const byId = new Map(store.query({ limit: 500 }).items.map((r) => [r.id, r.type]));
      expect(events.map((e) => byId.get(e.id))).toEqual(events.map((e) => e.type));
      const listed = store.eventTypes().map((t) => t.type);
      expect(listed).not.toContain('diadoc.message');
      expect(listed).toEqual(expect.arrayContaining(['diadoc.utd', 'diadoc.invoice']));
      // Patches that do not say which document they changed stay «Изменение документа».
      expect(listed.includes('diadoc.patch')).toBe(events.some((e) => e.type === 'diadoc.patch'));
      const utds = store.query({ types: ['diadoc.utd'], limit: 500 }).items;
      expect(utds.length).toBe(events.filter((e) => e.type === 'diadoc.utd').length);
      // The old words still find the events.
      expect(store.query({ search: 'УПД', limit: 500 }).items.length).toBeGreaterThanOrEqual(utds.length);
    } finally {
      store.close();
    }
    // The full-text rows (which hold the type) were written again with the new type.
    const check = new DatabaseSync(file);
    const phrase = (type: string) =>
      Number(
        check.prepare(`SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH '"${type.replace('.', ' ')}"'`).get()!['n'],
      );
    expect(phrase('diadoc.message')).toBe(0);
    expect(phrase('diadoc.utd')).toBe(events.filter((e) => e.type === 'diadoc.utd').length);
    check.close();
  });

  it('a stored payload it cannot read: a former document becomes «Другой документ», a patch stays «Изменение документа»', () => {
    const retype = diadocModule.formerTypes!.retype;
    expect(retype({ type: 'diadoc.message', payload: null })).toBe('diadoc.document');
    expect(retype({ type: 'diadoc.patch', payload: { EventId: 'x' } })).toBe('diadoc.patch');
    expect(diadocModule.typeNames['diadoc.document']).toEqual({ ru: 'Другой документ', en: 'Other document' });
  });
});
