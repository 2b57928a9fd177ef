// Which Kontur.Extern docflows are demands (требования) and what their terms are when the service does not say.
// The service's own `receipt-deadline-date` / `reply-deadline-date` always win (source 'service'); these are the
// fallbacks (source 'computed'), counted in working days by the production calendar from the day after.
import type { ActionDeadline } from '../../../../preload/contract.ts';
import { addWorkingDays } from '../../calendar/working-days.ts';
import { t } from '../form-fields.ts';
import type { LocalizedText } from '../../model.ts';

/** `fns`: a tax demand (receipt, then reply); `sfr`: an SFR/SEDO demand (the same two steps); `sfr-request`: an SFR
 * request that only needs a reply (proactive payments, payment details). */
export type DemandKind = 'fns' | 'sfr' | 'sfr-request';

/** Demand docflow types, by the part after `urn:docflow:`. */
const DEMANDS: Record<string, DemandKind> = {
  'fns534-demand': 'fns',
  'fss-sedo-demand': 'sfr',
  'fss-sedo-proactive-payments-demand': 'sfr-request',
  'fss-sedo-payment-details-demand': 'sfr-request',
};

/** Reply docflow types: the опись answering an FNS demand, the reply to an SFR demand. */
const REPLIES = new Set(['fns534-inventory', 'fss-sedo-demand-reply']);

/** The docflow type without `urn:docflow:`, lower case. */
export function docflowKey(type: string | null | undefined): string {
  if (!type) return '';
  const lower = type.trim().toLowerCase();
  return lower.startsWith('urn:docflow:') ? lower.slice('urn:docflow:'.length) : lower;
}

/** The stored event types (the docflow type without `urn:docflow:`) the tracker reads: demands and their replies. */
export const DEMAND_EVENT_TYPES: readonly string[] = [...Object.keys(DEMANDS), ...REPLIES];

export const demandKindOf = (type: string | null | undefined): DemandKind | null => DEMANDS[docflowKey(type)] ?? null;
export const isReplyDocflow = (type: string | null | undefined): boolean => REPLIES.has(docflowKey(type));

/** КоП/УО within 6 working days of the demand's sending (п. 5.1 ст. 23 НК РФ; Kontur's docs say the same). */
export const RECEIPT_WORKING_DAYS = 6;
/**
 * The reply to an FNS demand: 10 working days for documents (п. 3 ст. 93 НК РФ), 5 for explanations (п. 3 ст. 88)
 * and for documents about a transaction (п. 5 ст. 93.1). The feed does not say which article a demand is under, so
 * Feedbell takes the SHORTEST plausible term: a notifier must never tell a person they have more time than they do.
 * The item marks the date as computed («срок рассчитан»), and the service's own date replaces it once looked up.
 */
export const FNS_REPLY_WORKING_DAYS = 5;
/** SFR (СЭДО): the reply within 5 working days unless the demand says otherwise (Kontur's docs, demand_sfr.rst). */
export const SFR_REPLY_WORKING_DAYS = 5;

/**
 * The computed reply deadline, counted from the day the receipt went out, or while it has not, from the day the
 * demand arrived: the earliest day the term can start, so again never more time than there is.
 */
export function computedReply(kind: DemandKind, from: string): ActionDeadline {
  const days = kind === 'fns' ? FNS_REPLY_WORKING_DAYS : SFR_REPLY_WORKING_DAYS;
  return { date: addWorkingDays(from, days), source: 'computed' };
}

export function computedReceipt(arrival: string): ActionDeadline {
  return { date: addWorkingDays(arrival, RECEIPT_WORKING_DAYS), source: 'computed' };
}

/** What a person must do, per kind and step. */
export function actionText(kind: DemandKind, step: 'receipt' | 'reply' | 'sent'): LocalizedText {
  if (step === 'receipt') {
    return kind === 'fns'
      ? t('Отправить квитанцию о приёме', 'Send the receipt of acceptance')
      : t('Отправить извещение о прочтении', 'Send the read notice');
  }
  if (step === 'sent') return t('Ответ отправлен: дождаться, что его примут', 'Reply sent: wait until it is accepted');
  return kind === 'sfr-request'
    ? t('Ответить на запрос', 'Answer the request')
    : t('Ответить на требование', 'Answer the demand');
}

const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** «Требование ФНС № 12-34/5678 от 28.11.2026», or with the arrival date when the number is not known. */
export function demandTitle(kind: DemandKind, arrival: string, number: string | null, date: string | null): LocalizedText {
  const what =
    kind === 'fns'
      ? t('Требование ФНС', 'Tax service demand')
      : kind === 'sfr'
        ? t('Требование СФР', 'Social Fund demand')
        : t('Запрос СФР', 'Social Fund request');
  const no = number ? ` № ${number}` : '';
  const on = dotted(date ?? arrival);
  return { ru: `${what.ru}${no} от ${on}`, en: `${what.en}${number ? ` No. ${number}` : ''} of ${on}` };
}
