// Benchmark (npm run bench): ingest throughput of the real pipeline against a bare insert, query latency over
// 1,000,000 stored events, and the window's speed and memory over them in Chromium (window-bench.ts).
// Prints a table and writes docs/PERFORMANCE.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { EventQuery, ProviderId } from '../../preload/contract.ts';
import { demoProvider, demoSettingsSchema, type DemoSettings } from '../../main/core/feeds/demo/demo-provider.ts';
import type { ProviderContext } from '../../main/core/feeds/provider.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { ftsDocument, KEY_SLOTS, migrate } from '../../main/core/store/schema.ts';
import { SqliteDatabase } from '../../main/core/store/sqlite.ts';
import { SearchVocabulary } from '../../main/core/store/search-terms.ts';
import { providerContext } from '../support/provider-context.ts';
import { benchWindow, windowMarkdown, windowMisses } from './window-bench.ts';
import { backlogStallFiguresInChild, describeStall, STALL_BOUND_MS } from './ingest-stall.ts';

const ORIGIN = Date.UTC(2026, 0, 1);
const INGEST_EVENTS = 20_000;
const INGEST_PAGE = 100;
const INGEST_ROUNDS = 2;
/** FEEDBELL_BENCH_EVENTS shrinks the query database for a quick try of the script itself. */
const STORED_EVENTS = Number(process.env['FEEDBELL_BENCH_EVENTS'] ?? 1_000_000);
const POOL = 50_000;
const SAMPLES = 200;
const WARMUP = 20;
const DEEP_PAGES = 50;
const TARGET_RATIO = 0.5;
const TARGET_P95_MS = 20;

const work = mkdtempSync(join(tmpdir(), 'feedbell-bench-'));
process.on('exit', () => {
  if (process.env['FEEDBELL_BENCH_KEEP']) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

function context(settings: DemoSettings, now: number): ProviderContext<DemoSettings> {
  return providerContext(settings, { feedId: 'bench', now: () => now });
}

/** All events of a demo feed up to `now`, normalized, in feed order. */
async function demoEvents(settings: DemoSettings, now: number): Promise<NormalizedEvent[]> {
  const ctx = context(settings, now);
  const events: NormalizedEvent[] = [];
  let cursor: string | null = '0';
  for (;;) {
    const page = await demoProvider.fetchPage(ctx, cursor);
    for (const raw of page.events) events.push(demoProvider.normalize(raw, settings));
    cursor = page.cursor;
    if (!page.more) return events;
  }
}

function openBare(file: string): SqliteDatabase {
  const db = new SqliteDatabase(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  migrate(db);
  return db;
}

// ---- (a) ingest throughput ----

const ingestSettings = demoSettingsSchema.parse({ seed: 3, ratePerMinute: 600_000, pageSize: INGEST_PAGE });
const ingestNow = ORIGIN + (INGEST_EVENTS * 60_000) / ingestSettings.ratePerMinute - 1;

/** The real pipeline, timed end to end: demo fetchPage → normalize → EventStore.ingest (events, FTS, cursor). */
async function pipelineRun(round: number): Promise<{ events: number; ms: number; ingestMs: number }> {
  const store = EventStore.open(join(work, `pipeline-${round}.sqlite`));
  store.ensureFeed('bench', 'demo');
  const ctx = context(ingestSettings, ingestNow);
  let cursor = store.feedState('bench')!.cursor ?? '0';
  let events = 0;
  let ingestMs = 0;
  const start = performance.now();
  for (;;) {
    const page = await demoProvider.fetchPage(ctx, cursor);
    const normalized = page.events.map((raw) => demoProvider.normalize(raw, ingestSettings));
    const before = performance.now();
    events += store.ingest('bench', normalized, page.cursor, ingestNow).length;
    ingestMs += performance.now() - before;
    cursor = page.cursor!;
    if (!page.more) break;
  }
  const ms = performance.now() - start;
  store.close();
  return { events, ms, ingestMs };
}

/** The floor: the same rows, values and keys precomputed, plain prepared INSERTs (events + FTS) per page. */
function bareRun(round: number, rows: NormalizedEvent[]): { events: number; ms: number } {
  const db = openBare(join(work, `bare-${round}.sqlite`));
  const used = new Map<number, number>();
  const values = rows.map((e) => {
    const ms = Math.floor(e.occurredAt);
    const slot = used.get(ms) ?? 0;
    used.set(ms, slot + 1);
    const payload = JSON.stringify(e.payload);
    return {
      key: ms * KEY_SLOTS + slot,
      e,
      payload,
      text: ftsDocument(e.title.ru, e.title.en, e.summary.ru, e.summary.en, e.type, payload),
    };
  });
  const insert = db.prepare(
    `INSERT INTO events (key, feed_id, provider, event_id, type, occurred_at, received_at,
       title_ru, title_en, summary_ru, summary_en, link, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const index = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
  const start = performance.now();
  for (let at = 0; at < values.length; at += INGEST_PAGE) {
    db.transaction(() => {
      for (const { key, e, payload, text } of values.slice(at, at + INGEST_PAGE)) {
        insert.run(
          key,
          'bench',
          'demo',
          e.id,
          e.type,
          e.occurredAt,
          ingestNow,
          e.title.ru,
          e.title.en,
          e.summary.ru,
          e.summary.en,
          e.link,
          payload,
        );
        index.run(key, text);
      }
    });
  }
  const ms = performance.now() - start;
  db.close();
  return { events: values.length, ms };
}

console.log(`(a) ingest: ${INGEST_EVENTS} demo events in pages of ${INGEST_PAGE}, best of ${INGEST_ROUNDS} rounds`);
const ingestRows = await demoEvents(ingestSettings, ingestNow);
let pipelineBest = 0;
let ingestOnlyBest = 0;
let bareBest = 0;
for (let round = 0; round < INGEST_ROUNDS; round++) {
  const pipeline = await pipelineRun(round);
  const bare = bareRun(round, ingestRows);
  if (pipeline.events !== ingestRows.length || bare.events !== ingestRows.length) {
    throw new Error(`event counts differ: pipeline ${pipeline.events}, bare ${bare.events}, expected ${ingestRows.length}`);
  }
  pipelineBest = Math.max(pipelineBest, (pipeline.events / pipeline.ms) * 1000);
  ingestOnlyBest = Math.max(ingestOnlyBest, (pipeline.events / pipeline.ingestMs) * 1000);
  bareBest = Math.max(bareBest, (bare.events / bare.ms) * 1000);
  console.log(
    `  round ${round + 1}: pipeline ${pipeline.ms.toFixed(0)} ms (of which ingest ${pipeline.ingestMs.toFixed(0)} ms), bare ${bare.ms.toFixed(0)} ms`,
  );
}
const ratio = pipelineBest / bareBest;
const ingestOnlyRatio = ingestOnlyBest / bareBest;
console.log(
  `  pipeline ${pipelineBest.toFixed(0)} events/s, bare insert ${bareBest.toFixed(0)} events/s, ratio ${ratio.toFixed(2)}`,
);
console.log(`  EventStore.ingest alone ${ingestOnlyBest.toFixed(0)} events/s, ratio to bare ${ingestOnlyRatio.toFixed(2)}`);

// ---- (c) the main side's event loop while a backlog is stored ----

const BACKLOG_EVENTS = Number(process.env['FEEDBELL_BENCH_BACKLOG'] ?? 100_000);
console.log(`(c) longest event-loop stall while a backlog of ${BACKLOG_EVENTS.toLocaleString('en')} events is stored`);
const stall = backlogStallFiguresInChild(BACKLOG_EVENTS);
console.log(describeStall(stall));

// ---- (b) query latency over 1,000,000 events ----

const FEEDS: { id: string; provider: ProviderId }[] = [
  { id: 'evotor-shop', provider: 'evotor' },
  { id: 'diadoc-box', provider: 'diadoc' },
  { id: 'extern-org', provider: 'extern' },
  { id: 'realty-checks', provider: 'realty' },
  { id: 'demo', provider: 'demo' },
];

function feedFor(type: string, i: number): { id: string; provider: ProviderId } {
  if (i % 5 === 4) return FEEDS[4]!;
  // The demo's kinds, each stored as if its look-alike service had sent it.
  if (type === 'demo.purchase' || type === 'demo.till-document') return FEEDS[0]!;
  if (type === 'demo.invoice' || type === 'demo.utd') return FEEDS[1]!;
  if (type === 'demo.report') return FEEDS[2]!;
  return FEEDS[3]!;
}

const bigFile = join(work, 'million.sqlite');
const buildStart = performance.now();
{
  const store = EventStore.open(bigFile);
  for (const feed of FEEDS) store.ensureFeed(feed.id, feed.provider);
  store.close();
}
// A pool of real demo events (realistic Russian and English text and payloads), reused with fresh ids and times.
const poolSettings = demoSettingsSchema.parse({ seed: 11, ratePerMinute: 600_000, pageSize: 500 });
const pool = (await demoEvents(poolSettings, ORIGIN + (POOL * 60_000) / poolSettings.ratePerMinute - 1)).map((e) => {
  const payload = JSON.stringify(e.payload);
  return { e, payload, text: ftsDocument(e.title.ru, e.title.en, e.summary.ru, e.summary.en, e.type, payload) };
});
{
  const db = new DatabaseSync(bigFile);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144');
  const insert = db.prepare(
    `INSERT INTO events (key, feed_id, provider, event_id, type, occurred_at, received_at,
       title_ru, title_en, summary_ru, summary_en, link, read, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const index = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
  const types = db.prepare('INSERT OR IGNORE INTO event_types (provider, type) VALUES (?, ?)');
  const unread = new Map<string, number>();
  // One year of history, one event every ~31.5 s; the newest 3 % and every 50th older one unread.
  const span = 365 * 24 * 3_600_000;
  const first = ORIGIN - span;
  const BATCH = 50_000;
  for (let at = 0; at < STORED_EVENTS; at += BATCH) {
    db.exec('BEGIN');
    for (let i = at; i < Math.min(at + BATCH, STORED_EVENTS); i++) {
      const { e, payload, text } = pool[i % pool.length]!;
      const feed = feedFor(e.type, i);
      const occurredAt = first + Math.floor((i * span) / STORED_EVENTS);
      const key = occurredAt * KEY_SLOTS;
      const isUnread = i >= STORED_EVENTS * 0.97 || i % 50 === 0;
      if (isUnread) unread.set(feed.id, (unread.get(feed.id) ?? 0) + 1);
      insert.run(
        key,
        feed.id,
        feed.provider,
        `${e.id}:${i}`,
        e.type,
        occurredAt,
        occurredAt + 1500,
        e.title.ru,
        e.title.en,
        e.summary.ru,
        e.summary.en,
        e.link,
        isUnread ? 0 : 1,
        payload,
      );
      index.run(key, text);
      types.run(feed.provider, e.type);
    }
    db.exec('COMMIT');
  }
  for (const [feedId, n] of unread) db.prepare('UPDATE feeds SET unread = ? WHERE id = ?').run(n, feedId);
  db.close();
}
{
  // The search vocabulary, as ingest would have filled it: every row's text is one of the pool's.
  const db = new SqliteDatabase(bigFile);
  const vocabulary = new SearchVocabulary(db);
  db.transaction(() => {
    for (const { text } of pool) vocabulary.record(text);
  });
  db.exec('PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}
const buildSeconds = (performance.now() - buildStart) / 1000;
console.log(`(b) built ${STORED_EVENTS.toLocaleString('en')} events in ${buildSeconds.toFixed(0)} s`);

const store = EventStore.open(bigFile);
if (store.count() !== STORED_EVENTS) throw new Error(`expected ${STORED_EVENTS} rows, found ${store.count()}`);

/** The `after` cursor of page `depth` (1-based) of a query. */
function cursorAt(query: EventQuery, depth: number): string {
  let after: string | undefined;
  for (let page = 1; page < depth; page++) {
    const next = store.query({ ...query, ...(after === undefined ? {} : { after }) }).next;
    if (next === null) throw new Error(`query ran out before page ${depth}`);
    after = next;
  }
  return after!;
}

interface Row {
  name: string;
  p50: number;
  p95: number;
  max: number;
  rows: number;
}
const results: Row[] = [];

function measure(name: string, run: () => number): void {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    rows = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  results.push({ name, p50: at(0.5), p95: at(0.95), max: times.at(-1)!, rows });
}

const page = (query: EventQuery) => () => store.query(query).items.length;
const deepAfter = cursorAt({ limit: 100 }, DEEP_PAGES);
const COMMON = 'документ';
const RARER = 'возврат';
// An organisation's INN: each pool event recurs every 50,000 rows, so this matches a few dozen rows.
const rareNeedle = String((pool.find((p) => p.e.type === 'demo.report')!.e.payload as { inn: string }).inn);
measure('newest page (limit 100)', page({ limit: 100 }));
measure(`page ${DEEP_PAGES} deep via next cursors`, page({ limit: 100, after: deepAfter }));
measure('feed + unread page', page({ feedIds: ['diadoc-box'], unreadOnly: true, limit: 100 }));
measure(
  'provider + type + unread page',
  page({ providers: ['evotor'], types: ['demo.till-document'], unreadOnly: true, limit: 100 }),
);
measure(`search "${COMMON}" (common word)`, page({ search: COMMON, limit: 100 }));
measure(`search "${RARER}" (rarer word)`, page({ search: RARER, limit: 100 }));
measure(`search "${COMMON.slice(0, 5)}" (a typed prefix)`, page({ search: COMMON.slice(0, 5), limit: 100 }));
measure(
  `search "${COMMON.slice(0, 5)} ${RARER.slice(0, 4)}" (two prefixes)`,
  page({ search: `${COMMON.slice(0, 5)} ${RARER.slice(0, 4)}`, limit: 100 }),
);
measure(
  `search "${COMMON}" ${DEEP_PAGES} pages deep`,
  page({ search: COMMON, limit: 100, after: cursorAt({ search: COMMON, limit: 100 }, DEEP_PAGES) }),
);
measure(`search "${rareNeedle}" (a few matches)`, page({ search: rareNeedle, limit: 100 }));
measure('unread counts', () => Object.keys(store.unreadCounts()).length);
const WINDOW_SCROLL_ROWS = Math.min(100_000, STORED_EVENTS);
console.log('\n(c) the window in Chromium…');
const windowFigures = await benchWindow(bigFile, store, WINDOW_SCROLL_ROWS);
console.log(windowFigures);
store.close();

const pad = (text: string, width: number) => text.padEnd(width);
const fmt = (ms: number) => ms.toFixed(2).padStart(8);
console.log(`\n${pad('query', 44)}    p50 ms    p95 ms    max ms  rows`);
for (const r of results) console.log(`${pad(r.name, 44)}${fmt(r.p50)}  ${fmt(r.p95)}  ${fmt(r.max)}  ${r.rows}`);

// ---- report ----

const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
const nproc = execFileSync('nproc').toString().trim();
const sqliteVersion = String(new DatabaseSync(':memory:').prepare('SELECT sqlite_version() AS v').get()!['v']);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const misses = [
  ...(ratio < TARGET_RATIO ? [`ingest ratio ${ratio.toFixed(2)} < ${TARGET_RATIO}`] : []),
  ...results.filter((r) => r.p95 > TARGET_P95_MS).map((r) => `${r.name}: p95 ${r.p95.toFixed(1)} ms > ${TARGET_P95_MS} ms`),
  ...windowMisses(windowFigures),
  ...(stall.after.longestStallMs > STALL_BOUND_MS
    ? [`event-loop stall ${stall.after.longestStallMs.toFixed(0)} ms > ${STALL_BOUND_MS} ms`]
    : []),
];

const markdown = `# Performance

Measured by \`npm run bench\` (\`test/bench/bench.ts\`); this file is rewritten by each run.

| | |
|---|---|
| date | ${new Date().toISOString()} |
| machine | ${nproc} CPUs (\`nproc\`), ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM |
| load average at the end | ${load} |
| Node | ${process.version} |
| SQLite | ${sqliteVersion} (node:sqlite) |

## Ingest throughput

${INGEST_EVENTS.toLocaleString('en')} demo events (10 per millisecond, realistic Russian/English text and payloads), pages of ${INGEST_PAGE}, one transaction per page, WAL with \`synchronous = NORMAL\`, best of ${INGEST_ROUNDS} rounds.

| path | events/s |
|---|---:|
| real pipeline: demo \`fetchPage\` → \`normalize\` → \`EventStore.ingest\` (duplicate check, key allocation, FTS row, cursor, unread counter) | ${pipelineBest.toFixed(0)} |
| bare prepared \`INSERT\` of the same rows, values and keys precomputed, plus the same FTS row | ${bareBest.toFixed(0)} |
| **ratio** (target ≥ ${TARGET_RATIO}) | **${ratio.toFixed(2)}** |
| \`EventStore.ingest\` calls alone, inside the pipeline run (no demo generation) | ${ingestOnlyBest.toFixed(0)} (ratio ${ingestOnlyRatio.toFixed(2)}) |

## The main side's event loop while a backlog is stored

A feed with ${BACKLOG_EVENTS.toLocaleString('en')} events waiting, in pages of 1,000 (as Kontur.Extern sends them), stored through the real
\`FeedPoller\` into an on-disk log (WAL); demo events for text and payloads. The figure is the longest time the event loop
was held (a 1 ms timer's longest gap): IPC, the tray and the other feeds wait that long. Both ways in the same run, in a
child process of their own (as main is one), so the bench's own heap does not lengthen the garbage collections counted.

| storing | longest stall ms | transaction p99 / max ms | events/s |
|---|---:|---:|---:|
| one transaction per 1,000-event page (before issue 10) | ${stall.before.longestStallMs.toFixed(1)} | ${stall.before.chunkP99Ms.toFixed(1)} / ${stall.before.chunkMaxMs.toFixed(1)} | ${Math.round(stall.before.events / stall.before.seconds)} |
| chunks of ${stall.after.chunk}, a whole turn of the loop between them (\`loop-turn.ts\`), the cursor with the last (\`chunked-ingest.ts\`); WAL checkpoints on a worker thread (\`wal-checkpointer.ts\`) | **${stall.after.longestStallMs.toFixed(1)}** | ${stall.after.chunkP99Ms.toFixed(1)} / ${stall.after.chunkMaxMs.toFixed(1)} | ${Math.round(stall.after.events / stall.after.seconds)} |

Target: ≤ ${STALL_BOUND_MS} ms. Ratio after/before: ${(stall.after.longestStallMs / stall.before.longestStallMs).toFixed(2)}.

What the long stalls were (each transaction timed, with its CPU time and the GC pauses beside it): with SQLite's own
checkpoint at 1,000 WAL pages, every fifth 100-event commit copied ~4 MB into the database and synced both files
inside the COMMIT: 35 ms typical, 150-250 ms when the disk was busy, of which ~12 ms CPU and the rest waiting for
fsync. Small PASSIVE checkpoints on main between chunks cost ~2 ms CPU but still waited for the fsyncs (p99 105 ms on
the shared disk). So a worker thread with its own connection runs a PASSIVE checkpoint after each write
(\`wal-checkpointer.ts\`): it never blocks the writer (at most one per 50 ms), and once the WAL holds 256 pages the ingest
waits for it between chunks (the loop free, at most 100 ms) so the next commit starts the WAL over. Main's own checkpoint stays at 4,000 pages as the cap on the WAL.
Both rows above run with the worker. What is left in the tail: FTS5's automerge inside a commit (merge work in quanta
of 64 leaf pages per index level: 15-30 ms CPU in about 1 % of commits; with automerge off the commits' p99 CPU went
from 22 to 9 ms) and V8's minor GCs (10-25 ms, far longer while the machine is loaded).

Between chunks the loop must make a whole turn: a chunk that resumes in the poll phase (after the checkpoint worker's
message) and yields with one \`setImmediate\` runs the next chunk in the same turn's check phase, before any timer, so
two transactions held the loop back to back (51-67 ms on a 2-core Xeon, the timer's gaps each spanning two commits).
Two immediates are always a whole turn (\`main/core/loop-turn.ts\`); the same fix serves pruning and the replay.

## Query latency over ${STORED_EVENTS.toLocaleString('en')} events

5 feeds (Evotor, Diadoc, Extern, realty checks, demo), one year of history, 97 % read; text and payloads from a pool of ${POOL.toLocaleString('en')} real demo events. Built in ${buildSeconds.toFixed(0)} s. Each query through \`EventStore\`: ${WARMUP} warm-up runs, then ${SAMPLES} timed samples.

| query | p50 ms | p95 ms | max ms | rows |
|---|---:|---:|---:|---:|
${results.map((r) => `| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(2)} | ${r.rows} |`).join('\n')}

Target: every p95 ≤ ${TARGET_P95_MS} ms.

${windowMarkdown(windowFigures, STORED_EVENTS, WINDOW_SCROLL_ROWS)}
${misses.length === 0 ? 'All targets met.' : `**Missed:** ${misses.join('; ')}.`}

## Method and what the numbers mean

The ingest comparison runs both paths into fresh database files created by the same \`migrate()\`, so both pay for
the same indexes and the same full-text row per event; the difference is what the store does on top of a bare insert
(allocating a time-ordered key, skipping duplicates, recording new words in the search vocabulary, building the
returned records, moving the cursor and the unread counter in the same transaction) plus generating and normalizing
the demo events. A ratio near 1 means the store
adds little to what SQLite itself costs. Most of the time in both paths is FTS5 tokenizing about 700 characters of
text and JSON per event. The FTS row is written by \`ingest\` rather than by a trigger: a trigger made every insert a
multi-write statement whose savepoint forced FTS5 to flush a segment per row, which made ingest two to three times slower.

Query latency is wall time of one \`EventStore.query\` (or \`unreadCounts\`) call with warm caches, as the log window
sees it. The list is keyset-paginated on the primary key, which encodes the event time, so a page ${DEEP_PAGES} pages
deep costs the same as the first one (no OFFSET to skip). Feed and unread filters walk the \`(feed_id, read)\` index,
whose rows end in the key, already newest first. Search walks the FTS5 index newest first and stops at the page
size (the plan is \`SCAN f VIRTUAL TABLE INDEX 192:M1><\` then the primary key, no sort). Every typed word is a
prefix, but not an FTS5 prefix query: FTS5 answers \`"документ"*\` by merging the whole match list of every
completion before LIMIT applies (75-90 ms here for a common word). The store instead looks the prefix up in its
vocabulary of indexed words and asks for \`("документ" OR "документы" OR …)\`, which FTS5 walks lazily and stops at the
page. A typed number, or a prefix of one or two letters with more than 64 completions, keeps the plain prefix query.
The unread counts are kept per feed in the \`feeds\` table, so they
cost nothing to read. On a loaded machine the figures vary from run to run; the load average above tells how busy it was.
`;
writeFileSync(new URL('../../docs/PERFORMANCE.md', import.meta.url), markdown);
console.log(`\nwrote docs/PERFORMANCE.md${misses.length ? `; MISSED: ${misses.join('; ')}` : '; all targets met'}`);
