// Reads the CLI's feeds config file, resolves the data folder and opens the event log in it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../core/feedbell-core.ts';
import { ConfigError, parseFeedsConfig } from '../core/feeds/feed-config.ts';
import type { FeedConfig } from '../core/model.ts';
import { EventStore, StorageError } from '../core/store/event-store.ts';
import { CliError, EXIT_FAILED, EXIT_USAGE } from './cli-support.ts';
import { defaultDataDir } from './default-data-dir.ts';

/** Largest config file we read; a feeds list is a few kilobytes. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Loads and validates `file`; every error names the file (and, from parseFeedsConfig, the feed and field). */
export function loadFeedsConfig(file: string): FeedConfig[] {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_CONFIG_BYTES) throw new CliError(EXIT_USAGE, `${file}: the config file is larger than 1 MiB`);
    text = bytes.toString('utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(EXIT_USAGE, `${file}: cannot read the config file (${describeFsError(err)})`);
  }
  try {
    return parseFeedsConfig(text.replace(/^\uFEFF/, ''), file);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(EXIT_USAGE, err.message);
    throw err;
  }
}

export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv): string {
  if (option === '') throw new CliError(EXIT_USAGE, '--data-dir must not be empty');
  return option ?? defaultDataDir(process.platform, env);
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

/**
 * Opens the event log for a command that only reads it (a read-only data folder is fine); a failure is a failed
 * run (exit 1) naming the file and what to do.
 */
export function openEventLog(file: string): EventStore {
  try {
    return EventStore.open(file, { readOnly: true });
  } catch (err) {
    throw cannotOpen(file, err);
  }
}

/** The CLI's error for an event log it cannot open: the storage problem and its hint, or the file-system reason. */
export function cannotOpen(file: string, err: unknown): CliError {
  if (err instanceof StorageError) return new CliError(EXIT_FAILED, `${err.message}. ${err.hint}`);
  return new CliError(EXIT_FAILED, `cannot open the event log ${file}: ${describeFsError(err)}`);
}

/** A file-system error as a short reason: "no such file or directory", "permission denied"… */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EEXIST':
      return 'a file is in the way';
    default:
      return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  }
}
