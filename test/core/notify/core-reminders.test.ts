// The reminders wired into the core: the demo feed's queue reminds (many at once as one notification, the overdue one
// among them), notify:snooze holds what follows and the tray hears of it, and a restart repeats nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionTracker } from '../../../main/core/actions/action-tracker.ts';
import { FeedbellCore } from '../../../main/core/feedbell-core.ts';
import { PROVIDER_MODULES, ProviderRegistry } from '../../../main/core/feeds/registry.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../../main/core/feeds-repository.ts';
import type { TrayView } from '../../../main/core/ports.ts';
import { createRequestHandlers } from '../../../main/ipc/handlers.ts';
import { FakeClock, settle, until } from '../../support/fake-clock.ts';
import { RecordingNotifier } from './notify-fixtures.ts';

const dirs: string[] = [];
const cores: FeedbellCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A demand per tenth demo event, its receipt due the day before the test's today: each reminds once, urgently. */
const overdueDemands: ActionTracker = {
  subjectOf: (event) => (event.key % 10 === 0 ? event.id : null),
  fold: (state, event) =>
    state ?? {
      subject: event.id,
      title: { ru: 'Требование ФНС', en: 'FNS demand' },
      organisation: 'ИНН 7700000000',
      step: 'receipt',
      action: { ru: 'Отправить квитанцию о приёме', en: 'Send the receipt' },
      arrivedAt: event.occurredAt,
      deadline: { date: '2026-11-30', source: 'computed' },
      nextDeadline: null,
      overdueAfterDays: null,
      link: null,
      eventKey: event.key,
      closedAt: null,
      data: {},
    },
};
const PROVIDERS = new ProviderRegistry({ ...PROVIDER_MODULES, demo: { ...PROVIDER_MODULES.demo, actions: overdueDemands } });

/** 2026-12-01 12:00 Moscow (a Tuesday), after the summary time. */
const START = Date.UTC(2026, 11, 1, 9, 0);

function open(dataDir: string, feeds: MemoryFeedsRepository, settings: MemorySettingsStore, clock: FakeClock) {
  const notifier = new RecordingNotifier();
  const trayStates: Parameters<TrayView['update']>[0][] = [];
  const core = FeedbellCore.open({
    dataDir,
    feeds,
    settings,
    secrets: { get: async () => null },
    clock,
    notifier,
    providers: PROVIDERS,
    tray: { update: (state) => trayStates.push(state) },
  });
  cores.push(core);
  return { core, notifier, trayStates };
}

describe('reminders in the core', () => {
  it('remind of the queue once, snooze through notify:snooze, and repeat nothing after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'feedbell-core-reminders-'));
    dirs.push(dataDir);
    const clock = new FakeClock(START);
    const feeds = new MemoryFeedsRepository();
    const settings = new MemorySettingsStore({ dailySummary: { enabled: false, at: '09:00' } });
    const first = open(dataDir, feeds, settings, clock);
    first.core.start();
    first.core.feeds.addSample({ ratePerMinute: 2, historyHours: 6 });
    await until(() => first.core.polling.status('demo')!.phase === 'ok', 'first sync');
    await first.core.actions.idle();
    await clock.advance(2_000);
    await until(() => first.notifier.shown.some((n) => n.id === 'reminders-burst' || n.itemId !== undefined), 'reminders');
    const reminders = first.notifier.shown.filter((n) => n.id === 'reminders-burst' || n.itemId !== undefined);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.urgent).toBe(true); // the overdue demand is among them

    const handlers = createRequestHandlers(first.core, { version: 'test', platform: 'linux' });
    const snoozedUntil = clock.now() + 3_600_000;
    await expect(Promise.resolve(handlers['notify:snooze']('hour'))).resolves.toEqual({ snoozedUntil });
    expect(first.core.preferences.get().snoozedUntil).toBe(snoozedUntil);
    expect(first.trayStates.at(-1)?.snoozedUntil).toBe(snoozedUntil);
    expect(first.trayStates.at(-1)?.tooltip).toContain('Уведомления отложены до');
    await expect(Promise.resolve(handlers['notify:snooze']('off'))).resolves.toEqual({ snoozedUntil: null });
    expect(first.trayStates.at(-1)?.snoozedUntil).toBeNull();
    await first.core.stop();
    cores.splice(cores.indexOf(first.core), 1);

    const second = open(dataDir, feeds, settings, clock);
    second.core.start();
    await second.core.actions.idle();
    await settle(20);
    expect(second.notifier.shown.filter((n) => n.itemId !== undefined || n.id === 'reminders-burst')).toHaveLength(0);
  });

  it('the built-in demo queue reminds on first run as one urgent notification (one of its demands is overdue)', async () => {
    const clock = new FakeClock(START);
    const notifier = new RecordingNotifier();
    const core = FeedbellCore.open({
      dataDir: ':memory:',
      feeds: new MemoryFeedsRepository(),
      settings: new MemorySettingsStore({ dailySummary: { enabled: false, at: '09:00' } }),
      secrets: { get: async () => null },
      clock,
      notifier,
    });
    cores.push(core);
    core.start();
    core.feeds.addSample({ ratePerMinute: 2, historyHours: 6 });
    await until(() => core.polling.status('demo')!.phase === 'ok', 'first sync');
    await core.actions.idle();
    await clock.advance(2_000);
    await until(() => notifier.shown.some((n) => n.id === 'reminders-burst' || n.itemId !== undefined), 'reminders');
    const reminders = notifier.shown.filter((n) => n.id === 'reminders-burst' || n.itemId !== undefined);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.urgent).toBe(true);
  });
});
