// The OS keychain through @napi-rs/keyring (keyring-rs): macOS Keychain, Windows Credential Manager, Linux Secret Service.
//
// What the binding does on Linux (@napi-rs/keyring 2.1.2, found by hand under dbus-run-session + gnome-keyring 42):
// - By default keyring-rs picks the Secret Service and silently falls back to the kernel keyutils store, which keeps
//   secrets only until logout. The issue forbids that, so every entry is pinned with
//   EntryOptions { linux: { store: 'secret-service' } }: "requiring a store that is unavailable throws instead of
//   falling back". No own D-Bus check is needed; the binding's errors say what is missing:
//     no session bus         "Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled …"
//                            or "… DBus error: Failed to connect to socket …"
//     no keyring daemon      "… DBus error: The name org.freedesktop.secrets was not provided by any .service files"
//     no default collection  setPassword: "Couldn't access platform storage: Secret Service: no result found"
//     locked, no prompt      "… Secret Service: unlock prompt was dismissed" (getPassword of an ABSENT entry still
//                            answers null without unlocking, so the probe writes, reads and deletes a probe entry)
// - Items carry the attributes service=<service> and username=<account> (label "keyring:<account>@<service>"), so
//   `secret-tool lookup service Feedbell username <feedId>` finds a feed's main secret.
// The async entry is used so that an unlock prompt on a desktop never blocks the Electron main thread.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { FEED_ID_PATTERN } from '../feeds/feed-config.ts';
import { FeedError, type LocalizedText } from '../model.ts';
import type { WritableSecretStore } from '../ports.ts';

/** The keychain service name of every Feedbell secret. */
export const KEYCHAIN_SERVICE = 'Feedbell';

/** Secret names a feed may have beside its main secret (Extern's API key, a Kontur sign-in's refresh token). */
export const KNOWN_SECRET_NAMES: readonly string[] = ['apikey', 'refresh'];

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/** A writable store that can also forget a whole feed (removing a feed removes its secrets). */
export interface FeedSecretStore extends WritableSecretStore {
  /** Removes the feed's main secret and every named one; no error for those that were not set. */
  deleteFeed(feedId: string): Promise<void>;
}

/**
 * The keychain account of a secret: the feed id, or "<feedId>:<name>" for a named one ("shop:apikey").
 * Feed ids cannot contain ":", so the two never collide.
 */
export function secretAccount(feedId: string, name?: string): string {
  if (!FEED_ID_PATTERN.test(feedId)) throw new TypeError(`Not a feed id: ${JSON.stringify(feedId)}`);
  if (name === undefined) return feedId;
  if (!NAME_PATTERN.test(name)) throw new TypeError(`Not a secret name: ${JSON.stringify(name)}`);
  return `${feedId}:${name}`;
}

/** Whether an account belongs to a feed (its main secret or a named one). */
export function accountOfFeed(account: string, feedId: string): boolean {
  return account === feedId || account.startsWith(`${feedId}:`);
}

export type KeychainProblemCode = 'module' | 'no-bus' | 'no-service' | 'no-collection' | 'locked' | 'other';

export type KeychainStatus =
  | { available: true }
  | {
      available: false;
      code: KeychainProblemCode;
      /** What is wrong, in plain words. */
      problem: LocalizedText;
      /** What the user can do about it. */
      fix: LocalizedText;
      /** The binding's own words (never a secret), for the log. */
      detail: string;
    };

const LINUX_FIX: LocalizedText = {
  en: 'Install or unlock GNOME Keyring (package gnome-keyring) or KWallet and sign in to a desktop session; then try again.',
  ru: 'Установите или разблокируйте GNOME Keyring (пакет gnome-keyring) или KWallet и войдите в рабочий стол; затем повторите.',
};

function texts(code: KeychainProblemCode, platform: NodeJS.Platform): { problem: LocalizedText; fix: LocalizedText } {
  const linux = platform !== 'darwin' && platform !== 'win32';
  switch (code) {
    case 'module':
      return {
        problem: { en: 'The keychain module of Feedbell could not be loaded on this system.', ru: 'Модуль связки ключей Feedbell не загрузился в этой системе.' },
        fix: { en: 'Reinstall Feedbell.', ru: 'Переустановите Feedbell.' },
      };
    case 'no-bus':
      return {
        problem: {
          en: 'No keychain is available: there is no D-Bus session bus, so the Secret Service (GNOME Keyring or KWallet) cannot be reached.',
          ru: 'Хранилище паролей недоступно: нет сеансовой шины D-Bus, поэтому Secret Service (GNOME Keyring или KWallet) не найти.',
        },
        fix: LINUX_FIX,
      };
    case 'no-service':
      return {
        problem: {
          en: 'No keychain is available: no Secret Service (GNOME Keyring or KWallet) runs in this session.',
          ru: 'Хранилище паролей недоступно: в этом сеансе не работает Secret Service (GNOME Keyring или KWallet).',
        },
        fix: LINUX_FIX,
      };
    case 'no-collection':
      return {
        problem: {
          en: 'The keychain has no default keyring to keep passwords in.',
          ru: 'В хранилище паролей нет связки ключей по умолчанию.',
        },
        fix: {
          en: 'Create or unlock the default "Login" keyring (Passwords and Keys / Seahorse for GNOME Keyring, or KWallet Manager); then try again.',
          ru: 'Создайте или разблокируйте связку ключей «Login» по умолчанию (программа «Пароли и ключи» / Seahorse для GNOME Keyring или «Бумажник KDE»); затем повторите.',
        },
      };
    case 'locked':
      return {
        problem: { en: 'The keychain is locked.', ru: 'Хранилище паролей заблокировано.' },
        fix: linux
          ? {
              en: 'Unlock GNOME Keyring or KWallet (for example in Passwords and Keys / Seahorse) and try again.',
              ru: 'Разблокируйте GNOME Keyring или KWallet (например, в программе «Пароли и ключи» / Seahorse) и повторите.',
            }
          : {
              en: 'Unlock the system keychain and try again.',
              ru: 'Разблокируйте системную связку ключей и повторите.',
            },
      };
    case 'other':
      return {
        problem: { en: 'The keychain refused to keep the secret.', ru: 'Хранилище паролей отказалось сохранить секрет.' },
        fix: linux
          ? LINUX_FIX
          : {
              en: platform === 'darwin' ? 'Check Keychain Access and allow Feedbell; then try again.' : 'Check Windows Credential Manager; then try again.',
              ru: platform === 'darwin' ? 'Проверьте «Связку ключей» и разрешите доступ Feedbell; затем повторите.' : 'Проверьте «Диспетчер учётных данных» Windows; затем повторите.',
            },
      };
  }
}

/** Sorts a binding error into what the user has to do. */
export function classifyKeychainError(message: string): KeychainProblemCode {
  if (/not provided by any \.service|ServiceUnknown|org\.freedesktop\.secrets/i.test(message)) return 'no-service';
  if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|connect to socket|DBus error|dbus/i.test(message)) return 'no-bus';
  if (/lock|prompt/i.test(message)) return 'locked';
  if (/no result found|NoSuchObject|no such (object|collection)|collection/i.test(message)) return 'no-collection';
  return 'other';
}

/** The keychain cannot be used; plain words for the window (`problem`, `fix`) and the CLI (the message and hint). */
export class KeychainUnavailableError extends FeedError {
  readonly code: KeychainProblemCode;
  readonly problem: LocalizedText;
  readonly fix: LocalizedText;
  constructor(status: Extract<KeychainStatus, { available: false }>) {
    super('config', status.problem.en, { hint: status.fix.en, detail: status.detail });
    this.name = 'KeychainUnavailableError';
    this.code = status.code;
    this.problem = status.problem;
    this.fix = status.fix;
  }
}

/** One keychain item. */
export interface KeyringEntry {
  setPassword(password: string): Promise<void>;
  getPassword(): Promise<string | null>;
  /** True when an item was deleted, false when there was none. */
  deletePassword(): Promise<boolean>;
}

/** The slice of @napi-rs/keyring Feedbell uses; tests pass a fake to reach every error path. */
export interface KeyringBinding {
  /** Throws when the store cannot be reached. */
  entry(service: string, account: string): KeyringEntry;
  /** Accounts that have an item under `service` (never their passwords). */
  accounts(service: string): Promise<string[]>;
}

interface NapiKeyring {
  AsyncEntry: new (service: string, username: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => KeyringEntry;
  findCredentialsAsync(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** The real binding, loaded on first use so that a missing native module is a "keychain unavailable", not a crash. */
export function napiKeyringBinding(): KeyringBinding {
  let loaded: NapiKeyring | null = null;
  const load = (): NapiKeyring => (loaded ??= createRequire(import.meta.url)('@napi-rs/keyring') as NapiKeyring);
  return {
    entry: (service, account) => new (load().AsyncEntry)(service, account, { linux: { store: 'secret-service' } }),
    async accounts(service) {
      return (await load().findCredentialsAsync(service)).map((c) => c.account);
    },
  };
}

function messageOf(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? e.message : String(e);
    if (!parts.some((p) => p.includes(text))) parts.push(text);
  }
  return parts.join(': ');
}

export interface KeychainOptions {
  service?: string;
  binding?: KeyringBinding;
  platform?: NodeJS.Platform;
}

/** Secrets in the OS keychain: service "Feedbell", account "<feedId>" or "<feedId>:<name>". */
export class KeychainSecretStore implements FeedSecretStore {
  readonly backend = 'keychain' as const;
  readonly service: string;
  readonly #binding: KeyringBinding;
  readonly #platform: NodeJS.Platform;

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.#binding = options.binding ?? napiKeyringBinding();
    this.#platform = options.platform ?? process.platform;
  }

  /** Whether the keychain can keep a secret now: writes, reads back and deletes a throwaway probe item. */
  async probe(): Promise<KeychainStatus> {
    const value = randomBytes(12).toString('hex');
    try {
      const entry = this.#entry('.probe', value);
      await entry.setPassword(value);
      const back = await entry.getPassword();
      await entry.deletePassword();
      if (back !== value) return this.#status(new Error('the probe item did not read back'), 'other');
      return { available: true };
    } catch (err) {
      if (err instanceof KeychainUnavailableError) return this.#statusOf(err);
      return this.#status(err);
    }
  }

  async get(feedId: string, name?: string): Promise<string | null> {
    const account = secretAccount(feedId, name);
    return this.#run(() => this.#entry(account).getPassword());
  }

  async set(feedId: string, value: string, name?: string): Promise<void> {
    const account = secretAccount(feedId, name);
    if (value === '') throw new TypeError('An empty secret cannot be kept; delete it instead');
    await this.#run(() => this.#entry(account, value).setPassword(value), value);
  }

  async delete(feedId: string, name?: string): Promise<void> {
    const account = secretAccount(feedId, name);
    await this.#run(() => this.#entry(account).deletePassword());
  }

  async has(feedId: string, name?: string): Promise<boolean> {
    return (await this.get(feedId, name)) !== null;
  }

  async deleteFeed(feedId: string): Promise<void> {
    secretAccount(feedId);
    // The main secret first: it throws when the keychain is unavailable, before anything is reported as gone.
    await this.delete(feedId);
    for (const name of KNOWN_SECRET_NAMES) await this.delete(feedId, name);
    const accounts = await this.#run(() => this.#binding.accounts(this.service));
    for (const account of accounts) {
      if (accountOfFeed(account, feedId)) await this.#run(() => this.#entry(account).deletePassword());
    }
  }

  #entry(account: string, secret?: string): KeyringEntry {
    try {
      return this.#binding.entry(this.service, account);
    } catch (err) {
      throw new KeychainUnavailableError(this.#status(err, undefined, secret));
    }
  }

  async #run<T>(operation: () => Promise<T>, secret?: string): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof KeychainUnavailableError || err instanceof TypeError) throw err;
      throw new KeychainUnavailableError(this.#status(err, undefined, secret));
    }
  }

  #statusOf(err: KeychainUnavailableError): KeychainStatus {
    return { available: false, code: err.code, problem: err.problem, fix: err.fix, detail: err.detail ?? '' };
  }

  #status(err: unknown, code?: KeychainProblemCode, secret?: string): Extract<KeychainStatus, { available: false }> {
    let detail = messageOf(err);
    if (secret) detail = detail.split(secret).join('***');
    const moduleMissing = /native binding|Cannot find module|@napi-rs\/keyring/i.test(detail);
    const kind = code ?? (moduleMissing ? 'module' : classifyKeychainError(detail));
    return { available: false, code: kind, ...texts(kind, this.#platform), detail };
  }
}
