// Moving a damaged event log aside, so a new one can start while the old file stays for recovery or support.
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

const pad = (n: number) => String(n).padStart(2, '0');

/** "feedbell.db" → "feedbell.damaged-20261201-141502.db" beside it; returns the new path. Its -wal/-shm go along. */
export function moveDamagedLog(file: string, now: number): string {
  const d = new Date(now);
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  const ext = extname(file);
  let target = join(dirname(file), `${basename(file, ext)}.damaged-${stamp}${ext}`);
  for (let n = 2; existsSync(target); n++) target = join(dirname(file), `${basename(file, ext)}.damaged-${stamp}-${n}${ext}`);
  // The write-ahead log belongs to the file it was written for: move it first, so a crash in between never pairs
  // the old WAL with a new log.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  renameSync(file, target);
  return target;
}
