// Secrets for headless use: FEEDBELL_SECRET_<FEED ID> environment variables.
import type { SecretStore } from './ports.ts';

/** FEEDBELL_SECRET_ + the feed id upper-cased, every character other than A-Z and 0-9 replaced by "_". */
export function secretEnvName(feedId: string): string {
  return `FEEDBELL_SECRET_${feedId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export class EnvSecretStore implements SecretStore {
  readonly #env: NodeJS.ProcessEnv;
  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
  }
  async get(feedId: string): Promise<string | null> {
    const value = this.#env[secretEnvName(feedId)];
    return value === undefined || value === '' ? null : value;
  }
}
