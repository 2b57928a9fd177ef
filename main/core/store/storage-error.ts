// What went wrong with the event log's file, in words that name the file and say what to do.
// SQLite's own message is kept; the problem decides the hint (a full disk is not a network problem).
import { dirname } from 'node:path';

export type StorageProblem =
  /** The disk (or the file's size limit) is full. */
  | 'full'
  /** The folder or the file cannot be written, or the file cannot be opened at all. */
  | 'readonly'
  /** `PRAGMA quick_check` failed, or SQLite found damage while reading. */
  | 'corrupt'
  /** Written by a newer Feedbell: this one must not touch it. */
  | 'newer'
  /** An older schema on a folder this process may not write: it cannot be upgraded here. */
  | 'upgrade'
  /** Another process holds a lock for longer than the busy timeout. */
  | 'busy'
  | 'io';

export class StorageError extends Error {
  readonly problem: StorageProblem;
  readonly file: string;
  readonly hint: string;

  constructor(problem: StorageProblem, file: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorageError';
    this.problem = problem;
    this.file = file;
    this.hint = hintFor(problem, file);
  }
}

function hintFor(problem: StorageProblem, file: string): string {
  const folder = dirname(file);
  switch (problem) {
    case 'full':
      return `Free some space on the disk that holds ${folder}; nothing is lost: the next sync continues from the last stored page`;
    case 'readonly':
      return `Check that ${folder} exists and can be written (permissions, a read-only or removed disk)`;
    case 'corrupt':
      return `The event log ${file} is damaged: move it aside (the app offers to) and Feedbell starts a new one`;
    case 'newer':
      return 'Update Feedbell to the version that wrote this event log';
    case 'upgrade':
      return `Run Feedbell once with write access to ${folder} so it can upgrade the event log`;
    case 'busy':
      return 'Another Feedbell (the app or a CLI run) is writing the event log: try again when it has finished';
    case 'io':
      return `Check the disk that holds ${folder}`;
  }
}

/** SQLite's primary result codes (the low byte of an extended code) that say what the problem is. */
const BY_SQLITE_CODE: Record<number, StorageProblem> = {
  5: 'busy', // SQLITE_BUSY
  6: 'busy', // SQLITE_LOCKED
  8: 'readonly', // SQLITE_READONLY
  10: 'io', // SQLITE_IOERR
  11: 'corrupt', // SQLITE_CORRUPT
  13: 'full', // SQLITE_FULL
  14: 'readonly', // SQLITE_CANTOPEN
  26: 'corrupt', // SQLITE_NOTADB
};

/** An error from node:sqlite (or the file system under it) as a StorageError naming `file`; others unchanged. */
export function toStorageError(err: unknown, file: string): unknown {
  if (err instanceof StorageError) return err;
  const e = err as { code?: unknown; errcode?: unknown; errstr?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return err;
  const sqliteCode = typeof e.errcode === 'number' ? e.errcode & 0xff : null;
  const fsCode = typeof e.code === 'string' ? e.code : '';
  let problem: StorageProblem | undefined;
  if (e.code === 'ERR_SQLITE_ERROR') problem = (sqliteCode !== null ? BY_SQLITE_CODE[sqliteCode] : undefined) ?? 'io';
  else if (fsCode === 'ENOSPC' || fsCode === 'EDQUOT') problem = 'full';
  else if (fsCode === 'EACCES' || fsCode === 'EPERM' || fsCode === 'EROFS') problem = 'readonly';
  if (!problem) return err;
  const said = typeof e.errstr === 'string' && e.errstr ? e.errstr : typeof e.message === 'string' ? e.message : String(err);
  return new StorageError(problem, file, `The event log ${file} failed: ${said}`, { cause: err });
}
