// Access tokens for Kontur feeds signed in with OpenID Connect. The access token lives in this
// object's memory only; the refresh token lives in the secret store (keychain) as the feed's
// "refresh" secret. A provider whose settings say `auth: 'oidc'` gets
// `ctx.secret = await source.accessToken(feedId, config, signal)`; when it answers FeedError 'auth'
// (a 401), the caller runs `source.invalidate(feedId, token)` and retries once.
import { FeedError } from '../../model.ts';
import { silentLogger, systemClock, type Clock, type Logger, type SecretUse, type WritableSecretStore } from '../../ports.ts';
import { originOf } from '../../secrets/secret-origins.ts';
import {
  CLIENT_SECRET_NAME,
  identityUrlOf,
  pollDeviceToken,
  refreshAccessToken,
  REFRESH_SECRET_NAME,
  scopeOf,
  SIGN_IN_AGAIN_HINT,
  startDeviceAuthorization,
  type DeviceAuthorization,
  type HttpSender,
  type KonturOidcConfig,
  type KonturTokens,
} from './kontur-oidc.ts';

export interface KonturTokenSourceOptions {
  http: HttpSender;
  secrets: WritableSecretStore;
  clock?: Clock;
  log?: Logger;
  /** Refresh this long before the access token expires (capped at half its lifetime). Default 60 s. */
  refreshEarlyMs?: number;
  /** Longest a refresh may take before it is given up (it is shared by all callers). Default 60 s. */
  refreshTimeoutMs?: number;
}

/** What the window needs to show while the user approves (no device code). */
export type DeviceCodePrompt = Omit<DeviceAuthorization, 'deviceCode'>;

interface Cached {
  accessToken: string;
  expiresAt: number;
  /** When it was obtained: a short-lived token is refreshed at half its lifetime, not on every call. */
  obtainedAt: number;
  /** Identity host, client and scope the token was issued for: another config means another token. */
  key: string;
}

function configKey(config: KonturOidcConfig): string {
  return JSON.stringify([
    identityUrlOf(config),
    config.clientId,
    scopeOf(config),
    config.apiUrl ? originOf(config.apiUrl) : null,
  ]);
}

/** The origin of the identity service: where the refresh token and the client secret may go. */
function identityOrigin(config: KonturOidcConfig): string {
  const origin = originOf(identityUrlOf(config));
  if (origin === null)
    throw new FeedError('config', 'The Kontur sign-in address is not an http(s) address', { hint: SIGN_IN_AGAIN_HINT });
  return origin;
}

/** The refresh token is entered for the identity service only. */
function refreshUse(config: KonturOidcConfig): SecretUse {
  const origin = identityOrigin(config);
  return { origin, origins: [origin] };
}

/** The client secret (the feed's API key) goes to the identity service here; it is entered for the API too. */
function clientSecretUse(config: KonturOidcConfig): SecretUse {
  const origin = identityOrigin(config);
  const api = config.apiUrl ? originOf(config.apiUrl) : null;
  return { origin, origins: [...new Set([...(api ? [api] : []), origin])] };
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the promise itself runs on for others). */
function orAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export class KonturTokenSource {
  readonly #http: HttpSender;
  readonly #secrets: WritableSecretStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #earlyMs: number;
  readonly #timeoutMs: number;
  readonly #cache = new Map<string, Cached>();
  readonly #inFlight = new Map<string, { key: string; promise: Promise<Cached> }>();
  /** Bumped by signIn/signOut so a refresh that was already running cannot bring back old state. */
  readonly #generation = new Map<string, number>();

  constructor(options: KonturTokenSourceOptions) {
    this.#http = options.http;
    this.#secrets = options.secrets;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? silentLogger;
    this.#earlyMs = options.refreshEarlyMs ?? 60_000;
    this.#timeoutMs = options.refreshTimeoutMs ?? 60_000;
  }

  /**
   * A valid access token for the feed: the cached one, or a fresh one from the stored refresh token
   * when the cached one is missing, invalidated or about to expire. Concurrent callers share one refresh.
   * Throws FeedError 'auth' (hint: sign in again) when there is no usable sign-in.
   */
  async accessToken(feedId: string, config: KonturOidcConfig, signal: AbortSignal): Promise<string> {
    const key = configKey(config);
    const cached = this.#cache.get(feedId);
    if (cached && cached.key === key && !this.#due(cached)) return cached.accessToken;
    let flight = this.#inFlight.get(feedId);
    if (!flight || flight.key !== key) {
      const promise = this.#refresh(feedId, config, key).finally(() => {
        if (this.#inFlight.get(feedId)?.promise === promise) this.#inFlight.delete(feedId);
      });
      flight = { key, promise };
      this.#inFlight.set(feedId, flight);
    }
    return (await orAbort(flight.promise, signal)).accessToken;
  }

  /**
   * Forgets the cached access token after the service refused it (a 401), so the next call refreshes.
   * With `rejectedToken`, only that token is forgotten: a caller holding an older token cannot throw
   * away the one another caller has just refreshed.
   */
  invalidate(feedId: string, rejectedToken?: string): void {
    const cached = this.#cache.get(feedId);
    if (cached && (rejectedToken === undefined || cached.accessToken === rejectedToken)) this.#cache.delete(feedId);
  }

  /** Whether the feed has a stored sign-in (a refresh token), without revealing it. */
  async isSignedIn(feedId: string): Promise<boolean> {
    return this.#secrets.has(feedId, REFRESH_SECRET_NAME);
  }

  /**
   * The whole device flow for one feed: asks for a code, hands it to `onCode` (show it, open the page),
   * polls until approved, then keeps the tokens (refresh token in the store, access token in memory).
   */
  async signIn(
    feedId: string,
    config: KonturOidcConfig,
    options: {
      signal: AbortSignal;
      onCode: (prompt: DeviceCodePrompt) => void;
      onPending?: (state: { intervalSec: number; slowDown: boolean }) => void;
    },
  ): Promise<void> {
    const withSecret = await this.#withClientSecret(feedId, config);
    const auth = await startDeviceAuthorization(this.#http, withSecret, options.signal, this.#clock);
    const { deviceCode, ...prompt } = auth;
    options.onCode(prompt);
    const tokens = await pollDeviceToken(this.#http, withSecret, deviceCode, {
      clock: this.#clock,
      signal: options.signal,
      intervalSec: auth.intervalSec,
      expiresAt: auth.expiresAt,
      ...(options.onPending ? { onPending: options.onPending } : {}),
    });
    await this.accept(feedId, config, tokens);
  }

  /** Keeps tokens obtained elsewhere (e.g. a device flow run by hand): refresh token stored, access token cached. */
  async accept(feedId: string, config: KonturOidcConfig, tokens: KonturTokens): Promise<void> {
    this.#bump(feedId);
    this.#inFlight.delete(feedId);
    if (tokens.refreshToken)
      await this.#secrets.set(feedId, tokens.refreshToken, REFRESH_SECRET_NAME, refreshUse(config).origins);
    else {
      await this.#secrets.delete(feedId, REFRESH_SECRET_NAME);
      this.#log.warn('Kontur issued no refresh token (no offline_access?): the sign-in lasts until the access token expires', {
        feedId,
      });
    }
    this.#cache.set(feedId, {
      accessToken: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      obtainedAt: this.#clock.now(),
      key: configKey(config),
    });
  }

  /** Forgets the sign-in: the access token from memory and the refresh token from the store (also when a feed is removed). */
  async signOut(feedId: string): Promise<void> {
    this.#bump(feedId);
    this.#cache.delete(feedId);
    this.#inFlight.delete(feedId);
    await this.#secrets.delete(feedId, REFRESH_SECRET_NAME);
  }

  #bump(feedId: string): void {
    this.#generation.set(feedId, (this.#generation.get(feedId) ?? 0) + 1);
  }

  #due(cached: Cached): boolean {
    const early = Math.min(this.#earlyMs, (cached.expiresAt - cached.obtainedAt) / 2);
    return this.#clock.now() >= cached.expiresAt - early;
  }

  async #withClientSecret(feedId: string, config: KonturOidcConfig): Promise<KonturOidcConfig> {
    if (config.clientSecret !== undefined) return config;
    return { ...config, clientSecret: await this.#secrets.get(feedId, CLIENT_SECRET_NAME, clientSecretUse(config)) };
  }

  async #refresh(feedId: string, config: KonturOidcConfig, key: string): Promise<Cached> {
    const generation = this.#generation.get(feedId) ?? 0;
    // A refresh token entered for another identity service is refused here (FeedError 'auth': sign in again).
    const refreshToken = await this.#secrets.get(feedId, REFRESH_SECRET_NAME, refreshUse(config));
    if (!refreshToken) {
      this.#cache.delete(feedId);
      throw new FeedError('auth', 'This feed is not signed in to Kontur', { hint: SIGN_IN_AGAIN_HINT });
    }
    const withSecret = await this.#withClientSecret(feedId, config);
    let tokens: KonturTokens;
    try {
      tokens = await refreshAccessToken(this.#http, withSecret, refreshToken, AbortSignal.timeout(this.#timeoutMs), this.#clock);
    } catch (err) {
      this.#cache.delete(feedId);
      if (err instanceof FeedError && err.kind === 'auth' && err.detail === 'invalid_grant') {
        // The refresh token is dead: keeping it would only fail again.
        if ((this.#generation.get(feedId) ?? 0) === generation) await this.#secrets.delete(feedId, REFRESH_SECRET_NAME);
        this.#log.warn('Kontur refused the refresh token; it was removed', { feedId });
        throw new FeedError('auth', 'The Kontur sign-in has expired or was revoked', {
          hint: SIGN_IN_AGAIN_HINT,
          detail: 'invalid_grant',
          cause: err,
        });
      }
      if (err instanceof Error && err.name === 'TimeoutError') {
        throw new FeedError('network', 'The Kontur identity service did not answer in time', { cause: err });
      }
      throw err;
    }
    const entry: Cached = { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt, obtainedAt: this.#clock.now(), key };
    if ((this.#generation.get(feedId) ?? 0) !== generation) return entry; // signed in again or out meanwhile: keep nothing
    if (tokens.refreshToken && tokens.refreshToken !== refreshToken) {
      try {
        await this.#secrets.set(feedId, tokens.refreshToken, REFRESH_SECRET_NAME, refreshUse(config).origins);
      } catch (err) {
        this.#log.error('Could not store the rotated Kontur refresh token; the sign-in ends when the access token expires', {
          feedId,
          error: err instanceof Error ? err.name : 'unknown',
        });
      }
    }
    this.#cache.set(feedId, entry);
    return entry;
  }
}
