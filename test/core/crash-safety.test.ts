// Invariant 1 under real crashes: a child process runs a long ingest and is killed with SIGKILL at random
// moments, then restarted; in the end every event is stored exactly once and no event was reported twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EventStore } from '../../main/core/store/event-store.ts';
import { seededRandom } from '../../main/core/seeded-random.ts';

const CHILD = fileURLToPath(new URL('./fixtures/ingest-child.ts', import.meta.url));
const FEED_ID = 'crash-demo'; // CHILD_FEED_ID in the fixture (importing it would run the child here)
const ORIGIN = Date.UTC(2026, 0, 1);
/** 10,000 events per virtual second, 3.6 virtual seconds: 36,010 events in 721 pages of 50, ten per millisecond. */
const SETTINGS = { seed: 7, ratePerMinute: 600_000, pageSize: 50, historyHours: 1, origin: ORIGIN };
const NOW = ORIGIN + 3_600;
const KILLS = 24;
const MIN_MID_INGEST_KILLS = 15;

const live = new Set<ChildProcess>();
const dir = mkdtempSync(join(tmpdir(), 'feedbell-crash-'));

afterAll(async () => {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  /** Complete lines only: a line cut short by the kill is a lost report, which is allowed. */
  lines: string[];
  readonly stderr: string;
  /** Resolves true on the "ready" line, false if the child closed before it. */
  ready: Promise<boolean>;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(file: string): Run {
  const child = spawn(process.execPath, [CHILD, file, JSON.stringify(SETTINGS), String(NOW)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let onReady!: (ready: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (onReady = resolve));
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (line.startsWith('ready ')) onReady(true);
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      live.delete(child);
      onReady(false);
      resolve({ code, signal });
    });
  });
  return {
    child,
    lines,
    get stderr() {
      return stderr;
    },
    ready,
    closed,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storedRows(file: string): { key: number; id: string }[] {
  const db = new DatabaseSync(file);
  try {
    return db
      .prepare('SELECT key, event_id FROM events ORDER BY key')
      .all()
      .map((row) => ({ key: Number(row['key']), id: String(row['event_id']) }));
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it(`stores every event exactly once and reports none twice across ${KILLS} SIGKILLs mid-ingest`, async () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major > 22 || (major === 22 && minor >= 18), `node ${process.version} cannot run .ts files`).toBe(true);

    const seed = Number(process.env['FEEDBELL_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`crash-safety seed ${seed} (rerun with FEEDBELL_CRASH_SEED=${seed})`);
    const random = seededRandom(seed);

    // A clean reference run into another file, alongside the kill loop: the set that must come out.
    const referenceFile = join(dir, 'reference.sqlite');
    const reference = startChild(referenceFile);

    const file = join(dir, 'crashed.sqlite');
    const runs: { lines: string[]; killed: boolean; midIngest: boolean; delay: number }[] = [];
    for (let i = 0; i < KILLS; i++) {
      const run = startChild(file);
      const ready = await run.ready;
      if (!ready) {
        const { code, signal } = await run.closed;
        throw new Error(`child ${i} closed before it was ready (code ${code}, signal ${signal}):\n${run.stderr}`);
      }
      const delay = 30 + Math.floor(random() * 271);
      await sleep(delay);
      run.child.kill('SIGKILL');
      const { code, signal } = await run.closed;
      const pages = run.lines.filter((line) => line.startsWith('page ') || line.startsWith('chunk ')).length;
      const done = run.lines.some((line) => line.startsWith('done '));
      const killed = signal === 'SIGKILL';
      if (!killed && code !== 0) throw new Error(`child ${i} failed (code ${code}):\n${run.stderr}`);
      runs.push({ lines: run.lines, killed, midIngest: killed && pages > 0 && !done, delay });
      if (done) break; // the ingest finished before the kill: nothing left to interrupt
    }

    const final = startChild(file);
    const finalExit = await final.closed;
    expect(finalExit, final.stderr).toEqual({ code: 0, signal: null });
    runs.push({ lines: final.lines, killed: false, midIngest: false, delay: 0 });
    const referenceExit = await reference.closed;
    expect(referenceExit, reference.stderr).toEqual({ code: 0, signal: null });

    const kills = runs.filter((run) => run.killed).length;
    const midIngest = runs.filter((run) => run.midIngest).length;
    const pageLines = runs.flatMap((run) => run.lines.filter((line) => line.startsWith('page ')));
    // Pages are stored in chunks: a kill between two chunks of a page leaves some of it stored and the cursor before it.
    const chunkLines = runs.flatMap((run) => run.lines.filter((line) => line.startsWith('chunk ')));
    const betweenChunks = runs.filter((run) => run.killed && run.lines.at(-1)?.startsWith('chunk ')).length;
    console.log(
      `crash-safety: ${kills} kills, ${midIngest} mid-ingest (${betweenChunks} right after a chunk that kept the cursor), ` +
        `${pageLines.length} page and ${chunkLines.length} chunk reports, ` +
        `delays ${runs
          .filter((run) => run.killed)
          .map((run) => run.delay)
          .join(',')} ms`,
    );
    expect(kills).toBeGreaterThanOrEqual(20);
    expect(midIngest).toBeGreaterThanOrEqual(MIN_MID_INGEST_KILLS);

    // The cursor only moves forward: every reported page, across all runs, is after the previous one,
    // and each restart resumes at or after the last page it was told about.
    let lastCursor = -1;
    for (const run of runs) {
      for (const line of run.lines) {
        const [kind, cursor] = line.split(' ');
        if (kind === 'ready') expect(Number(cursor)).toBeGreaterThanOrEqual(lastCursor);
        if (kind === 'page') {
          expect(Number(cursor)).toBeGreaterThan(lastCursor);
          lastCursor = Number(cursor);
        }
      }
    }

    // At-most-once notification: no event id was reported by two commits.
    const reported = new Map<string, number>();
    for (const line of pageLines) for (const id of line.split(' ').slice(2)) reported.set(id, (reported.get(id) ?? 0) + 1);
    for (const line of chunkLines) for (const id of line.split(' ').slice(1)) reported.set(id, (reported.get(id) ?? 0) + 1);
    expect(chunkLines.length).toBeGreaterThan(0);
    const reportedTwice = [...reported].filter(([, n]) => n > 1).map(([id]) => id);
    expect(reportedTwice).toEqual([]);

    // Exactly-once storage: the same rows, in the same order, under the same keys as the clean run.
    const expected = storedRows(referenceFile);
    const stored = storedRows(file);
    expect(expected.length).toBe(36_010);
    expect(new Set(expected.map((row) => row.id)).size).toBe(expected.length);
    expect(stored.length).toBe(expected.length);
    expect(new Set(stored.map((row) => row.id)).size).toBe(stored.length);
    expect(stored).toEqual(expected);
    const storedIds = new Set(stored.map((row) => row.id));
    expect([...reported.keys()].filter((id) => !storedIds.has(id))).toEqual([]);
    // Reports lost to a kill between commit and print are allowed, but most pages are reported.
    expect(reported.size).toBeGreaterThan(stored.length * 0.9);

    const referenceDone = reference.lines.find((line) => line.startsWith('done '));
    const store = EventStore.open(file);
    try {
      const state = store.feedState(FEED_ID)!;
      expect(`done ${state.cursor}`).toBe(referenceDone);
      expect(state.cursor).toBe(String(expected.length));
      expect(state.started).toBe(true);
      expect(store.count(FEED_ID)).toBe(expected.length);
      expect(store.unreadCounts()).toEqual({ [FEED_ID]: expected.length });
      // The demo's six kinds of activity, and its queue's demands and documents.
      expect(store.eventTypes().length).toBe(8);

      // The index must hold exactly one entry per row: a search finds each row that mentions the year once (the demo's
      // activity all does; its queue's demands and documents need not).
      const reader = new DatabaseSync(file, { readOnly: true });
      const mentioning = Number(
        reader
          .prepare(
            `SELECT count(*) AS n FROM events WHERE title_ru LIKE '%2026%' OR title_en LIKE '%2026%'
               OR summary_ru LIKE '%2026%' OR summary_en LIKE '%2026%' OR payload LIKE '%2026%'`,
          )
          .get()!['n'],
      );
      reader.close();
      expect(mentioning).toBeGreaterThan(expected.length * 0.9);
      let found = 0;
      let after: string | undefined;
      for (let guard = 0; guard < 1_000; guard++) {
        const page = store.query({ search: '2026', limit: 500, ...(after === undefined ? {} : { after }) });
        found += page.items.length;
        if (page.next === null) break;
        after = page.next;
      }
      expect(found).toBe(mentioning);
    } finally {
      store.close();
    }
    const raw = new DatabaseSync(file);
    try {
      expect(raw.prepare('PRAGMA integrity_check').get()!['integrity_check']).toBe('ok');
      raw.exec(`INSERT INTO events_fts (events_fts) VALUES ('integrity-check')`);
      expect(raw.prepare(`SELECT count(*) AS n FROM events_fts`).get()!['n']).toBe(expected.length);
    } finally {
      raw.close();
    }
  }, 180_000);
});
