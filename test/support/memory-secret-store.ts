// A writable secret store in memory, for tests and the browser bridge: keys "<feedId>" and "<feedId>:<name>",
// as the keychain names its entries, each with the origins it was entered for. Never a real keychain, never a file.
// It applies the same rule as the real stores: a secret is released only for a request to one of its origins, and one
// given without origins (the `initial` ones, as an old keychain entry) is bound to the feed's addresses on first use.
import type { SecretUse, WritableSecretStore } from '../../main/core/ports.ts';
import { releaseSecret, type StoredSecret } from '../../main/core/secrets/secret-release.ts';

export class MemorySecretStore implements WritableSecretStore {
  readonly backend: 'keychain' | 'session';
  readonly #values = new Map<string, StoredSecret>();

  /** `initial`: "<feedId>" or "<feedId>:<name>" → secret, with no origins recorded yet. */
  constructor(initial: Record<string, string> = {}, backend: 'keychain' | 'session' = 'keychain') {
    this.backend = backend;
    for (const [key, value] of Object.entries(initial)) this.#values.set(key, { value, origins: null });
  }

  static key(feedId: string, name?: string): string {
    return name ? `${feedId}:${name}` : feedId;
  }

  /** With `use`, as the app's stores do; without it (tests only), the stored value as it is. */
  async get(feedId: string, name?: string, use?: SecretUse): Promise<string | null> {
    const key = MemorySecretStore.key(feedId, name);
    const stored = this.#values.get(key) ?? null;
    if (!use) return stored?.value ?? null;
    return releaseSecret(stored, use, { feedId, name }, async (origins) => {
      this.#values.set(key, { value: stored!.value, origins });
    });
  }

  async set(feedId: string, value: string, name?: string, origins: readonly string[] | null = null): Promise<void> {
    this.#values.set(MemorySecretStore.key(feedId, name), { value, origins });
  }

  async delete(feedId: string, name?: string): Promise<void> {
    this.#values.delete(MemorySecretStore.key(feedId, name));
  }

  async has(feedId: string, name?: string): Promise<boolean> {
    return this.#values.has(MemorySecretStore.key(feedId, name));
  }

  /** The origins recorded with a secret (null: none yet), or undefined when it is not set. */
  origins(feedId: string, name?: string): readonly string[] | null | undefined {
    return this.#values.get(MemorySecretStore.key(feedId, name))?.origins;
  }

  /** Every key stored (for tests that check what a removal left behind). */
  keys(): string[] {
    return [...this.#values.keys()];
  }
}
