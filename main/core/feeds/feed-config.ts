// The feeds configuration (the app's feed list and the CLI's config file share it), validated with clear errors. One
// schema checks the common fields wherever a feed comes from: the config file, an import, the window's form.
import { z } from 'zod';
import { FEED_INTERVAL_SEC, type FieldError } from '../../../preload/contract.ts';
import type { FeedConfig, StartPosition } from '../model.ts';
import { fieldMessage, issueText } from './field-messages.ts';
import { t } from './form-fields.ts';
import { BUILT_IN_PROVIDERS, type ProviderRegistry } from './registry.ts';

export const FEED_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const ID_RULE = fieldMessage(
  t(
    '1–64 латинских букв, цифр, «.», «_» или «-», начиная с буквы или цифры',
    'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  ),
);
const NAME_RULE = fieldMessage(t('от 1 до 100 символов', 'must be 1 to 100 characters'));
const INTERVAL_RULE = fieldMessage(
  t(
    `целое число секунд от ${FEED_INTERVAL_SEC.min} до ${FEED_INTERVAL_SEC.max} (сутки)`,
    `must be a whole number of seconds from ${FEED_INTERVAL_SEC.min} to ${FEED_INTERVAL_SEC.max} (a day)`,
  ),
);
const START_RULE = fieldMessage(
  t('«now» (с этого момента), «beginning» (с начала) или дата', 'must be "now", "beginning" or a date'),
);

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

function startOf(text: string): StartPosition | null {
  if (text === 'now' || text === 'beginning') return { kind: text };
  if (isoDateTime.safeParse(text).success) return { kind: 'date', at: Date.parse(text) };
  if (isoDate.safeParse(text).success) return { kind: 'date', at: Date.parse(`${text}T00:00:00Z`) };
  return null;
}

const startSchema = z.string({ error: START_RULE }).transform((text, ctx) => {
  const start = startOf(text);
  if (start === null) ctx.addIssue({ code: 'custom', message: START_RULE });
  return start ?? z.NEVER;
});

/** The fields every feed has; its provider's module checks `settings`. */
const feedSchema = z.strictObject({
  id: z.string({ error: ID_RULE }).regex(FEED_ID_PATTERN, ID_RULE),
  provider: z.string().min(1).max(64),
  name: z.string({ error: NAME_RULE }).trim().min(1, NAME_RULE).max(100, NAME_RULE).optional(),
  enabled: z.boolean().default(true),
  intervalSec: z
    .int(INTERVAL_RULE)
    .min(FEED_INTERVAL_SEC.min, INTERVAL_RULE)
    .max(FEED_INTERVAL_SEC.max, INTERVAL_RULE)
    .default(60),
  start: startSchema.prefault('now'),
  settings: z.record(z.string(), z.unknown()).default({}),
});

const configSchema = z.strictObject({ feeds: z.array(z.unknown()).max(200) });

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Serialises a start position back to the config file's form. */
export function formatStart(start: StartPosition): string {
  return start.kind === 'date' ? new Date(start.at).toISOString() : start.kind;
}

/** Validates one feed entry, including its provider's own settings; `where` names it in errors. */
export function parseFeedConfig(input: unknown, where: string, providers: ProviderRegistry = BUILT_IN_PROVIDERS): FeedConfig {
  const base = feedSchema.safeParse(input);
  if (!base.success) throw new ConfigError(`${where}: ${describeIssues(base.error)}`);
  const feed = base.data;
  const module = providers.find(feed.provider);
  if (!module) throw new ConfigError(`${where}: provider: "${feed.provider}" is not available in this version of Feedbell`);
  const settings = module.provider.settingsSchema.safeParse(feed.settings);
  if (!settings.success) throw new ConfigError(`${where}: ${describeIssues(settings.error, 'settings')}`);
  return {
    id: feed.id,
    provider: feed.provider,
    name: feed.name ?? `${module.name.ru} (${feed.id})`,
    enabled: feed.enabled,
    intervalSec: feed.intervalSec,
    start: feed.start,
    settings: settings.data as Record<string, unknown>,
  };
}

/** Parses a whole config document; `source` (a file name) prefixes every error. */
export function parseFeedsConfig(text: string, source: string, providers: ProviderRegistry = BUILT_IN_PROVIDERS): FeedConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${source}: not valid JSON (${(err as Error).message})`);
  }
  const doc = configSchema.safeParse(json);
  if (!doc.success) throw new ConfigError(`${source}: ${describeIssues(doc.error)}`);
  const seen = new Set<string>();
  return doc.data.feeds.map((entry, index) => {
    const id = (entry as { id?: unknown } | null)?.id;
    const where = `${source}: feed #${index + 1}${typeof id === 'string' ? ` "${id}"` : ''}`;
    const feed = parseFeedConfig(entry, where, providers);
    if (seen.has(feed.id)) throw new ConfigError(`${where}: id: duplicate feed id "${feed.id}"`);
    seen.add(feed.id);
    return feed;
  });
}

function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * The form's problems with a feed entry, each named by its field ("id", "name", "intervalSec", "start",
 * "settings.<key>"; "" for the entry as a whole), from the same schemas as a config file: the first problem per field.
 */
export function feedFieldErrors(input: unknown, providers: ProviderRegistry = BUILT_IN_PROVIDERS): FieldError[] {
  const errors = new Map<string, FieldError>();
  const add = (field: string, issue: z.core.$ZodIssue) => {
    if (!errors.has(field)) errors.set(field, { field, message: issueText(issue) });
  };
  // The input is reported so zod can name what it got in its own (Russian) words; nothing here is logged.
  const base = feedSchema.safeParse(input, { reportInput: true });
  for (const issue of base.success ? [] : base.error.issues) add(issue.path.length > 0 ? String(issue.path[0]) : '', issue);
  const entry = (input ?? {}) as { provider?: unknown; settings?: unknown };
  const module = typeof entry.provider === 'string' ? providers.find(entry.provider) : undefined;
  if (!module) {
    errors.set('provider', {
      field: 'provider',
      message: t('Такого сервиса в этой версии Feedbell нет', 'This version of Feedbell has no such service'),
    });
    return [...errors.values()];
  }
  const settings = module.provider.settingsSchema.safeParse(entry.settings ?? {}, { reportInput: true });
  for (const issue of settings.success ? [] : settings.error.issues)
    add(issue.path.length > 0 ? `settings.${String(issue.path[0])}` : 'settings', issue);
  return [...errors.values()];
}
