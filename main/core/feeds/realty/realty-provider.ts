// Kontur realty checks ("Reestro"): GET {baseUrl}/realty/assessment/v2/events?afterEventId=…&count=…
// (PROVIDERS.md section 3, seed 002). Auth "ReestroAuth auth.sid=…&portal.orgid=…" or "ReestroAuth apiKey=…&…".
// The service keeps events for 3 months and has no time seek: a position it no longer knows restarts the feed
// from the oldest retained event (the store drops what it already has) with a note that a gap is possible.
import { FeedError, type NormalizedEvent, type StartPosition } from '../../model.ts';
import { parseJsonBody, statusError, type HttpResponse } from '../../http/http-client.ts';
import type { FeedPage, Provider, ProviderContext, StartPoint } from '../provider.ts';
import {
  GUID_PATTERN,
  checkEventSchema,
  errorBodySchema,
  eventsPageSchema,
  parseEventDate,
  realtySettingsSchema,
  type RealtyCheckEvent,
  type RealtySettings,
} from './realty-schema.ts';
import { realtySummary, realtyTitle } from './realty-texts.ts';

export const EVENTS_PATH = '/realty/assessment/v2/events';
const SERVICE = 'Kontur realty checks (Reestro)';

/** A page whose first event is this much older than our position means the server started over (silently). */
const SILENT_RESTART_TOLERANCE_MS = 5 * 60_000;
/**
 * After a restart from the oldest event, a position the server itself just handed out that it rejects again
 * within this time is a contradiction: report it (protocol) instead of restarting in a loop.
 */
export const RESTART_GUARD_MS = 60 * 60_000;
/** The service keeps events for 3 months (seed): a position older than this may have lost what followed it. */
export const RETENTION_MS = 90 * 86_400_000;

type Ctx = ProviderContext<RealtySettings>;

/** What the stored cursor holds: the last event id, its date, and when the feed last restarted from the oldest. */
interface Position {
  after: string | null;
  at: number | null;
  restartedAt: number | null;
  /** The stored text was not a position this provider writes. */
  unreadable: boolean;
}

export function encodeCursor(position: { after: string | null; at: number | null; restartedAt: number | null }): string | null {
  if (position.after === null && position.restartedAt === null) return null;
  const out: Record<string, string | number> = {};
  if (position.after !== null) out['after'] = position.after;
  if (position.at !== null) out['at'] = position.at;
  if (position.restartedAt !== null) out['restartedAt'] = position.restartedAt;
  return JSON.stringify(out);
}

export function decodeCursor(text: string | null): Position {
  const empty: Position = { after: null, at: null, restartedAt: null, unreadable: false };
  if (text === null || text === '') return empty;
  // A bare GUID (lastEventId as it came) is accepted too.
  if (GUID_PATTERN.test(text.trim())) return { ...empty, after: text.trim() };
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    if (json && typeof json === 'object') {
      const after = typeof json['after'] === 'string' && json['after'] !== '' ? json['after'] : null;
      const at = typeof json['at'] === 'number' && Number.isFinite(json['at']) ? json['at'] : null;
      const restartedAt = typeof json['restartedAt'] === 'number' && Number.isFinite(json['restartedAt']) ? json['restartedAt'] : null;
      return { after, at, restartedAt, unreadable: false };
    }
  } catch {
    // fall through
  }
  return { ...empty, unreadable: true };
}

/** The Authorization header value; the secret is checked so that it cannot break out of the header. */
export function authorizationHeader(settings: RealtySettings, secret: string | null): string {
  const value = (secret ?? '').trim();
  if (!value) {
    throw new FeedError('auth', 'No secret is set for this feed', {
      hint: settings.auth === 'sid' ? 'Enter the auth.sid of a Kontur session as the feed secret' : 'Enter the Reestro API key as the feed secret',
    });
  }
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes('&')) {
    throw new FeedError('config', 'The feed secret contains spaces, "&" or other characters that cannot go into the ReestroAuth header', {
      hint: settings.auth === 'sid' ? 'Paste the auth.sid value only' : 'Paste the API key value only',
    });
  }
  const key = settings.auth === 'sid' ? 'auth.sid' : 'apiKey';
  return `ReestroAuth ${key}=${value}&portal.orgid=${settings.orgId}`;
}

function eventsUrl(settings: RealtySettings, after: string | null, count: number): string {
  const url = new URL(`${settings.baseUrl}${EVENTS_PATH}`);
  if (after !== null) url.searchParams.set('afterEventId', after);
  url.searchParams.set('count', String(count));
  return url.toString();
}

async function getEvents(ctx: Ctx, after: string | null, count: number): Promise<HttpResponse> {
  return ctx.http.send({
    url: eventsUrl(ctx.settings, after, count),
    headers: { authorization: authorizationHeader(ctx.settings, ctx.secret), accept: 'application/json' },
    signal: ctx.signal,
  });
}

function hints(settings: RealtySettings): Partial<Record<number, string>> {
  return {
    401:
      settings.auth === 'sid'
        ? 'The auth.sid session has expired or is not valid: sign in to Kontur again and enter a fresh auth.sid'
        : 'The API key is not valid or was revoked: enter a valid Reestro API key',
    403: `No access to organization ${settings.orgId}: check orgId in the feed settings and this user's rights to the organization in Kontur`,
    404: `The events address was not found: check baseUrl (normally https://api.kontur.ru)`,
  };
}

function scrub(text: string, secret: string | null): string {
  const value = secret?.trim();
  return value && value.length >= 4 ? text.split(value).join('***') : text;
}

interface ServerSaid {
  message: string | undefined;
  detail: string | undefined;
  /** All the texts of the body, for deciding what a 400 is about. */
  text: string;
}

/** The server's own explanation: the documented {code, message, target, errors[]} body, or short plain text. */
function serverSaid(res: HttpResponse, secret: string | null): ServerSaid {
  let body: unknown = undefined;
  try {
    body = res.text.trim() ? JSON.parse(res.text) : undefined;
  } catch {
    body = undefined;
  }
  const parsed = errorBodySchema.safeParse(body);
  const messages: string[] = [];
  const detail: string[] = [];
  let text = '';
  if (parsed.success) {
    const b = parsed.data;
    if (b.message) messages.push(b.message);
    if (b.code) detail.push(`code=${b.code}`);
    for (const e of b.errors ?? []) {
      if (e.message) messages.push(e.target ? `${e.message} (${e.target})` : e.message);
      detail.push(`${e.code ?? 'error'}: ${e.message ?? ''}${e.target ? ` [${e.target}]` : ''}`.trim());
    }
    text = [b.message, b.target, ...(b.errors ?? []).flatMap((e) => [e.message, e.target])].filter(Boolean).join(' ');
  } else if (res.text.trim() && !/^\s*</.test(res.text)) {
    messages.push(res.text.trim().slice(0, 200));
    text = res.text;
  }
  const trace = res.headers['x-kontur-trace-id'] ?? res.headers['x-trace-id'] ?? res.headers['x-request-id'];
  if (trace) detail.push(`trace=${trace}`);
  return {
    message: messages.length ? scrub(messages.join('; '), secret) : undefined,
    detail: detail.length ? scrub(detail.join('; ').slice(0, 500), secret) : undefined,
    text: scrub(text, secret),
  };
}

function responseError(ctx: Ctx, res: HttpResponse, said = serverSaid(res, ctx.secret)): FeedError {
  return statusError(res, {
    service: SERVICE,
    hints: hints(ctx.settings),
    ...(said.message ? { serverMessage: said.message } : {}),
    ...(said.detail ? { detail: said.detail } : {}),
    now: ctx.now(),
  });
}

/**
 * Whether an answer to a request with afterEventId says the position is gone (3-month retention; the exact
 * answer is UNCONFIRMED): 404/410, or a 400 that blames afterEventId or names no other field.
 */
function rejectsCursor(res: HttpResponse, said: ServerSaid): boolean {
  if (res.status === 404 || res.status === 410) return true;
  if (res.status !== 400) return false;
  if (/aftereventid/i.test(said.text)) return true;
  return !/\bcount\b/i.test(said.text);
}

function isOk(res: HttpResponse): boolean {
  return res.status >= 200 && res.status < 300;
}

interface ParsedPage {
  events: RealtyCheckEvent[];
  dates: number[];
  lastEventId: string | null;
}

/** Validates a 2xx answer: the page shape, then every event (eventId and a readable eventDate are required). */
function parsePage(res: HttpResponse): ParsedPage {
  if (res.status === 204 || !res.text.trim()) return { events: [], dates: [], lastEventId: null };
  const json = parseJsonBody(res, SERVICE);
  const page = eventsPageSchema.safeParse(json);
  if (!page.success) {
    const issue = page.error.issues[0];
    throw new FeedError('protocol', `${SERVICE} sent a page of an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`);
  }
  const events: RealtyCheckEvent[] = [];
  const dates: number[] = [];
  for (const [index, raw] of (page.data.events ?? []).entries()) {
    const event = checkEventSchema.safeParse(raw);
    if (!event.success) {
      const issue = event.error.issues[0];
      throw new FeedError('protocol', `${SERVICE} sent an event without the expected fields (events[${index}].${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`);
    }
    const at = parseEventDate(event.data.eventDate);
    if (Number.isNaN(at)) {
      throw new FeedError('protocol', `${SERVICE} sent an event whose eventDate is not a date (events[${index}].eventDate: "${event.data.eventDate.slice(0, 40)}")`);
    }
    events.push(event.data);
    dates.push(at);
  }
  const last = page.data.lastEventId;
  return { events, dates, lastEventId: typeof last === 'string' && last.trim() ? last.trim() : null };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** The note shown on the feed after a restart from the oldest retained event. */
export function gapNote(oldestAt: number | null, lostAfter: number | null): string {
  const since = oldestAt === null ? 'последних 3 месяцев' : formatDate(oldestAt);
  const from = lostAfter === null ? '' : ` (последнее прочитанное событие — от ${formatDate(lostAfter)})`;
  const ru = oldestAt === null
    ? `Сервис больше не хранит события до начала последних 3 месяцев — возможен пропуск${from}. Лента продолжена с самого раннего доступного события.`
    : `Сервис больше не хранит события до ${since} — возможен пропуск${from}. Лента продолжена с самого раннего доступного события.`;
  const en = `The service no longer keeps our position (3-month retention): some events may have been missed. The feed continued from the oldest event still kept${oldestAt === null ? '' : ` (${since})`}.`;
  return `${ru} / ${en}`;
}

/** JSON-safe copy: numbers beyond 2^53 and bigints become strings. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isSafeInteger(value) || !Number.isInteger(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

export const realtyProvider: Provider<RealtySettings, RealtyCheckEvent> = {
  id: 'realty',
  name: { ru: 'Контур: проверки недвижимости (Реестро)', en: 'Kontur realty checks (Reestro)' },
  settingsSchema: realtySettingsSchema,
  needsSecret: true,

  /** The API cannot seek to a time: read forward from the oldest retained event and skip what is older. */
  async start(ctx: Ctx, position: StartPosition): Promise<StartPoint> {
    if (position.kind === 'beginning') return { cursor: null, skipBefore: null };
    return { cursor: null, skipBefore: position.kind === 'date' ? position.at : ctx.now() };
  },

  async fetchPage(ctx: Ctx, cursorText: string | null): Promise<FeedPage<RealtyCheckEvent>> {
    const position = decodeCursor(cursorText);
    const count = ctx.settings.count;
    let restarted = position.unreadable;
    let sentAfter = position.after;
    let res = await getEvents(ctx, sentAfter, count);
    if (position.after !== null && !isOk(res)) {
      const said = serverSaid(res, ctx.secret);
      if (!rejectsCursor(res, said)) throw responseError(ctx, res, said);
      if (position.restartedAt !== null && ctx.now() - position.restartedAt < RESTART_GUARD_MS) {
        // The server rejects a position it handed out after the last restart: do not go round in circles.
        const err = responseError(ctx, res, said);
        throw new FeedError('protocol', `${SERVICE} rejected the position it gave shortly before, right after a restart from its oldest event: ${err.message}`, {
          ...(err.detail ? { detail: err.detail } : {}),
          hint: 'Feedbell will try again later; if this repeats, remove and add the feed again',
        });
      }
      ctx.log.warn('realty: the service no longer knows our position; restarting from its oldest event', {
        feedId: ctx.feedId,
        status: res.status,
        detail: said.detail,
      });
      restarted = true;
      sentAfter = null;
      res = await getEvents(ctx, null, count);
    }
    if (!isOk(res)) throw responseError(ctx, res);
    const page = parsePage(res);
    const { events, dates } = page;

    // A server that forgets the position may also answer silently from its oldest event.
    if (!restarted && position.after !== null && position.at !== null && dates.length > 0 && dates[0]! < position.at - SILENT_RESTART_TOLERANCE_MS) {
      ctx.log.warn('realty: the page begins before our position; the service restarted from its oldest event', { feedId: ctx.feedId });
      restarted = true;
    }

    let after = restarted ? null : position.after;
    if (events.length > 0) {
      // lastEventId is the documented continuation; the last event's own id when it is missing.
      after = page.lastEventId ?? events.at(-1)!.eventId;
    } else if (after === null && page.lastEventId !== null) {
      // An empty page may echo the cursor, send null, or omit lastEventId (UNCONFIRMED): keep ours.
      after = page.lastEventId;
    }
    const now = ctx.now();
    // Whatever the server does with an old position (reject it, or answer silently from its oldest event),
    // a position older than the retention may have lost the events that followed it.
    const beyondRetention = !restarted && position.after !== null && position.at !== null && now - position.at > RETENTION_MS;
    const newest = dates.length ? Math.max(...dates) : null;
    const at = restarted
      ? newest
      : newest === null
        ? beyondRetention
          ? now // noted once; do not repeat the note on every empty poll
          : position.at
        : Math.max(newest, position.at ?? newest);
    const restartedAt = restarted ? now : position.restartedAt !== null && now - position.restartedAt < RESTART_GUARD_MS ? position.restartedAt : null;
    const cursor = encodeCursor({ after, at, restartedAt });
    // Keep reading while pages come (the server may clamp count); stop when a page does not move the position.
    const more = events.length > 0 && after !== sentAfter;
    return {
      events,
      cursor,
      more,
      ...(restarted || beyondRetention ? { note: gapNote(dates.length ? Math.min(...dates) : null, position.at) } : {}),
    };
  },

  normalize(raw: RealtyCheckEvent): NormalizedEvent {
    const at = parseEventDate(raw.eventDate);
    const type = `${raw.checkType?.trim() || 'Unknown'}.${raw.checkState?.trim() || 'Unknown'}`;
    return {
      id: raw.eventId,
      type,
      occurredAt: Number.isNaN(at) ? 0 : at,
      title: realtyTitle(raw),
      summary: realtySummary(raw),
      // No stable, documented web address of a check exists.
      link: null,
      payload: jsonSafe(raw),
    };
  },

  async check(ctx: Ctx): Promise<void> {
    const res = await getEvents(ctx, null, 1);
    if (!isOk(res)) throw responseError(ctx, res);
    parsePage(res);
  },
};
