// Which processes have the event log open: one small marker file each, removed when the log is closed. A marker
// whose process is gone means that process ended without closing the log (a crash, a kill, a power cut), and
// only then is the whole file checked at open: a full `PRAGMA quick_check` of a million events takes seconds.
import { readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface OpenMarker {
  /** A process that had this log open ended without closing it. */
  crashedBefore: boolean;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Marks this process as having `file` open, clearing the markers of processes that are gone. */
export function claimOpenMarker(file: string): OpenMarker {
  const folder = dirname(file);
  const prefix = `${basename(file)}.open-`;
  let crashedBefore = false;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && alive(pid))) continue;
    crashedBefore = true;
    try {
      unlinkSync(join(folder, name));
    } catch {
      // another process cleared it first
    }
  }
  const own = join(folder, `${prefix}${process.pid}`);
  writeFileSync(own, '');
  return {
    crashedBefore,
    release: () => {
      try {
        unlinkSync(own);
      } catch {
        // already gone
      }
    },
  };
}
