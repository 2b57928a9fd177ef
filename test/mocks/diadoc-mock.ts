// A mock of Diadoc's event API (PROVIDERS.md sections 1 and 6) on MockServer: GET /V8/GetNewEvents, /V2/GetLastEvent,
// /V3/GetEvent; Bearer and legacy DiadocAuth; JSON only with Accept: application/json; text/plain errors with
// X-Diadoc-ErrorCode; exclusive IndexKey cursor (base64 with + / =), timestampFromTicks, TotalCount/TotalCountType;
// int64 ticks above 2^53 written as bare JSON numbers; switches for every failure the Diadoc feed must survive.
// It is a second opinion, not a mirror of the provider: each point PROVIDERS.md leaves open (end of feed, TotalCount,
// the #1083 twin, duplicates, the page maximum, int64 in JSON, a refused IndexKey) has a switch for every plausible
// reading. Events added after start are stamped with the server's clock (`server.now()`).
// No test-framework imports: `npm run mock` can start it on its own.
import { MockServer, type MockRequest, type MockResponse } from './mock-server.ts';
import { seededRandom } from '../../main/core/seeded-random.ts';

const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;

export interface DiadocMockOptions {
  /** Seed of the deterministic event generator. */
  seed?: number;
  /** Events in the box at start. */
  events?: number;
  boxId?: string;
  departmentId?: string;
  token?: string;
  clientId?: string;
  /** Above this many matching events TotalCount is capped and TotalCountType is GreaterThanOrEqual. */
  totalCountCap?: number;
  /** Time of the first event (epoch ms). */
  originMs?: number;
}

/** One event as the mock keeps it; ticks are exact bigints. */
export interface MockBoxEvent {
  EventId: string;
  IndexKey: string;
  ticks: bigint;
  direction: 'Inbound' | 'Outbound' | 'Internal';
  messageType: 'Letter' | 'Draft' | 'Template';
  /** What kind of event the generator made (for tests picking one). */
  kind: string;
  body: Record<string, unknown>;
}

/**
 * What the server answers when nothing follows the cursor (PROVIDERS §1.6: an empty list is inferred, no doc shows
 * it): `"Events": []`; an object without Events (protobuf-style serializers omit empty lists); 204 No Content (as
 * GetLastEvent does for an empty box); 200 with an empty body.
 */
export type EndOfFeed = 'empty-list' | 'no-events-field' | 'no-content' | 'empty-body';
/**
 * What TotalCount counts (§1.6 says "all events matching the query"; whether the cursor narrows it is open):
 * the events after the cursor, all matching events in the box, the events on this page, or no TotalCount at all.
 */
export type TotalCountReading = 'remaining' | 'box' | 'page' | 'absent';
/** TotalCountType: Equal below `totalCountCap` and GreaterThanOrEqual above it ('auto'), one value always, or absent. */
export type TotalCountTypeReading = 'auto' | 'Equal' | 'GreaterThanOrEqual' | 'UnknownCountType' | 'absent';

export interface FailureOptions {
  retryAfter?: string;
  code?: string;
  body?: string;
  times?: number;
}

function guid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** An opaque base64 IndexKey that always holds "+", "/" and "=" (the characters that must be URL-encoded). */
function indexKey(random: () => number): string {
  const bytes = Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256)));
  const b64 = bytes.toString('base64').split('');
  b64[3] = '+';
  b64[7] = '/';
  return b64.join('');
}

const ORGS = ['ООО «Ромашка»', 'АО «Вектор»', 'ИП Сидоров А. А.', 'ООО «Северный ветер»', 'ПАО «Гранит»'];
/**
 * The kinds of document the box holds, with the DocumentInfo fields where Diadoc puts a kind's function and amount
 * (the SDK's Document.proto: `Function`, and `<Kind>Metadata.Total`, or `ContractMetadata.ContractPrice`).
 */
const DOC_TYPES: { attachment: string; named: string; title: string; functions?: string[]; metadata?: string }[] = [
  {
    attachment: 'UniversalTransferDocument',
    named: 'UniversalTransferDocument',
    title: 'УПД',
    functions: ['СЧФДОП', 'СЧФ', 'ДОП'],
    metadata: 'UniversalTransferDocumentMetadata',
  },
  { attachment: 'Invoice', named: 'Invoice', title: 'Счёт-фактура', metadata: 'InvoiceMetadata' },
  { attachment: 'Nonformalized', named: 'Nonformalized', title: 'Письмо' },
  { attachment: 'XmlTorg12', named: 'Torg12', title: 'ТОРГ-12', metadata: 'XmlTorg12Metadata' },
  {
    attachment: 'XmlAcceptanceCertificate',
    named: 'AcceptanceCertificate',
    title: 'Акт',
    metadata: 'XmlAcceptanceCertificateMetadata',
  },
  { attachment: 'Contract', named: 'Contract', title: 'Договор', metadata: 'ContractMetadata' },
  { attachment: 'ProformaInvoice', named: 'ProformaInvoice', title: 'Счёт', metadata: 'ProformaInvoiceMetadata' },
  {
    attachment: 'UniversalCorrectionDocument',
    named: 'UniversalCorrectionDocument',
    title: 'УКД',
    functions: ['КСЧФДИС', 'КСЧФ', 'ДИС'],
  },
  { attachment: 'UniversalMessage', named: 'UniversalMessage', title: 'Сообщение' },
  // A type the client does not know (forward compatibility).
  { attachment: 'UnknownAttachmentType', named: 'FutureDocument2030', title: 'Новый вид документа' },
];
const PATCH_KINDS = ['signed', 'rejected', 'deleted', 'delivered', 'comment', 'generic'] as const;

export class DiadocMock {
  readonly server: MockServer;
  readonly boxId: string;
  readonly departmentId: string;
  readonly token: string;
  readonly clientId: string;
  /** The box's events in feed order (a duplicate switch may repeat an EventId). */
  readonly events: MockBoxEvent[] = [];
  /** Switch: the box's API subscription has expired (402). */
  unpaid = false;
  /** Switch: the token has expired (401). */
  tokenExpired = false;
  /** Also accept these Bearer tokens: access tokens a Kontur identity mock issued (OIDC sign-in). */
  acceptAccessToken: ((token: string) => boolean) | null = null;
  /** Switch: the user has no access to the box (403), as if boxId were wrong. */
  forbidden = false;
  /** Reading: how the end of the feed looks (see EndOfFeed). */
  endOfFeed: EndOfFeed = 'empty-list';
  /** Reading: what TotalCount counts. */
  totalCount: TotalCountReading = 'remaining';
  /** Reading: what TotalCountType says. */
  totalCountType: TotalCountTypeReading = 'auto';
  /**
   * Reading: issue #1083 is not fixed in V8, at the worst place. Whenever a page is cut (more events follow it), the
   * first event left out becomes the twin of the page's last one (the same IndexKey and timestamp): reading after
   * that IndexKey skips it, reading from that timestamp returns both.
   */
  boundaryTwins = false;
  /** Reading: the most events one page holds (the docs say 100; a server may hold fewer). */
  pageMax = 100;
  /** Reading: what a `limit` above `pageMax` gets: 400, or a page of `pageMax` (clamped silently). */
  overPageMax: 'reject' | 'clamp' = 'reject';
  /** Reading: int64 values in JSON as bare numbers (the docs' examples) or as strings (the proto3 JSON mapping). */
  ticksAs: 'number' | 'string' = 'number';
  /**
   * Reading: the server re-keys its index after every answer that carried events, so no IndexKey it gave is accepted
   * after its next such answer (400 "cursor must have valid value"): a server-side change, over and over.
   */
  rekeyAfterEveryAnswer = false;
  /**
   * Reading (PROVIDERS §1.9, UNCONFIRMED which GetNewEvents carries): whether a document's DocumentInfo says
   * RecipientResponseStatus (WaitingForRecipientSignature, then WithRecipientSignature or
   * RecipientSignatureRequestRejected in the patch), or only the entity's NeedRecipientSignature flag says it waits.
   * Applies to `awaitSignature` and `answer`.
   */
  recipientStatus: 'field' | 'flag-only' = 'field';
  /** Switch: the next N GetNewEvents answers are empty pages although more events exist. */
  emptyPagesWhileMore = 0;
  totalCountCap: number;
  readonly #random: () => number;
  readonly #originTicks: bigint;
  readonly #failures: { status: number; options: FailureOptions }[] = [];
  #generated = 0;
  /** After the constructor's seed events: new events are stamped with the server's clock. */
  #live = false;

  constructor(server: MockServer, options: DiadocMockOptions) {
    this.server = server;
    this.#random = seededRandom(options.seed ?? 20_260_301);
    this.boxId = options.boxId ?? 'b0c1d2e3-f405-4617-8829-3a4b5c6d7e8f';
    this.departmentId = options.departmentId ?? 'd0d1d2d3-0405-4607-8809-0a0b0c0d0e0f';
    this.token = options.token ?? 'diadoc-test-token-7Hq2+Zx/91=';
    this.clientId = options.clientId ?? 'Feedbell-Test-Client-01';
    this.totalCountCap = options.totalCountCap ?? 1000;
    this.#originTicks = BigInt(options.originMs ?? Date.UTC(2026, 2, 1, 8, 0)) * 10_000n + TICKS_AT_UNIX_EPOCH;
    this.addEvents(options.events ?? 250);
    this.#live = true;
  }

  get url(): string {
    return this.server.url;
  }

  /** The exact Authorization header values the mock accepts. */
  get credentials() {
    return {
      token: this.token,
      clientId: this.clientId,
      boxId: this.boxId,
      departmentId: this.departmentId,
      bearer: `Bearer ${this.token}`,
      diadocAuth: `DiadocAuth ddauth_api_client_id=${this.clientId},ddauth_token=${this.token}`,
    };
  }

  /** Every distinct EventId in the box, in feed order. */
  allEventIds(): string[] {
    return [...new Set(this.events.map((e) => e.EventId))];
  }

  /** Epoch ms of an event's ticks. */
  static ms(event: MockBoxEvent): number {
    return Number((event.ticks - TICKS_AT_UNIX_EPOCH) / 10_000n);
  }

  /**
   * Appends `n` new events (messages, drafts and patches) after the newest one. Once the mock has started, they are
   * stamped with the server's clock (`server.now()`), never before the newest event.
   */
  addEvents(n: number): MockBoxEvent[] {
    const added: MockBoxEvent[] = [];
    for (let i = 0; i < n; i++) {
      const event = this.#generate(this.#generated++);
      this.events.push(event);
      added.push(event);
    }
    return added;
  }

  /**
   * An inbound УПД (or, with `documents`, a packet of several) that waits for the box's signature, as the next event.
   * Returns the event; `answer` ends the wait later.
   */
  awaitSignature(documents = 1): MockBoxEvent {
    const event = this.addEvents(1)[0]!;
    const r = this.#random;
    const messageId = guid(r);
    const number = () => String(100 + Math.floor(r() * 9900));
    const day = new Date(DiadocMock.ms(event));
    const date = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`;
    const entities = Array.from({ length: documents }, () => {
      const entityId = guid(r);
      const n = number();
      return {
        EntityType: 'Attachment',
        EntityId: entityId,
        AttachmentType: 'UniversalTransferDocument',
        FileName: `УПД ${n}.xml`,
        NeedRecipientSignature: true,
        DocumentInfo: {
          MessageId: messageId,
          EntityId: entityId,
          TypeNamedId: 'UniversalTransferDocument',
          Title: `УПД № ${n}`,
          DocumentNumber: n,
          DocumentDate: date,
          DocumentDirection: 'Inbound',
          ...(this.recipientStatus === 'field' ? { RecipientResponseStatus: 'WaitingForRecipientSignature' } : {}),
        },
      };
    });
    event.kind = 'awaiting-signature';
    event.direction = 'Inbound';
    event.messageType = 'Letter';
    event.body = {
      Message: {
        MessageId: messageId,
        FromBoxId: guid(r),
        FromTitle: 'АО «Вектор»',
        ToBoxId: this.boxId,
        ToTitle: 'ООО «Фидбелл»',
        Entities: entities,
        IsDraft: false,
        IsDeleted: false,
        IsInternal: false,
        MessageType: 'Letter',
      },
    };
    return event;
  }

  /**
   * A later patch that ends the wait of a document `awaitSignature` made (the first one, or `entity`): signed (a
   * signature under it, and the status where the reading has it), refused, revoked, the document deleted, or the
   * whole message deleted. Returns the patch event.
   */
  answer(message: MockBoxEvent, how: 'signed' | 'refused' | 'revoked' | 'deleted' | 'message-deleted', entity = 0): MockBoxEvent {
    const event = this.addEvents(1)[0]!;
    const r = this.#random;
    const original = message.body['Message'] as { MessageId: string; Entities: Record<string, unknown>[] };
    const doc = original.Entities[entity]!;
    const docId = String(doc['EntityId']);
    const info = (status: Record<string, string>) => ({
      ...doc,
      DocumentInfo: { ...(doc['DocumentInfo'] as Record<string, unknown>), ...status },
    });
    const field = this.recipientStatus === 'field';
    const entities: Record<string, unknown>[] = [];
    const entityPatches: Record<string, unknown>[] = [];
    if (how === 'signed') {
      entities.push({
        EntityType: 'Signature',
        EntityId: guid(r),
        ParentEntityId: docId,
        AttachmentType: 'UnknownAttachmentType',
      });
      if (field) entities.push(info({ RecipientResponseStatus: 'WithRecipientSignature' }));
    }
    if (how === 'refused') {
      entities.push({
        EntityType: 'Attachment',
        EntityId: guid(r),
        ParentEntityId: docId,
        AttachmentType: 'SignatureRequestRejection',
      });
      if (field) entities.push(info({ RecipientResponseStatus: 'RecipientSignatureRequestRejected' }));
    }
    if (how === 'revoked') entities.push(info({ RevocationStatus: 'RevocationAccepted' }));
    if (how === 'deleted') entityPatches.push({ EntityId: docId, DocumentIsDeleted: true });
    event.kind = `answer:${how}`;
    event.direction = 'Inbound';
    event.messageType = 'Letter';
    event.body = {
      Patch: {
        MessageId: original.MessageId,
        PatchId: guid(r),
        Entities: entities,
        EntityPatches: entityPatches,
        MessageIsDeleted: how === 'message-deleted',
        MessageType: 'Letter',
      },
    };
    return event;
  }

  /**
   * Issue #1083: the event at `index` gets the IndexKey and timestamp of the one before it (a draft patch and the
   * message made from it). Reading after that key skips it; reading from that timestamp returns both.
   */
  makeCollision(index: number): void {
    const before = this.events[index - 1]!;
    const twin = this.events[index]!;
    twin.IndexKey = before.IndexKey;
    twin.ticks = before.ticks;
  }

  /**
   * Issue diadocsdk-java#229: a copy of the event at `index` (same EventId) re-appears at `at`, with a new IndexKey,
   * stamped between its new neighbours ('between'), or still carrying its original timestamp ('original': the same
   * event sent again, so the feed is no longer in time order there).
   */
  duplicate(index: number, at: number, stamp: 'between' | 'original' = 'between'): void {
    const original = this.events[index]!;
    const next = this.events[at];
    const previous = this.events[at - 1]!;
    const between = next ? previous.ticks + (next.ticks - previous.ticks) / 2n : previous.ticks + 1n;
    const copy: MockBoxEvent = {
      ...original,
      IndexKey: indexKey(this.#random),
      ticks: stamp === 'original' ? original.ticks : between,
    };
    this.events.splice(at, 0, copy);
  }

  /** A server-side change: every event gets a new IndexKey, and the old ones are refused (400 "cursor must have valid value"). */
  rekey(): void {
    for (const event of this.events) event.IndexKey = indexKey(this.#random);
  }

  /** Diadoc's 429: text/plain, X-Diadoc-ErrorCode, and an integer Retry-After in seconds (as the SDK reads it). */
  throttleAnswer(): MockResponse {
    return error(429, DEFAULT_CODES[429]!, DEFAULT_BODIES[429]!, { 'retry-after': '1' });
  }

  /** The next `times` API answers are this HTTP status (text/plain, X-Diadoc-ErrorCode), e.g. 401, 403, 429, 500, 503, 409. */
  failNext(status: number, options: FailureOptions = {}): void {
    for (let i = 0; i < (options.times ?? 1); i++) this.#failures.push({ status, options });
  }

  /** 409 DiadocApi.Conflict, the documented transient error. */
  conflictNext(times = 1): void {
    this.failNext(409, { times, code: 'DiadocApi.Conflict', body: 'Could not get meta for event' });
  }

  /** Network-level faults: never answer (client timeout), answer late, reset, bad JSON, cut body. */
  hangNext(times = 1): void {
    this.server.inject({ kind: 'hang' }, times);
  }

  delayNext(ms: number, times = 1): void {
    this.server.inject({ kind: 'delay', ms }, times);
  }

  resetNext(times = 1): void {
    this.server.inject({ kind: 'reset' }, times);
  }

  malformedNext(times = 1): void {
    this.server.inject({ kind: 'malformed' }, times);
  }

  truncateNext(times = 1): void {
    this.server.inject({ kind: 'truncate' }, times);
  }

  /** Clears every switch and pending fault. */
  heal(): void {
    this.unpaid = false;
    this.tokenExpired = false;
    this.forbidden = false;
    this.emptyPagesWhileMore = 0;
    this.rekeyAfterEveryAnswer = false;
    this.#failures.length = 0;
    this.server.clearFaults();
  }

  /** GetNewEvents requests seen so far. */
  newEventsRequests(): MockRequest[] {
    return this.server.requestsTo('/V8/GetNewEvents');
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** The JSON text of a value, with bigint ticks as bare JSON numbers (as Diadoc sends them), or as strings. */
  static json(value: unknown, ticksAs: 'number' | 'string' = 'number'): string {
    if (ticksAs === 'string') return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `__int64:${v}` : v)).replace(
      /"__int64:(-?\d+)"/g,
      '$1',
    );
  }

  #json(value: unknown): MockResponse {
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: DiadocMock.json(value, this.ticksAs),
    };
  }

  /** The event in Diadoc's JSON shape. */
  static wire(event: MockBoxEvent): Record<string, unknown> {
    const body = structuredClone(event.body);
    const part = (body['Message'] ?? body['Patch']) as Record<string, unknown>;
    part['TimestampTicks'] = event.ticks;
    if (body['Message']) part['LastPatchTimestampTicks'] = event.ticks;
    return { EventId: event.EventId, IndexKey: event.IndexKey, ...body };
  }

  handle(req: MockRequest): MockResponse {
    const routes: Record<string, (req: MockRequest) => MockResponse> = {
      '/V8/GetNewEvents': (r) => this.#getNewEvents(r),
      '/V2/GetLastEvent': (r) => this.#getLastEvent(r),
      '/V3/GetEvent': (r) => this.#getEvent(r),
    };
    const route = routes[req.path];
    if (!route) return error(404, 'Http.NotFound', `Resource ${req.path} not found`);
    if (req.method !== 'GET') return error(405, 'Http.MethodNotAllowed', 'Method not allowed');
    if (!(req.headers['accept'] ?? '').includes('application/json')) {
      // Diadoc answers protobuf without Accept: application/json; this mock speaks JSON only.
      return error(406, 'Http.NotAcceptable', 'This mock answers only Accept: application/json (protobuf is not emulated)');
    }
    const auth = req.headers['authorization'];
    const c = this.credentials;
    if (!auth) return error(401, 'Http.Unauthorized', 'Authorization header is missing');
    const signedIn = auth.startsWith('Bearer ') && this.acceptAccessToken?.(auth.slice('Bearer '.length)) === true;
    if ((auth !== c.bearer && auth !== c.diadocAuth && !signedIn) || this.tokenExpired) {
      return error(401, 'Http.Unauthorized', 'Invalid or expired authorization token');
    }
    const failure = this.#failures.shift();
    if (failure) {
      const { status, options } = failure;
      const code = options.code ?? DEFAULT_CODES[status] ?? `Http.Status${status}`;
      const extra: Record<string, string> = options.retryAfter === undefined ? {} : { 'retry-after': options.retryAfter };
      return error(status, code, options.body ?? DEFAULT_BODIES[status] ?? `Error ${status}`, extra);
    }
    const box = req.query.get('boxId');
    if (!box) return error(400, 'Http.BadRequest', 'boxId is required');
    if (this.forbidden || !sameBox(box, this.boxId)) return error(403, 'Http.Forbidden', `Access to box ${box} is denied`);
    if (this.unpaid) return error(402, 'Billing.PaymentRequired', `API subscription for box ${box} has expired`);
    return route(req);
  }

  #getNewEvents(req: MockRequest): MockResponse {
    const q = req.query;
    const limitText = q.get('limit');
    let limit = limitText === null ? Math.min(100, this.pageMax) : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) return error(400, 'Http.BadRequest', `limit must be in range 1..${this.pageMax}`);
    if (limit > this.pageMax) {
      if (this.overPageMax === 'reject') return error(400, 'Http.BadRequest', `limit must be in range 1..${this.pageMax}`);
      limit = this.pageMax;
    }
    const department = q.get('departmentId');
    if (department !== null && department.toLowerCase() !== this.departmentId) {
      return error(403, 'Http.Forbidden', `Access to department ${department} is denied`);
    }
    const afterIndexKey = q.get('afterIndexKey');
    const afterEventId = q.get('afterEventId');
    if (afterIndexKey !== null && afterEventId !== null)
      return error(400, 'Http.BadRequest', 'afterEventId and afterIndexKey cannot be used together');
    let from = 0;
    if (afterIndexKey !== null) {
      // An unencoded "+" arrives as a space: not a valid key (issue diadocapi-docs#1078).
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(afterIndexKey)) return error(400, 'Http.BadRequest', 'cursor must have valid value');
      // The last event with this key: an event sharing it is skipped, as in issue #1083.
      const at = this.events.findLastIndex((e) => e.IndexKey === afterIndexKey);
      if (at < 0) return error(400, 'Http.BadRequest', 'cursor must have valid value');
      from = at + 1;
    } else if (afterEventId !== null) {
      const at = this.events.findLastIndex((e) => e.EventId.toLowerCase() === afterEventId.toLowerCase());
      if (at < 0) return error(400, 'Http.BadRequest', `Event ${afterEventId} not found`);
      from = at + 1;
    }
    const fromTicks = ticksParam(q.get('timestampFromTicks'));
    const toTicks = ticksParam(q.get('timestampToTicks'));
    if (fromTicks === 'bad' || toTicks === 'bad')
      return error(400, 'Http.BadRequest', 'timestamp must be an integer number of ticks');
    const types = q.get('messageType')?.split(',');
    const directions = q.get('documentDirection')?.split(',');
    const matches = (e: MockBoxEvent) =>
      (fromTicks === null || e.ticks >= fromTicks) &&
      (toTicks === null || e.ticks <= toTicks) &&
      (!types || types.includes(e.messageType)) &&
      (!directions || directions.includes(e.direction));
    let matching = this.events.slice(from).filter(matches);
    if (q.get('orderBy') === 'Descending') matching = matching.toReversed();
    if (this.emptyPagesWhileMore > 0 && matching.length > 0) {
      this.emptyPagesWhileMore--;
      return this.#json({ Events: [], TotalCount: matching.length, TotalCountType: 'Equal' });
    }
    const served = matching.slice(0, limit);
    const left = matching[limit];
    if (this.boundaryTwins && left && served.length > 0) {
      const last = served.at(-1)!;
      left.IndexKey = last.IndexKey;
      left.ticks = last.ticks;
    }
    const page = served.map((e) => DiadocMock.wire(e));
    if (page.length === 0) {
      if (this.endOfFeed === 'no-content') return { status: 204 };
      if (this.endOfFeed === 'empty-body')
        return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' };
      if (this.endOfFeed === 'no-events-field') return this.#json({});
    }
    if (page.length > 0 && this.rekeyAfterEveryAnswer) this.rekey();
    const counts: Record<TotalCountReading, number | undefined> = {
      remaining: matching.length,
      box: this.events.filter(matches).length,
      page: page.length,
      absent: undefined,
    };
    const count = counts[this.totalCount];
    const capped = count !== undefined && count > this.totalCountCap;
    const type = this.totalCountType === 'auto' ? (capped ? 'GreaterThanOrEqual' : 'Equal') : this.totalCountType;
    return this.#json({
      Events: page,
      ...(count === undefined ? {} : { TotalCount: capped ? this.totalCountCap : count }),
      ...(type === 'absent' || count === undefined ? {} : { TotalCountType: type }),
    });
  }

  #getLastEvent(_req: MockRequest): MockResponse {
    const last = this.events.at(-1);
    if (!last) return { status: 204 };
    return this.#json(DiadocMock.wire(last));
  }

  #getEvent(req: MockRequest): MockResponse {
    const id = req.query.get('eventId')?.toLowerCase();
    const event = this.events.find((e) => e.EventId === id);
    return event ? this.#json(DiadocMock.wire(event)) : error(404, 'Http.NotFound', `Event ${id ?? ''} not found`);
  }

  #generate(n: number): MockBoxEvent {
    const r = this.#random;
    const previous = this.events.at(-1);
    // 1..90 s apart, with sub-millisecond ticks so that rounding to a double would show.
    const gap = BigInt(1 + Math.floor(r() * 90)) * 10_000_000n;
    const subMs = BigInt(Math.floor(r() * 9_999) + 1);
    let ticks = (previous?.ticks ?? this.#originTicks) + gap + subMs;
    if (this.#live) {
      // Added while the server runs: stamped by its clock, and still after the newest event.
      const now = BigInt(this.server.now()) * 10_000n + TICKS_AT_UNIX_EPOCH + subMs;
      const after = (previous?.ticks ?? 0n) + 10_000n + subMs;
      ticks = now > after ? now : after;
    }
    const EventId = guid(r);
    const IndexKey = indexKey(r);
    const org = ORGS[Math.floor(r() * ORGS.length)]!;
    const orgBox = guid(r);
    // Patches refer to an earlier message in the box, when there is one.
    const messages = this.events.filter((e) => e.kind === 'message');
    const makePatch = n % 3 === 2 && messages.length > 0;
    if (makePatch) {
      const target = messages[Math.floor(r() * messages.length)]!;
      const message = target.body['Message'] as {
        MessageId: string;
        Entities: { EntityId: string; AttachmentType: string; DocumentInfo: unknown }[];
      };
      const doc = message.Entities[0]!;
      const kind = PATCH_KINDS[Math.floor(r() * PATCH_KINDS.length)]!;
      const patch: Record<string, unknown> = {
        MessageId: message.MessageId,
        PatchId: guid(r),
        Entities: [] as unknown[],
        EntityPatches: [] as unknown[],
        ForDraft: false,
        DraftIsRecycled: false,
        DraftIsLocked: false,
        MessageIsDeleted: false,
        MessageIsRestored: false,
        MessageIsDelivered: false,
        MessageType: 'Letter',
      };
      const entities = patch['Entities'] as Record<string, unknown>[];
      const entityPatches = patch['EntityPatches'] as Record<string, unknown>[];
      const docRef = {
        EntityType: 'Attachment',
        EntityId: doc.EntityId,
        AttachmentType: doc.AttachmentType,
        DocumentInfo: doc.DocumentInfo,
        RawCreationDate: ticks,
      };
      if (kind === 'signed')
        entities.push(
          {
            EntityType: 'Signature',
            EntityId: guid(r),
            ParentEntityId: doc.EntityId,
            AttachmentType: 'UnknownAttachmentType',
            RawCreationDate: ticks,
          },
          docRef,
        );
      if (kind === 'rejected')
        entities.push(
          {
            EntityType: 'Attachment',
            EntityId: guid(r),
            ParentEntityId: doc.EntityId,
            AttachmentType: 'RecipientSignatureRejection',
            RawCreationDate: ticks,
          },
          docRef,
        );
      if (kind === 'deleted')
        entityPatches.push({
          EntityId: doc.EntityId,
          DocumentIsDeleted: true,
          DocumentIsRestored: false,
          ContentIsPatched: false,
        });
      if (kind === 'delivered') patch['MessageIsDelivered'] = true;
      if (kind === 'comment')
        entities.push({
          EntityType: 'Attachment',
          EntityId: guid(r),
          ParentEntityId: doc.EntityId,
          AttachmentType: 'AttachmentComment',
          RawCreationDate: ticks,
        });
      return {
        EventId,
        IndexKey,
        ticks,
        direction: target.direction,
        messageType: 'Letter',
        kind: `patch:${kind}`,
        body: { Patch: patch },
      };
    }
    const draft = n % 11 === 7;
    const direction = draft ? 'Outbound' : r() < 0.7 ? 'Inbound' : r() < 0.85 ? 'Outbound' : 'Internal';
    const type = DOC_TYPES[n % DOC_TYPES.length]!;
    const number = String(100 + Math.floor(r() * 9900));
    const day = new Date(Number((ticks - TICKS_AT_UNIX_EPOCH) / 10_000n));
    const date = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`;
    const ours = { box: this.boxId, title: 'ООО «Фидбелл»' };
    const other = direction === 'Internal' ? ours : { box: orgBox, title: org };
    const [from, to] = direction === 'Inbound' ? [other, ours] : [ours, other];
    const entityId = guid(r);
    // Derived from the number, so that the seeded sequence of random values stays as it was.
    const total = ((Number(number) * 1737) / 100).toFixed(2);
    const fn = type.functions ? type.functions[Number(number) % type.functions.length]! : 'default';
    const metadata = type.metadata
      ? {
          [type.metadata]:
            type.metadata === 'ContractMetadata'
              ? { ContractPrice: total, DocumentStatus: 'UnknownBilateralDocumentStatus' }
              : {
                  Total: total,
                  Vat: ((Number(total) * 20) / 120).toFixed(2),
                  Currency: 643,
                  ...(type.functions ? { DocumentFunction: fn } : {}),
                },
        }
      : {};
    const message = {
      MessageId: guid(r),
      FromBoxId: from.box,
      FromTitle: from.title,
      ToBoxId: to.box,
      ToTitle: to.title,
      Entities: [
        {
          EntityType: 'Attachment',
          EntityId: entityId,
          AttachmentType: type.attachment,
          FileName: `${type.title} ${number}.xml`,
          NeedRecipientSignature: direction === 'Inbound',
          RawCreationDate: ticks,
          Content: { Size: 1000 + Math.floor(r() * 50_000) },
          Labels: [],
          DocumentInfo: {
            MessageId: '',
            EntityId: entityId,
            TypeNamedId: type.named,
            Function: fn,
            Version: 'v1',
            Title: `${type.title} № ${number}`,
            DocumentNumber: number,
            DocumentDate: date,
            DocumentDirection: direction,
            CounteragentBoxId: other.box,
            CreationTimestampTicks: ticks,
            LastModificationTimestampTicks: ticks,
            IsDeleted: false,
            IsTest: false,
            DepartmentId: '00000000-0000-0000-0000-000000000000',
            DocflowStatus: { PrimaryStatus: { Severity: 'Info', StatusText: 'Ожидается подпись' } },
            ...metadata,
          },
        },
      ],
      IsDraft: draft,
      DraftIsLocked: false,
      DraftIsRecycled: false,
      IsDeleted: false,
      IsTest: false,
      IsInternal: direction === 'Internal',
      IsProxified: false,
      PacketIsLocked: false,
      LockMode: 'None',
      MessageType: draft ? 'Draft' : 'Letter',
      IsReusable: false,
    };
    (message.Entities[0]!.DocumentInfo as { MessageId: string }).MessageId = message.MessageId;
    return {
      EventId,
      IndexKey,
      ticks,
      direction,
      messageType: draft ? 'Draft' : 'Letter',
      kind: draft ? 'draft' : 'message',
      body: { Message: message },
    };
  }
}

const DEFAULT_CODES: Record<number, string> = {
  401: 'Http.Unauthorized',
  402: 'Billing.PaymentRequired',
  403: 'Http.Forbidden',
  409: 'DiadocApi.Conflict',
  429: 'Http.TooManyRequests',
  500: 'Http.InternalServerError',
  503: 'Http.ServiceUnavailable',
};
const DEFAULT_BODIES: Record<number, string> = {
  401: 'Invalid or expired authorization token',
  402: 'API subscription has expired',
  403: 'Access to box is denied',
  409: 'Could not get meta',
  429: 'Превышено ограничение на количество запросов',
  500: 'Internal server error',
  503: 'Service unavailable',
};

function sameBox(query: string, boxId: string): boolean {
  const bare = query
    .toLowerCase()
    .replace(/@diadoc\.ru$/, '')
    .replaceAll('-', '');
  return bare === boxId.replaceAll('-', '');
}

function ticksParam(value: string | null): bigint | null | 'bad' {
  if (value === null) return null;
  return /^\d{1,19}$/.test(value) ? BigInt(value) : 'bad';
}

let traceCounter = 0;

/** Diadoc's error shape: text/plain and X-Diadoc-ErrorCode (the trace id header is this mock's assumption). */
function error(status: number, code: string, text: string, extra: Record<string, string> = {}): MockResponse {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-diadoc-errorcode': code,
      'x-kontur-trace-id': `trace-${++traceCounter}`,
      ...extra,
    },
    body: text,
  };
}

/** Starts the mock on 127.0.0.1 (an OS-picked port). */
export async function startDiadocMock(options: DiadocMockOptions = {}): Promise<DiadocMock> {
  let mock: DiadocMock | null = null;
  const server = await MockServer.start((req) => mock!.handle(req));
  mock = new DiadocMock(server, options);
  server.throttleAnswer = () => mock!.throttleAnswer();
  return mock;
}
