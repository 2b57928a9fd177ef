// A big page is stored in chunks with turns of the event loop between them, so storing a backlog never holds the
// loop long (issue 10: a 1,000-event Extern page was one ~85 ms transaction); the cursor moves with the last chunk
// only, and a failure between chunks loses nothing and stores nothing twice.
import { stat } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { silentLogger } from '../../main/core/ports.ts';
import { FeedPoller } from '../../main/core/poller/feed-poller.ts';
import { INGEST_CHUNK, ingestInChunks } from '../../main/core/store/chunked-ingest.ts';
import { EventStore, KEEP_CURSOR } from '../../main/core/store/event-store.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startStallMeter } from '../support/stall-meter.ts';
import { NO_RETRY } from '../support/retry.ts';
import { ScriptedProvider, page, testFeed } from '../support/scripted-provider.ts';

const stores: EventStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const T0 = Date.UTC(2026, 10, 1);
const ids = (n: number, prefix = 'e') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** A store whose ingest calls are recorded: events per call, the cursor given, and the loop turns seen before it. */
function recordedStore() {
  const store = EventStore.open(':memory:');
  stores.push(store);
  const calls: { events: number; cursor: string | null | typeof KEEP_CURSOR; turnsBefore: number }[] = [];
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const ingest = store.ingest.bind(store);
  let failOnCall: number | null = null;
  store.ingest = (feedId, events, cursor, receivedAt) => {
    calls.push({ events: events.length, cursor, turnsBefore: turns });
    if (failOnCall === calls.length) throw new Error('disk full (simulated)');
    return ingest(feedId, events, cursor, receivedAt);
  };
  return {
    store,
    calls,
    failOn: (call: number | null) => (failOnCall = call),
    stop: () => clearInterval(ticker),
  };
}

function poller(store: EventStore, provider: ScriptedProvider) {
  return new FeedPoller(testFeed(), provider, {
    store,
    clock: new FakeClock(),
    log: silentLogger,
    secrets: { get: async () => null },
    http: () => new HttpClient(),
    retryPolicy: NO_RETRY,
  });
}

const bigEvents = (n: number, from: number): NormalizedEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${from + i}`,
    type: 'test',
    occurredAt: T0 + from + i,
    title: { ru: `Входящий документ: УПД № ${from + i} от ООО «Ромашка»`, en: `Incoming document: UTD No. ${from + i}` },
    summary: { ru: 'Документ от 01.11.2026 на сумму 12 500,00 ₽; ждёт подписи', en: 'Dated 01.11.2026, total 12,500.00 RUB' },
    link: null,
    payload: { n: from + i, text: 'слово '.repeat(60) },
  }));

/** The longest event-loop stall while five 1,000-event pages are stored in chunks of `chunk`. */
async function longestStall(chunk: number): Promise<number> {
  const store = EventStore.open(':memory:');
  stores.push(store);
  store.ensureFeed('f1', 'demo');
  const meter = await startStallMeter();
  for (let p = 0; p < 5; p++) {
    await ingestInChunks(store, 'f1', bigEvents(1000, p * 1000), `c${p}`, T0, { chunk });
    // Between pages the poller awaits the next request: the loop turns there in any case.
    await new Promise((r) => setImmediate(r));
  }
  return meter.stop();
}

describe('storing a big page in chunks', () => {
  it(`a 1,000-event page is ${1000 / INGEST_CHUNK} transactions with the event loop running between them; the cursor moves with the last`, async () => {
    const { store, calls, stop } = recordedStore();
    const provider = new ScriptedProvider();
    provider.steps.push(page(ids(1000), 'after-page-1', true), page(ids(30, 'x'), 'after-page-2', false));
    const result = await poller(store, provider).syncOnce();
    stop();
    expect(result.error).toBeNull();
    expect(result.inserted).toHaveLength(1030);
    expect(calls.map((c) => c.events)).toEqual([...Array.from({ length: 1000 / INGEST_CHUNK }, () => INGEST_CHUNK), 30]);
    expect(calls.map((c) => c.cursor)).toEqual([
      ...Array.from({ length: 1000 / INGEST_CHUNK - 1 }, () => KEEP_CURSOR),
      'after-page-1',
      'after-page-2',
    ]);
    // Timers ran between the chunks: the loop was free between two transactions.
    for (let i = 1; i < 1000 / INGEST_CHUNK; i++)
      expect(calls[i]!.turnsBefore, `before chunk ${i + 1}`).toBeGreaterThan(calls[i - 1]!.turnsBefore);
    expect(store.count('f1')).toBe(1030);
    expect(store.unreadCounts()).toEqual({ f1: 1030 });
    // Keys and sequence numbers follow the page's order, as one transaction would have given them.
    const seqs = result.inserted.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 1030 }, (_, i) => i + 1));
  });

  it('a due timer runs between every two chunks even when storing resumes in the poll phase (after I/O)', async () => {
    const { store, calls, stop } = recordedStore();
    store.ensureFeed('f1', 'demo');
    // Resumed from an I/O callback, as after a response or the checkpoint worker's message: one setImmediate from here
    // is still in this turn of the loop, before its timers.
    await new Promise((resolve) => stat('.', resolve));
    await ingestInChunks(store, 'f1', bigEvents(5 * INGEST_CHUNK, 0), 'c1', T0, {
      onChunk: () => {
        const until = performance.now() + 2; // each chunk outlasts the 1 ms ticker, so the ticker is due after it
        while (performance.now() < until);
      },
    });
    stop();
    expect(calls).toHaveLength(5);
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]!.turnsBefore, `timers before chunk ${i + 1}`).toBeGreaterThan(calls[i - 1]!.turnsBefore);
  });

  it('a failure between chunks keeps the cursor before the page; the next run stores the rest, nothing twice', async () => {
    const { store, calls, failOn, stop } = recordedStore();
    const provider = new ScriptedProvider();
    const big = page(ids(500), 'after-big', false);
    provider.steps.push(big);
    const feedPoller = poller(store, provider);
    failOn(4);
    const failed = await feedPoller.syncOnce();
    expect(failed.error?.kind).toBe('protocol');
    expect(store.feedState('f1')!.cursor).toBeNull();
    expect(store.count('f1')).toBe(3 * INGEST_CHUNK);
    // What was committed before the failure is reported as stored (the window and the notifications hear of it).
    expect(failed.inserted.map((e) => e.id)).toEqual(ids(500).slice(0, 3 * INGEST_CHUNK));

    failOn(null);
    provider.steps.push(big);
    const again = await feedPoller.syncOnce();
    stop();
    expect(again.error).toBeNull();
    expect(again.inserted.map((e) => e.id)).toEqual(ids(500).slice(3 * INGEST_CHUNK));
    expect(store.count('f1')).toBe(500);
    expect(store.feedState('f1')!.cursor).toBe('after-big');
    expect(store.unreadCounts()).toEqual({ f1: 500 });
    expect(calls.length).toBeGreaterThan(5);
  });

  it('an event that cannot be read refuses the whole page before anything of it is stored', async () => {
    const { store, stop } = recordedStore();
    const provider = new ScriptedProvider();
    const bad = page(ids(600), 'after', false);
    bad.events[550] = { id: 'bad', at: T0, type: 'explode' };
    provider.steps.push(bad);
    const result = await poller(store, provider).syncOnce();
    stop();
    expect(result.error?.kind).toBe('protocol');
    expect(store.count('f1')).toBe(0);
    expect(store.feedState('f1')!.cursor).toBeNull();
  });

  it('keeps each transaction short: the longest event-loop stall while 5,000 events are stored stays well under one page’s', async () => {
    const whole = await longestStall(1000);
    const chunked = await longestStall(INGEST_CHUNK);
    console.log(
      `longest stall: one transaction per 1,000-event page ${whole.toFixed(1)} ms, chunks of ${INGEST_CHUNK} ${chunked.toFixed(1)} ms`,
    );
    // Relative, so a busy machine does not fail it: chunks of a tenth stall far less than whole pages.
    expect(chunked).toBeLessThan(whole * 0.6);
  });
});
