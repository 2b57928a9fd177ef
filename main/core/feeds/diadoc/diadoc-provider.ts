// Diadoc (Диадок) box events: GET /V8/GetNewEvents, paged by IndexKey, with JSON (Accept: application/json),
// int64 ticks read losslessly, and a timestamp re-read at full-page boundaries (issue diadocsdk-csharp#1083).
import { FeedError, type NormalizedEvent } from '../../model.ts';
import { statusError, type HttpResponse } from '../../http/http-client.ts';
import type { FeedPage, Provider, ProviderContext, StartPoint } from '../provider.ts';
import { compareTicks, msToTicks, parseJsonLossless, ticksToMs } from './diadoc-json.ts';
import {
  boxEventListSchema,
  boxEventSchema,
  diadocSettingsSchema,
  type DiadocBoxEvent,
  type DiadocBoxEventList,
  type DiadocSettings,
} from './diadoc-schema.ts';
import { describeEvent } from './diadoc-texts.ts';

export { diadocSettingsSchema, type DiadocSettings } from './diadoc-schema.ts';

const SERVICE = 'Diadoc';

/** What fetchPage hands the poller: the validated event and when its page arrived (for events without a time). */
export interface DiadocRawEvent {
  event: DiadocBoxEvent;
  /** The event as Diadoc sent it, int64 values as decimal strings (the stored payload). */
  raw: unknown;
  fetchedAt: number;
}

/**
 * The stored cursor, as small JSON:
 * - `{"k": IndexKey}`: read after this event (afterIndexKey, exclusive);
 * - `{"e": EventId}`: the same by the legacy afterEventId, for an event that came without an IndexKey;
 * - `{"t": ticks}` (plus the last `k`/`e` seen): re-read from this exact timestamp (timestampFromTicks, inclusive).
 *   Used after every full page and for a start date: an event that shares the page's last IndexKey or timestamp
 *   (issue #1083) is not skipped; what comes twice is dropped by event id in the store.
 */
export interface DiadocCursor {
  k?: string;
  e?: string;
  t?: string;
}

export function encodeCursor(cursor: DiadocCursor): string {
  return JSON.stringify(cursor);
}

export function decodeCursor(text: string | null): DiadocCursor | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const c = parsed as Record<string, unknown> | null;
  const ok =
    c !== null &&
    typeof c === 'object' &&
    !Array.isArray(c) &&
    (c['k'] === undefined || (typeof c['k'] === 'string' && c['k'].length > 0)) &&
    (c['e'] === undefined || (typeof c['e'] === 'string' && c['e'].length > 0)) &&
    (c['t'] === undefined || (typeof c['t'] === 'string' && /^\d{1,20}$/.test(c['t']))) &&
    (c['k'] !== undefined || c['e'] !== undefined || c['t'] !== undefined);
  if (!ok) throw new FeedError('protocol', 'The stored Diadoc position is unreadable; remove and add the feed again to restart it');
  return c as DiadocCursor;
}

/** The query parameters that move along the feed for one cursor. */
function cursorParams(cursor: DiadocCursor | null): Record<string, string> {
  if (!cursor) return {};
  if (cursor.t !== undefined) return { timestampFromTicks: cursor.t };
  if (cursor.k !== undefined) return { afterIndexKey: cursor.k };
  if (cursor.e !== undefined) return { afterEventId: cursor.e };
  return {};
}

function ticksOf(event: DiadocBoxEvent): string | null {
  return event.Message?.TimestampTicks ?? event.Patch?.TimestampTicks ?? null;
}

/** A header value may hold only visible ASCII; anything else (a pasted newline) is refused without echoing it. */
function headerSafe(value: string, what: string): string {
  if (!/^[\x20-\x7e]+$/.test(value)) {
    throw new FeedError('auth', `The Diadoc ${what} contains characters that cannot be sent`, {
      hint: 'Введите токен заново, без пробелов и переводов строки (Enter the token again, without spaces or line breaks)',
    });
  }
  return value;
}

function authHeader(ctx: ProviderContext<DiadocSettings>): string {
  const token = ctx.secret?.trim();
  if (!token) throw new FeedError('auth', 'No Diadoc token is set for this feed', { hint: 'Введите токен Диадока (Enter the Diadoc token)' });
  headerSafe(token, 'token');
  if (ctx.settings.auth === 'diadocauth') {
    const clientId = ctx.settings.clientId;
    if (!clientId) throw new FeedError('config', 'Diadoc: auth "diadocauth" needs settings.clientId');
    return `DiadocAuth ddauth_api_client_id=${clientId},ddauth_token=${token}`;
  }
  return `Bearer ${token}`;
}

const HINTS: Partial<Record<number, string>> = {
  400: 'Диадок отклонил запрос; позиция ленты сохранена (Diadoc rejected the request; the feed position is kept)',
  401: 'Токен Диадока не принят или истёк: войдите заново (The Diadoc token was rejected or expired: sign in again)',
  402: 'Подписка на API Диадока закончилась: продлите подписку на API для этого ящика (The Diadoc API subscription has expired: renew it for this box)',
  403: 'Нет доступа к ящику: проверьте boxId и departmentId и права пользователя (No access to the box: check boxId, departmentId and the user\'s rights)',
  404: 'Проверьте адрес API (baseUrl) (Check the API address, baseUrl)',
  406: 'Сервер не отдал JSON: проверьте адрес API (baseUrl) (The server did not answer in JSON: check the API address, baseUrl)',
};

/** Removes the secret from text the server sent back, in case it echoes our headers. */
function scrub(text: string, secret: string | null): string {
  const t = secret?.trim();
  return t && t.length >= 4 ? text.split(t).join('***') : text;
}

/** Diadoc's error code and the trace ids of an answer, for the feed's last error. */
function errorDetail(res: HttpResponse): string | undefined {
  const parts = [
    res.headers['x-diadoc-errorcode'] ? `X-Diadoc-ErrorCode: ${res.headers['x-diadoc-errorcode']}` : null,
    res.headers['x-kontur-trace-id'] ? `X-Kontur-Trace-Id: ${res.headers['x-kontur-trace-id']}` : null,
    res.headers['x-request-id'] ? `X-Request-Id: ${res.headers['x-request-id']}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ').slice(0, 500) : undefined;
}

function failure(ctx: ProviderContext<DiadocSettings>, res: HttpResponse): FeedError {
  const text = res.text.trim();
  const looksLikeText = text.length > 0 && !/^\s*</.test(text);
  const serverMessage = looksLikeText ? scrub(text.replace(/\s+/g, ' '), ctx.secret).slice(0, 300) : undefined;
  const detail = errorDetail(res);
  if (res.status === 409) {
    // DiadocApi.Conflict ("Could not get meta …") is transient (issue diadocapi-docs#312): retry like a server error.
    return new FeedError('server', `Diadoc had a temporary conflict (HTTP 409)${serverMessage ? `: ${serverMessage}` : ''}`, detail ? { detail } : {});
  }
  return statusError(res, {
    service: SERVICE,
    hints: HINTS,
    ...(serverMessage ? { serverMessage } : {}),
    ...(detail ? { detail } : {}),
    now: ctx.now(),
  });
}

async function get(ctx: ProviderContext<DiadocSettings>, path: string, params: Record<string, string>): Promise<HttpResponse> {
  const url = new URL(`${ctx.settings.baseUrl}${path}`);
  // URLSearchParams percent-encodes "+", "/" and "=" of base64 IndexKeys (an unencoded "+" is a 400).
  url.search = new URLSearchParams(params).toString();
  return ctx.http.send({
    url,
    headers: { accept: 'application/json', authorization: authHeader(ctx) },
    signal: ctx.signal,
  });
}

function parseBody(res: HttpResponse): unknown {
  try {
    return parseJsonLossless(res.text);
  } catch {
    throw new FeedError('protocol', `Diadoc sent an answer that is not valid JSON (${res.text.length} bytes)`, { detail: errorDetail(res) });
  }
}

function shapeError(what: string, issues: { path: PropertyKey[]; message: string }[]): FeedError {
  const first = issues[0];
  const where = first ? `${first.path.map(String).join('.') || '(root)'}: ${first.message}` : 'unexpected shape';
  return new FeedError('protocol', `Diadoc sent ${what} Feedbell cannot read (${where})`);
}

export function parseEventList(body: unknown): DiadocBoxEventList & { Events: DiadocBoxEvent[] } {
  const parsed = boxEventListSchema.safeParse(body);
  if (!parsed.success) throw shapeError('an event list', parsed.error.issues);
  const list = parsed.data;
  if (list.Events === undefined) {
    const known = new Set(['TotalCount', 'TotalCountType']);
    const unknown = Object.keys(list).filter((key) => !known.has(key));
    if (unknown.length > 0) throw shapeError('an event list', [{ path: ['Events'], message: 'missing' }]);
  }
  return { ...list, Events: list.Events ?? [] };
}

function commonParams(settings: DiadocSettings): Record<string, string> {
  return {
    boxId: settings.boxId,
    ...(settings.departmentId ? { departmentId: settings.departmentId } : {}),
    ...(settings.documentDirection.length ? { documentDirection: settings.documentDirection.join(',') } : {}),
    ...(settings.messageType.length ? { messageType: settings.messageType.join(',') } : {}),
  };
}

/** The cursor after a non-empty page (see DiadocCursor). */
export function nextCursor(events: DiadocBoxEvent[], limit: number, previous: DiadocCursor | null): DiadocCursor {
  const last = events.at(-1)!;
  const after: DiadocCursor = last.IndexKey ? { k: last.IndexKey } : { e: last.EventId };
  const lastTicks = ticksOf(last);
  if (events.length < limit || lastTicks === null) return after;
  // A full page: the next events may share the last one's IndexKey or timestamp, so re-read from its timestamp.
  // Unless the whole page already was that one timestamp (a re-read would return the same page forever).
  if (previous?.t !== undefined && compareTicks(lastTicks, previous.t) <= 0) return after;
  return { ...after, t: lastTicks };
}

export const diadocProvider: Provider<DiadocSettings, DiadocRawEvent> = {
  id: 'diadoc',
  name: { ru: 'Диадок', en: 'Diadoc' },
  settingsSchema: diadocSettingsSchema,
  needsSecret: true,

  async start(ctx, position): Promise<StartPoint> {
    if (position.kind === 'beginning') return { cursor: null, skipBefore: null };
    if (position.kind === 'date') return { cursor: encodeCursor({ t: msToTicks(position.at) }), skipBefore: null };
    // "now": after the box's newest event; an empty box (204) starts at its beginning.
    const res = await get(ctx, '/V2/GetLastEvent', { boxId: ctx.settings.boxId });
    if (res.status === 204 || (res.status === 200 && res.text.trim() === '')) return { cursor: null, skipBefore: null };
    if (res.status !== 200) throw failure(ctx, res);
    const parsed = boxEventSchema.safeParse(parseBody(res));
    if (!parsed.success) throw shapeError('a last event', parsed.error.issues);
    const last = parsed.data;
    return { cursor: encodeCursor(last.IndexKey ? { k: last.IndexKey } : { e: last.EventId }), skipBefore: null };
  },

  async fetchPage(ctx, cursorText): Promise<FeedPage<DiadocRawEvent>> {
    const cursor = decodeCursor(cursorText);
    const limit = ctx.settings.limit;
    const res = await get(ctx, '/V8/GetNewEvents', { ...commonParams(ctx.settings), ...cursorParams(cursor), limit: String(limit) });
    if (res.status !== 200) throw failure(ctx, res);
    const body = parseBody(res);
    const list = parseEventList(body);
    const events = list.Events;
    if (events.length === 0) return { events: [], cursor: cursorText, more: false };
    const fetchedAt = ctx.now();
    const rawEvents = (body as { Events: unknown[] }).Events;
    const more = events.length >= limit || (typeof list.TotalCount === 'number' && list.TotalCount > events.length);
    return {
      events: events.map((event, i) => ({ event, raw: rawEvents[i], fetchedAt })),
      cursor: encodeCursor(nextCursor(events, limit, cursor)),
      more,
    };
  },

  normalize(raw: DiadocRawEvent, settings: DiadocSettings): NormalizedEvent {
    const { event } = raw;
    const ticks = ticksOf(event);
    const occurredAt = (ticks === null ? null : ticksToMs(ticks)) ?? raw.fetchedAt;
    return { id: event.EventId, occurredAt, ...describeEvent(event, settings.boxId), payload: raw.raw ?? event };
  },

  async check(ctx): Promise<void> {
    const res = await get(ctx, '/V8/GetNewEvents', { ...commonParams(ctx.settings), limit: '1' });
    if (res.status !== 200) throw failure(ctx, res);
    parseEventList(parseBody(res));
  },
};
