// The window's feed form: "add" and "save" checked field by field (errors name the field, in both languages), the
// typed secrets stored first (so the first poll has them), then the feed. Never throws for bad input; never echoes a
// secret.
import type { FeedConfigEntry, FeedConfigPatch, FeedSaveResult, FeedSecretsInput, FieldError } from '../../../preload/contract.ts';
import { ConfigError, feedFieldErrors, parseFeedConfig } from '../feeds/feed-config.ts';
import { t } from '../feeds/form-fields.ts';
import { mainSecretRequired, type ProviderModule } from '../feeds/provider-module.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { FeedConfig } from '../model.ts';
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
      errors.push({ field: 'id', message: t(`Лента с ID «${input.id}» уже есть`, `A feed with id "${input.id}" already exists`) });
    }
    const module = this.#d.providers.find(input.provider);
    // Its form says whether the token must be typed: a feed that signs in, or gets its token from an assistant once
    // it is saved, has none to type.
    if (module && !secrets?.main && mainSecretRequired(module, parsedSettings(module, input.settings))) {
      errors.push({ field: 'secret', message: t('Введите токен: без него лента не получит событий', 'Enter the token: the feed gets no events without it') });
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
   * "Save" for an existing feed: like add, over FeedCatalog.update; secrets given replace the stored ones. When the
   * API or sign-in address changes origin, the stored secrets are deleted and the token must be given again (the
   * form says so before saving).
   */
  async update(feedId: string, patch: FeedConfigPatch, secrets: FeedSecretsInput | null): Promise<FeedSaveResult> {
    const current = this.#d.catalog.get(feedId);
    if (!current) throw new Error(`Unknown feed "${feedId}"`);
    const module = this.#d.providers.get(current.provider);
    const errors = [...feedFieldErrors(patchedEntry(toConfigEntry(current), patch), this.#d.providers), ...this.#d.secrets.errors(module, secrets)];
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
    const kept = new Set<string | undefined>([...(secrets?.main !== undefined ? [undefined] : []), ...Object.keys(secrets?.extras ?? {})]);
    try {
      return { ok: true, feed: await this.#d.catalog.update(feedId, patch, kept) };
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, errors: [unnamed(err)] };
      throw err;
    }
  }
}
