// How long events are kept: with Preferences.retentionDays set, older events are pruned in the background in short
// transactions; their full-text rows and the unread counters follow; a feed's newest event stays; null keeps all.
import { afterEach, describe, expect, it } from 'vitest';
import type { PushChannel, Pushes } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { silentLogger } from '../../main/core/ports.ts';
import { PRUNE_CHUNK, RETENTION_FIRST_RUN_MS, RETENTION_SOON_MS } from '../../main/core/services/retention.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { RetentionService } from '../../main/core/services/retention.ts';
import { DEFAULT_PREFERENCES } from '../../main/core/feeds-repository.ts';

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 10, 1, 9, 0);

const cores: FeedbellCore[] = [];
const stores: EventStore[] = [];
afterEach(async () => {
  for (const started of cores.splice(0)) await started.stop();
  for (const store of stores.splice(0)) store.close();
});

/** One event a day for `days` days up to NOW, each saying «ромашка» and its day. */
function daily(days: number, prefix: string): NormalizedEvent[] {
  return Array.from({ length: days }, (_, i) => ({
    id: `${prefix}${i}`,
    type: 'demo.utd',
    occurredAt: NOW - (days - 1 - i) * DAY,
    title: { ru: `ромашка день${i}`, en: `daisy day${i}` },
    summary: { ru: '', en: '' },
    link: null,
    payload: {},
  }));
}

function core(retentionDays: number | null) {
  const clock = new FakeClock(NOW);
  const pushes: { channel: PushChannel; payload: unknown }[] = [];
  const settings = new MemorySettingsStore({ retentionDays });
  const c = FeedbellCore.open({
    dataDir: ':memory:',
    feeds: new MemoryFeedsRepository(),
    settings,
    secrets: { get: async () => null },
    clock,
  });
  cores.push(c);
  c.setPushSink({ send: <C extends PushChannel>(channel: C, payload: Pushes[C]) => pushes.push({ channel, payload }) });
  for (const id of ['a', 'b'])
    c.feeds.add({ id, provider: 'demo', name: id, enabled: false, intervalSec: 60, start: 'beginning', settings: {} });
  c.store.ingest('a', daily(100, 'a'), 'c', NOW);
  c.store.ingest(
    'b',
    daily(10, 'b').map((e) => ({ ...e, occurredAt: e.occurredAt - 200 * DAY })),
    'c',
    NOW,
  );
  return { clock, core: c, pushes };
}

describe('retention', () => {
  it('keeps everything by default', async () => {
    const { clock, core: c } = core(null);
    c.start();
    await clock.advance(RETENTION_FIRST_RUN_MS + 1);
    expect(c.store.count()).toBe(110);
  });

  it('prunes events older than the setting in the background, keeping counters, search and each feed’s newest event right', async () => {
    const { clock, core: c, pushes } = core(30);
    c.store.markRead([c.store.findKey('a', 'a0')!, c.store.findKey('a', 'a99')!], true);
    expect(c.reading.unreadCounts()).toEqual({ a: 98, b: 10 });
    c.start();
    await clock.advance(RETENTION_FIRST_RUN_MS - 1);
    expect(c.store.count()).toBe(110);
    await clock.advance(2);
    await until(() => pushes.some((p) => p.channel === 'events:pruned'));
    // Feed a: the 30 days up to now (day 70 … 99) stay, and one more on the cutoff's day; b: only its newest.
    const kept = c.store.count('a');
    expect(kept).toBeGreaterThanOrEqual(30);
    expect(kept).toBeLessThanOrEqual(31);
    expect(c.store.count('b')).toBe(1);
    expect(c.store.findKey('b', 'b9')).not.toBeNull();
    expect(c.reading.unreadCounts()).toEqual({ a: kept - 1, b: 1 });
    expect(c.store.countMatching({ search: 'ромашка' })).toEqual({ count: kept + 1, atLeast: false });
    expect(c.store.countMatching({ search: 'день5' })).toEqual({ count: 0, atLeast: false });
    expect(pushes.find((p) => p.channel === 'events:pruned')!.payload).toEqual({ count: 110 - kept - 1 });
    expect(pushes.filter((p) => p.channel === 'events:unreadCounts').at(-1)!.payload).toEqual({ a: kept - 1, b: 1 });
    // New events still get the next sequence numbers after a feed's history was pruned.
    const next = c.store.ingest('b', [{ ...daily(1, 'new')[0]! }], 'c', NOW);
    expect(next[0]!.seq).toBe(11);
  });

  it('prunes soon after the setting changes', async () => {
    const { clock, core: c } = core(null);
    c.start();
    await clock.advance(RETENTION_FIRST_RUN_MS + 1);
    expect(c.store.count()).toBe(110);
    c.preferences.update({ retentionDays: 7 });
    await clock.advance(RETENTION_SOON_MS + 1);
    await until(() => c.store.count() <= 10);
    expect(c.store.count('a')).toBeLessThanOrEqual(8);
  });

  it(`deletes at most ${PRUNE_CHUNK} events per transaction, with turns of the event loop between them`, async () => {
    const store = EventStore.open(':memory:');
    stores.push(store);
    store.ensureFeed('big', 'demo');
    store.ingest('big', daily(1000, 'x'), 'c', NOW);
    const calls: { deleted: number; turns: number }[] = [];
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const prune = store.pruneBefore.bind(store);
    store.pruneBefore = (cutoff, limit) => {
      const deleted = prune(cutoff, limit);
      calls.push({ deleted, turns });
      return deleted;
    };
    const service = new RetentionService({
      store,
      preferences: () => ({ ...DEFAULT_PREFERENCES, retentionDays: 1 }),
      clock: new FakeClock(NOW),
      log: silentLogger,
      pruned: () => {},
    });
    expect(await service.pruneNow()).toBe(998);
    clearInterval(ticker);
    expect(calls.map((c) => c.deleted)).toEqual([200, 200, 200, 200, 198]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.turns).toBeGreaterThan(calls[i - 1]!.turns);
    expect(store.count('big')).toBe(2);
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
