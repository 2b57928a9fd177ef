// «Требует действия» through the core: the demo feed's demands and documents become items with deadlines by the
// production calendar; they survive a restart, a replay does not duplicate them, «готово» is kept, later events close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushChannel, Pushes } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import type { TrayView } from '../../main/core/ports.ts';
import { FakeClock, until } from '../support/fake-clock.ts';

const dirs: string[] = [];
const cores: FeedbellCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** 2026-12-01 09:00 Moscow (a Tuesday). */
const START = Date.UTC(2026, 11, 1, 6, 0);

const trayStates: Parameters<TrayView['update']>[0][] = [];

function open(dataDir: string, feeds: MemoryFeedsRepository, clock: FakeClock) {
  const pushes: { channel: PushChannel; payload: unknown }[] = [];
  const core = FeedbellCore.open({
    dataDir,
    feeds,
    settings: new MemorySettingsStore(),
    secrets: { get: async () => null },
    clock,
    tray: { update: (state) => trayStates.push(state) },
  });
  cores.push(core);
  core.setPushSink({ send: <C extends PushChannel>(channel: C, payload: Pushes[C]) => pushes.push({ channel, payload }) });
  return { core, pushes };
}

async function demoSynced(dataDir = ':memory:') {
  const clock = new FakeClock(START);
  const feeds = new MemoryFeedsRepository();
  const { core, pushes } = open(dataDir, feeds, clock);
  core.start();
  core.feeds.addSample({ ratePerMinute: 2, historyHours: 6 });
  await until(() => core.polling.status('demo')!.phase === 'ok', 'first sync');
  await core.actions.idle();
  return { clock, feeds, core, pushes };
}

describe('ActionService with the demo feed', () => {
  it('lists open demands and documents after the first sync, the nearest deadline first, with one overdue', async () => {
    const { core, pushes } = await demoSynced();
    const list = core.actions.list({ includeClosed: false });
    expect(list.items.length).toBeGreaterThan(2);
    expect(list.items.every((item) => item.state === 'open')).toBe(true);
    const steps = new Set(list.items.map((item) => item.step));
    expect(steps).toEqual(new Set(['receipt', 'reply', 'sign']));
    const dated = list.items.filter((item) => item.deadline !== null).map((item) => item.deadline!.date);
    expect(dated).toEqual(dated.toSorted());
    expect(list.items.findIndex((item) => item.deadline === null)).toBeGreaterThanOrEqual(dated.length);
    expect(list.items.filter((item) => item.overdue)).toHaveLength(1);
    expect(list.items.some((item) => item.deadline?.source === 'service')).toBe(true);
    expect(list.items.some((item) => item.deadline?.source === 'computed')).toBe(true);
    const counts = core.actions.counts();
    expect(counts.open).toBe(list.items.length);
    expect(counts.overdue).toBe(1);
    expect(pushes.some((p) => p.channel === 'actions:changed')).toBe(true);
    // The tray's tooltip and menu say how many items wait.
    await until(() => trayStates.at(-1)?.actions === counts.open, 'the tray repainted');
    expect(trayStates.at(-1)!.tooltip).toContain(`Требует действия: ${counts.open}, просрочено: 1`);
    // Closed ones (signed, refused, the reply accepted) are there when asked.
    const all = core.actions.list({ includeClosed: true });
    expect(all.items.some((item) => item.state === 'closed')).toBe(true);
    expect(all.items.slice(0, list.items.length)).toEqual(list.items);
  });

  it('counts working days across a weekend and a holiday transfer', async () => {
    const { core } = await demoSynced();
    const receipt = core.actions.list().items.find((item) => item.step === 'receipt' && item.deadline?.source === 'computed');
    expect(receipt).toBeDefined();
    // Arrived on Tuesday 1 December 2026 (Moscow): six working days from the day after end on Wednesday 9 December.
    expect(receipt!.deadline!.date).toBe('2026-12-09');
    expect(receipt!.workingDaysLeft).toBe(7);
  });

  it('gives the same items after a restart, keeps «готово», and a replay does not duplicate them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-actions-'));
    dirs.push(dir);
    const { core, feeds, clock } = await demoSynced(dir);
    const before = core.actions.list({ includeClosed: true });
    const target = before.items.find((item) => item.state === 'open')!;
    expect(core.actions.setDone(target.id, true)).toMatchObject({ id: target.id, state: 'done' });
    expect(core.actions.list().items.map((item) => item.id)).not.toContain(target.id);
    await core.stop();
    cores.splice(cores.indexOf(core), 1);

    const { core: again } = open(dir, feeds, clock);
    const after = again.actions.list({ includeClosed: true });
    expect(after.items.find((item) => item.id === target.id)).toMatchObject({ state: 'done' });
    expect(after.items.map((item) => item.id).toSorted()).toEqual(before.items.map((item) => item.id).toSorted());
    await again.actions.replay('demo');
    const replayed = again.actions.list({ includeClosed: true });
    expect(replayed.items).toHaveLength(after.items.length);
    expect(new Set(replayed.items.map((item) => item.id)).size).toBe(replayed.items.length);
    expect(replayed.items.find((item) => item.id === target.id)).toMatchObject({ state: 'done' });
    expect(again.actions.setDone(target.id, false)).toMatchObject({ state: 'open' });
    expect(again.actions.setDone('no-such-item', true)).toBeNull();
  });

  it('closes items as later events arrive, and forgets them with their feed', async () => {
    const { core, clock } = await demoSynced();
    const open0 = core.actions.list().items.length;
    const closed0 = core.actions.list({ includeClosed: true }).items.length - open0;
    // Three more hours of the demo: new items open, earlier ones close.
    for (let i = 0; i < 12; i++) await clock.advance(15 * 60_000);
    await until(() => core.polling.status('demo')!.phase === 'ok', 'caught up');
    await core.actions.idle();
    const closed1 = core.actions.list({ includeClosed: true }).items.filter((item) => item.state === 'closed').length;
    expect(closed1).toBeGreaterThan(closed0);
    await core.feeds.remove('demo');
    expect(core.actions.list({ includeClosed: true }).items).toEqual([]);
    expect(core.store.actions.all()).toEqual([]);
  });
});
