// `feedbell feeds`: each configured feed with its stored state; reads the log, never polls.
import { existsSync } from 'node:fs';
import { feedPhase, storedStatus } from '../../core/feed-status.ts';
import { formatStart } from '../../core/feeds/feed-config.ts';
import type { FeedConfig } from '../../core/model.ts';
import type { FeedSyncState } from '../../core/store/event-store.ts';
import { CliError, EXIT_OK, PROGRAM, localTime, parseOptions, type CliIo, type CommandSpec } from '../cli-support.ts';
import { databasePath, loadFeedsConfig, openEventLog, resolveDataDir } from '../config-file.ts';

const HELP = `Usage: ${PROGRAM} feeds --config <file> [--data-dir <dir>] [--json]

Shows each feed of the config file with its stored state: phase, cursor position,
last success, last error, unread and stored event counts. Does not poll.

Options:
  --config <file>    the feeds config file (JSON, see docs/CLI.md)            required
  --data-dir <dir>   folder of the event log (default: the app's own data folder)
  --json             one JSON line per feed:
                     {"id","name","provider","enabled","paused","phase","start","cursor",
                      "firstSyncDone","lastSuccessAt","lastError","unread","stored","note"}
                     times are ISO 8601 UTC or null
  -h, --help         show this help

phase is one of: never-synced, catching-up (a first sync was interrupted), ok,
error (the last sync failed), paused (paused in the app), disabled (in the config).

Exit codes: 0 listed; 1 the event log could not be read; 2 bad usage or an invalid config file.`;

const OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export type FeedListPhase = 'never-synced' | 'catching-up' | 'ok' | 'error' | 'paused' | 'disabled';

export interface FeedLine {
  id: string;
  name: string;
  provider: string;
  enabled: boolean;
  paused: boolean;
  phase: FeedListPhase;
  start: string;
  cursor: string | null;
  firstSyncDone: boolean;
  lastSuccessAt: string | null;
  lastError: { kind: string; message: string; hint: string | null; at: string } | null;
  unread: number;
  stored: number;
  note: string | null;
}

function iso(ms: number | null | undefined): string | null {
  return ms == null ? null : new Date(ms).toISOString();
}

function when(isoTime: string | null): string {
  return isoTime === null ? 'never' : localTime(Date.parse(isoTime));
}

function describe(feed: FeedConfig, state: FeedSyncState | null, stored: number): FeedLine {
  const status = storedStatus(feed, state);
  // Nothing polls here: how far the feed has got stands where the app shows what its poller is doing.
  const progress = !state?.started ? 'never-synced' : !state.firstSyncDone ? 'catching-up' : 'ok';
  return {
    id: status.id,
    name: status.name,
    provider: status.provider,
    enabled: status.enabled,
    paused: status.paused,
    phase: feedPhase(feed, state, progress, false),
    start: formatStart(feed.start),
    cursor: state?.started ? state.cursor : null,
    firstSyncDone: state?.firstSyncDone ?? false,
    lastSuccessAt: iso(status.lastSuccessAt),
    lastError: status.lastError
      ? {
          kind: status.lastError.kind,
          message: status.lastError.message,
          hint: status.lastError.hint ?? null,
          at: iso(status.lastError.at)!,
        }
      : null,
    unread: status.unread,
    stored,
    // The same words as before in one line, Russian first (the window shows one language).
    note: status.note ? `${status.note.ru} / ${status.note.en}` : null,
  };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const o = parseOptions('feeds', args, OPTIONS);
  if (o.config === undefined) throw new CliError(2, `feeds: --config <file> is required (see "${PROGRAM} feeds --help")`);
  const feeds = loadFeedsConfig(o.config);
  const file = databasePath(resolveDataDir(o['data-dir'], io.env));
  let lines: FeedLine[];
  if (!existsSync(file)) {
    // Nothing synced yet: report the configured feeds without creating a log.
    lines = feeds.map((feed) => describe(feed, null, 0));
  } else {
    const store = openEventLog(file);
    try {
      lines = feeds.map((feed) => describe(feed, store.feedState(feed.id), store.count(feed.id)));
    } finally {
      store.close();
    }
  }
  if (o.json) {
    for (const line of lines) io.out(JSON.stringify(line));
  } else if (lines.length === 0) {
    io.err('No feeds in the config file.');
  } else {
    for (const line of lines) printFeed(io, line);
  }
  return EXIT_OK;
}

function printFeed(io: CliIo, f: FeedLine): void {
  io.out(`${f.id} (${f.provider}) ${f.name}`);
  io.out(`  phase: ${f.phase}`);
  io.out(`  cursor: ${f.cursor ?? (f.firstSyncDone ? '(start)' : `not started (start: ${f.start})`)}`);
  io.out(`  last success: ${when(f.lastSuccessAt)}`);
  if (f.lastError) {
    io.out(`  last error: ${f.lastError.kind}: ${f.lastError.message} (${when(f.lastError.at)})`);
    if (f.lastError.hint) io.out(`    hint: ${f.lastError.hint}`);
  }
  io.out(`  events: ${f.stored} stored, ${f.unread} unread`);
  if (f.note) io.out(`  note: ${f.note}`);
}

export const feedsCommand: CommandSpec = { name: 'feeds', summary: "show each feed's state (never polls)", help: HELP, run };
