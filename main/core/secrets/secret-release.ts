// The one rule every secret store applies before it hands a stored secret out: the request must go to an origin the
// secret was entered for. A secret stored without origins is bound to the feed's current ones first (and the log says so).
import { FeedError } from '../model.ts';
import type { Logger, SecretUse } from '../ports.ts';

/** A secret as a store keeps it: the value and the origins it was entered for (null: not recorded yet). */
export interface StoredSecret {
  value: string;
  origins: readonly string[] | null;
}

function what(name: string | undefined): { en: string; ru: string } {
  if (name === 'refresh') return { en: 'Kontur sign-in', ru: 'вход в Контур' };
  if (name === 'apikey') return { en: 'API key', ru: 'API-ключ' };
  return { en: 'token', ru: 'токен' };
}

/** A stored secret was entered for another address: it is not sent, and the user must enter it again. */
export class SecretOriginError extends FeedError {
  readonly secretName: string | undefined;
  constructor(name: string | undefined, recorded: readonly string[], wanted: string) {
    const w = what(name);
    super(
      'auth',
      `The stored ${w.en} was entered for another address (${recorded.join(', ') || 'none'}), not for ${wanted}: enter it again`,
      {
        hint:
          name === 'refresh'
            ? 'Войдите в Контур заново: вход был выполнен для другого адреса (Sign in to Kontur again: the sign-in was made for another address)'
            : `Введите ${w.ru} заново в настройках ленты: сохранённый был введён для другого адреса (Enter the ${w.en} again in the feed settings: the stored one was entered for another address)`,
        detail: 'secret-origin',
      },
    );
    this.name = 'SecretOriginError';
    this.secretName = name;
  }
}

/**
 * The secret's value when `use.origin` is one it was entered for; null when there is none. One stored without
 * origins is first bound to `use.origins` through `bind`. Throws SecretOriginError otherwise (never with the value).
 */
export async function releaseSecret(
  stored: StoredSecret | null,
  use: SecretUse,
  secret: { feedId: string; name: string | undefined },
  bind: (origins: readonly string[]) => Promise<void>,
  log?: Logger,
): Promise<string | null> {
  if (stored === null) return null;
  let origins = stored.origins;
  if (origins === null) {
    origins = [...use.origins];
    await bind(origins);
    log?.info('secrets: a secret stored without its address is now bound to the feed’s current address', {
      feedId: secret.feedId,
      name: secret.name ?? 'main',
      origins,
    });
  }
  if (!origins.includes(use.origin)) throw new SecretOriginError(secret.name, origins, use.origin);
  return stored.value;
}
