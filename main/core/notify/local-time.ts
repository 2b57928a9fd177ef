// Local civil time for the notification policy: which day and minute it is where the person is, and the instant of a
// local time of day. The time zone is the system's unless given (tests pin one), so a fake clock gives fixed answers.
import { shiftDays, type IsoDate } from '../calendar/working-days.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The local date and the minute of the day (0–1439) of an instant. */
export function localParts(instantMs: number, timeZone?: string): { date: IsoDate; minutes: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instantMs)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/** "09:30" → 570. */
export function minutesOf(timeOfDay: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(timeOfDay);
  if (!match) return 0;
  return Math.min(23, Number(match[1])) * 60 + Math.min(59, Number(match[2]));
}

/**
 * The instant of a local time of day on a local date. Across a DST change the nearest existing minute is taken
 * (Russia has none since 2014; the person's system zone may).
 */
export function instantAt(date: IsoDate, timeOfDay: string, timeZone?: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wanted = Date.UTC(year, month - 1, day) + minutesOf(timeOfDay) * 60_000;
  let guess = wanted;
  // Two corrections settle the zone's offset (a third covers a DST edge).
  for (let i = 0; i < 3; i++) {
    const local = localParts(guess, timeZone);
    const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
    const seen = Date.UTC(y, m - 1, d) + local.minutes * 60_000;
    if (seen === wanted) break;
    guess += wanted - seen;
  }
  return guess;
}

/** The next instant (strictly after `afterMs`) at which the local clock reads `timeOfDay`. */
export function nextTimeOfDay(afterMs: number, timeOfDay: string, timeZone?: string): number {
  const today = localParts(afterMs, timeZone).date;
  const at = instantAt(today, timeOfDay, timeZone);
  return at > afterMs ? at : instantAt(shiftDays(today, 1), timeOfDay, timeZone);
}
