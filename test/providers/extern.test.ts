// Kontur.Extern provider against its mock, through the real core and poller (PROVIDERS.md section 2).
//
// Readings covered (each an UNCONFIRMED or inferred point of PROVIDERS.md; the switches are in test/mocks/extern-mock.ts):
// - 2.4 what the cursor names and whether fromId includes it (`nextMeans`, `inclusive`, `cursorField`):
//     (a) next-event-id = first event not yet returned, fromId inclusive ('first-unreturned', true); at the end of
//         the feed it is the next offset, an id that does not exist yet and becomes valid when that event arrives;
//     (b) next-event-id = last event returned, fromId inclusive ('last-returned', true): the last event comes again;
//     (c) next-event-id = last event returned, fromId exclusive ('last-returned', false);
//     (a') as (a), but the next offset is refused with 400 until its event exists (`futureFrom: 'reject'`);
//     (d) the older key last-event-id instead (`cursorField: 'last-event-id'`) with (b) and with (c).
//   Left out: 'first-unreturned' with an exclusive fromId, which would skip an event for the server's own SDKs.
// - 2.4 end of the feed, returned-count 0 with next-event-id echoed, null or absent (`emptyNext` 'echo' | 'null' |
//   'absent') and api-events [], null or absent (`emptyEvents` 'empty' | 'null' | 'absent'): in the reading matrix
//   every pair of the two, and each with every reading (a), (a'), (b), (c), (d).
// - 2.1 the maximum take: 25 (`maxTake`) answered with 400 (`overTake: 'reject'`) or a smaller page ('clamp').
// - 2.4 retention: `forget(n)` drops the oldest events; a fromId naming one gets 400 "fromId is not a valid event id"
//   (`forgottenFrom: 'reject'`), 404 ('not-found') or a page from the oldest event kept ('oldest'); with (a), (a'), (c).
// - 2.5 Retry-After on 429: present or absent (`throttle({ retryAfter })`, `throttleRetryAfter` for the 429 above the
//   in-flight limit, which is absent in the matrix); the error body's trace key 'trace-id' or
//   'track-id' (`traceKey`).
// - the service's clock (`server.clockOffsetMs`): 3 h behind and ahead of ours, with start "beginning" (the matrix)
//   and start "now" (below); events added later are stamped by the server's clock.
// - pages that repeat events (`duplicates`), an empty page while more exists (`emptyPagesAhead`).
import { externModule } from '../../main/core/feeds/extern/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { ConfigError, parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import {
  DEFAULT_TAKE,
  RESTART_GUARD_MS,
  START_OVERLAP_MS,
  decodeCursor,
  externProvider,
  externSettingsSchema,
  type ExternSettings,
} from '../../main/core/feeds/extern/extern-provider.ts';
import type { ExternApiEvent } from '../../main/core/feeds/extern/extern-schema.ts';
import { FeedError } from '../../main/core/model.ts';
import type { Logger } from '../../main/core/ports.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { providerContext } from '../support/provider-context.ts';
import { startExternMock, type ExternMock, type ExternMockOptions } from '../mocks/extern-mock.ts';
import { NO_RETRY } from '../support/retry.ts';
import { readingsMatrix, type ProviderUnderTest, type Reading } from '../support/readings.ts';
import { storedIds } from '../support/stored-events.ts';

const FEED = 'extern-main';
const HTTP_OPTIONS = { headersTimeoutMs: 500, bodyTimeoutMs: 500, connectTimeoutMs: 500 };

const mocks: ExternMock[] = [];
const cores: FeedbellCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop().catch(() => {});
  for (const mock of mocks.splice(0)) await mock.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function mockOf(options: ExternMockOptions = {}): Promise<ExternMock> {
  const mock = await startExternMock(options);
  mocks.push(mock);
  return mock;
}

interface Setup {
  settings?: Record<string, unknown>;
  start?: string;
  dataDir?: string;
  /** Secrets by name; `token` is the feed's main secret. Mutable: tests change them. */
  secrets?: Record<string, string | null>;
  clock?: FakeClock;
}

/** The cursor readings (a)-(d) of PROVIDERS.md 2.4 as mock switches. */
const CURSOR_READINGS: Reading<ExternMock>[] = [
  {
    name: '(a) next-event-id = first event not returned, fromId inclusive',
    apply: (m) => Object.assign(m, { nextMeans: 'first-unreturned', inclusive: true }),
  },
  {
    name: '(b) next-event-id = last event returned, fromId inclusive',
    apply: (m) => Object.assign(m, { nextMeans: 'last-returned', inclusive: true }),
  },
  {
    name: '(c) next-event-id = last event returned, fromId exclusive',
    apply: (m) => Object.assign(m, { nextMeans: 'last-returned', inclusive: false }),
  },
  {
    name: '(d) last-event-id = last event returned, fromId inclusive',
    apply: (m) => Object.assign(m, { nextMeans: 'last-returned', inclusive: true, cursorField: 'last-event-id' }),
  },
  {
    name: '(d) last-event-id = last event returned, fromId exclusive',
    apply: (m) => Object.assign(m, { nextMeans: 'last-returned', inclusive: false, cursorField: 'last-event-id' }),
  },
];
/** (a), with the next offset refused (400, like an unknown id) until its event exists: it becomes valid only later. */
const FUTURE_REFUSED: Reading<ExternMock> = {
  name: "(a') as (a), and the next offset is refused until its event exists",
  apply: (m) => {
    CURSOR_READINGS[0]!.apply(m);
    m.futureFrom = 'reject';
  },
};
const END_NEXT = ['echo', 'null', 'absent'] as const;
const END_EVENTS = ['empty', 'null', 'absent'] as const;

/** Each cursor reading with each end-of-feed next-event-id; api-events rotates so that every pair of the two occurs. */
const READINGS: Reading<ExternMock>[] = [...CURSOR_READINGS, FUTURE_REFUSED].flatMap((cursor, i) =>
  END_NEXT.map((emptyNext, j) => {
    const emptyEvents = END_EVENTS[(i + j) % END_EVENTS.length]!;
    return {
      name: `${cursor.name}; at the end next-event-id ${emptyNext}, api-events ${emptyEvents}`,
      apply: (m: ExternMock) => {
        cursor.apply(m);
        m.emptyNext = emptyNext;
        m.emptyEvents = emptyEvents;
      },
    };
  }),
);

const EXTERN_UNDER_TEST: ProviderUnderTest<ExternMock> = {
  startMock: (initial) => startExternMock({ events: initial }),
  stopMock: (mock) => mock.stop(),
  server: (mock) => mock.server,
  feed: (mock, id) => ({ id, provider: 'extern', start: 'beginning', settings: { baseUrl: mock.url, take: 10 } }),
  secrets: (mock) => ({ token: mock.token }),
  addEvents: (mock, n) => void mock.addEvents(n),
  ids: (mock) => mock.ids(),
  throttleAnswer: (mock) => mock.server.throttleAnswer(),
};

readingsMatrix('Kontur.Extern', EXTERN_UNDER_TEST, READINGS);

function coreFor(mock: ExternMock, setup: Setup = {}) {
  const secrets: Record<string, string | null> = setup.secrets ?? { token: mock.token };
  const logLines: string[] = [];
  const log: Logger = {
    info: (message, fields) => logLines.push(`${message} ${JSON.stringify(fields ?? {})}`),
    warn: (message, fields) => logLines.push(`${message} ${JSON.stringify(fields ?? {})}`),
    error: (message, fields) => logLines.push(`${message} ${JSON.stringify(fields ?? {})}`),
  };
  const clock = setup.clock ?? new FakeClock();
  const feed = parseFeedConfig(
    { id: FEED, provider: 'extern', start: setup.start ?? 'beginning', settings: { baseUrl: mock.url, ...setup.settings } },
    'test',
  );
  const core = FeedbellCore.open({
    dataDir: setup.dataDir ?? ':memory:',
    feeds: new MemoryFeedsRepository([feed]),
    settings: new MemorySettingsStore(),
    secrets: { get: async (_id, name) => secrets[name ?? 'token'] ?? null },
    clock,
    log,
    random: () => 1,
    // These tests check what one failure looks like; the in-run retries are tested with the readings.
    retryPolicy: NO_RETRY,
    httpOptions: HTTP_OPTIONS,
  });
  cores.push(core);
  return { core, clock, secrets, logLines };
}

function sorted(ids: string[]): string[] {
  return ids.toSorted((a, b) => Number(a.split('_')[1]) - Number(b.split('_')[1]));
}

async function waitFor(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs the real loop until the feed shows an error, then returns its status. */
async function failingStatus(core: FeedbellCore) {
  core.start();
  await waitFor(() => core.polling.status(FEED)!.phase === 'error', 'the feed to show an error');
  return core.polling.status(FEED)!;
}

/** Clears the failure, presses "sync now", and waits until the feed is fine again. */
async function recovers(core: FeedbellCore, mock: ExternMock): Promise<void> {
  mock.clearFailures();
  core.polling.syncNow(FEED);
  await waitFor(() => core.polling.status(FEED)!.phase === 'ok', 'the feed to recover');
  expect(core.polling.status(FEED)!.lastError).toBeNull();
  expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
}

const settings = (over: Partial<ExternSettings> = {}): ExternSettings =>
  externSettingsSchema.parse({ baseUrl: 'https://extern-api.kontur.ru', ...over });
const PROD_SETTINGS = settings();
const linkOf = (href: string | null) => externProvider.normalize(rawEvent({ 'docflow-link': { href } }), PROD_SETTINGS).link;
const occurredAtOf = (date: string) => externProvider.normalize(rawEvent({ 'event-date-time': date }), PROD_SETTINGS).occurredAt;

/** The config error a feed with these settings gets. */
function settingsError(feedSettings: Record<string, unknown>): string {
  try {
    parseFeedConfig({ id: 'x', provider: 'extern', settings: feedSettings }, 'feed');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

function rawEvent(over: Partial<ExternApiEvent> = {}): ExternApiEvent {
  return {
    id: '5_42',
    inn: '6676130154',
    kpp: '667601001',
    'docflow-type': 'urn:docflow:fns534-report',
    'docflow-id': '9a8b7c6d-1111-4222-8333-944445555666',
    'account-id': 'c0ffee00-1111-4222-8333-944445555666',
    'docflow-link': {
      href: 'https://extern-api.kontur.ru/v1/c0ffee00-1111-4222-8333-944445555666/docflows/9a8b7c6d-1111-4222-8333-944445555666',
    },
    'new-state': 'urn:transaction:acceptance-result-positive',
    'event-date-time': '2026-03-02T09:15:00Z',
    ...over,
  };
}

describe('Kontur.Extern: people’s words first (issue 10)', () => {
  it('the summary and the facts name the docflow, the organization and the state in words; the GUIDs stay in the detail', () => {
    const event = externProvider.normalize(rawEvent(), PROD_SETTINGS);
    expect(event.title.ru).toBe('Отчёт принят ФНС');
    expect(event.summary.ru).toMatch(/^Отчётность в ФНС · ИНН 6676130154, КПП 667601001 · /);
    expect(`${event.title.ru} ${event.summary.ru}`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
    const facts = externModule.facts!(event);
    expect(facts.map((f) => [f.label.ru, f.valueText?.ru ?? f.value])).toEqual([
      ['Организация', 'ИНН 6676130154, КПП 667601001'],
      ['Документооборот', 'Отчётность в ФНС'],
      ['Состояние', 'Отчёт принят ФНС'],
    ]);
    expect(externModule.typeNames[event.type]).toEqual({ ru: 'Отчётность в ФНС', en: 'Tax report (FNS)' });
    expect(externModule.typeNames['fns534-demand']!.ru).toBe('Требование ФНС');
  });
});

describe('Kontur.Extern: paging through the real core', () => {
  it('stores every event of a long feed over many pages, one request at a time, with the exact auth header', async () => {
    const mock = await mockOf({ events: 600, maxTake: 40, overTake: 'clamp' });
    const { core } = coreFor(mock);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome).toMatchObject({ inserted: 600, caughtUp: true, error: null });
    const ids = storedIds(core, FEED);
    expect(ids).toHaveLength(600);
    expect(sorted(ids)).toEqual(mock.ids());
    const requests = mock.eventRequests();
    expect(requests.length).toBe(16); // 15 full pages of 40 and the empty page that ends the sync
    expect(requests[0]!.query.get('fromId')).toBe('0_0');
    expect(requests[1]!.query.get('fromId')).toBe('3_40');
    expect(requests.at(-1)!.query.get('fromId')).toBe('3_600');
    for (const req of requests) {
      expect(req.headers['authorization']).toBe(`Bearer ${mock.token}`);
      expect(req.headers['x-kontur-apikey']).toBeUndefined();
      expect(req.headers['accept']).toBe('application/json');
    }
    expect(mock.server.peakInFlight).toBe(1);
    expect(core.polling.status(FEED)!.lastError).toBeNull();
    expect(decodeCursor(core.store.feedState(FEED)!.cursor)).toEqual({ from: '3_600' });

    // The raw event is kept as the payload; titles and summaries are readable.
    const key = core.store.findKey(FEED, '3_7')!;
    const detail = core.store.get(key)!;
    expect(detail.payload).toEqual(mock.events[6]);
    expect(detail.summary.ru).toMatch(/ИНН \d+/);
    expect(detail.summary.en).toMatch(/INN \d+/);

    // New events later: only they are read, from the stored position.
    mock.addEvents(7);
    const before = mock.eventRequests().length;
    const again = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(again).toMatchObject({ inserted: 7, caughtUp: true, error: null });
    expect(mock.eventRequests()[before]!.query.get('fromId')).toBe('3_600');
    expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
  });

  it('start "now": finds the end in pages of settings.take without storing, begins within the overlap of the service\'s newest event, then stores what is new', async () => {
    const mock = await mockOf({ events: 3000 });
    const { core } = coreFor(mock, { start: 'now' });
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    // The newest event lies within the 5 min overlap: it is stored, silently (first sync); nothing older.
    expect(outcome).toMatchObject({ inserted: 1, caughtUp: true, error: null });
    expect(storedIds(core, FEED)).toEqual(['3_3000']);
    const requests = mock.eventRequests();
    expect(requests.every((r) => r.query.get('take') === String(DEFAULT_TAKE))).toBe(true);
    // 30 full pages and the empty one that shows the end; then the first sync from the page that reaches back.
    expect(requests[31]!.query.get('fromId')).toBe('3_2900');
    expect(decodeCursor(core.store.feedState(FEED)!.cursor).from).toBe('3_3000');

    const fresh = mock.addEvents(3);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 3, error: null });
    expect(sorted(storedIds(core, FEED))).toEqual(['3_3000', ...fresh.map((e) => e.id)]);
  });

  it('start "beginning" stores everything and a date stores only what happened since', async () => {
    const mock = await mockOf({ events: 120 });
    const all = coreFor(mock, { start: 'beginning' }).core;
    await all.polling.syncAllOnce();
    expect(storedIds(all, FEED)).toHaveLength(120);

    const since = mock.times()[80]!;
    const dated = coreFor(mock, { start: new Date(since).toISOString() }).core;
    await dated.polling.syncAllOnce();
    expect(sorted(storedIds(dated, FEED))).toEqual(mock.ids().slice(80));
  });

  it('the mock enforces its take limit both ways (reject: 400 validation; clamp: smaller page)', async () => {
    const mock = await mockOf({ events: 50, maxTake: 20 });
    const headers = { authorization: `Bearer ${mock.token}` };
    const rejected = await fetch(`${mock.url}/v1/events?fromId=0_0&take=21`, { headers });
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toMatchObject({ id: 'urn:error:validation', 'status-code': 'BadRequest' });
    mock.overTake = 'clamp';
    const clamped = (await (await fetch(`${mock.url}/v1/events?fromId=0_0&take=21`, { headers })).json()) as Record<
      string,
      unknown
    >;
    expect(clamped['returned-count']).toBe(20);
  });

  for (const reading of CURSOR_READINGS) {
    it(`${reading.name} (UNCONFIRMED): each event once, no endless loop`, async () => {
      const mock = await mockOf({ events: 230, maxTake: 50, overTake: 'clamp' });
      reading.apply(mock);
      const { core } = coreFor(mock);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 230, caughtUp: true, error: null });
      expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
      // 5 pages and one that shows the end (empty, or only the repeated last event).
      expect(mock.eventRequests()).toHaveLength(6);

      const before = mock.eventRequests().length;
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
      expect(mock.eventRequests().length - before).toBe(1);

      mock.addEvents(3);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 3, caughtUp: true });
      expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
    });
  }

  for (const emptyNext of ['echo', 'null', 'absent'] as const) {
    it(`keeps its position when an empty page's next-event-id is ${emptyNext} (end of feed UNCONFIRMED)`, async () => {
      const mock = await mockOf({ events: 30 });
      mock.emptyNext = emptyNext;
      const { core } = coreFor(mock);
      await core.polling.syncAllOnce();
      await core.polling.syncAllOnce();
      expect(decodeCursor(core.store.feedState(FEED)!.cursor).from).toBe('3_30');
      mock.addEvents(2);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2, error: null });
      expect(mock.eventRequests().at(-2)!.query.get('fromId')).toBe('3_30');
    });
  }

  it('an empty page while more exists ends this sync; the next one continues without a gap', async () => {
    const mock = await mockOf({ events: 100, maxTake: 30, overTake: 'clamp' });
    const { core } = coreFor(mock);
    mock.faultAfter(1, {
      kind: 'respond',
      response: { status: 200, body: { 'next-event-id': '3_30', 'returned-count': 0, 'api-events': [] } },
    });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 30, caughtUp: true });
    mock.emptyPagesAhead = 1;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 70, caughtUp: true });
    expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
  });

  it('drops duplicates across and within pages by event id', async () => {
    const mock = await mockOf({ events: 200, maxTake: 45, overTake: 'clamp' });
    mock.duplicates = true;
    const { core } = coreFor(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 200, caughtUp: true, error: null });
    const ids = storedIds(core, FEED);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(mock.ids());
  });

  it('filters by accountId when set, any case, and still moves on past other accounts', async () => {
    const mock = await mockOf({ events: 90 });
    const account = mock.accounts[1]!;
    const { core } = coreFor(mock, { settings: { accountId: account.toUpperCase() } });
    await core.polling.syncAllOnce();
    const expected = mock.events.filter((e) => e['account-id'] === account).map((e) => e.id);
    expect(expected.length).toBeGreaterThan(10);
    expect(sorted(storedIds(core, FEED))).toEqual(expected);
    expect(decodeCursor(core.store.feedState(FEED)!.cursor).from).toBe('3_90');
  });
});

describe('Kontur.Extern: the event fromId names is judged by the store, not by its place in the page (issue 7, defect 1)', () => {
  for (const reading of [CURSOR_READINGS[0]!, FUTURE_REFUSED]) {
    for (const start of ['beginning', 'now'] as const) {
      it(`${reading.name}, start "${start}": the first event of every page and each single new event are stored`, async () => {
        const mock = await mockOf({ events: 95, maxTake: 10, overTake: 'clamp' });
        reading.apply(mock);
        const { core } = coreFor(mock, { start, settings: { take: 10 } });
        expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
        if (start === 'beginning') expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
        for (let poll = 0; poll < 3; poll++) {
          const before = mock.eventRequests().length;
          const [fresh] = mock.addEvents(1);
          expect((await core.polling.syncAllOnce()).get(FEED), `poll ${poll}`).toMatchObject({ inserted: 1, error: null });
          expect(storedIds(core, FEED)).toContain(fresh!.id);
          // Bounded: the page with the new event and the one that shows the end (plus, when the next offset is
          // refused, the one asked from the last event read).
          expect(mock.eventRequests().length - before).toBeLessThanOrEqual(3);
        }
        const before = mock.eventRequests().length;
        expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
        expect(mock.eventRequests().length - before).toBeLessThanOrEqual(2);
        expect(core.store.feedState(FEED)!.note).toBeNull();
      });
    }
  }

  it('a page that only repeats what is stored ends the sync; a server that sends no position back keeps ours', async () => {
    const mock = await mockOf({ events: 20 });
    mock.inclusive = true;
    const { core } = coreFor(mock);
    await core.polling.syncAllOnce();
    // A server that answers a known position with events but no new position: one request, nothing stored twice.
    mock.faultAfter(0, {
      kind: 'respond',
      response: { status: 200, body: { 'returned-count': 1, 'next-event-id': '3_20', 'api-events': [mock.events[19]] } },
    });
    const before = mock.eventRequests().length;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
    expect(mock.eventRequests().length - before).toBe(1);
    // A next-event-id of "0_0" after the start would read the whole feed again on every poll: it is no step forward.
    mock.faultAfter(0, {
      kind: 'respond',
      response: { status: 200, body: { 'returned-count': 0, 'next-event-id': '0_0', 'api-events': [] } },
    });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, caughtUp: true, error: null });
    expect(decodeCursor(core.store.feedState(FEED)!.cursor).from).toBe('3_20');
  });
  it('an empty page that moves the position does not end the sync early (a server that skips events not shared with us)', async () => {
    const mock = await mockOf({ events: 20 });
    const { core } = coreFor(mock);
    await core.polling.syncAllOnce();
    mock.addEvents(10);
    mock.faultAfter(0, {
      kind: 'respond',
      response: { status: 200, body: { 'returned-count': 0, 'next-event-id': '3_24', 'api-events': [] } },
    });
    const before = mock.eventRequests().length;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 6, caughtUp: true, error: null });
    expect(mock.eventRequests()[before + 1]!.query.get('fromId')).toBe('3_24');
    expect(storedIds(core, FEED)).toEqual(expect.arrayContaining(mock.ids().slice(24)));
  });
});

describe('Kontur.Extern: page size (issue 7, defect 2)', () => {
  for (const start of ['beginning', 'now'] as const) {
    it(`start "${start}": every request asks for settings.take`, async () => {
      const mock = await mockOf({ events: 120 });
      const { core } = coreFor(mock, { start, settings: { take: 30 } });
      expect((await core.polling.syncAllOnce()).get(FEED)!.error).toBeNull();
      mock.addEvents(2);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 2, error: null });
      expect(mock.eventRequests().map((r) => r.query.get('take'))).toEqual(mock.eventRequests().map(() => '30'));
    });
  }

  for (const start of ['beginning', 'now'] as const) {
    it(`a smaller maximum answered with 400 (UNCONFIRMED), start "${start}": the take is halved until accepted, and that cap is kept`, async () => {
      const mock = await mockOf({ events: 60, maxTake: 25, overTake: 'reject' });
      const { core } = coreFor(mock, { start });
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
      const takes = mock.eventRequests().map((r) => r.query.get('take'));
      expect(takes.slice(0, 3)).toEqual(['100', '50', '25']);
      expect(takes.slice(3).every((t) => t === '25')).toBe(true);
      expect(decodeCursor(core.store.feedState(FEED)!.cursor).cap).toBe(25);
      if (start === 'beginning') expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
      const before = mock.eventRequests().length;
      const fresh = mock.addEvents(30);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 30, caughtUp: true, error: null });
      expect(
        mock
          .eventRequests()
          .slice(before)
          .every((r) => r.query.get('take') === '25'),
      ).toBe(true);
      expect(storedIds(core, FEED)).toEqual(expect.arrayContaining(fresh.map((e) => e.id)));
    });
  }

  it('a smaller maximum silently clamped (UNCONFIRMED): short pages do not end the sync early', async () => {
    const mock = await mockOf({ events: 110, maxTake: 25, overTake: 'clamp' });
    const { core } = coreFor(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 110, caughtUp: true, error: null });
    expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
    expect(mock.eventRequests().map((r) => r.query.get('take'))).toEqual(Array(6).fill('100'));
  });

  it('a take refused even at 1 is an error after a bounded number of tries, and never restarts the position', async () => {
    const mock = await mockOf({ events: 40 });
    const { core } = coreFor(mock);
    await core.polling.syncAllOnce();
    mock.intercept = (req) => ({
      status: 400,
      headers: { 'x-kontur-trace-id': 'trace-take' },
      body: {
        id: 'urn:error:validation',
        'status-code': 'BadRequest',
        message: `take ${req.query.get('take')} is too large`,
        properties: {},
      },
    });
    const before = mock.eventRequests().length;
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({ kind: 'protocol' });
    expect(outcome.error!.message).toContain('take 1 is too large');
    const asked = mock.eventRequests().slice(before);
    expect(asked.map((r) => r.query.get('take'))).toEqual(['100', '50', '25', '12', '6', '3', '1']);
    expect(asked.every((r) => r.query.get('fromId') === '3_40')).toBe(true);
    expect(core.store.feedState(FEED)!.note).toBeNull();
  });
});

describe("Kontur.Extern: start points from the service's clock and position (issue 7, defect 3)", () => {
  for (const offsetMs of [-3 * 3_600_000, 3 * 3_600_000]) {
    it(`start "now", the server's clock ${offsetMs < 0 ? 'behind' : 'ahead of'} ours by 3 h: events that arrive after the start are stored, also after an interrupted first sync`, async () => {
      const mock = await mockOf({ events: 45 });
      mock.server.clockOffsetMs = offsetMs;
      const { core } = coreFor(mock, { start: 'now', clock: new FakeClock(Date.now()) });
      // The first page after the start fails: the first sync ends before it has caught up.
      let failed = false;
      mock.intercept = () => {
        if (failed || !core.store.feedState(FEED)?.started) return undefined;
        failed = true;
        return { status: 503, body: { id: 'urn:error:unavailable', message: 'Service Unavailable' } };
      };
      expect((await core.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'server' });
      const newest = Math.max(...mock.times());
      const fresh = mock.addEvents(2).map((e) => e.id);
      expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ caughtUp: true, error: null });
      expect(storedIds(core, FEED)).toEqual(expect.arrayContaining(fresh));
      // Of the history, only what lies within the overlap of the service's newest event.
      const history = new Set(mock.ids().slice(0, 45));
      const old = storedIds(core, FEED).filter((id) => history.has(id));
      expect(old.every((id) => mock.times()[mock.ids().indexOf(id)]! >= newest - START_OVERLAP_MS)).toBe(true);
      for (let poll = 0; poll < 3; poll++) {
        mock.addEvents(1);
        expect((await core.polling.syncAllOnce()).get(FEED), `poll ${poll}`).toMatchObject({ inserted: 1, error: null });
      }
    });
  }

  it('start "now" on an empty feed begins at 0_0 and stores every event that arrives, whatever the server\'s clock', async () => {
    const mock = await mockOf({ events: 0 });
    mock.server.clockOffsetMs = -3 * 3_600_000;
    const { core } = coreFor(mock, { start: 'now', clock: new FakeClock(Date.now()) });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 0, error: null });
    mock.addEvents(3);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 3, error: null });
    expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
  });

  it("a date start compares with the service's stamps less the overlap: an event stamped 3 min before the date is kept", async () => {
    const mock = await mockOf({ events: 120 });
    const date = mock.times()[80]! + 3 * 60_000;
    const { core } = coreFor(mock, { start: new Date(date).toISOString() });
    await core.polling.syncAllOnce();
    expect(sorted(storedIds(core, FEED))).toEqual(mock.ids().slice(80));
  });
});

/** The note the feed shows (null when none). */
const gapOf = (core: FeedbellCore) => core.store.feedState(FEED)!.note;

describe('Kontur.Extern: a position the server no longer knows (issue 7, defect 4)', () => {
  for (const reading of [CURSOR_READINGS[0]!, FUTURE_REFUSED, CURSOR_READINGS[2]!]) {
    for (const forgottenFrom of ['reject', 'not-found', 'oldest'] as const) {
      it(`${reading.name}; a forgotten fromId gets ${forgottenFrom} (retention UNCONFIRMED): the feed goes on with what is kept${forgottenFrom === 'oldest' ? '' : ', with a note on the gap'}`, async () => {
        const mock = await mockOf({ events: 45 });
        reading.apply(mock);
        mock.forgottenFrom = forgottenFrom;
        const { core } = coreFor(mock, { settings: { take: 10 } });
        expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 45, error: null });
        // While Feedbell was away, 10 events arrived and the server dropped everything up to the 50th.
        mock.addEvents(10);
        mock.forget(50);
        const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
        expect(outcome).toMatchObject({ inserted: 5, caughtUp: true, error: null });
        expect(sorted(storedIds(core, FEED))).toEqual([...Array.from({ length: 45 }, (_, i) => `3_${i + 1}`), ...mock.ids()]);
        if (forgottenFrom === 'oldest') expect(gapOf(core)).toBeNull();
        else {
          expect(gapOf(core)?.ru).toMatch(/возможен пропуск/);
          expect(gapOf(core)?.en).toMatch(/may have been missed/);
        }
        // And on from there, without going back to the start.
        const before = mock.eventRequests().length;
        mock.addEvents(1);
        expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 1, error: null });
        expect(
          mock
            .eventRequests()
            .slice(before)
            .some((r) => r.query.get('fromId') === '0_0'),
        ).toBe(false);
      });
    }
  }

  it('a 400 about take is not taken for a forgotten position: no restart, no note', async () => {
    const mock = await mockOf({ events: 45 });
    const { core } = coreFor(mock);
    await core.polling.syncAllOnce();
    mock.maxTake = 25;
    mock.addEvents(40);
    const before = mock.eventRequests().length;
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 40, error: null });
    expect(
      mock
        .eventRequests()
        .slice(before)
        .some((r) => r.query.get('fromId') === '0_0'),
    ).toBe(false);
    expect(gapOf(core)).toBeNull();
  });

  it('a position rejected again right after the restart is an error; later the feed restarts again and recovers', async () => {
    const mock = await mockOf({ events: 45 });
    const clock = new FakeClock();
    const { core } = coreFor(mock, { clock });
    await core.polling.syncAllOnce();
    // A server that forgets every position it hands out.
    mock.intercept = (req) =>
      req.query.get('fromId') === '0_0'
        ? undefined
        : {
            status: 400,
            body: {
              id: 'urn:error:validation',
              message: 'fromId is not a valid event id',
              properties: { fromId: req.query.get('fromId') },
            },
          };
    mock.addEvents(1);
    const outcome = (await core.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error).toMatchObject({ kind: 'protocol' });
    expect(outcome.error!.message).toContain('fromId is not a valid event id');
    expect(outcome.inserted).toBe(1);
    const restarts = () => mock.eventRequests().filter((r) => r.query.get('fromId') === '0_0').length;
    expect(restarts()).toBe(2); // the first sync, and one restart
    // Within the guard another run does not restart again.
    expect((await core.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'protocol' });
    expect(restarts()).toBe(2);
    // Later it does (the feed does not fail for ever on one bad position), and once the server behaves all is well.
    await clock.advance(RESTART_GUARD_MS);
    mock.addEvents(1);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 1, error: { kind: 'protocol' } });
    expect(restarts()).toBe(3);
    mock.intercept = null;
    mock.addEvents(1);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 1, error: null });
    expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
  });
});

describe('Kontur.Extern: restarts', () => {
  it('a restart after a failure in the middle loses and duplicates nothing, and goes on from the stored position', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'feedbell-extern-'));
    dirs.push(dataDir);
    const mock = await mockOf({ events: 300, maxTake: 30, overTake: 'clamp' });
    mock.faultAfter(4, { kind: 'reset' });
    const first = coreFor(mock, { dataDir }).core;
    const outcome = (await first.polling.syncAllOnce()).get(FEED)!;
    expect(outcome.error?.kind).toBe('network');
    expect(outcome.inserted).toBe(120);
    await first.stop();
    cores.splice(cores.indexOf(first), 1);

    const before = mock.eventRequests().length;
    const second = coreFor(mock, { dataDir }).core;
    expect((await second.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 180, caughtUp: true, error: null });
    expect(mock.eventRequests()[before]!.query.get('fromId')).toBe('3_120');
    const ids = storedIds(second, FEED);
    expect(ids).toHaveLength(300);
    expect(sorted(ids)).toEqual(mock.ids());
  });

  it('a stop while a page is in flight aborts it; the next start reads that page again, storing each event once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'feedbell-extern-'));
    dirs.push(dataDir);
    const mock = await mockOf({ events: 200, maxTake: 25, overTake: 'clamp' });
    mock.faultAfter(3, { kind: 'delay', ms: 400 });
    const first = coreFor(mock, { dataDir }).core;
    const sync = first.polling.syncAllOnce();
    await waitFor(() => mock.eventsRequests >= 4, 'the slow fourth request');
    await first.stop();
    await sync;
    cores.splice(cores.indexOf(first), 1);

    const second = coreFor(mock, { dataDir }).core;
    await second.polling.syncAllOnce();
    const ids = storedIds(second, FEED);
    expect(ids).toHaveLength(200);
    expect(sorted(ids)).toEqual(mock.ids());
    expect(second.store.feedState(FEED)!.firstSyncDone).toBe(true);
  });
});

describe('Kontur.Extern: failures give the right feed state, then recover', () => {
  it('401 (expired token): auth with a sign-in hint and the trace id; a new token and "sync now" recover', async () => {
    const mock = await mockOf({ events: 40 });
    mock.tokenExpired = true;
    const { core, secrets } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'auth' });
    expect(status.lastError!.hint).toMatch(/sign in/i);
    expect(status.lastError!.message).toContain('Access token has expired');
    expect(status.lastError!.detail).toMatch(/error urn:error:unauthorized; trace [0-9a-f]+-mock-trace/);
    // Held for the user: no automatic retries.
    const tries = mock.eventRequests().length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mock.eventRequests().length).toBe(tries);
    mock.token = 'a-renewed-token-123';
    secrets['token'] = mock.token;
    await recovers(core, mock);
  });

  it('403 (feed not enabled): forbidden with a hint about enabling the feed and sharing events', async () => {
    const mock = await mockOf({ events: 40 });
    mock.feedEnabled = false;
    mock.traceKey = 'track-id';
    const { core } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'forbidden' });
    expect(status.lastError!.hint).toContain('extern-api@skbkontur.ru');
    expect(status.lastError!.hint).toMatch(/shar/);
    expect(status.lastError!.message).toContain('not granted');
    expect(status.lastError!.detail).toContain('urn:error:forbidden');
    expect(status.lastError!.detail).toContain('properties {"resource":"events"}');
    await recovers(core, mock);
  });

  it('429 "Throttling" with Retry-After waits that long', async () => {
    const mock = await mockOf({ events: 40 });
    mock.throttle({ retryAfter: '7' });
    const { core, clock } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'rate-limit' });
    expect(status.lastError!.message).toContain('Throttling');
    expect(status.nextPollAt).toBe(clock.now() + 7_000);
    await clock.advance(7_000);
    await waitFor(() => core.polling.status(FEED)!.phase === 'ok', 'the retry after 7 s');
    expect(sorted(storedIds(core, FEED))).toEqual(mock.ids());
  });

  it('429 without Retry-After (its presence is UNCONFIRMED) backs off', async () => {
    const mock = await mockOf({ events: 40 });
    mock.throttle();
    const { core, clock } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'rate-limit' });
    expect(status.nextPollAt).toBe(clock.now() + 5_000);
    await recovers(core, mock);
  });

  for (const code of [500, 503]) {
    it(`${code}: server error with the trace id, then recovery`, async () => {
      const mock = await mockOf({ events: 40 });
      mock.failNext({ status: code, errorId: 'urn:error:internal', message: 'Something broke' });
      const { core } = coreFor(mock);
      const status = await failingStatus(core);
      expect(status.lastError).toMatchObject({ kind: 'server' });
      expect(status.lastError!.message).toContain(`HTTP ${code}`);
      expect(status.lastError!.detail).toMatch(/urn:error:internal; trace /);
      await recovers(core, mock);
    });
  }

  it('a server that never answers: network timeout, then recovery', async () => {
    const mock = await mockOf({ events: 40 });
    mock.inject({ kind: 'hang' });
    const { core } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'network' });
    expect(status.lastError!.message).toMatch(/in time/);
    await recovers(core, mock);
  });

  it('a slow answer within the timeout is fine', async () => {
    const mock = await mockOf({ events: 40 });
    mock.delayMs = 150;
    const { core } = coreFor(mock);
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 40, error: null });
  });

  it('a connection reset: network error, then recovery', async () => {
    const mock = await mockOf({ events: 40 });
    mock.inject({ kind: 'reset' });
    const { core } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'network' });
    await recovers(core, mock);
  });

  it('malformed JSON: protocol error, cursor unchanged, then recovery', async () => {
    const mock = await mockOf({ events: 40 });
    mock.inject({ kind: 'malformed' });
    const { core } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'protocol' });
    expect(status.lastError!.message).toMatch(/not valid JSON/);
    await recovers(core, mock);
  });

  it('a truncated body: network error, then recovery', async () => {
    const mock = await mockOf({ events: 40 });
    mock.inject({ kind: 'truncate' });
    const { core } = coreFor(mock);
    const status = await failingStatus(core);
    expect(status.lastError).toMatchObject({ kind: 'network' });
    await recovers(core, mock);
  });

  const impossible: [string, unknown][] = [
    [
      'an event without id',
      { 'next-event-id': '3_1', 'returned-count': 1, 'api-events': [{ 'event-date-time': '2026-01-01T00:00:00Z' }] },
    ],
    ['a date that is not a date', { 'next-event-id': '3_1', 'api-events': [{ id: '3_1', 'event-date-time': 'yesterday' }] }],
    ['api-events of the wrong type', { 'next-event-id': '3_1', 'returned-count': 1, 'api-events': 'none' }],
    ['no api-events and no count', { 'next-event-id': '3_1' }],
    ['events but no next-event-id', { 'api-events': [{ id: '3_1', 'event-date-time': '2026-01-01T00:00:00Z' }] }],
  ];
  for (const [what, body] of impossible) {
    it(`an impossible page (${what}) is a protocol error that keeps the trace id`, async () => {
      const mock = await mockOf({ events: 10 });
      mock.faultAfter(0, {
        kind: 'respond',
        response: { status: 200, headers: { 'x-kontur-trace-id': 'trace-impossible' }, body },
      });
      const { core } = coreFor(mock);
      const status = await failingStatus(core);
      expect(status.lastError).toMatchObject({ kind: 'protocol', detail: 'trace trace-impossible' });
      expect(core.store.feedState(FEED)!.cursor).toBe('{"from":"0_0"}');
      await recovers(core, mock);
    });
  }

  it('an unknown field, state and docflow type are normal (extra fields pass, nothing throws)', async () => {
    const mock = await mockOf({ events: 200 });
    const { core } = coreFor(mock);
    await core.polling.syncAllOnce();
    const unknownState = mock.events.find((e) => e['new-state'] === 'urn:transaction:urn-from-the-future')!;
    const unknownType = mock.events.find((e) => e['docflow-type'] === 'urn:docflow:fns534-future-registry')!;
    const a = core.store.get(core.store.findKey(FEED, unknownState.id)!)!;
    expect(a.title).toEqual({
      ru: 'Новый статус документооборота: urn:transaction:urn-from-the-future',
      en: 'Docflow status changed: urn:transaction:urn-from-the-future',
    });
    const b = core.store.get(core.store.findKey(FEED, unknownType.id)!)!;
    expect(b.type).toBe('fns534-future-registry');
    expect(b.summary.ru).toContain('Документооборот urn:docflow:fns534-future-registry');
    expect(b.payload).toMatchObject({ 'publisher-id': expect.any(String) });
  });
});

describe('Kontur.Extern: authentication and secrets', () => {
  it('legacy auth.sid sends "auth.sid <sid>" and X-Kontur-Apikey exactly', async () => {
    const mock = await mockOf({ events: 20 });
    const { core } = coreFor(mock, { settings: { auth: 'sid' }, secrets: { token: mock.sid, apikey: mock.apiKey } });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 20, error: null });
    for (const req of mock.eventRequests()) {
      expect(req.headers['authorization']).toBe(`auth.sid ${mock.sid}`);
      expect(req.headers['x-kontur-apikey']).toBe(mock.apiKey);
    }
  });

  it('Bearer also sends the optional api key; a pasted "Bearer " prefix is not doubled', async () => {
    const mock = await mockOf({ events: 20 });
    const { core } = coreFor(mock, { secrets: { token: `Bearer ${mock.token}\n`, apikey: mock.apiKey } });
    expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ inserted: 20, error: null });
    expect(mock.eventRequests()[0]!.headers['authorization']).toBe(`Bearer ${mock.token}`);
    expect(mock.eventRequests()[0]!.headers['x-kontur-apikey']).toBe(mock.apiKey);
  });

  it('auth.sid without the api key is a config error that sends nothing; no token at all is an auth error', async () => {
    const mock = await mockOf({ events: 5 });
    const sid = coreFor(mock, { settings: { auth: 'sid' }, secrets: { token: mock.sid } }).core;
    expect((await sid.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'config' });
    expect(mock.eventRequests()).toHaveLength(0);
    const none = coreFor(mock, { secrets: {} }).core;
    expect((await none.polling.syncAllOnce()).get(FEED)!.error).toMatchObject({ kind: 'auth' });
  });

  it('the secret never appears in an error, the stored lastError or a log line, even when the server echoes it', async () => {
    const mock = await mockOf({ events: 10 });
    mock.echoCredentials = true;
    const wrongToken = 'wrong-but-secret-token-d41d8cd98f';
    const apiKey = 'secret-api-key-0f8fad5b-d9cb-469f';
    const { core, logLines } = coreFor(mock, { secrets: { token: wrongToken, apikey: apiKey } });
    const error = (await core.polling.syncAllOnce()).get(FEED)!.error!;
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('***'); // the echo was there, and was blanked out
    const sid = coreFor(mock, { settings: { auth: 'sid' }, secrets: { token: `auth.sid ${wrongToken}`, apikey: apiKey } });
    const sidError = (await sid.core.polling.syncAllOnce()).get(FEED)!.error!;
    const direct = await externProvider.check!(
      providerContext(settings({ baseUrl: mock.url }), { secret: wrongToken, secrets: { apikey: apiKey } }),
    ).catch((err: unknown) => err as FeedError);
    const texts = [
      error.message,
      error.detail,
      error.hint,
      sidError.message,
      sidError.detail,
      JSON.stringify(core.polling.status(FEED)),
      JSON.stringify(sid.core.polling.status(FEED)),
      JSON.stringify(core.store.feedState(FEED)),
      ...logLines,
      ...sid.logLines,
      direct instanceof FeedError ? `${direct.message} ${direct.detail} ${direct.hint} ${String(direct.stack)}` : 'no error?',
    ].join('\n');
    expect(direct).toBeInstanceOf(FeedError);
    expect(texts).not.toContain(wrongToken);
    expect(texts).not.toContain(apiKey);
  });
});

describe('Kontur.Extern: concurrency', () => {
  it('the mock answers 429 "Throttling" above 20 requests in flight; the provider never has two in flight', async () => {
    const mock = await mockOf({ events: 10 });
    mock.delayMs = 200;
    const headers = { authorization: `Bearer ${mock.token}` };
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => fetch(`${mock.url}/v1/events?fromId=0_0&take=5`, { headers })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const throttled = answers.find((r) => r.status === 429)!;
    expect(throttled.headers.get('x-kontur-trace-id')).toBeTruthy();
    expect(await throttled.json()).toMatchObject({ id: 'urn:error:throttling', message: 'Throttling' });

    const other = await mockOf({ events: 300, maxTake: 20, overTake: 'clamp' });
    other.delayMs = 2;
    const { core } = coreFor(other);
    core.start();
    core.polling.syncNow(FEED);
    core.polling.syncNow(FEED);
    await waitFor(() => core.polling.status(FEED)!.phase === 'ok', 'first sync');
    // The feed's pages one at a time; the queue's docflow lookups (the sample history has demands) may run beside
    // them, within the provider's limit per origin, and nothing is throttled.
    expect(other.peakEventsInFlight).toBe(1);
    expect(other.server.peakInFlight).toBeLessThanOrEqual(2);
    expect(other.server.throttled).toBe(0);
  });
});

describe('Kontur.Extern: texts, links and dates (normalize)', () => {
  const s = settings();
  const title = (state: string, docflow = 'urn:docflow:fns534-report') =>
    externProvider.normalize(rawEvent({ 'new-state': `urn:transaction:${state}`, 'docflow-type': docflow }), s).title;

  it('names report states in Russian and English, with the authority of the docflow type', () => {
    expect(title('acceptance-result-positive')).toEqual({ ru: 'Отчёт принят ФНС', en: 'Report accepted by the tax service' });
    expect(title('acceptance-result-negative')).toEqual({ ru: 'Отчёт не принят ФНС', en: 'Report rejected by the tax service' });
    expect(title('report-receipt')).toEqual({ ru: 'Отчёт получен ФНС', en: 'Report received by the tax service' });
    expect(title('report')).toEqual({ ru: 'Отчёт отправлен', en: 'Report sent' });
    expect(title('processing-result-ok')).toEqual({ ru: 'Отчёт обработан ФНС', en: 'Report processed by the tax service' });
    expect(title('acceptance-result-positive', 'urn:docflow:sfr-report').ru).toBe('Отчёт принят СФР');
    expect(title('protocol-v2-success', 'urn:docflow:stat-report')).toEqual({
      ru: 'Отчёт принят Росстатом',
      en: 'Report accepted by Rosstat',
    });
    expect(title('protocol-negative', 'urn:docflow:pfr-report').ru).toBe('Отчёт не принят ПФР');
    expect(title('acceptance-result-positive', 'urn:docflow:fns534-ion').ru).toBe('Запрос ИОН принят инспекцией');
  });

  it('names demand and letter states', () => {
    expect(title('document', 'urn:docflow:fns534-demand')).toEqual({ ru: 'Требование ФНС', en: 'Demand from the tax service' });
    expect(title('receipt-abonent', 'urn:docflow:fns534-demand')).toEqual({ ru: 'Требование прочитано', en: 'Demand read' });
    expect(title('cu-letter', 'urn:docflow:fns534-cu-letter')).toEqual({
      ru: 'Письмо из ФНС',
      en: 'Letter from the tax service',
    });
    expect(title('letter-cu', 'urn:docflow:stat-cu-letter').ru).toBe('Письмо из Росстата');
  });

  it('every state and docflow type in the mock data has its own words, except the deliberately unknown ones', async () => {
    const mock = await mockOf({ events: 600 });
    const deliberate = new Set([
      'urn:transaction:urn-from-the-future',
      'urn:transaction:quantum-receipt',
      'urn:docflow:fns534-future-registry',
    ]);
    let unknown = 0;
    for (const raw of mock.events) {
      const event = externProvider.normalize(raw as unknown as ExternApiEvent, PROD_SETTINGS);
      const texts = `${event.title.ru} ${event.title.en} ${event.summary.ru} ${event.summary.en}`;
      if (deliberate.has(String(raw['new-state'])) || deliberate.has(String(raw['docflow-type']))) {
        unknown++;
        expect(texts).toContain('urn:');
      } else {
        expect(texts).not.toContain('urn:');
      }
    }
    expect(unknown).toBeGreaterThan(5);
  });

  it('reads a bare event id as a cursor too, and reports an unreadable stored cursor', () => {
    expect(decodeCursor('3_5')).toEqual({ from: '3_5' });
    expect(decodeCursor(null)).toEqual({ from: '0_0' });
    // A position stored by an older version (with its big-page flag) is still read.
    expect(decodeCursor('{"from":"3_7","bulk":true,"cap":100}')).toEqual({ from: '3_7', cap: 100 });
    expect(() => decodeCursor('{"from": 5}')).toThrow(FeedError);
  });

  it('summaries name the docflow type, INN/KPP and the date in both languages', () => {
    const summary = (docflow: string) => externProvider.normalize(rawEvent({ 'docflow-type': docflow }), s).summary;
    expect(summary('urn:docflow:fns534-report')).toEqual({
      ru: 'Отчётность в ФНС · ИНН 6676130154, КПП 667601001 · 02.03.2026',
      en: 'Tax report (FNS) · INN 6676130154, KPP 667601001 · 02.03.2026',
    });
    expect(summary('urn:docflow:fns534-demand').ru).toMatch(/^Требование ФНС · /);
    expect(summary('urn:docflow:sfr-report').ru).toMatch(/^Отчётность в СФР · /);
    expect(summary('urn:docflow:pfr-report').ru).toMatch(/^Отчётность в ПФР · /);
    expect(summary('urn:docflow:stat-report').ru).toMatch(/^Отчётность в Росстат · /);
    expect(summary('urn:docflow:fns534-letter').en).toMatch(/^Letter to the tax service · /);
    const noKpp = externProvider.normalize(rawEvent({ inn: '667012345678', kpp: null }), s).summary;
    expect(noKpp.ru).toBe('Отчётность в ФНС · ИНН 667012345678 · 02.03.2026');
  });

  it('unknown or missing states and docflow types are shown raw or generically, never thrown', () => {
    const odd = externProvider.normalize(rawEvent({ 'new-state': 'something-new', 'docflow-type': 'urn:docflow:brand-new' }), s);
    expect(odd.title).toEqual({
      ru: 'Новый статус документооборота: something-new',
      en: 'Docflow status changed: something-new',
    });
    expect(odd.summary.en).toMatch(/^Docflow urn:docflow:brand-new · /);
    expect(odd.type).toBe('brand-new');
    const bare = externProvider.normalize({ id: '1_1', 'event-date-time': '2026-01-01T00:00:00Z' }, s);
    expect(bare).toMatchObject({
      id: '1_1',
      type: 'docflow',
      link: null,
      title: { ru: 'Изменение в документообороте', en: 'Docflow changed' },
    });
  });

  it('links only to https Kontur addresses', () => {
    const link = linkOf;
    expect(link('https://extern-api.kontur.ru/v1/a/docflows/b')).toBe('https://extern-api.kontur.ru/v1/a/docflows/b');
    expect(link('https://extern.testkontur.ru/x')).toBe('https://extern.testkontur.ru/x');
    expect(link('http://extern-api.kontur.ru/v1/a')).toBeNull();
    expect(link('https://kontur.ru.evil.example/v1/a')).toBeNull();
    expect(link('https://evilkontur.ru/a')).toBeNull();
    expect(link('javascript:alert(1)')).toBeNull();
    expect(link('not a url')).toBeNull();
    expect(link(null)).toBeNull();
  });

  it('reads .NET dates with 7 fractional digits and offsets; a date without an offset is UTC (UNCONFIRMED)', () => {
    const at = occurredAtOf;
    expect(at('2026-03-02T14:15:00.1234567+05:00')).toBe(Date.UTC(2026, 2, 2, 9, 15, 0, 123));
    expect(at('2026-03-02T09:15:00')).toBe(Date.UTC(2026, 2, 2, 9, 15));
    expect(at('2026-03-02T09:15:00Z')).toBe(Date.UTC(2026, 2, 2, 9, 15));
  });
});

describe('Kontur.Extern: settings and check', () => {
  it('fills defaults and explains bad values', () => {
    expect(parseFeedConfig({ id: 'x', provider: 'extern' }, 'feed').settings).toEqual({
      baseUrl: 'https://extern-api.kontur.ru',
      auth: 'bearer',
      take: 100,
    });
    const bad = settingsError;
    expect(bad({ baseUrl: 'ftp://x' })).toMatch(
      /settings\.baseUrl: Адрес API \(baseUrl\): нужен адрес вида https:\/\/.* \/ API address \(baseUrl\): needs an address like/,
    );
    expect(bad({ auth: 'basic' })).toMatch(/settings\.auth: must be "bearer", "oidc" or "sid"/);
    expect(bad({ auth: 'oidc' })).toMatch(/settings\.clientId: is required when auth is "oidc"/);
    expect(bad({ take: 5000 })).toMatch(/settings\.take: must be at most 1000/);
    expect(bad({ take: 0 })).toMatch(/settings\.take: must be at least 1/);
    expect(bad({ accountId: 'not-a-guid' })).toMatch(/settings\.accountId: must be a GUID/);
    expect(bad({ token: 'secret' })).toMatch(/settings: .*token/i);
    expect(
      parseFeedConfig({ id: 'x', provider: 'extern', settings: { accountId: 'C0FFEE00-1111-4222-8333-944445555666' } }, 'f')
        .settings,
    ).toMatchObject({ accountId: 'C0FFEE00-1111-4222-8333-944445555666' });
  });

  it('check() makes one cheap authenticated request and throws the mapped error', async () => {
    const mock = await mockOf({ events: 10 });
    const s = settings({ baseUrl: mock.url });
    await externProvider.check!(providerContext(s, { secret: mock.token }));
    expect(mock.eventRequests().at(-1)!.query.get('take')).toBe('1');
    mock.feedEnabled = false;
    await expect(externProvider.check!(providerContext(s, { secret: mock.token }))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(externProvider.check!(providerContext(s, { secret: 'nope' }))).rejects.toMatchObject({ kind: 'auth' });
  });

  it('the mock also serves share-events (400 on empty or unknown subscriber), event publishers (invented shape) and a token endpoint', async () => {
    const mock = await mockOf({ events: 1 });
    const headers = { authorization: `Bearer ${mock.token}`, 'content-type': 'application/json' };
    const share = (subscriber: string) =>
      fetch(`${mock.url}/v1/${mock.accounts[0]}/share-events`, { method: 'POST', headers, body: JSON.stringify({ subscriber }) });
    expect((await share('')).status).toBe(400);
    expect((await share('stranger')).status).toBe(400);
    expect((await share('feedbell')).status).toBe(200);
    const list = (await (await fetch(`${mock.url}/v1/event-publishers`, { headers })).json()) as { publishers: { id: string }[] };
    expect(list.publishers).toHaveLength(1);
    expect((await fetch(`${mock.url}/v1/event-publishers/${list.publishers[0]!.id}`, { method: 'DELETE', headers })).status).toBe(
      204,
    );
    const basic = Buffer.from(`${mock.clientId}:${mock.apiKey}`).toString('base64');
    const token = await fetch(`${mock.url}/connect/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=extern.api',
    });
    expect(await token.json()).toMatchObject({ access_token: mock.token, expires_in: 3600 });
  });
});
