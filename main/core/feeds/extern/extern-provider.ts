// Kontur.Extern's docflow event feed (PROVIDERS.md section 2): GET {baseUrl}/v1/events?fromId=…&take=…,
// from "0_0" onwards, continuing from each page's next-event-id. The API cannot seek to a time, so
// "now" and a date read forward from the start and let the poller drop older events (skipBefore),
// with big pages while a backlog lasts.
import { z } from 'zod';
import { FeedError, type NormalizedEvent } from '../../model.ts';
import { parseJsonBody, statusError, type HttpResponse } from '../../http/http-client.ts';
import type { FeedPage, Provider, ProviderContext, StartPoint } from '../provider.ts';
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
/** Our own cap on `take`: the server's maximum is UNCONFIRMED. */
export const MAX_TAKE = 1000;
/** Page size while a backlog is read (first sync, catching up after a long pause). */
export const BULK_TAKE = 1000;

/** Any-case GUID, with or without braces. */
const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

export const externSettingsSchema = z
  .strictObject({
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://extern-api.kontur.ru' })
      .default(EXTERN_PROD_URL),
    /** `bearer`: an OIDC access token; `sid`: the legacy auth.sid, which needs the api key too. */
    auth: z.enum(['bearer', 'oidc', 'sid'], { error: 'must be "bearer", "oidc" or "sid"' }).default('bearer'),
    /** For auth "oidc": the client id from Kontur's integrator cabinet (not a secret) and the identity provider. */
    clientId: z.string().trim().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 visible ASCII characters').optional(),
    identityUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://identity.kontur.ru' }).optional(),
    take: z
      .int({ error: 'must be a whole number' })
      .min(1, 'must be at least 1')
      .max(MAX_TAKE, `must be at most ${MAX_TAKE}`)
      .default(DEFAULT_TAKE),
    /** Only events of this Extern account (the feed holds every account that shared its events). */
    accountId: z.string().regex(GUID, 'must be a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e').optional(),
  })
  .superRefine((s, ctx) => {
    if (s.auth === 'oidc' && !s.clientId) {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'is required when auth is "oidc" (the client id from the integrator cabinet)' });
    }
  })
  .default({ baseUrl: EXTERN_PROD_URL, auth: 'bearer', take: DEFAULT_TAKE });

export type ExternSettings = z.infer<typeof externSettingsSchema>;

/**
 * What we persist: the event id to read from, whether the next page should be a big one (a backlog
 * is being read), and the largest `take` the server accepted after it refused a bigger one.
 */
interface ExternCursor {
  from: string;
  bulk?: boolean;
  cap?: number;
}

export function encodeCursor(cursor: ExternCursor): string {
  return JSON.stringify({ from: cursor.from, ...(cursor.bulk ? { bulk: true } : {}), ...(cursor.cap ? { cap: cursor.cap } : {}) });
}

export function decodeCursor(cursor: string | null): ExternCursor {
  if (cursor === null || cursor === '') return { from: FIRST_EVENT_ID, bulk: true };
  if (!cursor.startsWith('{')) return { from: cursor }; // a bare event id
  try {
    const parsed = z
      .looseObject({ from: z.string().min(1), bulk: z.boolean().optional(), cap: z.int().min(1).optional() })
      .parse(JSON.parse(cursor));
    return { from: parsed.from, ...(parsed.bulk ? { bulk: true } : {}), ...(parsed.cap ? { cap: parsed.cap } : {}) };
  } catch {
    throw new FeedError('protocol', 'The stored Kontur.Extern position is unreadable', {
      hint: 'Remove the feed and add it again to start over',
    });
  }
}

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
    throw new FeedError('config', `The ${what} for Kontur.Extern is empty or has line breaks`, { hint: `Enter the ${what} again` });
  }
  return bare;
}

function authHeaders(ctx: ProviderContext<ExternSettings>): Record<string, string> {
  const secret = ctx.secret;
  if (!secret) throw new FeedError('auth', 'No Kontur.Extern token is set for this feed', { hint: 'Введите токен в настройках ленты (Enter the token in the feed settings)' });
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

/** Removes the feed's secrets from text that came from the server (some servers echo a bad header back). */
function redact(text: string | undefined, ctx: ProviderContext<ExternSettings>): string | undefined {
  if (text === undefined) return undefined;
  let out = text;
  for (const secret of [ctx.secret, ...Object.values(ctx.secrets)]) {
    if (!secret) continue;
    for (const variant of new Set([secret, secret.trim(), secret.trim().replace(/^(bearer|auth\.sid)[\s=]+/i, '').trim()])) {
      if (variant.length >= 4) out = out.split(variant).join('***');
    }
  }
  return out;
}

function eventsUrl(settings: ExternSettings, fromId: string, take: number): URL {
  const url = new URL(`${settings.baseUrl.replace(/\/+$/, '')}/v1/events`);
  url.searchParams.set('fromId', fromId);
  url.searchParams.set('take', String(take));
  return url;
}

/** Turns a non-2xx answer into the typed error, keeping Extern's message, error id and trace id. */
function externError(res: HttpResponse, ctx: ProviderContext<ExternSettings>): FeedError {
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
      ? `properties ${JSON.stringify(body.properties).slice(0, 300)}`
      : null,
  ].filter(Boolean);
  const plain = !body && res.text.trim() && !res.text.trimStart().startsWith('<') ? res.text.trim().slice(0, 200) : undefined;
  const serverMessage = redact(body?.message ?? plain ?? undefined, ctx);
  const detail = redact(parts.length ? parts.join('; ') : undefined, ctx);
  return statusError(res, {
    service: SERVICE,
    hints: HINTS,
    ...(serverMessage ? { serverMessage } : {}),
    ...(detail ? { detail } : {}),
    now: ctx.now(),
  });
}

/** JSON with integers beyond 2^53 kept exactly, as strings. */
function parseBody(res: HttpResponse): unknown {
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

function traceOf(res: HttpResponse): string | undefined {
  const trace = res.headers['x-kontur-trace-id'];
  return trace ? `trace ${trace}` : undefined;
}

function readPage(res: HttpResponse): ExternEventsPage {
  const parsed = eventsPageSchema.safeParse(parseBody(res));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'unexpected shape';
    throw new FeedError('protocol', `${SERVICE} sent an events page Feedbell cannot read (${where})`, {
      detail: traceOf(res),
    });
  }
  const page = parsed.data;
  const events = page['api-events'];
  if (!events && !(page['returned-count'] === 0)) {
    throw new FeedError('protocol', `${SERVICE} sent an events page without api-events`, {
      detail: traceOf(res),
    });
  }
  return page;
}

async function getEvents(ctx: ProviderContext<ExternSettings>, fromId: string, take: number): Promise<HttpResponse> {
  return ctx.http.send({ url: eventsUrl(ctx.settings, fromId, take), headers: authHeaders(ctx), signal: ctx.signal });
}

const bareGuid = (s: string) => s.replace(/[{}]/g, '').toLowerCase();

function sameAccount(event: ExternApiEvent, accountId: string | undefined): boolean {
  if (!accountId) return true;
  const bare = bareGuid;
  return !!event['account-id'] && bare(event['account-id']) === bare(accountId);
}

/** The docflow link, only when it is https on a Kontur domain. */
function safeLink(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    const host = url.hostname.toLowerCase();
    const kontur = ['kontur.ru', 'testkontur.ru', 'skbkontur.ru'].some((d) => host === d || host.endsWith(`.${d}`));
    return url.protocol === 'https:' && kontur && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
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
  id: 'extern',
  name: { ru: 'Контур.Экстерн', en: 'Kontur.Extern' },
  settingsSchema: externSettingsSchema,
  needsSecret: true,
  extraSecrets: ['apikey'],

  async start(ctx, position): Promise<StartPoint> {
    // No time seek in this API: every start reads from the first event, in big pages; "now" and a date
    // let the poller drop what is older while the cursor moves forward.
    const cursor = encodeCursor({ from: FIRST_EVENT_ID, bulk: true });
    if (position.kind === 'beginning') return { cursor, skipBefore: null };
    return { cursor, skipBefore: position.kind === 'date' ? position.at : ctx.now() };
  },

  async fetchPage(ctx, cursorText): Promise<FeedPage<ExternApiEvent>> {
    const cursor = decodeCursor(cursorText);
    const wanted = cursor.bulk ? Math.max(BULK_TAKE, ctx.settings.take) : ctx.settings.take;
    let take = Math.min(wanted, cursor.cap ?? MAX_TAKE);
    let cap = cursor.cap;
    let res = await getEvents(ctx, cursor.from, take);
    if (res.status === 400 && take > DEFAULT_TAKE) {
      // The maximum `take` is UNCONFIRMED: a refused big page is asked again at the documented default,
      // which is then remembered as this feed's cap.
      ctx.log.warn('Kontur.Extern refused the page size; retrying with the default', { feedId: ctx.feedId, take });
      take = DEFAULT_TAKE;
      cap = DEFAULT_TAKE;
      res = await getEvents(ctx, cursor.from, take);
    }
    if (res.status < 200 || res.status > 299) throw externError(res, ctx);
    const page = readPage(res);
    const raw = page['api-events'] ?? [];
    // next-event-id (docs, C# SDK) or last-event-id (older Java SDK model): UNCONFIRMED which one.
    const next = page['next-event-id'] ?? page['last-event-id'] ?? null;
    if (raw.length > 0 && !next) {
      throw new FeedError('protocol', `${SERVICE} sent events without next-event-id, so the feed cannot move on`, {
        detail: traceOf(res),
      });
    }
    const from = next ?? cursor.from;
    // fromId may be inclusive (UNCONFIRMED): the event we asked "from" can come back first; it is not new.
    const fresh = raw.filter((event, index) => !(index === 0 && event.id === cursor.from && cursor.from !== FIRST_EVENT_ID));
    const advanced = from !== cursor.from;
    const more = advanced && fresh.length > 0;
    const bulk = raw.length >= ctx.settings.take && more;
    return {
      events: fresh.filter((event) => sameAccount(event, ctx.settings.accountId)),
      cursor: encodeCursor({ from, bulk, ...(cap ? { cap } : {}) }),
      more,
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
    if (res.status < 200 || res.status > 299) throw externError(res, ctx);
    readPage(res);
  },
};
