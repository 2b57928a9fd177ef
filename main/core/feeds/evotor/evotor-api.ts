// Evotor's app-events API on the wire: addresses, headers, error bodies, and pages and events as read from answers.
import type { z } from 'zod';
import { FeedError } from '../../model.ts';
import type { HttpResponse } from '../../http/http-client.ts';
import { providerStatusError, type ProviderContext } from '../provider.ts';
import {
  evotorEventSchema,
  evotorPageSchema,
  evotorStreamLineSchema,
  isSystemLine,
  parseTimestamp,
  quoteUnsafeIntegers,
  type EvotorEvent,
  type EvotorSettings,
} from './evotor-schema.ts';
import { typeKey } from './evotor-texts.ts';

export const SERVICE = 'Evotor';
/** The SDK's media type for the v2 API. */
export const ACCEPT_V2 = 'application/vnd.evotor.v2+json';
/** Streaming: the reference puts it in Content-Type, the SDK README in Accept; we send both. */
export const STREAM_TYPE = 'application/stream+json';
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

export type Ctx = ProviderContext<EvotorSettings>;

export function eventsUrl(s: EvotorSettings): string {
  return `${s.baseUrl}${s.pathStyle === 'api' ? '/api' : ''}/apps/${encodeURIComponent(s.appId)}/events`;
}

/**
 * The window request. `until` is never sent: the server's own "now" is the end, whatever our clock says.
 * Types are not sent either: whether the server reads `types` or `type`, and whether it knows "marketplace.purchase",
 * "MarketplacePurchase" or both, is UNCONFIRMED, and a server that knew only the other spelling would silently
 * return nothing. The app version's event settings already limit what flows; `wantsType` filters the rest here.
 */
export function windowUrl(s: EvotorSettings, since: number): string {
  return `${eventsUrl(s)}?${new URLSearchParams({ since: String(since) })}`;
}

export function cursorUrl(s: EvotorSettings, next: string): string {
  return `${eventsUrl(s)}?${new URLSearchParams({ cursor: next })}`;
}

export function isCursorRejection(status: number): boolean {
  return CURSOR_REJECTED.has(status);
}

/** Whether the feed keeps events of this type: all when no types are set; spellings compare loosely (see typeKey). */
export function typeFilter(s: EvotorSettings): (type: string) => boolean {
  if (s.types.length === 0) return () => true;
  const wanted = new Set(s.types.map(typeKey));
  return (type) => wanted.has(typeKey(type));
}

function headers(ctx: Ctx, accept: string = ACCEPT_V2): Record<string, string> {
  const token = (ctx.secret ?? '').trim();
  if (!token) throw new FeedError('auth', 'No Evotor publisher token is set for this feed', { hint: TOKEN_HINT });
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new FeedError('auth', 'The Evotor publisher token contains spaces or characters a header cannot carry', {
      hint: TOKEN_HINT,
    });
  }
  return { authorization: `Bearer ${token}`, accept };
}

/** Headers of a stream request: the stream type in Accept and in Content-Type. */
export function streamHeaders(ctx: Ctx): Record<string, string> {
  return { ...headers(ctx, STREAM_TYPE), 'content-type': STREAM_TYPE };
}

export async function get(ctx: Ctx, url: string): Promise<HttpResponse> {
  return ctx.http.send({ url, headers: headers(ctx), signal: ctx.signal });
}

/** The server's clock from its Date header (epoch ms), or null when it sent none or an unreadable one. */
export function serverDate(res: { headers: Record<string, string> }): number | null {
  const value = res.headers['date'];
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  error?: unknown;
  violations?: unknown;
}

/**
 * A non-200 answer as a FeedError: excerpts of Evotor's `{code, message, violations}` go to the message and the
 * detail, scrubbed of the token in every form (statusError, through providerStatusError, keeps at most a short excerpt of each).
 */
export function responseError(ctx: Ctx, res: HttpResponse): FeedError {
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
  const plain = !body && !/^\s*</.test(res.text) ? res.text : null;
  const serverMessage = [message ?? plain, violations.length ? `violations: ${violations.join('; ')}` : null]
    .filter(Boolean)
    .join('; ');
  const detailParts = [
    body?.code !== undefined && body.code !== null ? `code ${String(body.code)}` : null,
    violations.length ? `violations: ${violations.join('; ')}` : null,
    res.headers['x-request-id'] ? `request id ${res.headers['x-request-id']}` : null,
  ].filter((part): part is string => part !== null);
  // A Retry-After date is the server's: measure it against the server's clock when it tells us.
  return providerStatusError(ctx, res, {
    service: SERVICE,
    hints: HINTS,
    serverMessage,
    detail: detailParts.join('; '),
    now: serverDate(res) ?? ctx.now(),
  });
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(quoteUnsafeIntegers(text));
  } catch {
    throw new FeedError('protocol', `${SERVICE} sent ${what} that is not valid JSON (${text.length} bytes)`);
  }
}

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** A validated event with its timestamp in ms, or null for `system` lines (initialized, ping). */
export function readEvent(value: unknown, where: string): { event: EvotorEvent; at: number } | null {
  const line = evotorStreamLineSchema.safeParse(value);
  if (!line.success)
    throw new FeedError('protocol', `${SERVICE} sent an unreadable event (${where}: ${describeIssue(line.error)})`);
  if (isSystemLine(line.data)) return null;
  const parsed = evotorEventSchema.safeParse(value);
  if (!parsed.success)
    throw new FeedError(
      'protocol',
      `${SERVICE} sent an event without the fields every event has (${where}: ${describeIssue(parsed.error)})`,
    );
  const at = parseTimestamp(parsed.data.timestamp);
  if (at === null) {
    throw new FeedError('protocol', `${SERVICE} sent event ${String(parsed.data.id).slice(0, 60)} without a readable timestamp`);
  }
  return { event: parsed.data, at };
}

/** A 200 page: its events with their timestamps, in the order sent, and the next cursor (null on the last page). */
export function readPage(res: HttpResponse): { events: { event: EvotorEvent; at: number }[]; next: string | null } {
  const page = evotorPageSchema.safeParse(parseJson(res.text, 'a page of events'));
  if (!page.success)
    throw new FeedError('protocol', `${SERVICE} sent a page of events in an unexpected shape (${describeIssue(page.error)})`);
  const events: { event: EvotorEvent; at: number }[] = [];
  page.data.items.forEach((item, index) => {
    const read = readEvent(item, `item ${index}`);
    if (read) events.push(read);
  });
  // An empty object, a null or empty cursor, or no paging at all: the last page.
  const next = page.data.paging?.next_cursor;
  return { events, next: next ? next : null };
}
