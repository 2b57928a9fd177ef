// The notifier's buttons, groups, ids and urgency per platform, Windows' activation after a restart, and the tray's
// snooze entries and tooltip, against the electron stub.
import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as stub from '../stubs/electron.ts';
import { silentLogger, type NotificationChoice, type NotificationRequest } from '../../main/core/ports.ts';
import { trayTooltip } from '../../main/core/tray-tooltip.ts';
import { activationId, ElectronNotifier, requestFromActivation } from '../../main/platform/notifier.ts';
import { ElectronTrayView } from '../../main/platform/tray.ts';

const REMINDER: NotificationRequest = {
  title: 'Требование ФНС № 12-34/5678',
  body: 'Сегодня последний день: отправить квитанцию о приёме',
  eventKey: 1_795_000_000_000_123,
  feedId: 'extern-1',
  id: 'extern-1:docflow|receipt:due',
  itemId: 'extern-1:docflow',
  urgent: true,
};

function notifierOn(platform: NodeJS.Platform) {
  const activated: [NotificationRequest, NotificationChoice][] = [];
  const notifier = new ElectronNotifier((request, choice) => activated.push([request, choice]), silentLogger, undefined, {
    platform,
    language: () => 'ru',
  });
  return { notifier, activated };
}

describe('ElectronNotifier per platform', () => {
  beforeEach(() => stub.resetElectronStub());

  it('Windows and macOS: three buttons, a group per feed, an id per event and step', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      stub.resetElectronStub();
      const { notifier, activated } = notifierOn(platform);
      notifier.show(REMINDER);
      const n = stub.Notification.instances[0]!;
      expect(n.options.actions?.map((a) => a.text)).toEqual(['Открыть', 'Прочитано', 'Отложить на час']);
      expect(n.options.groupId).toBe('feed:extern-1');
      expect(n.options.id).toBe('fb:e:1795000000000123:receipt:due');
      n.emit('action', { actionIndex: 2 }, 2);
      expect(activated).toEqual([[REMINDER, 'snooze']]);
    }
  });

  it('urgent: stays on screen on Windows and Linux, critical on Linux; Linux has no buttons, a click opens', () => {
    const { notifier, activated } = notifierOn('linux');
    notifier.show(REMINDER);
    const n = stub.Notification.instances[0]!;
    expect(n.options).toMatchObject({ timeoutType: 'never', urgency: 'critical' });
    expect(n.options.actions).toBeUndefined();
    expect(n.options.id).toBeUndefined();
    n.emit('click', {});
    expect(activated).toEqual([[REMINDER, 'open']]);

    stub.resetElectronStub();
    notifierOn('win32').notifier.show(REMINDER);
    expect(stub.Notification.instances[0]!.options.timeoutType).toBe('never');
    expect(stub.Notification.instances[0]!.options.urgency).toBeUndefined();
    stub.resetElectronStub();
    notifierOn('win32').notifier.show({ ...REMINDER, urgent: false });
    expect(stub.Notification.instances[0]!.options.timeoutType).toBeUndefined();
  });

  it('Windows: a toast activated after a restart opens what its id names, once', () => {
    const { notifier, activated } = notifierOn('win32');
    notifier.listenForActivation();
    notifier.show(REMINDER);
    // The instance's own click is left to the central handler, so one activation is handed over once.
    stub.Notification.instances[0]!.emit('click', {});
    expect(activated).toHaveLength(0);
    stub.Notification.activate({ type: 'click', arguments: 'fb:e:1795000000000123:receipt:due' });
    stub.Notification.activate({ type: 'action', actionIndex: 1, arguments: 'fb:e:42' });
    stub.Notification.activate({ type: 'click', arguments: 'fb:f:extern-1' });
    stub.Notification.activate({ type: 'click', arguments: '' });
    expect(activated.map(([r, c]) => [r.eventKey ?? r.feedId ?? null, c])).toEqual([
      [1_795_000_000_000_123, 'open'],
      [42, 'read'],
      ['extern-1', 'open'],
      [null, 'open'],
    ]);
  });

  it('elsewhere handleActivation is not used', () => {
    notifierOn('linux').notifier.listenForActivation();
    notifierOn('darwin').notifier.listenForActivation();
    expect(stub.Notification.activationHandler).toBeNull();
  });

  it('ids fit a Windows tag and read back', () => {
    expect(activationId({ title: '', body: '', feedId: 'diadoc-1' })).toBe('fb:f:diadoc-1');
    expect(activationId({ title: '', body: '', feedId: 'x'.repeat(64) })).toBeNull();
    expect(activationId({ title: '', body: '' })).toBeNull();
    expect(requestFromActivation('launch fb:f:diadoc-1')).toEqual({ feedId: 'diadoc-1' });
    expect(requestFromActivation('something else')).toBeNull();
  });
});

describe('tray while snoozed', () => {
  beforeEach(() => stub.resetElectronStub());

  it('offers «Включить уведомления» instead of the two snoozes, and the tooltip says until when', () => {
    const actions: string[] = [];
    const assets = join(import.meta.dirname, '..', '..', 'assets');
    const view = new ElectronTrayView(
      { base1x: join(assets, 'tray-16.png'), base2x: join(assets, 'tray-32.png') },
      {
        openLog: () => {},
        syncNow: () => {},
        setPausedAll: () => {},
        snooze: (choice) => actions.push(choice),
        quit: () => {},
      },
      () => 'ru',
    );
    const tray = stub.Tray.instances.at(-1)!;
    const now = Date.parse('2026-12-02T12:00:00+03:00');
    const until = now + 3_600_000;
    const tooltip = trayTooltip([], 'ru', { snoozedUntil: until, now, timeZone: 'Europe/Moscow' });
    expect(tooltip).toBe('Feedbell: непрочитанных 0\n🔕 Уведомления отложены до 13:00');
    view.update({ unread: 0, hasError: false, paused: false, tooltip, snoozedUntil: until });
    const labels = tray.menu!.items.filter((i) => i.type !== 'separator').map((i) => i.label);
    expect(labels).toContain('Включить уведомления');
    expect(labels).not.toContain('Отложить уведомления на час');
    tray.menu!.items.find((i) => i.label === 'Включить уведомления')!.click!();
    expect(actions).toEqual(['off']);
    expect(trayTooltip([], 'en', { snoozedUntil: now + 86_400_000, now, timeZone: 'Europe/Moscow' })).toBe(
      'Feedbell: 0 unread\n🔕 Notifications snoozed until 3 Dec, 12:00',
    );
  });
});
