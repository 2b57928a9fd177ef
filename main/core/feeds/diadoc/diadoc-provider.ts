// Diadoc (Диадок) box events: GET /V8/GetNewEvents, paged by IndexKey, with JSON (Accept: application/json),
// int64 ticks read losslessly, and a re-read from the exact timestamp after every page that reached a newer time
// (issue diadocsdk-csharp#1083; see diadoc-cursor.ts). A 400 is answered by what may have caused it: a refused key
// is replaced by a re-read from its time, a page size the server does not take by a smaller one.
import { FeedError, type LocalizedText, type NormalizedEvent } from '../../model.ts';
import type { HttpResponse } from '../../http/http-client.ts';
import { serverExcerpt } from '../../text/server-text.ts';
import { providerStatusError, type FeedPage, type Provider, type ProviderContext, type StartPoint } from '../provider.ts';
import {
  decodeCursor,
  encodeCursor,
  keyOf,
  positionAfter,
  readOf,
  readParams,
  ticksOf,
  timeOf,
  type DiadocCursor,
  type DiadocRead,
} from './diadoc-cursor.ts';
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

export { decodeCursor, encodeCursor, type DiadocCursor } from './diadoc-cursor.ts';

/** A start date is read from this much earlier (on the service's clock, which we know to about a second). */
export const START_OVERLAP_MS = 5 * 60_000;

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
  if (!token)
    throw new FeedError('auth', 'No Diadoc token is set for this feed', {
      hint: 'Введите токен Диадока (Enter the Diadoc token)',
    });
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
  403: "Нет доступа к ящику: проверьте boxId и departmentId и права пользователя (No access to the box: check boxId, departmentId and the user's rights)",
  404: 'Проверьте адрес API (baseUrl) (Check the API address, baseUrl)',
  406: 'Сервер не отдал JSON: проверьте адрес API (baseUrl) (The server did not answer in JSON: check the API address, baseUrl)',
};

/** Diadoc's error code and the trace ids of an answer, for the feed's last error: an excerpt without the token. */
function errorDetail(res: HttpResponse, ctx: ProviderContext<DiadocSettings>): string | undefined {
  const parts = [
    res.headers['x-diadoc-errorcode'] ? `X-Diadoc-ErrorCode: ${res.headers['x-diadoc-errorcode']}` : null,
    res.headers['x-kontur-trace-id'] ? `X-Kontur-Trace-Id: ${res.headers['x-kontur-trace-id']}` : null,
    res.headers['x-request-id'] ? `X-Request-Id: ${res.headers['x-request-id']}` : null,
  ].filter(Boolean);
  return serverExcerpt(parts.join('; '), [ctx.secret]) || undefined;
}

function failure(ctx: ProviderContext<DiadocSettings>, res: HttpResponse): FeedError {
  const looksLikeText = !/^\s*</.test(res.text);
  // An excerpt of the body (sanitized, short, without the token in any form); HTML pages say nothing useful.
  const serverMessage = looksLikeText ? serverExcerpt(res.text, [ctx.secret]) : '';
  const detail = errorDetail(res, ctx);
  if (res.status === 409) {
    // DiadocApi.Conflict ("Could not get meta …") is transient (issue diadocapi-docs#312): retry like a server error.
    return new FeedError(
      'server',
      `Diadoc had a temporary conflict (HTTP 409)${serverMessage ? `: ${serverMessage}` : ''}`,
      detail ? { detail } : {},
    );
  }
  return providerStatusError(ctx, res, { service: SERVICE, hints: HINTS, serverMessage, detail });
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

function parseBody(res: HttpResponse, ctx: ProviderContext<DiadocSettings>): unknown {
  try {
    return parseJsonLossless(res.text);
  } catch {
    throw new FeedError('protocol', `Diadoc sent an answer that is not valid JSON (${res.text.length} bytes)`, {
      detail: errorDetail(res, ctx),
    });
  }
}

function shapeError(what: string, issues: { path: PropertyKey[]; message: string }[]): FeedError {
  const first = issues[0];
  const where = first ? `${first.path.map(String).join('.') || '(root)'}: ${first.message}` : 'unexpected shape';
  return new FeedError('protocol', `Diadoc sent ${what} Feedbell cannot read (${where})`);
}

function sameCursor(a: DiadocCursor | null, b: DiadocCursor): boolean {
  if (!a) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof DiadocCursor)[]);
  return [...keys].every((key) => a[key] === b[key]);
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

/** A GetNewEvents answer with no page in it: 204, or 200 with nothing (UNCONFIRMED how V8 ends the feed). */
function noPage(res: HttpResponse): boolean {
  return res.status === 204 || (res.status === 200 && res.text.trim() === '');
}

/** The box's newest event (GetLastEvent; null for an empty box) and the service's clock from the answer's Date header. */
async function lastEvent(
  ctx: ProviderContext<DiadocSettings>,
): Promise<{ event: DiadocBoxEvent | null; serviceNow: number | null }> {
  const res = await get(ctx, '/V2/GetLastEvent', { boxId: ctx.settings.boxId });
  const date = Date.parse(res.headers['date'] ?? '');
  const serviceNow = Number.isNaN(date) ? null : date;
  if (noPage(res)) return { event: null, serviceNow };
  if (res.status !== 200) throw failure(ctx, res);
  const parsed = boxEventSchema.safeParse(parseBody(res, ctx));
  if (!parsed.success) throw shapeError('a last event', parsed.error.issues);
  return { event: parsed.data, serviceNow };
}

/** After this event, by key, remembering its time. */
function after(event: DiadocBoxEvent): DiadocCursor {
  const ticks = ticksOf(event);
  return { ...keyOf(event), ...(ticks === null ? {} : { a: ticks }) };
}

/** The note on the feed after a jump to the box's newest event. */
export const GAP_NOTE: LocalizedText = {
  ru: 'Диадок отклонил сохранённую позицию ленты, а время последнего прочитанного события неизвестно: лента продолжена с последнего события ящика — возможен пропуск событий.',
  en: 'Diadoc refused the stored feed position and the time of the last event read is not known: the feed continued from the newest event in the box, so some events may have been missed.',
};

/** The key Diadoc gave a moment ago is refused too: the same position again, with no progress. */
function loopError(ctx: ProviderContext<DiadocSettings>, res: HttpResponse): FeedError {
  const err = failure(ctx, res);
  return new FeedError(
    'protocol',
    `Diadoc refused the position it had just given, and more than a page of events share one timestamp there: ${err.message}`,
    {
      ...(err.detail ? { detail: err.detail } : {}),
      hint: 'Feedbell попробует снова позже; если ошибка повторяется, удалите ленту и добавьте её заново (Feedbell will try again later; if this repeats, remove the feed and add it again)',
    },
  );
}

/** The events of a GetNewEvents answer (none for 204 or an empty body), with the raw JSON of each for the payload. */
function eventsOf(ctx: ProviderContext<DiadocSettings>, res: HttpResponse): { events: DiadocBoxEvent[]; raws: unknown[] } {
  if (noPage(res)) return { events: [], raws: [] };
  if (res.status !== 200) throw failure(ctx, res);
  const body = parseBody(res, ctx);
  const events = parseEventList(body).Events;
  return { events, raws: events.length ? (body as { Events: unknown[] }).Events : [] };
}

interface PageAnswer {
  res: HttpResponse;
  read: DiadocRead;
  limit: number;
  replacedKey: boolean;
  note?: LocalizedText;
}

/**
 * One GetNewEvents page for a position. A 400 is answered by what may have caused it, each once and in this order,
 * so that nothing is skipped: a refused key by a re-read from the position's time (inclusive: lossless); the page
 * size by halving it (the server's maximum may be below ours); a key with no known time (a position written by an
 * older Feedbell) by the box's newest event, with a note that there may be a gap. Whatever still fails is thrown.
 */
async function requestPage(ctx: ProviderContext<DiadocSettings>, cursor: DiadocCursor | null): Promise<PageAnswer> {
  let read = readOf(cursor);
  let limit = Math.min(ctx.settings.limit, cursor?.l ?? ctx.settings.limit);
  let replacedKey = false;
  let note: LocalizedText | undefined;
  // At most: one re-read by time, halvings down to 1, one jump to the newest event, halvings again.
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await get(ctx, '/V8/GetNewEvents', { ...commonParams(ctx.settings), ...readParams(read), limit: String(limit) });
    if (res.status !== 400) return { res, read, limit, replacedKey, ...(note ? { note } : {}) };
    const time = timeOf(cursor);
    if (read.by === 'key' && !replacedKey && time !== null) {
      ctx.log.warn('diadoc: the position was refused; reading again from its time', {
        feedId: ctx.feedId,
        detail: errorDetail(res, ctx),
      });
      read = { by: 'time', from: time };
      replacedKey = true;
    } else if (limit > 1) {
      limit = Math.ceil(limit / 2);
    } else if (read.by === 'key' && !replacedKey) {
      ctx.log.warn('diadoc: the position was refused and its time is not known; going on from the newest event', {
        feedId: ctx.feedId,
        detail: errorDetail(res, ctx),
      });
      const { event } = await lastEvent(ctx);
      // From its exact time (itself included); an empty box is read from its beginning.
      read = event ? readOf({ ...after(event), ...(ticksOf(event) === null ? {} : { t: ticksOf(event)! }) }) : { by: 'start' };
      replacedKey = true;
      note = GAP_NOTE;
      limit = Math.min(ctx.settings.limit, cursor?.l ?? ctx.settings.limit);
    } else {
      throw failure(ctx, res);
    }
  }
  throw new FeedError('protocol', 'Diadoc refused every form of the request');
}

export const diadocProvider: Provider<DiadocSettings, DiadocRawEvent> = {
  settingsSchema: diadocSettingsSchema,
  needsSecret: true,

  async start(ctx, position): Promise<StartPoint> {
    if (position.kind === 'beginning') return { cursor: null, skipBefore: null };
    // "now" and a date both start from the service's own position and clock, never from ours alone.
    const { event: last, serviceNow } = await lastEvent(ctx);
    // An empty box (204): everything that comes later is new, so read it from its beginning.
    if (!last) return { cursor: null, skipBefore: null };
    if (position.kind === 'now') return { cursor: encodeCursor(after(last)), skipBefore: null };
    // The date on the service's clock (its Date header; ours when it sends none), less an overlap.
    const offset = serviceNow === null ? 0 : serviceNow - ctx.now();
    const from = msToTicks(position.at + offset - START_OVERLAP_MS);
    const lastTicks = ticksOf(last);
    // Nothing in the box is that new: go on after its newest event, which no clock can get wrong.
    if (lastTicks !== null && compareTicks(lastTicks, from) < 0) return { cursor: encodeCursor(after(last)), skipBefore: null };
    return { cursor: encodeCursor({ t: from }), skipBefore: null };
  },

  async fetchPage(ctx, cursorText): Promise<FeedPage<DiadocRawEvent>> {
    const cursor = decodeCursor(cursorText);
    const { res, read, limit, replacedKey, note } = await requestPage(ctx, cursor);
    const learnedLimit = limit < ctx.settings.limit ? limit : null;
    const page = eventsOf(ctx, res);
    let next = positionAfter(page.events, { read, previous: cursor, limit, learnedLimit, replacedKey });
    if (replacedKey && next.stuckAtTime && next.cursor) {
      // The re-read for a refused key was all one timestamp: only the key it just gave leads past it. Try that key now,
      // in this same call: if Diadoc refuses it too, the position would go round in circles (an error for this run;
      // the next run starts again from the stored position).
      const keyRead = readOf(next.cursor);
      const again = await get(ctx, '/V8/GetNewEvents', {
        ...commonParams(ctx.settings),
        ...readParams(keyRead),
        limit: String(limit),
      });
      if (again.status === 400) throw loopError(ctx, again);
      const more = eventsOf(ctx, again);
      page.events.push(...more.events);
      page.raws.push(...more.raws);
      next = positionAfter(more.events, { read: keyRead, previous: next.cursor, limit, learnedLimit, replacedKey: false });
    }
    const fetchedAt = ctx.now();
    const nextText = next.cursor === null ? null : encodeCursor(next.cursor);
    return {
      events: page.events.map((event, i) => ({ event, raw: page.raws[i], fetchedAt })),
      // An unchanged position keeps its stored text.
      cursor: next.cursor !== null && sameCursor(cursor, next.cursor) ? cursorText : nextText,
      more: next.more,
      ...(note ? { note } : {}),
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
    if (noPage(res)) return;
    if (res.status !== 200) throw failure(ctx, res);
    parseEventList(parseBody(res, ctx));
  },
};
