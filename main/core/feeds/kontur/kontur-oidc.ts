// Signing in to Kontur with OpenID Connect, for the providers whose modules have the Kontur sign-in capability: the
// device authorization flow (RFC 8628: show a code, the user approves it in the browser, we poll for the token) and
// refresh tokens (PROVIDERS.md sections 1.3 and 2.2).
//
// Where the secrets live:
// - the refresh token: the feed's WritableSecretStore entry named "refresh" (keychain account `<feedId>:refresh`);
// - the client secret (the API key from Kontur's integrator cabinet): `config.clientSecret`, or else the
//   feed's "apikey" secret;
// - the access token: this process's memory only, never written anywhere.
// No message, hint or detail produced here ever contains any of them, nor the device code.
import { FeedError } from '../../model.ts';
import { parseJsonBody, statusError, type HttpRequest, type HttpResponse } from '../../http/http-client.ts';
import { systemClock, type Clock, type HttpSender } from '../../ports.ts';
import { originOf } from '../../secrets/secret-origins.ts';
import { serverExcerpt, type KnownSecrets } from '../../text/server-text.ts';

export type { HttpSender };
export type KonturEnvironment = 'production' | 'test';

export const KONTUR_IDENTITY_URLS: Readonly<Record<KonturEnvironment, string>> = {
  production: 'https://identity.kontur.ru',
  test: 'https://identity.testkontur.ru',
};

/** The scope a client asks for, per environment (each service has its own: its module says which). */
export type KonturScopes = Readonly<Record<KonturEnvironment, string>>;

/** The secret name of a feed's refresh token (keychain account `<feedId>:refresh`). */
export const REFRESH_SECRET_NAME = 'refresh';
/** The secret name read for the client secret when the config does not carry one. */
export const CLIENT_SECRET_NAME = 'apikey';

export const SIGN_IN_AGAIN_HINT = 'Войдите в Контур заново (Sign in to Kontur again)';
const RESTART_HINT = 'Начните вход в Контур заново (Start the Kontur sign-in again)';
const CLIENT_HINT =
  'Проверьте client_id и API-ключ из Кабинета интегратора (Check the client id and the API key from the Kontur integrator cabinet)';

/** Which Kontur client signs in, where, and for what. Everything but `clientSecret` is plain settings. */
export interface KonturOidcConfig {
  /** The scopes of the service the tokens are for (e.g. Diadoc's API), per environment. */
  scopes: KonturScopes;
  /** The client id issued in Kontur's integrator cabinet. */
  clientId: string;
  /** The API key issued with the client id (the OIDC client_secret). A secret: never put it in settings. */
  clientSecret?: string | null;
  /** Picks the identity host and the default scope; `production` when absent. */
  environment?: KonturEnvironment;
  /** Overrides the identity host (e.g. a mock), without a trailing slash. */
  identityUrl?: string;
  /**
   * The API the tokens are for (the feed's baseUrl). Not sent anywhere: the API key is entered for it as well as for
   * the identity service (secrets/secret-origins.ts), and an access token is never reused for another API.
   */
  apiUrl?: string;
  /** Overrides the service's scope. */
  scope?: string;
  /** How the client authenticates when it has a secret: HTTP Basic (default, as Kontur's SDK does) or form fields. */
  clientAuth?: 'basic' | 'form';
}

/** What the window shows while the user approves the sign-in. `deviceCode` stays in main. */
export interface DeviceAuthorization {
  /** The code the user types on the verification page, e.g. "WDJB-MJHT". */
  userCode: string;
  verificationUri: string;
  /** The verification page with the code filled in, when the provider gives one. */
  verificationUriComplete?: string;
  /** Secret-ish: whoever has it can collect the tokens. Never send it to the renderer. */
  deviceCode: string;
  /** Seconds to wait between polls. */
  intervalSec: number;
  /** When the codes stop working, epoch ms. */
  expiresAt: number;
}

export interface KonturTokens {
  accessToken: string;
  /** Null when the provider did not issue one (no offline_access). */
  refreshToken: string | null;
  /** When the access token expires, epoch ms. */
  expiresAt: number;
  scope?: string;
}

export function identityUrlOf(config: KonturOidcConfig): string {
  return (config.identityUrl ?? KONTUR_IDENTITY_URLS[config.environment ?? 'production']).replace(/\/+$/, '');
}

export function scopeOf(config: KonturOidcConfig): string {
  return config.scope ?? config.scopes[config.environment ?? 'production'];
}

const IDENTITY = 'Kontur identity service';
const DEFAULT_EXPIRES_IN_SEC = 3600;
const DEFAULT_DEVICE_EXPIRES_IN_SEC = 600;
const DEFAULT_INTERVAL_SEC = 5;
const SLOW_DOWN_STEP_SEC = 5;
/** Transport failures in a row the polling loop tolerates before giving up. */
const MAX_POLL_FAILURES = 3;

function formOf(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** The token endpoint's request: client authentication as configured, form-encoded body. */
function tokenRequest(config: KonturOidcConfig, path: string, fields: Record<string, string>, signal: AbortSignal): HttpRequest {
  if (!config.clientId || /[\r\n:]/.test(config.clientId)) {
    throw new FeedError('config', 'The Kontur client id is empty or has characters that cannot be sent', { hint: CLIENT_HINT });
  }
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const body: Record<string, string> = { ...fields };
  const secret = config.clientSecret ?? null;
  if (secret && /[\r\n]/.test(secret)) {
    throw new FeedError('config', 'The Kontur API key has line breaks', {
      hint: 'Введите API-ключ заново (Enter the API key again)',
    });
  }
  if (secret && (config.clientAuth ?? 'basic') === 'basic') {
    headers['authorization'] = `Basic ${Buffer.from(`${config.clientId}:${secret}`, 'utf8').toString('base64')}`;
  } else {
    body['client_id'] = config.clientId;
    if (secret) body['client_secret'] = secret;
  }
  return { method: 'POST', url: `${identityUrlOf(config)}${path}`, headers, body: formOf(body), signal };
}

interface OAuthError {
  error: string;
  description: string;
}

/** The RFC 6749 error of a 400/401 answer, or null when the body is not one. */
function oauthErrorOf(res: HttpResponse): OAuthError | null {
  if (res.status !== 400 && res.status !== 401 && res.status !== 403) return null;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as Record<string, unknown>)['error'];
  const description = (body as Record<string, unknown>)['error_description'];
  if (typeof error !== 'string') return null;
  return { error, description: typeof description === 'string' ? description : '' };
}

/** The API key, and `client id:API key` whose base64 is the Basic header a server may echo. */
function clientSecrets(config: KonturOidcConfig): string[] {
  return config.clientSecret ? [config.clientSecret, `${config.clientId}:${config.clientSecret}`] : [];
}

/** A failed answer as a FeedError with a plain hint; known secrets are scrubbed from the server's words. */
function identityError(res: HttpResponse, now: number, secrets: KnownSecrets, during: 'device' | 'refresh'): FeedError {
  const oauth = oauthErrorOf(res);
  if (oauth) {
    const description = serverExcerpt(oauth.description, secrets);
    const said = description ? `: ${description}` : '';
    const detail = serverExcerpt(oauth.error, secrets);
    switch (oauth.error) {
      case 'expired_token':
        return new FeedError('auth', `The Kontur sign-in code has expired${said}`, { hint: RESTART_HINT, detail });
      case 'access_denied':
        return new FeedError('auth', `The Kontur sign-in was declined${said}`, { hint: RESTART_HINT, detail });
      case 'invalid_grant':
        return during === 'refresh'
          ? new FeedError('auth', `Kontur no longer accepts this sign-in (the refresh token is invalid or expired)${said}`, {
              hint: SIGN_IN_AGAIN_HINT,
              detail,
            })
          : new FeedError('auth', `Kontur did not accept the sign-in code${said}`, { hint: RESTART_HINT, detail });
      case 'invalid_client':
      case 'unauthorized_client':
        return new FeedError('auth', `Kontur did not accept the client id or API key${said}`, { hint: CLIENT_HINT, detail });
      case 'invalid_scope':
        return new FeedError('config', `Kontur refused the requested scope${said}`, {
          hint: 'Проверьте scope в настройках ленты (Check the scope in the feed settings)',
          detail,
        });
      default:
        return new FeedError('protocol', `${IDENTITY} refused the request (${detail})${said}`, { detail });
    }
  }
  const server = res.status >= 400 && res.status < 500 ? serverExcerpt(res.text, secrets) : '';
  return statusError(res, {
    service: IDENTITY,
    now,
    serverMessage: server,
    secrets,
    hints: { 401: CLIENT_HINT, 404: 'Проверьте адрес сервиса входа (Check the identity service address)' },
  });
}

function jsonObject(res: HttpResponse): Record<string, unknown> {
  const body = parseJsonBody(res, IDENTITY);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FeedError('protocol', `${IDENTITY} sent an answer that is not a JSON object`);
  }
  return body as Record<string, unknown>;
}

function positive(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}

function tokensOf(res: HttpResponse, now: number): KonturTokens {
  const body = jsonObject(res);
  const access = body['access_token'];
  if (typeof access !== 'string' || !/^[\x21-\x7e]+$/.test(access)) {
    throw new FeedError('protocol', `${IDENTITY} answered without a usable access token`);
  }
  const type = body['token_type'];
  if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'bearer')) {
    throw new FeedError('protocol', `${IDENTITY} issued a token of an unexpected type`);
  }
  const refresh = body['refresh_token'];
  const scope = body['scope'];
  return {
    accessToken: access,
    refreshToken: typeof refresh === 'string' && refresh.length > 0 ? refresh : null,
    expiresAt: now + positive(body['expires_in'], DEFAULT_EXPIRES_IN_SEC) * 1000,
    ...(typeof scope === 'string' ? { scope } : {}),
  };
}

/** Step 1 of the device flow: asks for a user code to show and a device code to poll with. */
export async function startDeviceAuthorization(
  http: HttpSender,
  config: KonturOidcConfig,
  signal: AbortSignal,
  clock: Clock = systemClock,
): Promise<DeviceAuthorization> {
  const req = tokenRequest(config, '/connect/deviceauthorization', { scope: scopeOf(config) }, signal);
  const res = await http.send(req);
  const now = clock.now();
  if (res.status !== 200) throw identityError(res, now, clientSecrets(config), 'device');
  const body = jsonObject(res);
  const deviceCode = body['device_code'];
  const userCode = body['user_code'];
  const verificationUri = body['verification_uri'] ?? body['verification_url'];
  const complete = body['verification_uri_complete'];
  if (
    typeof deviceCode !== 'string' ||
    !deviceCode ||
    typeof userCode !== 'string' ||
    !userCode ||
    typeof verificationUri !== 'string'
  ) {
    throw new FeedError('protocol', `${IDENTITY} answered the sign-in request without a code or a verification page`);
  }
  if (originOf(verificationUri) === null || (typeof complete === 'string' && originOf(complete) === null)) {
    throw new FeedError('protocol', `${IDENTITY} gave a verification page that is not a web address`);
  }
  return {
    userCode,
    verificationUri,
    ...(typeof complete === 'string' ? { verificationUriComplete: complete } : {}),
    deviceCode,
    intervalSec: positive(body['interval'], DEFAULT_INTERVAL_SEC),
    expiresAt: now + positive(body['expires_in'], DEFAULT_DEVICE_EXPIRES_IN_SEC) * 1000,
  };
}

export interface PollOptions {
  clock?: Clock;
  signal: AbortSignal;
  /** From the device authorization answer; the defaults are RFC 8628's. */
  intervalSec?: number;
  expiresAt?: number;
  /** Called after every answer that says "not yet" (for a progress line). */
  onPending?: (state: { intervalSec: number; slowDown: boolean }) => void;
}

/**
 * Step 2: polls the token endpoint until the user approves, declines or the code expires.
 * Waits `intervalSec` before each poll, adds 5 s on `slow_down`, never polls past `expiresAt`;
 * tolerates a few transport failures in a row (waiting longer each time).
 */
export async function pollDeviceToken(
  http: HttpSender,
  config: KonturOidcConfig,
  deviceCode: string,
  options: PollOptions,
): Promise<KonturTokens> {
  const clock = options.clock ?? systemClock;
  const expiresAt = options.expiresAt ?? clock.now() + DEFAULT_DEVICE_EXPIRES_IN_SEC * 1000;
  let intervalSec = options.intervalSec ?? DEFAULT_INTERVAL_SEC;
  let failures = 0;
  const secrets = [...clientSecrets(config), deviceCode];
  for (;;) {
    await clock.sleep(intervalSec * 1000, options.signal);
    if (clock.now() >= expiresAt) {
      throw new FeedError('auth', 'The Kontur sign-in code has expired before it was approved', {
        hint: RESTART_HINT,
        detail: 'expired_token',
      });
    }
    const req = tokenRequest(
      config,
      '/connect/token',
      { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode },
      options.signal,
    );
    let res: HttpResponse;
    try {
      res = await http.send(req);
    } catch (err) {
      if (options.signal.aborted || !(err instanceof FeedError) || err.kind !== 'network' || ++failures > MAX_POLL_FAILURES)
        throw err;
      intervalSec += SLOW_DOWN_STEP_SEC;
      continue;
    }
    if (res.status === 200) return tokensOf(res, clock.now());
    const oauth = oauthErrorOf(res);
    if (oauth?.error === 'authorization_pending') {
      failures = 0;
      options.onPending?.({ intervalSec, slowDown: false });
      continue;
    }
    if (oauth?.error === 'slow_down') {
      failures = 0;
      intervalSec += SLOW_DOWN_STEP_SEC;
      options.onPending?.({ intervalSec, slowDown: true });
      continue;
    }
    const error = identityError(res, clock.now(), secrets, 'device');
    if ((error.kind === 'server' || error.kind === 'rate-limit') && ++failures <= MAX_POLL_FAILURES) {
      intervalSec += SLOW_DOWN_STEP_SEC;
      continue;
    }
    throw error;
  }
}

/** Trades a refresh token for a new access token (and, with rotation, a new refresh token). */
export async function refreshAccessToken(
  http: HttpSender,
  config: KonturOidcConfig,
  refreshToken: string,
  signal: AbortSignal,
  clock: Clock = systemClock,
): Promise<KonturTokens> {
  const req = tokenRequest(config, '/connect/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, signal);
  const res = await http.send(req);
  if (res.status !== 200) throw identityError(res, clock.now(), [...clientSecrets(config), refreshToken], 'refresh');
  return tokensOf(res, clock.now());
}
