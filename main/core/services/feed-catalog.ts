// The configured feeds: the list the settings (or the CLI's config file) keep, and every change to it. A feed added,
// changed or removed is polled, re-polled or forgotten; a feed whose address moves loses its secrets and sign-in.
import type { FeedConfigEntry, FeedConfigPatch, FeedImportResult, FeedStatus } from '../../../preload/contract.ts';
import { ConfigError, formatStart, parseFeedConfig, parseFeedsConfig } from '../feeds/feed-config.ts';
import { t } from '../feeds/form-fields.ts';
import type { FeedsRepository } from '../feeds-repository.ts';
import { sourceKeys } from '../feeds/provider-module.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { FeedConfig } from '../model.ts';
import type { Logger } from '../ports.ts';
import type { SecretOrigins } from '../secrets/secret-origins.ts';
import type { EventStore } from '../store/event-store.ts';
import type { EventFanout } from './event-fanout.ts';
import type { PollingService } from './polling-service.ts';
import type { SecretService } from './secret-service.ts';

const IMPORT_REFUSED = t('Настройки не импортированы: в документе ошибка', 'Nothing was imported: the document has a mistake');

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

/** A feed's entry with a patch applied: the fields given replace the entry's (`settings` as a whole). */
export function patchedEntry(entry: FeedConfigEntry, patch: FeedConfigPatch): FeedConfigEntry {
  return {
    ...entry,
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
    ...(patch.intervalSec === undefined ? {} : { intervalSec: patch.intervalSec }),
    ...(patch.start === undefined ? {} : { start: patch.start }),
    ...(patch.settings === undefined ? {} : { settings: patch.settings }),
  };
}

export interface FeedCatalogDeps {
  repository: FeedsRepository;
  providers: ProviderRegistry;
  store: EventStore;
  polling: Pick<PollingService, 'add' | 'halt' | 'replace' | 'remove' | 'status'>;
  secrets: Pick<SecretService, 'deleteAll'>;
  origins: SecretOrigins;
  /** Forgets the feed's sign-in (the access token in memory; the kept one goes with its secrets). */
  signOut(feed: FeedConfig): Promise<void>;
  fanout: EventFanout;
  /** A feed was added: it is announced from its first event on. */
  onAdded?(feedId: string): void;
  log: Logger;
}

export class FeedCatalog {
  readonly #d: FeedCatalogDeps;
  /** In the order they were added. */
  readonly #feeds = new Map<string, FeedConfig>();

  constructor(deps: FeedCatalogDeps) {
    this.#d = deps;
    for (const feed of deps.repository.list()) {
      this.#feeds.set(feed.id, feed);
      deps.polling.add(feed);
    }
  }

  list(): FeedConfig[] {
    return [...this.#feeds.values()];
  }

  get(feedId: string): FeedConfig | null {
    return this.#feeds.get(feedId) ?? null;
  }

  has(feedId: string): boolean {
    return this.#feeds.has(feedId);
  }

  /** True when no feed has been configured yet (the window offers the sample feed). */
  isEmpty(): boolean {
    return this.#feeds.size === 0;
  }

  /** A feed's configuration in the config file's shape, for the edit form; null for an unknown feed. */
  entry(feedId: string): FeedConfigEntry | null {
    const feed = this.#feeds.get(feedId);
    return feed ? toConfigEntry(feed) : null;
  }

  /** Adds a feed (validated), stores the list and starts polling it. */
  add(input: unknown): FeedStatus {
    const feed = parseFeedConfig(input, 'feed', this.#d.providers);
    if (this.#feeds.has(feed.id)) throw new Error(`A feed with id "${feed.id}" already exists`);
    this.#feeds.set(feed.id, feed);
    this.#save();
    this.#d.polling.add(feed);
    this.#d.onAdded?.(feed.id);
    this.#d.fanout.statusChanged(feed.id);
    return this.#d.polling.status(feed.id)!;
  }

  /** The sample feed (of the first module that offers one), offered on first run. Idempotent. */
  addSample(settings: Record<string, unknown> = {}): FeedStatus {
    const module = this.#d.providers.all().find((m) => m.sampleFeed !== undefined);
    const sample = module?.sampleFeed;
    if (!module || !sample) throw new Error('No provider offers a sample feed');
    if (this.#feeds.has(sample.id)) return this.#d.polling.status(sample.id)!;
    return this.add({ ...sample, provider: module.id, settings: { ...sample.settings, ...settings } });
  }

  /**
   * Changes a feed and polls it with the new configuration. `settings`, when given, replaces the settings as a whole
   * (a cleared optional field must go away). The id and the service cannot change. A new source (another box, app,
   * organization, account or API address) or a new start position resets the feed's position, so it starts over from
   * its start position; otherwise it goes on from where it was. When the API or sign-in address changes origin, the
   * feed's secrets and its sign-in are deleted, but those named in `kept` (just stored for the new address): a token
   * entered for one service is never sent to another.
   */
  async update(feedId: string, patch: FeedConfigPatch, kept: ReadonlySet<string | undefined> = new Set()): Promise<FeedStatus> {
    const current = this.#known(feedId);
    const next = this.patched(current, patch);
    const { store, log } = this.#d;
    const moved =
      formatStart(next.start) !== formatStart(current.start) ||
      sourceKeys(this.#d.providers.get(current.provider)).some(
        (key) => JSON.stringify(next.settings[key]) !== JSON.stringify(current.settings[key]),
      );
    await this.#d.polling.halt(feedId);
    const addresses = this.#d.origins.changed(current, next);
    if (addresses.length > 0) {
      log.info('secrets: the feed’s address changed, so its stored secrets and sign-in were deleted', {
        feedId,
        changes: addresses,
      });
      await this.#d
        .signOut(current)
        .catch((err: unknown) =>
          log.warn('could not end the sign-in', { feedId, error: err instanceof Error ? err.name : 'unknown' }),
        );
      await this.#d.secrets.deleteAll(current, kept);
    }
    if (moved)
      store.updateFeedState(feedId, { cursor: null, started: false, firstSyncDone: false, skipBefore: null, note: null });
    store.updateFeedState(feedId, { lastError: null });
    this.#feeds.set(feedId, next);
    this.#save();
    this.#d.polling.replace(next);
    this.#d.fanout.statusChanged(feedId);
    return this.#d.polling.status(feedId)!;
  }

  /** The feed with `patch` applied and validated; a ConfigError names the field. */
  patched(current: FeedConfig, patch: FeedConfigPatch): FeedConfig {
    const raw = patch as Record<string, unknown>;
    if ('provider' in raw && raw['provider'] !== current.provider) {
      throw new ConfigError(`feed "${current.id}": provider: the service of a feed cannot change; add a new feed instead`);
    }
    if ('id' in raw && raw['id'] !== current.id)
      throw new ConfigError(`feed "${current.id}": id: the id of a feed cannot change`);
    return parseFeedConfig(patchedEntry(toConfigEntry(current), patch), `feed "${current.id}"`, this.#d.providers);
  }

  /** Turns a feed on or off (kept in the configuration, unlike a pause). */
  async setEnabled(feedId: string, enabled: boolean): Promise<FeedStatus> {
    if (this.#known(feedId).enabled === enabled) return this.#d.polling.status(feedId)!;
    return this.update(feedId, { enabled });
  }

  /** Removes a feed: stops it, forgets its events and state, and deletes its secrets and sign-in. */
  async remove(feedId: string): Promise<void> {
    const feed = this.#feeds.get(feedId);
    if (!feed) return;
    await this.#d.polling.remove(feedId);
    this.#feeds.delete(feedId);
    this.#save();
    this.#d.store.removeFeed(feedId);
    this.#d.fanout.countsChanged();
    // Forget the in-memory access token too; the refresh token goes with the feed's other secrets.
    await this.#d.signOut(feed);
    await this.#d.secrets.deleteAll(feed);
  }

  /** The feeds configuration as the config file has it ({"feeds": [...]}): never a secret (FeedConfig has none). */
  exportConfig(): string {
    return `${JSON.stringify({ feeds: this.list().map(toConfigEntry) }, null, 2)}\n`;
  }

  /**
   * Adds the feeds of a configuration document. The whole document is validated first (an error names the feed and
   * the field, and nothing is added); feeds whose id already exists are skipped, never overwritten. Secrets are not
   * part of it: the imported feeds ask for theirs.
   */
  async importConfig(text: string): Promise<FeedImportResult> {
    let feeds: FeedConfig[];
    try {
      feeds = parseFeedsConfig(text, 'import', this.#d.providers);
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, message: IMPORT_REFUSED, detail: err.message };
      throw err;
    }
    const added: string[] = [];
    const skipped: string[] = [];
    for (const feed of feeds) {
      if (this.#feeds.has(feed.id)) {
        skipped.push(feed.id);
        continue;
      }
      // Like a feed added in the form: no secret left under its id comes with it.
      await this.#d.secrets.deleteAll(feed);
      this.add(toConfigEntry(feed));
      added.push(feed.id);
    }
    return { ok: true, added, skipped };
  }

  #known(feedId: string): FeedConfig {
    const feed = this.#feeds.get(feedId);
    if (!feed) throw new Error(`Unknown feed "${feedId}"`);
    return feed;
  }

  #save(): void {
    this.#d.repository.save(this.list());
  }
}
