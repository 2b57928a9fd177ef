// Runs the provider modules' capabilities: opens each one once with narrow ports, finds the running capability of the
// feed a request names (refusing a feed whose module lacks it), and serves the sign-ins' access tokens to the poller.
import { CapabilityRefused, type CapabilityPorts } from '../feeds/capabilities/capability-ports.ts';
import type { CapabilityKind, CapabilityRouter, RunningCapabilities } from '../feeds/capabilities/capability-router.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { FeedConfig } from '../model.ts';
import type { AccessTokenSource, SignedInFeed } from '../ports.ts';
import { SecretOrigins, type SignInSecrets } from '../secrets/secret-origins.ts';

type Running = Partial<RunningCapabilities>;

export class CapabilityHost implements CapabilityRouter {
  readonly #feed: (feedId: string) => FeedConfig | null;
  readonly #running = new Map<string, Running>();
  /** The sign-ins' access tokens, by the feed's provider. */
  readonly accessTokens: AccessTokenSource;

  constructor(providers: ProviderRegistry, ports: Omit<CapabilityPorts, 'accessTokens'>) {
    this.#feed = ports.feed;
    // Sign-ins first: the other capabilities call the API with the tokens they keep.
    for (const module of providers.all()) {
      const signIn = module.capabilities.konturSignIn?.open({ ...ports, accessTokens: NO_TOKENS });
      this.#running.set(module.id, signIn ? { konturSignIn: signIn } : {});
    }
    this.accessTokens = {
      applies: (feed) => this.#tokensOf(feed)?.applies(feed) ?? false,
      accessToken: (feed, signal) => this.#tokensOf(feed)!.accessToken(feed, signal),
      invalidate: (feed, rejected) => this.#tokensOf(feed)?.invalidate(feed, rejected),
    };
    const all = { ...ports, accessTokens: this.accessTokens };
    for (const module of providers.all()) {
      const running = this.#running.get(module.id)!;
      const { tokenAssistant, sharing } = module.capabilities;
      if (tokenAssistant) running.tokenAssistant = tokenAssistant.open(all);
      if (sharing) running.sharing = sharing.open(all);
    }
  }

  use<K extends CapabilityKind>(feedId: string, kind: K): { feed: FeedConfig; instance: RunningCapabilities[K] } {
    const feed = this.#feed(feedId);
    const instance = feed ? this.#running.get(feed.provider)?.[kind] : undefined;
    if (!feed || !instance) throw new CapabilityRefused(feedId, kind);
    return { feed, instance: instance as RunningCapabilities[K] };
  }

  /** Forgets the feed's sign-in (it is removed, or its addresses moved): the access token in memory and the kept one. */
  async signOut(feed: FeedConfig): Promise<void> {
    await this.#running.get(feed.provider)?.konturSignIn?.signOut(feed.id);
  }

  /** Stops running sign-ins and forgets portal sessions (the app is quitting). */
  close(): void {
    for (const running of this.#running.values()) {
      running.konturSignIn?.close();
      running.tokenAssistant?.close();
    }
  }

  #tokensOf(feed: SignedInFeed): AccessTokenSource | null {
    return this.#running.get(feed.provider)?.konturSignIn?.tokens ?? null;
  }
}

/** What a sign-in gets as the others' tokens: none (it has its own). */
const NO_TOKENS: AccessTokenSource = {
  applies: () => false,
  accessToken: () => Promise.reject(new Error('no access tokens here')),
  invalidate: () => {},
};

/** Which origins the secrets of these providers' feeds are for: the sign-in services and secrets their modules declare. */
export function secretOriginsOf(providers: ProviderRegistry): SecretOrigins {
  const secrets: SignInSecrets = Object.assign(
    {},
    ...providers.all().map((module) => module.capabilities.konturSignIn?.secrets ?? {}),
  );
  return new SecretOrigins(
    (feed) => providers.find(feed.provider)?.capabilities.konturSignIn?.signInUrl(feed.settings) ?? null,
    secrets,
  );
}

/** Whether the feed signs in with its settings (its module's sign-in capability), and if so the secret that means "signed in". */
export function sessionSecretOf(providers: ProviderRegistry, feed: SignedInFeed): string | null {
  const signIn = providers.find(feed.provider)?.capabilities.konturSignIn;
  return signIn?.signsIn(feed.settings) ? signIn.sessionSecret : null;
}
