// Working days by the Russian production calendar: what a deadline "in 6 working days" means. Dates are civil dates
// ('YYYY-MM-DD'), never instants: a deadline is a day, whatever the time zone.
import { CALENDAR_YEARS } from './calendar-data.ts';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const years = Object.keys(CALENDAR_YEARS).map(Number);
/** The years whose holidays and transfers are known; outside them, Monday–Friday is assumed. */
export const CALENDAR_KNOWN = { first: Math.min(...years), last: Math.max(...years) } as const;

/** Parsed dates, by text: deadlines repeat, and the window's counts ask about every open item. */
const parsed = new Map<IsoDate, number>();

// Days are counted as whole days since 1970-01-01 (a Thursday): the loops below run over numbers, not strings.
const daysOff = new Set<number>();
const workingWeekends = new Set<number>();
for (const [year, data] of Object.entries(CALENDAR_YEARS)) {
  for (const day of data.daysOff) daysOff.add(dayNumber(`${year}-${day}`));
  for (const day of data.workingWeekends) workingWeekends.add(dayNumber(`${year}-${day}`));
}

function dayNumber(date: IsoDate): number {
  const known = parsed.get(date);
  if (known !== undefined) return known;
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`No such day: ${date}`);
  const day = ms / DAY_MS;
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(date, day);
  return day;
}

function dateOf(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDayNumber(day: number): boolean {
  if (daysOff.has(day)) return false;
  if (workingWeekends.has(day)) return true;
  const weekday = (day + 4) % 7; // 0 = Sunday; day 0 was a Thursday
  return weekday !== 0 && weekday !== 6;
}

/** The civil date after `date`, or `days` after it (negative: before). */
export function shiftDays(date: IsoDate, days: number): IsoDate {
  return dateOf(dayNumber(date) + days);
}

/** Whether the production calendar for this date's year is known (else weekends are guessed as Saturday–Sunday). */
export function calendarKnows(date: IsoDate): boolean {
  dayNumber(date);
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_KNOWN.first && year <= CALENDAR_KNOWN.last;
}

export function isWorkingDay(date: IsoDate): boolean {
  return isWorkingDayNumber(dayNumber(date));
}

/**
 * The last day of a term of `count` working days that starts the day after `from` (как в ст. 6.1 НК РФ: a term
 * counted in days begins the day after the event). `count` 0 gives `from` itself.
 */
export function addWorkingDays(from: IsoDate, count: number): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Not a number of working days: ${count}`);
  let day = dayNumber(from);
  // A term never spans more than a few weeks of holidays; the bound keeps a bad count from spinning.
  for (let left = count, steps = 0; left > 0 && steps < count * 7 + 60; steps++) {
    day++;
    if (isWorkingDayNumber(day)) left--;
  }
  return dateOf(day);
}

/**
 * Working days left to act, today included, until `deadline` included: 1 on the deadline day itself (when it is a
 * working day), 0 once it has passed. Negative never: an overdue term says so elsewhere.
 */
export function workingDaysLeft(today: IsoDate, deadline: IsoDate): number {
  const end = dayNumber(deadline);
  let count = 0;
  for (let day = dayNumber(today); day <= end; day++) if (isWorkingDayNumber(day)) count++;
  return count;
}

/**
 * A term's last day moves to the next working day when it falls on a day off (п. 7 ст. 6.1 НК РФ). Terms counted in
 * working days already end on one; this is for dates a service gives.
 */
export function nextWorkingDayFrom(date: IsoDate): IsoDate {
  let day = dayNumber(date);
  for (let steps = 0; !isWorkingDayNumber(day) && steps < 60; steps++) day++;
  return dateOf(day);
}

/** The civil date of an instant in a time zone (the person's, by default the system's). */
export function isoDateOf(instantMs: number, timeZone?: string): IsoDate {
  const key = timeZone ?? '';
  let format = dateFormats.get(key);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. Made once per zone: a formatter costs far more than a format.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(key, format);
  }
  return format.format(instantMs);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Working days in a year (247 in each of 2025–2027 for a five-day week). */
export function workingDaysInYear(year: number): number {
  let count = 0;
  for (let day = Date.UTC(year, 0, 1) / DAY_MS; day < Date.UTC(year + 1, 0, 1) / DAY_MS; day++) {
    if (isWorkingDayNumber(day)) count++;
  }
  return count;
}
