// A mock of Evotor Cloud's app-events API (PROVIDERS.md sections 4 and 6) on MockServer: seeded events in the real
// shape, Bearer auth with 401/403, time windows with opaque paging cursors, an NDJSON stream with pings, and switches
// for every failure a client must survive. No test-runner imports: `npm run mock` can start it as is.
// Also the developer portal of the token assistant (seed 001): POST /oauth/token (password grant, optional 2FA),
// personal tokens (GET, PUT → a new publisher token that replaces the old one for the events API) and a version's
// event settings (GET, POST, PUT …/{id}), all with `x-authorization: Bearer <portal OAuth token>`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { MockServer, type MockRequest, type MockResponse } from './mock-server.ts';
import { seededRandom } from '../../main/core/seeded-random.ts';

export interface EvotorMockEvent {
  id: string;
  type: string;
  action: string;
  /** Server time, epoch ms (rendered as a number or an ISO string, see `timestampFormat`). */
  timestamp: number;
  payload: Record<string, unknown>;
}

export interface EvotorMockOptions {
  seed?: number;
  /** Events present at start (default 240). */
  events?: number;
  pageSize?: number;
  /** Timestamp of the first seeded event (default: so that the last one is a minute ago). */
  firstAt?: number;
  /** Gap between seeded events (default 60 s). */
  stepMs?: number;
  appId?: string;
  token?: string;
  /** Timestamps as ms numbers (the reference), ISO strings with "+0000" (a README sample), or both alternating. */
  timestampFormat?: 'ms' | 'iso' | 'mixed';
  /** Stream keep-alive interval (Evotor: 30 s). */
  pingIntervalMs?: number;
  /** The app version whose event settings the portal serves. */
  versionId?: string;
  /** The server's clock runs this far from ours from the start (the seeded events are stamped with it too). */
  clockOffsetMs?: number;
}

/**
 * Switches for every plausible reading of the points PROVIDERS.md section 4 leaves open (UNCONFIRMED or inferred).
 * Defaults are the reading the SDK and the reference suggest; tests flip them one by one and in combination.
 */
export interface EvotorMockReadings {
  /** Items within a window: oldest first (the SDK fixtures), newest first, or in no order at all. */
  order: 'oldest-first' | 'newest-first' | 'shuffled';
  /** `since` keeps an event stamped exactly at it (inclusive) or drops it (exclusive). */
  sinceExclusive: boolean;
  /** How the last page says so: `paging: {}` (SDK README), `paging: {next_cursor: null}`, or no `paging` at all. */
  endOfPaging: 'empty-paging' | 'null-cursor' | 'no-paging';
  /** A paging cursor dies this many ms after it was handed out (null: never). */
  cursorLifetimeMs: number | null;
  /** Each page is sent this long after its cursor was made: a slow answer that eats the cursor's lifetime. */
  slowPagesMs: number;
  /** A paging cursor works once; asking for it again (a retry after a lost answer) is rejected. */
  singleUseCursors: boolean;
  /** The status a dead or unknown cursor gets. */
  cursorRejectStatus: 400 | 404 | 410 | 422;
  /** How purchase events spell their `type` in answers: as seeded (both forms), or always one of them. */
  purchaseType: 'as-seeded' | 'marketplace.purchase' | 'MarketplacePurchase';
  /** `types`/`type` filters: matched whatever the spelling (lenient) or only the server's own spelling (strict). */
  typeFilter: 'lenient' | 'strict';
  /** Events added later share the newest event's millisecond (a burst), instead of each getting its own. */
  burstsShareStamp: boolean;
}

export function defaultEvotorReadings(): EvotorMockReadings {
  return {
    order: 'oldest-first',
    sinceExclusive: false,
    endOfPaging: 'empty-paging',
    cursorLifetimeMs: null,
    slowPagesMs: 0,
    singleUseCursors: false,
    cursorRejectStatus: 400,
    purchaseType: 'as-seeded',
    typeFilter: 'lenient',
    burstsShareStamp: false,
  };
}

/** A publisher's personal token as the portal keeps it; `access` is the publisher token the events API accepts. */
export interface EvotorMockPersonalToken {
  id: string;
  name: string;
  scope: string[];
  access: string;
}

export interface EvotorMockEventSettings {
  id: string;
  app_id: string;
  version_id: string;
  publisher_id: string;
  active: boolean;
  events: string[];
  created_at: string;
  updated_at: string;
}

/** The developer portal's state and switches (the token assistant's side of the mock). */
export interface EvotorMockPortal {
  login: string;
  password: string;
  /** The account has two-factor sign-in: the password grant also needs `2fa_confirmation`. */
  twoFactorRequired: boolean;
  twoFactorCode: string;
  /** How "a code is needed" is answered: the real answer is UNCONFIRMED (a 401 or a 400 whose body mentions 2FA). */
  twoFactorStatus: 400 | 401;
  /** Error messages repeat the password / x-authorization they got (a careless server): clients must not leak them. */
  echoSecrets: boolean;
  readonly versionId: string;
  /** Portal OAuth tokens handed out by /oauth/token (valid for x-authorization). */
  readonly oauthTokens: Set<string>;
  readonly personalTokens: EvotorMockPersonalToken[];
  readonly eventSettings: EvotorMockEventSettings[];
  /** Forgets every portal OAuth token (a sign-in that expired). */
  expireOAuthTokens(): void;
}

/** Event types a version's event settings accept (seed 001). */
export const EVOTOR_MOCK_SETTING_EVENTS = ['product', 'product-group', 'document', 'marketplace.purchase'] as const;

const DEFAULT_APP_ID = '6a6f1c1e-3c1b-4e5e-9a51-2f0e8e7b9c10';

/** "2018-04-24T12:08:44.886+0000": Java's default format, no colon in the offset. */
export function evotorIso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const DOC_TYPES = ['SELL', 'SELL', 'SELL', 'PAYBACK', 'OPEN_SESSION', 'CLOSE_SESSION', 'ACCEPT', 'WRITE_OFF'];
const PURCHASE_TYPES = [
  'SubscriptionCreated',
  'SubscriptionActivated',
  'SubscriptionRenewed',
  'SubscriptionTermsChanged',
  'SubscriptionTerminationRequested',
  'SubscriptionTerminated',
  'AddonsUpdated',
  'ApplicationInstalled',
  'ApplicationUninstalled',
];
/** Every type the sources name, plus one nobody documented (an unknown type is normal). */
export const EVOTOR_MOCK_TYPES = [
  'document',
  'store',
  'device',
  'employee',
  'hook',
  'product',
  'product-group',
  'marketplace.purchase',
  'MarketplacePurchase',
  'fiscal-drive',
] as const;

export interface EvotorMock {
  readonly url: string;
  readonly server: MockServer;
  readonly appId: string;
  /** The valid publisher token (with event:read): the current access of the first personal token. */
  readonly token: string;
  /** A valid token without the event:read scope (403): the current access of the second personal token. */
  readonly tokenWithoutScope: string;
  /** The developer portal (token assistant): sign-in, personal tokens, event settings. */
  readonly portal: EvotorMockPortal;
  /** Every event the server holds, oldest first. */
  readonly events: readonly EvotorMockEvent[];
  pageSize: number;
  timestampFormat: 'ms' | 'iso' | 'mixed';
  pingIntervalMs: number;
  /** Each page after a window's first repeats the previous page's last event (duplicates across pages). */
  duplicateAcrossPages: boolean;
  /** Every window starts with an empty page that still has a next_cursor. */
  emptyFirstPage: boolean;
  /** Cursor requests are rejected (as for an expired cursor, with `readings.cursorRejectStatus`) while set. */
  rejectCursors: boolean;
  /** Server clock minus real clock (MockServer's `clockOffsetMs`): new events are stamped with `server.now()`. */
  clockOffsetMs: number;
  /** The open points' readings this server follows (see EvotorMockReadings). */
  readonly readings: EvotorMockReadings;
  /** Evotor's answer to too many requests (rate limits are UNCONFIRMED: a plausible `{code, message}` body). */
  throttleAnswer(): MockResponse;
  addEvents(n: number, options?: { at?: number; type?: string }): EvotorMockEvent[];
  /** Forgets every cursor handed out so far: they now answer 400 (expired). */
  expireCursors(): void;
  /** The next `times` requests answer with this status and Evotor's error body (429/503 may carry Retry-After). */
  failNext(
    status: number,
    options?: { times?: number; retryAfter?: string; message?: string; violations?: { reason: string; subject: string }[] },
  ): void;
  /** Cuts the connection of the next `times` requests without an answer. */
  resetNext(times?: number): void;
  /** Never answers the next `times` requests. */
  hangNext(times?: number): void;
  /** Delays the next `times` answers. */
  slowNext(ms: number, times?: number): void;
  /** The next `times` answers are 200 with broken JSON. */
  malformedNext(times?: number): void;
  /** The next answer is a 200 page whose JSON misses `items` (an impossible answer). */
  shapelessNext(): void;
  /** Streams write each line in pieces, split inside the JSON and inside UTF-8 characters. */
  splitStreamLines: boolean;
  /** False: a streaming request gets an ordinary JSON page, as a host without streaming would answer. */
  streamingSupported: boolean;
  /** Open streams stop sending anything, pings too, and keep the connection open. */
  silenceStreams(): void;
  /** Open streams' connections are cut now. */
  dropStreams(): void;
  /** Open streams end normally now (the server closes them). */
  endStreams(): void;
  /** The next stream stops sending anything (pings too) after this many event lines, keeping the connection open. */
  silenceNextStream(afterEvents: number): void;
  /** The next stream's connection is dropped after this many event lines. */
  dropNextStream(afterEvents: number): void;
  /** The next stream ends normally (the server closes it) after this many event lines. */
  endNextStream(afterEvents: number): void;
  /** Streams currently open. */
  readonly openStreams: number;
  /** Window and cursor requests to the events list (not single events). */
  listRequests(): MockRequest[];
  stop(): Promise<void>;
}

interface Window {
  items: EvotorMockEvent[];
}

interface IssuedCursor {
  window: Window;
  offset: number;
  /** Real time it was handed out (its lifetime counts from here). */
  issuedAt: number;
}

interface Stream {
  res: ServerResponse;
  since: number;
  types: string[];
  queue: Promise<void>;
  sent: number;
  split: boolean;
  silentAfter: number | null;
  dropAfter: number | null;
  endAfter: number | null;
  silent: boolean;
  ping: NodeJS.Timeout;
}

function typeKey(type: string): string {
  return type.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `types=a,b` (reference, SDK) and `type=X` (the newer guide) both filter. */
function listTypes(query: URLSearchParams): string[] {
  const list = (query.get('types') ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const single = query.get('type');
  return single ? [...new Set([...list, single])] : list;
}

function errorBody(status: number, message: string, violations: { reason: string; subject: string }[] = []): MockResponse {
  return { status, body: { code: status * 10 + 1, message, violations } };
}

/** Evotor's rate limits are UNCONFIRMED: a 429 with its usual error body is the plausible answer. */
function throttleAnswer(): MockResponse {
  return errorBody(429, 'Too many requests: the rate limit is exceeded, try again later');
}

/** Spring's OAuth error body, as the portal's /oauth/token answers. */
function oauthError(status: number, error: string, description: string): MockResponse {
  return { status, body: { error, error_description: description } };
}

function jsonOf(req: MockRequest): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(req.body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function settingsBody(req: MockRequest): { active: boolean; events: string[] } | MockResponse {
  const body = jsonOf(req);
  if (!body) return errorBody(400, 'Request body must be a JSON object', [{ reason: 'must be a JSON object', subject: 'body' }]);
  if (typeof body['active'] !== 'boolean')
    return errorBody(400, 'active must be a boolean', [{ reason: 'must not be null', subject: 'active' }]);
  if (!isStringList(body['events']))
    return errorBody(400, 'events must be a list', [{ reason: 'must be a list of strings', subject: 'events' }]);
  const unknown = body['events'].filter((e) => !(EVOTOR_MOCK_SETTING_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0)
    return errorBody(
      400,
      `Unknown event types: ${unknown.join(', ')}`,
      unknown.map((e) => ({ reason: 'unknown event type', subject: e })),
    );
  return { active: body['active'], events: [...new Set(body['events'])] };
}

export async function startEvotorMock(options: EvotorMockOptions = {}): Promise<EvotorMock> {
  const random = seededRandom(options.seed ?? 7);
  const appId = options.appId ?? DEFAULT_APP_ID;
  // The events API accepts the current access of each personal token; a PUT on a token replaces its access.
  const personalTokens: EvotorMockPersonalToken[] = [
    {
      id: 'b0d5a7c2-1f4e-4c8a-9e21-5d7f3a9c0e11',
      name: 'Основной',
      scope: ['push-notification:write', 'event:read'],
      access: options.token ?? 'evotor-publisher-token-6f1d2c9a7b',
    },
    {
      id: 'c3e8f1a4-6b2d-4f9e-8a10-7e4c2b1d9f22',
      name: 'Push-уведомления',
      scope: ['push-notification:write'],
      access: 'evotor-token-without-event-read-55aa',
    },
  ];
  const stepMs = options.stepMs ?? 60_000;
  const initial = options.events ?? 240;
  const events: EvotorMockEvent[] = [];
  const windows = new Map<string, IssuedCursor>();
  const readings = defaultEvotorReadings();
  // Its own sequence, so that shuffling windows never changes the seeded events.
  const shuffleRandom = seededRandom((options.seed ?? 7) + 1);
  const streams = new Set<Stream>();
  let serial = 0;
  let nextStream: Partial<Pick<Stream, 'silentAfter' | 'dropAfter' | 'endAfter'>> = {};
  let shapeless = false;

  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const storeId = '20180417-2396-4075-808C-50046017B78F';

  function makeEvent(at: number, forcedType?: string): EvotorMockEvent {
    serial++;
    const type = forcedType ?? EVOTOR_MOCK_TYPES[serial % EVOTOR_MOCK_TYPES.length]!;
    const id = uuid();
    const base = { id: uuid(), created_at: evotorIso(at - 3_600_000), updated_at: evotorIso(at) };
    switch (typeKey(type)) {
      case 'document': {
        const docType = pick(DOC_TYPES);
        return {
          id,
          type,
          action: 'created',
          timestamp: at,
          payload: {
            type: docType,
            id: base.id,
            number: serial,
            close_date: evotorIso(at),
            time_zone_offset: 10_800_000,
            session_id: uuid(),
            session_number: 1 + Math.floor(serial / 40),
            close_user_id: '02-200000000000108',
            device_id: '20170928-8E9F-40DE-80A8-2B8E2C5CB7E1',
            store_id: storeId,
            version: 'V2',
            ...(docType === 'SELL' || docType === 'PAYBACK' ? { sum: Math.round(random() * 500_000) / 100 } : {}),
          },
        };
      }
      case 'marketplacepurchase':
        // The payload is assumed: modelled on the billing webhook (PROVIDERS.md 4.3, UNCONFIRMED).
        return {
          id,
          type,
          action: 'created',
          timestamp: at,
          payload: {
            subscriptionId: uuid(),
            productId: appId,
            userId: '01-000000000012345',
            timestamp: evotorIso(at),
            sequenceNumber: 1 + (serial % 5),
            type: PURCHASE_TYPES[serial % PURCHASE_TYPES.length]!,
            planId: pick(['basic', 'pro']),
            trialPeriodDuration: 'P14DT',
            deviceNumber: 1 + (serial % 4),
          },
        };
      case 'store':
        return {
          id,
          type,
          action: pick(['created', 'updated']),
          timestamp: at,
          payload: {
            ...base,
            id: storeId,
            name: `Магазин №${serial}`,
            address: `ул. Тестовая, ${serial}`,
            user_id: '02-200000000000108',
          },
        };
      case 'device':
        return {
          id,
          type,
          action: pick(['created', 'updated']),
          timestamp: at,
          payload: { ...base, name: `Эвотор 7.2 #${serial}`, store_id: storeId, imei: `86${hex(13).replace(/\D/g, '7')}` },
        };
      case 'employee':
        return {
          id,
          type,
          action: pick(['created', 'updated', 'deleted']),
          timestamp: at,
          payload: { ...base, name: 'Иван', last_name: `Петров-${serial}`, role: 'CASHIER', store_id: storeId },
        };
      case 'hook':
        return {
          id,
          type,
          action: 'updated',
          timestamp: at,
          payload: {
            ...base,
            active: true,
            app_id: appId,
            events: ['document', 'marketplace.purchase'],
            config: { content_type: 'V2' },
          },
        };
      case 'product':
        return {
          id,
          type,
          action: pick(['created', 'updated', 'deleted']),
          timestamp: at,
          payload: {
            ...base,
            name: `Товар ${serial}`,
            price: Math.round(random() * 100_000) / 100,
            code: String(serial),
            store_id: storeId,
          },
        };
      case 'productgroup':
        return { id, type, action: 'created', timestamp: at, payload: { ...base, name: `Группа ${serial}`, store_id: storeId } };
      default:
        return {
          id,
          type,
          action: 'registered',
          timestamp: at,
          payload: { ...base, serial_number: `FN-${serial}`, big_counter: '9007199254740993' },
        };
    }
  }

  const startOffsetMs = options.clockOffsetMs ?? 0;
  const firstAt = options.firstAt ?? Date.now() + startOffsetMs - initial * stepMs - 60_000;
  for (let i = 0; i < initial; i++) events.push(makeEvent(firstAt + i * stepMs + Math.floor(random() * 1000)));

  const mock = {
    pageSize: options.pageSize ?? 50,
    timestampFormat: options.timestampFormat ?? 'ms',
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    duplicateAcrossPages: false,
    emptyFirstPage: false,
    rejectCursors: false,
    splitStreamLines: false,
    streamingSupported: true,
  };

  /** The type as this server spells it in answers (`readings.purchaseType`). */
  function servedType(event: EvotorMockEvent): string {
    if (readings.purchaseType !== 'as-seeded' && typeKey(event.type) === 'marketplacepurchase') return readings.purchaseType;
    return event.type;
  }

  function render(event: EvotorMockEvent): Record<string, unknown> {
    const format = mock.timestampFormat;
    const iso = format === 'iso' || (format === 'mixed' && Number.parseInt(event.id.slice(-1), 16) % 2 === 1);
    return {
      action: event.action,
      id: event.id,
      payload: event.payload,
      timestamp: iso ? evotorIso(event.timestamp) : event.timestamp,
      type: servedType(event),
    };
  }

  function matches(event: EvotorMockEvent, since: number, until: number | null, types: string[]): boolean {
    if (event.timestamp < since || (readings.sinceExclusive && event.timestamp === since)) return false;
    if (until !== null && event.timestamp > until) return false;
    if (types.length === 0) return true;
    // A strict server knows only its own spelling of a type.
    return readings.typeFilter === 'strict'
      ? types.includes(servedType(event))
      : types.some((t) => typeKey(t) === typeKey(event.type));
  }

  /** A window's items in the order this server pages them (`readings.order`). */
  function ordered(items: EvotorMockEvent[]): EvotorMockEvent[] {
    if (readings.order === 'newest-first') return items.toReversed();
    if (readings.order === 'oldest-first') return items;
    const shuffled = [...items];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(shuffleRandom() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    return shuffled;
  }

  function newCursor(window: Window, offset: number): string {
    // Opaque and base64 with "+", "/" and "=", like the real ones: the client must URL-encode it.
    let key: string;
    do
      key =
        Buffer.from(`${uuid()}|${offset}|${hex(16)}`)
          .toString('base64')
          .replace(/A/g, '+')
          .replace(/B/g, '/') + '==';
    while (windows.has(key));
    windows.set(key, { window, offset, issuedAt: Date.now() });
    return key;
  }

  /** The last page's `paging`, as each reading writes it (undefined: no `paging` key at all). */
  function lastPaging(): Record<string, unknown> | undefined {
    if (readings.endOfPaging === 'no-paging') return undefined;
    return readings.endOfPaging === 'null-cursor' ? { next_cursor: null } : {};
  }

  async function page(window: Window, offset: number, first: boolean): Promise<MockResponse> {
    const answer = pageAnswer(window, offset, first);
    // The cursor in it is already ticking while a slow answer is on its way.
    if (readings.slowPagesMs > 0) await new Promise((resolve) => setTimeout(resolve, readings.slowPagesMs));
    return answer;
  }

  function pageAnswer(window: Window, offset: number, first: boolean): MockResponse {
    if (first && mock.emptyFirstPage) return { status: 200, body: { items: [], paging: { next_cursor: newCursor(window, 0) } } };
    const start = mock.duplicateAcrossPages && offset > 0 ? offset - 1 : offset;
    const items = window.items.slice(start, offset + mock.pageSize);
    const end = offset + mock.pageSize;
    const paging = end < window.items.length ? { next_cursor: newCursor(window, end) } : lastPaging();
    if (shapeless) {
      shapeless = false;
      return { status: 200, body: { events: items.map(render), paging } };
    }
    return { status: 200, body: { items: items.map(render), ...(paging ? { paging } : {}) } };
  }

  /** The issued cursor, or null when this server no longer honours it (unknown, expired, used, or all rejected). */
  function liveCursor(key: string): IssuedCursor | null {
    const entry = windows.get(key);
    if (!entry || mock.rejectCursors) return null;
    if (readings.cursorLifetimeMs !== null && Date.now() - entry.issuedAt > readings.cursorLifetimeMs) return null;
    if (readings.singleUseCursors) windows.delete(key);
    return entry;
  }

  function auth(req: MockRequest, pathAppId: string): MockResponse | null {
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match) return errorBody(401, 'Full authentication is required to access this resource');
    const personal = personalTokens.find((t) => t.access === match[1]);
    if (!personal) return errorBody(401, 'Invalid access token');
    if (!personal.scope.includes('event:read')) return errorBody(403, 'Insufficient scope for this resource: event:read');
    if (pathAppId.toLowerCase() !== appId.toLowerCase()) return errorBody(403, 'Access to the application is denied');
    return null;
  }

  function openStream(res: ServerResponse, since: number, types: string[]): 'handled' {
    res.writeHead(200, { 'content-type': 'application/stream+json;charset=UTF-8' });
    const stream: Stream = {
      res,
      since,
      types,
      queue: Promise.resolve(),
      sent: 0,
      split: mock.splitStreamLines,
      silentAfter: nextStream.silentAfter ?? null,
      dropAfter: nextStream.dropAfter ?? null,
      endAfter: nextStream.endAfter ?? null,
      silent: false,
      ping: setInterval(() => write(stream, { id: uuid(), type: 'system', action: 'ping' }, false), mock.pingIntervalMs),
    };
    nextStream = {};
    streams.add(stream);
    const close = () => {
      clearInterval(stream.ping);
      streams.delete(stream);
    };
    res.on('close', close);
    write(stream, { id: uuid(), type: 'system', action: 'initialized' }, false);
    for (const event of events) if (matches(event, since, null, types)) write(stream, render(event), true);
    return 'handled';
  }

  function write(stream: Stream, line: Record<string, unknown>, isEvent: boolean): void {
    stream.queue = stream.queue.then(async () => {
      if (stream.silent || stream.res.destroyed) return;
      if (isEvent && stream.dropAfter !== null && stream.sent >= stream.dropAfter) {
        stream.res.socket?.destroy();
        return;
      }
      if (isEvent && stream.endAfter !== null && stream.sent >= stream.endAfter) {
        stream.silent = true;
        clearInterval(stream.ping);
        stream.res.end();
        return;
      }
      if (isEvent && stream.silentAfter !== null && stream.sent >= stream.silentAfter) {
        stream.silent = true;
        clearInterval(stream.ping);
        return;
      }
      const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
      if (stream.split && bytes.length > 4) {
        // Cut inside the JSON, and at odd byte offsets that land inside Cyrillic letters' two bytes.
        const cuts = [Math.floor(bytes.length / 3) | 1, Math.floor((bytes.length * 2) / 3) | 1];
        let from = 0;
        for (const cut of cuts) {
          stream.res.write(bytes.subarray(from, cut));
          from = cut;
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
        stream.res.write(bytes.subarray(from));
      } else {
        stream.res.write(bytes);
      }
      if (isEvent) stream.sent++;
    });
  }

  // ---- the developer portal (seed 001; PROVIDERS.md 4.2) ----
  // Its ids and tokens come from node:crypto, so using the portal never changes the seeded events.
  const versionId = options.versionId ?? '5d3c2b1a-9e8f-4a7b-8c6d-1e2f3a4b5c6d';
  const publisherId = '01-000000000099999';
  const portal: EvotorMockPortal = {
    login: 'developer@example.ru',
    password: 'Пароль-для-теста-42',
    twoFactorRequired: false,
    twoFactorCode: '482913',
    twoFactorStatus: 401,
    echoSecrets: false,
    versionId,
    oauthTokens: new Set<string>(),
    personalTokens,
    eventSettings: [],
    expireOAuthTokens() {
      portal.oauthTokens.clear();
    },
  };

  function signIn(req: MockRequest): MockResponse {
    const form = new URLSearchParams(req.body);
    if (!(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Content type must be application/x-www-form-urlencoded');
    }
    if (form.get('grant_type') !== 'password' || form.get('type') !== 'LOGIN')
      return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
    if (form.get('client_id') !== 'Evo-UI') return oauthError(401, 'invalid_client', 'Bad client credentials');
    const password = form.get('password') ?? '';
    const echo = portal.echoSecrets ? ` (username "${form.get('username') ?? ''}", password "${password}")` : '';
    if (form.get('username') !== portal.login || password !== portal.password)
      return oauthError(401, 'unauthorized', `Bad credentials${echo}`);
    if (portal.twoFactorRequired) {
      const code = form.get('2fa_confirmation');
      if (!code) return oauthError(portal.twoFactorStatus, 'unauthorized', `2FA confirmation code is required${echo}`);
      if (code !== portal.twoFactorCode) return oauthError(401, 'unauthorized', `Invalid 2FA confirmation code${echo}`);
    }
    const access = `portal-oauth-${randomUUID()}`;
    portal.oauthTokens.add(access);
    return {
      status: 200,
      body: {
        access_token: access,
        token_type: 'bearer',
        refresh_token: `portal-refresh-${randomBytes(12).toString('hex')}`,
        expires_in: 1799,
        scope: 'read write',
        'X-Fingerprint': randomBytes(8).toString('hex'),
        x_user_id: publisherId,
        iat: Math.floor(Date.now() / 1000),
        x_longlived: false,
        jti: randomUUID(),
      },
    };
  }

  /** null when x-authorization carries a portal OAuth token (or, as the seed's GET/PUT examples show, a publisher token). */
  function portalAuth(req: MockRequest): MockResponse | null {
    const header = req.headers['x-authorization'] ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    const echo = portal.echoSecrets ? ` (got "${header}")` : '';
    if (!match) return errorBody(401, `Full authentication is required to access this resource${echo}`);
    if (portal.oauthTokens.has(match[1]!) || personalTokens.some((t) => t.access === match[1])) return null;
    return errorBody(401, `Invalid access token${echo}`);
  }

  const PORTAL = '/api/v1/publisher/app';

  /** The portal's answer, or null when the request is not for the portal. */
  function portalRoute(req: MockRequest): MockResponse | null {
    if (req.path === '/oauth/token') return req.method === 'POST' ? signIn(req) : errorBody(405, 'Method not allowed');
    if (!req.path.startsWith(`${PORTAL}/`)) return null;
    const denied = portalAuth(req);
    if (denied) return denied;
    const tokensRoute = /^\/api\/v1\/publisher\/app\/oauth\/public\/personal-tokens(?:\/([^/]+))?$/.exec(req.path);
    if (tokensRoute) {
      if (tokensRoute[1] === undefined) {
        if (req.method !== 'GET') return errorBody(405, 'Method not allowed');
        // The list never shows a token's value (seed 001).
        return {
          status: 200,
          body: { items: personalTokens.map((t) => ({ scope: [...t.scope], id: t.id, name: t.name })), paging: {} },
        };
      }
      if (req.method !== 'PUT') return errorBody(405, 'Method not allowed');
      const entry = personalTokens.find((t) => t.id === decodeURIComponent(tokensRoute[1]!));
      if (!entry) return errorBody(404, 'Personal token not found');
      const body = jsonOf(req);
      if (!body || !isStringList(body['scope']))
        return errorBody(400, 'scope must be a list', [{ reason: 'must be a list of strings', subject: 'scope' }]);
      entry.scope = [...new Set(body['scope'])];
      // A changed scope means a new publisher token; the old one stops working (seed 001).
      entry.access = `evotor-publisher-${randomBytes(16).toString('hex')}`;
      return { status: 200, body: { scope: [...entry.scope], id: entry.id, access_token: entry.access } };
    }
    const settingsRoute =
      /^\/api\/v1\/publisher\/app\/hooks\/public\/api\/apps\/([^/]+)\/versions\/([^/]+)\/event-settings(?:\/([^/]+))?$/.exec(
        req.path,
      );
    if (!settingsRoute) return errorBody(404, `No route ${req.path}`);
    const [app, version] = [decodeURIComponent(settingsRoute[1]!), decodeURIComponent(settingsRoute[2]!)];
    if (app.toLowerCase() !== appId.toLowerCase()) return errorBody(403, 'Access to the application is denied');
    if (version.toLowerCase() !== versionId.toLowerCase()) return errorBody(404, 'Application version not found');
    const settingsId = settingsRoute[3] === undefined ? undefined : decodeURIComponent(settingsRoute[3]);
    if (settingsId === undefined && req.method === 'GET')
      return { status: 200, body: { items: portal.eventSettings.map((e) => ({ ...e, events: [...e.events] })), paging: {} } };
    if (settingsId === undefined && req.method === 'POST') {
      if (portal.eventSettings.length > 0)
        return errorBody(409, 'Event settings for this version already exist', [
          { reason: 'already exists', subject: 'event-settings' },
        ]);
      const parsed = settingsBody(req);
      if ('status' in parsed) return parsed;
      const now = new Date().toISOString();
      const entry: EvotorMockEventSettings = {
        id: randomUUID(),
        app_id: appId,
        version_id: versionId,
        publisher_id: publisherId,
        ...parsed,
        created_at: now,
        updated_at: now,
      };
      portal.eventSettings.push(entry);
      return { status: 201, body: { ...entry, events: [...entry.events] } };
    }
    if (settingsId !== undefined && req.method === 'PUT') {
      const entry = portal.eventSettings.find((e) => e.id === settingsId);
      if (!entry) return errorBody(404, 'Event settings not found');
      const parsed = settingsBody(req);
      if ('status' in parsed) return parsed;
      Object.assign(entry, parsed, { updated_at: new Date().toISOString() });
      return { status: 200, body: { ...entry, events: [...entry.events] } };
    }
    return errorBody(405, 'Method not allowed');
  }

  const server = await MockServer.start(async (req, res) => {
    const portalAnswer = portalRoute(req);
    if (portalAnswer) return portalAnswer;
    if (req.method !== 'GET') return errorBody(405, 'Method not allowed');
    const route = /^(?:\/api)?\/apps\/([^/]+)\/events(?:\/([^/]+))?$/.exec(req.path);
    if (!route) return errorBody(404, `No route ${req.path}`);
    const denied = auth(req, decodeURIComponent(route[1]!));
    if (denied) return denied;
    if (route[2] !== undefined) {
      const event = events.find((e) => e.id === decodeURIComponent(route[2]!));
      return event ? { status: 200, body: render(event) } : errorBody(404, 'Event not found');
    }
    const cursor = req.query.get('cursor');
    if (cursor !== null) {
      if (req.query.has('since') || req.query.has('until') || req.query.has('types') || req.query.has('type')) {
        return errorBody(400, 'cursor must be used alone', [{ reason: 'must be used alone', subject: 'cursor' }]);
      }
      const entry = liveCursor(cursor);
      if (!entry)
        return errorBody(readings.cursorRejectStatus, 'cursor must have valid value', [
          { reason: 'must have valid value', subject: 'cursor' },
        ]);
      return page(entry.window, entry.offset, false);
    }
    const sinceText = req.query.get('since');
    const untilText = req.query.get('until');
    if (sinceText !== null && !/^\d+$/.test(sinceText))
      return errorBody(400, 'since must be epoch milliseconds', [{ reason: 'must be a number', subject: 'since' }]);
    if (untilText !== null && !/^\d+$/.test(untilText))
      return errorBody(400, 'until must be epoch milliseconds', [{ reason: 'must be a number', subject: 'until' }]);
    const since = sinceText === null ? 0 : Number(sinceText);
    const until = untilText === null ? null : Number(untilText);
    const types = listTypes(req.query);
    const streaming = `${req.headers['accept'] ?? ''} ${req.headers['content-type'] ?? ''}`.includes('application/stream+json');
    if (streaming && mock.streamingSupported) return openStream(res, since, types);
    // The window is fixed when it is first asked for: later events belong to the next window.
    return page({ items: ordered(events.filter((e) => matches(e, since, until, types))) }, 0, true);
  });
  server.clockOffsetMs = startOffsetMs;
  server.throttleAnswer = throttleAnswer;

  return {
    server,
    appId,
    get token() {
      return personalTokens[0]!.access;
    },
    get tokenWithoutScope() {
      return personalTokens[1]!.access;
    },
    portal,
    events,
    get url() {
      return server.url;
    },
    get pageSize() {
      return mock.pageSize;
    },
    set pageSize(value: number) {
      mock.pageSize = value;
    },
    get timestampFormat() {
      return mock.timestampFormat;
    },
    set timestampFormat(value: 'ms' | 'iso' | 'mixed') {
      mock.timestampFormat = value;
    },
    get pingIntervalMs() {
      return mock.pingIntervalMs;
    },
    set pingIntervalMs(value: number) {
      mock.pingIntervalMs = value;
    },
    get duplicateAcrossPages() {
      return mock.duplicateAcrossPages;
    },
    set duplicateAcrossPages(value: boolean) {
      mock.duplicateAcrossPages = value;
    },
    get emptyFirstPage() {
      return mock.emptyFirstPage;
    },
    set emptyFirstPage(value: boolean) {
      mock.emptyFirstPage = value;
    },
    get rejectCursors() {
      return mock.rejectCursors;
    },
    set rejectCursors(value: boolean) {
      mock.rejectCursors = value;
    },
    get clockOffsetMs() {
      return server.clockOffsetMs;
    },
    set clockOffsetMs(value: number) {
      server.clockOffsetMs = value;
    },
    readings,
    throttleAnswer,
    get openStreams() {
      return streams.size;
    },
    addEvents(n: number, opts: { at?: number; type?: string } = {}): EvotorMockEvent[] {
      const added: EvotorMockEvent[] = [];
      for (let i = 0; i < n; i++) {
        const newest = events.at(-1)?.timestamp ?? 0;
        // Stamped by the server's clock, never before the newest (or, for a burst, in the newest one's millisecond).
        const at =
          opts.at !== undefined
            ? opts.at + i
            : readings.burstsShareStamp && events.length > 0
              ? newest
              : Math.max(newest + 1, server.now());
        const event = makeEvent(at, opts.type);
        // Kept in time order: an event may arrive late, with a timestamp before the newest.
        const index = events.findLastIndex((e) => e.timestamp <= at) + 1;
        events.splice(index, 0, event);
        added.push(event);
        for (const stream of streams) if (matches(event, stream.since, null, stream.types)) write(stream, render(event), true);
      }
      return added;
    },
    expireCursors() {
      windows.clear();
    },
    failNext(
      status: number,
      opts: { times?: number; retryAfter?: string; message?: string; violations?: { reason: string; subject: string }[] } = {},
    ) {
      const response = errorBody(status, opts.message ?? `mock failure ${status}`, opts.violations);
      if (opts.retryAfter !== undefined) response.headers = { 'retry-after': opts.retryAfter };
      server.inject({ kind: 'respond', response }, opts.times ?? 1);
    },
    resetNext(times = 1) {
      server.inject({ kind: 'reset' }, times);
    },
    hangNext(times = 1) {
      server.inject({ kind: 'hang' }, times);
    },
    slowNext(ms: number, times = 1) {
      server.inject({ kind: 'delay', ms }, times);
    },
    malformedNext(times = 1) {
      server.inject({ kind: 'malformed' }, times);
    },
    shapelessNext() {
      shapeless = true;
    },
    get splitStreamLines() {
      return mock.splitStreamLines;
    },
    set splitStreamLines(value: boolean) {
      mock.splitStreamLines = value;
    },
    get streamingSupported() {
      return mock.streamingSupported;
    },
    set streamingSupported(value: boolean) {
      mock.streamingSupported = value;
    },
    silenceStreams() {
      for (const stream of streams) {
        stream.silent = true;
        clearInterval(stream.ping);
      }
    },
    dropStreams() {
      for (const stream of streams) stream.res.socket?.destroy();
    },
    endStreams() {
      for (const stream of streams) {
        stream.silent = true;
        clearInterval(stream.ping);
        stream.queue = stream.queue.then(() => void stream.res.end());
      }
    },
    silenceNextStream(afterEvents: number) {
      nextStream.silentAfter = afterEvents;
    },
    dropNextStream(afterEvents: number) {
      nextStream.dropAfter = afterEvents;
    },
    endNextStream(afterEvents: number) {
      nextStream.endAfter = afterEvents;
    },
    listRequests() {
      return server.requests.filter((r) => /\/apps\/[^/]+\/events$/.test(r.path));
    },
    async stop() {
      for (const stream of streams) {
        clearInterval(stream.ping);
        stream.res.destroy();
      }
      streams.clear();
      await server.stop();
    },
  };
}
