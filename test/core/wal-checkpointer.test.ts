// The WAL is copied back into the event log by a worker thread (wal-checkpointer.ts), not inside main's commits:
// SQLite's checkpoint at 1,000 pages made every fifth 100-event commit of a backlog copy ~4 MB and sync two files
// on main's thread, the longest stalls of its event loop (issue 10).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { ingestInChunks } from '../../main/core/store/chunked-ingest.ts';
import { EventStore, WAL_BACKSTOP_PAGES } from '../../main/core/store/event-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedbell-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 10, 1);
const events = (n: number, from: number): NormalizedEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `w${from + i}`,
    type: 'test',
    occurredAt: T0 + from + i,
    title: { ru: `Входящий документ № ${from + i} от ООО «Ромашка»`, en: `Incoming document No. ${from + i}` },
    summary: { ru: 'Документ на сумму 12 500,00 ₽; ждёт подписи', en: 'Total 12,500.00 RUB' },
    link: null,
    payload: { n: from + i, text: 'слово '.repeat(80) },
  }));

describe('WAL checkpoints on a worker thread', () => {
  it('keep the WAL short while a backlog is stored, without main ever reaching its own checkpoint', async () => {
    const file = join(dir, 'backlog.db');
    const store = EventStore.open(file);
    store.ensureFeed('f1', 'demo');
    // Well past SQLite's default checkpoint of 1,000 pages (about 10 KB of log per event here).
    for (let p = 0; p < 8; p++) await ingestInChunks(store, 'f1', events(1000, p * 1000), `c${p}`, T0);
    await store.checkpointsDone();
    const stats = store.checkpointStats()!;
    expect(stats.errors).toBe(0);
    expect(stats.runs).toBeGreaterThan(8);
    // Main's backstop (a checkpoint inside a commit) was never needed: the worker kept the WAL well below it.
    expect(stats.maxWalPages).toBeLessThan(WAL_BACKSTOP_PAGES / 2);
    // What was committed is in the database file itself, not only in the WAL.
    expect(statSync(file).size).toBeGreaterThan(statSync(`${file}-wal`).size);
    store.close();

    const again = EventStore.open(file);
    expect(again.count('f1')).toBe(8000);
    expect(again.feedState('f1')!.cursor).toBe('c7');
    again.close();
  });

  it('every write asks for a checkpoint, not only ingest (marking read, pruning)', async () => {
    const store = EventStore.open(join(dir, 'writes.db'));
    store.ensureFeed('f1', 'demo');
    await store.checkpointsDone();
    const before = store.checkpointStats()!.runs;
    store.markAllRead('f1');
    await store.checkpointsDone();
    expect(store.checkpointStats()!.runs).toBeGreaterThan(before);
    store.close();
  });

  it('close waits for the worker, so the store closes last and the WAL files are gone when it returns', () => {
    const file = join(dir, 'close.db');
    const store = EventStore.open(file);
    store.ensureFeed('f1', 'demo');
    // A checkpoint is asked for (and may be running) as the store closes.
    store.markAllRead('f1');
    store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  it('an in-memory or read-only log has no worker', () => {
    const memory = EventStore.open(':memory:');
    expect(memory.checkpointStats()).toBeNull();
    memory.close();
    const file = join(dir, 'readonly.db');
    EventStore.open(file).close();
    const readOnly = EventStore.open(file, { readOnly: true });
    // Opened writable when the folder allows it (the CLI's read commands): then it checkpoints like the app.
    expect(readOnly.count()).toBe(0);
    readOnly.close();
  });
});
