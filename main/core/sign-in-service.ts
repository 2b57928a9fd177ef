// Signing in from the window: the Kontur device flow for Diadoc and Extern feeds with auth "oidc".
// The device code and every token stay in main: the window gets the user code, the page to open and
// the outcome in words. Handlers (main/ipc) call this; it pushes `auth:konturPrompt` and `auth:konturDone`.
import { randomUUID } from 'node:crypto';
import type { EvotorEventSettingsInfo, EvotorPersonalTokenInfo, EvotorSignInResult, EvotorStepResult, SecretStatus } from '../../preload/contract.ts';
import * as evotor from './auth/evotor-token-assistant.ts';
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

/** How long the Evotor portal's OAuth token is kept in memory for the assistant. */
const EVOTOR_SESSION_MS = 15 * 60_000;
const DEFAULT_EVOTOR_API = 'https://api.evotor.ru';

interface EvotorSession {
  oauthToken: string;
  portalUrl: string;
  feedId: string;
  timer: ReturnType<typeof setTimeout>;
}

function failure(err: unknown, language: 'ru' | 'en'): { ok: false; message: string } {
  if (err instanceof FeedError) return { ok: false, message: err.hint ? `${err.message}. ${err.hint}` : err.message };
  return { ok: false, message: language === 'ru' ? 'Портал разработчиков Эвотор не ответил. Попробуйте снова.' : 'The Evotor developer portal did not answer. Try again.' };
}

export class SignInService {
  readonly #core: FeedbellCore;
  readonly #log: Logger;
  /** Running device flows, one per feed. */
  readonly #flows = new Map<string, AbortController>();
  /** Evotor assistant sessions: the portal OAuth token, in memory only, under a random id. */
  readonly #evotor = new Map<string, EvotorSession>();

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

  // ---- the Evotor token assistant ----

  /**
   * Signs in to the developer portal for an Evotor feed. The portal is dev.evotor.ru, or the feed's own API address
   * when that is not the default (a test stand or a mock serves both).
   */
  async evotorSignIn(input: { feedId: string; login: string; password: string; twoFactorCode?: string }): Promise<EvotorSignInResult> {
    const feed = this.#core.feedConfigs().find((f) => f.id === input.feedId && f.provider === 'evotor');
    if (!feed) return { ok: false, message: this.#say('Сначала сохраните ленту Эвотора', 'Save the Evotor feed first') };
    const base = typeof feed.settings['baseUrl'] === 'string' ? feed.settings['baseUrl'].replace(/\/+$/, '') : DEFAULT_EVOTOR_API;
    const portalUrl = base === DEFAULT_EVOTOR_API ? evotor.EVOTOR_PORTAL_URL : base;
    try {
      const result = await evotor.signIn(
        this.#http(),
        { baseUrl: portalUrl, login: input.login, password: input.password, ...(input.twoFactorCode ? { twoFactorCode: input.twoFactorCode } : {}) },
        AbortSignal.timeout(60_000),
      );
      if (result.kind === 'needs-2fa') return { ok: false, needs2fa: true, message: result.message };
      const sessionId = randomUUID();
      const ttl = Math.min(EVOTOR_SESSION_MS, result.expiresAt ? Math.max(0, result.expiresAt - Date.now()) : EVOTOR_SESSION_MS);
      const timer = setTimeout(() => this.#evotor.delete(sessionId), ttl);
      timer.unref?.();
      this.#evotor.set(sessionId, { oauthToken: result.oauthToken, portalUrl, feedId: feed.id, timer });
      return { ok: true, sessionId };
    } catch (err) {
      this.#log.warn('Evotor portal sign-in failed', { feedId: feed.id, error: err instanceof FeedError ? err.kind : 'unknown' });
      return failure(err, this.#language());
    }
  }

  async evotorListTokens(sessionId: string): Promise<EvotorStepResult<EvotorPersonalTokenInfo[]>> {
    return this.#withSession(sessionId, async (session, options) => {
      const tokens = await evotor.listPersonalTokens(this.#http(), session.oauthToken, options);
      return tokens.map((t) => ({ id: t.id, name: t.name, scopes: t.scopes, canReadEvents: t.canReadEvents }));
    });
  }

  /** Adds event:read to the chosen token and keeps the NEW publisher token as the feed's secret; it never leaves main. */
  async evotorUseToken(sessionId: string, tokenId: string): Promise<EvotorStepResult<SecretStatus>> {
    return this.#withSession(sessionId, async (session, options) => {
      const tokens = await evotor.listPersonalTokens(this.#http(), session.oauthToken, options);
      const chosen = tokens.find((t) => t.id === tokenId);
      if (!chosen) throw new FeedError('config', this.#say('Токен не найден', 'Token not found'), { hint: this.#say('Обновите список и выберите снова', 'Refresh the list and choose again') });
      const result = await evotor.addEventReadScope(this.#http(), session.oauthToken, chosen.id, chosen.scopes, options);
      return this.#core.setSecret(session.feedId, result.publisherToken);
    });
  }

  async evotorGetEventSettings(sessionId: string, appId: string, versionId: string): Promise<EvotorStepResult<EvotorEventSettingsInfo | null>> {
    return this.#withSession(sessionId, async (session, options) => {
      const settings = await evotor.getEventSettings(this.#http(), session.oauthToken, appId, versionId, options);
      return settings ? { active: settings.active, events: settings.events } : null;
    });
  }

  async evotorSetEventSettings(sessionId: string, appId: string, versionId: string, input: EvotorEventSettingsInfo): Promise<EvotorStepResult<EvotorEventSettingsInfo>> {
    return this.#withSession(sessionId, async (session, options) => {
      const settings = await evotor.setEventSettings(this.#http(), session.oauthToken, appId, versionId, input, options);
      return { active: settings.active, events: settings.events };
    });
  }

  async #withSession<T>(sessionId: string, step: (session: EvotorSession, options: evotor.PortalOptions) => Promise<T>): Promise<EvotorStepResult<T>> {
    const session = this.#evotor.get(sessionId);
    if (!session) return { ok: false, expired: true, message: this.#say('Вход на портал истёк: войдите заново', 'The portal sign-in has expired: sign in again') };
    try {
      return { ok: true, value: await step(session, { baseUrl: session.portalUrl, signal: AbortSignal.timeout(60_000) }) };
    } catch (err) {
      this.#log.warn('Evotor assistant step failed', { feedId: session.feedId, error: err instanceof FeedError ? err.kind : 'unknown' });
      if (err instanceof FeedError && err.kind === 'auth') {
        clearTimeout(session.timer);
        this.#evotor.delete(sessionId);
        return { ...failure(err, this.#language()), expired: true };
      }
      return failure(err, this.#language());
    }
  }

  #http(): evotor.PortalHttp {
    return { send: (req) => this.#core.send(req) };
  }

  #say(ru: string, en: string): string {
    return this.#language() === 'ru' ? ru : en;
  }

  /** Stops every running flow and forgets every portal session (the app is quitting). */
  close(): void {
    for (const controller of this.#flows.values()) controller.abort();
    this.#flows.clear();
    for (const session of this.#evotor.values()) clearTimeout(session.timer);
    this.#evotor.clear();
  }
}
