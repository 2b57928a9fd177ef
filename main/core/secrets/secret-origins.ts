// Which origins a feed's secrets are for. A secret is kept with the origins it was entered for and released only for a
// request to one of them; when a feed's addresses change origin, its secrets are deleted (FeedCatalog.update).
//
//   main secret, other names      the origin of the feed's baseUrl (its API)
//   a sign-in's "sign-in" secret  the origin of the feed's sign-in service (e.g. Kontur's refresh token: identityUrl)
//   a sign-in's "both" secret     both (e.g. Kontur's API key: the API gets it, and the sign-in as the client secret)
//
// Which feeds have a sign-in service, and which secrets sign-ins take, is the provider modules' sign-in capability.
import { FeedError } from '../model.ts';
import type { SecretUse } from '../ports.ts';

/** A feed as far as its addresses go (FeedConfig, or anything with its parsed settings). */
export interface FeedAddressSource {
  id: string;
  provider: string;
  settings: Record<string, unknown>;
}

/** The origins a feed talks to; null where it has none (an offline feed has no API; only feeds that sign in have a sign-in service). */
export interface FeedAddresses {
  api: string | null;
  identity: string | null;
}

/** The address of a feed's sign-in service, whatever its auth scheme (so switching the scheme keeps the secrets); null for none. */
export type SignInServiceOf = (feed: FeedAddressSource) => string | null;

/** Secrets that sign-ins take, by name: only to the sign-in service, or to the API as well. */
export type SignInSecrets = Readonly<Record<string, 'sign-in' | 'both'>>;

/** "https://host[:port]" of an http(s) URL; null for anything else. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export class SecretOrigins {
  readonly #signInOf: SignInServiceOf;
  readonly #signInSecrets: SignInSecrets;

  /** From the provider modules: each feed's sign-in service (none: no feed signs in), and the secrets sign-ins take. */
  constructor(signInOf: SignInServiceOf = () => null, signInSecrets: SignInSecrets = {}) {
    this.#signInOf = signInOf;
    this.#signInSecrets = signInSecrets;
  }

  /** The origins of a feed's API (settings.baseUrl, which the schemas fill with the service's default) and sign-in service. */
  addresses(feed: FeedAddressSource): FeedAddresses {
    const base = feed.settings['baseUrl'];
    const signIn = this.#signInOf(feed);
    return { api: typeof base === 'string' ? originOf(base) : null, identity: signIn === null ? null : originOf(signIn) };
  }

  /** The origins a secret of the feed is entered for (see the table at the top). */
  of(feed: FeedAddressSource, name?: string): string[] {
    const { api, identity } = this.addresses(feed);
    const use = name === undefined ? undefined : this.#signInSecrets[name];
    const origins = use === 'sign-in' ? [identity] : use === 'both' ? [api, identity] : [api];
    return [...new Set(origins.filter((origin): origin is string => origin !== null))];
  }

  /** The names of the secrets sign-ins take (deleted with any feed, so none is left behind under its id). */
  signInSecretNames(): string[] {
    return Object.keys(this.#signInSecrets);
  }

  /** Where a secret of this name is looked for: the sign-in service for a sign-in's own secret, else the API. */
  home(name: string | undefined): keyof FeedAddresses {
    return name !== undefined && this.#signInSecrets[name] === 'sign-in' ? 'identity' : 'api';
  }

  /** What a store needs to release a secret of the feed for a request to its API or its sign-in service. */
  use(feed: FeedAddressSource, name: string | undefined, to: keyof FeedAddresses): SecretUse {
    const origin = this.addresses(feed)[to];
    if (origin === null) {
      throw new FeedError(
        'config',
        `Feed "${feed.id}" has no ${to === 'api' ? 'API' : 'sign-in service'} address to send its secret to`,
      );
    }
    return { origin, origins: this.of(feed, name) };
  }

  /** The addresses whose origin differs between two versions of a feed (its secrets must then go). */
  changed(
    before: FeedAddressSource,
    after: FeedAddressSource,
  ): Array<{ what: keyof FeedAddresses; from: string | null; to: string | null }> {
    const a = this.addresses(before);
    const b = this.addresses(after);
    return (['api', 'identity'] as const)
      .filter((what) => a[what] !== b[what])
      .map((what) => ({ what, from: a[what], to: b[what] }));
  }
}
