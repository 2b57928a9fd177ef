// Whether a notification may pop up now: a snooze holds everything, quiet hours hold all but urgent ones (when the
// person allows those through). What is held comes back as one summary once the gate opens.
import type { Language, Preferences } from '../../../preload/contract.ts';
import type { NotificationRequest, Notifier } from '../ports.ts';
import { isQuiet, quietEndsAt } from './quiet-hours.ts';
import { heldSummaryNotification } from './reminder-text.ts';

/** At most this many held notifications are kept (their count is kept beyond it); the summary names only a few. */
const HELD_MAX = 200;

export interface GateOptions {
  notifier: Notifier;
  preferences(): Preferences;
  now(): number;
  timeZone?: string;
}

export class DeliveryGate {
  readonly #o: GateOptions;
  #held: NotificationRequest[] = [];
  #heldCount = 0;
  /** What each held notification's sender does once it was shown (the announcer records its events as announced). */
  #afterRelease: (() => void)[] = [];

  constructor(options: GateOptions) {
    this.#o = options;
  }

  /** Why notifications wait now, and until when (null: not waiting). */
  closedUntil(now = this.#o.now()): { reason: 'snoozed' | 'quiet'; until: number | null } | null {
    const prefs = this.#o.preferences();
    if (prefs.snoozedUntil !== null && prefs.snoozedUntil > now) return { reason: 'snoozed', until: prefs.snoozedUntil };
    if (isQuiet(now, prefs.quietHours, this.#o.timeZone)) {
      return { reason: 'quiet', until: quietEndsAt(now, prefs.quietHours, this.#o.timeZone) };
    }
    return null;
  }

  /**
   * Shows it now, or holds it for the summary. Returns whether it was shown. `afterShown` runs once it was (now, or
   * when the held summary goes out): a sender that records what it announced waits for that, so a restart while it is
   * held announces it again instead of never.
   */
  offer(request: NotificationRequest, afterShown?: () => void): boolean {
    const closed = this.closedUntil();
    const prefs = this.#o.preferences();
    const passes = closed === null || (closed.reason === 'quiet' && request.urgent === true && prefs.quietHours.allowUrgent);
    if (passes) {
      this.#o.notifier.show(request);
      afterShown?.();
      return true;
    }
    this.hold(request);
    if (afterShown) this.#afterRelease.push(afterShown);
    return false;
  }

  /** Keeps it for the next summary. */
  hold(request: NotificationRequest): void {
    this.#heldCount++;
    if (this.#held.length < HELD_MAX) this.#held.push(request);
  }

  get heldCount(): number {
    return this.#heldCount;
  }

  /** When the gate is open and something was held: one summary of it (or the one held notification itself). */
  release(language: Language): void {
    if (this.#heldCount === 0 || this.closedUntil() !== null) return;
    const held = this.#held;
    const count = this.#heldCount;
    const afterRelease = this.#afterRelease;
    this.#held = [];
    this.#heldCount = 0;
    this.#afterRelease = [];
    this.#o.notifier.show(count === 1 && held[0] ? held[0] : heldSummaryNotification(held, language, count));
    for (const done of afterRelease) done();
  }
}
