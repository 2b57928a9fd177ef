// The production calendar against the published decrees: the year totals and every transfer the decrees make.
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_KNOWN,
  addWorkingDays,
  calendarKnows,
  isWorkingDay,
  isoDateOf,
  nextWorkingDayFrom,
  workingDaysInYear,
  workingDaysLeft,
} from '../../main/core/calendar/working-days.ts';

describe('production calendar 2025–2027', () => {
  it.each([2025, 2026, 2027])('%i has 247 working days (the published total)', (year) => {
    expect(workingDaysInYear(year)).toBe(247);
  });

  it('knows the transfers of decree № 1335 (2025)', () => {
    expect(isWorkingDay('2025-11-01')).toBe(true); // a working Saturday
    expect(isWorkingDay('2025-11-03')).toBe(false); // moved from 1 Nov
    expect(isWorkingDay('2025-05-02')).toBe(false); // from Sat 4 Jan
    expect(isWorkingDay('2025-05-08')).toBe(false); // from Sun 23 Feb
    expect(isWorkingDay('2025-06-13')).toBe(false); // from Sat 8 Mar
    expect(isWorkingDay('2025-12-31')).toBe(false); // from Sun 5 Jan
    // The decree replaces the "next working day" rule for 23 Feb and 8 Mar.
    expect(isWorkingDay('2025-02-24')).toBe(true);
    expect(isWorkingDay('2025-03-10')).toBe(true);
  });

  it('knows the transfers of decree № 1466 (2026) and the weekend rule of ст. 112', () => {
    expect(isWorkingDay('2026-01-09')).toBe(false); // from Sat 3 Jan
    expect(isWorkingDay('2026-12-31')).toBe(false); // from Sun 4 Jan
    expect(isWorkingDay('2026-03-09')).toBe(false); // Sun 8 Mar → Mon 9 Mar
    expect(isWorkingDay('2026-05-11')).toBe(false); // Sat 9 May → Mon 11 May
    expect(isWorkingDay('2026-01-12')).toBe(true);
    expect(isWorkingDay('2026-01-10')).toBe(false); // an ordinary Saturday
  });

  it('knows the transfers of decree № 1187 (2027)', () => {
    expect(isWorkingDay('2027-02-20')).toBe(true); // a working Saturday
    expect(isWorkingDay('2027-02-22')).toBe(false);
    expect(isWorkingDay('2027-11-05')).toBe(false); // from Sat 2 Jan
    expect(isWorkingDay('2027-12-31')).toBe(false); // from Sun 3 Jan
    expect(isWorkingDay('2027-05-03')).toBe(false);
    expect(isWorkingDay('2027-05-10')).toBe(false);
    expect(isWorkingDay('2027-06-14')).toBe(false);
  });

  it('counts a term from the day after, over holidays and transfers', () => {
    // A demand on Fri 26 Dec 2025: six working days are 29, 30 Dec, 12, 13, 14, 15 Jan 2026 (31 Dec and 1–11 Jan off).
    expect(addWorkingDays('2025-12-26', 6)).toBe('2026-01-15');
    // Across the working Saturday of 1 Nov 2025: 30, 31 Oct, 1 Nov, 5, 6 Nov.
    expect(addWorkingDays('2025-10-29', 5)).toBe('2025-11-06');
    // A term that starts on a Saturday counts from Monday.
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-30', 0)).toBe('2026-11-30');
  });

  it('says how many working days are left, today and the deadline included', () => {
    expect(workingDaysLeft('2026-12-01', '2026-12-02')).toBe(2);
    expect(workingDaysLeft('2026-12-02', '2026-12-02')).toBe(1);
    expect(workingDaysLeft('2026-12-03', '2026-12-02')).toBe(0);
    expect(workingDaysLeft('2026-12-30', '2027-01-11')).toBe(2); // 30 Dec and 11 Jan: 31 Dec–10 Jan are off
  });

  it('moves a date that falls on a day off to the next working day', () => {
    expect(nextWorkingDayFrom('2026-03-08')).toBe('2026-03-10');
    expect(nextWorkingDayFrom('2026-03-10')).toBe('2026-03-10');
  });

  it('beyond the known years assumes Monday–Friday and says it does not know', () => {
    expect(CALENDAR_KNOWN).toEqual({ first: 2025, last: 2027 });
    expect(calendarKnows('2027-12-31')).toBe(true);
    expect(calendarKnows('2028-01-03')).toBe(false);
    expect(isWorkingDay('2028-01-03')).toBe(true); // a Monday: its holidays are unknown
    expect(isWorkingDay('2028-01-08')).toBe(false); // a Saturday
  });

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(/No such day/);
    expect(() => addWorkingDays('12.01.2026', 1)).toThrow(/Not a date/);
    expect(() => addWorkingDays('2026-01-12', -1)).toThrow(/working days/);
  });

  it('reads the civil date of an instant in a time zone', () => {
    const instant = Date.UTC(2026, 11, 1, 22, 30); // 1 Dec 22:30 UTC = 2 Dec 01:30 in Moscow
    expect(isoDateOf(instant, 'Europe/Moscow')).toBe('2026-12-02');
    expect(isoDateOf(instant, 'UTC')).toBe('2026-12-01');
  });
});
