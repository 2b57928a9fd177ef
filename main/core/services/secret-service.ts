// A feed's secrets: typed ones checked and stored with the origins they are entered for, whether each is set (never
// its value), their deletion with the feed or when its address moves, and the keychain's state.
import type { FeedSecretsInput, FieldError, KeychainInfo, SecretStatus } from '../../../preload/contract.ts';
import { t } from '../feeds/form-fields.ts';
import type { ProviderModule } from '../feeds/provider-module.ts';
import type { FeedConfig } from '../model.ts';
import type { KeychainControl, Logger, SecretStore, WritableSecretStore } from '../ports.ts';
import type { SecretOrigins } from '../secrets/secret-origins.ts';
import { SecretOriginError } from '../secrets/secret-release.ts';

/** Longest secret accepted (tokens are JWTs of a few KiB at most). */
export const MAX_SECRET_LENGTH = 4096;

/** Whether a secret store can also keep secrets (the keychain or session memory), not only read them. */
export function isWritableSecretStore(store: SecretStore): store is WritableSecretStore {
  const s = store as Partial<WritableSecretStore>;
  return (
    typeof s.set === 'function' && typeof s.delete === 'function' && typeof s.has === 'function' && typeof s.backend === 'string'
  );
}

/** A problem with typed secrets, in both languages. */
export class SecretRefused extends Error {
  readonly text: FieldError['message'];
  constructor(text: FieldError['message']) {
    super(text.en);
    this.name = 'SecretRefused';
    this.text = text;
  }
}

const NO_STORE = t(
  'Секреты здесь негде хранить: связка ключей не подключена',
  'Secrets cannot be stored here: no keychain is connected',
);

export interface SecretServiceDeps {
  /** Where feed secrets are read; a writable one (the keychain) also keeps them. */
  store: SecretStore;
  /** The OS keychain behind the store, when there is one (the app's): its state and the memory-only consent. */
  keychain?: KeychainControl;
  origins: SecretOrigins;
  /** A configured feed, or null. */
  feed(feedId: string): FeedConfig | null;
  /** The module of a feed's provider. */
  moduleOf(feed: FeedConfig): ProviderModule;
  /** Polls a feed again now (its secret changed). */
  retry(feedId: string): void;
  /** Whether the feed signs in with its settings, and if so the secret that means "signed in" (its sign-in capability). */
  sessionSecretOf(feed: FeedConfig): string | null;
  log: Logger;
}

export class SecretService {
  readonly #d: SecretServiceDeps;

  constructor(deps: SecretServiceDeps) {
    this.#d = deps;
  }

  /** The store when it can keep secrets (the keychain or session memory), else null. */
  get writable(): WritableSecretStore | null {
    return isWritableSecretStore(this.#d.store) ? this.#d.store : null;
  }

  /** A stored secret of the feed for a request to its API, released only for the origins it was entered for. */
  async forApi(feed: FeedConfig, name?: string): Promise<string | null> {
    if (this.#d.origins.addresses(feed).api === null) return null;
    return this.#d.store.get(feed.id, name, this.#d.origins.use(feed, name, 'api'));
  }

  /** Problems with typed secrets: unknown names, empty, too long, or characters no header can carry. */
  errors(module: ProviderModule, secrets: FeedSecretsInput | null): FieldError[] {
    if (!secrets) return [];
    const extras = new Set(module.provider.extraSecrets ?? []);
    const errors: FieldError[] = [];
    const check = (field: string, value: string) => {
      const v = value.trim();
      if (v.length === 0) errors.push({ field, message: t('Пусто: вставьте значение', 'Empty: paste the value') });
      else if (v.length > MAX_SECRET_LENGTH)
        errors.push({ field, message: t('Слишком длинно для токена', 'Too long for a token') });
      // oxlint-disable-next-line no-control-regex -- control characters are exactly what must be refused
      else if (/[\u0000-\u001f\u007f]/.test(v))
        errors.push({
          field,
          message: t('Содержит переводы строк или управляющие символы', 'Contains line breaks or control characters'),
        });
    };
    if (secrets.main !== undefined) check('secret', secrets.main);
    for (const [name, value] of Object.entries(secrets.extras ?? {})) {
      const shown = name.slice(0, 40);
      if (!extras.has(name))
        errors.push({ field: `secret.${name}`, message: t(`Неизвестный секрет «${shown}»`, `Unknown secret "${shown}"`) });
      else check(`secret.${name}`, value);
    }
    if (errors.length === 0 && (secrets.main !== undefined || Object.keys(secrets.extras ?? {}).length > 0) && !this.writable) {
      errors.push({ field: 'secret', message: NO_STORE });
    }
    return errors;
  }

  /**
   * Stores checked secrets with the origins they are entered for (the feed's addresses); a failure (a locked
   * keychain) becomes a field error without the value.
   */
  async store(feed: FeedConfig, secrets: FeedSecretsInput | null): Promise<FieldError | null> {
    const store = this.writable;
    if (!store || !secrets) return null;
    try {
      if (secrets.main !== undefined) await store.set(feed.id, secrets.main.trim(), undefined, this.#d.origins.of(feed));
      for (const [name, value] of Object.entries(secrets.extras ?? {}))
        await store.set(feed.id, value.trim(), name, this.#d.origins.of(feed, name));
      return null;
    } catch (err) {
      this.#d.log.warn('could not store a feed secret', { feedId: feed.id, error: err instanceof Error ? err.name : 'unknown' });
      const words = err instanceof Error ? err.message : String(err);
      return { field: 'secret', message: t(`Секрет не сохранён: ${words}`, `The secret was not stored: ${words}`) };
    }
  }

  /** Stores one secret of a feed (main, or a named extra of its service) and polls it again; SecretRefused for a bad one. */
  async set(feedId: string, value: string, name?: string): Promise<SecretStatus> {
    const feed = this.#known(feedId);
    const problem = this.errors(this.#d.moduleOf(feed), name ? { extras: { [name]: value } } : { main: value })[0];
    if (problem) throw new SecretRefused(problem.message);
    const store = this.writable;
    if (!store) throw new SecretRefused(NO_STORE);
    await store.set(feed.id, value.trim(), name, this.#d.origins.of(feed, name));
    this.#d.retry(feedId);
    return this.status(feedId);
  }

  /**
   * Deletes every secret of the feed but those in `kept`: its main one, its service's extras and every sign-in's, so
   * none is left under its id. A failure is logged (the secret stays bound to its origins).
   */
  async deleteAll(feed: FeedConfig, kept: ReadonlySet<string | undefined> = new Set()): Promise<void> {
    const store = this.writable;
    if (!store) return;
    const names = new Set<string | undefined>([
      undefined,
      ...(this.#d.moduleOf(feed).provider.extraSecrets ?? []),
      ...this.#d.origins.signInSecretNames(),
    ]);
    for (const name of names) {
      if (kept.has(name)) continue;
      try {
        await store.delete(feed.id, name);
      } catch (err) {
        this.#d.log.warn('could not delete a feed’s secret', {
          feedId: feed.id,
          name: name ?? 'main',
          error: err instanceof Error ? err.message : 'unknown',
        });
      }
    }
  }

  /** Which of a feed's secrets are set, and where secrets are kept; never a value. */
  async status(feedId: string): Promise<SecretStatus> {
    const feed = this.#known(feedId);
    const store = this.#d.store;
    const origins = this.#d.origins;
    const has = async (name?: string): Promise<boolean> => {
      if (isWritableSecretStore(store)) return store.has(feed.id, name);
      const to = origins.home(name);
      if (origins.addresses(feed)[to] === null) return false;
      try {
        return (await store.get(feed.id, name, origins.use(feed, name, to))) !== null;
      } catch (err) {
        // Set, though entered for another address (the feed says so when it runs).
        if (err instanceof SecretOriginError) return true;
        throw err;
      }
    };
    const extras: Record<string, boolean> = {};
    for (const name of this.#d.moduleOf(feed).provider.extraSecrets ?? []) extras[name] = await has(name);
    const session = this.#d.sessionSecretOf(feed);
    const signedIn = session === null ? undefined : await has(session);
    return {
      main: await has(),
      extras,
      backend: isWritableSecretStore(store) ? store.backend : 'none',
      ...(signedIn === undefined ? {} : { signedIn }),
    };
  }

  #known(feedId: string): FeedConfig {
    const feed = this.#d.feed(feedId);
    if (!feed) throw new Error(`Unknown feed "${feedId}"`);
    return feed;
  }

  /**
   * The keychain's state for the window: whether it works, else what is wrong and how to fix it. `recheck` probes it
   * again; `allowSession` is the user's consent to keep secrets in memory until the app quits.
   */
  async keychainInfo(action: 'status' | 'recheck' | 'allowSession' = 'status'): Promise<KeychainInfo> {
    const keychain = this.#d.keychain;
    if (!keychain) return { available: isWritableSecretStore(this.#d.store), problem: null, fix: null, sessionAllowed: false };
    if (action === 'allowSession') keychain.allowSession();
    const status = action === 'recheck' ? await keychain.recheck() : await keychain.status();
    return status.available
      ? { available: true, problem: null, fix: null, sessionAllowed: keychain.sessionAllowed }
      : { available: false, problem: status.problem, fix: status.fix, sessionAllowed: keychain.sessionAllowed };
  }
}
