// The secret stores the app and the CLI use on top of the keychain: memory for this session, environment first,
// and the app's store that falls back to memory (only when allowed) when the keychain is unavailable.
import { BUILT_IN_PROVIDERS } from '../feeds/registry.ts';
import { FeedError, type FeedConfig } from '../model.ts';
import type { Logger, SecretStore, SecretUse } from '../ports.ts';
import { secretEnvName } from '../secrets-env.ts';
import {
  accountOfFeed,
  KeychainSecretStore,
  KeychainUnavailableError,
  secretAccount,
  type FeedSecretStore,
  type KeychainStatus,
} from './keychain.ts';
import { releaseSecret, type StoredSecret } from './secret-release.ts';

/** Secrets in this process's memory only, each with the origins it was entered for; gone when it exits. Never written anywhere. */
export class SessionSecretStore implements FeedSecretStore {
  readonly backend = 'session' as const;
  readonly #values = new Map<string, { feedId: string; name: string | undefined } & StoredSecret>();
  readonly #log: Logger | undefined;

  constructor(options: { log?: Logger } = {}) {
    this.#log = options.log;
  }

  async get(feedId: string, name: string | undefined, use: SecretUse): Promise<string | null> {
    const stored = this.#values.get(secretAccount(feedId, name)) ?? null;
    return releaseSecret(
      stored,
      use,
      { feedId, name },
      async (origins) => this.set(feedId, stored!.value, name, origins),
      this.#log,
    );
  }
  async set(feedId: string, value: string, name: string | undefined, origins: readonly string[] | null): Promise<void> {
    const account = secretAccount(feedId, name);
    if (value === '') throw new TypeError('An empty secret cannot be kept; delete it instead');
    this.#values.set(account, { feedId, name, value, origins: origins === null ? null : [...origins] });
  }
  async delete(feedId: string, name?: string): Promise<void> {
    this.#values.delete(secretAccount(feedId, name));
  }
  async has(feedId: string, name?: string): Promise<boolean> {
    return this.#values.has(secretAccount(feedId, name));
  }
  async deleteFeed(feedId: string): Promise<void> {
    secretAccount(feedId);
    for (const account of this.#values.keys()) if (accountOfFeed(account, feedId)) this.#values.delete(account);
  }
  /** Every kept secret with its origins, to move them into the keychain once it is back. */
  entries(): Array<{ feedId: string; name: string | undefined } & StoredSecret> {
    return [...this.#values.values()];
  }
  clear(): void {
    this.#values.clear();
  }
}

function envValue(env: NodeJS.ProcessEnv, feedId: string, name?: string): string | null {
  const value = env[secretEnvName(feedId, name)];
  return value === undefined || value === '' ? null : value;
}

export type SecretSource = 'env' | 'keychain' | 'session';

export interface EnvFirstOptions {
  /**
   * Whether a feed cannot work without this secret. When the inner store is unavailable, a required secret fails
   * with an error that names both ways to supply it; any other reads as "not set". Default: every secret is required.
   */
  required?: (feedId: string, name?: string) => boolean;
}

/**
 * FEEDBELL_SECRET_<FEED ID>[_<NAME>] wins over the inner store for reading, and goes to any origin: the environment
 * is the user's own. The inner store's secrets go only where they were entered for. Writes go to the inner store.
 */
export class EnvFirstSecretStore implements FeedSecretStore {
  readonly #env: NodeJS.ProcessEnv;
  readonly #inner: FeedSecretStore;
  readonly #required: (feedId: string, name?: string) => boolean;

  constructor(env: NodeJS.ProcessEnv, inner: FeedSecretStore, options: EnvFirstOptions = {}) {
    this.#env = env;
    this.#inner = inner;
    this.#required = options.required ?? (() => true);
  }

  get backend(): 'keychain' | 'session' {
    return this.#inner.backend;
  }

  async get(feedId: string, name: string | undefined, use: SecretUse): Promise<string | null> {
    const fromEnv = envValue(this.#env, feedId, name);
    if (fromEnv !== null) return fromEnv;
    try {
      return await this.#inner.get(feedId, name, use);
    } catch (err) {
      if (!(err instanceof KeychainUnavailableError)) throw err;
      if (!this.#required(feedId, name)) return null;
      throw new FeedError(
        'config',
        `No secret: ${secretEnvName(feedId, name)} is not set and the OS keychain cannot be read. ${err.problem.en} ${err.fix.en}`,
        {
          hint: `Set ${secretEnvName(feedId, name)}, or make the keychain available and run "feedbell secret set ${feedId}${name ? ` --name ${name}` : ''}".`,
          ...(err.detail ? { detail: err.detail } : {}),
        },
      );
    }
  }

  /** Where the secret comes from now, or null when it is not set. */
  async source(feedId: string, name?: string): Promise<SecretSource | null> {
    if (envValue(this.#env, feedId, name) !== null) return 'env';
    return (await this.#inner.has(feedId, name)) ? this.#inner.backend : null;
  }

  set(feedId: string, value: string, name: string | undefined, origins: readonly string[]): Promise<void> {
    return this.#inner.set(feedId, value, name, origins);
  }
  delete(feedId: string, name?: string): Promise<void> {
    return this.#inner.delete(feedId, name);
  }
  async has(feedId: string, name?: string): Promise<boolean> {
    return envValue(this.#env, feedId, name) !== null || this.#inner.has(feedId, name);
  }
  deleteFeed(feedId: string): Promise<void> {
    return this.#inner.deleteFeed(feedId);
  }
}

export interface AppSecretStoreOptions {
  /** May secrets be kept in memory when the keychain is unavailable? Can be allowed later (allowSession). */
  allowSessionFallback: boolean;
  keychain?: KeychainSecretStore;
  /** FEEDBELL_SECRET_* variables that win for reading (headless runs, tests); none by default. */
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

/**
 * The app's secrets: the OS keychain when it works; otherwise this session's memory, once allowed (the window says
 * why, using status(), and offers it). The keychain is probed on first use, so this can be built synchronously.
 * Reading never fails because the keychain is unavailable: a secret that is nowhere reads as not set.
 */
export class AppSecretStore implements FeedSecretStore {
  readonly #keychain: KeychainSecretStore;
  readonly #session: SessionSecretStore;
  readonly #env: NodeJS.ProcessEnv;
  readonly #log: Logger | undefined;
  #allowSession: boolean;
  #status: Promise<KeychainStatus> | null = null;
  #available: boolean | null = null;

  constructor(options: AppSecretStoreOptions) {
    this.#keychain = options.keychain ?? new KeychainSecretStore(options.log ? { log: options.log } : {});
    this.#session = new SessionSecretStore(options.log ? { log: options.log } : {});
    this.#env = options.env ?? {};
    this.#log = options.log;
    this.#allowSession = options.allowSessionFallback;
  }

  /** 'session' once the probe found the keychain unavailable; 'keychain' before and while it works. */
  get backend(): 'keychain' | 'session' {
    return this.#available === false ? 'session' : 'keychain';
  }

  /** Whether secrets may be kept in memory now that the keychain is unavailable. */
  get sessionAllowed(): boolean {
    return this.#allowSession;
  }

  /** The keychain's state (probed once; recheck() probes again). */
  status(): Promise<KeychainStatus> {
    this.#status ??= this.#keychain.probe().then((status) => {
      this.#available = status.available;
      if (!status.available)
        this.#log?.warn('secrets: the OS keychain is unavailable', { code: status.code, detail: status.detail });
      return status;
    });
    return this.#status;
  }

  /**
   * Probes the keychain again (the user has installed or unlocked it). When it works now, secrets kept in memory
   * meanwhile move into it.
   */
  async recheck(): Promise<KeychainStatus> {
    this.#status = null;
    const status = await this.status();
    if (status.available) {
      for (const { feedId, name, value, origins } of this.#session.entries())
        await this.#keychain.set(feedId, value, name, origins);
      this.#session.clear();
    }
    return status;
  }

  /** The user agreed to keep secrets for this session only, in memory. */
  allowSession(): void {
    this.#allowSession = true;
  }

  async #store(writing: boolean): Promise<FeedSecretStore> {
    const status = await this.status();
    if (status.available) return this.#keychain;
    if (writing && !this.#allowSession) throw new KeychainUnavailableError(status);
    return this.#session;
  }

  /** FEEDBELL_SECRET_* first (to any origin: the user's own); else the keychain or memory, only to its origins. */
  async get(feedId: string, name: string | undefined, use: SecretUse): Promise<string | null> {
    const fromEnv = envValue(this.#env, feedId, name);
    if (fromEnv !== null) return fromEnv;
    return (await this.#store(false)).get(feedId, name, use);
  }
  async set(feedId: string, value: string, name: string | undefined, origins: readonly string[]): Promise<void> {
    await (await this.#store(true)).set(feedId, value, name, origins);
  }
  async delete(feedId: string, name?: string): Promise<void> {
    await (await this.#store(false)).delete(feedId, name);
  }
  async has(feedId: string, name?: string): Promise<boolean> {
    return envValue(this.#env, feedId, name) !== null || (await this.#store(false)).has(feedId, name);
  }
  async source(feedId: string, name?: string): Promise<SecretSource | null> {
    if (envValue(this.#env, feedId, name) !== null) return 'env';
    const store = await this.#store(false);
    return (await store.has(feedId, name)) ? store.backend : null;
  }
  async deleteFeed(feedId: string): Promise<void> {
    await this.#session.deleteFeed(feedId);
    if ((await this.status()).available) await this.#keychain.deleteFeed(feedId);
  }
}

/**
 * The app's store, probed: the keychain when available; otherwise, with allowSessionFallback, this session's memory;
 * without it, a KeychainUnavailableError that says what is missing and how to fix it.
 */
export async function openSecretStore(options: AppSecretStoreOptions): Promise<AppSecretStore> {
  const store = new AppSecretStore(options);
  const status = await store.status();
  if (!status.available && !options.allowSessionFallback) throw new KeychainUnavailableError(status);
  return store;
}

/**
 * What the CLI's sync and check read: FEEDBELL_SECRET_* first, then the keychain. When the keychain is unavailable,
 * a feed whose provider needs its main secret fails saying so; every other secret reads as not set.
 */
export function cliSecretStore(
  env: NodeJS.ProcessEnv,
  feeds: readonly FeedConfig[],
  keychain?: KeychainSecretStore,
): SecretStore {
  // The config file may point anywhere (it is the user's own), and so may FEEDBELL_SECRET_*; a keychain secret still
  // goes only to the origins recorded with it (bound to the config's addresses on its first use).
  const required = (feedId: string, name?: string): boolean => {
    const feed = feeds.find((f) => f.id === feedId);
    return name === undefined && feed !== undefined && BUILT_IN_PROVIDERS.get(feed.provider).provider.needsSecret;
  };
  return new EnvFirstSecretStore(env, keychain ?? new KeychainSecretStore(), { required });
}
