// Kontur realty checks ("Reestro"): GET {baseUrl}/realty/assessment/v2/events?afterEventId=…&count=…
// (PROVIDERS.md section 3, seed 002). Auth "ReestroAuth auth.sid=…&portal.orgid=…" or "ReestroAuth apiKey=…&…".
// The service keeps events for 3 months and has no time seek. A position it no longer knows restarts the feed from
// the oldest retained event (the store drops what it already has) with a note that a gap is possible, as often as
// that happens; only a loop within one sync is an error. Nothing here compares the local clock with the service's.
import { FeedError, type LocalizedText, type NormalizedEvent, type StartPosition } from '../../model.ts';
import { parseJsonBody, type HttpResponse } from '../../http/http-client.ts';
import { serverExcerpt } from '../../text/server-text.ts';
import { providerStatusError, type FeedPage, type Provider, type ProviderContext, type StartPoint } from '../provider.ts';
import { decodeCursor, encodeCursor, type StartWindow } from './realty-cursor.ts';
import { answeredTwice, rejectedBefore, remember } from './realty-run-memory.ts';
import {
  checkEventSchema,
  errorBodySchema,
  eventsPageSchema,
  parseEventDate,
  realtySettingsSchema,
  type RealtyCheckEvent,
  type RealtySettings,
} from './realty-schema.ts';
import { findStartCursor } from './realty-start.ts';
import { realtySummary, realtyTitle } from './realty-texts.ts';

export { decodeCursor, encodeCursor } from './realty-cursor.ts';

export const EVENTS_PATH = '/realty/assessment/v2/events';
const SERVICE = 'Kontur realty checks (Reestro)';

/** The service keeps events for 3 months (seed): a position older than this may have lost what followed it. */
export const RETENTION_MS = 90 * 86_400_000;

type Ctx = ProviderContext<RealtySettings>;

/** The Authorization header value; the secret is checked so that it cannot break out of the header. */
export function authorizationHeader(settings: RealtySettings, secret: string | null): string {
  const value = (secret ?? '').trim();
  if (!value) {
    throw new FeedError('auth', 'No secret is set for this feed', {
      hint:
        settings.auth === 'sid'
          ? 'Enter the auth.sid of a Kontur session as the feed secret'
          : 'Enter the Reestro API key as the feed secret',
    });
  }
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes('&')) {
    throw new FeedError(
      'config',
      'The feed secret contains spaces, "&" or other characters that cannot go into the ReestroAuth header',
      {
        hint: settings.auth === 'sid' ? 'Paste the auth.sid value only' : 'Paste the API key value only',
      },
    );
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

interface ServerSaid {
  /** Excerpts (see server-text.ts): sanitized, short, without the secret in any form. */
  message: string | undefined;
  detail: string | undefined;
  /** All the texts of the body, for deciding what a 400 is about; never shown. */
  text: string;
}

/** The server's own explanation: the documented {code, message, target, errors[]} body, or plain text. */
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
    messages.push(res.text);
    text = res.text;
  }
  const trace = res.headers['x-kontur-trace-id'] ?? res.headers['x-trace-id'] ?? res.headers['x-request-id'];
  if (trace) detail.push(`trace=${trace}`);
  return {
    message: serverExcerpt(messages.join('; '), [secret]) || undefined,
    detail: serverExcerpt(detail.join('; '), [secret]) || undefined,
    text,
  };
}

function responseError(ctx: Ctx, res: HttpResponse, said = serverSaid(res, ctx.secret)): FeedError {
  return providerStatusError(ctx, res, {
    service: SERVICE,
    hints: hints(ctx.settings),
    serverMessage: said.message,
    detail: said.detail,
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

/**
 * Whether a 400 is about the page size: it names count (and not afterEventId), or it names nothing and count was
 * the only thing asked (no afterEventId). The seed gives a maximum of 100; a service may allow fewer (UNCONFIRMED).
 */
function refusesCount(res: HttpResponse, said: ServerSaid, after: string | null): boolean {
  if (res.status !== 400 || /aftereventid/i.test(said.text)) return false;
  return /\bcount\b/i.test(said.text) || after === null;
}

/** The next page size to ask for: the maximum the service names, else half. */
function smallerCount(said: ServerSaid, count: number): number {
  const named =
    /(?:less than or equal to|less or equal to|not (?:be )?(?:greater|more) than|no more than|at most|between\s+\d+\s+and|maximum(?: is| of)?|max\s*[:=]?|<=|≤)\s*(\d+)/i.exec(
      said.text,
    );
  const max = named ? Number(named[1]) : Number.NaN;
  return Number.isInteger(max) && max >= 1 && max < count ? max : Math.max(1, Math.floor(count / 2));
}

/** One GET; a page size the service refuses is made smaller until it is taken. Returns the answer and the size. */
async function getPage(ctx: Ctx, after: string | null, wanted: number): Promise<{ res: HttpResponse; count: number }> {
  for (let count = wanted; ;) {
    const res = await getEvents(ctx, after, count);
    if (res.status !== 400 || count <= 1) return { res, count };
    const said = serverSaid(res, ctx.secret);
    if (!refusesCount(res, said, after)) return { res, count };
    const next = smallerCount(said, count);
    ctx.log.warn('realty: the service refused the page size; asking for fewer events', { feedId: ctx.feedId, count, next });
    count = next;
  }
}

/** The service's clock from an answer's Date header; null when absent or unreadable. */
function serviceDate(res: HttpResponse): number | null {
  const at = Date.parse(res.headers['date'] ?? '');
  return Number.isNaN(at) ? null : at;
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
    throw new FeedError(
      'protocol',
      `${SERVICE} sent a page of an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  const events: RealtyCheckEvent[] = [];
  const dates: number[] = [];
  for (const [index, raw] of (page.data.events ?? []).entries()) {
    const event = checkEventSchema.safeParse(raw);
    if (!event.success) {
      const issue = event.error.issues[0];
      throw new FeedError(
        'protocol',
        `${SERVICE} sent an event without the expected fields (events[${index}].${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
      );
    }
    const at = parseEventDate(event.data.eventDate);
    if (Number.isNaN(at)) {
      throw new FeedError(
        'protocol',
        `${SERVICE} sent an event whose eventDate is not a date (events[${index}].eventDate: "${event.data.eventDate.slice(0, 40)}")`,
      );
    }
    events.push(event.data);
    dates.push(at);
  }
  const last = page.data.lastEventId;
  return { events, dates, lastEventId: typeof last === 'string' && last.trim() ? last.trim() : null };
}

/**
 * The position after a page with events: lastEventId when it names an event of the page (in the seed's example, the
 * last one), otherwise the page's last event (afterEventId takes an event id). A lastEventId naming an event
 * elsewhere, e.g. the newest of the whole feed, would skip the pages in between.
 */
function continuation(page: ParsedPage): string {
  const named = page.lastEventId?.toLowerCase();
  if (named && page.events.some((e) => e.eventId.toLowerCase() === named)) return page.lastEventId!;
  return page.events.at(-1)!.eventId;
}

/**
 * A start window's filter: events up to and including its last event that are older than its time are history.
 * It ends at that event, or at the feed's end (an empty page): everything after is new, whatever its date.
 */
function applyWindow(window: StartWindow | null, page: ParsedPage): { kept: RealtyCheckEvent[]; window: StartWindow | null } {
  if (window === null || page.events.length === 0) return { kept: page.events, window: null };
  const through = window.through.toLowerCase();
  const kept: RealtyCheckEvent[] = [];
  let passed = false;
  page.events.forEach((event, i) => {
    if (passed || page.dates[i]! >= window.before) kept.push(event);
    if (event.eventId.toLowerCase() === through) passed = true;
  });
  return { kept, window: passed ? null : window };
}

function loopHint(): string {
  return 'Feedbell will try again at the next poll; if this repeats, remove and add the feed again';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** The note shown on the feed after a restart from the oldest retained event. */
export function gapNote(oldestAt: number | null, lostAfter: number | null): LocalizedText {
  const since = oldestAt === null ? 'последних 3 месяцев' : formatDate(oldestAt);
  const from = lostAfter === null ? '' : ` (последнее прочитанное событие — от ${formatDate(lostAfter)})`;
  const ru =
    oldestAt === null
      ? `Сервис больше не хранит события до начала последних 3 месяцев — возможен пропуск${from}. Лента продолжена с самого раннего доступного события.`
      : `Сервис больше не хранит события до ${since} — возможен пропуск${from}. Лента продолжена с самого раннего доступного события.`;
  const en = `The service no longer keeps our position (3-month retention): some events may have been missed. The feed continued from the oldest event still kept${oldestAt === null ? '' : ` (${since})`}.`;
  return { ru, en };
}

/** JSON-safe copy: numbers beyond 2^53 and bigints become strings. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isSafeInteger(value) || !Number.isInteger(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

interface ReadPage extends FeedPage<RealtyCheckEvent> {
  /** The eventDate of every event the service sent (before a start window's filter). */
  dates: number[];
  /** The answer's Date header. */
  served: number | null;
}

/** One page after the stored position: restarts from the oldest kept event when the position is gone. */
async function readPage(ctx: Ctx, cursorText: string | null): Promise<ReadPage> {
  const position = decodeCursor(cursorText);
  const sent = position.after;
  if (sent !== null && answeredTwice(ctx, sent)) {
    throw new FeedError(
      'protocol',
      `${SERVICE} led the feed round in circles: it answered the same position a third time in one sync (it seems to start over from its oldest event each time)`,
      { hint: loopHint() },
    );
  }
  let { res, count } = await getPage(ctx, sent, Math.min(ctx.settings.count, position.count ?? Number.POSITIVE_INFINITY));
  let restarted = position.unreadable;
  let rejected: string | null = null;
  if (sent !== null && !isOk(res)) {
    const said = serverSaid(res, ctx.secret);
    if (!rejectsCursor(res, said)) throw responseError(ctx, res, said);
    if (rejectedBefore(ctx, sent)) {
      // It handed the position out again after refusing it, and refuses it again: restarting would never end.
      const err = responseError(ctx, res, said);
      throw new FeedError(
        'protocol',
        `${SERVICE} refused the same position twice in one sync, with a restart from its oldest event in between: ${err.message}`,
        {
          ...(err.detail ? { detail: err.detail } : {}),
          hint: loopHint(),
        },
      );
    }
    ctx.log.warn('realty: the service no longer knows our position; restarting from its oldest event', {
      feedId: ctx.feedId,
      status: res.status,
      detail: said.detail,
    });
    restarted = true;
    rejected = sent;
    ({ res, count } = await getPage(ctx, null, count));
  }
  if (!isOk(res)) throw responseError(ctx, res);
  const page = parsePage(res);
  const { events, dates } = page;
  remember(ctx, { rejected, answered: rejected === null ? sent : null });

  const from = restarted ? null : sent;
  const after = events.length > 0 ? continuation(page) : from;
  const newest = dates.length ? Math.max(...dates) : null;
  // Whatever the service does with an old position (refuse it, or answer silently from its oldest event), one older
  // than the retention may have lost what followed it. "Now" is the service's: its Date header or newest event.
  const served = serviceDate(res);
  const serviceNow = Math.max(served ?? Number.NEGATIVE_INFINITY, newest ?? Number.NEGATIVE_INFINITY);
  const beyondRetention = !restarted && sent !== null && position.at !== null && serviceNow - position.at > RETENTION_MS;
  const at = restarted
    ? newest
    : newest !== null
      ? Math.max(newest, position.at ?? newest)
      : beyondRetention
        ? null // noted once: no date, no note on the next empty poll
        : position.at;
  const { kept, window } = applyWindow(position.window, page);
  const cursor = encodeCursor({ after, at, count: count < ctx.settings.count ? count : null, window });
  return {
    events: kept,
    dates,
    served,
    cursor,
    // Keep reading while pages come (the server may clamp count); stop when a page does not move the position.
    more: events.length > 0 && after !== from,
    ...(restarted || beyondRetention ? { note: gapNote(dates.length ? Math.min(...dates) : null, position.at) } : {}),
  };
}

export const realtyProvider: Provider<RealtySettings, RealtyCheckEvent> = {
  settingsSchema: realtySettingsSchema,
  needsSecret: true,

  /**
   * "Now" and a date are found on the service's clock by reading the feed to its end once (realty-start.ts); the
   * first sync then skips what is older itself, so the poller's skipBefore (a time for the whole sync) is not used.
   */
  async start(ctx: Ctx, position: StartPosition): Promise<StartPoint> {
    if (position.kind === 'beginning') return { cursor: null, skipBefore: null };
    // Its own run memory: the first sync reads some of the same positions again.
    const reading: Ctx = { ...ctx };
    const began = ctx.now();
    const cursor = await findStartCursor((c) => readPage(reading, c), {
      notAfter: position.kind === 'date' ? position.at : Number.POSITIVE_INFINITY,
      elapsed: () => ctx.now() - began,
    });
    return { cursor, skipBefore: null };
  },

  async fetchPage(ctx: Ctx, cursorText: string | null): Promise<FeedPage<RealtyCheckEvent>> {
    const { dates: _dates, served: _served, ...page } = await readPage(ctx, cursorText);
    return page;
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
