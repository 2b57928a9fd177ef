// Kontur.Extern event sharing (PROVIDERS.md 2.1, seed 004): an account's administrator lets an integrator read the
// account's docflow events (POST /v1/{accountId}/share-events); the integrator lists who shares with it
// (GET /v1/event-publishers) and can stop reading one (DELETE /v1/event-publishers/{id}). Same auth as the feed.
import { FeedError } from '../../model.ts';
import { statusError, type HttpClient, type HttpResponse } from '../../http/http-client.ts';
import { serverExcerpt } from '../../text/server-text.ts';
import { apiErrorSchema } from './extern-schema.ts';

const SERVICE = 'Kontur.Extern';
const DEFAULT_URL = 'https://extern-api.kontur.ru';
const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

export type ExternHttp = Pick<HttpClient, 'send'>;

/** How to reach Extern and sign requests: the same schemes as the feed (Bearer, or legacy auth.sid + api key). */
export interface ExternConnection {
  /** Default https://extern-api.kontur.ru. */
  baseUrl?: string;
  auth?: 'bearer' | 'sid';
  /** The access token (bearer) or auth.sid (sid); for share-events, the account administrator's. */
  secret: string;
  /** X-Kontur-Apikey: required with auth.sid, sent with Bearer when given. */
  apiKey?: string | null;
  /** For Retry-After; default Date.now. */
  now?: () => number;
}

export interface DocumentForm {
  knd?: string;
  okud?: string;
}

export interface ShareEventsRequest {
  /** The integrator's service name, issued when Kontur enables the feed. */
  subscriber: string;
  /** Only these docflow types (urn:docflow:…); none: all. */
  docflowTypes?: string[];
  /** Only these report forms; none: all. */
  documentForms?: DocumentForm[];
}

export interface ExternEventPublisher {
  id: string;
  /** A name or title to show, when the answer has one. */
  name: string | null;
  accountId: string | null;
  subscriber: string | null;
}

const HINTS = {
  401: 'Войдите в Контур.Экстерн заново: токен доступа (или auth.sid) больше не действует',
  403: 'Нужны права администратора учётной записи',
  429: 'Контур.Экстерн допускает не больше 20 одновременных запросов от одного клиента: попробуйте чуть позже',
} as const;

// ---- headers and errors ----

function bareSecret(value: string, prefix: RegExp, what: string): string {
  const bare = value.trim().replace(prefix, '').trim();
  if (!bare || /[\r\n\0]/.test(bare)) {
    throw new FeedError('config', `${what} для Контур.Экстерна пуст или содержит переносы строк`, {
      hint: `Введите ${what} заново`,
    });
  }
  return bare;
}

/** The feed's auth headers (the provider does not export its builder, so this mirrors it). */
export function externAuthHeaders(conn: ExternConnection): Record<string, string> {
  if (!conn.secret?.trim()) throw new FeedError('auth', 'Не задан токен Контур.Экстерна', { hint: 'Войдите в Контур.Экстерн' });
  const apiKey = conn.apiKey?.trim() ? bareSecret(conn.apiKey, /^$/, 'Ключ API') : null;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (conn.auth === 'sid') {
    if (!apiKey) {
      throw new FeedError('config', 'Для входа по auth.sid нужен ещё ключ API (X-Kontur-Apikey)', {
        hint: 'Введите ключ API или войдите через Контур ID',
      });
    }
    headers['authorization'] = `auth.sid ${bareSecret(conn.secret, /^auth\.sid[\s=]+/i, 'auth.sid')}`;
  } else {
    headers['authorization'] = `Bearer ${bareSecret(conn.secret, /^bearer\s+/i, 'Токен доступа')}`;
  }
  if (apiKey) headers['x-kontur-apikey'] = apiKey;
  return headers;
}

function url(conn: ExternConnection, path: string): URL {
  const base = (conn.baseUrl ?? DEFAULT_URL).trim().replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(`${base}${path}`);
  } catch {
    throw new FeedError('config', 'Адрес API Контур.Экстерна указан неверно', { hint: `Например, ${DEFAULT_URL}` });
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) {
    throw new FeedError('config', 'Адрес API Контур.Экстерна должен начинаться с https://', { hint: `Например, ${DEFAULT_URL}` });
  }
  return parsed;
}

/** A non-2xx answer in plain words, with excerpts of Extern's message, error id and trace id, and no secret. */
function sharingError(res: HttpResponse, conn: ExternConnection, special: Partial<Record<number, FeedError>> = {}): FeedError {
  let message: string | undefined;
  let errorId: string | undefined;
  let trace = res.headers['x-kontur-trace-id'];
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(res.text));
    if (parsed.success) {
      message = parsed.data.message ?? undefined;
      errorId = parsed.data.id ?? undefined;
      trace ||= parsed.data['trace-id'] ?? parsed.data['track-id'] ?? undefined;
    }
  } catch {
    if (!res.text.trimStart().startsWith('<')) message = res.text;
  }
  const secrets = [conn.secret, conn.apiKey];
  const said = serverExcerpt(message, secrets);
  const detailText = serverExcerpt(
    [errorId ? `error ${errorId}` : null, trace ? `trace ${trace}` : null].filter(Boolean).join('; '),
    secrets,
  );
  const detail = detailText ? { detail: detailText } : {};
  const own = special[res.status];
  if (own)
    return new FeedError(own.kind, said ? `${own.message}: ${said}` : own.message, {
      ...(own.hint ? { hint: own.hint } : {}),
      ...detail,
    });
  if (res.status === 401)
    return new FeedError('auth', 'Контур.Экстерн не принял вход (HTTP 401)' + (said ? `: ${said}` : ''), {
      hint: HINTS[401],
      ...detail,
    });
  if (res.status === 403)
    return new FeedError('forbidden', 'Контур.Экстерн отказал в доступе (HTTP 403)' + (said ? `: ${said}` : ''), {
      hint: HINTS[403],
      ...detail,
    });
  return statusError(res, {
    service: SERVICE,
    hints: HINTS,
    serverMessage: said,
    ...detail,
    secrets,
    now: (conn.now ?? Date.now)(),
  });
}

function readJson(res: HttpResponse): unknown {
  if (!res.text.trim()) return null;
  try {
    return JSON.parse(res.text);
  } catch {
    throw new FeedError('protocol', `${SERVICE} прислал ответ, который не является JSON (${res.text.length} байт)`);
  }
}

const ok = (res: HttpResponse) => res.status >= 200 && res.status <= 299;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : null;

// ---- the calls ----

/**
 * Lets `subscriber` read the account's docflow events, optionally only some docflow types and forms. Runs as the
 * account's administrator: with anyone else's sign-in Extern answers 403.
 */
export async function shareEvents(
  http: ExternHttp,
  conn: ExternConnection,
  accountId: string,
  request: ShareEventsRequest,
  signal: AbortSignal,
): Promise<void> {
  const account = accountId.trim();
  if (!GUID.test(account)) {
    throw new FeedError('config', 'Идентификатор учётной записи Контур.Экстерна указан неверно', {
      hint: 'Например, 0f8fad5b-d9cb-469f-a165-70867728950e',
    });
  }
  const subscriber = request.subscriber.trim();
  if (!subscriber) {
    throw new FeedError('config', 'Не указано имя подписчика (subscriber)', {
      hint: 'Это сервисное имя, которое Контур выдаёт при подключении ленты событий (extern-api@skbkontur.ru)',
    });
  }
  const docflowTypes = [...new Set((request.docflowTypes ?? []).map((t) => t.trim()).filter(Boolean))];
  const documentForms = (request.documentForms ?? [])
    .map((f) => ({ ...(f.knd?.trim() ? { knd: f.knd.trim() } : {}), ...(f.okud?.trim() ? { okud: f.okud.trim() } : {}) }))
    .filter((f) => Object.keys(f).length > 0);
  const filter = {
    ...(docflowTypes.length > 0 ? { 'docflow-types': docflowTypes } : {}),
    ...(documentForms.length > 0 ? { 'document-forms': documentForms } : {}),
  };
  // No filter: everything is shared (the documented default).
  const body = { subscriber, ...(Object.keys(filter).length > 0 ? { 'events-filter': filter } : {}) };
  const res = await http.send({
    method: 'POST',
    url: url(conn, `/v1/${encodeURIComponent(account.replace(/[{}]/g, ''))}/share-events`),
    headers: { ...externAuthHeaders(conn), 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!ok(res)) {
    throw sharingError(res, conn, {
      400: new FeedError('config', 'Контур.Экстерн не принял запрос на доступ к событиям', {
        hint: 'Проверьте имя подписчика (subscriber): это сервисное имя, которое Контур выдаёт при подключении ленты событий',
      }),
      403: new FeedError('forbidden', 'Контур.Экстерн не разрешил открыть доступ к событиям', { hint: HINTS[403] }),
    });
  }
}

/** The list in any of the shapes a server might send (the real one is UNCONFIRMED): an array, or wrapped. */
function publisherList(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (!isRecord(body)) return null;
  for (const key of ['event-publishers', 'eventPublishers', 'publishers', 'items']) {
    const value = body[key];
    if (Array.isArray(value)) return value;
  }
  return null;
}

function readPublisher(value: unknown): ExternEventPublisher | null {
  if (!isRecord(value)) return null;
  const id = str(value['id']) ?? str(value['publisher-id']) ?? str(value['publisherId']);
  if (!id) return null;
  return {
    id,
    name: str(value['name']) ?? str(value['title']) ?? str(value['display-name']) ?? null,
    accountId: str(value['account-id']) ?? str(value['accountId']) ?? null,
    subscriber: str(value['subscriber']),
  };
}

/** Everyone who shares events with this integrator. */
export async function listEventPublishers(
  http: ExternHttp,
  conn: ExternConnection,
  signal: AbortSignal,
): Promise<ExternEventPublisher[]> {
  const res = await http.send({ url: url(conn, '/v1/event-publishers'), headers: externAuthHeaders(conn), signal });
  if (!ok(res)) throw sharingError(res, conn);
  const list = publisherList(readJson(res));
  if (!list)
    throw new FeedError('protocol', `${SERVICE} прислал список источников событий в непонятном виде`, {
      hint: 'Сообщите разработчикам Feedbell',
    });
  return list.map(readPublisher).filter((p): p is ExternEventPublisher => p !== null);
}

/** Stops reading one publisher's events. */
export async function unsubscribePublisher(
  http: ExternHttp,
  conn: ExternConnection,
  publisherId: string,
  signal: AbortSignal,
): Promise<void> {
  const id = publisherId.trim();
  if (!id) throw new FeedError('config', 'Не выбран источник событий', { hint: 'Выберите источник в списке' });
  const res = await http.send({
    method: 'DELETE',
    url: url(conn, `/v1/event-publishers/${encodeURIComponent(id)}`),
    headers: externAuthHeaders(conn),
    signal,
  });
  if (!ok(res)) {
    throw sharingError(res, conn, {
      404: new FeedError('config', 'Источник событий не найден', { hint: 'Обновите список: возможно, подписка уже отменена' }),
    });
  }
}
