// The demand side of the Kontur.Extern mock (issue 11): FNS and SFR demand docflows served at
// GET /v1/{accountId}/docflows/{docflowId}, and scenarios that put their events in the feed: a demand arrives, its
// receipt goes out, an опись (FNS) or a reply (SFR) linked by `related-docflow-id` is sent and accepted or not.
// Every point /work/notes/research-extern-demands.md leaves open has a switch per plausible reading:
// - `deadlines`: the deadline fields on the docflow's description, absent, or only on the attachment documents'
//   requisites (two attachments with different terms: the earlier counts);
// - `dates`: a plain date, a date-time without a zone, or one with a zone;
// - `status`: docflow statuses as `urn:docflow-common-status:*` URNs or bare words;
// - `receiptState`: the КоП's new-state as the docs spell it (`receiption-…`), as `reception-…`, `receipt-…`, or
//   with the docflow in front as the 2018 Java model has it;
// - `sfrStates`: SFR new-state values (undocumented): FNS-like words or SEDO-ish ones;
// - `eventLink`: the events' docflow-link on the API's own origin, on the production host, or absent;
// - `webLink`: the docflow's `web-docflow` link on Kontur's test stand, on a foreign host, or absent;
// - `answer`: the docflow route answers, 404s, or sends something that is not a docflow;
// - `replyLink`: a reply's events name their demand in `related-docflow-id` (as the SDK's ApiEvent has it), as an
//   upper-case GUID in braces, or not at all (only the reply docflow's description would: the research leaves open
//   which).
// The service's deadlines are deliberately NOT what the client would compute (8 and 20 calendar days), so a test
// can tell which one an item shows. No test-framework imports.

export type DemandKindName = 'fns' | 'sfr' | 'sfr-request';

export interface DemandReadings {
  deadlines: 'description' | 'absent' | 'attachment';
  dates: 'date' | 'datetime' | 'datetime-zone';
  status: 'urn' | 'bare';
  receiptState: 'docs' | 'reception' | 'receipt' | 'prefixed';
  sfrStates: 'fns-like' | 'sedo';
  eventLink: 'own-origin' | 'production' | 'absent';
  webLink: 'kontur' | 'foreign' | 'absent';
  answer: 'ok' | 'not-found' | 'malformed';
  replyLink: 'event' | 'braced' | 'description-only';
}

export const DEFAULT_READINGS: DemandReadings = {
  deadlines: 'description',
  dates: 'date',
  status: 'urn',
  receiptState: 'docs',
  sfrStates: 'fns-like',
  eventLink: 'own-origin',
  webLink: 'kontur',
  answer: 'ok',
  replyLink: 'event',
};

interface Org {
  inn: string;
  kpp: string | null;
}

export interface MockDemand {
  id: string;
  kind: DemandKindName;
  account: string;
  org: Org;
  arrivedAt: number;
  /** What the service says, as civil dates. */
  receiptDeadline: string;
  replyDeadline: string;
  /** A second attachment's later terms (the 'attachment' reading). */
  laterReceiptDeadline: string;
  laterReplyDeadline: string;
  number: string;
  status: string;
  receiptDate: string | null;
  repliesStatus: string;
  replyDate: string | null;
  replies: string[];
}

interface Host {
  url(): string;
  push(fields: Record<string, unknown>, at: number): unknown;
  /** The first generated (sample-history) event of this docflow, if any: its docflow is served as long settled. */
  generated(docflowId: string): Record<string, unknown> | null;
  orgs: readonly Org[];
  random(): number;
}

const DAY_MS = 86_400_000;
const TYPES: Record<DemandKindName, string> = {
  fns: 'urn:docflow:fns534-demand',
  sfr: 'urn:docflow:fss-sedo-demand',
  'sfr-request': 'urn:docflow:fss-sedo-proactive-payments-demand',
};
const REPLY_TYPES: Record<DemandKindName, string> = {
  fns: 'urn:docflow:fns534-inventory',
  sfr: 'urn:docflow:fss-sedo-demand-reply',
  'sfr-request': 'urn:docflow:fss-sedo-demand-reply',
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class ExternDemands {
  readings: DemandReadings = { ...DEFAULT_READINGS };
  readonly docflows = new Map<string, MockDemand>();
  /** GET requests to the docflow route. */
  lookups = 0;
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
  }

  #guid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.#host.random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  #event(demand: MockDemand, type: string, docflowId: string, state: string, at: number, related?: string): void {
    const link =
      this.readings.eventLink === 'absent'
        ? null
        : {
            href: `${this.readings.eventLink === 'own-origin' ? this.#host.url() : 'https://extern-api.kontur.ru'}/v1/${demand.account}/docflows/${docflowId}`,
            rel: 'docflow',
          };
    this.#host.push(
      {
        inn: demand.org.inn,
        kpp: demand.org.kpp,
        'docflow-type': type,
        'docflow-id': docflowId,
        'account-id': demand.account,
        ...(link ? { 'docflow-link': link } : {}),
        'new-state': state,
        ...(related && this.readings.replyLink !== 'description-only'
          ? { 'related-docflow-id': this.readings.replyLink === 'braced' ? `{${related.toUpperCase()}}` : related }
          : {}),
      },
      at,
    );
  }

  /** A demand arrives at `at` (its first event: `urn:transaction:document`). */
  arrive(kind: DemandKindName, at: number, account: string, orgIndex = 0): MockDemand {
    const demand: MockDemand = {
      id: this.#guid(),
      kind,
      account,
      org: this.#host.orgs[orgIndex % this.#host.orgs.length]!,
      arrivedAt: at,
      receiptDeadline: isoDay(at + 8 * DAY_MS),
      replyDeadline: isoDay(at + 20 * DAY_MS),
      laterReceiptDeadline: isoDay(at + 9 * DAY_MS),
      laterReplyDeadline: isoDay(at + 25 * DAY_MS),
      number: `${String(this.docflows.size + 1).padStart(2, '0')}-15/${1000 + this.docflows.size}`,
      status: 'received',
      receiptDate: null,
      repliesStatus: 'not-sent',
      replyDate: null,
      replies: [],
    };
    this.docflows.set(demand.id, demand);
    const state =
      kind !== 'fns' && this.readings.sfrStates === 'sedo' ? 'urn:transaction:demand-message' : 'urn:transaction:document';
    this.#event(demand, TYPES[kind], demand.id, state, at);
    return demand;
  }

  #receiptState(kind: DemandKindName): string {
    if (kind !== 'fns' && this.readings.sfrStates === 'sedo') return 'urn:transaction:receipt-notification-message';
    switch (this.readings.receiptState) {
      case 'reception':
        return 'urn:transaction:reception-result-abonent-positive';
      case 'receipt':
        return 'urn:transaction:receipt-result-abonent-positive';
      case 'prefixed':
        return 'urn:transaction:fns534-demand-receiption-result-abonent-positive';
      default:
        return 'urn:transaction:receiption-result-abonent-positive';
    }
  }

  /** The извещение о получении (not the receipt: the item stays at «receipt»). */
  acknowledge(demand: MockDemand, at: number): void {
    demand.status = 'arrived';
    this.#event(demand, TYPES[demand.kind], demand.id, 'urn:transaction:receipt-abonent', at);
  }

  /** The receipt (КоП; SFR: извещение о прочтении) goes out. */
  receipt(demand: MockDemand, at: number): void {
    demand.status = demand.kind === 'fns' ? 'processed' : 'response-arrived';
    demand.receiptDate = isoDay(at);
    this.#event(demand, TYPES[demand.kind], demand.id, this.#receiptState(demand.kind), at);
  }

  /** A reply (опись / SFR reply) goes out; `result` follows at `at + 1 h` unless 'sent'. Returns the reply's id. */
  reply(demand: MockDemand, at: number, result: 'sent' | 'accepted' | 'rejected'): string {
    const id = this.#guid();
    demand.replies.push(id);
    demand.repliesStatus = 'in-progress';
    demand.replyDate = isoDay(at);
    const type = REPLY_TYPES[demand.kind];
    const sedo = demand.kind !== 'fns' && this.readings.sfrStates === 'sedo';
    this.#event(demand, type, id, sedo ? 'urn:transaction:reply-message' : 'urn:transaction:message', at, demand.id);
    if (result === 'sent') return id;
    demand.repliesStatus = result === 'accepted' ? 'accepted' : 'declined';
    const state = sedo
      ? `urn:transaction:reply-${result === 'accepted' ? 'success' : 'error'}`
      : `urn:transaction:acceptance-result-${result === 'accepted' ? 'positive' : 'negative'}`;
    this.#event(demand, type, id, state, at + 3_600_000, demand.id);
    return id;
  }

  /**
   * A sample story around `now` (the app's first run against `npm run mock`, the window's e2e specs): an FNS demand
   * that just arrived, one waiting for its answer, one whose receipt is overdue, an SFR demand, and one that is done
   * (receipt, опись accepted). Returns them in that order.
   */
  sample(now: number, account: string): MockDemand[] {
    const day = DAY_MS;
    const fresh = this.arrive('fns', now - 2 * day, account, 0);
    const answering = this.arrive('fns', now - 12 * day, account, 1);
    this.receipt(answering, now - 11 * day);
    const overdue = this.arrive('fns', now - 15 * day, account, 2);
    const sfr = this.arrive('sfr', now - day, account, 1);
    const done = this.arrive('fns', now - 20 * day, account, 3);
    this.receipt(done, now - 19 * day);
    this.reply(done, now - 10 * day, 'accepted');
    return [fresh, answering, overdue, sfr, done];
  }

  /**
   * A demand of the generated sample history (its events' states are random): long settled, the receipt sent and
   * no reply needed, so it does not linger as open. Null for any other docflow (404).
   */
  #settled(account: string, docflowId: string): unknown {
    const event = this.#host.generated(docflowId);
    if (!event || event['account-id'] !== account) return null;
    const type = typeof event['docflow-type'] === 'string' ? event['docflow-type'] : '';
    if (!type.endsWith('demand')) return null;
    const day = String(event['event-date-time']).slice(0, 10);
    return {
      id: docflowId,
      type,
      status: this.#status('finished'),
      description: {
        'receipt-status': 'accepted-by-cu',
        'receipt-date': this.#date(day),
        'replies-status': 'not-required',
        'reply-date': this.#date(day),
      },
      documents: [],
      links: [],
    };
  }

  #date(day: string): string {
    if (this.readings.dates === 'datetime') return `${day}T00:00:00`;
    // Midnight in Moscow written in UTC: the day before by its date part.
    if (this.readings.dates === 'datetime-zone') return `${isoDay(Date.parse(day) - DAY_MS)}T21:00:00Z`;
    return day;
  }

  #status(word: string): string {
    return this.readings.status === 'urn' ? `urn:docflow-common-status:${word}` : word;
  }

  /** The docflow route's answer: a body, a raw string, or null for 404. */
  answer(account: string, docflowId: string): unknown {
    this.lookups++;
    if (this.readings.answer === 'not-found') return null;
    const demand = this.docflows.get(docflowId.toLowerCase());
    if (!demand) return this.#settled(account, docflowId);
    if (demand.account !== account) return null;
    if (this.readings.answer === 'malformed') return '{"error-ish": true, "items": [1, 2]}';
    const r = this.readings;
    const onDescription = r.deadlines === 'description';
    const fns = demand.kind === 'fns';
    const description: Record<string, unknown> = {
      'payer-inn': `${demand.org.inn}${demand.org.kpp ? `-${demand.org.kpp}` : ''}`,
      'unknown-new-field': { nested: true },
      ...(fns ? { 'receipt-status': demand.receiptDate ? 'accepted' : 'waiting', 'replies-status': demand.repliesStatus } : {}),
      ...(demand.receiptDate ? { 'receipt-date': this.#date(demand.receiptDate) } : {}),
      ...(!fns && demand.replyDate ? { 'reply-date': this.#date(demand.replyDate) } : {}),
      ...(onDescription && demand.kind !== 'sfr-request' ? { 'receipt-deadline-date': this.#date(demand.receiptDeadline) } : {}),
      ...(onDescription || (!fns && r.deadlines === 'attachment')
        ? { 'reply-deadline-date': this.#date(demand.replyDeadline) }
        : {}),
    };
    const attachment = (number: string, receipt: string, reply: string) => ({
      id: this.#guid(),
      description: {
        type: 'urn:document:fns534-demand-attachment',
        filename: 'demand.xml',
        requisites: {
          'demand-number': number,
          'demand-date': this.#date(isoDay(demand.arrivedAt)),
          'demand-knd': '1160070',
          ...(r.deadlines === 'attachment'
            ? { 'receipt-deadline-date': this.#date(receipt), 'reply-deadline-date': this.#date(reply) }
            : {}),
          'demand-status': 'in-progress',
        },
      },
    });
    const documents = fns
      ? [
          { id: this.#guid(), description: { type: 'urn:document:fns534-demand', filename: 'on_docnpno.xml' } },
          // The first attachment names the demand; the second has the earlier terms, which count.
          attachment(demand.number, demand.laterReceiptDeadline, demand.laterReplyDeadline),
          attachment(`${demand.number}-2`, demand.receiptDeadline, demand.replyDeadline),
        ]
      : [];
    const web =
      r.webLink === 'absent'
        ? []
        : [
            {
              rel: 'web-docflow',
              href:
                r.webLink === 'kontur'
                  ? `https://setter.testkontur.ru/?inn=${demand.org.inn}&forward_to_rel=%2Fft%2Ftransmission%2Fstate.aspx%3Fkey%3D${demand.id.slice(0, 8)}`
                  : `https://setter.kontur.ru.evil.example/?key=${demand.id.slice(0, 8)}`,
            },
          ];
    return {
      id: demand.id,
      'organization-id': demand.account,
      type: TYPES[demand.kind],
      status: this.#status(demand.status),
      'success-state': 'urn:docflow-state:neutral',
      description,
      documents,
      links: [{ rel: 'self', href: `${this.#host.url()}/v1/${demand.account}/docflows/${demand.id}` }, ...web],
      'send-date': `${new Date(demand.arrivedAt).toISOString().replace('Z', '')}0000`,
      'last-change-date': new Date(demand.arrivedAt).toISOString(),
    };
  }
}
