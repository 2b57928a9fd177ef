// The reminders of one item of «Требует действия», each with the instant it becomes due: for a demand's receipt and
// its reply, 2 working days before the deadline, its last day (urgent) and the working day after it (a warning of
// what the delay risks); for a document to sign, its arrival and, when its feed sets a limit, the limit passing.
import type { ActionItem, ActionStep } from '../../../preload/contract.ts';
import { isWorkingDay, nextWorkingDayFrom, shiftDays, type IsoDate } from '../calendar/working-days.ts';
import { instantAt } from './local-time.ts';

export type ReminderKind = 'arrived' | 'soon' | 'due' | 'overdue';

export interface Reminder {
  itemId: string;
  /** The id kept in reminders_sent with the item's id: "receipt:soon", "reply:due", "sign:arrived". */
  step: string;
  actionStep: ActionStep;
  kind: ReminderKind;
  /** UTC ms from which it is due. */
  at: number;
  /** A deadline today or passed: it may break through quiet hours and stays on screen. */
  urgent: boolean;
}

/** How many working days before the deadline the early reminder comes. */
export const SOON_WORKING_DAYS = 2;

/** The working day `count` working days before `date` (the deadline itself need not be one). */
export function workingDaysBefore(date: IsoDate, count: number): IsoDate {
  let day = date;
  for (let left = count, steps = 0; left > 0 && steps < count * 7 + 60; steps++) {
    day = shiftDays(day, -1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/**
 * An open item's reminders for its current step, in the order of the steps (arrived, soon, due, overdue), none for a
 * closed or done one (its deadline is met). Dated reminders come at `timeOfDay` (the daily summary's time: the start
 * of the person's working day), never before the item arrived: a demand that arrives already overdue warns at once.
 */
export function remindersOf(item: ActionItem, timeOfDay: string, timeZone?: string): Reminder[] {
  if (item.state !== 'open') return [];
  const make = (kind: ReminderKind, at: number, urgent = false): Reminder => ({
    itemId: item.id,
    step: `${item.step}:${kind}`,
    actionStep: item.step,
    kind,
    at: Math.max(at, item.arrivedAt),
    urgent,
  });
  const reminders: Reminder[] = [];
  // The reply's own start is the receipt's reminder chain ending; it has no "arrived" of its own.
  if (item.step !== 'reply') reminders.push(make('arrived', item.arrivedAt));
  if (item.step === 'sign') {
    // The law sets no deadline for a signature: only the feed's own limit, which the item reports as overdue.
    if (item.overdue)
      reminders.push(make('overdue', item.deadline ? afterDeadline(item.deadline.date, timeOfDay, timeZone) : item.arrivedAt));
    return reminders;
  }
  if (!item.deadline) return reminders;
  const deadline = item.deadline.date;
  reminders.push(
    make('soon', instantAt(workingDaysBefore(deadline, SOON_WORKING_DAYS), timeOfDay, timeZone)),
    make('due', instantAt(deadline, timeOfDay, timeZone), true),
    make('overdue', afterDeadline(deadline, timeOfDay, timeZone), true),
  );
  return reminders;
}

function afterDeadline(deadline: IsoDate, timeOfDay: string, timeZone?: string): number {
  return instantAt(nextWorkingDayFrom(shiftDays(deadline, 1)), timeOfDay, timeZone);
}
