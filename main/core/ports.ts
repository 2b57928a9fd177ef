// Ports: the small interfaces through which the core reaches the platform (DESIGN.md section 2).
// The Electron layer, the CLI and the tests each supply their own implementations.
import type { Preferences, UnreadCounts } from '../../preload/contract.ts';
import type { HttpRequest, HttpResponse } from './http/http-client.ts';

export interface NotificationRequest {
  title: string;
  body: string;
  /** Store key of the event to open when the notification is clicked; absent for summaries. */
  eventKey?: number;
  /** Feed to show when a summary is clicked. */
  feedId?: string;
}

export interface Notifier {
  show(notification: NotificationRequest): void;
}

export interface TrayView {
  /** Total unread count and whether any feed is in an error state. */
  update(state: {
    unread: number;
    hasError: boolean;
    paused: boolean;
    tooltip: string;
    /** Open items of «Требует действия» (the menu's first line when any). */
    actions?: number;
  }): void;
}

/**
 * Where a secret is about to go. A secret is kept with the origins it was entered for and released only for a request
 * to one of them (see core/secrets/secret-origins.ts), so a changed address cannot carry a stored token elsewhere.
 */
export interface SecretUse {
  /** The origin of the request that will carry the secret, e.g. "https://api.example.ru". */
  origin: string;
  /**
   * Every origin the feed sends this secret to under its settings now. A secret stored without origins (before
   * Feedbell recorded them, or by `feedbell secret set`) is bound to these the first time it is read.
   */
  origins: readonly string[];
}

export interface SecretStore {
  /**
   * The feed's secret for a request to `use.origin`, or null when none is set. Never logged. `name` picks one of
   * several (e.g. Extern's optional "apikey" next to its token); without it, the feed's main secret. A stored secret
   * recorded for other origins is refused with a FeedError of kind 'auth' (enter it again); a FEEDBELL_SECRET_*
   * variable is the user's own and is returned for any origin.
   */
  get(feedId: string, name: string | undefined, use: SecretUse): Promise<string | null>;
}

/** Where the app and the CLI keep secrets for good: the OS keychain (or, when it is unavailable, this session's memory). */
export interface WritableSecretStore extends SecretStore {
  /** Keeps a secret with the origins it was entered for: it is released only for requests to one of them. */
  set(feedId: string, value: string, name: string | undefined, origins: readonly string[]): Promise<void>;
  /** Removes one secret; no error when it was not set. */
  delete(feedId: string, name?: string): Promise<void>;
  /** Whether a secret is set, without revealing it (what the window may learn). */
  has(feedId: string, name?: string): Promise<boolean>;
  /** Where secrets go now: the OS keychain, or memory for this session only because the keychain is unavailable. */
  readonly backend: 'keychain' | 'session';
}

/** Sends one request through the app's HTTP client (its current proxy): what sign-in helpers need of it. */
export interface HttpSender {
  send(req: HttpRequest): Promise<HttpResponse>;
}

/** A feed as far as its sign-in goes. */
export interface SignedInFeed {
  id: string;
  provider: string;
  settings: Record<string, unknown>;
}

/**
 * Signed-in feeds (a provider's sign-in capability, e.g. Kontur's OpenID Connect): a short-lived access token kept in
 * memory, obtained from a refresh token in the keychain. The poller asks it for the feed's secret instead of the store.
 */
export interface AccessTokenSource {
  /** Whether this feed signs in this way (e.g. its settings say auth: "oidc"). */
  applies(feed: SignedInFeed): boolean;
  /** A valid access token, refreshed when it is about to expire; throws FeedError('auth') when sign-in is needed. */
  accessToken(feed: SignedInFeed, signal: AbortSignal): Promise<string>;
  /**
   * The service refused the token (HTTP 401): the next accessToken() refreshes. With `rejectedToken`, only that token
   * is forgotten, so a caller holding an older one cannot throw away the one another caller has just refreshed.
   */
  invalidate(feed: SignedInFeed, rejectedToken?: string): void;
}

/** The OS keychain's state, and the user's consent to keep secrets in memory when it is unavailable. */
export interface KeychainControl {
  status(): Promise<
    { available: true } | { available: false; problem: { ru: string; en: string }; fix: { ru: string; en: string } }
  >;
  /** Probes again (the user installed or unlocked it); secrets kept in memory meanwhile move into it. */
  recheck(): ReturnType<KeychainControl['status']>;
  allowSession(): void;
  readonly sessionAllowed: boolean;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface PowerEvents {
  /** Calls `listener` when the system resumes from sleep or comes back online; returns an unsubscribe function. */
  onResume(listener: () => void): () => void;
}

export interface SettingsStore {
  getPreferences(): Preferences;
  setPreferences(prefs: Preferences): void;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type { UnreadCounts };

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export const noPowerEvents: PowerEvents = { onResume: () => () => {} };
