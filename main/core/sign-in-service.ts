// Signing in from the window: the Kontur device flow for Diadoc and Extern feeds with auth "oidc".
// The device code and every token stay in main: the window gets the user code, the page to open and
// the outcome in words. Handlers (main/ipc) call this; it pushes `auth:konturPrompt` and `auth:konturDone`.
import { isKonturSignedInFeed, konturOidcConfig } from './auth/kontur-access-tokens.ts';
import type { FeedbellCore } from './feedbell-core.ts';
import { FeedError } from './model.ts';
import type { Logger } from './ports.ts';
import { silentLogger } from './ports.ts';

export interface SignInServiceOptions {
  log?: Logger;
}

/** The plain words for a finished or failed Kontur sign-in, in the window's language. */
export function konturSignInMessage(error: unknown, language: 'ru' | 'en'): string {
  const say = (ru: string, en: string) => (language === 'ru' ? ru : en);
  if (error === null) return say('Вход выполнен: лента получает события', 'Signed in: the feed is receiving events');
  if (error instanceof FeedError) {
    switch (error.detail) {
      case 'access_denied':
        return say('Вход отклонён на странице Контура. Начните вход заново.', 'The sign-in was declined on the Kontur page. Start it again.');
      case 'expired_token':
        return say('Код истёк, пока ждали подтверждения. Начните вход заново.', 'The code expired before it was approved. Start the sign-in again.');
      case 'invalid_client':
      case 'unauthorized_client':
        return say(
          'Контур не принял client_id или API-ключ: проверьте их в Кабинете интегратора.',
          'Kontur did not accept the client id or API key: check them in the integrator cabinet.',
        );
      default:
        break;
    }
    if (error.kind === 'network') return say('Сервис входа Контура недоступен: проверьте сеть и попробуйте снова.', 'The Kontur sign-in service is unreachable: check the network and try again.');
    return say(`Вход не удался: ${error.message}`, `Sign-in failed: ${error.message}`);
  }
  return say('Вход не удался. Попробуйте снова.', 'Sign-in failed. Try again.');
}

export class SignInService {
  readonly #core: FeedbellCore;
  readonly #log: Logger;
  /** Running device flows, one per feed. */
  readonly #flows = new Map<string, AbortController>();

  constructor(core: FeedbellCore, options: SignInServiceOptions = {}) {
    this.#core = core;
    this.#log = options.log ?? silentLogger;
  }

  #language(): 'ru' | 'en' {
    return this.#core.preferences().language;
  }

  /**
   * Starts the device flow for a feed and returns at once; the code arrives as `auth:konturPrompt`, the end as
   * `auth:konturDone`. A flow already running for the feed is replaced. Returns the finished flow (for tests).
   */
  konturStart(feedId: string): { done: Promise<void> } {
    const feed = this.#core.feedConfigs().find((f) => f.id === feedId);
    const kontur = this.#core.kontur;
    const say = (ru: string, en: string) => (this.#language() === 'ru' ? ru : en);
    if (!feed || !isKonturSignedInFeed(feed)) {
      const message = say('Эта лента не настроена на вход через Контур', 'This feed is not set up to sign in to Kontur');
      this.#core.push('auth:konturDone', { feedId, ok: false, message });
      return { done: Promise.resolve() };
    }
    if (!kontur) {
      const message = say(
        'Вход негде сохранить: связка ключей не подключена (установите или разблокируйте GNOME Keyring или KWallet)',
        'Nowhere to keep the sign-in: no keychain is connected (install or unlock GNOME Keyring or KWallet)',
      );
      this.#core.push('auth:konturDone', { feedId, ok: false, message });
      return { done: Promise.resolve() };
    }
    this.#flows.get(feedId)?.abort();
    const controller = new AbortController();
    this.#flows.set(feedId, controller);
    const done = kontur
      .signIn(feedId, konturOidcConfig(feed), {
        signal: controller.signal,
        onCode: (prompt) =>
          this.#core.push('auth:konturPrompt', {
            feedId,
            userCode: prompt.userCode,
            verificationUri: prompt.verificationUri,
            ...(prompt.verificationUriComplete ? { verificationUriComplete: prompt.verificationUriComplete } : {}),
            expiresAt: prompt.expiresAt,
          }),
      })
      .then(
        () => {
          this.#core.push('auth:konturDone', { feedId, ok: true, message: konturSignInMessage(null, this.#language()) });
          this.#core.syncNow(feedId);
        },
        (err: unknown) => {
          if (controller.signal.aborted) {
            this.#core.push('auth:konturDone', { feedId, ok: false, message: say('Вход отменён', 'Sign-in cancelled') });
            return;
          }
          this.#log.warn('Kontur sign-in failed', { feedId, error: err instanceof FeedError ? `${err.kind} ${err.detail ?? ''}` : 'unknown' });
          this.#core.push('auth:konturDone', { feedId, ok: false, message: konturSignInMessage(err, this.#language()) });
        },
      )
      .finally(() => {
        if (this.#flows.get(feedId) === controller) this.#flows.delete(feedId);
      });
    return { done };
  }

  konturCancel(feedId: string): void {
    this.#flows.get(feedId)?.abort();
  }

  async konturSignOut(feedId: string): Promise<void> {
    this.#flows.get(feedId)?.abort();
    await this.#core.kontur?.signOut(feedId);
  }

  /** Stops every running flow (the app is quitting). */
  close(): void {
    for (const controller of this.#flows.values()) controller.abort();
    this.#flows.clear();
  }
}
