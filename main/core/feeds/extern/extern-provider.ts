// Kontur.Extern's docflow event feed (PROVIDERS.md section 2): GET {baseUrl}/v1/events?fromId=…&take=…,
// from "0_0" onwards, continuing from each page's next-event-id. Whether that id names the last event returned or
// the first one not yet returned, and whether fromId includes it, are UNCONFIRMED: every event of every page goes to
// the store, whose (feed, event id) key drops what it already holds, and a page ends the sync when it does not move
// the position. The API cannot seek to a time: start points come from the service's own position and event stamps.
import { z } from 'zod';
import { FeedError, type LocalizedText, type NormalizedEvent } from '../../model.ts';
import { parseJsonBody, type HttpResponse } from '../../http/http-client.ts';
import { serverExcerpt, type KnownSecrets } from '../../text/server-text.ts';
import { isLinkToHosts } from '../../text/provider-links.ts';
import { KONTUR_LINK_HOSTS } from '../kontur/kontur-sites.ts';
import { API_ADDRESS, IDENTITY_ADDRESS, serviceUrlSchema } from '../../http/service-url.ts';
import { fieldMessage } from '../field-messages.ts';
import { t } from '../form-fields.ts';
import { providerStatusError, type FeedPage, type Provider, type ProviderContext, type StartPoint } from '../provider.ts';
import {
  apiErrorSchema,
  eventsPageSchema,
  type ExternApiError,
  parseExternDate,
  type ExternApiEvent,
  type ExternEventsPage,
} from './extern-schema.ts';
import { docflowText, stateTitle } from './extern-texts.ts';

const SERVICE = 'Kontur.Extern';
export const EXTERN_PROD_URL = 'https://extern-api.kontur.ru';
/** The first event id of the feed (SDKs: EventsClient, EventId). */
export const FIRST_EVENT_ID = '0_0';
/** The SDK's default page size. */
export const DEFAULT_TAKE = 100;
/** Our own cap on `take`: the server's maximum is UNCONFIRMED (a refused take is halved until accepted). */
export const MAX_TAKE = 1000;
/**
 * How far a start point reaches back behind the service's newest event or the date asked for: the service's stamps
 * need not follow the feed's order to the second, nor our clock at all.
 */
export const START_OVERLAP_MS = 5 * 60_000;
/** A "now" start reads at most this many pages to find the feed's end. */
export const MAX_START_PAGES = 1000;
/** A position rejected again this soon after a restart from the first event is an error, not another restart. */
export const RESTART_GUARD_MS = 15 * 60_000;

/** Any-case GUID, with or without braces. */
const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

const AUTH_RULE = fieldMessage(t('выберите схему входа: bearer, oidc или sid', 'must be "bearer", "oidc" or "sid"'));
const CLIENT_ID_RULE = fieldMessage(t('от 1 до 200 видимых латинских символов', 'must be 1-200 visible ASCII characters'));
const TAKE_WHOLE = fieldMessage(t('нужно целое число', 'must be a whole number'));
const TAKE_MIN = fieldMessage(t('не меньше 1', 'must be at least 1'));
const TAKE_MAX = fieldMessage(t(`не больше ${MAX_TAKE}`, `must be at most ${MAX_TAKE}`));
const ACCOUNT_RULE = fieldMessage(
  t('нужен идентификатор вида 0f8fad5b-d9cb-469f-a165-70867728950e', 'must be a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e'),
);
const CLIENT_ID_FOR_OIDC = fieldMessage(
  t(
    'нужен для входа через Контур (client_id из Кабинета интегратора)',
    'is required when auth is "oidc" (the client id from the integrator cabinet)',
  ),
);

export const externSettingsSchema = z
  .strictObject({
    baseUrl: serviceUrlSchema(API_ADDRESS, EXTERN_PROD_URL).default(EXTERN_PROD_URL),
    /** `bearer`: an OIDC access token; `sid`: the legacy auth.sid, which needs the api key too. */
    auth: z.enum(['bearer', 'oidc', 'sid'], { error: AUTH_RULE }).default('bearer'),
    /** For auth "oidc": the client id from Kontur's integrator cabinet (not a secret) and the identity provider. */
    clientId: z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{1,200}$/, CLIENT_ID_RULE)
      .optional(),
    identityUrl: serviceUrlSchema(IDENTITY_ADDRESS, 'https://identity.kontur.ru').optional(),
    take: z.int({ error: TAKE_WHOLE }).min(1, TAKE_MIN).max(MAX_TAKE, TAKE_MAX).default(DEFAULT_TAKE),
    /** Only events of this Extern account (the feed holds every account that shared its events). */
    accountId: z.string().regex(GUID, ACCOUNT_RULE).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.auth === 'oidc' && !s.clientId) {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: CLIENT_ID_FOR_OIDC });
    }
  })
  .default({ baseUrl: EXTERN_PROD_URL, auth: 'bearer', take: DEFAULT_TAKE });

export type ExternSettings = z.infer<typeof externSettingsSchema>;

/**
 * What we persist: the event id to read from; the id of the last event read when that differs (a next-event-id
 * naming the first event not yet returned); the largest `take` the server accepted after it refused a bigger one;
 * and (our clock, only as a guard) when the feed last restarted from the first event because the server no longer
 * knew the position.
 */
interface ExternCursor {
  from: string;
  last?: string;
  cap?: number;
  restartedAt?: number;
}

export function encodeCursor(cursor: ExternCursor): string {
  return JSON.stringify({
    from: cursor.from,
    ...(cursor.last && cursor.last !== cursor.from ? { last: cursor.last } : {}),
    ...(cursor.cap ? { cap: cursor.cap } : {}),
    ...(cursor.restartedAt !== undefined ? { restartedAt: cursor.restartedAt } : {}),
  });
}

export function decodeCursor(cursor: string | null): ExternCursor {
  if (cursor === null || cursor === '') return { from: FIRST_EVENT_ID };
  if (!cursor.startsWith('{')) return { from: cursor }; // a bare event id
  try {
    // Older versions also stored `bulk` (big pages for a backlog): it is ignored.
    const parsed = z
      .looseObject({
        from: z.string().min(1),
        last: z.string().min(1).optional(),
        cap: z.int().min(1).optional(),
        restartedAt: z.number().optional(),
      })
      .parse(JSON.parse(cursor));
    return {
      from: parsed.from,
      ...(parsed.last ? { last: parsed.last } : {}),
      ...(parsed.cap ? { cap: parsed.cap } : {}),
      ...(parsed.restartedAt !== undefined ? { restartedAt: parsed.restartedAt } : {}),
    };
  } catch {
    throw new FeedError('protocol', 'The stored Kontur.Extern position is unreadable', {
      hint: 'Remove the feed and add it again to start over',
    });
  }
}

/** The note shown on the feed after the server forgot its position and the feed restarted from the first event. */
export const GAP_NOTE: LocalizedText = {
  ru:
    'Контур.Экстерн больше не знает сохранённую позицию ленты (вероятно, старые события уже не хранятся) — возможен пропуск событий. ' +
    'Лента продолжена с самого раннего события, которое сервис ещё хранит.',
  en:
    "Kontur.Extern no longer knows the feed's stored position (older events are probably no longer kept): some events may have been missed. " +
    'The feed continued from the oldest event the service still keeps.',
};

const HINTS = {
  401: 'Sign in to Kontur.Extern again: get a new access token (or auth.sid) and enter it in the feed settings',
  403:
    'The event feed is not enabled for your integrator (ask extern-api@skbkontur.ru to enable it), ' +
    'or the account has not shared its events with you (its administrator grants sharing with share-events)',
  429: 'Kontur.Extern allows at most 20 concurrent requests per client: other programs using the same key may be busy',
} as const;

/** The header value of a secret, without a pasted "Bearer " / "auth.sid " prefix. */
function bareSecret(value: string, prefix: RegExp, what: string): string {
  const bare = value.trim().replace(prefix, '').trim();
  if (!bare || /[\r\n\0]/.test(bare)) {
    throw new FeedError('config', `The ${what} for Kontur.Extern is empty or has line breaks`, {
      hint: `Enter the ${what} again`,
    });
  }
  return bare;
}

export function authHeaders(ctx: ProviderContext<ExternSettings>): Record<string, string> {
  const secret = ctx.secret;
  if (!secret)
    throw new FeedError('auth', 'No Kontur.Extern token is set for this feed', {
      hint: 'Введите токен в настройках ленты (Enter the token in the feed settings)',
    });
  const apiKey = ctx.secrets['apikey'] ? bareSecret(ctx.secrets['apikey'], /^$/, 'api key') : null;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (ctx.settings.auth === 'sid') {
    if (!apiKey) {
      throw new FeedError('config', 'The legacy auth.sid sign-in of Kontur.Extern needs the api key (X-Kontur-Apikey) too', {
        hint: 'Enter the api key in the feed settings, or switch the feed to an OIDC access token',
      });
    }
    headers['authorization'] = `auth.sid ${bareSecret(secret, /^auth\.sid[\s=]+/i, 'auth.sid')}`;
  } else {
    headers['authorization'] = `Bearer ${bareSecret(secret, /^bearer\s+/i, 'access token')}`;
  }
  if (apiKey) headers['x-kontur-apikey'] = apiKey;
  return headers;
}

/** The secrets this feed's requests carry: the token (or auth.sid) and the api key. */
function secretsOf(ctx: ProviderContext<ExternSettings>): KnownSecrets {
  return [ctx.secret, ...Object.values(ctx.secrets)];
}

function eventsUrl(settings: ExternSettings, fromId: string, take: number): URL {
  const url = new URL(`${settings.baseUrl.replace(/\/+$/, '')}/v1/events`);
  url.searchParams.set('fromId', fromId);
  url.searchParams.set('take', String(take));
  return url;
}

/** Turns a non-2xx answer into the typed error, keeping excerpts of Extern's message, error id, trace id and properties. */
export function externError(res: HttpResponse, ctx: ProviderContext<ExternSettings>): FeedError {
  let body: ExternApiError | null = null;
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(res.text));
    if (parsed.success) body = parsed.data;
  } catch {
    // not JSON: a proxy's page or an empty body
  }
  const trace = res.headers['x-kontur-trace-id'] || body?.['trace-id'] || body?.['track-id'] || undefined;
  const parts = [
    body?.id ? `error ${body.id}` : null,
    trace ? `trace ${trace}` : null,
    body?.properties && typeof body.properties === 'object' && Object.keys(body.properties).length > 0
      ? `properties ${JSON.stringify(body.properties)}`
      : null,
  ].filter(Boolean);
  const plain = !body && !res.text.trimStart().startsWith('<') ? res.text : undefined;
  // statusError keeps a short excerpt of each, scrubbed of the feed's secrets in every form.
  return providerStatusError(ctx, res, {
    service: SERVICE,
    hints: HINTS,
    serverMessage: body?.message ?? plain,
    detail: parts.join('; '),
    secrets: secretsOf(ctx),
  });
}

/** JSON with integers beyond 2^53 kept exactly, as strings. */
export function parseBody(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text, (_key: string, value: unknown, context?: { source?: string }) =>
      typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)
        ? context.source
        : value,
    );
  } catch {
    return parseJsonBody(res, SERVICE); // throws the protocol error
  }
}

/** The trace id header, as an excerpt scrubbed of the feed's secrets (a header is the server's text too). */
export function traceOf(res: HttpResponse, ctx: ProviderContext<ExternSettings>): string | undefined {
  const trace = serverExcerpt(res.headers['x-kontur-trace-id'], secretsOf(ctx));
  return trace ? `trace ${trace}` : undefined;
}

function readPage(res: HttpResponse, ctx: ProviderContext<ExternSettings>): ExternEventsPage {
  const parsed = eventsPageSchema.safeParse(parseBody(res));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'unexpected shape';
    throw new FeedError('protocol', `${SERVICE} sent an events page Feedbell cannot read (${where})`, {
      detail: traceOf(res, ctx),
    });
  }
  const page = parsed.data;
  const events = page['api-events'];
  if (!events && !(page['returned-count'] === 0)) {
    throw new FeedError('protocol', `${SERVICE} sent an events page without api-events`, {
      detail: traceOf(res, ctx),
    });
  }
  return page;
}

async function getEvents(ctx: ProviderContext<ExternSettings>, fromId: string, take: number): Promise<HttpResponse> {
  return ctx.http.send({ url: eventsUrl(ctx.settings, fromId, take), headers: authHeaders(ctx), signal: ctx.signal });
}

const isOk = (res: HttpResponse) => res.status >= 200 && res.status <= 299;

/** What a 400 is about, from its message and properties: the position, the page size, or cannot tell. */
function rejectedParameter(res: HttpResponse): 'fromId' | 'take' | 'unclear' {
  let said = res.text;
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(res.text));
    if (parsed.success) said = `${parsed.data.message ?? ''} ${JSON.stringify(parsed.data.properties ?? {})}`;
  } catch {
    // not JSON: read the text as it is
  }
  const fromId = /from[-_ ]?id/i.test(said);
  const take = /\btake\b/i.test(said);
  return fromId === take ? 'unclear' : fromId ? 'fromId' : 'take';
}

/**
 * One page from `fromId`. The maximum `take` is UNCONFIRMED: a 400 that is not about fromId is asked again with
 * half the take, down to 1. Returns the last answer and the take it answered.
 */
async function getWithTake(
  ctx: ProviderContext<ExternSettings>,
  fromId: string,
  wanted: number,
): Promise<{ res: HttpResponse; take: number }> {
  let take = wanted;
  for (;;) {
    const res = await getEvents(ctx, fromId, take);
    if (res.status !== 400 || take <= 1 || rejectedParameter(res) === 'fromId') return { res, take };
    ctx.log.warn('Kontur.Extern refused the page size; asking for a smaller page', { feedId: ctx.feedId, take });
    take = Math.max(1, Math.floor(take / 2));
  }
}

/**
 * The server no longer knows the position (retention UNCONFIRMED): a 404, a 400 about fromId, or a 400 that stayed
 * even at take 1 (so it was not about the page size). Never for the first event id, which is no stored position.
 */
function forgotPosition(fromId: string, res: HttpResponse, take: number): boolean {
  if (fromId === FIRST_EVENT_ID) return false;
  if (res.status === 404) return true;
  if (res.status !== 400) return false;
  const about = rejectedParameter(res);
  return about === 'fromId' || (about === 'unclear' && take <= 1);
}

/** The page's events and the position it names (next-event-id, or last-event-id of the older Java SDK model). */
function eventsOf(res: HttpResponse, ctx: ProviderContext<ExternSettings>): { events: ExternApiEvent[]; next: string | null } {
  const page = readPage(res, ctx);
  const events = page['api-events'] ?? [];
  const next = page['next-event-id'] || page['last-event-id'] || null;
  if (events.length > 0 && !next) {
    throw new FeedError('protocol', `${SERVICE} sent events without next-event-id, so the feed cannot move on`, {
      detail: traceOf(res, ctx),
    });
  }
  return { events, next };
}

/**
 * Whether a page moved the position. At the end of the feed next-event-id is echoed, null or absent (UNCONFIRMED),
 * and a page that only repeats the event fromId named (an inclusive fromId) names it again: both end the sync. A
 * "0_0" after the start is no step forward either (it would read the whole feed again on every poll).
 */
function moved(next: string | null, fromId: string): next is string {
  return next !== null && next !== fromId && next !== FIRST_EVENT_ID;
}

/**
 * "Now" by the service's position and clock, never ours: read the feed to its end without storing (at most
 * MAX_START_PAGES pages), then begin at the page that reaches back to the newest event's stamp less the overlap, and
 * drop what is older than that. Whatever arrives later sits after the end just read, so the first sync reads it,
 * however far the service's clock is from ours. An empty feed begins at "0_0" with nothing to drop.
 */
async function startNow(ctx: ProviderContext<ExternSettings>): Promise<StartPoint> {
  const wanted = ctx.settings.take;
  let cap: number | undefined;
  const pages: { from: string; oldest: number }[] = [];
  let newest = Number.NEGATIVE_INFINITY;
  let fromId = FIRST_EVENT_ID;
  let atEnd = false;
  for (let read = 0; read < MAX_START_PAGES && !atEnd; read++) {
    const asked = cap ?? wanted;
    const { res, take } = await getWithTake(ctx, fromId, asked);
    // The previous page handed this position out: refused, it names an event that does not exist yet (the end).
    if (forgotPosition(fromId, res, take)) {
      atEnd = true;
      break;
    }
    if (!isOk(res)) throw externError(res, ctx);
    if (take < asked) cap = take;
    const { events, next } = eventsOf(res, ctx);
    const stamps = events.map((event) => parseExternDate(event['event-date-time']));
    if (stamps.length > 0) {
      pages.push({ from: fromId, oldest: Math.min(...stamps) });
      newest = Math.max(newest, ...stamps);
    }
    if (moved(next, fromId)) fromId = next;
    else atEnd = true;
  }
  if (!atEnd) {
    // Nothing is lost: the first sync reads on from a page before the point reached, storing silently what is newer.
    ctx.log.warn('Kontur.Extern: the feed is longer than a start reads; its later history is stored by the first sync', {
      feedId: ctx.feedId,
      pages: MAX_START_PAGES,
    });
  }
  if (pages.length === 0) return { cursor: encodeCursor({ from: FIRST_EVENT_ID, ...(cap ? { cap } : {}) }), skipBefore: null };
  const since = newest - START_OVERLAP_MS;
  const begin = pages.findLast((page) => page.oldest <= since) ?? pages[0]!;
  return { cursor: encodeCursor({ from: begin.from, ...(cap ? { cap } : {}) }), skipBefore: since };
}

/** The error for a position the server rejects again soon after the feed restarted from the first event. */
function rejectedAgain(res: HttpResponse, ctx: ProviderContext<ExternSettings>): FeedError {
  const err = externError(res, ctx);
  return new FeedError(
    'protocol',
    `${SERVICE} rejected a position it gave out after the feed restarted from its first event: ${err.message}`,
    {
      ...(err.detail ? { detail: err.detail } : {}),
      hint: 'Feedbell will try again later; if this repeats, remove the feed and add it again',
    },
  );
}

/** A page's answer and where it was read from. */
interface Answer {
  res: HttpResponse;
  /** The take it answered (smaller than asked after a refused page size). */
  take: number;
  fromId: string;
  /** Read from the last event read, because the position past it was refused: nothing new may have come yet. */
  fromLast: boolean;
  /** Read from the first event, because the server no longer knew the position. */
  restarted: boolean;
}

/**
 * The answer for the stored position. When the server refuses it: a position past the last event read (next-event-id
 * = first event not returned) may be refused until its event exists (UNCONFIRMED), so the last event read is asked
 * instead; when that is refused too, the server has forgotten where we were (retention UNCONFIRMED) and the feed
 * reads again from the first event it keeps (the store drops what it has), unless it just did so, which would go
 * round in circles.
 */
async function answerFor(
  ctx: ProviderContext<ExternSettings>,
  cursor: ExternCursor,
  wanted: number,
  justRestarted: boolean,
): Promise<Answer> {
  const stored = await getWithTake(ctx, cursor.from, wanted);
  if (!forgotPosition(cursor.from, stored.res, stored.take))
    return { ...stored, fromId: cursor.from, fromLast: false, restarted: false };
  if (cursor.last) {
    const last = await getWithTake(ctx, cursor.last, wanted);
    if (!forgotPosition(cursor.last, last.res, last.take))
      return { ...last, fromId: cursor.last, fromLast: true, restarted: false };
  }
  if (justRestarted) throw rejectedAgain(stored.res, ctx);
  ctx.log.warn('Kontur.Extern no longer knows the position; restarting from the first event', {
    feedId: ctx.feedId,
    status: stored.res.status,
    detail: traceOf(stored.res, ctx),
  });
  const restart = await getWithTake(ctx, FIRST_EVENT_ID, wanted);
  return { ...restart, fromId: FIRST_EVENT_ID, fromLast: false, restarted: true };
}

const bareGuid = (s: string) => s.replace(/[{}]/g, '').toLowerCase();

function sameAccount(event: ExternApiEvent, accountId: string | undefined): boolean {
  if (!accountId) return true;
  const bare = bareGuid;
  return !!event['account-id'] && bare(event['account-id']) === bare(accountId);
}

/** The docflow link, only when it goes to one of Kontur's https sites. */
function safeLink(href: string | null | undefined): string | null {
  return isLinkToHosts(href, KONTUR_LINK_HOSTS) ? new URL(href).href : null;
}

const DAY = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Moscow' });

function summaryOf(raw: ExternApiEvent, occurredAt: number): NormalizedEvent['summary'] {
  const docflow = docflowText(raw['docflow-type']);
  const inn = raw.inn ? raw.inn : null;
  const kpp = raw.kpp ? raw.kpp : null;
  const date = DAY.format(occurredAt);
  const ru = [docflow.ru, inn ? `ИНН ${inn}${kpp ? `, КПП ${kpp}` : ''}` : null, date].filter(Boolean).join(' · ');
  const en = [docflow.en, inn ? `INN ${inn}${kpp ? `, KPP ${kpp}` : ''}` : null, date].filter(Boolean).join(' · ');
  return { ru, en };
}

/** The event's type for filters: the docflow type without "urn:docflow:", or the raw value if unusual. */
function typeOf(raw: ExternApiEvent): string {
  const docflow = raw['docflow-type'];
  if (!docflow) return 'docflow';
  return docflow.toLowerCase().startsWith('urn:docflow:') ? docflow.slice('urn:docflow:'.length).toLowerCase() : docflow;
}

export const externProvider: Provider<ExternSettings, ExternApiEvent> = {
  settingsSchema: externSettingsSchema,
  needsSecret: true,
  extraSecrets: ['apikey'],

  async start(ctx, position): Promise<StartPoint> {
    if (position.kind === 'beginning') return { cursor: encodeCursor({ from: FIRST_EVENT_ID }), skipBefore: null };
    // A date is compared with the service's stamps, which may run a little off ours.
    if (position.kind === 'date')
      return { cursor: encodeCursor({ from: FIRST_EVENT_ID }), skipBefore: position.at - START_OVERLAP_MS };
    return startNow(ctx);
  },

  async fetchPage(ctx, cursorText): Promise<FeedPage<ExternApiEvent>> {
    const cursor = decodeCursor(cursorText);
    const wanted = Math.min(ctx.settings.take, cursor.cap ?? MAX_TAKE);
    // Our clock only measures how long ago the last restart was; it never decides which events are kept.
    const recentRestart =
      cursor.restartedAt !== undefined && ctx.now() - cursor.restartedAt < RESTART_GUARD_MS ? cursor.restartedAt : undefined;
    const answer = await answerFor(ctx, cursor, wanted, recentRestart !== undefined);
    if (!isOk(answer.res)) throw externError(answer.res, ctx);
    const { events, next } = eventsOf(answer.res, ctx);
    // Asked from the last event read: only it again (or nothing) means nothing new, and the position stays.
    const nothingNew = answer.fromLast && events.every((event) => event.id === answer.fromId);
    const more = !nothingNew && moved(next, answer.fromId);
    const from = more ? next : answer.fromLast ? cursor.from : answer.fromId;
    const last = events.at(-1)?.id ?? (answer.restarted ? undefined : cursor.last);
    const cap = answer.take < wanted ? answer.take : cursor.cap;
    const restartedAt = answer.restarted ? ctx.now() : recentRestart;
    return {
      // All of them: whether the event fromId named is new depends on the reading, and the store knows what it has.
      events: events.filter((event) => sameAccount(event, ctx.settings.accountId)),
      cursor: encodeCursor({
        from,
        ...(last ? { last } : {}),
        ...(cap ? { cap } : {}),
        ...(restartedAt !== undefined ? { restartedAt } : {}),
      }),
      more,
      ...(answer.restarted ? { note: GAP_NOTE } : {}),
    };
  },

  normalize(raw): NormalizedEvent {
    const occurredAt = parseExternDate(raw['event-date-time']);
    return {
      id: raw.id,
      type: typeOf(raw),
      occurredAt,
      title: stateTitle(raw['new-state'], raw['docflow-type']),
      summary: summaryOf(raw, occurredAt),
      link: safeLink(raw['docflow-link']?.href),
      payload: raw,
    };
  },

  async check(ctx): Promise<void> {
    const res = await getEvents(ctx, FIRST_EVENT_ID, 1);
    if (!isOk(res)) throw externError(res, ctx);
    readPage(res, ctx);
  },
};
