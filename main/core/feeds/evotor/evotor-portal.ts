// The Evotor developer portal (seed 001, PROVIDERS.md 4.2): step functions the token assistant calls to get a publisher
// token with the `event:read` scope from the developer portal, and to show and edit an app version's event settings.
// The portal's OAuth token only ever lives in the caller's memory; nothing here stores, logs or reports a secret.
import { FeedError } from '../../model.ts';
import { statusError, type HttpClient, type HttpResponse } from '../../http/http-client.ts';
import { serverExcerpt, type KnownSecrets } from '../../text/server-text.ts';

/** The developer portal: sign-in, personal tokens and event settings live here (the events API is api.evotor.ru). */
export const EVOTOR_PORTAL_URL = 'https://dev.evotor.ru';
export const EVENT_READ_SCOPE = 'event:read';
const SERVICE = 'Портал разработчиков Эвотор';
const SIGN_IN_AGAIN = 'Вход на Портал разработчиков истёк: войдите заново';

/** Only `send` is needed; tests may pass anything that sends. */
export type PortalHttp = Pick<HttpClient, 'send'>;

export interface PortalOptions {
  /** Default https://dev.evotor.ru. */
  baseUrl?: string;
  signal: AbortSignal;
  /** For Retry-After; default Date.now. */
  now?: () => number;
}

export interface SignInRequest {
  baseUrl?: string;
  login: string;
  password: string;
  /** The code from SMS or the authenticator, once the portal asked for it. */
  twoFactorCode?: string;
}

export type SignInResult =
  | {
      kind: 'signed-in';
      oauthToken: string;
      /** When the portal says the OAuth token expires (epoch ms), if it says. */ expiresAt?: number;
    }
  | { kind: 'needs-2fa'; message: string };

export interface PersonalToken {
  id: string;
  /** The token's name on the portal, when it has one. */
  name: string | null;
  scopes: string[];
  /** Whether the token can already read events. */
  canReadEvents: boolean;
}

export interface PublisherTokenResult {
  /** The NEW publisher token: whatever used the old value of this token stops working. */
  publisherToken: string;
  tokenId: string;
  scopes: string[];
}

export interface EventSettings {
  id: string;
  active: boolean;
  events: string[];
  updatedAt: string | null;
}

/** What a wizard writes: whether the version sends events, and which types. */
export interface EventSettingsInput {
  active: boolean;
  events: string[];
}

// ---- helpers ----

function portalUrl(baseUrl: string | undefined, path: string): URL {
  const base = (baseUrl ?? EVOTOR_PORTAL_URL).trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base}${path}`);
  } catch {
    throw new FeedError('config', 'Адрес Портала разработчиков Эвотор указан неверно', {
      hint: `Оставьте адрес по умолчанию: ${EVOTOR_PORTAL_URL}`,
    });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new FeedError('config', 'Адрес Портала разработчиков Эвотор должен начинаться с https://', {
      hint: `Оставьте адрес по умолчанию: ${EVOTOR_PORTAL_URL}`,
    });
  }
  return url;
}

/** One path segment from a user-supplied id; refuses what would change the path. */
function segment(value: string, what: string): string {
  const trimmed = value.trim();
  if (!trimmed || /[/\\?#\s]/.test(trimmed) || trimmed === '.' || trimmed === '..') {
    throw new FeedError('config', `${what} указан неверно`, { hint: `Скопируйте ${what} с Портала разработчиков ещё раз` });
  }
  return encodeURIComponent(trimmed);
}

function bearer(token: string): string {
  const bare = token
    .trim()
    .replace(/^bearer\s+/i, '')
    .trim();
  if (!bare || /[\r\n\0\s]/.test(bare))
    throw new FeedError('auth', SIGN_IN_AGAIN, { hint: 'Войдите на Портал разработчиков ещё раз' });
  return `Bearer ${bare}`;
}

function jsonOf(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text);
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The server's own words: OAuth `error_description`/`error`, or Evotor's `message` with its violations, as an excerpt
 * (sanitized, short, every known secret scrubbed in every form; see server-text.ts).
 */
function serverWords(res: HttpResponse, secrets: KnownSecrets): string | undefined {
  const body = jsonOf(res);
  let words: string | undefined;
  if (isRecord(body)) {
    const violations = Array.isArray(body['violations'])
      ? body['violations']
          .filter(isRecord)
          .map((v) => [str(v['subject']), str(v['reason'])].filter(Boolean).join(': '))
          .filter(Boolean)
      : [];
    words = str(body['error_description']) ?? str(body['message']) ?? str(body['error']);
    if (violations.length > 0) words = [words, violations.join('; ')].filter(Boolean).join(' — ');
  } else if (!res.text.trimStart().startsWith('<')) {
    words = res.text;
  }
  return serverExcerpt(words, secrets) || undefined;
}

/** Whether a refused sign-in is the portal asking for a two-factor code. UNCONFIRMED how it says so: any 400/401 whose body mentions 2FA. */
function asksForSecondFactor(res: HttpResponse): boolean {
  return (
    (res.status === 400 || res.status === 401) && /2fa|two[-_ ]?factor|otp|confirmation[_ ]code|код подтверждения/i.test(res.text)
  );
}

/** Maps a portal error to a FeedError in plain words; never carries a secret. */
function portalError(
  res: HttpResponse,
  options: PortalOptions,
  secrets: KnownSecrets,
  special: Partial<Record<number, FeedError>> = {},
): FeedError {
  const own = special[res.status];
  if (own) return own;
  const said = serverWords(res, secrets);
  if (res.status === 401)
    return new FeedError('auth', SIGN_IN_AGAIN, {
      hint: 'Войдите на Портал разработчиков ещё раз',
      ...(said ? { detail: said } : {}),
    });
  if (res.status === 403) {
    return new FeedError('forbidden', `${SERVICE} отказал в доступе${said ? `: ${said}` : ''}`, {
      hint: 'Войдите под учётной записью издателя, которому принадлежит приложение',
    });
  }
  if (res.status === 400 || res.status === 409 || res.status === 422) {
    return new FeedError('config', `${SERVICE} не принял запрос${said ? `: ${said}` : ''}`, {
      hint: 'Проверьте введённые значения',
    });
  }
  return statusError(res, { service: SERVICE, serverMessage: said, secrets, now: (options.now ?? Date.now)() });
}

function protocol(what: string): FeedError {
  return new FeedError('protocol', `${SERVICE} прислал непонятный ответ: ${what}`, { hint: 'Попробуйте ещё раз позже' });
}

async function sendJson(
  http: PortalHttp,
  options: PortalOptions,
  oauthToken: string,
  method: 'GET' | 'POST' | 'PUT',
  url: URL,
  body?: unknown,
): Promise<HttpResponse> {
  return http.send({
    method,
    url,
    headers: {
      accept: 'application/json, text/plain, */*',
      'content-type': 'application/json',
      // The portal's own header name (seed 001), not Authorization.
      'x-authorization': bearer(oauthToken),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: options.signal,
  });
}

const ok = (res: HttpResponse) => res.status >= 200 && res.status <= 299;

/** `{ items: [...] }` (seed 001) or a bare array. */
function itemsOf(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (isRecord(body) && Array.isArray(body['items'])) return body['items'];
  return null;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

// ---- the steps ----

/**
 * Step 1: signs in to the developer portal with the password grant (seed 001). Returns the portal's OAuth token for the
 * next steps (keep it in memory only), or asks for a two-factor code, which the caller sends with the same login.
 */
export async function signIn(http: PortalHttp, request: SignInRequest, signal: AbortSignal): Promise<SignInResult> {
  const login = request.login.trim();
  if (!login || !request.password) {
    throw new FeedError('config', 'Введите логин и пароль от Портала разработчиков Эвотор', {
      hint: 'Это логин и пароль от личного кабинета на dev.evotor.ru',
    });
  }
  const code = request.twoFactorCode?.trim();
  const form = new URLSearchParams({
    type: 'LOGIN',
    grant_type: 'password',
    client_id: 'Evo-UI',
    username: login,
    password: request.password,
  });
  // The field name comes from the developer.evotor.ru OAuth guide (PROVIDERS.md 4.2).
  if (code) form.set('2fa_confirmation', code);
  const res = await http.send({
    method: 'POST',
    url: portalUrl(request.baseUrl, '/oauth/token'),
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    signal,
  });
  const secrets = [request.password, code];
  if (asksForSecondFactor(res)) {
    if (!code)
      return { kind: 'needs-2fa', message: 'Нужен код подтверждения: введите код из SMS или приложения-аутентификатора' };
    throw new FeedError('auth', 'Код подтверждения не подошёл', {
      hint: 'Нужен код подтверждения: запросите новый код и введите его',
    });
  }
  // Spring answers a bad password with 401, or with 400 invalid_grant "Bad credentials".
  if (res.status === 401 || (res.status === 400 && /invalid_grant|credentials/i.test(res.text))) {
    const said = serverWords(res, secrets);
    throw new FeedError('auth', 'Неверный логин или пароль', {
      hint: 'Проверьте логин и пароль от личного кабинета на Портале разработчиков dev.evotor.ru',
      ...(said ? { detail: said } : {}),
    });
  }
  if (!ok(res)) throw portalError(res, { signal }, secrets);
  const body = jsonOf(res);
  const oauthToken = isRecord(body) ? str(body['access_token']) : undefined;
  if (!oauthToken) throw protocol('нет токена доступа в ответе на вход');
  const expiresIn = isRecord(body) ? Number(body['expires_in']) : Number.NaN;
  return {
    kind: 'signed-in',
    oauthToken,
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: Date.now() + expiresIn * 1000 } : {}),
  };
}

/** Step 2: the publisher's personal tokens with their scopes (the list never shows a token's value). */
export async function listPersonalTokens(http: PortalHttp, oauthToken: string, options: PortalOptions): Promise<PersonalToken[]> {
  const res = await sendJson(
    http,
    options,
    oauthToken,
    'GET',
    portalUrl(options.baseUrl, '/api/v1/publisher/app/oauth/public/personal-tokens'),
  );
  if (!ok(res)) throw portalError(res, options, [oauthToken]);
  const items = itemsOf(jsonOf(res));
  if (!items) throw protocol('нет списка токенов');
  return items.filter(isRecord).flatMap((item) => {
    const id = str(item['id']);
    if (!id) return [];
    // `scope` in the seed; `scopes` tolerated.
    const scopes = stringList(item['scope'] ?? item['scopes']);
    return [
      { id, name: str(item['name']) ?? str(item['title']) ?? null, scopes, canReadEvents: scopes.includes(EVENT_READ_SCOPE) },
    ];
  });
}

/**
 * Step 3: adds `event:read` to a personal token's scopes and returns the NEW publisher token (the portal issues a new
 * value whenever a token's scope changes, and the old value stops working). Also run when the scope is already
 * there, since the portal shows a token's value only in this answer.
 */
export async function addEventReadScope(
  http: PortalHttp,
  oauthToken: string,
  tokenId: string,
  currentScopes: readonly string[],
  options: PortalOptions,
): Promise<PublisherTokenResult> {
  const scope = [...new Set([...currentScopes, EVENT_READ_SCOPE])];
  const url = portalUrl(
    options.baseUrl,
    `/api/v1/publisher/app/oauth/public/personal-tokens/${segment(tokenId, 'Идентификатор токена')}`,
  );
  const res = await sendJson(http, options, oauthToken, 'PUT', url, { scope });
  if (!ok(res)) {
    throw portalError(res, options, [oauthToken], {
      404: new FeedError('config', 'Токен не найден', { hint: 'Обновите список токенов и выберите токен ещё раз' }),
    });
  }
  const body = jsonOf(res);
  const publisherToken = isRecord(body) ? str(body['access_token']) : undefined;
  if (!isRecord(body) || !publisherToken) throw protocol('нет нового ключа доступа издателя');
  const scopes = stringList(body['scope']);
  return { publisherToken, tokenId: str(body['id']) ?? tokenId.trim(), scopes: scopes.length > 0 ? scopes : scope };
}

/** The whole sequence for a chosen token: sign in, find the token, add `event:read`, return the new publisher token. */
export async function obtainPublisherToken(
  http: PortalHttp,
  request: SignInRequest & { tokenId: string },
  signal: AbortSignal,
): Promise<PublisherTokenResult> {
  const signedIn = await signIn(http, request, signal);
  if (signedIn.kind === 'needs-2fa') throw new FeedError('auth', 'Нужен код подтверждения', { hint: signedIn.message });
  const options: PortalOptions = { signal, ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}) };
  const tokens = await listPersonalTokens(http, signedIn.oauthToken, options);
  const chosen = tokens.find((t) => t.id === request.tokenId.trim());
  if (!chosen) throw new FeedError('config', 'Токен не найден', { hint: 'Обновите список токенов и выберите токен ещё раз' });
  return addEventReadScope(http, signedIn.oauthToken, chosen.id, chosen.scopes, options);
}

function settingsUrl(options: PortalOptions, appId: string, versionId: string, settingsId?: string): URL {
  const path =
    `/api/v1/publisher/app/hooks/public/api/apps/${segment(appId, 'Идентификатор приложения')}` +
    `/versions/${segment(versionId, 'Идентификатор версии')}/event-settings` +
    (settingsId === undefined ? '' : `/${segment(settingsId, 'Идентификатор настройки')}`);
  return portalUrl(options.baseUrl, path);
}

function settingsErrors(): Partial<Record<number, FeedError>> {
  return {
    404: new FeedError('config', 'Приложение или его версия не найдены', {
      hint: 'Проверьте APP_ID и VERSION_ID: они видны в адресе страницы версии на Портале, https://dev.evotor.ru/#/store/apps/update_version/{APP_ID}/{VERSION_ID}',
    }),
  };
}

function readSettings(value: unknown): EventSettings | null {
  if (!isRecord(value)) return null;
  const id = str(value['id']);
  if (!id) return null;
  return {
    id,
    active: value['active'] === true,
    events: stringList(value['events']),
    updatedAt: str(value['updated_at']) ?? null,
  };
}

/** The version's event settings; null when none were made yet. */
export async function getEventSettings(
  http: PortalHttp,
  oauthToken: string,
  appId: string,
  versionId: string,
  options: PortalOptions,
): Promise<EventSettings | null> {
  const res = await sendJson(http, options, oauthToken, 'GET', settingsUrl(options, appId, versionId));
  if (!ok(res)) throw portalError(res, options, [oauthToken], settingsErrors());
  const items = itemsOf(jsonOf(res));
  if (!items) throw protocol('нет списка настроек событий');
  const all = items.map(readSettings).filter((s): s is EventSettings => s !== null);
  // One setting per version is the norm; should there be more, the active one is what the version uses.
  return all.find((s) => s.active) ?? all[0] ?? null;
}

/** Writes the version's event settings: updates the existing one (PUT …/{id}) or creates it (POST). */
export async function setEventSettings(
  http: PortalHttp,
  oauthToken: string,
  appId: string,
  versionId: string,
  input: EventSettingsInput,
  options: PortalOptions,
): Promise<EventSettings> {
  const events = [...new Set(input.events.map((e) => e.trim()).filter(Boolean))];
  if (input.active && events.length === 0) {
    throw new FeedError('config', 'Выберите хотя бы один тип событий', {
      hint: 'Или выключите получение событий для этой версии',
    });
  }
  const body = { active: input.active, events };
  const existing = await getEventSettings(http, oauthToken, appId, versionId, options);
  const res = existing
    ? await sendJson(http, options, oauthToken, 'PUT', settingsUrl(options, appId, versionId, existing.id), body)
    : await sendJson(http, options, oauthToken, 'POST', settingsUrl(options, appId, versionId), body);
  if (!ok(res)) {
    throw portalError(res, options, [oauthToken], {
      ...settingsErrors(),
      ...(existing
        ? {
            404: new FeedError('config', 'Настройка событий уже удалена на Портале', {
              hint: 'Откройте настройки событий заново',
            }),
          }
        : {}),
    });
  }
  const saved = readSettings(jsonOf(res));
  if (saved) return saved;
  // The answer's shape is not documented: read back what the portal now holds.
  const reread = await getEventSettings(http, oauthToken, appId, versionId, options);
  if (!reread) throw protocol('настройка событий не сохранилась');
  return reread;
}
