// New events' notifications go through the same policy as reminders: rules per feed, type and organisation (count:
// no popup, still unread; ignore: no popup, stored read), quiet hours and snooze (held, then one summary).
import { describe, expect, it } from 'vitest';
import type { NotifyRule } from '../../../preload/contract.ts';
import { DeliveryGate } from '../../../main/core/notify/delivery-gate.ts';
import { silentLogger } from '../../../main/core/ports.ts';
import { Announcer } from '../../../main/core/services/fanout-subscribers.ts';
import type { FeedConfig } from '../../../main/core/model.ts';
import type { EventStore, IngestedEvent } from '../../../main/core/store/event-store.ts';
import { MemoryPrefs, msk, RecordingNotifier, rule, TZ } from './notify-fixtures.ts';

const FEED: FeedConfig = {
  id: 'diadoc-1',
  provider: 'diadoc',
  name: 'Диадок',
  enabled: true,
  intervalSec: 60,
  start: { kind: 'now' } as FeedConfig['start'],
  settings: {},
};

function event(seq: number, type: string, organisation: string): IngestedEvent & { organisation: string } {
  return {
    key: 1000 + seq,
    seq,
    feedId: FEED.id,
    provider: 'diadoc',
    id: `e${seq}`,
    type,
    occurredAt: msk('2026-12-02 12:00') + seq,
    receivedAt: msk('2026-12-02 12:00'),
    title: { ru: `Документ ${seq}`, en: `Document ${seq}` },
    summary: { ru: 'УПД', en: 'UPD' },
    link: null,
    read: false,
    organisation,
  };
}

function setup(rules: NotifyRule[], now: { value: number }, prefsPatch = {}) {
  const notifier = new RecordingNotifier();
  const prefs = new MemoryPrefs({ notifyRules: rules, ...prefsPatch });
  const gate = new DeliveryGate({ notifier, preferences: prefs.get, now: () => now.value, timeZone: TZ });
  const markedRead: number[] = [];
  const delivered: number[] = [];
  const store = {
    markDelivered: (_consumer: string, _feedId: string, seq: number) => delivered.push(seq),
    ensureDeliveries() {},
  } as unknown as EventStore;
  const announcer = new Announcer({
    gate,
    store,
    organisationOf: (_feed, e) => (e as ReturnType<typeof event>).organisation,
    markRead: (keys) => markedRead.push(...keys),
    where: () => ({ ru: 'в Диадоке', en: 'in Diadoc' }),
    preferences: prefs.get,
    log: silentLogger,
  });
  return { notifier, announcer, markedRead, gate, prefs, delivered };
}

const run = (inserted: IngestedEvent[]) => ({ inserted, firstSync: false, caughtUp: true, error: null });
describe('Announcer with the notification policy', () => {
  it('notify pops up; count stays unread without a popup; ignore is stored read without a popup', () => {
    const now = { value: msk('2026-12-02 12:00') };
    const { notifier, announcer, markedRead } = setup(
      [rule({ feedId: 'diadoc-1', type: 'Spam', mode: 'ignore' }), rule({ organisation: 'box-quiet', mode: 'count' })],
      now,
    );
    announcer.runFinished(
      FEED,
      run([event(1, 'NewInbound', 'box-a'), event(2, 'Spam', 'box-a'), event(3, 'NewInbound', 'box-quiet')]),
    );
    expect(notifier.shown.map((n) => n.title)).toEqual(['Документ 1']);
    expect(markedRead).toEqual([1002]);
  });

  it('a feed first sync still says how many it loaded, whatever the rules', () => {
    const now = { value: msk('2026-12-02 12:00') };
    const { notifier, announcer } = setup([rule({ feedId: 'diadoc-1', mode: 'count' })], now);
    announcer.runFinished(FEED, { ...run([event(1, 'NewInbound', 'box-a')]), firstSync: true });
    expect(notifier.shown.map((n) => n.title)).toEqual(['Диадок: лента подключена']);
  });

  it('in quiet hours and while snoozed new events are held, and come as one summary afterwards', () => {
    const now = { value: msk('2026-12-02 21:00') };
    const { notifier, announcer, gate, prefs } = setup([], now, {
      quietHours: { enabled: true, from: '20:00', to: '09:00', daysOff: true, allowUrgent: true },
    });
    announcer.runFinished(FEED, run([event(1, 'NewInbound', 'box-a')]));
    announcer.runFinished(FEED, run([event(2, 'NewInbound', 'box-a')]));
    expect(notifier.shown).toHaveLength(0);
    expect(gate.heldCount).toBe(2);
    now.value = msk('2026-12-03 09:00');
    gate.release('ru');
    expect(notifier.shown.map((n) => n.title)).toEqual(['Пока уведомления молчали: 2 уведомления']);

    prefs.update({ snoozedUntil: msk('2026-12-03 10:00') });
    announcer.runFinished(FEED, run([event(3, 'NewInbound', 'box-a')]));
    expect(notifier.shown).toHaveLength(1);
    now.value = msk('2026-12-03 10:00');
    gate.release('ru');
    // One held notification comes as itself.
    expect(notifier.shown.map((n) => n.title).at(-1)).toBe('Документ 3');
  });

  it('events held through quiet hours count as announced only once the held summary went out (a restart before it announces them as missed)', () => {
    const now = { value: msk('2026-12-02 22:00') };
    const quietHours = { enabled: true, from: '20:00', to: '09:00', daysOff: true, allowUrgent: true };
    const { notifier, announcer, gate, delivered } = setup([], now, { quietHours });
    announcer.runFinished(FEED, run([event(1, 'NewInbound', 'box-a'), event(2, 'NewInbound', 'box-a')]));
    expect(notifier.shown).toEqual([]);
    // Still held: the store's delivery position has not moved, so a restart now finds both undelivered.
    expect(delivered).toEqual([]);
    now.value = msk('2026-12-03 09:00');
    gate.release('ru');
    expect(notifier.shown).toHaveLength(1);
    expect(delivered).toEqual([2]);
  });

  it('events shown at once are recorded as announced at once', () => {
    const now = { value: msk('2026-12-02 12:00') };
    const { notifier, announcer, delivered } = setup([], now);
    announcer.runFinished(FEED, run([event(1, 'NewInbound', 'box-a')]));
    expect(notifier.shown).toHaveLength(1);
    expect(delivered).toEqual([1]);
  });
});
