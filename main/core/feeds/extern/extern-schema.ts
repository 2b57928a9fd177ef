// Shapes of Kontur.Extern's answers (kebab-case JSON; PROVIDERS.md section 2.3, 2.5), checked with zod.
// Tolerant: unknown fields pass through, enum-like strings (docflow types, states) are open-ended.
import { z } from 'zod';

const text = z.string().nullish();

export const docflowLinkSchema = z.looseObject({
  href: text,
  rel: text,
  name: text,
  title: text,
  profile: text,
  templated: z.boolean().nullish(),
});

/** ISO 8601 date-time, with or without an offset (without one it is read as UTC: UNCONFIRMED). */
const dateTime = z.string().refine((s) => !Number.isNaN(parseExternDate(s)), 'must be an ISO date-time');

export const apiEventSchema = z.looseObject({
  id: z.string().min(1),
  inn: text,
  kpp: text,
  'docflow-type': text,
  'docflow-id': text,
  'account-id': text,
  'docflow-link': docflowLinkSchema.nullish(),
  'new-state': text,
  'event-date-time': dateTime,
  'related-docflow-id': text,
  'related-document-id': text,
});

export type ExternApiEvent = z.infer<typeof apiEventSchema>;

const count = z.number().int().min(0).nullish();

export const eventsPageSchema = z.looseObject({
  'first-event-id': text,
  /** The id to continue from (current docs and the C# SDK). */
  'next-event-id': text,
  /** The same in the older Java SDK model (UNCONFIRMED which one the server sends). */
  'last-event-id': text,
  'requested-count': count,
  'returned-count': count,
  'api-events': z.array(apiEventSchema).nullish(),
  links: z.array(z.unknown()).nullish(),
});

export type ExternEventsPage = z.infer<typeof eventsPageSchema>;

/** The error body: `{id: "urn:error:…", status-code, message, trace-id | track-id, properties}`. */
export const apiErrorSchema = z.looseObject({
  id: z.string().nullish(),
  'status-code': z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  'trace-id': z.string().nullish(),
  'track-id': z.string().nullish(),
  properties: z.unknown().optional(),
});

export type ExternApiError = z.infer<typeof apiErrorSchema>;

const HAS_ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/** Epoch ms of an Extern date-time; a value without an offset is taken as UTC. NaN when unreadable. */
export function parseExternDate(value: string): number {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?/.test(trimmed)) return Number.NaN;
  const iso = trimmed.replace(' ', 'T');
  // .NET writes 7 fractional digits; Date.parse wants at most 3.
  const tidy = iso.replace(/(\.\d{3})\d+/, '$1');
  const hasTime = tidy.includes('T');
  return Date.parse(HAS_ZONE.test(tidy) || !hasTime ? tidy : `${tidy}Z`);
}
