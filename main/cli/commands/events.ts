// `feedbell events`: queries the stored event log, newest first, as a table or JSON lines.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { EventQuery, EventRecord, Language } from '../../../preload/contract.ts';
import { BUILT_IN_PROVIDERS } from '../../core/feeds/registry.ts';
import { EventStore, MAX_PAGE_SIZE, toFtsQuery } from '../../core/store/event-store.ts';
import {
  CliError,
  EXIT_FAILED,
  EXIT_OK,
  PROGRAM,
  localTime,
  parseOptions,
  usageError,
  type CliIo,
  type CommandSpec,
} from '../cli-support.ts';
import { databasePath, openEventLog, resolveDataDir } from '../config-file.ts';
import { eventJsonLine } from '../event-lines.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100_000;

const HELP = `Usage: ${PROGRAM} events [--data-dir <dir>] [filters] [--limit <n>] [--json]

Lists stored events, newest first.

Filters (all given filters must match; a repeated option matches any of its values):
  --feed <id>          only this feed (repeatable)
  --provider <p>       only this provider: ${BUILT_IN_PROVIDERS.ids().join(', ')} (repeatable)
  --type <t>           only this event type, as "feedbell events --json" shows it (repeatable)
  --search <text>      full-text search in title, summary and payload; every word
                       must match as a word prefix ("ромаш упд")
  --unread             only unread events
  --since <when>       occurred at or after <when>
  --until <when>       occurred at or before <when>
                       <when> is an ISO 8601 date-time with a time zone
                       (2026-03-01T09:30:00Z, 2026-03-01T12:30:00+03:00)
                       or a date (2026-03-01 = 00:00 UTC that day)

Output:
  --limit <n>          at most n events (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --json               one JSON line per event:
                       {"feedId","provider","id","type","occurredAt","title","summary","link","payload","read"}
                       occurredAt is ISO 8601 UTC; title and summary are {"ru":…,"en":…}
  --lang <ru|en>       language of the table's titles (default ru)
  --data-dir <dir>     folder of the event log (default: the app's own data folder)
  -h, --help           show this help

Exit codes: 0 listed (possibly nothing); 1 no event log in the data folder, or it
could not be read; 2 bad usage (the message names the option).`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  feed: { type: 'string', multiple: true },
  provider: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  search: { type: 'string' },
  unread: { type: 'boolean', default: false },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
} as const;

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/** Parses --since/--until: an ISO date-time with a zone, or a date (midnight UTC). */
export function parseWhen(option: string, value: string): number {
  if (isoDateTime.safeParse(value).success) return Date.parse(value);
  if (isoDate.safeParse(value).success) return Date.parse(`${value}T00:00:00Z`);
  throw usageError(
    'events',
    `${option} "${value}" is not an ISO 8601 date-time with a time zone (e.g. 2026-03-01T09:30:00Z) or a date (2026-03-01)`,
  );
}

export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
    throw usageError('events', `--limit "${value}" must be a whole number from 1 to ${MAX_LIMIT}`);
  return n;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const o = parseOptions('events', args, OPTIONS);
  const filter: EventQuery = {};
  if (o.feed) filter.feedIds = [...o.feed];
  if (o.provider) {
    for (const p of o.provider) {
      if (!BUILT_IN_PROVIDERS.find(p)) {
        throw usageError('events', `--provider "${p}" is not a provider (one of ${BUILT_IN_PROVIDERS.ids().join(', ')})`);
      }
    }
    filter.providers = [...o.provider];
  }
  if (o.type) filter.types = [...o.type];
  if (o.search !== undefined) {
    if (toFtsQuery(o.search) === null)
      throw usageError('events', `--search "${o.search}" has no letters or digits to search for`);
    filter.search = o.search;
  }
  if (o.unread) filter.unreadOnly = true;
  if (o.since !== undefined) filter.since = parseWhen('--since', o.since);
  if (o.until !== undefined) filter.until = parseWhen('--until', o.until);
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    throw usageError('events', '--since is later than --until');
  }
  const limit = parseLimit(o.limit);
  let lang: Language = 'ru';
  if (o.lang !== undefined) {
    if (o.lang !== 'ru' && o.lang !== 'en') throw usageError('events', `--lang "${o.lang}" must be ru or en`);
    lang = o.lang;
  }
  const dataDir = resolveDataDir(o['data-dir'], io.env);
  const file = databasePath(dataDir);
  // Do not create an empty log where none exists: that is almost always a wrong --data-dir.
  if (!existsSync(file))
    throw new CliError(EXIT_FAILED, `no event log at ${file} (run "${PROGRAM} sync" first, or pass --data-dir)`);
  const store = openEventLog(file);
  try {
    const rows = collect(store, filter, limit);
    if (o.json) {
      for (const row of rows) {
        const detail = store.get(row.key);
        if (detail) io.out(eventJsonLine(detail, true));
      }
    } else {
      printTable(io, rows, lang);
    }
  } finally {
    store.close();
  }
  return EXIT_OK;
}

/** Follows the store's keyset cursors until `limit` rows or the end. */
function collect(store: EventStore, filter: EventQuery, limit: number): EventRecord[] {
  const rows: EventRecord[] = [];
  let after: string | undefined;
  while (rows.length < limit) {
    const page = store.query({ ...filter, limit: Math.min(MAX_PAGE_SIZE, limit - rows.length), ...(after ? { after } : {}) });
    rows.push(...page.items);
    if (!page.next) break;
    after = page.next;
  }
  return rows;
}

/** Text cut or padded to `width` characters. */
function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function printTable(io: CliIo, rows: EventRecord[], lang: Language): void {
  if (rows.length === 0) {
    io.err('No events match.');
    return;
  }
  const feedWidth = Math.min(24, Math.max(4, ...rows.map((r) => r.feedId.length)));
  const typeWidth = Math.min(24, Math.max(4, ...rows.map((r) => r.type.length)));
  io.out(`  ${'time'.padEnd(19)}  ${cell('feed', feedWidth)}  ${cell('type', typeWidth)}  title`);
  for (const row of rows) {
    const mark = row.read ? ' ' : '•';
    io.out(
      `${mark} ${localTime(row.occurredAt)}  ${cell(row.feedId, feedWidth)}  ${cell(row.type, typeWidth)}  ${row.title[lang]}`,
    );
  }
}

export const eventsCommand: CommandSpec = { name: 'events', summary: 'list stored events, newest first', help: HELP, run };
