// The thin adapters against the electron stub: tray, notifier, power events, settings on electron-store, rotating log.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger, type NotificationRequest } from '../../main/core/ports.ts';
import { RotatingFileLogger } from '../../main/platform/log-file.ts';
import { ElectronNotifier } from '../../main/platform/notifier.ts';
import { electronPowerEvents } from '../../main/platform/power.ts';
import { DEFAULT_PREFERENCES, ElectronSettings } from '../../main/platform/settings.ts';
import { ElectronTrayView, trayMenuLabels } from '../../main/platform/tray.ts';
import type { FeedConfig } from '../../main/core/model.ts';
import * as stub from '../stubs/electron.ts';

const ASSETS = join(import.meta.dirname, '..', '..', 'assets');
const FILES = { base1x: join(ASSETS, 'tray-16.png'), base2x: join(ASSETS, 'tray-32.png') };

function makeTray(language: 'ru' | 'en' = 'en') {
  const actions: string[] = [];
  const view = new ElectronTrayView(
    FILES,
    {
      openLog: () => actions.push('open'),
      syncNow: () => actions.push('sync'),
      setPausedAll: (paused) => actions.push(paused ? 'pause' : 'resume'),
      snooze: (choice) => actions.push(`snooze:${choice}`),
      quit: () => actions.push('quit'),
    },
    () => language,
  );
  const tray = stub.Tray.instances.at(-1)!;
  return { view, tray, actions };
}
const pngOf = (tray: stub.Tray) => tray.image.representations[0]?.buffer?.toString('base64');

describe('ElectronTrayView', () => {
  beforeEach(() => stub.resetElectronStub());

  it('paints a 1x and a 2x icon and repaints only when the picture changes', () => {
    const { view, tray } = makeTray();
    expect(tray.image.representations.map((r) => r.scaleFactor)).toEqual([1, 2]);
    const empty = pngOf(tray);
    view.update({ unread: 5, hasError: false, paused: false, tooltip: '5 unread' });
    const five = pngOf(tray);
    expect(five).not.toBe(empty);
    expect(tray.tooltip).toBe('5 unread');
    const image = tray.image;
    view.update({ unread: 5, hasError: false, paused: false, tooltip: 'still 5' });
    expect(tray.image).toBe(image);
    view.update({ unread: 5, hasError: true, paused: false, tooltip: 'error' });
    expect(pngOf(tray)).not.toBe(five);
  });

  it('has open, sync, pause/resume, snooze and quit in the menu, and the pause label follows the state', () => {
    const { view, tray, actions } = makeTray();
    const labels = () => tray.menu!.items.filter((i) => i.type !== 'separator').map((i) => i.label);
    expect(labels()).toEqual([
      'Open log',
      'Sync now',
      'Pause all',
      'Snooze notifications for an hour',
      'Snooze notifications until tomorrow',
      'Quit',
    ]);
    for (const item of tray.menu!.items) item.click?.();
    expect(actions).toEqual(['open', 'sync', 'pause', 'snooze:hour', 'snooze:tomorrow', 'quit']);
    view.update({ unread: 0, hasError: false, paused: true, tooltip: '' });
    expect(labels()).toEqual([
      'Open log',
      'Sync now',
      'Resume all',
      'Snooze notifications for an hour',
      'Snooze notifications until tomorrow',
      'Quit',
    ]);
    tray.menu!.items[2]!.click?.();
    expect(actions.at(-1)).toBe('resume');
    tray.emit('click');
    expect(actions.at(-1)).toBe('open');
  });

  it('speaks Russian by default', () => {
    expect(trayMenuLabels('ru', false)).toEqual([
      'Открыть журнал',
      'Синхронизировать',
      'Приостановить все',
      'Отложить уведомления на час',
      'Отложить уведомления до завтра',
      'Выйти',
    ]);
    const { tray } = makeTray('ru');
    expect(tray.menu!.items[0]!.label).toBe('Открыть журнал');
  });

  it('destroys the tray once', () => {
    const { view, tray } = makeTray();
    view.destroy();
    view.destroy();
    expect(tray.isDestroyed()).toBe(true);
    view.update({ unread: 1, hasError: false, paused: false, tooltip: '' }); // no throw after destroy
  });
});

describe('ElectronNotifier', () => {
  beforeEach(() => stub.resetElectronStub());

  it('shows a native notification and hands the request back on click', () => {
    const clicked: NotificationRequest[] = [];
    const notifier = new ElectronNotifier((r) => clicked.push(r), silentLogger, '/icon.png');
    notifier.show({ title: 'Новый документ', body: 'Счёт №5', eventKey: 42 });
    const n = stub.Notification.instances[0]!;
    expect(n.shown).toBe(true);
    expect(n.options).toEqual({ title: 'Новый документ', body: 'Счёт №5', icon: '/icon.png' });
    n.emit('click', {});
    expect(clicked).toEqual([{ title: 'Новый документ', body: 'Счёт №5', eventKey: 42 }]);
  });

  it('does nothing where notifications are unsupported, and survives a throwing click handler', () => {
    stub.Notification.supported = false;
    new ElectronNotifier(() => {}, silentLogger).show({ title: 't', body: 'b' });
    expect(stub.Notification.instances).toHaveLength(0);
    stub.Notification.supported = true;
    const notifier = new ElectronNotifier(() => {
      throw new Error('boom');
    }, silentLogger);
    notifier.show({ title: 't', body: 'b', eventKey: 1 });
    expect(() => stub.Notification.instances[0]!.emit('click', {})).not.toThrow();
  });
});

describe('electronPowerEvents', () => {
  beforeEach(() => stub.resetElectronStub());

  it('fires on resume and unlock, and unsubscribes', () => {
    let n = 0;
    const off = electronPowerEvents.onResume(() => n++);
    stub.powerMonitor.emit('resume');
    stub.powerMonitor.emit('unlock-screen');
    stub.powerMonitor.emit('suspend');
    expect(n).toBe(2);
    off();
    stub.powerMonitor.emit('resume');
    expect(n).toBe(2);
    expect(stub.powerMonitor.listenerCount('resume')).toBe(0);
  });
});

describe('ElectronSettings', () => {
  const feed: FeedConfig = {
    id: 'demo-1',
    provider: 'demo',
    name: 'Demo',
    enabled: true,
    intervalSec: 60,
    start: { kind: 'now' },
    settings: { rate: 2 },
  };

  it('starts from the defaults, persists preferences and feeds across instances', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'feedbell-settings-'));
    const changed: unknown[] = [];
    const a = new ElectronSettings({ cwd, log: silentLogger, onPreferencesChanged: (p) => changed.push(p) });
    expect(a.getPreferences()).toEqual(DEFAULT_PREFERENCES);
    expect(a.feeds.list()).toEqual([]);
    a.setPreferences({ ...DEFAULT_PREFERENCES, language: 'en', burstThreshold: 7 });
    a.feeds.save([feed]);
    expect(changed).toHaveLength(1);
    const b = new ElectronSettings({ cwd, log: silentLogger });
    expect(b.getPreferences()).toMatchObject({ language: 'en', burstThreshold: 7 });
    expect(b.feeds.list()).toEqual([feed]);
    expect(JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8'))).toHaveProperty('feeds');
  });

  it('uses the userData folder by default', () => {
    stub.app.setPath('userData', mkdtempSync(join(tmpdir(), 'feedbell-userdata-')));
    const settings = new ElectronSettings({ log: silentLogger });
    expect(settings.path).toBe(join(stub.app.getPath('userData'), 'settings.json'));
  });

  it('refuses values outside the schema', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'feedbell-settings-'));
    const settings = new ElectronSettings({ cwd, log: silentLogger });
    expect(() => settings.setPreferences({ ...DEFAULT_PREFERENCES, language: 'de' as 'en' })).toThrow();
    expect(() => settings.feeds.save([{ ...feed, provider: 'nope' as 'demo' }])).toThrow();
    expect(settings.getPreferences()).toEqual(DEFAULT_PREFERENCES);
  });

  it('sets an invalid file aside and starts from defaults', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'feedbell-settings-'));
    writeFileSync(join(cwd, 'settings.json'), JSON.stringify({ preferences: { language: 'xx' }, feeds: 'nope' }));
    const errors: string[] = [];
    const settings = new ElectronSettings({ cwd, log: { ...silentLogger, error: (m) => errors.push(m) } });
    expect(settings.getPreferences()).toEqual(DEFAULT_PREFERENCES);
    expect(errors).toHaveLength(1);
    expect(readdirSync(cwd).some((f) => f.startsWith('settings.json.invalid-'))).toBe(true);
  });
});

describe('RotatingFileLogger', () => {
  it('writes one JSON object per line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-log-'));
    const log = new RotatingFileLogger({ dir, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    log.info('poll done', { feedId: 'a', inserted: 3 });
    log.error('failed', { error: new Error('nope'), nested: { deep: { deeper: { deepest: { gone: 1 } } } } });
    const lines = readFileSync(log.file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'info',
      msg: 'poll done',
      feedId: 'a',
      inserted: 3,
    });
    const second = JSON.parse(lines[1]!);
    expect(second.error).toEqual({ name: 'Error', message: 'nope' });
  });

  it('rotates at the size limit and keeps three old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-log-'));
    const log = new RotatingFileLogger({ dir, maxBytes: 1000 });
    for (let i = 0; i < 200; i++) log.warn('line', { i, pad: 'x'.repeat(50) });
    const files = readdirSync(dir).toSorted();
    expect(files).toEqual(['feedbell.log', 'feedbell.log.1', 'feedbell.log.2', 'feedbell.log.3']);
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(1000);
    // The newest lines are in the live file.
    expect(readFileSync(join(dir, 'feedbell.log'), 'utf8')).toContain('"i":199');
    expect(existsSync(join(dir, 'feedbell.log.4'))).toBe(false);
  });

  it('keeps appending to an existing file after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-log-'));
    new RotatingFileLogger({ dir }).info('first');
    new RotatingFileLogger({ dir }).info('second');
    expect(readFileSync(join(dir, 'feedbell.log'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });
});
