// The event log's own failures: a full disk, a read-only folder, a damaged file, a newer schema. Each is a
// `storage` problem that names the file and says what to do, and none of them loses an event.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { FeedError, toFeedError } from '../../main/core/model.ts';
import { moveDamagedLog } from '../../main/core/store/damaged-log.ts';
import { EventStore, StorageError } from '../../main/core/store/event-store.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { readOnlyFolder, smallDisk, type TestDisk } from '../support/disks.ts';
import { FakeClock } from '../support/fake-clock.ts';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).toReversed()) await step();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-storage-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const T0 = Date.UTC(2026, 2, 1);
function events(n: number, from = 0): NormalizedEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `e${from + i}`,
    type: 'doc',
    occurredAt: T0 + (from + i) * 1000,
    title: { ru: `Документ ${from + i}`, en: `Document ${from + i}` },
    summary: { ru: 'Поступил документ от контрагента', en: 'A document arrived' },
    link: null,
    payload: { n: from + i, text: 'x'.repeat(200) },
  }));
}

/** A log file with `n` events in feed f1. */
function logWith(file: string, n: number): void {
  const store = EventStore.open(file);
  store.ensureFeed('f1', 'demo');
  store.ingest('f1', events(n), 'c', T0);
  store.close();
}

function storageProblem(fn: () => unknown): StorageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StorageError);
    return err as StorageError;
  }
  throw new Error('no error');
}

describe('opening the event log', () => {
  it('refuses a log written by a newer Feedbell before changing anything in it', () => {
    const file = join(tempDir(), 'feedbell.db');
    logWith(file, 3);
    const raw = new DatabaseSync(file);
    raw.exec('PRAGMA journal_mode = DELETE; PRAGMA user_version = 99');
    raw.close();
    const before = readFileSync(file);
    const error = storageProblem(() => EventStore.open(file));
    expect(error.problem).toBe('newer');
    expect(error.message).toContain('schema 99');
    expect(error.message).toContain(file);
    expect(error.hint).toBe('Update Feedbell to the version that wrote this event log');
    // Not even the journal mode was switched (that rewrites the file header).
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('reports a damaged log instead of using it: a file that is not a database, and, after a crash, a log with broken pages', () => {
    const dir = tempDir();
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not an SQLite database, just text that happens to sit where the log should be'.repeat(100));
    const notDb = storageProblem(() => EventStore.open(garbage));
    expect(notDb.problem).toBe('corrupt');
    expect(notDb.hint).toContain('move it aside');

    const broken = join(dir, 'broken.db');
    logWith(broken, 3_000);
    const raw = new DatabaseSync(broken);
    raw.exec('PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE');
    const pageSize = Number(raw.prepare('PRAGMA page_size').get()!['page_size']);
    const pages = Number(raw.prepare('PRAGMA page_count').get()!['page_count']);
    raw.close();
    // Scribble over a run of pages in the middle of the file (an interrupted disk write, a bad sector).
    const bytes = readFileSync(broken);
    const from = Math.floor(pages / 2) * pageSize;
    for (let i = from; i < from + 4 * pageSize; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(broken, bytes);
    // A clean close leaves no marker; a process that died with the log open leaves its own.
    expect(readdirSync(dir).filter((name) => name.includes('.open-'))).toEqual([]);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(`${broken}.open-${dead}`, '');
    const damaged = storageProblem(() => EventStore.open(broken));
    expect(damaged.problem).toBe('corrupt');
    expect(damaged.message).toContain(broken);
  });

  it('checks the whole file only after a process died with the log open; the small tables at every open', () => {
    const dir = tempDir();
    const file = join(dir, 'feedbell.db');
    logWith(file, 10);
    const store = EventStore.open(file);
    expect(readdirSync(dir)).toContain(`feedbell.db.open-${process.pid}`);
    store.close();
    expect(readdirSync(dir).filter((name) => name.includes('.open-'))).toEqual([]);
    // Damage the feeds table's page: caught by the check every open does.
    const raw = new DatabaseSync(file);
    raw.exec('PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE');
    const root = Number(raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'feeds'").get()!['rootpage']);
    const pageSize = Number(raw.prepare('PRAGMA page_size').get()!['page_size']);
    raw.close();
    const bytes = readFileSync(file);
    bytes.fill(0x41, (root - 1) * pageSize, root * pageSize);
    writeFileSync(file, bytes);
    expect(storageProblem(() => EventStore.open(file)).problem).toBe('corrupt');
  });

  it('moves a damaged log aside (with its WAL) so that a new one can start, keeping the old file', () => {
    const dir = tempDir();
    const file = join(dir, 'feedbell.db');
    writeFileSync(file, 'damaged'.repeat(1000));
    writeFileSync(`${file}-wal`, 'old wal');
    const moved = moveDamagedLog(file, new Date(2026, 11, 1, 14, 15, 2).getTime());
    expect(moved).toBe(join(dir, 'feedbell.damaged-20261201-141502.db'));
    expect(readFileSync(moved, 'utf8')).toBe('damaged'.repeat(1000));
    expect(readFileSync(`${moved}-wal`, 'utf8')).toBe('old wal');
    const fresh = EventStore.open(file);
    expect(fresh.count()).toBe(0);
    fresh.close();
    // A second damaged log the same second gets its own name.
    writeFileSync(join(dir, 'x.db'), 'x');
    writeFileSync(join(dir, 'x.damaged-20261201-141502.db'), 'earlier');
    expect(moveDamagedLog(join(dir, 'x.db'), new Date(2026, 11, 1, 14, 15, 2).getTime())).toBe(
      join(dir, 'x.damaged-20261201-141502-2.db'),
    );
  });

  it('opens a log in a folder it cannot write, read-only, for the commands that only read', (ctx) => {
    const folder = readOnlyFolder((dir) => logWith(join(dir, 'feedbell.db'), 25));
    if ('skip' in folder) return ctx.skip(folder.skip);
    cleanup.push(() => folder.dispose());
    const file = join(folder.dir, 'feedbell.db');
    expect(() => EventStore.open(file)).toThrow(StorageError);
    const store = EventStore.open(file, { readOnly: true });
    expect(store.count('f1')).toBe(25);
    expect(store.query({ search: 'документ' }).items).toHaveLength(25);
    store.close();
    expect(readdirSync(folder.dir)).toEqual(['feedbell.db']);
  });

  it('a read-only open never creates a log', () => {
    const file = join(tempDir(), 'none', 'feedbell.db');
    expect(storageProblem(() => EventStore.open(file, { readOnly: true })).message).toBe(`There is no event log at ${file}`);
    expect(existsSync(join(file, '..'))).toBe(false);
  });
});

describe('a storage failure is a storage error, not a network one', () => {
  it("maps SQLite errors to the storage kind with SQLite's own words", () => {
    const sqlite = Object.assign(new Error('database or disk is full'), {
      code: 'ERR_SQLITE_ERROR',
      errcode: 13,
      errstr: 'database or disk is full',
    });
    const error = toFeedError(sqlite);
    expect(error).toBeInstanceOf(FeedError);
    expect(error.kind).toBe('storage');
    expect(error.message).toBe('The event log failed: database or disk is full');
    const wrapped = toFeedError(
      new StorageError('full', '/data/feedbell.db', 'The event log /data/feedbell.db failed: database or disk is full'),
    );
    expect(wrapped).toMatchObject({
      kind: 'storage',
      hint: expect.stringContaining('Free some space on the disk that holds /data'),
    });
  });

  it("a full disk stops a sync with kind storage, SQLite's message and a hint naming the folder; after space is freed nothing is missing", async (ctx) => {
    const disk = smallDisk('700k');
    if ('skip' in disk) return ctx.skip(disk.skip);
    cleanup.push(() => disk.dispose());
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 4));
    const feed = parseFeedConfig(
      { id: 'demo', provider: 'demo', start: 'beginning', settings: { ratePerMinute: 10, historyHours: 3.4, pageSize: 100 } },
      'test',
    );
    const open = (dataDir: string) =>
      FeedbellCore.open({
        dataDir,
        feeds: new MemoryFeedsRepository([feed]),
        settings: new MemorySettingsStore(),
        secrets: { get: async () => null },
        clock,
      });
    const reference = open(':memory:');
    expect((await reference.polling.syncAllOnce()).get('demo')!.error).toBeNull();
    const all = reference.store.count('demo');
    await reference.stop();
    expect(all).toBeGreaterThan(2_000);

    let core = open((disk as TestDisk).dir);
    cleanup.push(() => core.stop().catch(() => {}));
    const outcome = (await core.polling.syncAllOnce()).get('demo')!;
    expect(outcome.error?.kind).toBe('storage');
    expect(outcome.error!.message).toContain('database or disk is full');
    expect(outcome.error!.message).toContain(join(disk.dir, 'feedbell.db'));
    expect(outcome.error!.hint).toContain(`Free some space on the disk that holds ${disk.dir}`);
    const stored = core.store.count('demo');
    expect(stored).toBeLessThan(all);
    await core.stop();

    disk.resize('64m');
    core = open(disk.dir);
    expect((await core.polling.syncAllOnce()).get('demo')!.error).toBeNull();
    expect(core.store.count('demo')).toBe(all);
  });
});
