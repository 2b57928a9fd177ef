// A writable secret store in memory, for tests and the browser bridge: keys "<feedId>" and "<feedId>:<name>",
// as the keychain names its entries. Never a real keychain, never a file.
import type { WritableSecretStore } from '../../main/core/ports.ts';

export class MemorySecretStore implements WritableSecretStore {
  readonly backend: 'keychain' | 'session';
  readonly #values = new Map<string, string>();

  /** `initial`: "<feedId>" or "<feedId>:<name>" → secret. */
  constructor(initial: Record<string, string> = {}, backend: 'keychain' | 'session' = 'keychain') {
    this.backend = backend;
    for (const [key, value] of Object.entries(initial)) this.#values.set(key, value);
  }

  static key(feedId: string, name?: string): string {
    return name ? `${feedId}:${name}` : feedId;
  }

  async get(feedId: string, name?: string): Promise<string | null> {
    return this.#values.get(MemorySecretStore.key(feedId, name)) ?? null;
  }

  async set(feedId: string, value: string, name?: string): Promise<void> {
    this.#values.set(MemorySecretStore.key(feedId, name), value);
  }

  async delete(feedId: string, name?: string): Promise<void> {
    this.#values.delete(MemorySecretStore.key(feedId, name));
  }

  async has(feedId: string, name?: string): Promise<boolean> {
    return this.#values.has(MemorySecretStore.key(feedId, name));
  }

  /** Every key stored (for tests that check what a removal left behind). */
  keys(): string[] {
    return [...this.#values.keys()];
  }
}
