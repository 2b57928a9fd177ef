// The Kontur sign-in capability (Diadoc-style and Extern-style feeds with auth "oidc"): the device flow run from the
// window, and the access tokens the poller and other capabilities use. The device code and every token stay in main:
// the window gets the user code, the page to open and the outcome in words.
import type { LocalizedText } from '../../../../preload/contract.ts';
import type { CapabilityPorts } from '../capabilities/capability-ports.ts';
import type { KonturSignIn, KonturSignInCapability } from '../capabilities/kontur-sign-in.ts';
import { FeedError, type FeedConfig } from '../../model.ts';
import type { AccessTokenSource, SignedInFeed } from '../../ports.ts';
import { t } from '../form-fields.ts';
import {
  CLIENT_SECRET_NAME,
  KONTUR_IDENTITY_URLS,
  REFRESH_SECRET_NAME,
  type KonturOidcConfig,
  type KonturScopes,
} from './kontur-oidc.ts';
import { KonturTokenSource } from './kontur-token-source.ts';

/** The settings value that turns the sign-in on. */
const SIGN_IN_AUTH = 'oidc';

export interface KonturSignInOptions {
  /** The scopes the service's API needs (Diadoc's, Extern's), per Kontur environment. */
  scopes: KonturScopes;
}

/** The sign-in configuration of a feed, from its settings (the client secret is the feed's "apikey" secret). */
export function konturOidcConfig(feed: SignedInFeed, scopes: KonturScopes): KonturOidcConfig {
  const identityUrl = feed.settings['identityUrl'];
  const apiUrl = feed.settings['baseUrl'];
  return {
    scopes,
    clientId: String(feed.settings['clientId'] ?? ''),
    ...(typeof identityUrl === 'string' ? { identityUrl: identityUrl.replace(/\/+$/, '') } : {}),
    ...(typeof apiUrl === 'string' ? { apiUrl } : {}),
  };
}

/** The plain words for a finished or failed Kontur sign-in, and the error's own words when they say more. */
export function konturSignInOutcome(error: unknown): { message: LocalizedText; detail?: string } {
  if (error === null) return { message: t('Вход выполнен: лента получает события', 'Signed in: the feed is receiving events') };
  if (error instanceof FeedError) {
    switch (error.detail) {
      case 'access_denied':
        return {
          message: t(
            'Вход отклонён на странице Контура. Начните вход заново.',
            'The sign-in was declined on the Kontur page. Start it again.',
          ),
        };
      case 'expired_token':
        return {
          message: t(
            'Код истёк, пока ждали подтверждения. Начните вход заново.',
            'The code expired before it was approved. Start the sign-in again.',
          ),
        };
      case 'invalid_client':
      case 'unauthorized_client':
        return {
          message: t(
            'Контур не принял client_id или API-ключ: проверьте их в Кабинете интегратора.',
            'Kontur did not accept the client id or API key: check them in the integrator cabinet.',
          ),
        };
      default:
        break;
    }
    if (error.kind === 'network') {
      return {
        message: t(
          'Сервис входа Контура недоступен: проверьте сеть и попробуйте снова.',
          'The Kontur sign-in service is unreachable: check the network and try again.',
        ),
      };
    }
    return { message: t('Вход не удался', 'Sign-in failed'), detail: error.message };
  }
  return { message: t('Вход не удался. Попробуйте снова.', 'Sign-in failed. Try again.') };
}

const NOWHERE_TO_KEEP = t(
  'Вход негде сохранить: связка ключей не подключена (установите или разблокируйте GNOME Keyring или KWallet)',
  'Nowhere to keep the sign-in: no keychain is connected (install or unlock GNOME Keyring or KWallet)',
);
const NOT_SIGNING_IN = t('Эта лента не настроена на вход через Контур', 'This feed is not set up to sign in to Kontur');
const CANCELLED = t('Вход отменён', 'Sign-in cancelled');

/** The capability for a module whose API takes Kontur's access tokens with these scopes. */
export function konturSignIn(options: KonturSignInOptions): KonturSignInCapability {
  const signsIn = (settings: Record<string, unknown>) => settings['auth'] === SIGN_IN_AUTH;
  return {
    signsIn,
    signInUrl: (settings) => {
      const url = settings['identityUrl'];
      return typeof url === 'string' && url.trim() ? url : KONTUR_IDENTITY_URLS.production;
    },
    // The refresh token goes to the sign-in service only; the API key is the client secret there and an API key
    // for the API.
    secrets: { [REFRESH_SECRET_NAME]: 'sign-in', [CLIENT_SECRET_NAME]: 'both' },
    sessionSecret: REFRESH_SECRET_NAME,
    when: { key: 'auth', values: [SIGN_IN_AUTH] },
    open: (ports) => new RunningKonturSignIn(ports, options.scopes, signsIn),
  };
}

class RunningKonturSignIn implements KonturSignIn {
  readonly tokens: AccessTokenSource | null;
  readonly #ports: CapabilityPorts;
  readonly #scopes: KonturScopes;
  readonly #source: KonturTokenSource | null;
  readonly #signsIn: (settings: Record<string, unknown>) => boolean;
  /** Running device flows, one per feed. */
  readonly #flows = new Map<string, AbortController>();

  constructor(ports: CapabilityPorts, scopes: KonturScopes, signsIn: (settings: Record<string, unknown>) => boolean) {
    this.#ports = ports;
    this.#scopes = scopes;
    this.#signsIn = signsIn;
    // Without a writable store there is nowhere to keep a refresh token: no sign-in, and such feeds use stored secrets.
    this.#source = ports.writableSecrets
      ? new KonturTokenSource({ http: ports.http, secrets: ports.writableSecrets, clock: ports.clock, log: ports.log })
      : null;
    const source = this.#source;
    this.tokens = source
      ? {
          applies: (feed) => signsIn(feed.settings),
          accessToken: (feed, signal) => source.accessToken(feed.id, konturOidcConfig(feed, scopes), signal),
          invalidate: (feed, rejectedToken) => source.invalidate(feed.id, rejectedToken),
        }
      : null;
  }

  start(feed: FeedConfig): { done: Promise<void> } {
    const feedId = feed.id;
    const push = this.#ports.push.bind(this.#ports);
    const source = this.#source;
    if (!this.#signsIn(feed.settings)) {
      push('konturSignIn:done', { feedId, ok: false, message: NOT_SIGNING_IN });
      return { done: Promise.resolve() };
    }
    if (!source) {
      push('konturSignIn:done', { feedId, ok: false, message: NOWHERE_TO_KEEP });
      return { done: Promise.resolve() };
    }
    this.#flows.get(feedId)?.abort();
    const controller = new AbortController();
    this.#flows.set(feedId, controller);
    const done = source
      .signIn(feedId, konturOidcConfig(feed, this.#scopes), {
        signal: controller.signal,
        onCode: (prompt) =>
          push('konturSignIn:prompt', {
            feedId,
            userCode: prompt.userCode,
            verificationUri: prompt.verificationUri,
            ...(prompt.verificationUriComplete ? { verificationUriComplete: prompt.verificationUriComplete } : {}),
            expiresAt: prompt.expiresAt,
          }),
      })
      .then(
        () => {
          push('konturSignIn:done', { feedId, ok: true, ...konturSignInOutcome(null) });
          this.#ports.syncNow(feedId);
        },
        (err: unknown) => {
          if (controller.signal.aborted) {
            push('konturSignIn:done', { feedId, ok: false, message: CANCELLED });
            return;
          }
          this.#ports.log.warn('Kontur sign-in failed', {
            feedId,
            error: err instanceof FeedError ? `${err.kind} ${err.detail ?? ''}` : 'unknown',
          });
          push('konturSignIn:done', { feedId, ok: false, ...konturSignInOutcome(err) });
        },
      )
      .finally(() => {
        if (this.#flows.get(feedId) === controller) this.#flows.delete(feedId);
      });
    return { done };
  }

  cancel(feedId: string): void {
    this.#flows.get(feedId)?.abort();
  }

  async signOut(feedId: string): Promise<void> {
    this.#flows.get(feedId)?.abort();
    await this.#source?.signOut(feedId);
  }

  close(): void {
    for (const controller of this.#flows.values()) controller.abort();
    this.#flows.clear();
  }
}
