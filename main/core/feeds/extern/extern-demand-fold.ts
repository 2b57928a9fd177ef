// The pure part of Kontur.Extern's «Требует действия»: what a demand's events (and the looked-up docflow) say about
// it. `applyEvent` records what one event shows; `deriveState` turns that record and the service's facts into the
// item's state. Both are pure, so replaying the same events (a resync, a restart) gives the same item.
//
// Event `new-state` values are only hints (the docs spell them `receiption-result-*`, older SDKs prefix them with the
// docflow, SFR's are not documented at all): they are matched loosely by their last URN segment, and the looked-up
// docflow's status and description settle the rest.
import type { SubjectState, TrackedEvent } from '../../actions/action-tracker.ts';
import { isoDateOf } from '../../calendar/working-days.ts';
import { fields, text } from '../event-facts.ts';
import { bareWord, type DocflowFacts } from './extern-docflow.ts';
import {
  actionText,
  computedReceipt,
  computedReply,
  demandKindOf,
  demandTitle,
  isReplyDocflow,
  type DemandKind,
} from './extern-demand-terms.ts';

/** Where a reply docflow stands: sent (in progress), accepted, or not accepted (must be sent again). */
type ReplyState = 'sent' | 'accepted' | 'rejected';

/** The subject's provider data (`SubjectState.data`), plain JSON. */
export interface DemandData {
  kind: DemandKind;
  docflowId: string;
  accountId: string | null;
  /** The event's docflow-link href (the lookup uses it only on the feed's own API origin). */
  href: string | null;
  /** The day it arrived, in Moscow (the inspectorate's calendar day). */
  arrival: string;
  /** The day the receipt (КоП / УО, SFR's извещение) went out, by the events; null while not seen. */
  receiptOn: string | null;
  /** Each reply docflow's standing, by its id. */
  replies: Record<string, ReplyState>;
  /** Ids of the events folded in: their count is the revision a lookup answers. */
  seen: string[];
  /** When a reply's event first showed it accepted (UTC ms), or null. */
  acceptedAt?: number | null;
}

/** What `lookup` stores: the facts of the docflow and the revision of the events it was asked for. */
export interface DemandLooked {
  revision: number;
  facts: DocflowFacts | null;
}

export const bareGuid = (value: unknown): string | null => {
  const s = text(value);
  return s ? s.replace(/[{}()]/g, '').toLowerCase() : null;
};

/** The subject of an Extern event: the demand docflow's id, for a reply's events the demand it answers. */
export function demandSubjectOf(payload: unknown): string | null {
  const p = fields(payload);
  const type = text(p['docflow-type']);
  if (demandKindOf(type)) return bareGuid(p['docflow-id']);
  if (isReplyDocflow(type)) return bareGuid(p['related-docflow-id']);
  return null;
}

/** КоП / УО sent (`receiption-result-abonent-positive|negative`, `receiption-result-cu`, any spelling). */
const RECEIPT_SENT = /rece(?:iption|ption|ipt)-result/;
/** SFR: the извещение о прочтении or the отметка о прочтении went out (UNCONFIRMED names: matched loosely). */
const SFR_READ = /(?:receipt-notification|read-receipt|reading-(?:notice|mark)|notice-of-reading)/;

function replyStateOf(state: string | null): ReplyState | null {
  if (!state) return null;
  // The receipt of an acceptance result is not the result itself.
  if (state.startsWith('receipt-')) return null;
  if (/(?:^|-)(?:positive|accepted|success|successful)$/.test(state)) return 'accepted';
  if (/(?:^|-)(?:negative|rejected|declined|failed|error)$/.test(state)) return 'rejected';
  return null;
}

/** The record after one more event, or null for a reply whose demand was never seen. */
export function applyEvent(data: DemandData | null, event: TrackedEvent): DemandData | null {
  const p = fields(event.payload);
  const type = text(p['docflow-type']);
  const kind = demandKindOf(type);
  const state = bareWord(text(p['new-state']));
  const day = isoDateOf(event.occurredAt, 'Europe/Moscow');
  if (!kind && !isReplyDocflow(type)) return data;
  if (!data && !kind) return null;
  const base: DemandData = data ?? {
    kind: kind!,
    docflowId: bareGuid(p['docflow-id']) ?? '',
    accountId: bareGuid(p['account-id']),
    href: text(fields(p['docflow-link'])['href'], 2000),
    arrival: day,
    receiptOn: null,
    replies: {},
    seen: [],
  };
  const next: DemandData = {
    ...base,
    replies: { ...base.replies },
    seen: base.seen.includes(event.id) ? base.seen : [...base.seen, event.id],
  };
  if (kind) {
    const receipt = state !== null && (RECEIPT_SENT.test(state) || (kind !== 'fns' && SFR_READ.test(state)));
    if (receipt && next.receiptOn === null) next.receiptOn = day;
    return next;
  }
  const replyId = bareGuid(p['docflow-id']) ?? event.id;
  const said = replyStateOf(state);
  const before = next.replies[replyId];
  // Once accepted it stays so; a later neutral event (a receipt of the result) changes nothing.
  if (before !== 'accepted') next.replies[replyId] = said ?? before ?? 'sent';
  if (said === 'accepted' && !next.acceptedAt) next.acceptedAt = event.occurredAt;
  return next;
}

const FNS_RECEIPT_DONE_STATUSES = new Set(['processed', 'finished']);
const SFR_RECEIPT_DONE_STATUSES = new Set(['response-arrived', 'processed', 'delivered', 'finished']);

function receiptDone(data: DemandData, facts: DocflowFacts | null): boolean {
  if (data.kind === 'sfr-request' || data.receiptOn !== null) return true;
  if (!facts) return false;
  if (facts.receiptDate) return true;
  if (facts.receiptStatus && facts.receiptStatus !== 'waiting' && facts.receiptStatus !== 'unknown') return true;
  const done = data.kind === 'fns' ? FNS_RECEIPT_DONE_STATUSES : SFR_RECEIPT_DONE_STATUSES;
  return facts.status !== null && done.has(facts.status);
}

function replyClosed(data: DemandData, facts: DocflowFacts | null): boolean {
  if (Object.values(data.replies).includes('accepted')) return true;
  if (!facts) return false;
  if (facts.repliesStatus === 'accepted' || facts.repliesStatus === 'not-required') return true;
  // The person marked every demand of the docflow «Выполнено» in Extern.
  if (facts.allAttachmentsDone) return true;
  // SFR tells only that the reply went out (`reply-date`); there is no acceptance to wait for.
  return data.kind !== 'fns' && facts.replyDate !== null;
}

function replySent(data: DemandData, facts: DocflowFacts | null): boolean {
  if (Object.values(data.replies).includes('sent')) return true;
  return facts?.repliesStatus === 'in-progress';
}

function organisationOf(payload: unknown): string {
  const p = fields(payload);
  const inn = text(p['inn']);
  const kpp = text(p['kpp']);
  return inn ? `ИНН ${inn}${kpp ? `, КПП ${kpp}` : ''}` : '';
}

/** The item's state from the record and the service's facts; `event` is the one just folded in. */
export function deriveState(
  previous: SubjectState | null,
  data: DemandData,
  looked: DemandLooked | null,
  event: TrackedEvent,
): SubjectState {
  const facts = looked?.facts ?? null;
  // Terms run from the day the authority sent it; the first event Feedbell saw may be later (a feed started «now»).
  const sent = facts?.sentDate && facts.sentDate < data.arrival ? facts.sentDate : data.arrival;
  const receiptDeadline = facts?.receiptDeadline
    ? { date: facts.receiptDeadline, source: 'service' as const }
    : computedReceipt(sent);
  const replyFrom = data.receiptOn ?? facts?.receiptDate ?? sent;
  const replyDeadline = facts?.replyDeadline
    ? { date: facts.replyDeadline, source: 'service' as const }
    : computedReply(data.kind, data.kind === 'sfr-request' ? sent : replyFrom);
  const closed = receiptDone(data, facts) && replyClosed(data, facts);
  const common = {
    subject: data.docflowId,
    title: demandTitle(data.kind, data.arrival, facts?.demandNumber ?? null, facts?.demandDate ?? null),
    organisation: previous?.organisation || organisationOf(event.payload),
    arrivedAt: previous?.arrivedAt ?? event.occurredAt,
    overdueAfterDays: null,
    link: facts?.webLink ?? null,
    eventKey: previous?.eventKey ?? event.key,
    data: data as unknown as Record<string, unknown>,
  };
  if (closed) {
    // Closed by a reply's acceptance: when it came. Closed by what the service said (looked up after every event
    // folded here, and handed to each fold): at the latest event, the earliest moment it can have been so.
    const closedAt = data.acceptedAt ?? event.occurredAt;
    return { ...common, step: null, action: null, deadline: null, nextDeadline: null, closedAt };
  }
  if (!receiptDone(data, facts)) {
    return {
      ...common,
      step: 'receipt',
      action: actionText(data.kind, 'receipt'),
      deadline: receiptDeadline,
      nextDeadline: replyDeadline,
      closedAt: null,
    };
  }
  if (replySent(data, facts)) {
    // The reply went out: its term is met, nothing to remind of; the item stays until the reply is accepted.
    return {
      ...common,
      step: 'reply',
      action: actionText(data.kind, 'sent'),
      deadline: null,
      nextDeadline: null,
      closedAt: null,
    };
  }
  return {
    ...common,
    step: 'reply',
    action: actionText(data.kind, 'reply'),
    deadline: replyDeadline,
    nextDeadline: null,
    closedAt: null,
  };
}
