// The core service: owns the event store and one poller per feed, and turns stored events into
// pushes, tray state and notifications. The app, the CLI and the tests all run this same object.
import { join } from 'node:path';
import type {
  EventRecord,
  FeedConfigEntry,
  FeedConfigPatch,
  FeedImportResult,
  FeedSaveResult,
  FeedSecretsInput,
  FeedStatus,
  FeedTestResult,
  FieldError,
  SecretStatus,
  Preferences,
  PushChannel,
  Pushes,
  UnreadCounts,
  KeychainInfo,
} from '../../preload/contract.ts';
import { DEFAULT_PREFERENCES, type FeedsRepository } from './feeds-repository.ts';
import { mainSecretRequired, sourceKeys, type ProviderModule } from './feeds/provider-module.ts';
import { BUILT_IN_PROVIDERS, type ProviderRegistry } from './feeds/registry.ts';
import { HttpClient, type HttpClientOptions } from './http/http-client.ts';
import { ConfigError, FEED_ID_PATTERN, formatStart, parseFeedConfig, parseFeedsConfig } from './feeds/feed-config.ts';
import { describeCheck } from './feeds/feed-check-text.ts';
import type { FeedConfig, FeedError } from './model.ts';
import { decideNotifications } from './notify/notification-policy.ts';
import { FeedPoller, type SyncResult } from './poller/feed-poller.ts';
import type { RetryPolicy } from './poller/transient-retry.ts';
import {
  noPowerEvents,
  silentLogger,
  systemClock,
  type Clock,
  type Logger,
  type Notifier,
  type PowerEvents,
  type SecretStore,
  type SettingsStore,
  type TrayView,
  type WritableSecretStore,
  type KeychainControl,
} from './ports.ts';
import type { SecretOrigins } from './secrets/secret-origins.ts';
import { CapabilityHost, secretOriginsOf } from './services/capability-host.ts';
import { SecretOriginError } from './secrets/secret-release.ts';
import { EventStore } from './store/event-store.ts';
import { trayTooltip } from './tray-tooltip.ts';

export const DATABASE_FILE = 'feedbell.db';

export interface PushSinkLike {
  send<C extends PushChannel>(channel: C, payload: Pushes[C]): void;
}

/** What one feed's `syncAllOnce` came to. */
export interface FeedSyncOutcome {
  inserted: number;
  caughtUp: boolean;
  error: FeedError | null;
}

export interface CoreOptions {
  /** Folder of the event log; ':memory:' keeps it in memory (tests). */
  dataDir: string;
  feeds: FeedsRepository;
  settings: SettingsStore;
  /** Where feed secrets are read; a writable store (the keychain) also lets the window set and delete them. */
  secrets: SecretStore | WritableSecretStore;
  notifier?: Notifier;
  tray?: TrayView;
  clock?: Clock;
  power?: PowerEvents;
  log?: Logger;
  random?: () => number;
  /** Timeouts and size cap of the HTTP client (tests shorten them); the proxy comes from the preferences. */
  httpOptions?: Omit<HttpClientOptions, 'proxy'>;
  /** The OS keychain behind `secrets`, when there is one (the app's): its state and the memory-only consent. */
  keychain?: KeychainControl;
  /** How transient failures are retried within one run (tests shorten it). */
  retryPolicy?: RetryPolicy;
  /** The provider modules to run with; the built-in ones unless a test registers others. */
  providers?: ProviderRegistry;
}

/** Longest secret accepted (tokens are JWTs of a few KiB at most). */
export const MAX_SECRET_LENGTH = 4096;

/** Whether a secret store can also keep secrets (the keychain or session memory), not only read them. */
export function isWritableSecretStore(store: SecretStore): store is WritableSecretStore {
  const s = store as Partial<WritableSecretStore>;
  return typeof s.set === 'function' && typeof s.delete === 'function' && typeof s.has === 'function' && typeof s.backend === 'string';
}

/** A feed in the config file's shape (start as "now", "beginning" or an ISO date): export, import and the edit form. */
export function toConfigEntry(feed: FeedConfig): FeedConfigEntry {
  return {
    id: feed.id,
    provider: feed.provider,
    name: feed.name,
    enabled: feed.enabled,
    intervalSec: feed.intervalSec,
    start: formatStart(feed.start),
    settings: structuredClone(feed.settings),
  };
}

/** A feed's settings as its provider's schema fills them in (defaults), or as given when they do not parse. */
function parsedSettings(module: ProviderModule, settings: unknown): Record<string, unknown> {
  const parsed = module.provider.settingsSchema.safeParse(settings ?? {});
  return (parsed.success ? parsed.data : (settings ?? {})) as Record<string, unknown>;
}

export class FeedbellCore {
  readonly store: EventStore;
  readonly providers: ProviderRegistry;
  /** The provider modules' capabilities (sign-in, token assistant, sharing), running. */
  readonly capabilities: CapabilityHost;
  readonly #origins: SecretOrigins;
  readonly #options: CoreOptions;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #pollers = new Map<string, FeedPoller>();
  #sink: PushSinkLike | null = null;
  #running = false;
  #http: HttpClient;
  #stopping = false;
  /** A syncAllOnce in progress, which stop() lets finish (its requests aborted) before closing the store. */
  #syncAll: Promise<unknown> | null = null;
  #unsubscribePower: (() => void) | null = null;

  private constructor(options: CoreOptions, store: EventStore) {
    this.#options = options;
    this.store = store;
    this.providers = options.providers ?? BUILT_IN_PROVIDERS;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? silentLogger;
    this.#http = new HttpClient({ ...options.httpOptions, proxy: this.preferences().proxy || null });
    this.capabilities = new CapabilityHost(this.providers, {
      // Through whatever client is current, so a changed proxy applies to sign-in too.
      http: { send: (req) => this.#http.send(req) },
      feed: (feedId) => this.#pollers.get(feedId)?.feed ?? null,
      apiSecret: async (feed, name) => {
        if (this.#origins.addresses(feed).api === null) return null;
        return this.#options.secrets.get(feed.id, name, this.#origins.use(feed, name, 'api'));
      },
      writableSecrets: this.#writableSecrets(),
      setMainSecret: (feedId, value) => this.setSecret(feedId, value),
      syncNow: (feedId) => this.syncNow(feedId),
      push: (channel, payload) => this.#sink?.send(channel, payload),
      clock: this.#clock,
      log: this.#log,
    });
    this.#origins = secretOriginsOf(this.providers);
    for (const feed of options.feeds.list()) this.#addPoller(feed);
  }

  static open(options: CoreOptions): FeedbellCore {
    const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, DATABASE_FILE);
    return new FeedbellCore(options, EventStore.open(file));
  }

  /** Starts polling every enabled feed and listens for system resume. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#announceMissed();
    for (const poller of this.#pollers.values()) if (poller.feed.enabled) poller.start();
    const power = this.#options.power ?? noPowerEvents;
    this.#unsubscribePower = power.onResume(() => {
      this.#log.info('system resumed: polling now');
      for (const poller of this.#pollers.values()) poller.resume();
    });
    this.#refreshTray();
  }

  /**
   * Stops every poller (aborting requests in flight) and closes the store; `beforeClose` runs once nothing polls any
   * more and the store is still open (the CLI prints what was stored).
   */
  async stop(options: { beforeClose?: () => Promise<void> } = {}): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    // Sign-ins waiting for the user are abandoned first, so no poll of Kontur outlives the core.
    this.capabilities.close();
    this.#unsubscribePower?.();
    await Promise.all([...this.#pollers.values()].map((poller) => poller.stop()));
    await this.#syncAll?.catch(() => {});
    await options.beforeClose?.().catch((err: unknown) => this.#log.error('core: before-close step failed', { error: String(err) }));
    this.store.close();
    await this.#http.close();
  }

  setPushSink(sink: PushSinkLike | null): void {
    this.#sink = sink;
  }

  // ---- feeds ----

  feedConfigs(): FeedConfig[] {
    return [...this.#pollers.values()].map((poller) => poller.feed);
  }

  listFeeds(): FeedStatus[] {
    return [...this.#pollers.keys()].map((id) => this.feedStatus(id)!);
  }

  feedStatus(feedId: string): FeedStatus | null {
    const poller = this.#pollers.get(feedId);
    if (!poller) return null;
    const feed = poller.feed;
    const state = this.store.feedState(feedId);
    const paused = state?.paused ?? false;
    const phase = !feed.enabled ? 'disabled' : paused ? 'paused' : poller.phase === 'idle' && state?.lastError ? 'error' : poller.phase;
    return {
      id: feed.id,
      name: feed.name,
      provider: feed.provider,
      enabled: feed.enabled,
      paused,
      phase,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      nextPollAt: poller.nextPollAt,
      unread: state?.unread ?? 0,
      note: state?.note ?? null,
    };
  }

  /** Adds a feed (validated), stores the list and starts polling it. */
  addFeed(input: unknown): FeedStatus {
    const feed = parseFeedConfig(input, 'feed', this.providers);
    if (this.#pollers.has(feed.id)) throw new Error(`A feed with id "${feed.id}" already exists`);
    this.#options.feeds.save([...this.feedConfigs(), feed]);
    const poller = this.#addPoller(feed);
    if (this.#options.notifier) this.store.ensureDeliveries('notify', [feed.id]);
    if (this.#running && feed.enabled) poller.start();
    this.#pushStatus(feed.id);
    return this.feedStatus(feed.id)!;
  }

  /** The sample feed (the first module that offers one), offered on first run. Idempotent. */
  addSampleFeed(settings: Record<string, unknown> = {}): FeedStatus {
    const module = this.providers.all().find((m) => m.sampleFeed !== undefined);
    const sample = module?.sampleFeed;
    if (!module || !sample) throw new Error('No provider offers a sample feed');
    if (this.#pollers.has(sample.id)) return this.feedStatus(sample.id)!;
    return this.addFeed({ ...sample, provider: module.id, settings: { ...sample.settings, ...settings } });
  }

  /** Removes a feed: stops it, forgets its events and state, and deletes its secrets from the keychain. */
  async removeFeed(feedId: string): Promise<void> {
    const poller = this.#pollers.get(feedId);
    if (!poller) return;
    await poller.stop();
    this.#pollers.delete(feedId);
    this.#options.feeds.save(this.feedConfigs());
    this.store.removeFeed(feedId);
    this.#pushCounts();
    // Forget the in-memory access token too; the refresh token goes with the feed's other secrets.
    await this.capabilities.signOut(poller.feed);
    await this.#deleteSecrets(poller.feed);
  }

  // ---- managing feeds from the window ----

  /** A feed's configuration in the config file's shape, for the edit form; null for an unknown feed. */
  feedConfigEntry(feedId: string): FeedConfigEntry | null {
    const poller = this.#pollers.get(feedId);
    return poller ? toConfigEntry(poller.feed) : null;
  }

  /**
   * Changes a feed and restarts its poller with the new configuration. `settings`, when given, replaces the
   * settings as a whole (a cleared optional field must go away). The id and the service cannot change.
   * A new source (another box, app, organization, account or API address) or a new start position resets the
   * feed's position, so it starts over from its start position; otherwise it goes on from where it was.
   * When the API or sign-in address changes origin, the feed's secrets and its Kontur sign-in are deleted: a token
   * entered for one service is never sent to another (they are entered again for the new one).
   */
  async updateFeed(feedId: string, patch: FeedConfigPatch): Promise<FeedStatus> {
    return this.#update(feedId, patch, new Set());
  }

  /** updateFeed, keeping the secrets named in `kept` (just stored for the new address) when the address changes. */
  async #update(feedId: string, patch: FeedConfigPatch, kept: ReadonlySet<string | undefined>): Promise<FeedStatus> {
    const [poller] = this.#selected(feedId);
    const current = poller!.feed;
    const next = this.#patched(current, patch);
    const moved =
      formatStart(next.start) !== formatStart(current.start) ||
      sourceKeys(this.providers.get(current.provider)).some((key) => JSON.stringify(next.settings[key]) !== JSON.stringify(current.settings[key]));
    await poller!.stop();
    const addresses = this.#origins.changed(current, next);
    if (addresses.length > 0) {
      this.#log.info('secrets: the feed’s address changed, so its stored secrets and sign-in were deleted', { feedId, changes: addresses });
      await this.capabilities.signOut(current).catch((err: unknown) => this.#log.warn('could not end the sign-in', { feedId, error: err instanceof Error ? err.name : 'unknown' }));
      await this.#deleteSecrets(current, kept);
    }
    if (moved) {
      this.store.updateFeedState(feedId, { cursor: null, started: false, firstSyncDone: false, skipBefore: null, note: null });
    }
    this.store.updateFeedState(feedId, { lastError: null });
    const replacement = this.#newPoller(next);
    const pollers = [...this.#pollers].map(([id, p]) => [id, id === feedId ? replacement : p] as const);
    this.#pollers.clear();
    for (const [id, p] of pollers) this.#pollers.set(id, p);
    this.#options.feeds.save(this.feedConfigs());
    if (this.#running && next.enabled) replacement.start();
    this.#pushStatus(feedId);
    return this.feedStatus(feedId)!;
  }

  /** The feed with `patch` applied and validated; a ConfigError names the field. */
  #patched(current: FeedConfig, patch: FeedConfigPatch): FeedConfig {
    const raw = patch as Record<string, unknown>;
    if ('provider' in raw && raw['provider'] !== current.provider) {
      throw new ConfigError(`feed "${current.id}": provider: the service of a feed cannot change; add a new feed instead`);
    }
    if ('id' in raw && raw['id'] !== current.id) throw new ConfigError(`feed "${current.id}": id: the id of a feed cannot change`);
    const entry = toConfigEntry(current);
    return parseFeedConfig(
      {
        ...entry,
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
        ...(patch.intervalSec === undefined ? {} : { intervalSec: patch.intervalSec }),
        ...(patch.start === undefined ? {} : { start: patch.start }),
        ...(patch.settings === undefined ? {} : { settings: patch.settings }),
      },
      `feed "${current.id}"`,
      this.providers,
    );
  }

  /** Turns a feed on or off (kept in the configuration, unlike a pause). */
  async setEnabled(feedId: string, enabled: boolean): Promise<FeedStatus> {
    const [poller] = this.#selected(feedId);
    if (poller!.feed.enabled === enabled) return this.feedStatus(feedId)!;
    return this.updateFeed(feedId, { enabled });
  }

  /**
   * The window's "add feed": field-by-field validation (errors name the field), the secrets into the secret
   * store first (so the first poll has them), then the feed. Never throws for bad input; never echoes a secret.
   */
  async addFeedFromForm(input: FeedConfigEntry, secrets: FeedSecretsInput | null): Promise<FeedSaveResult> {
    const errors = this.#fieldErrors(input);
    if (this.#pollers.has(input.id)) {
      errors.push({ field: 'id', message: this.#say(`Лента с ID «${input.id}» уже есть`, `A feed with id "${input.id}" already exists`) });
    }
    const module = this.providers.find(input.provider);
    // Its form says whether the token must be typed: a feed that signs in, or gets its token from an assistant once
    // it is saved, has none to type.
    if (module && !secrets?.main && mainSecretRequired(module, parsedSettings(module, input.settings))) {
      errors.push({ field: 'secret', message: this.#say('Введите токен: без него лента не получит событий', 'Enter the token: the feed gets no events without it') });
    }
    errors.push(...this.#secretErrors(input.provider, secrets));
    if (errors.length > 0) return { ok: false, errors };
    let feed: FeedConfig;
    try {
      feed = parseFeedConfig(input, 'feed', this.providers);
    } catch (err) {
      return { ok: false, errors: [{ field: '', message: (err as Error).message }] };
    }
    // A new feed never inherits secrets left under its id (by a removal that failed, or by the CLI): they were
    // entered for whatever address that was.
    await this.#deleteSecrets(feed);
    const stored = await this.#storeSecrets(feed, secrets);
    if (stored) return { ok: false, errors: [stored] };
    return { ok: true, feed: this.addFeed(toConfigEntry(feed)) };
  }

  /**
   * The window's "save" for an existing feed: like addFeedFromForm, over updateFeed; secrets given replace the stored
   * ones. When the API or sign-in address changes origin, the stored secrets are deleted and the token must be given
   * again (the form says so before saving).
   */
  async updateFeedFromForm(feedId: string, patch: FeedConfigPatch, secrets: FeedSecretsInput | null): Promise<FeedSaveResult> {
    const [poller] = this.#selected(feedId);
    const currentFeed = poller!.feed;
    const current = toConfigEntry(currentFeed);
    const merged: FeedConfigEntry = {
      ...current,
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
      ...(patch.intervalSec === undefined ? {} : { intervalSec: patch.intervalSec }),
      ...(patch.start === undefined ? {} : { start: patch.start }),
      ...(patch.settings === undefined ? {} : { settings: patch.settings }),
    };
    const errors = [...this.#fieldErrors(merged), ...this.#secretErrors(current.provider, secrets)];
    if (errors.length > 0) return { ok: false, errors };
    let next: FeedConfig;
    try {
      next = this.#patched(currentFeed, patch);
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, errors: [{ field: '', message: err.message }] };
      throw err;
    }
    const moved = this.#origins.changed(currentFeed, next).length > 0;
    if (moved && !secrets?.main && mainSecretRequired(this.providers.get(next.provider), next.settings)) {
      return {
        ok: false,
        errors: [
          {
            field: 'secret',
            message: this.#say(
              'Адрес сервиса изменился: сохранённый токен будет удалён — введите токен для нового адреса',
              'The service address changed: the stored token will be deleted — enter the token for the new address',
            ),
          },
        ],
      };
    }
    // Bound to the new addresses; if the update then fails, they are refused for the old ones, never sent there.
    const stored = await this.#storeSecrets(next, secrets);
    if (stored) return { ok: false, errors: [stored] };
    const kept = new Set<string | undefined>([...(secrets?.main !== undefined ? [undefined] : []), ...Object.keys(secrets?.extras ?? {})]);
    try {
      return { ok: true, feed: await this.#update(feedId, patch, kept) };
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, errors: [{ field: '', message: err.message }] };
      throw err;
    }
  }

  /** Stores one secret of a feed (main, or a named extra of its service) and retries the feed with it. */
  async setSecret(feedId: string, value: string, name?: string): Promise<SecretStatus> {
    const [poller] = this.#selected(feedId);
    const feed = poller!.feed;
    const problem = this.#secretErrors(feed.provider, name ? { extras: { [name]: value } } : { main: value })[0];
    if (problem) throw new ConfigError(problem.message);
    const store = this.#writableSecrets();
    if (!store) throw new Error('Secrets cannot be stored here: no keychain is connected');
    await store.set(feedId, value.trim(), name, this.#origins.of(feed, name));
    this.#retry(feedId);
    return this.secretStatus(feedId);
  }

  /** Which of a feed's secrets are set, and where secrets are kept; never a value. */
  async secretStatus(feedId: string): Promise<SecretStatus> {
    const [poller] = this.#selected(feedId);
    const store = this.#options.secrets;
    const feed = poller!.feed;
    const has = async (name?: string): Promise<boolean> => {
      if (isWritableSecretStore(store)) return store.has(feedId, name);
      const to = this.#origins.home(name);
      if (this.#origins.addresses(feed)[to] === null) return false;
      try {
        return (await store.get(feedId, name, this.#origins.use(feed, name, to))) !== null;
      } catch (err) {
        // Set, though entered for another address (the feed says so when it runs).
        if (err instanceof SecretOriginError) return true;
        throw err;
      }
    };
    const extras: Record<string, boolean> = {};
    for (const name of this.providers.get(poller!.feed.provider).provider.extraSecrets ?? []) extras[name] = await has(name);
    const session = this.capabilities.sessionSecretOf(feed);
    const signedIn = session === null ? undefined : await has(session);
    return { main: await has(), extras, backend: isWritableSecretStore(store) ? store.backend : 'none', ...(signedIn === undefined ? {} : { signedIn }) };
  }

  /** "Test connection": one request with the feed's settings and secret, answered in the window's language. */
  async testFeed(feedId: string): Promise<FeedTestResult> {
    const [poller] = this.#selected(feedId);
    const error = await this.checkFeed(feedId);
    // It works now: a feed held after an error (e.g. a wrong token since replaced) tries again at once.
    if (error === null && this.feedStatus(feedId)?.phase === 'error') this.#retry(feedId);
    return describeCheck(error, this.providers.get(poller!.feed.provider).wording, this.preferences().language);
  }

  /** The feeds configuration as the config file has it ({"feeds": [...]}): never a secret (FeedConfig has none). */
  exportFeeds(): string {
    return `${JSON.stringify({ feeds: this.feedConfigs().map(toConfigEntry) }, null, 2)}\n`;
  }

  /**
   * Adds the feeds of a configuration document. The whole document is validated first (an error names the
   * feed and the field, and nothing is added); feeds whose id already exists are skipped, never overwritten.
   * Secrets are not part of it: the imported feeds ask for theirs.
   */
  async importFeeds(text: string): Promise<FeedImportResult> {
    let feeds: FeedConfig[];
    try {
      feeds = parseFeedsConfig(text, 'import', this.providers);
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, error: err.message };
      throw err;
    }
    const added: string[] = [];
    const skipped: string[] = [];
    for (const feed of feeds) {
      if (this.#pollers.has(feed.id)) {
        skipped.push(feed.id);
        continue;
      }
      // Like a feed added in the form: no secret left under its id comes with it.
      await this.#deleteSecrets(feed);
      this.addFeed(toConfigEntry(feed));
      added.push(feed.id);
    }
    return { ok: true, added, skipped };
  }

  #say(ru: string, en: string): string {
    return this.preferences().language === 'ru' ? ru : en;
  }

  #writableSecrets(): WritableSecretStore | null {
    const store = this.#options.secrets;
    return isWritableSecretStore(store) ? store : null;
  }

  /** Problems with the common fields and the service's settings, each named by its field. */
  #fieldErrors(input: FeedConfigEntry): FieldError[] {
    const errors: FieldError[] = [];
    if (typeof input.id !== 'string' || !FEED_ID_PATTERN.test(input.id)) {
      errors.push({
        field: 'id',
        message: this.#say(
          'ID: 1–64 латинских букв, цифр, «.», «_» или «-», начиная с буквы или цифры',
          'Id: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
        ),
      });
    }
    if (typeof input.name !== 'string' || input.name.trim().length === 0 || input.name.length > 100) {
      errors.push({ field: 'name', message: this.#say('Название: от 1 до 100 символов', 'Name: 1 to 100 characters') });
    }
    if (!Number.isInteger(input.intervalSec) || input.intervalSec < 5 || input.intervalSec > 86_400) {
      errors.push({ field: 'intervalSec', message: this.#say('Интервал: от 5 секунд до суток', 'Interval: 5 seconds to a day') });
    }
    if (!['now', 'beginning'].includes(input.start) && !(/^\d{4}-\d{2}-\d{2}(T.+)?$/.test(input.start) && !Number.isNaN(Date.parse(input.start)))) {
      errors.push({ field: 'start', message: this.#say('Начало: «сейчас», «с начала» или дата', 'Start: "now", "from the beginning" or a date') });
    }
    const module = this.providers.find(input.provider);
    if (!module) return [...errors, { field: 'provider', message: `Unknown service "${String(input.provider)}"` }];
    const settings = module.provider.settingsSchema.safeParse(input.settings ?? {});
    if (!settings.success) {
      const seen = new Set<string>();
      for (const issue of settings.error.issues) {
        const field = issue.path.length > 0 ? `settings.${String(issue.path[0])}` : 'settings';
        if (seen.has(field)) continue;
        seen.add(field);
        errors.push({ field, message: issue.message });
      }
    }
    return errors;
  }

  /** Problems with typed secrets: unknown names, empty, too long, or characters no header can carry. */
  #secretErrors(providerId: FeedConfig['provider'], secrets: FeedSecretsInput | null): FieldError[] {
    if (!secrets) return [];
    const extras = new Set(this.providers.find(providerId)?.provider.extraSecrets ?? []);
    const errors: FieldError[] = [];
    const check = (field: string, value: string) => {
      const v = value.trim();
      if (v.length === 0) errors.push({ field, message: this.#say('Пусто: вставьте значение', 'Empty: paste the value') });
      else if (v.length > MAX_SECRET_LENGTH) errors.push({ field, message: this.#say('Слишком длинно для токена', 'Too long for a token') });
      // oxlint-disable-next-line no-control-regex -- control characters are exactly what must be refused
      else if (/[\u0000-\u001f\u007f]/.test(v)) errors.push({ field, message: this.#say('Содержит переводы строк или управляющие символы', 'Contains line breaks or control characters') });
    };
    if (secrets.main !== undefined) check('secret', secrets.main);
    for (const [name, value] of Object.entries(secrets.extras ?? {})) {
      if (!extras.has(name)) errors.push({ field: `secret.${name}`, message: `Unknown secret "${name.slice(0, 40)}"` });
      else check(`secret.${name}`, value);
    }
    if (errors.length === 0 && (secrets.main !== undefined || Object.keys(secrets.extras ?? {}).length > 0) && !this.#writableSecrets()) {
      errors.push({ field: 'secret', message: this.#say('Секреты здесь негде хранить: связка ключей не подключена', 'Secrets cannot be stored here: no keychain is connected') });
    }
    return errors;
  }

  /**
   * Stores validated secrets with the origins they are entered for (the feed's addresses); a failure (a locked
   * keychain) becomes a field error without the value.
   */
  async #storeSecrets(feed: FeedConfig, secrets: FeedSecretsInput | null): Promise<FieldError | null> {
    const store = this.#writableSecrets();
    const feedId = feed.id;
    if (!store || !secrets) return null;
    try {
      if (secrets.main !== undefined) await store.set(feedId, secrets.main.trim(), undefined, this.#origins.of(feed));
      for (const [name, value] of Object.entries(secrets.extras ?? {})) await store.set(feedId, value.trim(), name, this.#origins.of(feed, name));
      return null;
    } catch (err) {
      this.#log.warn('could not store a feed secret', { feedId, error: err instanceof Error ? err.name : 'unknown' });
      return { field: 'secret', message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Deletes every secret of the feed but those in `kept`; a failure is logged (the secret stays bound to its origins). */
  async #deleteSecrets(feed: FeedConfig, kept: ReadonlySet<string | undefined> = new Set()): Promise<void> {
    const store = this.#writableSecrets();
    if (!store) return;
    const names = new Set<string | undefined>([undefined, ...(this.providers.find(feed.provider)?.provider.extraSecrets ?? []), ...this.#origins.signInSecretNames()]);
    for (const name of names) {
      if (kept.has(name)) continue;
      try {
        await store.delete(feed.id, name);
      } catch (err) {
        this.#log.warn('could not delete a feed’s secret', { feedId: feed.id, name: name ?? 'main', error: err instanceof Error ? err.message : 'unknown' });
      }
    }
  }

  /** Polls a feed again now (after its secret changed or a test passed), when it is running. */
  #retry(feedId: string): void {
    const poller = this.#pollers.get(feedId);
    if (poller && this.#running && poller.feed.enabled) poller.syncNow();
  }

  /** Pauses or resumes one feed, or all when feedId is null. */
  setPaused(feedId: string | null, paused: boolean): void {
    for (const poller of this.#selected(feedId)) {
      poller.setPaused(paused);
      this.#pushStatus(poller.feed.id);
    }
  }

  syncNow(feedId: string | null): void {
    for (const poller of this.#selected(feedId)) {
      if (!poller.feed.enabled) continue;
      if (!this.#running) continue;
      poller.syncNow();
    }
  }

  /**
   * Syncs every enabled feed until caught up (the CLI's `sync`); never throws per feed. Reports counts, not
   * records, so a backlog of millions does not sit in memory (the rows went out through `events:added`).
   */
  async syncAllOnce(): Promise<Map<string, FeedSyncOutcome>> {
    const outcomes = new Map<string, FeedSyncOutcome>();
    const run = Promise.all(
      [...this.#pollers.values()]
        .filter((poller) => poller.feed.enabled)
        .map(async (poller) => {
          const outcome: FeedSyncOutcome = { inserted: 0, caughtUp: false, error: null };
          // A run ends after MAX_PAGES_PER_RUN pages; keep going until caught up, failed or stopping.
          for (let runs = 0; !this.#stopping && !outcome.error && !outcome.caughtUp && runs < 100_000; runs++) {
            // One-shot: a streaming feed is paged until caught up but does not stay on its stream.
            const result = await poller.syncOnce({ stream: false });
            outcome.inserted += result.inserted.length;
            outcome.caughtUp = result.caughtUp;
            outcome.error = result.error;
          }
          outcomes.set(poller.feed.id, outcome);
        }),
    );
    this.#syncAll = run;
    try {
      await run;
    } finally {
      this.#syncAll = null;
    }
    return outcomes;
  }

  /** The user has read the feed's note: clear it. */
  dismissNote(feedId: string): void {
    this.#selected(feedId);
    this.store.updateFeedState(feedId, { note: null });
    this.#pushStatus(feedId);
  }

  /**
   * The keychain's state for the window: whether it works, else what is wrong and how to fix it. `recheck`
   * probes it again; `allowSession` is the user's consent to keep secrets in memory until the app quits.
   */
  async keychainInfo(action: 'status' | 'recheck' | 'allowSession' = 'status'): Promise<KeychainInfo> {
    const keychain = this.#options.keychain;
    if (!keychain) return { available: isWritableSecretStore(this.#options.secrets), problem: null, fix: null, sessionAllowed: false };
    if (action === 'allowSession') keychain.allowSession();
    const status = action === 'recheck' ? await keychain.recheck() : await keychain.status();
    return status.available
      ? { available: true, problem: null, fix: null, sessionAllowed: keychain.sessionAllowed }
      : { available: false, problem: status.problem, fix: status.fix, sessionAllowed: keychain.sessionAllowed };
  }

  /** Checks one feed's settings and secret with one request; the error, or null when they work. */
  async checkFeed(feedId: string): Promise<FeedError | null> {
    const [poller] = this.#selected(feedId);
    return poller!.check();
  }

  #selected(feedId: string | null): FeedPoller[] {
    if (feedId === null) return [...this.#pollers.values()];
    const poller = this.#pollers.get(feedId);
    if (!poller) throw new Error(`Unknown feed "${feedId}"`);
    return [poller];
  }

  #addPoller(feed: FeedConfig): FeedPoller {
    const poller = this.#newPoller(feed);
    this.#pollers.set(feed.id, poller);
    return poller;
  }

  #newPoller(feed: FeedConfig): FeedPoller {
    const module = this.providers.get(feed.provider);
    return new FeedPoller(feed, module.provider, {
      store: this.store,
      wording: module.wording,
      linkHosts: this.providers.linkHosts(),
      secrets: this.#options.secrets,
      origins: this.#origins,
      accessTokens: this.capabilities.accessTokens,
      http: () => this.#http,
      clock: this.#clock,
      log: this.#log,
      ...(this.#options.random ? { random: this.#options.random } : {}),
      ...(this.#options.retryPolicy ? { retryPolicy: this.#options.retryPolicy } : {}),
      onPageStored: (f, inserted) => this.#onPageStored(f, inserted),
      onSyncFinished: (f, result) => this.#onSyncFinished(f, result),
      onStatusChanged: (id) => this.#pushStatus(id),
    });
  }

  // ---- events ----

  markRead(keys: number[], read: boolean): number {
    const changed = this.store.markRead(keys, read);
    if (changed > 0) this.#pushCounts();
    return changed;
  }

  markAllRead(feedId: string | null): number {
    if (feedId !== null && !this.#pollers.has(feedId)) throw new Error(`Unknown feed "${feedId}"`);
    const changed = this.store.markAllRead(feedId);
    if (changed > 0) this.#pushCounts();
    return changed;
  }

  unreadCounts(): UnreadCounts {
    const counts = this.store.unreadCounts();
    // Only configured feeds count; a removed feed's row is gone with it.
    return Object.fromEntries([...this.#pollers.keys()].map((id) => [id, counts[id] ?? 0]));
  }

  /** A notification was clicked: mark the event read and ask the window to show it. */
  openEvent(key: number): void {
    this.markRead([key], true);
    this.#sink?.send('window:openEvent', { key });
  }

  /** A summary notification was clicked: ask the window to show that feed's unread events. */
  openFeed(feedId: string): void {
    if (this.#pollers.has(feedId)) this.#sink?.send('window:openFeed', { feedId });
  }

  // ---- preferences ----

  preferences(): Preferences {
    return { ...DEFAULT_PREFERENCES, ...this.#options.settings.getPreferences() };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const previous = this.preferences();
    const next = { ...previous, ...patch };
    this.#options.settings.setPreferences(next);
    if (next.proxy !== previous.proxy) {
      // New requests go through the new proxy; requests in flight finish on the old client, closed after them.
      const old = this.#http;
      this.#http = new HttpClient({ ...this.#options.httpOptions, proxy: next.proxy || null });
      void old.close().catch(() => {});
    }
    this.#sink?.send('prefs:changed', next);
    this.#refreshTray();
    return next;
  }

  /** True when no feed has been configured yet (the window offers the demo feed). */
  isFirstRun(): boolean {
    return this.#pollers.size === 0;
  }

  // ---- fan-out ----

  #onPageStored(feed: FeedConfig, inserted: EventRecord[]): void {
    this.#sink?.send('events:added', { feedId: feed.id, keys: inserted.map((e) => e.key), count: inserted.length });
    this.#pushCounts();
  }

  #onSyncFinished(feed: FeedConfig, result: SyncResult): void {
    const notifier = this.#options.notifier;
    if (!notifier || result.inserted.length === 0) return;
    const prefs = this.preferences();
    const notifications = decideNotifications({
      feedId: feed.id,
      feedName: feed.name,
      where: this.providers.get(feed.provider).wording.where,
      inserted: result.inserted,
      firstSync: result.firstSync,
      language: prefs.language,
      enabled: prefs.notifications,
      burstThreshold: prefs.burstThreshold,
    });
    for (const notification of notifications) notifier.show(notification);
    // Announced (or deliberately not, notifications being off): a restart must not announce them again.
    this.#markAnnounced(feed.id, Math.max(...result.inserted.map((event) => event.seq)));
  }

  /**
   * At start: events stored but never announced (the app died between storing and notifying, or a CLI run stored
   * them) make one summary per feed, so none goes unnoticed.
   */
  #announceMissed(): void {
    const notifier = this.#options.notifier;
    if (!notifier) return;
    const feeds = this.feedConfigs();
    try {
      this.store.ensureDeliveries('notify', feeds.map((feed) => feed.id));
      const prefs = this.preferences();
      for (const feed of feeds) {
        const missed = this.store.undeliveredCount('notify', feed.id);
        if (missed === 0) continue;
        const notifications = decideNotifications({
          feedId: feed.id,
          feedName: feed.name,
          where: this.providers.get(feed.provider).wording.where,
          inserted: this.store.undelivered('notify', feed.id, 50),
          firstSync: false,
          language: prefs.language,
          enabled: prefs.notifications,
          burstThreshold: prefs.burstThreshold,
          missed,
        });
        for (const notification of notifications) notifier.show(notification);
        this.#markAnnounced(feed.id, this.store.lastSeq(feed.id));
      }
    } catch (err) {
      this.#log.error('core: could not announce missed events', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  #markAnnounced(feedId: string, seq: number): void {
    try {
      this.store.markDelivered('notify', feedId, seq);
    } catch (err) {
      // A full disk: they may be announced once more after a restart, which is better than never.
      this.#log.warn('core: could not record announced events', { feedId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  #pushStatus(feedId: string): void {
    const status = this.feedStatus(feedId);
    if (status) this.#sink?.send('feeds:status', status);
    this.#refreshTray();
  }

  #pushCounts(): void {
    this.#sink?.send('events:unreadCounts', this.unreadCounts());
    this.#refreshTray();
  }

  #refreshTray(): void {
    const tray = this.#options.tray;
    if (!tray) return;
    const feeds = this.listFeeds();
    tray.update({
      unread: feeds.reduce((sum, feed) => sum + feed.unread, 0),
      hasError: feeds.some((feed) => feed.phase === 'error'),
      paused: feeds.length > 0 && feeds.every((feed) => feed.paused || !feed.enabled),
      tooltip: trayTooltip(feeds, this.preferences().language),
    });
  }
}
