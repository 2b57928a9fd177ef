// Real file-system conditions for storage tests: a small disk that fills up, and a folder that cannot be written.
// Both need a tmpfs mount (root, as on CI); where mounting is not allowed the caller skips, saying why.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestDisk {
  dir: string;
  /** Changes the size (e.g. to free space); "64m", "600k". */
  resize(size: string): void;
  /** Makes the whole disk read-only, or writable again. */
  readOnly(on: boolean): void;
  dispose(): void;
}

function mount(args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

/** A tmpfs of `size` mounted on a fresh folder, or null (with the reason) where this process may not mount. */
export function smallDisk(size: string): TestDisk | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-disk-'));
  try {
    mount(['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}); run as root, as CI does` };
  }
  return {
    dir,
    resize: (next) => mount(['-o', `remount,size=${next}`, dir]),
    readOnly: (on) => mount(['-o', on ? 'remount,ro' : 'remount,rw', dir]),
    dispose: () => {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A folder this process cannot write: a read-only mount when running as root (root ignores file modes), else a
 * folder with mode 0555.
 */
export function readOnlyFolder(fill: (dir: string) => void): { dir: string; dispose(): void } | { skip: string } {
  if (process.getuid?.() === 0) {
    const disk = smallDisk('64m');
    if ('skip' in disk) return disk;
    fill(disk.dir);
    disk.readOnly(true);
    return { dir: disk.dir, dispose: () => disk.dispose() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-ro-'));
  fill(dir);
  chmodSync(dir, 0o555);
  return {
    dir,
    dispose: () => {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
