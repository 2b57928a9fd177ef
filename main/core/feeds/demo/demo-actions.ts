// The demo's tracker of «Требует действия»: its made-up demands (receipt, then reply, then closed) and documents to
// sign (open until signed or refused). The demo's events carry what a real feed would look up (the docflow's
// description), so it needs no lookup.
import type { ActionDeadline } from '../../../../preload/contract.ts';
import type { ActionTracker, SubjectState, TrackedEvent } from '../../actions/action-tracker.ts';
import { addWorkingDays, isoDateOf, nextWorkingDayFrom } from '../../calendar/working-days.ts';

const MOSCOW = 'Europe/Moscow';
const DATE = /^\d{4}-\d{2}-\d{2}/;

type Body = Record<string, unknown>;
const body = (event: TrackedEvent): Body => (event.payload && typeof event.payload === 'object' ? (event.payload as Body) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function serviceDate(value: unknown): ActionDeadline | null {
  const date = text(value);
  // A date the service gives that falls on a day off moves to the next working day (п. 7 ст. 6.1 НК РФ).
  return DATE.test(date) ? { date: nextWorkingDayFrom(date.slice(0, 10)), source: 'service' } : null;
}

function ddmmyyyy(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

const RECEIPT = { ru: 'Отправить квитанцию о приёме', en: 'Send the receipt' };
const REPLY = { ru: 'Ответить на требование', en: 'Reply to the demand' };
const SIGN = { ru: 'Подписать или отказать', en: 'Sign or refuse' };

function foldDemand(state: SubjectState | null, event: TrackedEvent): SubjectState | null {
  const b = body(event);
  const type = text(b['docflow-type']);
  const newState = text(b['new-state']);
  if (state === null) {
    if (!type.includes('demand') || newState !== 'urn:transaction:document') return null;
    const sfr = type.includes('fss');
    const arrived = DATE.test(text(b['docflow-sent-date']))
      ? text(b['docflow-sent-date']).slice(0, 10)
      : isoDateOf(event.occurredAt, MOSCOW);
    const description = (b['description'] ?? {}) as Body;
    const receipt = serviceDate(description['receipt-deadline-date']) ?? {
      date: addWorkingDays(arrived, 6),
      source: 'computed' as const,
    };
    const reply = serviceDate(description['reply-deadline-date']);
    const number = text(description['demand-number']);
    const who = sfr ? { ru: 'Требование СФР', en: 'SFR demand' } : { ru: 'Требование ФНС', en: 'Tax demand' };
    return {
      subject: subjectOfDemand(b),
      title: {
        ru: `${who.ru}${number ? ` № ${number}` : ''} от ${ddmmyyyy(arrived)}`,
        en: `${who.en}${number ? ` No. ${number}` : ''} of ${ddmmyyyy(arrived)}`,
      },
      organisation: `${text(b['organization'])}, ИНН ${text(b['inn'])}`,
      step: 'receipt',
      action: RECEIPT,
      arrivedAt: event.occurredAt,
      deadline: receipt,
      nextDeadline: reply,
      overdueAfterDays: null,
      link: `https://kontur.ru/demo/docflow/${text(b['docflow-id'])}`,
      eventKey: event.key,
      closedAt: null,
      data: { sfr },
    };
  }
  if (state.step === 'receipt' && newState.includes('receiption-result')) {
    // The reply's term runs from the receipt: 5 working days for explanations (ст. 88 НК РФ) and for SFR, the
    // shortest plausible term, unless the service gave the date.
    const computed = { date: addWorkingDays(isoDateOf(event.occurredAt, MOSCOW), 5), source: 'computed' as const };
    return { ...state, step: 'reply', action: REPLY, deadline: state.nextDeadline ?? computed, nextDeadline: null };
  }
  if (type.includes('inventory') && newState === 'urn:transaction:acceptance-result-positive')
    return { ...state, step: null, action: null, closedAt: event.occurredAt };
  return state;
}

function subjectOfDemand(b: Body): string {
  return `demand:${text(b['related-docflow-id']) || text(b['docflow-id'])}`;
}

function documentParts(b: Body) {
  const message = (b['Message'] ?? b['Patch'] ?? {}) as Body;
  const entity = ((message['Entities'] as Body[] | undefined) ?? [])[0] ?? {};
  const info = (entity['DocumentInfo'] ?? {}) as Body;
  return { message, entity, info };
}

function foldDocument(state: SubjectState | null, event: TrackedEvent): SubjectState | null {
  const { message, entity, info } = documentParts(body(event));
  const status = text(info['RecipientResponseStatus']);
  if (state === null) {
    if (status !== 'WaitingForRecipientSignature' || text(info['DocumentDirection']) !== 'Inbound') return null;
    const number = text(info['DocumentNumber']);
    const date = text(info['DocumentDate']);
    return {
      subject: `document:${text(message['MessageId'])}:${text(entity['EntityId'])}`,
      title: { ru: `УПД № ${number} от ${date}`, en: `UTD No. ${number} of ${date}` },
      organisation: text(message['FromTitle']),
      step: 'sign',
      action: SIGN,
      arrivedAt: event.occurredAt,
      deadline: null,
      nextDeadline: null,
      overdueAfterDays: null,
      link: `https://kontur.ru/demo/document/${text(message['MessageId'])}?entity=${text(entity['EntityId'])}`,
      eventKey: event.key,
      closedAt: null,
      data: {},
    };
  }
  if (status !== '' && status !== 'WaitingForRecipientSignature' && state.step !== null)
    return { ...state, step: null, action: null, closedAt: event.occurredAt, data: { ...state.data, result: status } };
  return state;
}

export const demoActions: ActionTracker = {
  version: 1,
  eventTypes: ['demo.demand', 'demo.document'],
  subjectOf(event) {
    const b = body(event);
    if (event.type === 'demo.demand') return subjectOfDemand(b);
    if (event.type === 'demo.document') {
      const { message, entity } = documentParts(b);
      return `document:${text(message['MessageId'])}:${text(entity['EntityId'])}`;
    }
    return null;
  },
  fold(state, event) {
    if (event.type === 'demo.demand') return foldDemand(state, event);
    if (event.type === 'demo.document') return foldDocument(state, event);
    return state;
  },
};
