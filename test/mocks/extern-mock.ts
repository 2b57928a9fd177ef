// A mock of Kontur.Extern's docflow event feed (PROVIDERS.md sections 2 and 6) on MockServer:
// GET /v1/events?fromId&take with kebab-case pages, Bearer or legacy auth.sid + X-Kontur-Apikey,
// Extern's error body and X-Kontur-Trace-Id on every answer, at most 20 requests in flight (the server's
// `maxInFlight`, answered with Extern's 429 "Throttling" body), and switches for every failure and quirk a client
// must survive. Each UNCONFIRMED point of PROVIDERS.md 2.4 has a switch per plausible reading: what next-event-id
// names (`nextMeans`, `futureFrom`), whether fromId is inclusive, which key carries it (`cursorField`), what an
// empty page at the end says (`emptyNext`, `emptyEvents`), the largest take (`maxTake`, `overTake`) and what a
// forgotten fromId gets (`forget`, `forgottenFrom`). A mock is a second opinion: it must not encode the client's
// own reading.
// Also: POST /v1/{accountId}/share-events, GET/DELETE /v1/event-publishers (their shape is INVENTED:
// neither SDK has it) and an identity POST /connect/token (client_credentials). share-events answers 403 when
// the caller is not the account's administrator; the publishers list comes in any of the shapes a client must accept.
// Demands (требования, issue 11): GET /v1/{accountId}/docflows/{docflowId} and demand scenarios in the feed, with a
// switch per plausible reading of what the docs leave open (test/mocks/extern-demands.ts, `mock.demands`).
// No test-framework imports: the lead's `npm run mock` runs it standalone.
import type { ServerResponse } from 'node:http';
import { ExternDemands } from './extern-demands.ts';
import { MockServer, type Fault, type MockRequest, type MockResponse } from './mock-server.ts';

export interface ExternMockOptions {
  /** Seed of the generated data (same seed, same events). */
  seed?: number;
  /** Events in the feed at start. */
  events?: number;
  /** occurredAt of the first event, epoch ms. */
  startAt?: number;
  /** Time between generated events. */
  stepMs?: number;
  token?: string;
  sid?: string;
  apiKey?: string;
  /** Largest `take` the mock serves (the real one is UNCONFIRMED); default 1000. */
  maxTake?: number;
  /** What a bigger `take` gets: 400 validation error, or a silently smaller page. */
  overTake?: 'reject' | 'clamp';
}

export interface ExternMockPublisher {
  id: string;
  'account-id': string;
  subscriber: string;
  name: string;
  'events-filter'?: unknown;
}

export type ApiEventJson = Record<string, unknown> & { id: string; 'event-date-time': string };

export interface PlannedFailure {
  status: number;
  /** Retry-After header value, if any. */
  retryAfter?: string;
  errorId?: string;
  message?: string;
}

const SUBSCRIBERS = ['feedbell'];
const CLIENT_ID = 'feedbell-test';

const DOCFLOWS: { type: string; weight: number; states: string[] }[] = [
  {
    type: 'urn:docflow:fns534-report',
    weight: 30,
    states: ['report', 'report-receipt', 'acceptance-result-positive', 'acceptance-result-negative', 'processing-result-ok'],
  },
  {
    type: 'urn:docflow:fns534-demand',
    weight: 10,
    states: ['document', 'receipt-abonent', 'receiption-result-abonent-positive'],
  },
  { type: 'urn:docflow:fns534-cu-letter', weight: 8, states: ['cu-letter', 'letter-receipt-abonent'] },
  { type: 'urn:docflow:fns534-letter', weight: 5, states: ['respondent-letter', 'receipt-cu'] },
  { type: 'urn:docflow:fns534-ion', weight: 4, states: ['request', 'acceptance-result-positive', 'response'] },
  { type: 'urn:docflow:sfr-report', weight: 8, states: ['report', 'acceptance-result-positive', 'processing-result-ok'] },
  {
    type: 'urn:docflow:pfr-report',
    weight: 5,
    states: ['report', 'report-acknowledgement', 'protocol-positive', 'protocol-negative'],
  },
  { type: 'urn:docflow:stat-report', weight: 8, states: ['report', 'protocol-v2-success', 'protocol-v2-fail'] },
  { type: 'urn:docflow:stat-cu-letter', weight: 3, states: ['letter-cu'] },
  // Types and states the client cannot know (Kontur warns that new ones appear).
  { type: 'urn:docflow:fns534-future-registry', weight: 3, states: ['report', 'quantum-receipt'] },
  { type: 'urn:docflow:fns534-report', weight: 2, states: ['urn-from-the-future'] },
];
const DOCFLOW_WEIGHT = DOCFLOWS.reduce((sum, d) => sum + d.weight, 0);

const ORGS = [
  { inn: '6676130154', kpp: '667601001' },
  { inn: '7709876543', kpp: '770901001' },
  { inn: '5403123456', kpp: '540301001' },
  { inn: '667012345678', kpp: null },
];

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** ISO date-time with a +05:00 offset (Yekaterinburg), as .NET writes a DateTimeOffset. */
function withOffset(at: number): string {
  const local = new Date(at + 5 * 3_600_000).toISOString().replace('Z', '');
  return `${local}0000+05:00`;
}

export class ExternMock {
  readonly server: MockServer;
  readonly seed: number;
  readonly stepMs: number;
  readonly apiKey: string;
  readonly sid: string;
  readonly clientId = CLIENT_ID;
  /** Three accounts that shared their events. */
  readonly accounts: string[];
  /** Every event of the feed, in feed order. */
  readonly events: ApiEventJson[] = [];
  readonly #index = new Map<string, number>();
  /** occurredAt of each event (without the clock offset). */
  readonly #times: number[] = [];

  // ---- switches ----
  token: string;
  /** The token has expired: Bearer requests get 401. */
  tokenExpired = false;
  /** Also accept these Bearer tokens (e.g. the identity mock's access tokens, for feeds signed in to Kontur). */
  acceptAccessToken: ((token: string) => boolean) | null = null;
  /** The event feed is not enabled for the integrator: 403. */
  feedEnabled = true;
  /**
   * What the page's cursor names (UNCONFIRMED, PROVIDERS.md 2.4): the last event it returned, or the first event
   * not yet returned (at the end of the feed: the next offset, an id that does not exist yet and becomes valid when
   * that event arrives).
   */
  nextMeans: 'last-returned' | 'first-unreturned' = 'last-returned';
  /** `fromId` includes the event it names (with 'last-returned': the last one of the previous page comes again). */
  inclusive = false;
  /** Which key carries the cursor (UNCONFIRMED which one the real server sends). */
  cursorField: 'next-event-id' | 'last-event-id' = 'next-event-id';
  /** next-event-id on an empty page: the fromId echoed, null, or absent. */
  emptyNext: 'echo' | 'null' | 'absent' = 'echo';
  /** api-events on an empty page (returned-count is 0 either way): [], null, or absent. */
  emptyEvents: 'empty' | 'null' | 'absent' = 'empty';
  /**
   * What a fromId the server no longer keeps gets (retention UNCONFIRMED): 400 "fromId is not a valid event id",
   * 404, or a page from the oldest event still kept, as if nothing were wrong.
   */
  forgottenFrom: 'reject' | 'not-found' | 'oldest' = 'reject';
  /**
   * With 'first-unreturned', a fromId naming the next offset before its event exists: an empty page, or 400 "fromId
   * is not a valid event id" like any unknown id until the event arrives (UNCONFIRMED).
   */
  futureFrom: 'empty' | 'reject' = 'empty';
  /** 429 "Throttling" comes with this Retry-After (its presence is UNCONFIRMED), or none. */
  throttleRetryAfter: string | null = null;
  /** A test's own answer to an authenticated /v1/events request, or undefined for the normal one (it may also change the feed). */
  intercept: ((req: MockRequest) => MockResponse | undefined) | null = null;
  /** Error bodies name the trace "trace-id" or "track-id" (both occur). */
  traceKey: 'trace-id' | 'track-id' = 'trace-id';
  /** Each page also repeats the previous page's last event and its own first event (duplicates across pages). */
  duplicates = false;
  /** The next n pages come back empty although more events exist. */
  emptyPagesAhead = 0;
  /** A 401 message repeats the Authorization header it got (a careless server): the client must not leak it. */
  echoCredentials = false;
  /** Every /v1/events answer waits this long (slow server; also keeps requests in flight). */
  delayMs = 0;
  maxTake: number;
  overTake: 'reject' | 'clamp';

  // ---- observations ----
  /** Requests to /v1/events so far. */
  eventsRequests = 0;
  /** /v1/events requests being answered now, and the most at once (the feed's paging alone, without the lookups). */
  eventsInFlight = 0;
  peakEventsInFlight = 0;
  readonly publishers: ExternMockPublisher[] = [];
  /** The caller of share-events administers the account (the seed: it runs "с auth.sid" of the administrator); false: 403. */
  shareAsAdmin = true;
  /**
   * How GET /v1/event-publishers wraps its list. INVENTED: neither SDK nor the docs show it (PROVIDERS.md 2.1), so a
   * client must accept each: `{ publishers: [...] }`, a bare array, `{ "event-publishers": [...] }` with `title`
   * instead of `name`, or `{ items: [...] }` with `publisher-id` and `title`.
   */
  publishersShape: 'publishers' | 'array' | 'event-publishers' | 'items' = 'publishers';

  /** Demand docflows and their scenario events (issue 11). */
  readonly demands: ExternDemands;

  readonly #failures: PlannedFailure[] = [];
  readonly #scheduled = new Map<number, Fault>();
  readonly #startAt: number;
  /** Events before this index are gone (retention): ids() leaves them out and fromId naming them is forgotten. */
  #keptFrom = 0;
  #traceSeq = 0;
  #publisherSeq = 0;

  constructor(server: MockServer, options: ExternMockOptions) {
    this.server = server;
    this.seed = options.seed ?? 4;
    this.stepMs = options.stepMs ?? 10 * 60_000;
    this.#startAt = options.startAt ?? Date.UTC(2026, 0, 1);
    this.token = options.token ?? 'extern-oidc-token-7f3c9a1e5b';
    this.sid = options.sid ?? 'extern-sid-4d2b8e61c0';
    this.apiKey = options.apiKey ?? '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    this.maxTake = options.maxTake ?? 1000;
    this.overTake = options.overTake ?? 'reject';
    const random = prng(this.seed);
    this.accounts = [guid(random), guid(random), guid(random)];
    // At most 20 requests in flight per client (doc); above, Extern's 429.
    server.maxInFlight = 20;
    server.throttleAnswer = () =>
      this.#error(
        429,
        'urn:error:throttling',
        'Throttling',
        this.throttleRetryAfter ? { retryAfter: this.throttleRetryAfter } : {},
      );
    this.#append(options.events ?? 250, this.#startAt);
    this.demands = new ExternDemands({
      url: () => this.url,
      push: (fields, at) => this.#push(fields, at),
      generated: (docflowId) => this.events.find((e) => e['docflow-id'] === docflowId) ?? null,
      orgs: ORGS,
      random: prng(this.seed * 31 + 7),
    });
  }

  /** Appends one event with these fields (a demand scenario's), stamped `at`; its id follows the feed's. */
  #push(fields: Record<string, unknown>, at: number): ApiEventJson {
    const event: ApiEventJson = { ...fields, id: `3_${this.events.length + 1}`, 'event-date-time': new Date(at).toISOString() };
    this.#times.push(at);
    this.#index.set(event.id, this.events.length);
    this.events.push(event);
    return event;
  }

  get url(): string {
    return this.server.url;
  }

  /** The event-date-time of each event still kept, as epoch ms (the server's own stamps), in feed order. */
  times(): number[] {
    return this.#times.slice(this.#keptFrom);
  }

  /** Ids of every event the server still keeps, in feed order. */
  ids(): string[] {
    return this.events.slice(this.#keptFrom).map((e) => e.id);
  }

  /**
   * Appends n events that happen now, stamped by the server's clock (`server.now()`, which follows
   * `server.clockOffsetMs`), each after the one before; `at` instead dates the first one and steps by `stepMs`.
   */
  addEvents(n: number, options: { at?: number } = {}): ApiEventJson[] {
    if (options.at !== undefined) return this.#append(n, options.at, this.stepMs);
    const added: ApiEventJson[] = [];
    for (let i = 0; i < n; i++) {
      const last = this.#times.at(-1);
      added.push(...this.#append(1, Math.max(this.server.now(), last === undefined ? 0 : last + 1)));
    }
    return added;
  }

  /** Retention: the server drops its n oldest events; a fromId naming one of them is then forgotten. */
  forget(n: number): void {
    this.#keptFrom = Math.min(this.events.length, this.#keptFrom + n);
  }

  #append(n: number, firstAt: number, stepMs = this.stepMs): ApiEventJson[] {
    const added: ApiEventJson[] = [];
    for (let i = 0, at = firstAt; i < n; i++, at += stepMs) {
      const event = this.#generate(this.events.length + 1, at);
      this.#times.push(at);
      this.#index.set(event.id, this.events.length);
      this.events.push(event);
      added.push(event);
    }
    return added;
  }

  /** The next requests to /v1/events answer with this HTTP error (Extern's error body). */
  failNext(failure: PlannedFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.#failures.push(failure);
  }

  /** 429 "Throttling", with or without Retry-After (its presence is UNCONFIRMED). */
  throttle(options: { retryAfter?: string; times?: number } = {}): void {
    this.failNext(
      {
        status: 429,
        errorId: 'urn:error:throttling',
        message: 'Throttling',
        ...(options.retryAfter ? { retryAfter: options.retryAfter } : {}),
      },
      options.times ?? 1,
    );
  }

  /** Transport faults for the next requests: reset, hang, delay, malformed JSON, truncated body. */
  inject(fault: Fault, times = 1): void {
    this.server.inject(fault, times);
  }

  /** The /v1/events request number `after + 1` from now gets this fault (e.g. to stop a sync mid-way). */
  faultAfter(after: number, fault: Fault): void {
    this.#scheduled.set(this.eventsRequests + after + 1, fault);
  }

  /** Forgets every planned failure and switches failures off. */
  clearFailures(): void {
    this.#failures.length = 0;
    this.#scheduled.clear();
    this.server.clearFaults();
    this.tokenExpired = false;
    this.feedEnabled = true;
    this.emptyPagesAhead = 0;
    this.delayMs = 0;
  }

  /** The /v1/events requests the mock received. */
  eventRequests(): MockRequest[] {
    return this.server.requestsTo('/v1/events');
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  // ---- data ----

  #generate(seq: number, at: number): ApiEventJson {
    const random = prng(this.seed * 1_000_003 + seq);
    let pick = random() * DOCFLOW_WEIGHT;
    const docflow = DOCFLOWS.find((d) => (pick -= d.weight) < 0) ?? DOCFLOWS[0]!;
    const state = docflow.states[Math.floor(random() * docflow.states.length)]!;
    const account = this.accounts[Math.floor(random() * this.accounts.length)]!;
    const org = ORGS[Math.floor(random() * ORGS.length)]!;
    const docflowId = guid(random);
    const event: ApiEventJson = {
      id: `3_${seq}`,
      inn: org.inn,
      kpp: org.kpp,
      'docflow-type': docflow.type,
      'docflow-id': docflowId,
      'account-id': account,
      'docflow-link': {
        // Every 11th link is not a Kontur https link: the client must not offer it.
        href:
          seq % 11 === 0
            ? `http://extern.example.com/${docflowId}`
            : `https://extern-api.kontur.ru/v1/${account}/docflows/${docflowId}`,
        rel: 'docflow',
        name: null,
        title: null,
        profile: null,
        templated: false,
      },
      'new-state': state.startsWith('urn:') ? state : `urn:transaction:${state}`,
      'event-date-time': seq % 7 === 0 ? withOffset(at) : new Date(at).toISOString(),
      // A field the client does not know.
      'publisher-id': `pub-${account.slice(0, 8)}`,
    };
    if (state === 'receipt-abonent' || state === 'response') event['related-docflow-id'] = guid(random);
    return event;
  }

  // ---- HTTP ----

  #trace(): string {
    this.#traceSeq++;
    return `${(this.seed * 7919 + this.#traceSeq).toString(16).padStart(8, '0')}-mock-trace`;
  }

  #error(
    status: number,
    id: string,
    message: string,
    extra: { retryAfter?: string; properties?: Record<string, unknown> } = {},
  ): MockResponse {
    const trace = this.#trace();
    const names: Record<number, string> = {
      400: 'BadRequest',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'NotFound',
      429: 'TooManyRequests',
      500: 'InternalServerError',
      503: 'ServiceUnavailable',
    };
    return {
      status,
      headers: { 'x-kontur-trace-id': trace, ...(extra.retryAfter ? { 'retry-after': extra.retryAfter } : {}) },
      body: {
        id,
        'status-code': names[status] ?? String(status),
        message,
        [this.traceKey]: trace,
        properties: extra.properties ?? {},
      },
    };
  }

  #ok(body: unknown, status = 200): MockResponse {
    return { status, headers: { 'x-kontur-trace-id': this.#trace() }, body };
  }

  /** null when the request is authenticated, else the 401 to send. */
  #authFailure(req: MockRequest): MockResponse | null {
    const header = req.headers['authorization'] ?? '';
    const apiKey = req.headers['x-kontur-apikey'];
    const said = this.echoCredentials ? ` (got "${header}", api key "${apiKey ?? ''}")` : '';
    const signedIn = header.startsWith('Bearer ') && this.acceptAccessToken?.(header.slice('Bearer '.length)) === true;
    if (header === `Bearer ${this.token}` || signedIn) {
      if (this.tokenExpired) return this.#error(401, 'urn:error:unauthorized', `Access token has expired${said}`);
      return null;
    }
    if (header === `auth.sid ${this.sid}`) {
      if (apiKey === this.apiKey) return null;
      return this.#error(401, 'urn:error:unauthorized', `auth.sid needs a valid X-Kontur-Apikey${said}`);
    }
    return this.#error(401, 'urn:error:unauthorized', `Not authenticated${said}`);
  }

  async handle(req: MockRequest, res: ServerResponse): Promise<MockResponse | 'handled'> {
    if (req.path === '/connect/token' && req.method === 'POST') return this.#token(req);
    if (req.path === '/v1/events' && req.method === 'GET') {
      this.eventsRequests++;
      this.eventsInFlight++;
      this.peakEventsInFlight = Math.max(this.peakEventsInFlight, this.eventsInFlight);
      try {
        return await this.#events(req, res, this.eventsRequests);
      } finally {
        this.eventsInFlight--;
      }
    }
    const denied = this.#authFailure(req);
    if (denied) return denied;
    const share = /^\/v1\/([^/]+)\/share-events$/.exec(req.path);
    if (share && req.method === 'POST') return this.#share(share[1]!, req);
    if (req.path === '/v1/event-publishers' && req.method === 'GET') return this.#ok(this.#publishersBody());
    const docflow = /^\/v1\/([^/]+)\/docflows\/([^/]+)$/.exec(req.path);
    if (docflow && req.method === 'GET') {
      const answer = this.demands.answer(decodeURIComponent(docflow[1]!), decodeURIComponent(docflow[2]!));
      if (answer === null) return this.#error(404, 'urn:error:not-found', `Docflow ${docflow[2]} is not found`);
      return typeof answer === 'string'
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: answer }
        : this.#ok(answer);
    }
    const publisher = /^\/v1\/event-publishers\/([^/]+)$/.exec(req.path);
    if (publisher && req.method === 'DELETE') {
      const at = this.publishers.findIndex((p) => p.id === publisher[1]);
      if (at < 0) return this.#error(404, 'urn:error:not-found', 'Publisher not found');
      this.publishers.splice(at, 1);
      return { status: 204, headers: { 'x-kontur-trace-id': this.#trace() } };
    }
    return this.#error(404, 'urn:error:not-found', `No route ${req.method} ${req.path}`);
  }

  async #events(req: MockRequest, res: ServerResponse, number: number): Promise<MockResponse | 'handled'> {
    const scheduled = this.#scheduled.get(number);
    if (scheduled) {
      this.#scheduled.delete(number);
      if (scheduled.kind === 'reset') {
        res.socket?.destroy();
        return 'handled';
      }
      if (scheduled.kind === 'hang') return 'handled';
      if (scheduled.kind === 'respond') return scheduled.response;
      if (scheduled.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, scheduled.ms));
      if (scheduled.kind === 'malformed')
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"api-events": [' };
    }
    const denied = this.#authFailure(req);
    if (denied) return denied;
    if (!this.feedEnabled) {
      return this.#error(403, 'urn:error:forbidden', 'Access to the events feed is not granted for this client', {
        properties: { resource: 'events' },
      });
    }
    const failure = this.#failures.shift();
    if (failure) {
      return this.#error(
        failure.status,
        failure.errorId ?? `urn:error:http-${failure.status}`,
        failure.message ?? 'Planned failure',
        failure.retryAfter ? { retryAfter: failure.retryAfter } : {},
      );
    }
    const own = this.intercept?.(req);
    if (own) return own;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));

    const fromId = req.query.get('fromId');
    const takeText = req.query.get('take');
    let take = takeText === null ? 100 : Number(takeText);
    if (!fromId) return this.#error(400, 'urn:error:validation', 'fromId is required', { properties: { fromId: 'required' } });
    if (!Number.isInteger(take) || take < 1) return this.#error(400, 'urn:error:validation', 'take must be a positive number');
    if (take > this.maxTake) {
      if (this.overTake === 'reject') {
        return this.#error(400, 'urn:error:validation', `take must not exceed ${this.maxTake}`, {
          properties: { take: String(take) },
        });
      }
      take = this.maxTake;
    }
    const start = this.#startOf(fromId);
    if (start === 'invalid')
      return this.#error(400, 'urn:error:validation', 'fromId is not a valid event id', { properties: { fromId } });
    if (start === 'forgotten' && this.forgottenFrom === 'reject') {
      return this.#error(400, 'urn:error:validation', 'fromId is not a valid event id', { properties: { fromId } });
    }
    if (start === 'forgotten' && this.forgottenFrom === 'not-found') {
      return this.#error(404, 'urn:error:not-found', `Event ${fromId} is not found`, { properties: { fromId } });
    }
    const first = start === 'forgotten' ? this.#keptFrom : start;
    const page = this.emptyPagesAhead > 0 ? [] : this.events.slice(first, first + take);
    if (this.emptyPagesAhead > 0) this.emptyPagesAhead--;
    const sent = [...page];
    if (this.duplicates && page.length > 0) {
      if (first > this.#keptFrom && !this.inclusive) sent.unshift(this.events[first - 1]!);
      sent.push(page[0]!);
    }
    const body: Record<string, unknown> = {
      'first-event-id': sent[0]?.id ?? fromId,
      'requested-count': take,
      'returned-count': sent.length,
      links: [{ rel: 'self', href: `${this.url}/v1/events?fromId=${encodeURIComponent(fromId)}&take=${take}` }],
    };
    if (sent.length > 0 || this.emptyEvents === 'empty') body['api-events'] = sent;
    else if (this.emptyEvents === 'null') body['api-events'] = null;
    let next: string | null | undefined;
    if (page.length === 0) next = this.emptyNext === 'echo' ? fromId : this.emptyNext === 'null' ? null : undefined;
    else if (this.nextMeans === 'last-returned') next = page.at(-1)!.id;
    // The first event not returned; past the end, the offset the next event will get.
    else next = this.events[first + page.length]?.id ?? `3_${this.events.length + 1}`;
    if (next !== undefined) body[this.cursorField] = next;
    return this.#ok(body);
  }

  /** Where a page from `fromId` begins: an index into `events`, or why it cannot. */
  #startOf(fromId: string): number | 'forgotten' | 'invalid' {
    if (fromId === '0_0') return this.#keptFrom;
    // The next offset is valid before its event exists: the server handed it out as "first not returned".
    const future = fromId === `3_${this.events.length + 1}`;
    if (future && this.futureFrom === 'reject') return 'invalid';
    const at = future ? this.events.length : this.#index.get(fromId);
    if (at === undefined) return 'invalid';
    if (at < this.#keptFrom) return 'forgotten';
    return this.inclusive ? at : at + 1;
  }

  #publishersBody(): unknown {
    const plain = this.publishers.map((p) => ({ ...p }));
    const titled = plain.map(({ name, ...rest }) => ({ ...rest, title: name }));
    if (this.publishersShape === 'array') return plain;
    if (this.publishersShape === 'event-publishers') return { 'event-publishers': titled };
    if (this.publishersShape === 'items') return { items: titled.map(({ id, ...rest }) => ({ 'publisher-id': id, ...rest })) };
    return { publishers: plain };
  }

  #share(accountId: string, req: MockRequest): MockResponse {
    if (!this.shareAsAdmin || !this.accounts.includes(accountId)) {
      return this.#error(403, 'urn:error:forbidden', `The user is not an administrator of account ${accountId}`, {
        properties: { accountId },
      });
    }
    let body: { subscriber?: unknown; 'events-filter'?: unknown } = {};
    try {
      body = JSON.parse(req.body || '{}') as { subscriber?: unknown };
    } catch {
      return this.#error(400, 'urn:error:validation', 'Body is not valid JSON');
    }
    const subscriber = typeof body.subscriber === 'string' ? body.subscriber : '';
    if (!subscriber)
      return this.#error(400, 'urn:error:validation', 'subscriber is required', { properties: { subscriber: 'required' } });
    if (!SUBSCRIBERS.includes(subscriber)) return this.#error(400, 'urn:error:validation', `Unknown subscriber ${subscriber}`);
    const filter = body['events-filter'];
    if (filter !== undefined && (typeof filter !== 'object' || filter === null || Array.isArray(filter))) {
      return this.#error(400, 'urn:error:validation', 'events-filter must be an object', {
        properties: { 'events-filter': 'invalid' },
      });
    }
    const existing = this.publishers.find((p) => p['account-id'] === accountId && p.subscriber === subscriber);
    if (existing) {
      if (filter === undefined) delete existing['events-filter'];
      else existing['events-filter'] = filter;
    } else {
      this.publishers.push({
        id: `publisher-${++this.#publisherSeq}`,
        'account-id': accountId,
        subscriber,
        name: `Учётная запись ${accountId.slice(0, 8)}`,
        ...(filter === undefined ? {} : { 'events-filter': filter }),
      });
    }
    return this.#ok({});
  }

  #token(req: MockRequest): MockResponse {
    const form = new URLSearchParams(req.body);
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(req.headers['authorization'] ?? '');
    if (basic) {
      const [id, ...rest] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = id ?? null;
      secret = rest.join(':');
    }
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (clientId !== CLIENT_ID || secret !== this.apiKey) return { status: 400, body: { error: 'invalid_client' } };
    return { status: 200, body: { access_token: this.token, expires_in: 3600, token_type: 'Bearer', scope: 'extern.api' } };
  }
}

/** Starts the mock on 127.0.0.1 (OS-picked port). */
export async function startExternMock(options: ExternMockOptions = {}): Promise<ExternMock> {
  let mock: ExternMock | null = null;
  const server = await MockServer.start((req, res) => {
    if (!mock) return { status: 503, body: 'starting' };
    return mock.handle(req, res);
  });
  mock = new ExternMock(server, options);
  return mock;
}
