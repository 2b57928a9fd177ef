// Evotor feed settings, the shapes of the events API's answers, the stored cursor, and timestamp parsing.
import { z } from 'zod';
import { API_ADDRESS, serviceUrlSchema } from '../../http/service-url.ts';
import { fieldMessage } from '../field-messages.ts';
import { t } from '../form-fields.ts';

export const EVOTOR_DEFAULT_BASE_URL = 'https://api.evotor.ru';

/** Any-case GUID, as the developer portal shows application ids. */
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const APP_ID_REQUIRED = fieldMessage(
  t(
    'нужен ID приложения с Портала разработчиков Эвотор',
    'appId is required: the application id from the Evotor developer portal',
  ),
);
const APP_ID_STRING = fieldMessage(t('ID приложения должен быть строкой', 'appId must be a string'));
const APP_ID_RULE = fieldMessage(
  t(
    'нужен ID приложения вида 0f8fad5b-d9cb-469f-a165-70867728950e',
    'appId must be the application id, a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e',
  ),
);

export const evotorSettingsSchema = z.strictObject({
  appId: z
    .string({ error: (issue) => (issue.input === undefined ? APP_ID_REQUIRED : APP_ID_STRING) })
    .trim()
    .regex(GUID, APP_ID_RULE),
  baseUrl: serviceUrlSchema(API_ADDRESS, EVOTOR_DEFAULT_BASE_URL).default(EVOTOR_DEFAULT_BASE_URL),
  /** 'api': {baseUrl}/api/apps/… (the current guide); 'reference': {baseUrl}/apps/… (the API reference and SDK). */
  pathStyle: z.enum(['api', 'reference']).default('api'),
  /** Event types to ask for (empty: all the app version is set up for), e.g. ["document", "marketplace.purchase"]. */
  types: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9._-]{1,64}$/, 'each type is a word like "document" or "marketplace.purchase"'),
    )
    .max(32)
    .default([]),
  /** Each new window re-reads this far behind the newest event seen, because Evotor filters by its own clock. */
  skewMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  mode: z.enum(['poll', 'stream']).default('poll'),
  /** A stream that sends nothing (not even a ping, every 30 s) for this long is taken as dead. */
  pingTimeoutSec: z.number().min(0.1).max(3600).default(90),
});

export type EvotorSettings = z.infer<typeof evotorSettingsSchema>;

/** A timestamp as Evotor sends it: epoch ms (number or digits) or an ISO date, also with "+0000". */
export const timestampSchema = z.union([z.number(), z.string()]);

/** One event as the API returns it; unknown fields are kept, unknown types and actions are normal. */
export const evotorEventSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]),
  type: z.string(),
  action: z.string().nullish(),
  timestamp: timestampSchema.nullish(),
  payload: z.unknown().optional(),
});

export type EvotorEvent = z.infer<typeof evotorEventSchema>;

/** A stream line: events, but also `system` lines that carry no id, timestamp or payload. */
export const evotorStreamLineSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  type: z.string().nullish(),
  action: z.string().nullish(),
  timestamp: timestampSchema.nullish(),
});

export const evotorPageSchema = z.looseObject({
  items: z.array(z.unknown()),
  // An empty object, a null cursor or no paging at all: the last page.
  paging: z.looseObject({ next_cursor: z.string().nullish() }).nullish(),
});

/** `system` lines (initialized, ping) keep a stream alive; they are never events. */
export function isSystemLine(line: { type?: string | null; action?: string | null; timestamp?: unknown }): boolean {
  if (line.type === 'system') return true;
  return (line.action === 'ping' || line.action === 'initialized') && (line.timestamp === undefined || line.timestamp === null);
}

/** Epoch ms from a number, a string of digits, or an ISO date (offsets "+03:00", "+0300", "Z"); null when unreadable. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{1,16}$/.test(text)) return Number(text);
  // Java's default "yyyy-MM-dd'T'HH:mm:ss.SSSZ" writes "+0000", which Date.parse does not read.
  const iso = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * What the store keeps for an Evotor feed (small JSON), all times in the server's clock:
 * - `from`: the earliest `since` ever asked for (the start position; 0 = the beginning);
 * - `last`: the newest event timestamp seen, or null before the first event;
 * - `next`: the server's `paging.next_cursor` while a window is being paged through;
 * - `win`: that window's `since` (without `next`: the `since` of the next window, to re-read one whole);
 * - `top`: the newest timestamp within the window in progress;
 * - `seen`: how many events the window in progress has sent (two or more in order show it pages oldest first);
 * - `unordered`: set when a window's events did not come oldest first (newest first and no order are UNCONFIRMED
 *   readings too).
 * Nothing in it counts failures: a stored cursor never carries one sync's trouble into the next.
 */
export interface EvotorCursor {
  from: number;
  last: number | null;
  next?: string;
  win?: number;
  top?: number;
  seen?: number;
  unordered?: true;
}

const cursorSchema = z.object({
  from: z.number(),
  last: z.number().nullable(),
  next: z.string().optional(),
  win: z.number().optional(),
  top: z.number().optional(),
  seen: z.int().min(0).optional(),
  unordered: z.literal(true).optional(),
  // Written by earlier versions (cursor rejections in a row); read and dropped, so it cannot wedge a feed.
  rejected: z.int().min(0).optional(),
});

export function encodeCursor(cursor: EvotorCursor): string {
  return JSON.stringify(cursor);
}

/** Null when the stored cursor is unreadable (e.g. written by another version): the caller restarts. */
export function decodeCursor(text: string | null): EvotorCursor | null {
  if (text === null) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const c = parsed.data;
    return {
      from: c.from,
      last: c.last,
      ...(c.next !== undefined ? { next: c.next } : {}),
      ...(c.win !== undefined ? { win: c.win } : {}),
      ...(c.top !== undefined ? { top: c.top } : {}),
      ...(c.seen !== undefined ? { seen: c.seen } : {}),
      ...(c.unordered ? { unordered: true as const } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * How far each new window reaches back behind the newest event seen. At least 1 ms even with no skew: an event
 * stamped in the same millisecond as the newest one seen must still be in the window whether `since` is inclusive
 * or exclusive (UNCONFIRMED).
 */
export function overlapMs(skewMinutes: number): number {
  return Math.max(1, Math.round(skewMinutes * 60_000));
}

/** The `since` of a new window: the newest event seen minus the overlap, never before the start. */
export function windowSince(cursor: EvotorCursor, overlap: number): number {
  if (cursor.last === null) return cursor.from;
  return Math.max(cursor.from, cursor.last - overlap);
}

/**
 * Quotes integer literals too large for a double, so JSON.parse keeps them exact (payload values are stored
 * as strings then). Strings are skipped as a whole; everything else is copied unchanged.
 */
export function quoteUnsafeIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  let out = '';
  let i = 0;
  let copied = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    if (ch === 45 /* - */ || (ch >= 48 && ch <= 57)) {
      const start = i;
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i]!)) i++;
      const literal = text.slice(start, i);
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copied, start)}"${literal}"`;
        copied = i;
      }
      continue;
    }
    i++;
  }
  return out + text.slice(copied);
}
