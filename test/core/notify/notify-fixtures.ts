// Shared pieces of the notification policy's tests: items as the ActionService gives them (working days counted
// from the fake clock), a recording notifier, preferences in memory, and a clock whose time can jump as after sleep.
import type { ActionDeadline, ActionItem, ActionStep, NotifyRule, Preferences } from '../../../preload/contract.ts';
import { isoDateOf, workingDaysLeft } from '../../../main/core/calendar/working-days.ts';
import { DEFAULT_PREFERENCES } from '../../../main/core/feeds-repository.ts';
import { DeliveryGate } from '../../../main/core/notify/delivery-gate.ts';
import { MemorySentSteps } from '../../../main/core/notify/reminders-sent.ts';
import type { NotificationRequest, PowerEvents } from '../../../main/core/ports.ts';
import { silentLogger } from '../../../main/core/ports.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { ReminderService } from '../../../main/core/services/reminder-service.ts';

export const TZ = 'Europe/Moscow';

/** A notification rule: notify, for every feed, type and organisation unless `patch` says otherwise. */
export const rule = (patch: Partial<NotifyRule>): NotifyRule => ({
  feedId: null,
  type: null,
  organisation: null,
  mode: 'notify',
  ...patch,
});

/** A Moscow wall-clock time as UTC ms: msk('2026-12-24 10:00'). */
export function msk(local: string): number {
  const [date, time] = local.split(' ') as [string, string];
  return Date.parse(`${date}T${time}:00+03:00`);
}

const ACTIONS: Record<ActionStep, { ru: string; en: string }> = {
  receipt: { ru: 'Отправить квитанцию о приёме', en: 'Send the receipt' },
  reply: { ru: 'Ответить на требование', en: 'Reply to the demand' },
  sign: { ru: 'Подписать или отказать', en: 'Sign or refuse' },
};

export interface ItemSpec {
  id?: string;
  step: ActionStep;
  arrivedAt: number;
  deadline?: string | null;
  source?: ActionDeadline['source'];
  state?: ActionItem['state'];
  overdue?: boolean;
}

/** An item as the core's ActionService lists it at `now`. */
export function itemAt(spec: ItemSpec, now: number): ActionItem {
  const today = isoDateOf(now, TZ);
  const deadline = spec.deadline ? { date: spec.deadline, source: spec.source ?? 'computed' } : null;
  return {
    id: spec.id ?? 'feed-1:docflow-1',
    feedId: 'feed-1',
    feedName: 'Экстерн',
    provider: 'extern',
    title: { ru: 'Требование ФНС № 12-34/5678', en: 'FNS demand No. 12-34/5678' },
    organisation: 'ИНН 7700000000',
    action: ACTIONS[spec.step],
    step: spec.step,
    arrivedAt: spec.arrivedAt,
    deadline,
    nextDeadline: null,
    workingDaysLeft: deadline ? workingDaysLeft(today, deadline.date) : null,
    overdue: spec.overdue ?? (deadline !== null && today > deadline.date),
    calendarUnknown: false,
    link: null,
    eventKey: 42,
    state: spec.state ?? 'open',
    closedAt: null,
  };
}

export class RecordingNotifier {
  readonly shown: NotificationRequest[] = [];
  show(n: NotificationRequest): void {
    this.shown.push(n);
  }
  /** The reminder steps shown, in order ("receipt:soon"), and summaries by their id. */
  steps(): string[] {
    return this.shown.map((n) => n.id?.split('|').at(-1) ?? n.title);
  }
}

export class MemoryPrefs {
  value: Preferences;
  constructor(patch: Partial<Preferences> = {}) {
    this.value = { ...DEFAULT_PREFERENCES, ...patch };
  }
  get = (): Preferences => ({ ...this.value });
  update = (patch: Partial<Preferences>): void => {
    this.value = { ...this.value, ...patch };
  };
}

// The shared fake clock: `jump` moves time as a machine asleep, `advanceTo` as one awake.
export { FakeClock, settle } from '../../support/fake-clock.ts';

export class FakePower implements PowerEvents {
  #listeners: (() => void)[] = [];
  onResume(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => (this.#listeners = this.#listeners.filter((l) => l !== listener));
  }
  resume(): void {
    for (const l of this.#listeners) l();
  }
}

/** A reminder service over mutable items; `sent` outlives a service (it is the store's table). */
export function makeService(options: {
  clock: FakeClock;
  specs: () => ItemSpec[];
  prefs?: MemoryPrefs;
  sent?: MemorySentSteps;
  notifier?: RecordingNotifier;
  power?: FakePower;
}) {
  const prefs = options.prefs ?? new MemoryPrefs({ dailySummary: { enabled: false, at: '09:00' } });
  const notifier = options.notifier ?? new RecordingNotifier();
  const sent = options.sent ?? new MemorySentSteps();
  const power = options.power ?? new FakePower();
  const gate = new DeliveryGate({ notifier, preferences: prefs.get, now: () => options.clock.now(), timeZone: TZ });
  const service = new ReminderService({
    items: () => options.specs().map((spec) => itemAt(spec, options.clock.now())),
    sent,
    gate,
    preferences: prefs.get,
    updatePreferences: prefs.update,
    clock: options.clock,
    power,
    log: silentLogger,
    timeZone: TZ,
  });
  return { service, notifier, sent, prefs, gate, power };
}
