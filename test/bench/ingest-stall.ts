// The main side's share of the window's speed: while a feed's backlog of 100,000 events is stored, how long is the
// event loop held at most (IPC, the tray and the other feeds wait that long)? Through the real FeedPoller and an
// on-disk EventStore (WAL), with demo events (realistic Russian and English text and payloads) in pages of 1,000, as
// Kontur.Extern sends them. Measured twice in the same run: one transaction per page (as before issue 10) and in
// chunks of INGEST_CHUNK (chunked-ingest.ts).
// Run alone: node test/bench/ingest-stall.ts [events]; `npm run bench` runs it in a child process and writes the
// figures into docs/PERFORMANCE.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoEvent, type DemoRawEvent } from '../../main/core/feeds/demo/demo-events.ts';
import { demoProvider, demoSettingsSchema } from '../../main/core/feeds/demo/demo-provider.ts';
import type { Provider } from '../../main/core/feeds/provider.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { turnOfTheLoop } from '../../main/core/loop-turn.ts';
import { silentLogger } from '../../main/core/ports.ts';
import { FeedPoller } from '../../main/core/poller/feed-poller.ts';
import { INGEST_CHUNK } from '../../main/core/store/chunked-ingest.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { startStallMeter } from '../support/stall-meter.ts';

export const STALL_BOUND_MS = 50;
const ORIGIN = Date.UTC(2026, 0, 1);
/** One event per 6 ms of the demo timeline. */
const STEP_MS = 6;

/** A feed with `total` events waiting, served in pages of `pageSize` on a later turn of the loop (as a request is). */
function backlogProvider(total: number, pageSize: number): Provider<unknown, DemoRawEvent> {
  const settings = demoSettingsSchema.parse({ seed: 5 });
  return {
    settingsSchema: demoSettingsSchema,
    needsSecret: false,
    start: async () => ({ cursor: '0', skipBefore: null }),
    async fetchPage(_ctx, cursor) {
      await turnOfTheLoop();
      const from = Number(cursor ?? '0');
      const to = Math.min(total, from + pageSize);
      const events: DemoRawEvent[] = [];
      // Made in slices with turns between them, as a response arrives in pieces: the bench measures storing, not this.
      for (let seq = from; seq < to; seq++) {
        if ((seq - from) % 100 === 99) await turnOfTheLoop();
        events.push(demoEvent(settings.seed, seq, ORIGIN + seq * STEP_MS));
      }
      return { events, cursor: String(to), more: to < total };
    },
    normalize: (raw) => demoProvider.normalize(raw, settings),
  };
}

export interface StallFigure {
  /** Events per transaction (the page size for "one per page"). */
  chunk: number;
  events: number;
  longestStallMs: number;
  seconds: number;
  /** The 99th percentile and the longest of the store's transactions (one `EventStore.ingest` call each), ms. */
  chunkP99Ms: number;
  chunkMaxMs: number;
}

/** Stores a backlog of `events` through a FeedPoller; the longest event-loop stall and the time it took. */
export async function measureBacklogStall(options: { events: number; pageSize?: number; chunk: number }): Promise<StallFigure> {
  const pageSize = options.pageSize ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-stall-'));
  const store = EventStore.open(join(dir, 'feedbell.db'));
  const chunkMs: number[] = [];
  const ingest = store.ingest.bind(store);
  store.ingest = (...args) => {
    const start = performance.now();
    try {
      return ingest(...args);
    } finally {
      chunkMs.push(performance.now() - start);
    }
  };
  try {
    const poller = new FeedPoller(
      {
        id: 'backlog',
        provider: 'demo',
        name: 'backlog',
        enabled: true,
        intervalSec: 60,
        start: { kind: 'beginning' },
        settings: {},
      },
      backlogProvider(options.events, pageSize),
      {
        store,
        secrets: { get: async () => null },
        http: () => new HttpClient(),
        clock: { now: () => Date.now(), sleep: () => Promise.resolve() },
        log: silentLogger,
        ingestChunk: options.chunk,
      },
    );
    const meter = await startStallMeter();
    const start = performance.now();
    let stored = 0;
    for (let run = 0; run < 100; run++) {
      const result = await poller.syncOnce({ stream: false });
      if (result.error) throw result.error;
      stored += result.inserted.length;
      if (result.caughtUp) break;
    }
    const seconds = (performance.now() - start) / 1000;
    const longestStallMs = await meter.stop();
    if (stored !== options.events || store.count('backlog') !== options.events) {
      throw new Error(`stored ${stored} (${store.count('backlog')} in the log), expected ${options.events}`);
    }
    chunkMs.sort((a, b) => a - b);
    const chunkP99Ms = chunkMs[Math.min(chunkMs.length - 1, Math.floor(chunkMs.length * 0.99))] ?? 0;
    return { chunk: options.chunk, events: options.events, longestStallMs, seconds, chunkP99Ms, chunkMaxMs: chunkMs.at(-1) ?? 0 };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both figures of one run: one transaction per 1,000-event page (before), and the chunks (after). */
export async function backlogStallFigures(events: number): Promise<{ before: StallFigure; after: StallFigure }> {
  const before = await measureBacklogStall({ events, chunk: 1000 });
  const after = await measureBacklogStall({ events, chunk: INGEST_CHUNK });
  return { before, after };
}

export function describeStall({ before, after }: { before: StallFigure; after: StallFigure }): string {
  const line = (label: string, f: StallFigure) =>
    `  ${label}: longest stall ${f.longestStallMs.toFixed(1)} ms (transactions p99 ${f.chunkP99Ms.toFixed(1)} ms, max ${f.chunkMaxMs.toFixed(1)} ms), ${f.events.toLocaleString('en')} events in ${f.seconds.toFixed(1)} s (${Math.round(f.events / f.seconds)} events/s)`;
  return [line('one transaction per 1,000-event page', before), line(`chunks of ${after.chunk}`, after)].join('\n');
}

/**
 * Both figures measured in a child process of their own, as main's process is: the calling bench's heap (a million
 * events' worth of fixtures) would otherwise lengthen the garbage collections counted as stalls.
 */
export function backlogStallFiguresInChild(events: number): { before: StallFigure; after: StallFigure } {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(events), '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out) as { before: StallFigure; after: StallFigure };
}

if (import.meta.main && process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(await backlogStallFigures(Number(process.argv[2] ?? 100_000))));
} else if (import.meta.main) {
  const events = Number(process.argv[2] ?? 100_000);
  console.log(`backlog of ${events.toLocaleString('en')} events, pages of 1,000, stored through FeedPoller into a WAL file`);
  const figures = await backlogStallFigures(events);
  console.log(describeStall(figures));
  console.log(figures.after.longestStallMs <= STALL_BOUND_MS ? `within ${STALL_BOUND_MS} ms` : `MISSED: > ${STALL_BOUND_MS} ms`);
}
