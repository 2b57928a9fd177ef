// Reminders of «Требует действия» and the daily summary, on one timer: each pass fires what is due (each item's step
// at most once, recorded in reminders_sent), and sleeps until the next thing is due, at most an hour, so a changed
// clock or a sleep of the machine is caught. Recomputed at start, on resume, and when the items or preferences change.
import type { ActionItem, Preferences, SnoozeChoice } from '../../../preload/contract.ts';
import { isWorkingDay } from '../calendar/working-days.ts';
import type { DeliveryGate } from '../notify/delivery-gate.ts';
import { instantAt, localParts, nextTimeOfDay } from '../notify/local-time.ts';
import { notifyModeFor } from '../notify/notify-rules.ts';
import { remindersOf, type Reminder } from '../notify/reminder-steps.ts';
import { dailySummaryNotification, reminderNotification, remindersBurstNotification } from '../notify/reminder-text.ts';
import type { SentSteps } from '../notify/reminders-sent.ts';
import { snoozeEnd } from '../notify/snooze.ts';
import type { Clock, Logger, NotificationRequest, PowerEvents } from '../ports.ts';

/** The longest sleep between passes. */
export const MAX_SLEEP_MS = 3_600_000;
const MIN_SLEEP_MS = 1_000;
/** After the items change, a pass waits this long, so the pages of one sync make one pass (and one notification). */
export const SETTLE_MS = 2_000;
/** The daily summary's row in reminders_sent: item "daily-summary", step the local date. */
const SUMMARY_ITEM = 'daily-summary';

export interface ReminderServiceOptions {
  /** The open items of «Требует действия» now. */
  items(): ActionItem[];
  sent: SentSteps;
  gate: DeliveryGate;
  preferences(): Preferences;
  updatePreferences(patch: Partial<Preferences>): void;
  clock: Clock;
  power: PowerEvents;
  log: Logger;
  /** The person's time zone; the system's when absent (tests pin one). */
  timeZone?: string;
}

export class ReminderService {
  readonly #o: ReminderServiceOptions;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake = new AbortController();
  #stop = new AbortController();
  #unsubscribe: (() => void) | null = null;
  /** The gate was closed at the last pass: what fires when it opens joins the held summary. */
  #wasClosed = false;
  /** The items changed: the next pass waits SETTLE_MS for more changes. */
  #settling = false;

  constructor(options: ReminderServiceOptions) {
    this.#o = options;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stop = new AbortController();
    this.#unsubscribe = this.#o.power.onResume(() => this.recompute());
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#unsubscribe?.();
    this.#stop.abort();
    this.#wake.abort();
    await this.#loop;
  }

  /** The machine woke, or preferences changed: look again now. */
  recompute(): void {
    this.#wake.abort();
  }

  /** The items changed (a page stored, an item closed): look again once the changes settle. */
  itemsChanged(): void {
    this.#settling = true;
    this.#wake.abort();
  }

  /** Snoozes every notification (or stops snoozing); the new end. */
  snooze(choice: SnoozeChoice): { snoozedUntil: number | null } {
    const snoozedUntil = snoozeEnd(choice, this.#o.clock.now(), this.#o.preferences(), this.#o.timeZone);
    this.#o.updatePreferences({ snoozedUntil });
    this.recompute();
    return { snoozedUntil };
  }

  async #run(): Promise<void> {
    // Bounded by stop(): each turn sleeps at least MIN_SLEEP_MS unless woken by a change.
    while (this.#running) {
      if (this.#settling) {
        this.#settling = false;
        await this.#o.clock.sleep(SETTLE_MS, this.#stop.signal).catch(() => {});
        if (!this.#running) break;
      }
      let sleepMs = MAX_SLEEP_MS;
      try {
        sleepMs = this.pass();
      } catch (err) {
        this.#o.log.error('reminders: pass failed', { error: err instanceof Error ? err.message : String(err) });
      }
      this.#wake = new AbortController();
      const signal = AbortSignal.any([this.#wake.signal, this.#stop.signal]);
      await this.#o.clock.sleep(sleepMs, signal).catch(() => {});
    }
  }

  /** One pass: fires what is due now; returns how long to sleep. Exposed for tests. */
  pass(): number {
    const now = this.#o.clock.now();
    const prefs = this.#o.preferences();
    const tz = this.#o.timeZone;
    if (prefs.snoozedUntil !== null && prefs.snoozedUntil <= now) this.#o.updatePreferences({ snoozedUntil: null });
    const gate = this.#o.gate;
    const closed = gate.closedUntil(now);
    const wakeAt: number[] = [now + MAX_SLEEP_MS];
    if (closed?.until) wakeAt.push(closed.until);

    // A feed the person silenced as a whole (a rule for the feed alone: count or ignore) does not remind either.
    const feedRules = prefs.notifyRules.filter((rule) => rule.type === null && rule.organisation === null);
    const items = (prefs.notifications ? this.#o.items() : []).filter(
      (item) => notifyModeFor(feedRules, { feedId: item.feedId, type: '', organisation: null }) === 'notify',
    );
    const fire: NotificationRequest[] = [];
    const marked: Reminder[] = [];
    for (const item of items) {
      const reminders = remindersOf(item, prefs.dailySummary.at, tz);
      const due = reminders.filter((r) => r.at <= now && !this.#o.sent.has(r.itemId, r.step));
      for (const r of reminders) if (r.at > now) wakeAt.push(r.at);
      // The last step due (they come in step order): one reminder, however many were slept through.
      const latest = due.at(-1);
      if (!latest) continue;
      const request = reminderNotification(item, latest, prefs.language, now);
      // Held by quiet hours or a snooze: left unsent, so it fires when they end, even after a restart.
      if (!this.#passes(request, closed, prefs)) continue;
      // Steps slept through are recorded with the one that fires: each step at most once, the late one once.
      marked.push(...due);
      fire.push(request);
    }
    // Recorded before anything is offered, all in one transaction.
    this.#o.sent.markAll(marked, now);
    const summary = this.#dailySummary(now, prefs, items, closed, wakeAt);

    if (closed === null && this.#wasClosed) {
      for (const request of summary ? [summary, ...fire] : fire) gate.hold(request);
      gate.release(prefs.language);
    } else {
      gate.release(prefs.language);
      if (summary) gate.offer(summary);
      if (fire.length > prefs.burstThreshold) gate.offer(remindersBurstNotification(fire, prefs.language));
      else for (const request of fire) gate.offer(request);
    }
    this.#wasClosed = closed !== null;
    return Math.max(MIN_SLEEP_MS, Math.min(...wakeAt) - now);
  }

  #passes(request: NotificationRequest, closed: ReturnType<DeliveryGate['closedUntil']>, prefs: Preferences): boolean {
    if (closed === null) return true;
    return closed.reason === 'quiet' && request.urgent === true && prefs.quietHours.allowUrgent;
  }

  #dailySummary(
    now: number,
    prefs: Preferences,
    items: readonly ActionItem[],
    closed: ReturnType<DeliveryGate['closedUntil']>,
    wakeAt: number[],
  ): NotificationRequest | null {
    const { dailySummary } = prefs;
    if (!dailySummary.enabled || !prefs.notifications) return null;
    const tz = this.#o.timeZone;
    wakeAt.push(nextTimeOfDay(now, dailySummary.at, tz));
    const today = localParts(now, tz).date;
    if (!isWorkingDay(today) || now < instantAt(today, dailySummary.at, tz)) return null;
    if (this.#o.sent.has(SUMMARY_ITEM, today)) return null;
    const summary = dailySummaryNotification(items, prefs.language);
    // Held by quiet hours or a snooze: it comes when they end, the same day.
    if (summary && !this.#passes(summary, closed, prefs)) return null;
    this.#o.sent.mark(SUMMARY_ITEM, today, now);
    return summary;
  }
}
