// Adapts KonturTokenSource to the poller's AccessTokenSource port: Diadoc and Extern feeds whose settings say
// auth "oidc" get their access token from the Kontur sign-in instead of a stored secret.
import type { AccessTokenSource } from '../ports.ts';
import type { KonturOidcConfig } from './kontur-oidc.ts';
import type { KonturTokenSource } from './kontur-token-source.ts';

interface FeedLike {
  id: string;
  provider: string;
  settings: Record<string, unknown>;
}

const SIGNED_IN_PROVIDERS = new Set(['diadoc', 'extern']);

export function isKonturSignedInFeed(feed: FeedLike): boolean {
  return SIGNED_IN_PROVIDERS.has(feed.provider) && feed.settings['auth'] === 'oidc';
}

/** The sign-in configuration of a feed, from its settings (the client secret is the feed's "apikey" secret). */
export function konturOidcConfig(feed: FeedLike): KonturOidcConfig {
  const identityUrl = feed.settings['identityUrl'];
  const apiUrl = feed.settings['baseUrl'];
  return {
    service: feed.provider === 'diadoc' ? 'diadoc' : 'extern',
    clientId: String(feed.settings['clientId'] ?? ''),
    ...(typeof identityUrl === 'string' ? { identityUrl: identityUrl.replace(/\/+$/, '') } : {}),
    ...(typeof apiUrl === 'string' ? { apiUrl } : {}),
  };
}

export function konturAccessTokens(source: KonturTokenSource): AccessTokenSource {
  return {
    applies: isKonturSignedInFeed,
    accessToken: (feed, signal) => source.accessToken(feed.id, konturOidcConfig(feed), signal),
    invalidate: (feedId) => source.invalidate(feedId),
  };
}
