// Which origins a feed's secrets are for. A secret is kept with the origins it was entered for and released only for a
// request to one of them; when a feed's addresses change origin, its secrets are deleted (FeedbellCore.updateFeed).
//
//   main secret, other names   the origin of the feed's baseUrl (its API)
//   "refresh"                  the origin of the Kontur sign-in service (identityUrl, default https://identity.kontur.ru)
//   "apikey"                   both: Extern sends it to its API, and a Kontur sign-in uses it as the client secret
import { KONTUR_IDENTITY_URLS } from '../auth/kontur-oidc.ts';
import { FeedError } from '../model.ts';
import type { SecretUse } from '../ports.ts';

/** A feed as far as its addresses go (FeedConfig, or anything with its parsed settings). */
export interface FeedAddressSource {
  id: string;
  provider: string;
  settings: Record<string, unknown>;
}

/** The origins a feed talks to; null where it has none (the demo feed has no API, only Kontur feeds sign in). */
export interface FeedAddresses {
  api: string | null;
  identity: string | null;
}

/** Services whose feeds may sign in to Kontur (auth "oidc"), and so have a sign-in service address. */
const KONTUR_SIGN_IN_PROVIDERS = new Set(['diadoc', 'extern']);

const REFRESH = 'refresh';
const API_KEY = 'apikey';

/** "https://host[:port]" of an http(s) URL; null for anything else. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origins of a feed's API (settings.baseUrl, which the schemas fill with the service's default) and, for Diadoc
 * and Extern, of the Kontur sign-in service: whatever the auth scheme, so switching it keeps the secrets.
 */
export function feedAddresses(feed: FeedAddressSource): FeedAddresses {
  const base = feed.settings['baseUrl'];
  const identity = feed.settings['identityUrl'];
  return {
    api: typeof base === 'string' ? originOf(base) : null,
    identity: KONTUR_SIGN_IN_PROVIDERS.has(feed.provider)
      ? originOf(typeof identity === 'string' && identity.trim() ? identity : KONTUR_IDENTITY_URLS.production)
      : null,
  };
}

/** The origins a secret of the feed is entered for (see the table at the top). */
export function secretOrigins(feed: FeedAddressSource, name?: string): string[] {
  const { api, identity } = feedAddresses(feed);
  const origins = name === REFRESH ? [identity] : name === API_KEY ? [api, identity] : [api];
  return [...new Set(origins.filter((origin): origin is string => origin !== null))];
}

/** What a store needs to release a secret of the feed for a request to its API or its sign-in service. */
export function secretUse(feed: FeedAddressSource, name: string | undefined, to: keyof FeedAddresses): SecretUse {
  const origin = feedAddresses(feed)[to];
  if (origin === null) {
    throw new FeedError('config', `Feed "${feed.id}" has no ${to === 'api' ? 'API' : 'sign-in service'} address to send its secret to`);
  }
  return { origin, origins: secretOrigins(feed, name) };
}

/** The addresses whose origin differs between two versions of a feed (its secrets must then go). */
export function changedAddresses(before: FeedAddressSource, after: FeedAddressSource): Array<{ what: keyof FeedAddresses; from: string | null; to: string | null }> {
  const a = feedAddresses(before);
  const b = feedAddresses(after);
  return (['api', 'identity'] as const).filter((what) => a[what] !== b[what]).map((what) => ({ what, from: a[what], to: b[what] }));
}
