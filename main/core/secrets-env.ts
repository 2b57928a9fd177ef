// Secrets for headless use: FEEDBELL_SECRET_<FEED ID> environment variables.
import type { SecretStore } from './ports.ts';

function part(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * FEEDBELL_SECRET_ + the feed id upper-cased, every character other than A-Z and 0-9 replaced by "_";
 * a named extra secret adds _<NAME> the same way (FEEDBELL_SECRET_MY_FEED_APIKEY).
 */
export function secretEnvName(feedId: string, name?: string): string {
  return `FEEDBELL_SECRET_${part(feedId)}${name ? `_${part(name)}` : ''}`;
}

export class EnvSecretStore implements SecretStore {
  readonly #env: NodeJS.ProcessEnv;
  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
  }
  async get(feedId: string, name?: string): Promise<string | null> {
    const value = this.#env[secretEnvName(feedId, name)];
    return value === undefined || value === '' ? null : value;
  }
}
