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
//
// How one secret is laid out (account A = "<feedId>" or "<feedId>:<name>"), the same on every OS:
// - Entry A holds a small JSON envelope that records the origins the secret was entered for (secret-origins.ts):
//     {"feedbell":1,"origins":["https://api.example.ru"],"secret":"<the token>"}
//   so `secret-tool lookup service Feedbell username <feedId>` still shows the token, and the address it is for.
// - Windows' Credential Manager keeps at most 2,560 bytes per entry and the binding writes UTF-16, so no entry may
//   exceed 1,280 UTF-16 code units. Feedbell keeps every entry within MAX_ENTRY_UNITS (1,000, a margin for the
//   envelope). A longer secret goes into numbered entries A#1, A#2, … of at most MAX_ENTRY_UNITS each (never splitting
//   a surrogate pair), and A holds a header instead:
//     {"feedbell":1,"origins":[…],"chunks":5,"length":4096,"sha256":"<first 16 hex digits of the secret's SHA-256>"}
//   (the checksum sits in the keychain beside the secret it checks, so it tells nothing the keychain does not hold).
//   The pieces are written first and the header last, so the header is the commit point; a read that finds a piece
//   missing, or pieces that do not add up to the length and checksum, is an error that asks for the secret again,
//   never a truncated token. A shorter secret replacing a longer one, and a delete, remove the pieces past the end.
// - Entry A holding anything else (no envelope) is a secret stored before Feedbell recorded origins, or by
//   `feedbell secret set`, which cannot know the feed's address: it has no origins until its first use binds it.
// Feed ids and secret names cannot contain "#" or ":", so these accounts never collide.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { FEED_ID_PATTERN } from '../feeds/feed-config.ts';
import { FeedError, type LocalizedText } from '../model.ts';
import type { Logger, SecretUse, WritableSecretStore } from '../ports.ts';
import { serverExcerpt } from '../text/server-text.ts';
import { releaseSecret, type StoredSecret } from './secret-release.ts';

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

/** Whether an account belongs to a feed (its main secret or a named one, or a piece of either). */
export function accountOfFeed(account: string, feedId: string): boolean {
  return account === feedId || account.startsWith(`${feedId}:`) || account.startsWith(`${feedId}#`);
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
        problem: {
          en: 'The keychain module of Feedbell could not be loaded on this system.',
          ru: 'Модуль связки ключей Feedbell не загрузился в этой системе.',
        },
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
              en:
                platform === 'darwin'
                  ? 'Check Keychain Access and allow Feedbell; then try again.'
                  : 'Check Windows Credential Manager; then try again.',
              ru:
                platform === 'darwin'
                  ? 'Проверьте «Связку ключей» и разрешите доступ Feedbell; затем повторите.'
                  : 'Проверьте «Диспетчер учётных данных» Windows; затем повторите.',
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
  AsyncEntry: new (
    service: string,
    username: string,
    options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
  ) => KeyringEntry;
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

/**
 * Largest entry Feedbell writes, in UTF-16 code units. Windows' Credential Manager keeps at most 2,560 bytes per entry
 * (CRED_MAX_CREDENTIAL_BLOB_SIZE) and the binding stores UTF-16, i.e. 1,280 units; 1,000 leaves room to spare.
 */
export const MAX_ENTRY_UNITS = 1000;
/** Most pieces one secret may have (a secret is at most a few KiB; this only bounds a loop over a damaged keychain). */
const MAX_CHUNKS = 64;
const ENVELOPE_PREFIX = '{"feedbell":1,';

interface Envelope {
  feedbell: 1;
  origins?: string[];
  secret?: string;
  chunks?: number;
  length?: number;
  sha256?: string;
}

/** The head entry, read: a bare value (no envelope), a whole secret, or the header of one split into pieces. */
type Head =
  | { kind: 'whole'; value: string; origins: string[] | null }
  | { kind: 'chunked'; chunks: number; length: number; sha256: string; origins: string[] | null }
  | { kind: 'damaged' };

function checksum(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

function parseHead(text: string): Head {
  if (!text.startsWith(ENVELOPE_PREFIX)) return { kind: 'whole', value: text, origins: null };
  let envelope: Envelope;
  try {
    envelope = JSON.parse(text) as Envelope;
  } catch {
    return { kind: 'damaged' };
  }
  const origins =
    Array.isArray(envelope.origins) && envelope.origins.every((o) => typeof o === 'string') ? envelope.origins : null;
  if (typeof envelope.secret === 'string') return { kind: 'whole', value: envelope.secret, origins };
  const { chunks, length, sha256 } = envelope;
  if (
    Number.isInteger(chunks) &&
    chunks! >= 1 &&
    chunks! <= MAX_CHUNKS &&
    Number.isInteger(length) &&
    typeof sha256 === 'string'
  ) {
    return { kind: 'chunked', chunks: chunks!, length: length!, sha256, origins };
  }
  return { kind: 'damaged' };
}

/** Consecutive pieces of at most `size` UTF-16 code units; a surrogate pair is never cut in two. */
export function splitSecret(value: string, size = MAX_ENTRY_UNITS): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < value.length;) {
    let end = Math.min(value.length, start + size);
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(value.slice(start, end));
    start = end;
  }
  return pieces;
}

/** The stored secret cannot be read back whole: it is never returned in part; the user enters it again. */
export class IncompleteSecretError extends FeedError {
  constructor(account: string, problem: string) {
    super('auth', `The stored secret ${account} is incomplete in the OS keychain (${problem}): enter it again`, {
      hint: account.endsWith(':refresh')
        ? 'Войдите в Контур заново (Sign in to Kontur again)'
        : 'Введите токен заново в настройках ленты (Enter the token again in the feed settings)',
      detail: 'secret-incomplete',
    });
    this.name = 'IncompleteSecretError';
  }
}

export interface KeychainOptions {
  service?: string;
  binding?: KeyringBinding;
  platform?: NodeJS.Platform;
  /** Where a secret bound to its address on first use is reported (never the secret). */
  log?: Logger;
}

/**
 * Secrets in the OS keychain: service "Feedbell", account "<feedId>" or "<feedId>:<name>", each with the origins it
 * was entered for, long ones split into pieces (see the top of this file).
 */
export class KeychainSecretStore implements FeedSecretStore {
  readonly backend = 'keychain' as const;
  readonly service: string;
  readonly #binding: KeyringBinding;
  readonly #platform: NodeJS.Platform;
  readonly #log: Logger | undefined;

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.#binding = options.binding ?? napiKeyringBinding();
    this.#platform = options.platform ?? process.platform;
    this.#log = options.log;
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

  async get(feedId: string, name: string | undefined, use: SecretUse): Promise<string | null> {
    const stored = await this.read(feedId, name);
    return releaseSecret(stored, use, { feedId, name }, (origins) => this.set(feedId, stored!.value, name, origins), this.#log);
  }

  /**
   * The stored secret with the origins it was entered for (null: not recorded), or null when there is none. Only
   * for moving secrets between stores and for tests: everything that sends a secret uses get().
   */
  async read(feedId: string, name?: string): Promise<StoredSecret | null> {
    const account = secretAccount(feedId, name);
    const text = await this.#run(() => this.#entry(account).getPassword());
    if (text === null) return null;
    const head = parseHead(text);
    if (head.kind === 'damaged') throw new IncompleteSecretError(account, 'its first entry is unreadable');
    if (head.kind === 'whole') return { value: head.value, origins: head.origins };
    let value = '';
    for (let n = 1; n <= head.chunks; n++) {
      const piece = await this.#run(() => this.#entry(`${account}#${n}`).getPassword());
      if (piece === null) throw new IncompleteSecretError(account, `part ${n} of ${head.chunks} is missing`);
      value += piece;
    }
    if (value.length !== head.length || checksum(value) !== head.sha256) {
      throw new IncompleteSecretError(account, 'its parts do not fit together');
    }
    return { value, origins: head.origins };
  }

  /**
   * Keeps a secret with the origins it was entered for; `origins` null (the CLI's `secret set`, which cannot know the
   * feed's address) leaves it unbound until its first use. A secret over MAX_ENTRY_UNITS goes into pieces.
   */
  async set(feedId: string, value: string, name?: string, origins: readonly string[] | null = null): Promise<void> {
    const account = secretAccount(feedId, name);
    if (value === '') throw new TypeError('An empty secret cannot be kept; delete it instead');
    const before = await this.#chunkCount(account);
    const recorded = origins === null ? {} : { origins: [...origins] };
    let head = JSON.stringify({ feedbell: 1, ...recorded, secret: value } satisfies Envelope);
    // An unbound secret that fits is kept bare, exactly as `secret-tool store` would keep it.
    if (origins === null && value.length <= MAX_ENTRY_UNITS && !value.startsWith(ENVELOPE_PREFIX)) head = value;
    let pieces: string[] = [];
    if (head.length > MAX_ENTRY_UNITS) {
      pieces = splitSecret(value);
      if (pieces.length > MAX_CHUNKS) throw new TypeError('The secret is too long to keep');
      for (const [i, piece] of pieces.entries())
        await this.#run(() => this.#entry(`${account}#${i + 1}`, piece).setPassword(piece), piece);
      head = JSON.stringify({
        feedbell: 1,
        ...recorded,
        chunks: pieces.length,
        length: value.length,
        sha256: checksum(value),
      } satisfies Envelope);
      if (head.length > MAX_ENTRY_UNITS) throw new TypeError('The addresses recorded with the secret are too long');
    }
    await this.#run(() => this.#entry(account, value).setPassword(head), value);
    await this.#removePieces(account, pieces.length + 1, before);
  }

  async delete(feedId: string, name?: string): Promise<void> {
    const account = secretAccount(feedId, name);
    const before = await this.#chunkCount(account);
    // The head first: once it is gone the secret is gone, whatever happens to the pieces.
    await this.#run(() => this.#entry(account).deletePassword());
    await this.#removePieces(account, 1, before);
  }

  async has(feedId: string, name?: string): Promise<boolean> {
    const account = secretAccount(feedId, name);
    return (await this.#run(() => this.#entry(account).getPassword())) !== null;
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

  /** How many pieces the stored secret has by its header (0 when whole, absent or unreadable). */
  async #chunkCount(account: string): Promise<number> {
    const text = await this.#run(() => this.#entry(account).getPassword());
    if (text === null) return 0;
    const head = parseHead(text);
    return head.kind === 'chunked' ? head.chunks : 0;
  }

  /** Deletes pieces from number `from` on: at least up to `known`, then on while more turn up (left by a crash). */
  async #removePieces(account: string, from: number, known: number): Promise<void> {
    for (let n = from; n <= MAX_CHUNKS; n++) {
      const existed = await this.#run(() => this.#entry(`${account}#${n}`).deletePassword());
      if (!existed && n > known) break;
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
    // The binding's own words: bounded, with the secret scrubbed in any form it may echo.
    const detail = serverExcerpt(messageOf(err), [secret], 500);
    const moduleMissing = /native binding|Cannot find module|@napi-rs\/keyring/i.test(detail);
    const kind = code ?? (moduleMissing ? 'module' : classifyKeychainError(detail));
    return { available: false, code: kind, ...texts(kind, this.#platform), detail };
  }
}
