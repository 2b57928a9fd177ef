// The CLI and the event log's own failures: a read-only data folder still answers `events` and `feeds`; a full disk
// makes `sync` fail with a storage line (exit 1) and loses nothing; a damaged or newer log is refused, exit 1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readOnlyFolder, smallDisk } from '../support/disks.ts';
import { Scratch, demoFeed, parseLines, runCli } from './cli-harness.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let scratch: Scratch;
const cleanup: (() => void)[] = [];
beforeAll(() => {
  scratch = new Scratch();
});
afterAll(() => {
  for (const step of cleanup.splice(0).toReversed()) step();
  scratch?.remove();
});

describe('the CLI and the event log on disk', () => {
  it('events and feeds work on a data folder that cannot be written', async (ctx) => {
    const config = scratch.writeJson('ro.json', { feeds: [demoFeed('alpha', 12, 10, 5)] });
    const source = scratch.path('ro-source');
    expect((await runCli(scratch, ['sync', '--config', config, '--data-dir', source])).code).toBe(0);
    const folder = readOnlyFolder((dir) => {
      // A clean copy of the log, as a backup disk or a shared folder would hold it.
      const db = new DatabaseSync(join(source, 'feedbell.db'));
      db.exec(`VACUUM INTO '${join(dir, 'feedbell.db').replaceAll("'", "''")}'`);
      db.close();
    });
    if ('skip' in folder) return ctx.skip(folder.skip);
    cleanup.push(() => folder.dispose());

    const events = await runCli(scratch, ['events', '--data-dir', folder.dir, '--json']);
    expect(events.stderr).toBe('');
    expect(events.code).toBe(0);
    expect(parseLines(events)).toHaveLength(12);
    const feeds = await runCli(scratch, ['feeds', '--config', config, '--data-dir', folder.dir]);
    expect(feeds.stderr).toBe('');
    expect(feeds.code).toBe(0);
    expect(feeds.stdout).toContain('events: 12 stored');
    // sync needs to write: it says so, naming the folder.
    const sync = await runCli(scratch, ['sync', '--config', config, '--data-dir', folder.dir]);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(join(folder.dir, 'feedbell.db'));
    expect(sync.stderr).toContain(`Check that ${folder.dir} exists and can be written`);
  });

  it('sync on a full disk: "<feed>: storage: …database or disk is full", exit 1; after space is freed, nothing is missing', async (ctx) => {
    const disk = smallDisk('700k');
    if ('skip' in disk) return ctx.skip(disk.skip);
    cleanup.push(() => disk.dispose());
    const config = scratch.writeJson('full.json', { feeds: [demoFeed('big', 2_500, 10, 5, { settings: { pageSize: 100 } })] });
    const full = await runCli(scratch, ['sync', '--config', config, '--data-dir', disk.dir, '--json']);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/^big: storage: The event log .*feedbell\.db failed: database or disk is full$/m);
    expect(full.stderr).not.toMatch(/network/i);
    const printedBefore = parseLines(full).map((e) => e.id);

    disk.resize('64m');
    const after = await runCli(scratch, ['sync', '--config', config, '--data-dir', disk.dir, '--json']);
    expect(after.code).toBe(0);
    const printed = new Set([...printedBefore, ...parseLines(after).map((e) => e.id)]);
    expect(printed.size).toBe(2_500);
    const listed = await runCli(scratch, ['events', '--data-dir', disk.dir, '--json', '--limit', '10000']);
    expect(parseLines(listed)).toHaveLength(2_500);
  });

  it('a damaged log or one written by a newer Feedbell: exit 1, the problem and what to do, nothing changed', async () => {
    const damaged = scratch.path('damaged');
    const config = scratch.writeJson('damaged.json', { feeds: [demoFeed('alpha', 3, 10, 5)] });
    expect((await runCli(scratch, ['sync', '--config', config, '--data-dir', damaged])).code).toBe(0);
    writeFileSync(join(damaged, 'feedbell.db'), 'scribbled over'.repeat(500));
    for (const args of [
      ['events', '--data-dir', damaged],
      ['sync', '--config', config, '--data-dir', damaged],
    ]) {
      const run = await runCli(scratch, args);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr).toContain('is damaged');
      expect(run.stderr).toContain('move it aside');
    }

    const newer = scratch.path('newer');
    expect((await runCli(scratch, ['sync', '--config', config, '--data-dir', newer])).code).toBe(0);
    scratch.sql(newer, 'PRAGMA user_version = 42');
    const run = await runCli(scratch, ['events', '--data-dir', newer]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('written by a newer Feedbell (schema 42');
    expect(run.stderr).toContain('Update Feedbell');
  });
});
