// The part of the window's contract about «Требует действия» (what needs the person's action, with deadlines) and
// the notification controls (quiet hours, rules, snooze, the daily summary). contract.ts re-exports all of it.
import type { LocalizedText, ProviderId } from './contract.ts';

/** What a person must do now about an item. */
export type ActionStep = 'receipt' | 'reply' | 'sign';

/** A term's last day, and where Feedbell took it from (the closing note of issue 11 lists which is which). */
export interface ActionDeadline {
  /** The last day to act, YYYY-MM-DD (a civil date, not an instant). */
  date: string;
  /** `service`: the service gave the date; `computed`: Feedbell counted it from the law and the production calendar. */
  source: 'service' | 'computed';
}

/** One open (or recently closed) item of «Требует действия». */
export interface ActionItem {
  /** Stable and opaque: the same document or docflow of the same feed always gives the same id. */
  id: string;
  feedId: string;
  feedName: string;
  provider: ProviderId;
  /** What it is, in people's words: «Требование ФНС № 12-34/5678 от 28.11.2026», «УПД № 123 от 28.11.2026». */
  title: LocalizedText;
  /** Whose it is: the organisation (Extern: the taxpayer) or the counterparty (Diadoc), as a person reads it. */
  organisation: string;
  /** What must be done now: «Отправить квитанцию о приёме», «Ответить на требование», «Подписать или отказать». */
  action: LocalizedText;
  step: ActionStep;
  /** When it arrived (UTC ms): a document's age («ждёт подписи 4 дня») counts from here. */
  arrivedAt: number;
  /** The current step's deadline; null where none is set (a document to sign without a per-feed limit). */
  deadline: ActionDeadline | null;
  /** The step after this one, when its date is already known (the reply while the receipt is due). */
  nextDeadline: ActionDeadline | null;
  /** Working days left, today and the deadline day included; 0 once passed; null without a deadline. */
  workingDaysLeft: number | null;
  /** The deadline has passed (or a document waits longer than its feed's limit). */
  overdue: boolean;
  /** The deadline falls in a year the production calendar does not know: Monday–Friday was assumed. */
  calendarUnknown: boolean;
  /** Where to act: the document or docflow in the service's web UI (an allowed link host), or null. */
  link: string | null;
  /** The stored event that opened the item, to show it in the log; null when it was pruned. */
  eventKey: number | null;
  /** `done`: the person marked it; `closed`: the service's later events show it done. */
  state: 'open' | 'done' | 'closed';
  /** When it stopped being open (UTC ms), or null. */
  closedAt: number | null;
}

export interface ActionList {
  /** Open items, the nearest deadline first (no deadline last, the oldest first), then the closed ones if asked. */
  items: ActionItem[];
  /** Set when a deadline falls outside the years the production calendar knows: the app needs an update. */
  calendarWarning: LocalizedText | null;
}

/** The counts the sidebar, the tray and the window's title show. */
export interface ActionCounts {
  open: number;
  /** Open items whose deadline is today or passed. */
  urgent: number;
  overdue: number;
}

/** Quiet hours: nothing sounds or pops up, except (if allowed) what is due today; what was held back comes after. */
export interface QuietHours {
  enabled: boolean;
  /** HH:MM, local time; `from` later than `to` crosses midnight (20:00–09:00). */
  from: string;
  to: string;
  /** Saturdays, Sundays and holidays (the production calendar's days off) are quiet all day. */
  daysOff: boolean;
  /** Items whose deadline is today or passed still notify. */
  allowUrgent: boolean;
}

/** What to do with a matching event: notify, only count it in the tray, or ignore it (stored, never announced). */
export type NotifyMode = 'notify' | 'count' | 'ignore';

/** A rule: null fields match anything; the most specific matching rule wins (feed+type+organisation over fewer). */
export interface NotifyRule {
  feedId: string | null;
  /** An event type as stored (the type filter's value). */
  type: string | null;
  /** An organisation as the provider names it (Diadoc's counterparty box, Extern's INN). */
  organisation: string | null;
  mode: NotifyMode;
}

export interface DailySummary {
  enabled: boolean;
  /** HH:MM local time, on working days only. */
  at: string;
}

export type SnoozeChoice = 'hour' | 'tomorrow' | 'off';
