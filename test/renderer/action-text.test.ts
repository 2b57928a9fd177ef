// Issue 11: an item of «Требует действия» in people's words, Russian plural forms right, and how pressing it is.
import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../../preload/contract.ts';
import { createTranslator } from '../../renderer/src/i18n/translator.ts';
import {
  calendarText,
  closedText,
  localDate,
  nextTermText,
  shortDay,
  sourceText,
  termText,
  urgencyOf,
} from '../../renderer/src/features/actions/action-text.ts';

const ru = createTranslator('ru');
const en = createTranslator('en');
const today = '2026-12-08';

function item(patch: Partial<ActionItem>): ActionItem {
  return {
    id: 'x',
    feedId: 'f',
    feedName: 'Экстерн',
    provider: 'p',
    title: { ru: 'Требование ФНС', en: 'Tax demand' },
    organisation: 'ООО «Ромашка»',
    action: { ru: 'Отправить квитанцию о приёме', en: 'Send the receipt' },
    step: 'receipt',
    arrivedAt: new Date(2026, 11, 4, 10).getTime(),
    deadline: { date: '2026-12-10', source: 'service' },
    nextDeadline: null,
    workingDaysLeft: 3,
    overdue: false,
    calendarUnknown: false,
    link: null,
    eventKey: 1,
    state: 'open',
    closedAt: null,
    ...patch,
  };
}

describe('the term in words', () => {
  it('days left, with the Russian forms for 1, 2, 5, 21', () => {
    expect(termText(item({ deadline: { date: '2026-12-12', source: 'service' }, workingDaysLeft: 2 }), today, ru)).toBe(
      'до 12 дек., осталось 2 рабочих дня',
    );
    expect(termText(item({ workingDaysLeft: 1, deadline: { date: '2026-12-09', source: 'service' } }), today, ru)).toBe(
      'до 9 дек., остался 1 рабочий день',
    );
    expect(termText(item({ workingDaysLeft: 5 }), today, ru)).toBe('до 10 дек., осталось 5 рабочих дней');
    expect(termText(item({ workingDaysLeft: 21 }), today, ru)).toBe('до 10 дек., остался 21 рабочий день');
    expect(termText(item({ workingDaysLeft: 2 }), today, en)).toBe('by 10 Dec, 2 working days left');
  });
  it('the last day and a passed term', () => {
    expect(termText(item({ deadline: { date: today, source: 'computed' }, workingDaysLeft: 1 }), today, ru)).toBe(
      'сегодня последний день',
    );
    expect(
      termText(item({ deadline: { date: '2026-11-28', source: 'computed' }, workingDaysLeft: 0, overdue: true }), today, ru),
    ).toBe('срок истёк 28 нояб.');
  });
  it('a document to sign shows its age, and its limit when the feed sets one', () => {
    const sign = { step: 'sign' as const, deadline: null, workingDaysLeft: null };
    expect(termText(item({ ...sign }), today, ru)).toBe('ждёт подписи 4 дня');
    expect(termText(item({ ...sign, arrivedAt: new Date(2026, 11, 3, 9).getTime() }), today, ru)).toBe('ждёт подписи 5 дней');
    expect(termText(item({ ...sign, arrivedAt: new Date(2026, 11, 7, 9).getTime() }), today, ru)).toBe('ждёт подписи 1 день');
    expect(termText(item({ ...sign, arrivedAt: new Date(2026, 11, 8, 9).getTime() }), today, ru)).toBe(
      'ждёт подписи с сегодняшнего дня',
    );
    expect(termText(item({ ...sign, deadline: { date: '2026-12-14', source: 'computed' } }), today, ru)).toBe(
      'ждёт подписи 4 дня; считается просроченным с 14 дек.',
    );
  });
  it('without a deadline', () => {
    expect(termText(item({ deadline: null, workingDaysLeft: null }), today, ru)).toBe('срок не указан');
  });
});

describe('urgency: overdue and today differ from the rest', () => {
  it('orders of pressing', () => {
    expect(urgencyOf(item({ overdue: true, workingDaysLeft: 0 }), today)).toBe('overdue');
    expect(urgencyOf(item({ deadline: { date: today, source: 'service' }, workingDaysLeft: 1 }), today)).toBe('today');
    expect(urgencyOf(item({ workingDaysLeft: 2 }), today)).toBe('soon');
    expect(urgencyOf(item({ workingDaysLeft: 9, deadline: { date: '2026-12-21', source: 'service' } }), today)).toBe('normal');
    expect(urgencyOf(item({ state: 'done', overdue: true }), today)).toBe('normal');
  });
});

describe('hints', () => {
  it('where the date came from', () => {
    expect(sourceText(item({}), ru)).toBe('срок из сервиса');
    expect(sourceText(item({ deadline: { date: today, source: 'computed' } }), ru)).toBe('срок рассчитан Feedbell');
    expect(sourceText(item({ step: 'sign', deadline: { date: today, source: 'computed' } }), ru)).toBeNull();
  });
  it('the reply after the receipt', () => {
    expect(nextTermText(item({ nextDeadline: { date: '2026-12-24', source: 'computed' } }), ru)).toBe(
      'Потом ответить на требование — до 24 дек.',
    );
    expect(nextTermText(item({}), ru)).toBeNull();
  });
  it('a year the production calendar does not know is said', () => {
    expect(calendarText(item({ calendarUnknown: true }), ru)).toMatch(/пн–пт/);
    expect(calendarText(item({}), ru)).toBeNull();
    expect(calendarText(item({ calendarUnknown: true, state: 'done' }), ru)).toBeNull();
  });
  it('how it ended', () => {
    const closedAt = new Date(2026, 11, 3, 12).getTime();
    expect(closedText(item({ state: 'done', closedAt }), ru)).toBe('отмечено выполненным 3 дек.');
    expect(closedText(item({ state: 'closed', closedAt }), ru)).toBe('выполнено, по данным сервиса, 3 дек.');
    expect(closedText(item({}), ru)).toBeNull();
  });
  it('dates', () => {
    expect(shortDay('2026-05-01', 'ru')).toBe('1 мая');
    expect(shortDay('2026-12-12', 'en')).toBe('12 Dec');
    expect(localDate(new Date(2026, 0, 2, 23, 59).getTime())).toBe('2026-01-02');
  });
});
