// The Evotor token assistant capability: the window signs in to the developer portal for a saved Evotor feed, picks a
// personal token, and main adds event:read to it and keeps the new value as the feed's secret. The portal's OAuth
// token lives here in memory (15 minutes at most), under a random session id bound to the feed; nothing goes back to
// the window but names, scopes and outcomes.
import { randomUUID } from 'node:crypto';
import type { LocalizedText, StepFailure, TokenAssistantStepResult } from '../../../../preload/contract.ts';
import type { CapabilityPorts } from '../capabilities/capability-ports.ts';
import { stepFailure } from '../capabilities/step-failure.ts';
import type { PortalSignIn, TokenAssistant, TokenAssistantCapability } from '../capabilities/token-assistant.ts';
import { FeedError, type FeedConfig } from '../../model.ts';
import { t } from '../form-fields.ts';
import * as portal from './evotor-portal.ts';
import { EVOTOR_DEFAULT_BASE_URL } from './evotor-schema.ts';

/** How long the portal's OAuth token is kept in memory for the assistant. */
const SESSION_MS = 15 * 60_000;

interface PortalSession {
  oauthToken: string;
  portalUrl: string;
  feedId: string;
  timer: ReturnType<typeof setTimeout>;
}

const NEEDS_CODE = t(
  'Нужен код подтверждения: введите код из SMS или приложения-аутентификатора',
  'A confirmation code is needed: enter the code from the SMS or the authenticator app',
);
const SESSION_EXPIRED = t('Вход на портал истёк: войдите заново', 'The portal sign-in has expired: sign in again');
const TOKEN_NOT_FOUND = t(
  'Токен не найден: обновите список и выберите снова',
  'Token not found: refresh the list and choose again',
);

/** A step that stops with words of its own (not a portal error). */
class StepRefused extends Error {
  readonly text: LocalizedText;
  constructor(text: LocalizedText) {
    super(text.en);
    this.text = text;
    this.name = 'StepRefused';
  }
}

const FAILURE_LEADS = {
  auth: t('Портал разработчиков Эвотор не принял вход', 'The Evotor developer portal did not accept the sign-in'),
  forbidden: t('Портал разработчиков Эвотор отказал в доступе', 'The Evotor developer portal refused access'),
  config: t('Портал разработчиков Эвотор не принял запрос', 'The Evotor developer portal did not accept the request'),
  network: t(
    'Портал разработчиков Эвотор недоступен: проверьте сеть',
    'The Evotor developer portal is unreachable: check the network',
  ),
};

/** A failed step in words: what kind of failure, and the portal's (or the check's) own words underneath. */
function failure(err: unknown): StepFailure {
  if (!(err instanceof FeedError)) {
    return {
      ok: false,
      message: t(
        'Портал разработчиков Эвотор не ответил. Попробуйте снова.',
        'The Evotor developer portal did not answer. Try again.',
      ),
    };
  }
  return stepFailure(
    err,
    FAILURE_LEADS,
    t('Портал разработчиков Эвотор ответил ошибкой', 'The Evotor developer portal answered with an error'),
  );
}

export const evotorTokenAssistant: TokenAssistantCapability = {
  appIdField: 'appId',
  // The types a version's event settings can switch on (seed 001).
  eventTypes: [
    { id: 'product', label: t('Товары', 'Products') },
    { id: 'product-group', label: t('Группы товаров', 'Product groups') },
    { id: 'document', label: t('Документы (чеки, смены, приёмка)', 'Documents (receipts, sessions, acceptance)') },
    { id: 'marketplace.purchase', label: t('Покупки, подписки и установки', 'Purchases, subscriptions and installs') },
  ],
  open: (ports) => new EvotorTokenAssistant(ports),
};

class EvotorTokenAssistant implements TokenAssistant {
  readonly #ports: CapabilityPorts;
  readonly #sessions = new Map<string, PortalSession>();

  constructor(ports: CapabilityPorts) {
    this.#ports = ports;
  }

  /**
   * Signs in to the developer portal for the feed. The portal is dev.evotor.ru, or the feed's own API address when
   * that is not the default (a test stand or a mock serves both).
   */
  async signIn(feed: FeedConfig, input: PortalSignIn) {
    const base =
      typeof feed.settings['baseUrl'] === 'string' ? feed.settings['baseUrl'].replace(/\/+$/, '') : EVOTOR_DEFAULT_BASE_URL;
    const portalUrl = base === EVOTOR_DEFAULT_BASE_URL ? portal.EVOTOR_PORTAL_URL : base;
    try {
      const result = await portal.signIn(
        this.#ports.http,
        {
          baseUrl: portalUrl,
          login: input.login,
          password: input.password,
          ...(input.twoFactorCode ? { twoFactorCode: input.twoFactorCode } : {}),
        },
        AbortSignal.timeout(60_000),
      );
      if (result.kind === 'needs-2fa') return { ok: false as const, needs2fa: true, message: NEEDS_CODE };
      const sessionId = randomUUID();
      const now = this.#ports.clock.now();
      const ttl = Math.min(SESSION_MS, result.expiresAt ? Math.max(0, result.expiresAt - now) : SESSION_MS);
      const timer = setTimeout(() => this.#sessions.delete(sessionId), ttl);
      timer.unref?.();
      this.#sessions.set(sessionId, { oauthToken: result.oauthToken, portalUrl, feedId: feed.id, timer });
      return { ok: true as const, sessionId };
    } catch (err) {
      this.#ports.log.warn('Evotor portal sign-in failed', {
        feedId: feed.id,
        error: err instanceof FeedError ? err.kind : 'unknown',
      });
      return failure(err);
    }
  }

  listTokens(feed: FeedConfig, sessionId: string) {
    return this.#step(feed, sessionId, async (session, options) => {
      const tokens = await portal.listPersonalTokens(this.#ports.http, session.oauthToken, options);
      return tokens.map((token) => ({
        id: token.id,
        name: token.name,
        scopes: token.scopes,
        canReadEvents: token.canReadEvents,
      }));
    });
  }

  /** Adds event:read to the chosen token and keeps the NEW publisher token as the feed's secret; it never leaves main. */
  useToken(feed: FeedConfig, sessionId: string, tokenId: string) {
    return this.#step(feed, sessionId, async (session, options) => {
      const tokens = await portal.listPersonalTokens(this.#ports.http, session.oauthToken, options);
      const chosen = tokens.find((token) => token.id === tokenId);
      if (!chosen) throw new StepRefused(TOKEN_NOT_FOUND);
      const result = await portal.addEventReadScope(this.#ports.http, session.oauthToken, chosen.id, chosen.scopes, options);
      return this.#ports.setMainSecret(session.feedId, result.publisherToken);
    });
  }

  getEventSettings(feed: FeedConfig, sessionId: string, appId: string, versionId: string) {
    return this.#step(feed, sessionId, async (session, options) => {
      const settings = await portal.getEventSettings(this.#ports.http, session.oauthToken, appId, versionId, options);
      return settings ? { active: settings.active, events: settings.events } : null;
    });
  }

  setEventSettings(
    feed: FeedConfig,
    sessionId: string,
    appId: string,
    versionId: string,
    input: { active: boolean; events: string[] },
  ) {
    return this.#step(feed, sessionId, async (session, options) => {
      const settings = await portal.setEventSettings(this.#ports.http, session.oauthToken, appId, versionId, input, options);
      return { active: settings.active, events: settings.events };
    });
  }

  /** One step with the feed's portal session; an unknown, expired or another feed's session asks to sign in again. */
  async #step<T>(
    feed: FeedConfig,
    sessionId: string,
    step: (session: PortalSession, options: portal.PortalOptions) => Promise<T>,
  ): Promise<TokenAssistantStepResult<T>> {
    const session = this.#sessions.get(sessionId);
    if (!session || session.feedId !== feed.id) return { ok: false, expired: true, message: SESSION_EXPIRED };
    try {
      return { ok: true, value: await step(session, { baseUrl: session.portalUrl, signal: AbortSignal.timeout(60_000) }) };
    } catch (err) {
      if (err instanceof StepRefused) return { ok: false, message: err.text };
      this.#ports.log.warn('Evotor assistant step failed', {
        feedId: session.feedId,
        error: err instanceof FeedError ? err.kind : 'unknown',
      });
      if (err instanceof FeedError && err.kind === 'auth') {
        clearTimeout(session.timer);
        this.#sessions.delete(sessionId);
        return { ...failure(err), expired: true };
      }
      return failure(err);
    }
  }

  close(): void {
    for (const session of this.#sessions.values()) clearTimeout(session.timer);
    this.#sessions.clear();
  }
}
