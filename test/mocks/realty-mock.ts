// A mock of Kontur realty checks ("Reestro") events, GET /realty/assessment/v2/events (PROVIDERS.md sections 3 and 6):
// seeded CheckEvents in the documented shape (corelationId, microsecond eventDate), ReestroAuth parsing
// (auth.sid or apiKey, portal.orgid, keys in any case), the documented 400 validation body, an exclusive
// afterEventId cursor, 3-month retention on the server's own clock, and switches for every failure a client must
// survive and for every plausible reading of what the documents leave open (PROVIDERS.md section 3: UNCONFIRMED
// and inferred points). The server's clock is `server.now()` (`server.clockOffsetMs`): events are stamped with it.
// No test-framework imports: `npm run mock` runs it standalone (`node test/mocks/realty-mock.ts`).
import { MockServer, type Fault, type MockRequest, type MockResponse } from './mock-server.ts';
import { seededRandom } from '../../main/core/seeded-random.ts';

export const REALTY_EVENTS_PATH = '/realty/assessment/v2/events';
const PATHS = new Set([REALTY_EVENTS_PATH, '/realty/assessment/v2.1/events']);
const DAY = 86_400_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CHECK_TYPES = ['Fssp', 'Bankruptcy', 'Rosfinmonitoring', 'Arbitration', 'Pledge', 'ForeignAgent'] as const;

export interface RealtyMockOptions {
  seed?: number;
  /** Events present at start, spread over the last `historyDays` days (default 250 over 80 days). */
  initialEvents?: number;
  historyDays?: number;
  /** The server's clock runs this far from ours from the start (the seeded history is stamped with it too). */
  clockOffsetMs?: number;
  orgId?: string;
  sid?: string;
  apiKey?: string;
}

/** A CheckEvent as the service sends it, plus the mock's own exact time. */
export interface RealtyMockEvent {
  eventId: string;
  /** When the server stamped it, on the server's clock (`server.now()`). */
  at: number;
  /** Extra microseconds (0..999) printed after the milliseconds. */
  micros: number;
  checkId: string;
  correlation: string;
  externalId: string;
  checkType: string;
  checkState: string;
}

/** Failures the next requests get (each switch is one call of failNext). */
export type RealtyFault =
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  | { kind: 'rate-limit'; retryAfter?: string }
  | { kind: 'server'; status: 500 | 502 | 503 | 504; retryAfter?: string }
  | { kind: 'validation'; message?: string; target?: string }
  /** A 200 page whose events lack eventId / have the wrong types. */
  | { kind: 'missing-fields' }
  /** A 200 whose `events` is not a list. */
  | { kind: 'wrong-shape' }
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'truncate' };

export interface RealtyMock {
  url: string;
  server: MockServer;
  credentials: { orgId: string; sid: string; apiKey: string };
  /** Every event ever created, in feed order (including expired ones). */
  readonly all: readonly RealtyMockEvent[];
  /** Events the service still keeps (3-month retention, minus expireOldest). */
  retained(): RealtyMockEvent[];
  retainedIds(): string[];
  /** The CheckEvent JSON the service would send for an event (with the current switches). */
  wire(event: RealtyMockEvent): Record<string, unknown>;
  /** Appends n new events stamped with the server's clock, `server.now()` (optionally of a given type/state). */
  addEvents(n: number, overrides?: Partial<Pick<RealtyMockEvent, 'checkType' | 'checkState' | 'externalId'>>): RealtyMockEvent[];
  /** Forgets the n oldest events, as the 3-month retention does with time. */
  expireOldest(n: number): RealtyMockEvent[];
  /** The next `times` requests fail this way. */
  failNext(fault: RealtyFault, times?: number): void;
  clearFaults(): void;
  /** Requests to the events route. */
  eventRequests(): MockRequest[];
  /** Every position handed out so far is forgotten: the next request with one gets the expired-cursor answer. */
  expireCursors(): void;
  /** What this service's 429 looks like (the `throttleBody` switch); also the server's `throttleAnswer`. */
  throttleAnswer(): MockResponse;
  /** Called at the start of every request to the events route (e.g. events arriving while a client reads). */
  onRequest: ((req: MockRequest) => void) | null;

  // ---- switches ----
  /** lastEventId on an empty page (UNCONFIRMED): echo afterEventId, null, or absent. */
  emptyPageLastEventId: 'echo' | 'null' | 'absent';
  /**
   * lastEventId on a page with events (the seed's example: the page's last event). Other readings: absent, null, or
   * the newest event of the whole feed (a "last event" that is not the page's).
   */
  pageLastEventId: 'last' | 'absent' | 'null' | 'newest-in-feed';
  /**
   * An afterEventId the service no longer keeps (UNCONFIRMED): a 400 naming afterEventId, a 400 naming nothing,
   * 404, 410, or a silent answer from the oldest kept event.
   */
  expiredCursor: 'validation' | '400-bare' | '404' | '410' | 'oldest';
  /**
   * When a position expires: only with its event (3-month retention, or `expireCursors()` at any time), or also
   * once used ('single-use': a position is good for one request until the server hands it out again).
   */
  cursorExpiry: 'retention' | 'single-use';
  /** Positions the server hands out but never accepts back (a broken server: the client must not loop). */
  brokenPositions: Set<string>;
  /** count above maxCount: 400 naming count and the maximum, 400 naming nothing, or clamp. */
  countOverMax: 'reject' | 'reject-bare' | 'clamp';
  maxCount: number;
  defaultCount: number;
  /**
   * How eventDate is printed (the seed shows 6 fractional digits and Z): 'micro', 'ticks' (7 digits, .NET's round
   * trip format), 'milli' (3 digits), 'seconds' (none), 'offset' (6 digits in Moscow time with +03:00), 'no-zone'
   * (6 digits, UTC, no zone letter).
   */
  eventDateFormat: 'micro' | 'ticks' | 'milli' | 'seconds' | 'offset' | 'no-zone';
  /** The 429 (rate limits are undocumented): an empty body, or a {code, message} body. */
  throttleBody: 'empty' | 'json';
  /** The correlation field's spelling (UNCONFIRMED): the doc's corelationId, correlationId, or both. */
  correlationField: 'corelationId' | 'correlationId' | 'both';
  /** afterEventId inclusive: every page repeats the previous page's last event (duplicates across pages). */
  inclusiveCursor: boolean;
  /** The next n requests get an empty page although events wait. */
  emptyPagesWhileMore: number;
  /** Credentials no longer valid (expired auth.sid, revoked key): 401. */
  revoked: boolean;
  /** The organization has no access: 403. */
  orgForbidden: boolean;
  /** Retention on the server's clock (`server.now()`). */
  retentionDays: number;
  /** Adversarial: error bodies repeat the Authorization header (a client must not show it). */
  echoAuthInErrors: boolean;
  stop(): Promise<void>;
}

function guid(rnd: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(rnd() * 16).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(rnd() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** "2011-01-02T03:05:06.012345Z": six fractional digits, as the seed shows. */
export function microsecondDate(at: number, micros: number): string {
  return new Date(at).toISOString().replace(/Z$/, `${String(micros).padStart(3, '0')}Z`);
}

/** An eventDate in one of the plausible printings (see `eventDateFormat`). */
export function printEventDate(at: number, micros: number, format: RealtyMock['eventDateFormat']): string {
  const micro = microsecondDate(at, micros);
  switch (format) {
    case 'micro':
      return micro;
    case 'ticks':
      return micro.replace(/Z$/, '0Z');
    case 'milli':
      return new Date(at).toISOString();
    case 'seconds':
      return new Date(at).toISOString().replace(/\.\d+Z$/, 'Z');
    case 'no-zone':
      return micro.replace(/Z$/, '');
    case 'offset':
      return microsecondDate(at + 3 * 3_600_000, micros).replace(/Z$/, '+03:00');
  }
}

/** Parses "ReestroAuth k=v&k=v" into lower-cased keys; null when the scheme is not ReestroAuth. */
export function parseReestroAuth(header: string | undefined): Record<string, string> | null {
  const m = /^ReestroAuth\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const part of m[1]!.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** A 400 that names no field: the documented envelope without its errors[]. */
function bareValidation(traceId: string): MockResponse {
  return {
    status: 400,
    headers: { 'x-kontur-trace-id': traceId },
    body: { code: 'validation', message: 'Failed to validate input request', target: 'api' },
  };
}

function respond(response: MockResponse): Fault {
  return { kind: 'respond', response };
}

function validation(
  message: string,
  target = 'AssessmentApi',
  traceId = 'trace',
  extra: Record<string, unknown> = {},
): MockResponse {
  return {
    status: 400,
    headers: { 'x-kontur-trace-id': traceId },
    body: {
      code: 'validation',
      message: 'Failed to validate input request',
      target: 'api',
      errors: [{ code: 'WrongFieldValue', message, target }],
      ...extra,
    },
  };
}

export async function startRealtyMock(options: RealtyMockOptions = {}): Promise<RealtyMock> {
  const rnd = seededRandom(options.seed ?? 2);
  // The server first: its clock stamps the seeded history too.
  const server = await MockServer.start((req) => handle(req));
  server.clockOffsetMs = options.clockOffsetMs ?? 0;
  const now = () => server.now();
  const credentials = {
    orgId: options.orgId ?? '1269f58a-3d40-42e1-91ad-a4251566419c',
    sid: options.sid ?? '717726209B543848879C33F2BDDAB9F8561EFAC465A5DC439193062C700FAFDA',
    apiKey: options.apiKey ?? 'reestro-test-api-key-0123456789',
  };
  const events: RealtyMockEvent[] = [];
  const expired = new Set<string>();
  /** Positions handed out (lower-cased id → still good); ids never handed out are taken at their word. */
  const issued = new Map<string, boolean>();
  let traceSeq = 0;

  const makeEvent = (at: number, overrides: Partial<RealtyMockEvent> = {}): RealtyMockEvent => {
    const r = rnd();
    return {
      eventId: guid(rnd),
      at,
      micros: Math.floor(rnd() * 1000),
      checkId: guid(rnd),
      correlation: guid(rnd),
      externalId: guid(rnd),
      checkType: r < 0.4 ? 'Fssp' : CHECK_TYPES[1 + Math.floor(rnd() * (CHECK_TYPES.length - 1))]!,
      checkState: rnd() < 0.8 ? 'Processed' : 'Error',
      ...overrides,
    };
  };

  const initial = options.initialEvents ?? 250;
  const historyMs = (options.historyDays ?? 80) * DAY;
  const start = now() - historyMs;
  for (let i = 0; i < initial; i++) events.push(makeEvent(Math.floor(start + (i * (historyMs - 60_000)) / Math.max(1, initial))));

  const mock: RealtyMock = {
    url: server.url,
    server,
    credentials,
    all: events,
    onRequest: null,
    emptyPageLastEventId: 'echo',
    pageLastEventId: 'last',
    expiredCursor: 'validation',
    cursorExpiry: 'retention',
    brokenPositions: new Set(),
    countOverMax: 'clamp',
    maxCount: 100,
    defaultCount: 30,
    eventDateFormat: 'micro',
    throttleBody: 'empty',
    correlationField: 'corelationId',
    inclusiveCursor: false,
    emptyPagesWhileMore: 0,
    revoked: false,
    orgForbidden: false,
    retentionDays: 90,
    echoAuthInErrors: false,

    retained() {
      const oldest = now() - mock.retentionDays * DAY;
      return events.filter((e) => e.at >= oldest && !expired.has(e.eventId));
    },
    retainedIds() {
      return mock.retained().map((e) => e.eventId);
    },
    wire(e) {
      const out: Record<string, unknown> = {
        eventId: e.eventId,
        eventDate: printEventDate(e.at, e.micros, mock.eventDateFormat),
        checkId: e.checkId,
      };
      if (mock.correlationField !== 'correlationId') out['corelationId'] = e.correlation;
      if (mock.correlationField !== 'corelationId') out['correlationId'] = e.correlation;
      out['externalId'] = e.externalId;
      out['checkType'] = e.checkType;
      out['checkState'] = e.checkState;
      return out;
    },
    addEvents(n, overrides = {}) {
      const added: RealtyMockEvent[] = [];
      for (let i = 0; i < n; i++) {
        const event = makeEvent(now(), overrides);
        events.push(event);
        added.push(event);
      }
      return added;
    },
    expireOldest(n) {
      const gone = mock.retained().slice(0, n);
      for (const e of gone) expired.add(e.eventId);
      return gone;
    },
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) {
        server.inject(toFault(fault));
      }
    },
    clearFaults() {
      server.clearFaults();
    },
    eventRequests() {
      return server.requests.filter((r) => PATHS.has(r.path));
    },
    expireCursors() {
      for (const id of issued.keys()) issued.set(id, false);
    },
    throttleAnswer() {
      const headers = { 'x-kontur-trace-id': `realty-mock-throttled-${++traceSeq}` };
      return mock.throttleBody === 'json'
        ? { status: 429, headers, body: { code: 'tooManyRequests', message: 'Too many requests' } }
        : { status: 429, headers, body: '' };
    },
    async stop() {
      await server.stop();
    },
  };

  /** Every fault is one MockServer fault, so one queue keeps them in order with transport faults. */
  function toFault(fault: RealtyFault): Fault {
    const traceId = `realty-mock-fault-${++traceSeq}`;
    switch (fault.kind) {
      case 'hang':
      case 'reset':
      case 'malformed':
      case 'truncate':
        return { kind: fault.kind };
      case 'delay':
        return { kind: 'delay', ms: fault.ms };
      case 'unauthorized':
        return respond({ status: 401, body: '' });
      case 'forbidden':
        return respond({ status: 403, body: '' });
      case 'rate-limit':
        return respond({
          status: 429,
          headers: { 'x-kontur-trace-id': traceId, ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) },
          body: '',
        });
      case 'server':
        return respond({
          status: fault.status,
          headers: { 'x-kontur-trace-id': traceId, ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) },
          body: { code: 'internalError', message: 'Internal server error' },
        });
      case 'validation':
        return respond(validation(fault.message ?? 'afterEventId should be guid', fault.target, traceId));
      case 'missing-fields':
        return respond({
          status: 200,
          body: { lastEventId: null, events: [{ eventDate: 12345, checkType: 'Fssp', checkState: 'Processed' }] },
        });
      case 'wrong-shape':
        return respond({ status: 200, body: { lastEventId: null, events: 'none' } });
    }
  }

  function errorBody(req: MockRequest, body: Record<string, unknown>): Record<string, unknown> {
    if (!mock.echoAuthInErrors) return body;
    const header = req.headers['authorization'] ?? '';
    return {
      ...body,
      message: `${String(body['message'] ?? 'Request failed')} (Authorization: ${header})`,
      request: { authorization: header },
    };
  }

  function handle(req: MockRequest): MockResponse {
    const traceId = `realty-mock-${++traceSeq}`;
    if (!PATHS.has(req.path)) return { status: 404, headers: { 'x-kontur-trace-id': traceId }, body: '' };
    if (req.method !== 'GET') return { status: 405, body: '' };
    mock.onRequest?.(req);

    // Auth: ReestroAuth auth.sid=…&portal.orgid=… or apiKey=…; keys in any case.
    const auth = parseReestroAuth(req.headers['authorization']);
    const secretOk = auth !== null && (auth['auth.sid'] === credentials.sid || auth['apikey'] === credentials.apiKey);
    const org = auth?.['portal.orgid'];
    if (!secretOk || !org || !GUID.test(org) || mock.revoked) {
      return mock.echoAuthInErrors
        ? { status: 401, body: errorBody(req, { code: 'unauthorized', message: 'Unauthorized' }) }
        : { status: 401, body: '' };
    }
    if (org.toLowerCase() !== credentials.orgId.toLowerCase() || mock.orgForbidden) {
      return mock.echoAuthInErrors
        ? { status: 403, body: errorBody(req, { code: 'forbidden', message: 'Forbidden' }) }
        : { status: 403, body: '' };
    }

    // count: default 30, max 100 (reject, reject without saying why, or clamp)
    const countText = req.query.get('count');
    let count = Math.min(mock.defaultCount, mock.maxCount);
    if (countText !== null) {
      if (!/^\d+$/.test(countText) || Number(countText) < 1)
        return validation('count should be positive integer', 'AssessmentApi', traceId);
      count = Number(countText);
      if (count > mock.maxCount) {
        if (mock.countOverMax === 'reject')
          return validation(`count should be less than or equal to ${mock.maxCount}`, 'AssessmentApi', traceId);
        if (mock.countOverMax === 'reject-bare') return bareValidation(traceId);
        count = mock.maxCount;
      }
    }

    const retained = mock.retained();
    const after = req.query.get('afterEventId');
    let from = 0;
    if (after !== null) {
      if (!GUID.test(after)) return validation('afterEventId should be guid', 'AssessmentApi', traceId);
      const key = after.toLowerCase();
      const index = retained.findIndex((e) => e.eventId.toLowerCase() === key);
      const known = index >= 0 && issued.get(key) !== false && !mock.brokenPositions.has(after);
      if (known) {
        from = mock.inclusiveCursor ? index : index + 1;
        if (mock.cursorExpiry === 'single-use') issued.set(key, false);
      } else if (mock.expiredCursor === 'oldest') {
        from = 0;
      } else {
        return expiredAnswer(req, traceId);
      }
    }

    let page = retained.slice(from, from + count);
    if (mock.emptyPagesWhileMore > 0 && page.length > 0) {
      mock.emptyPagesWhileMore--;
      page = [];
    }
    const body: Record<string, unknown> = {};
    if (page.length > 0) {
      if (mock.pageLastEventId === 'last') body['lastEventId'] = page.at(-1)!.eventId;
      else if (mock.pageLastEventId === 'newest-in-feed') body['lastEventId'] = retained.at(-1)!.eventId;
      else if (mock.pageLastEventId === 'null') body['lastEventId'] = null;
    } else if (mock.emptyPageLastEventId === 'echo') body['lastEventId'] = after;
    else if (mock.emptyPageLastEventId === 'null') body['lastEventId'] = null;
    body['events'] = page.map((e) => mock.wire(e));
    // What a client may send back next: the page's last event, and whatever lastEventId says.
    for (const id of [page.at(-1)?.eventId, body['lastEventId']]) {
      if (typeof id === 'string') issued.set(id.toLowerCase(), true);
    }
    return { status: 200, headers: { 'content-type': 'Application/json' }, body };
  }

  /** The answer to a position the server no longer keeps (`expiredCursor`, all but 'oldest'). */
  function expiredAnswer(req: MockRequest, traceId: string): MockResponse {
    switch (mock.expiredCursor) {
      case '404':
      case '410':
        return {
          status: Number(mock.expiredCursor),
          headers: { 'x-kontur-trace-id': traceId },
          body: { code: 'notFound', message: 'Event not found' },
        };
      case '400-bare':
        return bareValidation(traceId);
      default:
        return validation(
          'afterEventId not found: the event is older than the storage period',
          'AssessmentApi',
          traceId,
          errorBody(req, {}),
        );
    }
  }

  server.throttleAnswer = () => mock.throttleAnswer();
  return mock;
}

if (import.meta.main) {
  const mock = await startRealtyMock({ initialEvents: Number(process.env['REALTY_MOCK_EVENTS'] ?? 250) });
  process.stdout.write(
    `Reestro mock on ${mock.url}${REALTY_EVENTS_PATH}\n` +
      `  settings: {"baseUrl": "${mock.url}", "orgId": "${mock.credentials.orgId}", "auth": "sid"}\n` +
      `  secret (auth.sid): ${mock.credentials.sid}\n  or auth "apiKey" with: ${mock.credentials.apiKey}\n`,
  );
  const timer = setInterval(() => mock.addEvents(1), 30_000);
  const quit = () => {
    clearInterval(timer);
    void mock.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
