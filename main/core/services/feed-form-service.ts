// The window's feed form: "add" and "save" checked field by field (errors name the field, in both languages), the
// typed secrets stored first (so the first poll has them), then the feed. Never throws for bad input; never echoes a
// secret.
import { randomUUID } from 'node:crypto';
import type {
  FeedConfigEntry,
  FeedConfigPatch,
  FeedSaveResult,
  FeedSecretsInput,
  FeedTestResult,
  FieldError,
} from '../../../preload/contract.ts';
import { ConfigError, feedFieldErrors, parseFeedConfig } from '../feeds/feed-config.ts';
import { t } from '../feeds/form-fields.ts';
import { mainSecretRequired, type ProviderModule } from '../feeds/provider-module.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { FeedConfig } from '../model.ts';
import type { SecretStore, SecretUse } from '../ports.ts';
import type { SecretOrigins } from '../secrets/secret-origins.ts';
import { patchedEntry, toConfigEntry, type FeedCatalog } from './feed-catalog.ts';
import type { SecretService } from './secret-service.ts';

/** A feed's settings as its provider's schema fills them in (defaults), or as given when they do not parse. */
function parsedSettings(module: ProviderModule, settings: unknown): Record<string, unknown> {
  const parsed = module.provider.settingsSchema.safeParse(settings ?? {});
  return (parsed.success ? parsed.data : (settings ?? {})) as Record<string, unknown>;
}

/** A ConfigError that still got through (the checks above it passed): the form shows it as it is. */
const unnamed = (err: ConfigError): FieldError => ({ field: '', message: { ru: err.message, en: err.message } });

export interface FeedFormDeps {
  providers: ProviderRegistry;
  catalog: FeedCatalog;
  secrets: SecretService;
  origins: SecretOrigins;
  /** Where the saved feeds' secrets are read (for a draft of a saved feed where nothing was typed). */
  storedSecrets: SecretStore;
  /** One check request for an unsaved feed with these secrets (PollingService.testDraft). */
  testDraft(feed: FeedConfig, secrets: SecretStore): Promise<FeedTestResult>;
}

/**
 * The secrets of a draft: what was typed wins; otherwise, for a saved feed whose addresses keep their origins, its
 * stored secret (still released only for its origin); otherwise none.
 */
class DraftSecrets implements SecretStore {
  readonly #typed: FeedSecretsInput | null;
  readonly #stored: { store: SecretStore; feedId: string } | null;

  constructor(typed: FeedSecretsInput | null, stored: { store: SecretStore; feedId: string } | null) {
    this.#typed = typed;
    this.#stored = stored;
  }

  async get(_feedId: string, name: string | undefined, use: SecretUse): Promise<string | null> {
    const typed = name === undefined ? this.#typed?.main : this.#typed?.extras?.[name];
    if (typed) return typed;
    return this.#stored ? this.#stored.store.get(this.#stored.feedId, name, use) : null;
  }
}

export class FeedFormService {
  readonly #d: FeedFormDeps;

  constructor(deps: FeedFormDeps) {
    this.#d = deps;
  }

  /** "Add feed": the secrets go into the secret store before the feed is added. */
  async add(input: FeedConfigEntry, secrets: FeedSecretsInput | null): Promise<FeedSaveResult> {
    const errors = feedFieldErrors(input, this.#d.providers);
    if (this.#d.catalog.has(input.id)) {
      errors.push({
        field: 'id',
        message: t(`Лента с ID «${input.id}» уже есть`, `A feed with id "${input.id}" already exists`),
      });
    }
    const module = this.#d.providers.find(input.provider);
    // Its form says whether the token must be typed: a feed that signs in, or gets its token from an assistant once
    // it is saved, has none to type.
    if (module && !secrets?.main && mainSecretRequired(module, parsedSettings(module, input.settings))) {
      errors.push({
        field: 'secret',
        message: t('Введите токен: без него лента не получит событий', 'Enter the token: the feed gets no events without it'),
      });
    }
    if (module) errors.push(...this.#d.secrets.errors(module, secrets));
    if (errors.length > 0) return { ok: false, errors };
    let feed: FeedConfig;
    try {
      feed = parseFeedConfig(input, 'feed', this.#d.providers);
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, errors: [unnamed(err)] };
      throw err;
    }
    // A new feed never inherits secrets left under its id (by a removal that failed, or by the CLI): they were
    // entered for whatever address that was.
    await this.#d.secrets.deleteAll(feed);
    const stored = await this.#d.secrets.store(feed, secrets);
    if (stored) return { ok: false, errors: [stored] };
    return { ok: true, feed: this.#d.catalog.add(toConfigEntry(feed)) };
  }

  /**
   * "Test connection" on what is in the form, saving nothing: a new feed (`existingFeedId` null) with the typed
   * secrets only; a saved one with its stored secrets where nothing was typed, unless its address changed origin.
   * A form with mistakes answers with the first one (the form shows them all on save).
   */
  async testDraft(
    input: FeedConfigEntry,
    typed: FeedSecretsInput | null,
    existingFeedId: string | null,
  ): Promise<FeedTestResult> {
    const current = existingFeedId === null ? null : this.#d.catalog.get(existingFeedId);
    if (existingFeedId !== null && !current) throw new Error(`Unknown feed "${existingFeedId}"`);
    // A saved feed keeps its id and service; a new one is checked under an id of its own, so that nothing of a
    // feed that happens to have the typed id (its secrets, its sign-in) is used.
    const entry: FeedConfigEntry = current
      ? { ...input, id: current.id, provider: current.provider }
      : { ...input, id: `draft-${randomUUID().slice(0, 8)}` };
    const errors = [...feedFieldErrors(entry, this.#d.providers)];
    const module = this.#d.providers.find(entry.provider);
    if (module) errors.push(...this.#d.secrets.errors(module, typed));
    let feed: FeedConfig | null = null;
    if (errors.length === 0) {
      try {
        feed = parseFeedConfig(entry, 'feed', this.#d.providers);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        errors.push(unnamed(err));
      }
    }
    if (!feed) {
      const first = errors[0]!;
      return {
        ok: false,
        title: t(`В настройках ошибка: ${first.message.ru}`, `The settings have a mistake: ${first.message.en}`),
      };
    }
    const keepsOrigins = current !== null && this.#d.origins.changed(current, feed).length === 0;
    const stored = current && keepsOrigins ? { store: this.#d.storedSecrets, feedId: current.id } : null;
    return this.#d.testDraft(feed, new DraftSecrets(typed, stored));
  }

  /**
   * "Save" for an existing feed: like add, over FeedCatalog.update; secrets given replace the stored ones. When the
   * API or sign-in address changes origin, the stored secrets are deleted and the token must be given again (the
   * form says so before saving).
   */
  async update(feedId: string, patch: FeedConfigPatch, secrets: FeedSecretsInput | null): Promise<FeedSaveResult> {
    const current = this.#d.catalog.get(feedId);
    if (!current) throw new Error(`Unknown feed "${feedId}"`);
    const module = this.#d.providers.get(current.provider);
    const errors = [
      ...feedFieldErrors(patchedEntry(toConfigEntry(current), patch), this.#d.providers),
      ...this.#d.secrets.errors(module, secrets),
    ];
    if (errors.length > 0) return { ok: false, errors };
    let next: FeedConfig;
    try {
      next = this.#d.catalog.patched(current, patch);
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, errors: [unnamed(err)] };
      throw err;
    }
    const moved = this.#d.origins.changed(current, next).length > 0;
    if (moved && !secrets?.main && mainSecretRequired(module, next.settings)) {
      const message = t(
        'Адрес сервиса изменился: сохранённый токен будет удалён — введите токен для нового адреса',
        'The service address changed: the stored token will be deleted — enter the token for the new address',
      );
      return { ok: false, errors: [{ field: 'secret', message }] };
    }
    // Bound to the new addresses; if the update then fails, they are refused for the old ones, never sent there.
    const stored = await this.#d.secrets.store(next, secrets);
    if (stored) return { ok: false, errors: [stored] };
    const kept = new Set<string | undefined>([
      ...(secrets?.main !== undefined ? [undefined] : []),
      ...Object.keys(secrets?.extras ?? {}),
    ]);
    try {
      return { ok: true, feed: await this.#d.catalog.update(feedId, patch, kept) };
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, errors: [unnamed(err)] };
      throw err;
    }
  }
}
