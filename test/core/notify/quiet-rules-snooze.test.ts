// Quiet hours (crossing midnight, days off by the production calendar, urgent ones through), the summary of what was
// held, the daily summary, snooze, and the rules per feed, type and organisation.
import { afterEach, describe, expect, it } from 'vitest';
import type { QuietHours } from '../../../preload/contract.ts';
import { notifyModeFor } from '../../../main/core/notify/notify-rules.ts';
import { isQuiet, quietEndsAt } from '../../../main/core/notify/quiet-hours.ts';
import { MemorySentSteps } from '../../../main/core/notify/reminders-sent.ts';
import { dailySummaryNotification } from '../../../main/core/notify/reminder-text.ts';
import { snoozeEnd } from '../../../main/core/notify/snooze.ts';
import { DEFAULT_PREFERENCES } from '../../../main/core/feeds-repository.ts';
import { itemAt, FakeClock, makeService, MemoryPrefs, msk, rule, settle, TZ, type ItemSpec } from './notify-fixtures.ts';

const QUIET: QuietHours = { enabled: true, from: '20:00', to: '09:00', daysOff: true, allowUrgent: true };

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.stop();
});

describe('quiet hours', () => {
  it('cross midnight: 20:00–09:00 is quiet on a working evening and the next morning', () => {
    expect(isQuiet(msk('2026-12-02 19:59'), QUIET, TZ)).toBe(false);
    expect(isQuiet(msk('2026-12-02 20:00'), QUIET, TZ)).toBe(true);
    expect(isQuiet(msk('2026-12-03 00:30'), QUIET, TZ)).toBe(true);
    expect(isQuiet(msk('2026-12-03 08:59'), QUIET, TZ)).toBe(true);
    expect(isQuiet(msk('2026-12-03 09:00'), QUIET, TZ)).toBe(false);
    expect(isQuiet(msk('2026-12-03 09:00'), { ...QUIET, enabled: false }, TZ)).toBe(false);
    expect(isQuiet(msk('2026-12-03 03:00'), { ...QUIET, enabled: false }, TZ)).toBe(false);
  });

  it('days off come from the production calendar: a weekend, a transferred holiday, a worked Saturday', () => {
    expect(isQuiet(msk('2026-12-05 12:00'), QUIET, TZ)).toBe(true); // Saturday
    expect(isQuiet(msk('2026-03-09 12:00'), QUIET, TZ)).toBe(true); // Monday, 8 March moved here
    expect(isQuiet(msk('2027-02-20 12:00'), QUIET, TZ)).toBe(false); // a Saturday that is worked
    expect(isQuiet(msk('2026-12-05 12:00'), { ...QUIET, daysOff: false }, TZ)).toBe(false);
  });

  it('end where the next working morning begins', () => {
    // Friday evening → Monday 09:00, past the weekend.
    expect(quietEndsAt(msk('2026-12-04 21:00'), QUIET, TZ)).toBe(msk('2026-12-07 09:00'));
    // 30 Dec 2026 evening → 11 Jan 2027 09:00, past the New Year holidays.
    expect(quietEndsAt(msk('2026-12-30 21:00'), QUIET, TZ)).toBe(msk('2027-01-11 09:00'));
    expect(quietEndsAt(msk('2026-12-02 12:00'), QUIET, TZ)).toBeNull();
    // Hours that do not cross midnight, and no days off.
    expect(quietEndsAt(msk('2026-12-02 13:30'), { ...QUIET, from: '13:00', to: '14:00', daysOff: false }, TZ)).toBe(
      msk('2026-12-02 14:00'),
    );
  });

  it('hold what is not urgent, let a deadline through, and give the rest as one summary when they end', async () => {
    let specs: ItemSpec[] = [];
    const clock = new FakeClock(msk('2026-12-02 22:00'));
    const prefs = new MemoryPrefs({ quietHours: QUIET, dailySummary: { enabled: false, at: '09:00' } });
    const setup = makeService({ clock, specs: () => specs, prefs });
    setup.service.start();
    running.push(setup.service);
    const { gate, notifier, service } = setup;
    // A new event at 22:00 is held.
    expect(gate.offer({ title: 'Новый документ', body: 'УПД № 7', eventKey: 1, feedId: 'feed-1' })).toBe(false);
    // A demand whose receipt was due yesterday: its warning is urgent and comes through.
    specs = [
      { id: 'a', step: 'receipt', arrivedAt: msk('2026-11-20 10:00'), deadline: '2026-12-01' },
      { id: 'b', step: 'sign', arrivedAt: msk('2026-12-02 22:30') },
    ];
    await clock.advanceTo(msk('2026-12-02 22:30'));
    service.itemsChanged();
    await settle();
    expect(notifier.shown).toHaveLength(0); // the changes settle first
    await clock.advanceTo(msk('2026-12-02 22:30') + 2_000);
    expect(notifier.steps()).toEqual(['receipt:overdue']);
    // The document to sign waits for the morning, with the event: one summary of both.
    await clock.advanceTo(msk('2026-12-03 08:59'));
    expect(notifier.shown).toHaveLength(1);
    await clock.advanceTo(msk('2026-12-03 09:00'));
    expect(notifier.shown).toHaveLength(2);
    expect(notifier.shown[1]!.title).toBe('Пока уведомления молчали: 2 уведомления');
    expect(notifier.shown[1]!.body).toContain('• Новый документ');
    await clock.advanceTo(msk('2026-12-03 12:00'));
    expect(notifier.shown).toHaveLength(2);
  });

  it('without allowUrgent even a deadline waits, and is not lost over a restart', async () => {
    const specs: ItemSpec[] = [{ id: 'a', step: 'receipt', arrivedAt: msk('2026-11-20 10:00'), deadline: '2026-12-01' }];
    const clock = new FakeClock(msk('2026-12-02 22:00'));
    const sent = new MemorySentSteps();
    const prefs = new MemoryPrefs({
      quietHours: { ...QUIET, allowUrgent: false },
      dailySummary: { enabled: false, at: '09:00' },
    });
    const first = makeService({ clock, specs: () => specs, prefs, sent });
    first.service.start();
    await settle();
    await first.service.stop();
    expect(first.notifier.shown).toHaveLength(0);
    const second = makeService({ clock, specs: () => specs, prefs, sent });
    second.service.start();
    running.push(second.service);
    await clock.advanceTo(msk('2026-12-03 09:00'));
    expect(second.notifier.steps()).toEqual(['receipt:overdue']);
  });
});

describe('daily summary', () => {
  const WORDS: ItemSpec[] = [
    { id: 'r1', step: 'receipt', arrivedAt: msk('2026-11-30 10:00'), deadline: '2026-12-08' },
    { id: 'r2', step: 'receipt', arrivedAt: msk('2026-11-30 10:00'), deadline: '2026-12-08' },
    { id: 'p1', step: 'reply', arrivedAt: msk('2026-11-20 10:00'), deadline: '2026-12-15' },
    { id: 's1', step: 'sign', arrivedAt: msk('2026-11-30 10:00') },
    { id: 's2', step: 'sign', arrivedAt: msk('2026-11-30 10:00') },
    { id: 's3', step: 'sign', arrivedAt: msk('2026-11-30 10:00') },
  ];

  it('words the counts with the right plural forms', () => {
    const now = msk('2026-12-02 09:00');
    const summary = dailySummaryNotification(
      WORDS.map((spec) => itemAt(spec, now)),
      'ru',
    );
    expect(summary?.body).toBe('Сегодня: 2 квитанции, 1 ответ, 3 документа на подпись');
    expect(summary?.title).toBe('Требует действия: 6');
    const five = Array.from({ length: 5 }, (_, i) => itemAt({ id: `x${i}`, step: 'receipt', arrivedAt: now }, now));
    expect(dailySummaryNotification(five, 'ru')?.body).toBe('Сегодня: 5 квитанций');
    expect(dailySummaryNotification(five.slice(0, 1), 'ru')?.body).toBe('Сегодня: 1 квитанция');
    expect(dailySummaryNotification(five.slice(0, 2), 'en')?.body).toBe('Today: 2 receipts');
    expect(dailySummaryNotification([], 'ru')).toBeNull();
  });

  it('comes once at its time on working days only, also after a restart the same day', async () => {
    const clock = new FakeClock(msk('2026-12-02 08:00'));
    const sent = new MemorySentSteps();
    // Their arrivals were announced before.
    for (const spec of WORDS) sent.mark(spec.id!, `${spec.step}:arrived`, 0);
    const prefs = new MemoryPrefs({ dailySummary: { enabled: true, at: '09:00' } });
    const first = makeService({ clock, specs: () => WORDS, prefs, sent });
    first.service.start();
    await clock.advanceTo(msk('2026-12-02 08:59'));
    expect(first.notifier.shown).toHaveLength(0);
    await clock.advanceTo(msk('2026-12-02 09:00'));
    expect(first.notifier.shown.map((n) => n.body)).toEqual(['Сегодня: 2 квитанции, 1 ответ, 3 документа на подпись']);
    await first.service.stop();
    const second = makeService({ clock, specs: () => WORDS, prefs, sent });
    second.service.start();
    running.push(second.service);
    await clock.advanceTo(msk('2026-12-02 18:00'));
    expect(second.notifier.shown).toHaveLength(0);
    const summaries = () => second.notifier.shown.filter((n) => n.title.startsWith('Требует действия')).length;
    await clock.advanceTo(msk('2026-12-04 23:00'));
    expect(summaries()).toBe(2); // Thursday, Friday
    await clock.advanceTo(msk('2026-12-06 23:00'));
    expect(summaries()).toBe(2); // not on Saturday or Sunday
    await clock.advanceTo(msk('2026-12-07 09:00'));
    expect(summaries()).toBe(3);
  });
});

describe('snooze', () => {
  it('holds everything for an hour, then gives it and clears itself', async () => {
    let specs: ItemSpec[] = [];
    const clock = new FakeClock(msk('2026-12-02 12:00'));
    const { service, notifier, prefs } = makeService({ clock, specs: () => specs });
    service.start();
    running.push(service);
    expect(service.snooze('hour')).toEqual({ snoozedUntil: msk('2026-12-02 13:00') });
    expect(prefs.value.snoozedUntil).toBe(msk('2026-12-02 13:00'));
    specs = [{ id: 'due-today', step: 'receipt', arrivedAt: msk('2026-11-24 10:00'), deadline: '2026-12-02' }];
    await clock.advanceTo(msk('2026-12-02 12:10'));
    service.itemsChanged();
    await clock.advanceTo(msk('2026-12-02 12:59'));
    expect(notifier.shown).toHaveLength(0);
    await clock.advanceTo(msk('2026-12-02 13:00'));
    expect(notifier.steps()).toEqual(['receipt:due']);
    expect(prefs.value.snoozedUntil).toBeNull();
  });

  it('until tomorrow means tomorrow at the summary time; off ends it', () => {
    const prefs = { ...DEFAULT_PREFERENCES, dailySummary: { enabled: true, at: '08:30' } };
    expect(snoozeEnd('tomorrow', msk('2026-12-02 15:00'), prefs, TZ)).toBe(msk('2026-12-03 08:30'));
    expect(snoozeEnd('tomorrow', msk('2026-12-02 00:30'), prefs, TZ)).toBe(msk('2026-12-03 08:30'));
    expect(snoozeEnd('off', msk('2026-12-02 15:00'), prefs, TZ)).toBeNull();
  });
});

describe('rules', () => {
  const subject = { feedId: 'diadoc-1', type: 'NewInboundDocument', organisation: 'box-a' };

  it('no rule: notify', () => {
    expect(notifyModeFor([], subject)).toBe('notify');
  });

  it('the most specific matching rule wins, whatever the order', () => {
    const rules = [
      rule({ feedId: 'diadoc-1', type: 'NewInboundDocument', organisation: 'box-a', mode: 'notify' }),
      rule({ feedId: 'diadoc-1', mode: 'ignore' }),
      rule({ type: 'NewInboundDocument', mode: 'count' }),
    ];
    expect(notifyModeFor(rules, subject)).toBe('notify');
    // The feed's rule and the type's are equally specific: the later one (the type's) wins.
    expect(notifyModeFor(rules, { ...subject, organisation: 'box-b' })).toBe('count');
    expect(notifyModeFor(rules.slice(0, 2), { ...subject, organisation: 'box-b' })).toBe('ignore');
    expect(notifyModeFor(rules, { ...subject, feedId: 'diadoc-2' })).toBe('count');
    expect(notifyModeFor(rules, { ...subject, feedId: 'diadoc-2', type: 'Other' })).toBe('notify');
  });

  it('between equally specific rules the later one wins (the one just added from an event menu)', () => {
    expect(
      notifyModeFor([rule({ feedId: 'diadoc-1', mode: 'count' }), rule({ type: 'NewInboundDocument', mode: 'ignore' })], subject),
    ).toBe('ignore');
  });

  it('a feed silenced as a whole does not remind; a rule for one event type does not stop reminders', async () => {
    const specs: ItemSpec[] = [{ id: 'a', step: 'sign', arrivedAt: msk('2026-12-02 12:00') }];
    const clock = new FakeClock(msk('2026-12-02 12:00'));
    const silenced = makeService({
      clock,
      specs: () => specs,
      prefs: new MemoryPrefs({
        notifyRules: [rule({ feedId: 'feed-1', mode: 'count' })],
        dailySummary: { enabled: false, at: '09:00' },
      }),
    });
    expect(silenced.service.pass()).toBeGreaterThan(0);
    expect(silenced.notifier.shown).toHaveLength(0);
    const typeOnly = makeService({
      clock,
      specs: () => specs,
      prefs: new MemoryPrefs({
        notifyRules: [rule({ feedId: 'feed-1', type: 'Spam', mode: 'ignore' })],
        dailySummary: { enabled: false, at: '09:00' },
      }),
    });
    typeOnly.service.pass();
    expect(typeOnly.notifier.steps()).toEqual(['sign:arrived']);
  });

  it('an organisation rule matches only events that name it', () => {
    expect(notifyModeFor([rule({ organisation: 'box-a', mode: 'ignore' })], { ...subject, organisation: null })).toBe('notify');
  });
});
