// From stored subject states to the items of «Требует действия» as a person reads them: days left by the production
// calendar, overdue, the nearest deadline first, and the counts the sidebar and the tray show. Pure: `today` is given.
import { createHash } from 'node:crypto';
import type {
  ActionCounts,
  ActionDeadline,
  ActionItem,
  ActionList,
  LocalizedText,
  ProviderId,
} from '../../../preload/contract.ts';
import { CALENDAR_KNOWN, calendarKnows, isoDateOf, shiftDays, workingDaysLeft } from '../calendar/working-days.ts';
import type { SubjectRow } from '../store/action-subjects.ts';

/** Stable and opaque: the same feed and subject always give the same id, and the id says nothing of either. */
export function actionItemId(feedId: string, subject: string): string {
  return createHash('sha256').update(`${feedId}\u0000${subject}`).digest('base64url').slice(0, 22);
}

export interface ItemFeed {
  name: string;
  provider: ProviderId;
}

const FALLBACK_ACTION: LocalizedText = { ru: 'Проверить', en: 'Check' };

/** The deadline of a state: its own, or (a document to sign) its arrival plus the feed's limit in days. */
function deadlineOf(row: SubjectRow): ActionDeadline | null {
  const { state } = row;
  if (state.deadline) return state.deadline;
  if (state.overdueAfterDays === null || state.overdueAfterDays === undefined) return null;
  // The limit counts calendar days from the day it arrived, in the person's time zone.
  return { date: shiftDays(isoDateOf(state.arrivedAt), state.overdueAfterDays), source: 'computed' };
}

export function toActionItem(row: SubjectRow, feed: ItemFeed, today: string, eventKnown: (key: number) => boolean): ActionItem {
  const { state } = row;
  const deadline = deadlineOf(row);
  const status: ActionItem['state'] =
    row.doneAt !== null ? 'done' : state.step === null || state.closedAt !== null ? 'closed' : 'open';
  const dates = [deadline?.date, state.nextDeadline?.date].filter((d): d is string => d !== undefined);
  return {
    id: actionItemId(row.feedId, row.subject),
    feedId: row.feedId,
    feedName: feed.name,
    provider: feed.provider,
    title: state.title,
    organisation: state.organisation,
    action: state.action ?? FALLBACK_ACTION,
    step: state.step ?? 'sign',
    arrivedAt: state.arrivedAt,
    deadline,
    nextDeadline: state.nextDeadline,
    workingDaysLeft: deadline ? workingDaysLeft(today, deadline.date) : null,
    overdue: status === 'open' && deadline !== null && deadline.date < today,
    calendarUnknown: dates.some((date) => !calendarKnows(date)),
    link: state.link,
    eventKey: eventKnown(state.eventKey) ? state.eventKey : null,
    state: status,
    closedAt: status === 'done' ? row.doneAt : status === 'closed' ? (state.closedAt ?? row.updatedAt) : null,
  };
}

/** Open items first, the nearest deadline first (no deadline last, the oldest first); then the latest closed. */
export function compareItems(a: ActionItem, b: ActionItem): number {
  const openA = a.state === 'open';
  const openB = b.state === 'open';
  if (openA !== openB) return openA ? -1 : 1;
  if (!openA) return (b.closedAt ?? 0) - (a.closedAt ?? 0);
  const da = a.deadline?.date ?? null;
  const db = b.deadline?.date ?? null;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da < db ? -1 : 1;
  }
  return a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const CALENDAR_WARNING: LocalizedText = {
  ru: `Срок выходит за ${CALENDAR_KNOWN.last} год: производственного календаря на него в Feedbell ещё нет, рабочими считаются понедельник–пятница. Обновите Feedbell.`,
  en: `A deadline falls after ${CALENDAR_KNOWN.last}: Feedbell has no production calendar for it yet and counts Monday to Friday as working days. Update Feedbell.`,
};

export function actionList(items: ActionItem[]): ActionList {
  const sorted = items.toSorted(compareItems);
  const unknown = sorted.some((item) => item.state === 'open' && item.calendarUnknown);
  return { items: sorted, calendarWarning: unknown ? CALENDAR_WARNING : null };
}

export function actionCounts(items: readonly ActionItem[], today: string): ActionCounts {
  let open = 0;
  let urgent = 0;
  let overdue = 0;
  for (const item of items) {
    if (item.state !== 'open') continue;
    open++;
    if (item.deadline && item.deadline.date <= today) urgent++;
    if (item.overdue) overdue++;
  }
  return { open, urgent, overdue };
}
