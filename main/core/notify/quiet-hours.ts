// Quiet hours: when nothing sounds or pops up. The hours may cross midnight (20:00–09:00); with `daysOff` the
// production calendar's days off (weekends, holidays, but not a Saturday made a working day) are quiet all day.
import type { QuietHours } from '../../../preload/contract.ts';
import { isWorkingDay, shiftDays } from '../calendar/working-days.ts';
import { instantAt, localParts, minutesOf } from './local-time.ts';

export function isQuiet(nowMs: number, quiet: QuietHours, timeZone?: string): boolean {
  if (!quiet.enabled) return false;
  const { date, minutes } = localParts(nowMs, timeZone);
  if (quiet.daysOff && !isWorkingDay(date)) return true;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/**
 * When the quiet time around `nowMs` ends (the first instant after it that is not quiet), or null when it is not
 * quiet now. Looks at most 20 days ahead (the New Year holidays with the weekends around them are the longest run).
 */
export function quietEndsAt(nowMs: number, quiet: QuietHours, timeZone?: string): number | null {
  if (!isQuiet(nowMs, quiet, timeZone)) return null;
  const today = localParts(nowMs, timeZone).date;
  const candidates: number[] = [];
  for (let day = 0; day <= 20; day++) {
    const date = shiftDays(today, day);
    candidates.push(instantAt(date, '00:00', timeZone), instantAt(date, quiet.to, timeZone));
  }
  for (const at of candidates.filter((c) => c > nowMs).toSorted((a, b) => a - b)) {
    if (!isQuiet(at, quiet, timeZone)) return at;
  }
  return null;
}
