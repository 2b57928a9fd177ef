// A demand docflow as `GET /v1/{accountId}/docflows/{docflowId}` returns it, read leniently into the few facts the
// queue «Требует действия» needs (/work/notes/research-extern-demands.md §1–§4). Unknown fields and enum values are
// tolerated; dates come as `YYYY-MM-DD` or as full date-times; statuses as URNs (`urn:docflow-common-status:received`)
// or bare words. Where a field is missing, the fact is null and the tracker computes the deadline itself.
import { z } from 'zod';
import { isoDateOf } from '../../calendar/working-days.ts';
import { isLinkToHosts } from '../../text/provider-links.ts';
import { KONTUR_LINK_HOSTS } from '../kontur/kontur-sites.ts';
import { parseExternDate } from './extern-schema.ts';

/** A non-empty string, or nothing: a missing key, null, an empty string or another type all read as absent. */
const anyText = z.string().trim().min(1).nullish().catch(null);

const linkSchema = z.looseObject({ href: anyText, rel: anyText });
const links = z.array(z.unknown()).catch([]).nullish();

const requisitesSchema = z.looseObject({
  'demand-number': anyText,
  'demand-date': anyText,
  'demand-knd': anyText,
  'receipt-deadline-date': anyText,
  'reply-deadline-date': anyText,
  'demand-status': anyText,
});

const documentSchema = z.looseObject({
  description: z
    .looseObject({ type: anyText, requisites: requisitesSchema.nullish().catch(null) })
    .nullish()
    .catch(null),
});

export const docflowSchema = z.looseObject({
  id: anyText,
  type: anyText,
  status: anyText,
  description: z
    .looseObject({
      'receipt-status': anyText,
      'receipt-date': anyText,
      'receipt-deadline-date': anyText,
      'reply-deadline-date': anyText,
      'replies-status': anyText,
      'reply-date': anyText,
      requisites: requisitesSchema.nullish().catch(null),
    })
    .nullish()
    .catch(null),
  documents: z.array(z.unknown()).catch([]).nullish(),
  links,
  'send-date': anyText,
});

/** What the queue keeps of a looked-up docflow: plain JSON (stored as the subject's `looked`). */
export interface DocflowFacts {
  /** The docflow's status without its URN prefix, lower case: `received`, `processed`, … or null. */
  status: string | null;
  /** `receipt-status` as a bare kebab-case word (`waiting`, `accepted`, …), or null. */
  receiptStatus: string | null;
  /**
   * The day the authority sent it (`send-date`; written without a zone in the docs' example, so read by its date
   * part). Terms run from the day of sending (п. 5.1 ст. 23 НК РФ), which may be before the first event Feedbell saw.
   */
  sentDate: string | null;
  /** Civil dates, YYYY-MM-DD. */
  receiptDate: string | null;
  receiptDeadline: string | null;
  replyDeadline: string | null;
  repliesStatus: string | null;
  replyDate: string | null;
  /** From the first `fns534-demand-attachment` that has them. */
  demandNumber: string | null;
  demandDate: string | null;
  /** Every attachment is marked «Выполнено» (`demand-status: done`) in Extern. */
  allAttachmentsDone: boolean;
  /** The docflow in Extern's web UI (`rel: web-docflow`), only on Kontur's https sites; never built by us. */
  webLink: string | null;
}

/** The part after the last ':' of a URN, lower case, kebab-case for PascalCase words; null for nothing. */
export function bareWord(value: string | null | undefined): string | null {
  if (!value) return null;
  const last = value.trim().split(':').at(-1) ?? '';
  const kebab = last
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
  return kebab === '' ? null : kebab;
}

const HAS_ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/**
 * A civil date from the service: `2026-12-12` as it is; a date-time without a zone by its date part (as written);
 * one with a zone as the date in Moscow, the inspectorate's calendar day. Null when unreadable.
 */
export function civilDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](.*))?$/.exec(text);
  if (!match) return null;
  if (!match[2] || !HAS_ZONE.test(text)) {
    // Date.parse rolls 2026-02-30 over to March: a real day formats back to itself.
    const day = Date.parse(`${match[1]!}T00:00:00Z`);
    return !Number.isNaN(day) && new Date(day).toISOString().startsWith(match[1]!) ? match[1]! : null;
  }
  const ms = parseExternDate(text);
  return Number.isNaN(ms) ? null : isoDateOf(ms, 'Europe/Moscow');
}

function earliest(dates: (string | null)[]): string | null {
  const known = dates.filter((d): d is string => d !== null).toSorted();
  return known[0] ?? null;
}

function webLinkOf(items: unknown[] | null | undefined): string | null {
  for (const item of items ?? []) {
    const link = linkSchema.safeParse(item);
    if (!link.success || bareWord(link.data.rel) !== 'web-docflow') continue;
    if (isLinkToHosts(link.data.href, KONTUR_LINK_HOSTS)) return new URL(link.data.href).href;
  }
  return null;
}

const isAttachment = (type: string | null | undefined) => (bareWord(type) ?? '').endsWith('demand-attachment');

/** The facts of a docflow answer, or null when it is not a docflow at all (the caller keeps computed deadlines). */
export function readDocflow(body: unknown): DocflowFacts | null {
  const parsed = docflowSchema.safeParse(body);
  if (!parsed.success || (!parsed.data.id && !parsed.data.type && !parsed.data.description)) return null;
  const flow = parsed.data;
  const d = flow.description ?? null;
  const attachments = (flow.documents ?? [])
    .map((doc) => documentSchema.safeParse(doc))
    .flatMap((r) => (r.success && r.data.description && isAttachment(r.data.description.type) ? [r.data.description] : []))
    .map((desc) => desc.requisites ?? null)
    .filter((req): req is NonNullable<typeof req> => req !== null);
  const numbered = attachments.find((req) => req['demand-number']);
  return {
    status: bareWord(flow.status),
    sentDate: civilDate(flow['send-date']),
    receiptStatus: bareWord(d?.['receipt-status']),
    receiptDate: civilDate(d?.['receipt-date']),
    // One demand docflow may carry several attachments, each with its own terms: the earliest one counts.
    receiptDeadline: earliest([
      civilDate(d?.['receipt-deadline-date']),
      ...attachments.map((r) => civilDate(r['receipt-deadline-date'])),
    ]),
    replyDeadline: earliest([
      civilDate(d?.['reply-deadline-date']),
      ...attachments.map((r) => civilDate(r['reply-deadline-date'])),
    ]),
    repliesStatus: bareWord(d?.['replies-status']),
    replyDate: civilDate(d?.['reply-date']),
    demandNumber: numbered?.['demand-number'] ?? null,
    demandDate: civilDate(numbered?.['demand-date'] ?? attachments.find((r) => r['demand-date'])?.['demand-date']),
    allAttachmentsDone: attachments.length > 0 && attachments.every((r) => bareWord(r['demand-status']) === 'done'),
    webLink: webLinkOf(flow.links),
  };
}
