// Kontur realty checks ("Reestro"): the feed's settings and the shape of GET /realty/assessment/v2/events
// (PROVIDERS.md section 3). Tolerant of extra fields and unknown enum values; strict about what paging needs.
import { z } from 'zod';
import { API_ADDRESS, serviceUrlSchema } from '../../http/service-url.ts';
import { fieldMessage } from '../field-messages.ts';
import { t } from '../form-fields.ts';

export const DEFAULT_BASE_URL = 'https://api.kontur.ru';

/** A GUID in any letter case (the seed's orgId is lower case; .NET servers often print upper case). */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ORG_ID_RULE = fieldMessage(
  t(
    'нужен ID организации вида 1269f58a-3d40-42e1-91ad-a4251566419c',
    'orgId must be the organization GUID, e.g. 1269f58a-3d40-42e1-91ad-a4251566419c',
  ),
);
const AUTH_RULE = fieldMessage(t('выберите auth.sid или API-ключ', 'auth must be "sid" or "apiKey"'));
const COUNT_WHOLE = fieldMessage(t('нужно целое число', 'count must be a whole number'));
const COUNT_RULE = fieldMessage(t('от 1 до 100', 'count must be 1..100'));

export const realtySettingsSchema = z.strictObject({
  /** The organization named in the ReestroAuth header (portal.orgid). */
  orgId: z.string().trim().regex(GUID_PATTERN, ORG_ID_RULE),
  /** What the feed's secret is: a user session (auth.sid) or an API key. */
  auth: z.enum(['sid', 'apiKey'], { error: AUTH_RULE }).default('sid'),
  baseUrl: serviceUrlSchema(API_ADDRESS, DEFAULT_BASE_URL).default(DEFAULT_BASE_URL),
  /** Events per request; the service allows 1..100 (its own default is 30). */
  count: z.int(COUNT_WHOLE).min(1, COUNT_RULE).max(100, COUNT_RULE).default(100),
});

export type RealtySettings = z.infer<typeof realtySettingsSchema>;

const idLike = z.union([z.string(), z.number().transform(String)]);

/** One CheckEvent. Only eventId and eventDate are needed to store it; everything else is shown if present. */
export const checkEventSchema = z.looseObject({
  eventId: z.string().trim().min(1, 'eventId is empty').max(200),
  eventDate: z.string().min(1),
  checkId: idLike.nullish(),
  /** The doc's spelling. */
  corelationId: idLike.nullish(),
  /** The spelling of 3p create-check bodies (UNCONFIRMED which one the feed uses: both accepted). */
  correlationId: idLike.nullish(),
  externalId: idLike.nullish(),
  checkType: z.string().nullish(),
  checkState: z.string().nullish(),
});

export type RealtyCheckEvent = z.infer<typeof checkEventSchema>;

export const eventsPageSchema = z.looseObject({
  /** The position to continue after. On an empty page: null, an echo of afterEventId, or absent (UNCONFIRMED). */
  lastEventId: z.string().nullish(),
  /** Required; null read as an empty list. */
  events: z.array(z.unknown()).nullable(),
});

/** The documented error body (400): {code, message, target, errors: [{code, message, target}]}. */
export const errorBodySchema = z.looseObject({
  code: z.string().nullish(),
  message: z.string().nullish(),
  target: z.string().nullish(),
  errors: z
    .array(
      z.looseObject({
        code: z.string().nullish(),
        message: z.string().nullish(),
        target: z.string().nullish(),
      }),
    )
    .nullish()
    .catch(null),
});

/**
 * "2011-01-02T03:05:06.012345Z" (six fractional digits) as epoch ms; a missing zone is read as UTC.
 * Returns NaN when the text is not such a date.
 */
export function parseEventDate(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!m) return Number.NaN;
  const [, date, time, fraction = '', zone = 'Z'] = m;
  const ms = (fraction + '000').slice(0, 3);
  const tz = zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const seconds = time!.length === 5 ? `${time}:00` : time;
  return Date.parse(`${date}T${seconds}.${ms}${tz}`);
}
