// The core: the event store and the services over it, composed once. The app, the CLI, the browser bridge and the
// tests all open this same object; each service has its own narrow dependencies (core/services/).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataInfo } from '../../preload/contract.ts';
import type { FeedsRepository } from './feeds-repository.ts';
import { BUILT_IN_PROVIDERS, type ProviderRegistry } from './feeds/registry.ts';
import type { HttpClientOptions } from './http/http-client.ts';
import { ProxiedHttp } from './http/proxied-http.ts';
import type { RetryPolicy } from './poller/transient-retry.ts';
import {
  noPowerEvents,
  silentLogger,
  systemClock,
  type Clock,
  type KeychainControl,
  type Logger,
  type Notifier,
  type PowerEvents,
  type SecretStore,
  type SettingsStore,
  type TrayView,
} from './ports.ts';
import { ActionService } from './services/action-service.ts';
import { CapabilityHost, secretOriginsOf, sessionSecretOf } from './services/capability-host.ts';
import { EventDetails } from './services/event-details.ts';
import { EventFanout, type PushSink } from './services/event-fanout.ts';
import { Announcer, TrayUpdates, WindowPushes } from './services/fanout-subscribers.ts';
import { FeedCatalog } from './services/feed-catalog.ts';
import { FeedFormService } from './services/feed-form-service.ts';
import { PollingService } from './services/polling-service.ts';
import { PreferencesService } from './services/preferences-service.ts';
import { ReadState } from './services/read-state.ts';
import { RetentionService } from './services/retention.ts';
import { isWritableSecretStore, SecretService } from './services/secret-service.ts';
import { EventStore } from './store/event-store.ts';

export const DATABASE_FILE = 'feedbell.db';

export interface CoreOptions {
  /** Folder of the event log; ':memory:' keeps it in memory (tests). */
  dataDir: string;
  feeds: FeedsRepository;
  settings: SettingsStore;
  /** Where feed secrets are read; a writable store (the keychain) also lets the window set and delete them. */
  secrets: SecretStore;
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

export class FeedbellCore {
  readonly store: EventStore;
  readonly providers: ProviderRegistry;
  readonly preferences: PreferencesService;
  /** The configured feeds: add, change, remove, import, export. */
  readonly feeds: FeedCatalog;
  /** The window's feed form: add and save, checked field by field. */
  readonly forms: FeedFormService;
  readonly secrets: SecretService;
  /** The pollers: start, pause, sync now, check, status. */
  readonly polling: PollingService;
  /** Read and unread, and opening an event or feed from a notification. */
  readonly reading: ReadState;
  /** Stored events as the window reads them: details with their facts, types with their names. */
  readonly events: EventDetails;
  /** Prunes events older than the retention setting, in the background. */
  readonly retention: RetentionService;
  /** The provider modules' capabilities (sign-in, token assistant, sharing), running. */
  readonly capabilities: CapabilityHost;
  /** «Требует действия»: items folded from stored events, with deadlines. */
  readonly actions: ActionService;
  readonly #window = new WindowPushes();
  readonly #tray: TrayUpdates | null;
  readonly #announcer: Announcer | null;
  readonly #http: ProxiedHttp;
  readonly #log: Logger;
  readonly #dataDir: string;

  private constructor(options: CoreOptions, store: EventStore) {
    const providers = options.providers ?? BUILT_IN_PROVIDERS;
    const clock = options.clock ?? systemClock;
    const log = options.log ?? silentLogger;
    this.store = store;
    this.providers = providers;
    this.events = new EventDetails(store, providers);
    this.#log = log;
    this.#dataDir = options.dataDir;
    this.preferences = new PreferencesService(options.settings);
    const http = new ProxiedHttp(options.httpOptions ?? {}, this.preferences.get().proxy);
    this.#http = http;
    const origins = secretOriginsOf(providers);

    const fanout = new EventFanout({ status: (id) => this.polling.status(id), unreadCounts: () => this.reading.unreadCounts() });
    fanout.subscribe(this.#window);
    this.actions = new ActionService({
      store,
      providers,
      feeds: () => this.feeds.list(),
      clock,
      log,
      context: (feedId, signal) => this.polling.providerContext(feedId, signal),
    });
    this.actions.onChange((counts) => this.#window.push('actions:changed', counts));
    fanout.subscribe(this.actions);
    this.#tray = options.tray
      ? new TrayUpdates(
          options.tray,
          () => this.polling.list(),
          () => this.preferences.get().language,
          () => this.actions.counts(),
        )
      : null;
    if (this.#tray) fanout.subscribe(this.#tray);
    this.actions.onChange(() => this.#tray?.refresh());
    this.#announcer = options.notifier
      ? new Announcer({
          notifier: options.notifier,
          store,
          where: (feed) => providers.get(feed.provider).wording.where,
          preferences: () => this.preferences.get(),
          log,
        })
      : null;
    if (this.#announcer) fanout.subscribe(this.#announcer);
    this.retention = new RetentionService({
      store,
      preferences: () => this.preferences.get(),
      clock,
      log,
      pruned: (count) => {
        fanout.countsChanged();
        this.#window.push('events:pruned', { count });
      },
    });
    this.preferences.onChange((next, previous) => {
      if (next.proxy !== previous.proxy) http.setProxy(next.proxy);
      if (next.retentionDays !== previous.retentionDays) this.retention.changed();
      fanout.preferencesChanged(next);
    });

    this.secrets = new SecretService({
      store: options.secrets,
      ...(options.keychain ? { keychain: options.keychain } : {}),
      origins,
      feed: (id) => this.feeds.get(id),
      moduleOf: (feed) => providers.get(feed.provider),
      sessionSecretOf: (feed) => sessionSecretOf(providers, feed),
      retry: (id) => this.polling.syncNow(id),
      log,
    });
    this.capabilities = new CapabilityHost(providers, {
      // Through whatever client is current, so a changed proxy applies to sign-in too.
      http: { send: (req) => http.send(req) },
      feed: (id) => this.feeds.get(id),
      apiSecret: (feed, name) => this.secrets.forApi(feed, name),
      writableSecrets: isWritableSecretStore(options.secrets) ? options.secrets : null,
      setMainSecret: (id, value) => this.secrets.set(id, value),
      syncNow: (id) => this.polling.syncNow(id),
      push: (channel, payload) => this.#window.push(channel, payload),
      clock,
      log,
    });
    this.polling = new PollingService({
      store,
      providers,
      secrets: options.secrets,
      origins,
      accessTokens: this.capabilities.accessTokens,
      http: () => http.client(),
      fanout,
      power: options.power ?? noPowerEvents,
      clock,
      log,
      ...(options.random ? { random: options.random } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    });
    const announcer = this.#announcer;
    this.feeds = new FeedCatalog({
      repository: options.feeds,
      providers,
      store,
      polling: this.polling,
      secrets: this.secrets,
      origins,
      signOut: (feed) => this.capabilities.signOut(feed),
      fanout,
      ...(announcer ? { onAdded: (id: string) => announcer.feedAdded(id) } : {}),
      log,
    });
    this.reading = new ReadState({
      store,
      feedIds: () => this.feeds.list().map((feed) => feed.id),
      fanout,
      window: this.#window,
      clock,
    });
    this.forms = new FeedFormService({
      providers,
      catalog: this.feeds,
      secrets: this.secrets,
      origins,
      storedSecrets: options.secrets,
      testDraft: (feed, secrets) => this.polling.testDraft(feed, secrets),
    });
  }

  static open(options: CoreOptions): FeedbellCore {
    const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, DATABASE_FILE);
    return new FeedbellCore(options, EventStore.open(file));
  }

  /** Announces what was stored but never announced, starts polling every enabled feed, paints the tray. */
  start(): void {
    if (this.polling.running) return;
    this.#announcer?.announceMissed(this.feeds.list());
    void this.actions.catchUp();
    this.polling.start();
    this.retention.start();
    this.#tray?.refresh();
  }

  /**
   * Stops every poller (aborting requests in flight) and closes the store; `beforeClose` runs once nothing polls any
   * more and the store is still open (the CLI prints what was stored).
   */
  async stop(options: { beforeClose?: () => Promise<void> } = {}): Promise<void> {
    // Sign-ins waiting for the user are abandoned first, so no poll of Kontur outlives the core.
    this.capabilities.close();
    await this.polling.stop();
    await this.actions.stop();
    await this.retention.stop();
    await options
      .beforeClose?.()
      .catch((err: unknown) => this.#log.error('core: before-close step failed', { error: String(err) }));
    this.store.close();
    await this.#http.close();
  }

  /** The data folder, the event log's size on disk (with its WAL and shared-memory files) and its events. */
  dataInfo(): DataInfo {
    const file = this.store.file;
    let bytes = 0;
    if (file !== ':memory:') {
      for (const suffix of ['', '-wal', '-shm']) {
        try {
          bytes += statSync(file + suffix).size;
        } catch {
          // Not there (no WAL right now): nothing to add.
        }
      }
    }
    return { folder: this.#dataDir, bytes, events: this.store.count() };
  }

  /** Where pushes go: the window (Electron), a WebSocket (the browser bridge), a printer (the CLI); null: nowhere. */
  setPushSink(sink: PushSink | null): void {
    this.#window.setSink(sink);
  }
}
