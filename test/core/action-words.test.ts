// An item's term in words: Russian plural forms, working days across a weekend and a holiday transfer, overdue.
import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../../preload/contract.ts';
import { actionCounts, toActionItem } from '../../main/core/actions/action-items.ts';
import { ruPlural, termWords } from '../../main/core/actions/action-words.ts';
import type { SubjectRow } from '../../main/core/store/action-subjects.ts';

function row(deadline: string | null, step: 'receipt' | 'sign' = 'receipt', overdueAfterDays: number | null = null): SubjectRow {
  return {
    feedId: 'f',
    subject: 's',
    state: {
      subject: 's',
      title: { ru: 'Требование ФНС', en: 'Tax demand' },
      organisation: 'ООО «Ромашка»',
      step,
      action: { ru: 'Отправить квитанцию о приёме', en: 'Send the receipt' },
      arrivedAt: Date.UTC(2026, 11, 28, 9),
      deadline: deadline ? { date: deadline, source: 'computed' } : null,
      nextDeadline: null,
      overdueAfterDays,
      link: null,
      eventKey: 1,
      closedAt: null,
      data: {},
    },
    looked: null,
    doneAt: null,
    closedAt: null,
    updatedAt: 0,
    lastKey: 1,
  };
}

const item = (r: SubjectRow, today: string): ActionItem =>
  toActionItem(r, { name: 'Лента', provider: 'demo' }, today, () => true);

describe('an item’s term', () => {
  it('uses the right Russian plural form', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111].map((n) => ruPlural(n, 'день', 'дня', 'дней'))).toEqual([
      'день',
      'дня',
      'дней',
      'дней',
      'дней',
      'день',
      'дня',
      'дней',
      'дней',
    ]);
  });

  it('counts working days across the New Year holidays and a weekend', () => {
    // 30 December 2026 (Wednesday) to 12 January 2027: 31 Dec is a transferred day off, 1–10 January are holidays.
    const it0 = item(row('2027-01-12'), '2026-12-30');
    expect(it0.workingDaysLeft).toBe(3);
    expect(termWords(it0, '2026-12-30', 'ru')).toBe('до 12 янв., осталось 3 рабочих дня (срок рассчитан)');
    expect(termWords(item(row('2027-01-11'), '2027-01-09'), '2027-01-09', 'en')).toBe('by 11 Jan, 1 working day left (computed)');
    expect(termWords(item(row('2027-01-11'), '2027-01-09'), '2027-01-09', 'ru')).toBe(
      'до 11 янв., остался 1 рабочий день (срок рассчитан)',
    );
  });

  it('says the last day, and overdue after it; counts urgent and overdue', () => {
    const today = item(row('2026-12-30'), '2026-12-30');
    expect(termWords(today, '2026-12-30', 'ru')).toBe('сегодня последний день (30 дек.) (срок рассчитан)');
    const late = item(row('2026-12-29'), '2026-12-30');
    expect(late.overdue).toBe(true);
    expect(late.workingDaysLeft).toBe(0);
    expect(termWords(late, '2026-12-30', 'ru')).toBe('просрочено: срок был до 29 дек. (срок рассчитан)');
    expect(actionCounts([today, late, item(row('2027-01-20'), '2026-12-30')], '2026-12-30')).toEqual({
      open: 3,
      urgent: 2,
      overdue: 1,
    });
  });

  it('shows a document’s age, overdue after its feed’s limit', () => {
    const waiting = item(row(null, 'sign'), '2027-01-01');
    expect(waiting.deadline).toBeNull();
    expect(termWords(waiting, '2027-01-01', 'ru', 'UTC')).toBe('ждёт подписи 4 дня');
    const limited = item(row(null, 'sign', 3), '2027-01-01');
    expect(limited.overdue).toBe(true);
    expect(termWords(limited, '2027-01-01', 'ru', 'UTC')).toBe('ждёт подписи 4 дня, просрочено');
  });

  it('flags a deadline after the years the calendar knows', () => {
    expect(item(row('2028-02-01'), '2027-12-30').calendarUnknown).toBe(true);
    expect(item(row('2027-02-01'), '2027-01-30').calendarUnknown).toBe(false);
  });
});
