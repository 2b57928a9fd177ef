// Kontur.Extern event sharing from the window: grant sharing for an account (as its administrator), list the
// event publishers, unsubscribe one. Each call uses the feed's own settings (baseUrl, auth) and credentials: the
// Kontur sign-in's access token for auth "oidc" (renewed once on a 401), else the stored token or auth.sid; the
// "apikey" extra secret when set. The window gets the outcome in words and the publishers, never a secret.
import type { ExternPublisherInfo, ExternSharingResult } from '../../preload/contract.ts';
import { isKonturSignedInFeed, konturOidcConfig } from './auth/kontur-access-tokens.ts';
import type { FeedbellCore } from './feedbell-core.ts';
import { listEventPublishers, shareEvents, unsubscribePublisher, type ExternConnection, type ExternHttp } from './feeds/extern/extern-sharing.ts';
import { FeedError, type FeedConfig } from './model.ts';
import type { Logger, SecretStore } from './ports.ts';
import { secretUse } from './secrets/secret-origins.ts';
import { silentLogger } from './ports.ts';

export interface ExternSharingServiceOptions {
  /** Where the feed's token (auth "bearer"/"sid") and api key are read; without it only signed-in feeds work. */
  secrets?: SecretStore | null;
  log?: Logger;
  /** Per call; default 60 s. */
  timeoutMs?: number;
}

const API_KEY = 'apikey';

export class ExternSharingService {
  readonly #core: FeedbellCore;
  readonly #secrets: SecretStore | null;
  readonly #log: Logger;
  readonly #timeoutMs: number;

  constructor(core: FeedbellCore, options: ExternSharingServiceOptions = {}) {
    this.#core = core;
    this.#secrets = options.secrets ?? null;
    this.#log = options.log ?? silentLogger;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Lets `subscriber` (the integration's client_id issued by Kontur) read the account's docflow events. */
  share(feedId: string, accountId: string, subscriber: string): Promise<ExternSharingResult<null>> {
    return this.#run(feedId, 'share', async (http, conn, signal) => {
      await shareEvents(http, conn, accountId, { subscriber }, signal);
      return { value: null, message: this.#say('Доступ к событиям открыт', 'Event sharing granted') };
    });
  }

  publishers(feedId: string): Promise<ExternSharingResult<ExternPublisherInfo[]>> {
    return this.#run(feedId, 'publishers', async (http, conn, signal) => {
      const list = await listEventPublishers(http, conn, signal);
      const value = list.map((p) => ({ id: p.id, name: p.name, accountId: p.accountId, subscriber: p.subscriber }));
      const message =
        value.length === 0
          ? this.#say('Никто пока не открыл доступ к своим событиям', 'No account shares its events yet')
          : this.#say(`Источников событий: ${value.length}`, `Event publishers: ${value.length}`);
      return { value, message };
    });
  }

  unsubscribe(feedId: string, publisherId: string): Promise<ExternSharingResult<null>> {
    return this.#run(feedId, 'unsubscribe', async (http, conn, signal) => {
      await unsubscribePublisher(http, conn, publisherId, signal);
      return { value: null, message: this.#say('Подписка отменена', 'Unsubscribed') };
    });
  }

  async #run<T>(
    feedId: string,
    step: string,
    call: (http: ExternHttp, conn: ExternConnection, signal: AbortSignal) => Promise<{ value: T; message: string }>,
  ): Promise<ExternSharingResult<T>> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const http: ExternHttp = { send: (req) => this.#core.send(req) };
    try {
      const feed = this.#core.feedConfigs().find((f) => f.id === feedId && f.provider === 'extern');
      if (!feed) throw new FeedError('config', this.#say('Сначала сохраните ленту Контур.Экстерна', 'Save the Kontur.Extern feed first'));
      const conn = await this.#connection(feed, signal);
      try {
        return { ok: true, ...(await call(http, conn, signal)) };
      } catch (err) {
        // A signed-in feed's access token may have been revoked early: renew it once and try again.
        if (!(err instanceof FeedError) || err.kind !== 'auth' || !isKonturSignedInFeed(feed) || !this.#core.kontur) throw err;
        this.#core.kontur.invalidate(feed.id, conn.secret);
        return { ok: true, ...(await call(http, await this.#connection(feed, signal), signal)) };
      }
    } catch (err) {
      this.#log.warn('Extern sharing step failed', { feedId, step, error: err instanceof FeedError ? err.kind : 'unknown' });
      return { ok: false, message: this.#words(err) };
    }
  }

  async #connection(feed: FeedConfig, signal: AbortSignal): Promise<ExternConnection> {
    const settings = feed.settings;
    const baseUrl = typeof settings['baseUrl'] === 'string' && settings['baseUrl'].trim() ? settings['baseUrl'] : undefined;
    // Stored secrets go only to the origins they were entered for (an 'auth' error otherwise).
    const apiKey = (await this.#secrets?.get(feed.id, API_KEY, secretUse(feed, API_KEY, 'api'))) ?? null;
    if (isKonturSignedInFeed(feed)) {
      const kontur = this.#core.kontur;
      if (!kontur) {
        throw new FeedError('auth', this.#say('Вход через Контур негде хранить: связка ключей не подключена', 'Nowhere to keep the Kontur sign-in: no keychain is connected'), {
          hint: this.#say('Установите или разблокируйте GNOME Keyring или KWallet', 'Install or unlock GNOME Keyring or KWallet'),
        });
      }
      const secret = await kontur.accessToken(feed.id, konturOidcConfig(feed), signal);
      return { ...(baseUrl ? { baseUrl } : {}), auth: 'bearer', secret, apiKey };
    }
    if (!this.#secrets) {
      throw new FeedError('config', this.#say('Токен этой ленты недоступен здесь', 'This feed’s token is not available here'), {
        hint: this.#say('Войдите через Контур в настройках ленты', 'Sign in to Kontur in the feed settings'),
      });
    }
    const secret = (await this.#secrets.get(feed.id, undefined, secretUse(feed, undefined, 'api'))) ?? '';
    return { ...(baseUrl ? { baseUrl } : {}), auth: settings['auth'] === 'sid' ? 'sid' : 'bearer', secret, apiKey };
  }

  #words(err: unknown): string {
    if (err instanceof FeedError) {
      if (err.kind === 'network') {
        return this.#say('Контур.Экстерн недоступен: проверьте сеть и попробуйте снова', 'Kontur.Extern is unreachable: check the network and try again');
      }
      return err.hint ? `${err.message}. ${err.hint}` : err.message;
    }
    if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      return this.#say('Контур.Экстерн не ответил вовремя. Попробуйте снова', 'Kontur.Extern did not answer in time. Try again');
    }
    return this.#say('Контур.Экстерн не ответил. Попробуйте снова', 'Kontur.Extern did not answer. Try again');
  }

  #say(ru: string, en: string): string {
    return this.#core.preferences().language === 'ru' ? ru : en;
  }
}
