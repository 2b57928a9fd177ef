// Working days by the Russian production calendar: what a deadline "in 6 working days" means. Dates are civil dates
// ('YYYY-MM-DD'), never instants: a deadline is a day, whatever the time zone.
import { CALENDAR_YEARS } from './calendar-data.ts';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const years = Object.keys(CALENDAR_YEARS).map(Number);
/** The years whose holidays and transfers are known; outside them, Monday–Friday is assumed. */
export const CALENDAR_KNOWN = { first: Math.min(...years), last: Math.max(...years) } as const;

const daysOff = new Set<IsoDate>();
const workingWeekends = new Set<IsoDate>();
for (const [year, data] of Object.entries(CALENDAR_YEARS)) {
  for (const day of data.daysOff) daysOff.add(`${year}-${day}`);
  for (const day of data.workingWeekends) workingWeekends.add(`${year}-${day}`);
}

function parse(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`No such day: ${date}`);
  return ms;
}

function format(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The civil date after `date`, or `days` after it (negative: before). */
export function shiftDays(date: IsoDate, days: number): IsoDate {
  return format(parse(date) + days * DAY_MS);
}

/** Whether the production calendar for this date's year is known (else weekends are guessed as Saturday–Sunday). */
export function calendarKnows(date: IsoDate): boolean {
  parse(date);
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_KNOWN.first && year <= CALENDAR_KNOWN.last;
}

export function isWorkingDay(date: IsoDate): boolean {
  if (daysOff.has(date)) return false;
  if (workingWeekends.has(date)) return true;
  const weekday = new Date(parse(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The last day of a term of `count` working days that starts the day after `from` (как в ст. 6.1 НК РФ: a term
 * counted in days begins the day after the event). `count` 0 gives `from` itself.
 */
export function addWorkingDays(from: IsoDate, count: number): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Not a number of working days: ${count}`);
  let day = from;
  // A term never spans more than a few weeks of holidays; the bound keeps a bad count from spinning.
  for (let left = count, steps = 0; left > 0 && steps < count * 7 + 60; steps++) {
    day = shiftDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/**
 * Working days left to act, today included, until `deadline` included: 1 on the deadline day itself (when it is a
 * working day), 0 once it has passed. Negative never: an overdue term says so elsewhere.
 */
export function workingDaysLeft(today: IsoDate, deadline: IsoDate): number {
  const end = parse(deadline);
  let count = 0;
  for (let ms = parse(today); ms <= end; ms += DAY_MS) if (isWorkingDay(format(ms))) count++;
  return count;
}

/**
 * A term's last day moves to the next working day when it falls on a day off (п. 7 ст. 6.1 НК РФ). Terms counted in
 * working days already end on one; this is for dates a service gives.
 */
export function nextWorkingDayFrom(date: IsoDate): IsoDate {
  let day = date;
  for (let steps = 0; !isWorkingDay(day) && steps < 60; steps++) day = shiftDays(day, 1);
  return day;
}

/** The civil date of an instant in a time zone (the person's, by default the system's). */
export function isoDateOf(instantMs: number, timeZone?: string): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instantMs);
}

/** Working days in a year (247 in each of 2025–2027 for a five-day week). */
export function workingDaysInYear(year: number): number {
  let count = 0;
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += DAY_MS) if (isWorkingDay(format(ms))) count++;
  return count;
}
