// Issue 10, item 5: dates and times in the list as a Russian reader expects them, and the date fields' dd.mm.yyyy.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../renderer/src/i18n/translator.ts';
import { dayDate, isoDay, parseDayText } from '../../renderer/src/features/log/date-text.ts';

const ru = createTranslator('ru');
const en = createTranslator('en');
const now = new Date(2026, 11, 1, 15, 30).getTime();
const at = (...args: [number, number, number, number, number]) => new Date(...args).getTime();

describe('list stamps (ru)', () => {
  it('today: hours with a leading zero, no seconds', () => {
    expect(ru.shortStamp(at(2026, 11, 1, 6, 38), now)).toBe('06:38');
    expect(ru.shortStamp(at(2026, 11, 1, 0, 5), now)).toBe('00:05');
  });
  it('yesterday says so', () => {
    expect(ru.shortStamp(at(2026, 10, 30, 14, 5), now)).toBe('вчера, 14:05');
    expect(en.shortStamp(at(2026, 10, 30, 14, 5), now)).toMatch(/^yesterday, /);
  });
  it('this year: day and month, no year', () => {
    expect(ru.shortStamp(at(2026, 10, 28, 9, 12), now)).toBe('28 нояб., 09:12');
  });
  it('another year: the year too', () => {
    expect(ru.shortStamp(at(2025, 10, 28, 9, 12), now)).toBe('28 нояб. 2025 г., 09:12');
  });
  it('the date fields show dd.mm.yyyy', () => {
    expect(ru.day(new Date(2026, 2, 5))).toBe('05.03.2026');
  });
});

describe('date field text', () => {
  it('reads dd.mm.yyyy into the filter value', () => {
    expect(parseDayText('05.03.2026')).toBe('2026-03-05');
    expect(parseDayText('5.3.2026')).toBe('2026-03-05');
    expect(parseDayText('31.02.2026')).toBeNull();
    expect(parseDayText('2026-03-05')).toBeNull();
    expect(parseDayText('')).toBeNull();
  });
  it('round-trips', () => {
    expect(isoDay(dayDate('2026-12-31')!)).toBe('2026-12-31');
    expect(dayDate('nonsense')).toBeUndefined();
  });
});
