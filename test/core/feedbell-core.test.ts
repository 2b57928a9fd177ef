import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushChannel, Pushes } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import type { NotificationRequest } from '../../main/core/ports.ts';
import { parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { FakeClock, until } from '../support/fake-clock.ts';

const cores: FeedbellCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
});

function setup() {
  const clock = new FakeClock();
  const notifications: NotificationRequest[] = [];
  const pushes: { channel: PushChannel; payload: unknown }[] = [];
  const trayStates: { unread: number; hasError: boolean; paused: boolean; tooltip: string }[] = [];
  const feeds = new MemoryFeedsRepository();
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds,
    settings: new MemorySettingsStore(),
    secrets: { get: async () => null },
    notifier: { show: (n) => notifications.push(n) },
    tray: { update: (s) => trayStates.push(s) },
    clock,
  });
  cores.push(core);
  core.setPushSink({ send: <C extends PushChannel>(channel: C, payload: Pushes[C]) => pushes.push({ channel, payload }) });
  return { clock, core, feeds, notifications, pushes, trayStates };
}

describe('FeedbellCore with the demo feed', () => {
  it('offers the demo feed on first run, syncs it silently with one summary, then notifies each new event', async () => {
    const { clock, core, feeds, notifications, pushes, trayStates } = setup();
    expect(core.feeds.isEmpty()).toBe(true);
    core.start();
    const status = core.feeds.addSample({ ratePerMinute: 1, historyHours: 2 });
    expect(status).toMatchObject({ id: 'demo', provider: 'demo', enabled: true });
    expect(feeds.list().map((f) => f.id)).toEqual(['demo']);
    expect(core.feeds.isEmpty()).toBe(false);

    await until(() => core.polling.status('demo')!.phase === 'ok', 'first sync');
    const stored = core.store.count('demo');
    expect(stored).toBeGreaterThanOrEqual(119);
    expect(stored).toBeLessThanOrEqual(121);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.body).toContain(String(stored));
    expect(core.reading.unreadCounts()).toEqual({ demo: stored });
    expect(trayStates.at(-1)).toMatchObject({ unread: stored, hasError: false });
    expect(pushes.some((p) => p.channel === 'events:added')).toBe(true);

    // Two more minutes pass: two new events, one notification each, opening that event.
    await clock.advance(15_000 * 8);
    await until(() => core.store.count('demo') >= stored + 2, 'new events');
    const single = notifications.slice(1);
    expect(single.length).toBeGreaterThanOrEqual(2);
    expect(single.every((n) => typeof n.eventKey === 'number')).toBe(true);

    const key = single[0]!.eventKey!;
    core.reading.openEvent(key);
    expect(core.store.get(key)!.read).toBe(true);
    expect(pushes.at(-1)).toEqual({ channel: 'window:openEvent', payload: { key } });
    expect(core.reading.unreadCounts().demo).toBe(core.store.count('demo') - 1);
  });

  it('marks all read, pauses and resumes every feed, and reflects it in pushes and the tray', async () => {
    const { core, pushes, trayStates } = setup();
    core.start();
    core.feeds.addSample({ ratePerMinute: 2, historyHours: 1 });
    await until(() => core.polling.status('demo')!.phase === 'ok', 'first sync');
    expect(core.reading.markAllRead(null)).toBe(core.store.count('demo'));
    expect(core.reading.unreadCounts()).toEqual({ demo: 0 });
    expect(pushes.filter((p) => p.channel === 'events:unreadCounts').at(-1)!.payload).toEqual({ demo: 0 });

    core.polling.setPaused(null, true);
    await until(() => core.polling.status('demo')!.phase === 'paused', 'paused');
    expect(trayStates.at(-1)).toMatchObject({ paused: true, unread: 0 });
    expect(pushes.filter((p) => p.channel === 'feeds:status').at(-1)!.payload).toMatchObject({ id: 'demo', paused: true });
    core.polling.setPaused(null, false);
    await until(() => core.polling.status('demo')!.phase === 'ok', 'resumed');
    expect(trayStates.at(-1)!.paused).toBe(false);
  });

  it('rejects a bad feed and an unknown feed id with clear messages', async () => {
    const { core } = setup();
    expect(() => core.feeds.add({ id: 'x', provider: 'demo', settings: { ratePerMinute: -1 } })).toThrow(
      /feed: settings.ratePerMinute/,
    );
    expect(() => core.polling.syncNow('nope')).toThrow(/Unknown feed "nope"/);
    expect(() => core.reading.markAllRead('nope')).toThrow(/Unknown feed "nope"/);
  });

  it('forgets a removed feed with its events', async () => {
    const { core, feeds } = setup();
    core.start();
    core.feeds.addSample({ ratePerMinute: 2, historyHours: 1 });
    await until(() => core.polling.status('demo')!.phase === 'ok', 'first sync');
    await core.feeds.remove('demo');
    expect(feeds.list()).toEqual([]);
    expect(core.store.count()).toBe(0);
    expect(core.reading.unreadCounts()).toEqual({});
  });
});

describe('FeedbellCore notification clicks', () => {
  it('asks the window to show a feed when a summary is clicked, and ignores an unknown feed', () => {
    const { core, pushes } = setup();
    core.feeds.addSample();
    core.reading.openFeed('demo');
    core.reading.openFeed('gone');
    expect(pushes.filter((p) => p.channel === 'window:openFeed')).toEqual([
      { channel: 'window:openFeed', payload: { feedId: 'demo' } },
    ]);
  });
});

describe('FeedbellCore.syncAllOnce', () => {
  it('syncs every enabled feed until caught up and reports counts', async () => {
    const { core } = setup();
    core.feeds.add({
      id: 'a',
      provider: 'demo',
      start: 'beginning',
      settings: { ratePerMinute: 600, historyHours: 1, pageSize: 10 },
    });
    core.feeds.add({ id: 'off', provider: 'demo', enabled: false, start: 'beginning', settings: { historyHours: 1 } });
    const outcomes = await core.polling.syncAllOnce();
    expect([...outcomes.keys()]).toEqual(['a']);
    // 36,001 events in pages of 10 need many runs of MAX_PAGES_PER_RUN pages.
    expect(outcomes.get('a')).toEqual({ inserted: 36_001, caughtUp: true, error: null });
    expect(core.store.count('a')).toBe(36_001);
  });

  it('stops cleanly in the middle: stop() waits for the sync, which ends without an error thrown', async () => {
    const { core } = setup();
    core.feeds.add({
      id: 'a',
      provider: 'demo',
      start: 'beginning',
      settings: { ratePerMinute: 6000, historyHours: 24, pageSize: 50 },
    });
    const sync = core.polling.syncAllOnce();
    await until(() => core.store.count('a') > 100, 'some pages stored');
    await core.stop();
    cores.splice(cores.indexOf(core), 1);
    const outcome = (await sync).get('a')!;
    expect(outcome.caughtUp).toBe(false);
    expect(outcome.inserted).toBeGreaterThan(100);
    expect(outcome.inserted).toBeLessThan(6000 * 60 * 24);
  });
});

describe('FeedbellCore phases without the polling loop', () => {
  it('leaves a feed ok (not "syncing") after syncAllOnce', async () => {
    const { core } = setup();
    core.feeds.add({ id: 'a', provider: 'demo', start: 'beginning', settings: { historyHours: 1 } });
    await core.polling.syncAllOnce();
    expect(core.polling.status('a')!.phase).toBe('ok');
  });
});

describe('FeedbellCore notes', () => {
  it('clears a feed note the user dismissed and tells the window', () => {
    const { core, pushes } = setup();
    core.feeds.addSample();
    core.store.updateFeedState('demo', { note: { ru: 'Возможен пропуск', en: 'There may be a gap' } });
    expect(core.polling.status('demo')!.note).toEqual({ ru: 'Возможен пропуск', en: 'There may be a gap' });
    core.polling.dismissNote('demo');
    expect(core.polling.status('demo')!.note).toBeNull();
    expect(pushes.filter((p) => p.channel === 'feeds:status').at(-1)!.payload).toMatchObject({ id: 'demo', note: null });
  });
});

function appCore(dataDir: string, notifications: NotificationRequest[], withNotifier = true) {
  const core = FeedbellCore.open({
    dataDir,
    feeds: new MemoryFeedsRepository([
      parseFeedConfig(
        { id: 'demo', provider: 'demo', name: 'Демо', start: 'beginning', settings: { historyHours: 1, ratePerMinute: 1 } },
        'test',
      ),
    ]),
    settings: new MemorySettingsStore(),
    secrets: { get: async () => null },
    // Events' announcements only: the demo queue's reminders and summaries (they carry an id) are tested in test/core/notify.
    ...(withNotifier ? { notifier: { show: (n: NotificationRequest) => n.id === undefined && notifications.push(n) } } : {}),
    clock: new FakeClock(),
  });
  cores.push(core);
  return core;
}

const news = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `late-${from + i}`,
    type: 'doc',
    occurredAt: Date.UTC(2026, 10, 1, 8, 30) + i,
    title: { ru: `Поздний документ ${from + i}`, en: `Late document ${from + i}` },
    summary: { ru: 'сводка', en: 'summary' },
    link: null,
    payload: {},
  }));

describe('FeedbellCore: no event goes unannounced', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('events stored but never notified (the app died in between) make one summary at the next start, and only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-missed-'));
    dirs.push(dir);
    const shown: NotificationRequest[] = [];
    const first = appCore(dir, shown);
    first.start();
    expect((await first.polling.syncAllOnce()).get('demo')!.error).toBeNull();
    expect(shown).toHaveLength(1); // the first sync's summary
    await first.stop();
    cores.splice(cores.indexOf(first), 1);

    // What a crash between the commit and the notification leaves: rows stored, nobody told.
    const store = EventStore.open(join(dir, 'feedbell.db'));
    store.ingest('demo', news(5, 0), store.feedState('demo')!.cursor, Date.now());
    store.close();

    const later: NotificationRequest[] = [];
    const second = appCore(dir, later);
    second.start();
    expect(later).toHaveLength(1);
    expect(later[0]!.title).toBe('5 новых событий в демо-ленте');
    expect(later[0]!.body.split('\n')).toEqual([
      'Получены, пока Feedbell не показывал уведомлений:',
      '• Поздний документ 4',
      '• Поздний документ 3',
      '• Поздний документ 2',
      'и ещё 2',
    ]);
    expect(later[0]!.feedId).toBe('demo');
    await second.stop();
    cores.splice(cores.indexOf(second), 1);

    const third: NotificationRequest[] = [];
    appCore(dir, third).start();
    expect(third).toEqual([]);
  });

  it('a log from before delivery positions, or a CLI run, does not make the app announce its whole history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-missed-'));
    dirs.push(dir);
    // The CLI (no notifier) stores the history.
    const cli = appCore(dir, [], false);
    expect((await cli.polling.syncAllOnce()).get('demo')!.inserted).toBeGreaterThan(50);
    await cli.stop();
    cores.splice(cores.indexOf(cli), 1);
    const shown: NotificationRequest[] = [];
    const app = appCore(dir, shown);
    app.start();
    expect(shown).toEqual([]);
    await app.stop();
    cores.splice(cores.indexOf(app), 1);
    // From then on, what the CLI stores while the app is closed is announced at the next start.
    const store = EventStore.open(join(dir, 'feedbell.db'));
    store.ingest('demo', news(2, 100), store.feedState('demo')!.cursor, Date.now());
    store.close();
    const next: NotificationRequest[] = [];
    appCore(dir, next).start();
    expect(next.map((n) => n.title)).toEqual(['2 новых события в демо-ленте']);
  });
});
