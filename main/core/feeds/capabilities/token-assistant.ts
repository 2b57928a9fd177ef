// The token assistant capability: the user signs in to the provider's developer portal in the window, picks a
// personal token, and main gives it the read-events scope and keeps it as the feed's secret (it never reaches the
// window); it also shows and edits an app version's event settings. Its requests are the tokenAssistant:* channels.
import type {
  AppEventSettingsInfo,
  LocalizedText,
  PersonalTokenInfo,
  SecretStatus,
  TokenAssistantSignInResult,
  TokenAssistantStepResult,
} from '../../../../preload/contract.ts';
import type { FeedConfig } from '../../model.ts';
import type { CapabilityPorts, HandlerSet } from './capability-ports.ts';
import type { CapabilityRouter } from './capability-router.ts';

export interface TokenAssistantCapability {
  /** The settings field that holds the app id (the window fills the event-settings step with it). */
  readonly appIdField: string;
  /** The event types a version's settings can switch on, with words for the window. */
  readonly eventTypes: readonly { id: string; label: LocalizedText }[];
  open(ports: CapabilityPorts): TokenAssistant;
}

export interface PortalSignIn {
  login: string;
  password: string;
  twoFactorCode?: string;
}

/** A running assistant: portal sessions live in memory only, each bound to the feed it was opened for. */
export interface TokenAssistant {
  signIn(feed: FeedConfig, input: PortalSignIn): Promise<TokenAssistantSignInResult>;
  listTokens(feed: FeedConfig, sessionId: string): Promise<TokenAssistantStepResult<PersonalTokenInfo[]>>;
  useToken(feed: FeedConfig, sessionId: string, tokenId: string): Promise<TokenAssistantStepResult<SecretStatus>>;
  getEventSettings(
    feed: FeedConfig,
    sessionId: string,
    appId: string,
    versionId: string,
  ): Promise<TokenAssistantStepResult<AppEventSettingsInfo | null>>;
  setEventSettings(
    feed: FeedConfig,
    sessionId: string,
    appId: string,
    versionId: string,
    settings: AppEventSettingsInfo,
  ): Promise<TokenAssistantStepResult<AppEventSettingsInfo>>;
  /** Forgets every portal session (the app is quitting). */
  close(): void;
}

export type TokenAssistantChannel =
  | 'tokenAssistant:signIn'
  | 'tokenAssistant:listTokens'
  | 'tokenAssistant:useToken'
  | 'tokenAssistant:getEventSettings'
  | 'tokenAssistant:setEventSettings';

export function tokenAssistantHandlers(router: CapabilityRouter): HandlerSet<TokenAssistantChannel> {
  const use = (feedId: string) => router.use(feedId, 'tokenAssistant');
  return {
    'tokenAssistant:signIn': ({ feedId, ...input }) => {
      const { feed, instance } = use(feedId);
      return instance.signIn(feed, input);
    },
    'tokenAssistant:listTokens': (feedId, sessionId) => {
      const { feed, instance } = use(feedId);
      return instance.listTokens(feed, sessionId);
    },
    'tokenAssistant:useToken': (feedId, sessionId, tokenId) => {
      const { feed, instance } = use(feedId);
      return instance.useToken(feed, sessionId, tokenId);
    },
    'tokenAssistant:getEventSettings': (feedId, sessionId, appId, versionId) => {
      const { feed, instance } = use(feedId);
      return instance.getEventSettings(feed, sessionId, appId, versionId);
    },
    'tokenAssistant:setEventSettings': (feedId, sessionId, appId, versionId, settings) => {
      const { feed, instance } = use(feedId);
      return instance.setEventSettings(feed, sessionId, appId, versionId, settings);
    },
  };
}
