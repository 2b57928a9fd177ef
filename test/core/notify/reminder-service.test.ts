// A demand's whole life on a fake clock: arrival → 2 working days before → its last day → receipt sent → the reply's
// steps → accepted; restarts, sleep, weekends and a holiday transfer; each step at most once, none while met.
import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../main/core/calendar/working-days.ts';
import { MemorySentSteps } from '../../../main/core/notify/reminders-sent.ts';
import { FakeClock, makeService, msk, settle, type ItemSpec } from './notify-fixtures.ts';

const ARRIVED = msk('2026-12-24 10:00');
const RECEIPT_DEADLINE = '2027-01-12';
const REPLY_DEADLINE = '2027-01-19';

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.stop();
});

function start(setup: ReturnType<typeof makeService>) {
  setup.service.start();
  running.push(setup.service);
  return setup;
}

describe('ReminderService: a demand from arrival to the accepted reply', () => {
  it('counts the receipt term over the New Year holidays (31 Dec 2026 is a transferred day off)', () => {
    expect(addWorkingDays('2026-12-24', 6)).toBe(RECEIPT_DEADLINE);
    expect(addWorkingDays(RECEIPT_DEADLINE, 5)).toBe(REPLY_DEADLINE);
  });

  it('reminds at arrival, 2 working days before, on the last day; then the reply; nothing once it is met', async () => {
    let specs: ItemSpec[] = [{ step: 'receipt', arrivedAt: ARRIVED, deadline: RECEIPT_DEADLINE }];
    const clock = new FakeClock(ARRIVED + 60_000);
    const { service, notifier } = start(makeService({ clock, specs: () => specs }));
    await settle();
    expect(notifier.steps()).toEqual(['receipt:arrived']);
    expect(notifier.shown[0]!.body).toContain('Отправить квитанцию о приёме до 12 янв. (срок рассчитан)');
    expect(notifier.shown[0]!.body).toContain('ИНН 7700000000');
    expect(notifier.shown[0]!.eventKey).toBe(42);

    // 2 working days before 12 Jan: 30 Dec (31 Dec and 1–10 Jan are days off), at the summary time.
    await clock.advanceTo(msk('2026-12-30 08:59'));
    expect(notifier.steps()).toHaveLength(1);
    await clock.advanceTo(msk('2026-12-30 09:00'));
    expect(notifier.steps().at(-1)).toBe('receipt:soon');
    expect(notifier.shown.at(-1)!.body).toMatch(/^Осталось 3 рабочих дня: отправить квитанцию о приёме до 12 янв\./);
    expect(notifier.shown.at(-1)!.urgent).toBe(false);

    await clock.advanceTo(msk('2027-01-12 09:00'));
    expect(notifier.steps().at(-1)).toBe('receipt:due');
    expect(notifier.shown.at(-1)!.body).toMatch(/^Сегодня последний день: отправить квитанцию/);
    expect(notifier.shown.at(-1)!.urgent).toBe(true);

    // The receipt goes out the same day: the receipt's overdue warning must never come.
    await clock.advanceTo(msk('2027-01-12 14:00'));
    specs = [{ step: 'reply', arrivedAt: ARRIVED, deadline: REPLY_DEADLINE }];
    service.itemsChanged();
    await clock.advanceTo(msk('2027-01-13 12:00'));
    expect(notifier.steps()).toEqual(['receipt:arrived', 'receipt:soon', 'receipt:due']);

    // The reply: 2 working days before 19 Jan (a Tuesday) is Friday 15 Jan, across the weekend.
    await clock.advanceTo(msk('2027-01-15 08:59'));
    expect(notifier.steps()).toHaveLength(3);
    await clock.advanceTo(msk('2027-01-15 09:00'));
    expect(notifier.steps().at(-1)).toBe('reply:soon');
    await clock.advanceTo(msk('2027-01-19 09:00'));
    expect(notifier.steps().at(-1)).toBe('reply:due');

    // Accepted: closed, so the day after passes in silence.
    await clock.advanceTo(msk('2027-01-19 12:00'));
    specs = [{ step: 'reply', arrivedAt: ARRIVED, deadline: REPLY_DEADLINE, state: 'closed' }];
    service.itemsChanged();
    await clock.advanceTo(msk('2027-01-22 12:00'));
    expect(notifier.steps()).toEqual(['receipt:arrived', 'receipt:soon', 'receipt:due', 'reply:soon', 'reply:due']);
  });

  it('warns of the account block after a missed receipt, and of a fine after a missed reply', async () => {
    let specs: ItemSpec[] = [{ step: 'receipt', arrivedAt: ARRIVED, deadline: RECEIPT_DEADLINE }];
    const clock = new FakeClock(msk('2027-01-12 10:00'));
    const sent = new MemorySentSteps();
    for (const step of ['receipt:arrived', 'receipt:soon', 'receipt:due']) sent.mark('feed-1:docflow-1', step, 0);
    const { service, notifier } = start(makeService({ clock, specs: () => specs, sent }));
    await clock.advanceTo(msk('2027-01-13 08:59'));
    expect(notifier.shown).toHaveLength(0);
    await clock.advanceTo(msk('2027-01-13 09:00'));
    expect(notifier.steps()).toEqual(['receipt:overdue']);
    expect(notifier.shown[0]!.body).toContain('Срок квитанции о приёме прошёл 12 янв.: риск блокировки счёта');
    expect(notifier.shown[0]!.urgent).toBe(true);

    specs = [{ step: 'reply', arrivedAt: ARRIVED, deadline: '2027-01-15' }];
    service.itemsChanged();
    await clock.advanceTo(msk('2027-01-15 09:00'));
    expect(notifier.steps().at(-1)).toBe('reply:due');
    // Friday's deadline: the warning comes on Monday, the next working day.
    await clock.advanceTo(msk('2027-01-17 23:00'));
    expect(notifier.steps().at(-1)).toBe('reply:due');
    await clock.advanceTo(msk('2027-01-18 09:00'));
    expect(notifier.steps().at(-1)).toBe('reply:overdue');
    expect(notifier.shown.at(-1)!.body).toContain('Срок ответа на требование прошёл 15 янв.: риск штрафа');
  });

  it('a reminder the day after a deadline before the holidays comes on the next working day (11 Jan 2027)', async () => {
    const specs: ItemSpec[] = [{ step: 'receipt', arrivedAt: msk('2026-12-21 10:00'), deadline: '2026-12-30' }];
    const clock = new FakeClock(msk('2026-12-30 10:00'));
    const sent = new MemorySentSteps();
    for (const step of ['receipt:arrived', 'receipt:soon', 'receipt:due']) sent.mark('feed-1:docflow-1', step, 0);
    const { notifier } = start(makeService({ clock, specs: () => specs, sent }));
    await clock.advanceTo(msk('2027-01-11 08:59'));
    expect(notifier.shown).toHaveLength(0);
    await clock.advanceTo(msk('2027-01-11 09:00'));
    expect(notifier.steps()).toEqual(['receipt:overdue']);
  });
});

describe('ReminderService: restarts and sleep', () => {
  it('a restart in the middle sends no step twice and loses none', async () => {
    const specs: ItemSpec[] = [{ step: 'receipt', arrivedAt: ARRIVED, deadline: RECEIPT_DEADLINE }];
    const clock = new FakeClock(ARRIVED);
    const sent = new MemorySentSteps();
    const first = makeService({ clock, specs: () => specs, sent });
    first.service.start();
    await clock.advanceTo(msk('2026-12-30 10:00'));
    await first.service.stop();
    expect(first.notifier.steps()).toEqual(['receipt:arrived', 'receipt:soon']);

    // Off for a day (the app quit): the new service starts on the same store.
    clock.jump(86_400_000);
    const second = start(makeService({ clock, specs: () => specs, sent }));
    await settle();
    expect(second.notifier.shown).toHaveLength(0);
    await clock.advanceTo(msk('2027-01-12 09:00'));
    expect(second.notifier.steps()).toEqual(['receipt:due']);
  });

  it('after a sleep past two steps, on resume only the latest fires, once and late', async () => {
    const specs: ItemSpec[] = [{ step: 'receipt', arrivedAt: ARRIVED, deadline: RECEIPT_DEADLINE }];
    const clock = new FakeClock(ARRIVED);
    const { notifier, power } = start(makeService({ clock, specs: () => specs }));
    await settle();
    expect(notifier.steps()).toEqual(['receipt:arrived']);
    clock.jump(msk('2027-01-12 11:30') - clock.now());
    power.resume();
    await settle();
    expect(notifier.steps()).toEqual(['receipt:arrived', 'receipt:due']);
    await clock.advanceTo(msk('2027-01-12 18:00'));
    expect(notifier.steps()).toEqual(['receipt:arrived', 'receipt:due']);
  });

  it('sleeps at most an hour, so a clock change is noticed without a resume event', async () => {
    const clock = new FakeClock(ARRIVED);
    const { service } = start(makeService({ clock, specs: () => [] }));
    expect(service.pass()).toBeLessThanOrEqual(3_600_000);
  });

  it('many reminders due at once make one notification', async () => {
    const specs: ItemSpec[] = Array.from({ length: 5 }, (_, i) => ({
      id: `feed-1:doc-${i}`,
      step: 'sign' as const,
      arrivedAt: ARRIVED,
    }));
    const clock = new FakeClock(ARRIVED);
    const { notifier } = start(makeService({ clock, specs: () => specs }));
    await settle();
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]!.title).toBe('Напоминания о сроках: 5');
  });
});

describe('ReminderService: a demand that arrives already late', () => {
  it('warns at once with the latest step (overdue, urgent), not with a plain arrival', async () => {
    const specs: ItemSpec[] = [
      { step: 'receipt', arrivedAt: msk('2026-12-02 11:00'), deadline: '2026-11-19', source: 'service' },
    ];
    const clock = new FakeClock(msk('2026-12-02 11:00'));
    const { notifier } = start(makeService({ clock, specs: () => specs }));
    await settle();
    expect(notifier.steps()).toEqual(['receipt:overdue']);
    expect(notifier.shown[0]!.urgent).toBe(true);
    await clock.advanceTo(msk('2026-12-03 12:00'));
    expect(notifier.shown).toHaveLength(1);
  });
});
