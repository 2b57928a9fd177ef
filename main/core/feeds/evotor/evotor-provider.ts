// Evotor Cloud app events (Publisher API): time-window paging with a clock-skew overlap, or an NDJSON stream.
import type { z } from 'zod';
import { FeedError, type NormalizedEvent, type StartPosition } from '../../model.ts';
import { statusError, type HttpResponse } from '../../http/http-client.ts';
import type { FeedPage, Provider, ProviderContext, StartPoint } from '../provider.ts';
import {
  decodeCursor,
  encodeCursor,
  evotorEventSchema,
  evotorPageSchema,
  evotorSettingsSchema,
  evotorStreamLineSchema,
  isSystemLine,
  parseTimestamp,
  quoteUnsafeIntegers,
  windowSince,
  type EvotorCursor,
  type EvotorEvent,
  type EvotorSettings,
} from './evotor-schema.ts';
import { afterRejection, syncRunState } from './evotor-sync-run.ts';
import { describeEvotorEvent, typeKey } from './evotor-texts.ts';

export { evotorSettingsSchema, type EvotorEvent, type EvotorSettings };

const SERVICE = 'Evotor';
/** The SDK's media type for the v2 API. */
const ACCEPT_V2 = 'application/vnd.evotor.v2+json';
/** Streaming: the reference puts it in Content-Type, the SDK README in Accept; we send both. */
const STREAM_TYPE = 'application/stream+json';
/**
 * Statuses that, for a `?cursor=` request, mean "this cursor is expired, used up or unknown". Which one Evotor sends
 * is UNCONFIRMED: the SDK maps 400/409/422 to validation errors, 410 is HTTP's "gone", 404 a plausible "not found".
 */
const CURSOR_REJECTED = new Set([400, 404, 410, 422]);

const TOKEN_HINT =
  'Get the current publisher token (ключ доступа издателя) in the Evotor developer portal: it changes whenever its scopes change';
const HINTS: Partial<Record<number, string>> = {
  401: `The publisher token is not valid. ${TOKEN_HINT}`,
  403: 'The publisher token lacks the event:read scope, or the app id is wrong: add "event:read" to the token\'s scopes (a new token results) and check appId',
  404: 'Evotor does not know this address: check appId, baseUrl and pathStyle ("api" for https://api.evotor.ru/api/apps/…, "reference" for /apps/…)',
};

type Ctx = ProviderContext<EvotorSettings>;

function eventsUrl(s: EvotorSettings): string {
  return `${s.baseUrl}${s.pathStyle === 'api' ? '/api' : ''}/apps/${encodeURIComponent(s.appId)}/events`;
}

/**
 * The window request. `until` is never sent: the server's own "now" is the end, whatever our clock says.
 * Types go as `types=a,b` (reference, SDK); a single type also as `type=` (the newer guide's form).
 */
function windowUrl(s: EvotorSettings, since: number): string {
  const query = new URLSearchParams({ since: String(since) });
  if (s.types.length > 0) query.set('types', s.types.join(','));
  if (s.types.length === 1) query.set('type', s.types[0]!);
  return `${eventsUrl(s)}?${query}`;
}

function cursorUrl(s: EvotorSettings, next: string): string {
  return `${eventsUrl(s)}?${new URLSearchParams({ cursor: next })}`;
}

function headers(ctx: Ctx, accept: string = ACCEPT_V2): Record<string, string> {
  const token = (ctx.secret ?? '').trim();
  if (!token) throw new FeedError('auth', 'No Evotor publisher token is set for this feed', { hint: TOKEN_HINT });
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new FeedError('auth', 'The Evotor publisher token contains spaces or characters a header cannot carry', { hint: TOKEN_HINT });
  }
  return { authorization: `Bearer ${token}`, accept };
}

/** Never let the token through, even if a server echoes it back. */
function scrub(ctx: Ctx, text: string): string {
  const token = (ctx.secret ?? '').trim();
  return token.length >= 4 ? text.split(token).join('***') : text;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  error?: unknown;
  violations?: unknown;
}

/** A non-200 answer as a FeedError: Evotor's `{code, message, violations}` goes to the message and the detail. */
function responseError(ctx: Ctx, res: HttpResponse): FeedError {
  let body: ErrorBody | null = null;
  try {
    const parsed: unknown = JSON.parse(res.text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as ErrorBody;
  } catch {
    // Not JSON (a proxy's page, an empty body): the status says enough.
  }
  const violations = Array.isArray(body?.violations)
    ? body.violations.slice(0, 5).map((v: unknown) => {
        const { subject, reason } = (v ?? {}) as { subject?: unknown; reason?: unknown };
        return `${String(subject ?? '?')}: ${String(reason ?? '?')}`;
      })
    : [];
  const message = typeof body?.message === 'string' ? body.message : typeof body?.error === 'string' ? body.error : null;
  const plain = !body && res.text.trim() && !/^\s*</.test(res.text) ? res.text.trim().slice(0, 200) : null;
  const serverMessage = [message ?? plain, violations.length ? `violations: ${violations.join('; ')}` : null].filter(Boolean).join('; ');
  const detailParts = [
    body?.code !== undefined && body.code !== null ? `code ${String(body.code)}` : null,
    violations.length ? `violations: ${violations.join('; ')}` : null,
    res.headers['x-request-id'] ? `request id ${res.headers['x-request-id']}` : null,
  ].filter((part): part is string => part !== null);
  return statusError(res, {
    service: SERVICE,
    hints: HINTS,
    ...(serverMessage ? { serverMessage: scrub(ctx, serverMessage) } : {}),
    ...(detailParts.length ? { detail: scrub(ctx, detailParts.join('; ')) } : {}),
    now: ctx.now(),
  });
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(quoteUnsafeIntegers(text));
  } catch {
    throw new FeedError('protocol', `${SERVICE} sent ${what} that is not valid JSON (${text.length} bytes)`);
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** A validated event with its timestamp in ms, or null for `system` lines (initialized, ping). */
function readEvent(value: unknown, where: string): { event: EvotorEvent; at: number } | null {
  const line = evotorStreamLineSchema.safeParse(value);
  if (!line.success) throw new FeedError('protocol', `${SERVICE} sent an unreadable event (${where}: ${describeIssue(line.error)})`);
  if (isSystemLine(line.data)) return null;
  const parsed = evotorEventSchema.safeParse(value);
  if (!parsed.success) throw new FeedError('protocol', `${SERVICE} sent an event without the fields every event has (${where}: ${describeIssue(parsed.error)})`);
  const at = parseTimestamp(parsed.data.timestamp);
  if (at === null) {
    throw new FeedError('protocol', `${SERVICE} sent event ${String(parsed.data.id).slice(0, 60)} without a readable timestamp`);
  }
  return { event: parsed.data, at };
}

/** The stored type: the guide's "MarketplacePurchase" and the settings' "marketplace.purchase" are one type. */
function storedType(type: string): string {
  const key = typeKey(type);
  if (key === 'marketplacepurchase') return 'marketplace.purchase';
  if (key === 'productgroup') return 'product-group';
  return type || 'unknown';
}

async function get(ctx: Ctx, url: string, accept?: string): Promise<HttpResponse> {
  return ctx.http.send({ url, headers: headers(ctx, accept), signal: ctx.signal });
}

/** The window in `c` lost its paging cursor: an empty page whose cursor reads again by time (see afterRejection). */
function recoverFromRejectedCursor(ctx: Ctx, c: EvotorCursor, rejection: FeedError): FeedPage<EvotorEvent> {
  const state = syncRunState(ctx);
  const { cursor, giveUp } = afterRejection(state, c, Math.round(ctx.settings.skewMinutes * 60_000));
  ctx.log.info('evotor: paging cursor rejected, reading the window again by time', {
    feedId: ctx.feedId,
    since: cursor.win,
    stalls: state.stalls,
    detail: rejection.detail,
  });
  if (giveUp) {
    // Stored first, so that the next sync starts from this clean cursor; the run ends at its next page.
    state.pending = new FeedError('protocol', `${SERVICE} keeps rejecting its own paging cursor and the window does not move: ${rejection.message}`, rejection.detail ? { detail: rejection.detail } : {});
  }
  return { events: [], cursor: encodeCursor(cursor), more: true };
}

function startCursor(ctx: Ctx, position: StartPosition): EvotorCursor {
  // Evotor filters by time, so every position is a seek: no events are read only to be dropped.
  if (position.kind === 'beginning') return { from: 0, last: null };
  if (position.kind === 'date') return { from: Math.max(0, Math.floor(position.at)), last: null };
  return { from: ctx.now(), last: null };
}

export const evotorProvider: Provider<EvotorSettings, EvotorEvent> = {
  id: 'evotor',
  name: { ru: 'Эвотор: события приложения', en: 'Evotor: app events' },
  settingsSchema: evotorSettingsSchema,
  needsSecret: true,

  async start(ctx: Ctx, position: StartPosition): Promise<StartPoint> {
    return { cursor: encodeCursor(startCursor(ctx, position)), skipBefore: null };
  },

  async fetchPage(ctx: Ctx, cursorText: string | null): Promise<FeedPage<EvotorEvent>> {
    const s = ctx.settings;
    const run = syncRunState(ctx);
    if (run.pending) throw run.pending;
    let note: string | undefined;
    let c = decodeCursor(cursorText);
    if (c === null) {
      if (cursorText === null) c = { from: 0, last: null };
      else {
        // Not a cursor this version wrote: read from now rather than replay or stop.
        c = { from: ctx.now(), last: null };
        note = 'The stored Evotor position could not be read; reading from now: events before may be missing';
      }
    }
    const continuing = c.next !== undefined;
    // A window in progress keeps its own `since`; a re-read after a lost cursor sets `win` without `next`.
    const since = c.win ?? windowSince(c, s.skewMinutes);
    const res = await get(ctx, continuing ? cursorUrl(s, c.next!) : windowUrl(s, since));
    if (continuing && CURSOR_REJECTED.has(res.status)) {
      const page = recoverFromRejectedCursor(ctx, c, responseError(ctx, res));
      return note ? { ...page, note } : page;
    }
    if (res.status !== 200) throw responseError(ctx, res);
    if (continuing) run.accepted = true;

    const page = evotorPageSchema.safeParse(parseJson(res.text, 'a page of events'));
    if (!page.success) throw new FeedError('protocol', `${SERVICE} sent a page of events in an unexpected shape (${describeIssue(page.error)})`);

    const events: EvotorEvent[] = [];
    let last = c.last;
    let top = continuing ? (c.top ?? null) : null;
    let seen = continuing ? (c.seen ?? 0) : 0;
    let unordered = continuing && c.unordered === true;
    page.data.items.forEach((item, index) => {
      const read = readEvent(item, `item ${index}`);
      if (!read) return;
      if (top !== null && read.at < top) unordered = true;
      top = top === null ? read.at : Math.max(top, read.at);
      last = last === null ? read.at : Math.max(last, read.at);
      seen++;
      events.push(read.event);
    });

    const next = page.data.paging?.next_cursor ?? null;
    // A cursor handed back unchanged with nothing in the page would have us ask for ever.
    const more = next !== null && next !== '' && !(continuing && next === c.next && events.length === 0);
    const cursor: EvotorCursor = more
      ? {
          from: c.from,
          last,
          next: next!,
          win: since,
          ...(top !== null ? { top } : {}),
          seen,
          ...(unordered ? { unordered: true as const } : {}),
        }
      : { from: c.from, last };
    return { events, cursor: encodeCursor(cursor), more, ...(note ? { note } : {}) };
  },

  normalize(raw: EvotorEvent): NormalizedEvent {
    const type = typeof raw.type === 'string' ? raw.type : 'unknown';
    const texts = describeEvotorEvent(type, typeof raw.action === 'string' ? raw.action : null, raw.payload);
    return {
      id: String(raw.id),
      type: storedType(type),
      occurredAt: parseTimestamp(raw.timestamp) ?? 0,
      title: texts.title,
      summary: texts.summary,
      // Evotor has no web page per app event.
      link: null,
      payload: raw,
    };
  },

  async stream(ctx: Ctx, cursorText: string | null, onPage: (page: FeedPage<EvotorEvent>) => Promise<void>): Promise<void> {
    const s = ctx.settings;
    const stored = decodeCursor(cursorText) ?? { from: ctx.now(), last: null };
    const c: EvotorCursor = { from: stored.from, last: stored.last };
    const stream = await ctx.http.open({
      url: windowUrl(s, windowSince(c, s.skewMinutes)),
      headers: { ...headers(ctx, STREAM_TYPE), 'content-type': STREAM_TYPE },
      signal: ctx.signal,
    });
    const contentType = stream.headers['content-type'] ?? '';
    const ordinaryPage = /json/i.test(contentType) && !/stream|ndjson|x-json-stream/i.test(contentType);
    if (stream.status !== 200 || ordinaryPage) {
      // Read the (small) body rather than close it unread: closing an unread body raises an uncaught AbortError.
      let text = '';
      try {
        const decoder = new TextDecoder();
        for await (const chunk of stream.body) {
          text += decoder.decode(chunk, { stream: true });
          if (text.length > 65_536) break;
        }
      } finally {
        stream.close();
      }
      if (stream.status !== 200) throw responseError(ctx, { status: stream.status, headers: stream.headers, text });
      // An ordinary page instead of a stream: this host does not stream (UNCONFIRMED for api.evotor.ru).
      throw new FeedError('config', `${SERVICE} answered the stream request with an ordinary page: this address does not stream`, {
        hint: 'Set the feed\'s mode to "poll", or point baseUrl/pathStyle at a host that streams (the reference\'s /apps/… form)',
      });
    }

    const timeoutMs = Math.round(s.pingTimeoutSec * 1000);
    let silent = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        silent = true;
        stream.close();
      }, timeoutMs);
    };
    const decoder = new TextDecoder('utf-8');
    let buffer = '';
    const deliver = async (lines: string[]) => {
      const events: EvotorEvent[] = [];
      for (const line of lines) {
        const text = line.trim();
        if (text === '') continue;
        arm();
        const read = readEvent(parseJson(text, 'a stream line'), 'stream line');
        if (!read) continue;
        c.last = c.last === null ? read.at : Math.max(c.last, read.at);
        events.push(read.event);
      }
      if (events.length > 0) await onPage({ events, cursor: encodeCursor(c), more: false });
    };
    arm();
    try {
      for await (const chunk of stream.body) {
        // Lines arrive split anywhere, even inside a UTF-8 character: decode in stream mode, cut at newlines.
        buffer += decoder.decode(chunk, { stream: true });
        const end = buffer.lastIndexOf('\n');
        if (end < 0) continue;
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 1);
        await deliver(lines);
        if (silent) break;
      }
    } catch (err) {
      if (!silent) throw err;
    } finally {
      clearTimeout(timer);
      stream.close();
    }
    if (silent) {
      throw new FeedError('network', `${SERVICE}'s event stream sent nothing for ${s.pingTimeoutSec} s, not even a ping; reconnecting`);
    }
    // The server closed the stream: a last line without a newline is complete only if it parses.
    buffer += decoder.decode();
    if (buffer.trim() !== '') {
      try {
        await deliver([buffer]);
      } catch (err) {
        if (!(err instanceof FeedError && err.kind === 'protocol')) throw err;
      }
    }
  },

  async check(ctx: Ctx): Promise<void> {
    const res = await get(ctx, windowUrl(ctx.settings, ctx.now()));
    if (res.status !== 200) throw responseError(ctx, res);
    const page = evotorPageSchema.safeParse(parseJson(res.text, 'a page of events'));
    if (!page.success) throw new FeedError('protocol', `${SERVICE} sent a page of events in an unexpected shape (${describeIssue(page.error)})`);
  },
};

/** One event by id for the detail pane (GET …/apps/{appId}/events/{eventId}); null when Evotor does not know it. */
export async function getEvotorEvent(ctx: Ctx, eventId: string): Promise<EvotorEvent | null> {
  const res = await get(ctx, `${eventsUrl(ctx.settings)}/${encodeURIComponent(eventId)}`);
  if (res.status === 404) return null;
  if (res.status !== 200) throw responseError(ctx, res);
  const parsed = evotorEventSchema.safeParse(parseJson(res.text, 'an event'));
  if (!parsed.success) throw new FeedError('protocol', `${SERVICE} sent an event in an unexpected shape (${describeIssue(parsed.error)})`);
  return parsed.data;
}
