// Kontur.Extern demands in «Требует действия» (issue 11), against the mock through the real core and poller: the
// stored events are folded by the module's tracker, open demands are looked up the way the core's ActionService does
// (once per revision of their events; a failed lookup keeps the computed deadlines and is asked again later), and the
// items are checked under every reading of test/mocks/extern-demands.ts: the full sync, the steady state (one new
// event per poll) and a restart in the middle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubjectState, TrackedEvent } from '../../main/core/actions/action-tracker.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { externModule } from '../../main/core/feeds/extern/index.ts';
import { externSettingsSchema } from '../../main/core/feeds/extern/extern-provider.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { providerContext } from '../support/provider-context.ts';
import { NO_RETRY } from '../support/retry.ts';
import { DEFAULT_READINGS, type DemandReadings, type MockDemand } from '../mocks/extern-demands.ts';
import { startExternMock, type ExternMock } from '../mocks/extern-mock.ts';
import { storedEvents } from '../support/stored-events.ts';

const FEED = 'extern-demands';
const tracker = externModule.actions!;
const HOUR = 3_600_000;
/** Fri 6 March 2026, 10:00 in Moscow: the weekend and the 9 March holiday (8 March moved) come next. */
const ARRIVAL = Date.UTC(2026, 2, 6, 7, 0);

const mocks: ExternMock[] = [];
const cores: FeedbellCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop().catch(() => {});
  for (const mock of mocks.splice(0)) await mock.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Each value of each switch at least once; the first is the docs' reading. */
const READINGS: [string, Partial<DemandReadings>][] = [
  ['deadlines on the description, plain dates, status URNs, the docs\u2019 «receiption»', {}],
  [
    'no deadline fields (computed), bare statuses, «reception»',
    { deadlines: 'absent', status: 'bare', receiptState: 'reception' },
  ],
  [
    'deadlines only on the attachments, date-times without a zone, «receipt»',
    { deadlines: 'attachment', dates: 'datetime', receiptState: 'receipt' },
  ],
  [
    'date-times with a zone, prefixed new-state, SEDO-ish SFR states, foreign web link, braced reply links',
    { dates: 'datetime-zone', receiptState: 'prefixed', sfrStates: 'sedo', webLink: 'foreign', replyLink: 'braced' },
  ],
  ['the events link to the production host (the URL is built), no web link', { eventLink: 'production', webLink: 'absent' }],
  ['the events carry no docflow link', { eventLink: 'absent' }],
  ['the docflow route answers 404 (computed deadlines)', { answer: 'not-found' }],
  ['the docflow route sends something that is no docflow (computed deadlines)', { answer: 'malformed' }],
];

/** What the core's ActionService keeps per subject: the state and the lookup's answer (stored as JSON). */
type Kept = Map<string, { looked: Record<string, unknown> | null }>;

async function openCore(mock: ExternMock, dataDir = ':memory:', now?: number) {
  const feed = parseFeedConfig(
    { id: FEED, provider: 'extern', start: 'beginning', settings: { baseUrl: mock.url, take: 3 } },
    'test',
  );
  const core = FeedbellCore.open({
    dataDir,
    feeds: new MemoryFeedsRepository([feed]),
    settings: new MemorySettingsStore(),
    secrets: { get: async (_id, name) => (name === undefined || name === 'token' ? mock.token : null) },
    clock: new FakeClock(now),
    random: () => 1,
    retryPolicy: NO_RETRY,
    httpOptions: { headersTimeoutMs: 1000, bodyTimeoutMs: 1000, connectTimeoutMs: 1000 },
  });
  cores.push(core);
  return core;
}

function trackedEvents(core: FeedbellCore): TrackedEvent[] {
  return storedEvents(core, FEED)
    .map((e) => e.key)
    .toSorted((a, b) => a - b)
    .map((key) => core.store.get(key)!)
    .map((e) => ({
      key: e.key,
      feedId: e.feedId,
      id: e.id,
      type: e.type,
      occurredAt: e.occurredAt,
      link: e.link,
      payload: e.payload,
    }));
}

/** Folds every stored event from scratch (as a resync does), looks up what needs it, and folds again with the answers. */
async function items(core: FeedbellCore, mock: ExternMock, kept: Kept): Promise<Map<string, SubjectState>> {
  const settings = externSettingsSchema.parse({ baseUrl: mock.url, take: 3 });
  const fold = () => {
    const states = new Map<string, SubjectState | null>();
    for (const event of trackedEvents(core)) {
      const subject = tracker.subjectOf(event);
      if (!subject) continue;
      const state = tracker.fold(states.get(subject) ?? null, event, { settings, looked: kept.get(subject)?.looked ?? null });
      states.set(subject, state);
    }
    return new Map([...states].filter((e): e is [string, SubjectState] => e[1] !== null));
  };
  const states = fold();
  for (const [subject, state] of states) {
    const looked = kept.get(subject)?.looked ?? null;
    if (!tracker.needsLookup!(state, looked)) continue;
    try {
      const answer = await tracker.lookup!(providerContext(settings, { secret: mock.token, feedId: FEED }), state);
      kept.set(subject, { looked: JSON.parse(JSON.stringify(answer)) as Record<string, unknown> });
    } catch {
      // kept as it was: asked again on the next sync
    }
  }
  return fold();
}

const sync = async (core: FeedbellCore) => (await core.polling.syncAllOnce()).get(FEED);

interface Scenario {
  fns: MockDemand;
  sfr: MockDemand;
  request: MockDemand;
  /** The remaining steps, each adding its events to the feed. */
  steps: (() => void)[];
}

function scenario(mock: ExternMock): Scenario {
  const d = mock.demands;
  const account = mock.accounts[0]!;
  const fns = d.arrive('fns', ARRIVAL, account, 0);
  const sfr = d.arrive('sfr', ARRIVAL + HOUR, account, 1);
  const request = d.arrive('sfr-request', ARRIVAL + 2 * HOUR, account, 2);
  // Receipts go out on Tue 10 March; the опись on 12 March is not accepted, the second one on 13 March is.
  const tue = Date.UTC(2026, 2, 10, 8, 0);
  const steps = [
    () => d.acknowledge(fns, ARRIVAL + 3 * HOUR),
    () => d.receipt(fns, tue),
    () => d.receipt(sfr, tue + HOUR),
    () => void d.reply(fns, Date.UTC(2026, 2, 12, 8), 'rejected'),
    () => void d.reply(fns, Date.UTC(2026, 2, 13, 8), 'accepted'),
    () => void d.reply(sfr, Date.UTC(2026, 2, 13, 9), 'accepted'),
    () => void d.reply(request, Date.UTC(2026, 2, 13, 10), 'sent'),
  ];
  return { fns, sfr, request, steps };
}

const served = (r: DemandReadings) => r.answer === 'ok';

function expectArrived(states: Map<string, SubjectState>, s: Scenario, r: DemandReadings): void {
  const fns = states.get(s.fns.id)!;
  expect(fns.step).toBe('receipt');
  expect(fns.action?.ru).toBe('Отправить квитанцию о приёме');
  expect(fns.organisation).toBe(`ИНН ${s.fns.org.inn}, КПП ${s.fns.org.kpp}`);
  // Served deadlines win; else 6 working days after Fri 6 March: the weekend and Mon 9 March (holiday) skipped.
  const fromService = served(r) && r.deadlines !== 'absent';
  expect(fns.deadline).toEqual(
    fromService ? { date: s.fns.receiptDeadline, source: 'service' } : { date: '2026-03-17', source: 'computed' },
  );
  // The reply while the receipt is due: from the arrival (the earliest its term can start), 5 working days.
  expect(fns.nextDeadline).toEqual(
    fromService ? { date: s.fns.replyDeadline, source: 'service' } : { date: '2026-03-16', source: 'computed' },
  );
  expect(fns.title.ru).toBe(served(r) ? `Требование ФНС № ${s.fns.number} от 06.03.2026` : 'Требование ФНС от 06.03.2026');
  const link = served(r) && r.webLink === 'kontur';
  expect(fns.link).toEqual(link ? expect.stringMatching(/^https:\/\/setter\.testkontur\.ru\//) : null);

  const sfr = states.get(s.sfr.id)!;
  expect(sfr.step).toBe('receipt');
  expect(sfr.action?.ru).toBe('Отправить извещение о прочтении');
  expect(sfr.deadline?.source).toBe(served(r) && r.deadlines === 'description' ? 'service' : 'computed');
  expect(sfr.title.ru).toBe('Требование СФР от 06.03.2026');

  const request = states.get(s.request.id)!;
  expect(request.step).toBe('reply');
  expect(request.action?.ru).toBe('Ответить на запрос');
  expect(request.deadline).toEqual(
    served(r) && r.deadlines !== 'absent'
      ? { date: s.request.replyDeadline, source: 'service' }
      : { date: '2026-03-16', source: 'computed' },
  );
}

function expectFinished(states: Map<string, SubjectState>, s: Scenario, r: DemandReadings): void {
  expect(states.get(s.fns.id)!.step).toBeNull();
  expect(states.get(s.fns.id)!.closedAt).toBe(Date.UTC(2026, 2, 13, 9));
  expect(states.get(s.sfr.id)!.step).toBeNull();
  const request = states.get(s.request.id)!;
  if (served(r)) {
    // SFR says only that the reply went out (reply-date): nothing more to wait for.
    expect(request.step).toBeNull();
  } else {
    expect(request.step).toBe('reply');
    expect(request.action?.ru).toBe('Ответ отправлен: дождаться, что его примут');
    expect(request.deadline).toBeNull();
  }
  // One item per demand, however many docflows and events: the опись's events joined their demand.
  expect([...states.keys()].toSorted()).toEqual([s.fns.id, s.sfr.id, s.request.id].toSorted());
}

describe.each(READINGS)('Extern demands: %s', (_name, over) => {
  const readings: DemandReadings = { ...DEFAULT_READINGS, ...over };

  async function mockWith() {
    const mock = await startExternMock({ events: 0 });
    mocks.push(mock);
    mock.demands.readings = readings;
    return mock;
  }

  it('the full sync: every step at once gives the closed items', async () => {
    const mock = await mockWith();
    const s = scenario(mock);
    const kept: Kept = new Map();
    const core = await openCore(mock);
    expect((await sync(core))?.error).toBeNull();
    expectArrived(await items(core, mock, new Map()), s, readings);
    for (const step of s.steps) step();
    expect((await sync(core))?.error).toBeNull();
    expectFinished(await items(core, mock, kept), s, readings);
  });

  it('the steady state: one new event per poll moves the items step by step', async () => {
    const mock = await mockWith();
    const s = scenario(mock);
    const kept: Kept = new Map();
    const core = await openCore(mock);
    await sync(core);
    expectArrived(await items(core, mock, kept), s, readings);
    const seen: string[] = [];
    for (const step of s.steps) {
      step();
      await sync(core);
      const states = await items(core, mock, kept);
      const fns = states.get(s.fns.id)!;
      seen.push(`${fns.step}:${fns.action?.ru ?? ''}:${fns.deadline?.source ?? ''}`);
    }
    const replySource = served(readings) && readings.deadlines !== 'absent' ? 'service' : 'computed';
    expect(seen).toEqual([
      `receipt:Отправить квитанцию о приёме:${served(readings) && readings.deadlines !== 'absent' ? 'service' : 'computed'}`,
      `reply:Ответить на требование:${replySource}`,
      `reply:Ответить на требование:${replySource}`,
      // The опись was not accepted: it must be answered again, with the same deadline.
      `reply:Ответить на требование:${replySource}`,
      'null::',
      'null::',
      'null::',
    ]);
    expectFinished(await items(core, mock, kept), s, readings);
  });

  it('a restart in the middle: the same items, no lookup lost or repeated for the same events', async () => {
    const mock = await mockWith();
    const s = scenario(mock);
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-demands-'));
    dirs.push(dir);
    const kept: Kept = new Map();
    let core = await openCore(mock, dir);
    for (const step of s.steps.slice(0, 3)) step();
    await sync(core);
    const before = await items(core, mock, kept);
    expect(before.get(s.fns.id)!.step).toBe('reply');
    await core.stop();
    const asked = mock.demands.lookups;
    core = await openCore(mock, dir);
    // Nothing new: the stored answers stand, the service is not asked again.
    const again = await items(
      core,
      mock,
      new Map(JSON.parse(JSON.stringify([...kept])) as [string, { looked: Record<string, unknown> | null }][]),
    );
    expect(again).toEqual(before);
    if (served(readings)) expect(mock.demands.lookups).toBe(asked);
    for (const step of s.steps.slice(3)) step();
    await sync(core);
    expectFinished(await items(core, mock, kept), s, readings);
  });
});

// Through the core's ActionService: it folds pages as they are stored and asks the tracker's `lookup` with the
// poller's context. First where the docflow cannot be read (every term computed), then where it can.
describe('Extern demands through the core’s ActionService (computed terms)', () => {
  const readings: DemandReadings = { ...DEFAULT_READINGS, deadlines: 'absent', answer: 'not-found' };

  async function setup() {
    const mock = await startExternMock({ events: 4 });
    mocks.push(mock);
    mock.demands.readings = readings;
    return mock;
  }

  it('opens, counts working days across the weekend and the 9 March holiday, closes, and survives a restart and a resync', async () => {
    const mock = await setup();
    const s = scenario(mock);
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-demands-core-'));
    dirs.push(dir);
    // Mon 16 March 2026, noon in Moscow.
    let core = await openCore(mock, dir, Date.UTC(2026, 2, 16, 9));
    await sync(core);
    await core.actions.idle();
    const fns = () =>
      core.actions.list({ includeClosed: true }).items.find((i) => i.title.ru === 'Требование ФНС от 06.03.2026')!;
    expect(fns()).toMatchObject({
      step: 'receipt',
      organisation: `ИНН ${s.fns.org.inn}, КПП ${s.fns.org.kpp}`,
      action: { ru: 'Отправить квитанцию о приёме' },
      deadline: { date: '2026-03-17', source: 'computed' },
      // Mon 16 and Tue 17 March.
      workingDaysLeft: 2,
      overdue: false,
      link: null,
      state: 'open',
    });
    for (const step of s.steps.slice(0, 3)) step();
    await sync(core);
    await core.actions.idle();
    // The receipt went out on Tue 10 March: the reply 5 working days on, Tue 17 March.
    expect(fns()).toMatchObject({ step: 'reply', deadline: { date: '2026-03-17', source: 'computed' }, state: 'open' });

    await core.stop();
    core = await openCore(mock, dir, Date.UTC(2026, 2, 16, 9));
    const afterRestart = core.actions.list({ includeClosed: true });
    await core.actions.replay(FEED);
    expect(core.actions.list({ includeClosed: true })).toEqual(afterRestart);
    for (const step of s.steps.slice(3)) step();
    await sync(core);
    await core.actions.idle();
    expect(fns()).toMatchObject({ state: 'closed', closedAt: Date.UTC(2026, 2, 13, 9) });
    // One item per demand after all of it: the опись's events joined their demand.
    const titles = core.actions.list({ includeClosed: true }).items.map((i) => i.title.ru);
    expect(titles.filter((t) => t.endsWith('от 06.03.2026')).toSorted()).toEqual([
      'Запрос СФР от 06.03.2026',
      'Требование СФР от 06.03.2026',
      'Требование ФНС от 06.03.2026',
    ]);
  });
});

describe('the Extern mock’s sample demands (npm run mock, the window’s e2e specs)', () => {
  it('gives open items, one overdue, one answered, and one done', async () => {
    const mock = await startExternMock({ events: 5 });
    mocks.push(mock);
    const now = Date.now();
    const [fresh, answering, overdue, sfr, done] = mock.demands.sample(now, mock.accounts[0]!);
    const core = await openCore(mock, ':memory:', now);
    await sync(core);
    const states = await items(core, mock, new Map());
    const today = new Date(now).toISOString().slice(0, 10);
    expect(states.get(fresh!.id)!.step).toBe('receipt');
    expect(states.get(answering!.id)!.step).toBe('reply');
    expect(states.get(overdue!.id)!.deadline!.date < today).toBe(true);
    expect(states.get(sfr!.id)!.action?.ru).toBe('Отправить извещение о прочтении');
    expect(states.get(done!.id)!.step).toBeNull();
  });
});

describe('what the mock’s other readings show', () => {
  it('the sample history’s own demands settle once their docflows are read', async () => {
    const mock = await startExternMock({ events: 120 });
    mocks.push(mock);
    const generated = new Set(
      mock.events.filter((e) => e['docflow-type'] === 'urn:docflow:fns534-demand').map((e) => e['docflow-id']),
    );
    expect(generated.size).toBeGreaterThan(3);
    const core = await openCore(mock);
    await sync(core);
    const states = await items(core, mock, new Map());
    expect(states.size).toBe(generated.size);
    expect([...states.values()].filter((state) => state.step !== null)).toEqual([]);
  });

  it('a reply whose events do not name the demand leaves it at «answer»: the person marks it done', async () => {
    // Feedbell learns of the опись only from its own events; the demand docflow gets no new event when the опись is
    // accepted, so nothing asks the service again (the core's `lookup` runs once per revision of the demand's events).
    const mock = await startExternMock({ events: 0 });
    mocks.push(mock);
    mock.demands.readings = { ...DEFAULT_READINGS, replyLink: 'description-only' };
    const s = scenario(mock);
    for (const step of s.steps.slice(0, 3)) step();
    const core = await openCore(mock);
    const kept: Kept = new Map();
    await sync(core);
    await items(core, mock, kept);
    for (const step of s.steps.slice(3)) step();
    await sync(core);
    const states = await items(core, mock, kept);
    expect(states.get(s.fns.id)!.step).toBe('reply');
    expect(states.get(s.fns.id)!.action?.ru).toBe('Ответить на требование');
    // No item of its own for the reply docflow either.
    expect(states.size).toBe(3);
  });
});

describe('Extern demands through the core’s ActionService, the docflow read by its lookups', () => {
  for (const [name, over] of [
    ['deadlines on the description', {}],
    [
      'deadlines only on the attachments, date-times with a zone, the production link rebuilt',
      { deadlines: 'attachment', dates: 'datetime-zone', eventLink: 'production' },
    ],
  ] as [string, Partial<DemandReadings>][]) {
    it(`shows the service’s terms, number and web link, and closes: ${name}`, async () => {
      const mock = await startExternMock({ events: 0 });
      mocks.push(mock);
      mock.demands.readings = { ...DEFAULT_READINGS, ...over };
      const s = scenario(mock);
      const core = await openCore(mock, ':memory:', Date.UTC(2026, 2, 10, 9));
      await sync(core);
      await core.actions.settled();
      const item = () => core.actions.list({ includeClosed: true }).items.find((i) => i.title.ru.includes(s.fns.number))!;
      expect(item()).toMatchObject({
        title: { ru: `Требование ФНС № ${s.fns.number} от 06.03.2026` },
        step: 'receipt',
        deadline: { date: s.fns.receiptDeadline, source: 'service' },
        nextDeadline: { date: s.fns.replyDeadline, source: 'service' },
        link: expect.stringMatching(/^https:\/\/setter\.testkontur\.ru\//),
        state: 'open',
      });
      for (const step of s.steps) step();
      await sync(core);
      await core.actions.settled();
      expect(item()).toMatchObject({ state: 'closed', closedAt: Date.UTC(2026, 2, 13, 9) });
      // The SFR request closed by the service's reply-date, after its reply's event asked again.
      const open = core.actions.list({ includeClosed: false }).items.filter((i) => i.title.ru.endsWith('06.03.2026'));
      expect(open).toEqual([]);
    });
  }
});
