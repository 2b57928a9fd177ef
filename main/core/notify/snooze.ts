// Snoozing every notification: for an hour, or until tomorrow's summary time (the start of the next day's work).
import type { Preferences, SnoozeChoice } from '../../../preload/contract.ts';
import { shiftDays } from '../calendar/working-days.ts';
import { instantAt, localParts } from './local-time.ts';

export const SNOOZE_HOUR_MS = 3_600_000;

/** The instant notifications come back, or null for 'off'. */
export function snoozeEnd(choice: SnoozeChoice, nowMs: number, prefs: Preferences, timeZone?: string): number | null {
  if (choice === 'off') return null;
  if (choice === 'hour') return nowMs + SNOOZE_HOUR_MS;
  return instantAt(shiftDays(localParts(nowMs, timeZone).date, 1), prefs.dailySummary.at, timeZone);
}
