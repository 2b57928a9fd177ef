// The feeds configuration (the app's feed list and the CLI's config file share it), validated with clear errors.
import { z } from 'zod';
import type { FeedConfig, StartPosition } from '../model.ts';
import { BUILT_IN_PROVIDERS, type ProviderRegistry } from './registry.ts';

export const FEED_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const startSchema = z.union([
  z.literal('now').transform((): StartPosition => ({ kind: 'now' })),
  z.literal('beginning').transform((): StartPosition => ({ kind: 'beginning' })),
  z.iso.datetime({ offset: true }).transform((s): StartPosition => ({ kind: 'date', at: Date.parse(s) })),
  z.iso.date().transform((s): StartPosition => ({ kind: 'date', at: Date.parse(`${s}T00:00:00Z`) })),
]);

const feedSchema = z.strictObject({
  id: z.string().regex(FEED_ID_PATTERN, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  provider: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().default(true),
  intervalSec: z.int().min(5).max(86_400).default(60),
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
