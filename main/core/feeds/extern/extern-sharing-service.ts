// The Kontur.Extern event-sharing capability: grant sharing for an account (as its administrator), list the event
// publishers, unsubscribe one. Each call uses the feed's own settings (baseUrl, auth) and credentials: the access
// token of its sign-in for auth "oidc" (renewed once on a 401), else the stored token or auth.sid; the "apikey"
// extra secret when set. The window gets the outcome in words and the publishers, never a secret.
import type { LocalizedText, PublisherInfo, SharingResult, StepFailure } from '../../../../preload/contract.ts';
import type { CapabilityPorts } from '../capabilities/capability-ports.ts';
import { stepFailure } from '../capabilities/step-failure.ts';
import type { Sharing, SharingCapability } from '../capabilities/sharing.ts';
import { FeedError, type FeedConfig } from '../../model.ts';
import { t } from '../form-fields.ts';
import { listEventPublishers, shareEvents, unsubscribePublisher, type ExternConnection } from './extern-sharing.ts';

const API_KEY = 'apikey';
/** Per call. */
const DEFAULT_TIMEOUT_MS = 60_000;

export interface ExternSharingOptions {
  /** Per call; default 60 s. */
  timeoutMs?: number;
}

export function externSharing(options: ExternSharingOptions = {}): SharingCapability {
  return {
    subscriberField: 'clientId',
    open: (ports) => new ExternSharing(ports, options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
}

const UNREACHABLE = t(
  'Контур.Экстерн недоступен: проверьте сеть и попробуйте снова',
  'Kontur.Extern is unreachable: check the network and try again',
);

/** What went wrong in words, and the service's (or the check's) own words underneath. */
const FAILURE_LEADS = {
  auth: t('Контур.Экстерн не принял вход', 'Kontur.Extern did not accept the sign-in'),
  forbidden: t('Контур.Экстерн отказал в доступе', 'Kontur.Extern refused access'),
  config: t('Контур.Экстерн не принял запрос', 'Kontur.Extern did not accept the request'),
};

function failure(err: unknown): StepFailure {
  if (err instanceof FeedError) {
    if (err.kind === 'network') return { ok: false, message: UNREACHABLE };
    return stepFailure(err, FAILURE_LEADS, t('Контур.Экстерн ответил ошибкой', 'Kontur.Extern answered with an error'));
  }
  if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return {
      ok: false,
      message: t('Контур.Экстерн не ответил вовремя. Попробуйте снова', 'Kontur.Extern did not answer in time. Try again'),
    };
  }
  return { ok: false, message: t('Контур.Экстерн не ответил. Попробуйте снова', 'Kontur.Extern did not answer. Try again') };
}

class ExternSharing implements Sharing {
  readonly #ports: CapabilityPorts;
  readonly #timeoutMs: number;

  constructor(ports: CapabilityPorts, timeoutMs: number) {
    this.#ports = ports;
    this.#timeoutMs = timeoutMs;
  }

  /** Lets `subscriber` (the integration's client_id issued by Kontur) read the account's docflow events. */
  share(feed: FeedConfig, accountId: string, subscriber: string): Promise<SharingResult<null>> {
    return this.#run(feed, 'share', async (conn, signal) => {
      await shareEvents(this.#ports.http, conn, accountId, { subscriber }, signal);
      return { value: null, message: t('Доступ к событиям открыт', 'Event sharing granted') };
    });
  }

  publishers(feed: FeedConfig): Promise<SharingResult<PublisherInfo[]>> {
    return this.#run(feed, 'publishers', async (conn, signal) => {
      const list = await listEventPublishers(this.#ports.http, conn, signal);
      const value = list.map((p) => ({ id: p.id, name: p.name, accountId: p.accountId, subscriber: p.subscriber }));
      const message =
        value.length === 0
          ? t('Никто пока не открыл доступ к своим событиям', 'No account shares its events yet')
          : t(`Источников событий: ${value.length}`, `Event publishers: ${value.length}`);
      return { value, message };
    });
  }

  unsubscribe(feed: FeedConfig, publisherId: string): Promise<SharingResult<null>> {
    return this.#run(feed, 'unsubscribe', async (conn, signal) => {
      await unsubscribePublisher(this.#ports.http, conn, publisherId, signal);
      return { value: null, message: t('Подписка отменена', 'Unsubscribed') };
    });
  }

  async #run<T>(
    feed: FeedConfig,
    step: string,
    call: (conn: ExternConnection, signal: AbortSignal) => Promise<{ value: T; message: LocalizedText }>,
  ): Promise<SharingResult<T>> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const tokens = this.#ports.accessTokens;
    try {
      const conn = await this.#connection(feed, signal);
      try {
        return { ok: true, ...(await call(conn, signal)) };
      } catch (err) {
        // A signed-in feed's access token may have been revoked early: renew it once and try again.
        if (!(err instanceof FeedError) || err.kind !== 'auth' || !tokens.applies(feed)) throw err;
        tokens.invalidate(feed, conn.secret);
        return { ok: true, ...(await call(await this.#connection(feed, signal), signal)) };
      }
    } catch (err) {
      this.#ports.log.warn('Extern sharing step failed', {
        feedId: feed.id,
        step,
        error: err instanceof FeedError ? err.kind : 'unknown',
      });
      return failure(err);
    }
  }

  async #connection(feed: FeedConfig, signal: AbortSignal): Promise<ExternConnection> {
    const settings = feed.settings;
    const baseUrl = typeof settings['baseUrl'] === 'string' && settings['baseUrl'].trim() ? settings['baseUrl'] : undefined;
    // Stored secrets go only to the origins they were entered for (an 'auth' error otherwise).
    const apiKey = await this.#ports.apiSecret(feed, API_KEY);
    const tokens = this.#ports.accessTokens;
    if (tokens.applies(feed)) {
      const secret = await tokens.accessToken(feed, signal);
      return { ...(baseUrl ? { baseUrl } : {}), auth: 'bearer', secret, apiKey };
    }
    if (settings['auth'] === 'oidc') {
      throw new FeedError('auth', 'Вход через Контур негде хранить: связка ключей не подключена', {
        hint: 'Установите или разблокируйте GNOME Keyring или KWallet',
      });
    }
    const secret = (await this.#ports.apiSecret(feed)) ?? '';
    return { ...(baseUrl ? { baseUrl } : {}), auth: settings['auth'] === 'sid' ? 'sid' : 'bearer', secret, apiKey };
  }
}
