// An item of «Требует действия» in people's words: its term («до 12 дек., осталось 2 рабочих дня», «сегодня последний
// день», «срок истёк 28 нояб.», «ждёт подписи 4 дня»), how pressing it is, where the date came from. Pure: unit tests
// under Node import it. The working days come with the item (main counts them by the production calendar); the window
// only knows today's date where the person is.
import type { ActionItem, Language } from '../../../../preload/contract.ts';
import type { Translator } from '../../i18n/translator.ts';
import { once } from '../../i18n/once.ts';

/** How pressing an open item is; overdue and today are shown with a word and an icon, not by colour alone. */
export type Urgency = 'overdue' | 'today' | 'soon' | 'normal';

const shortDayFormats: Record<Language, () => Intl.DateTimeFormat> = {
  ru: once(() => new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'short', timeZone: 'UTC' })),
  en: once(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })),
};

/** A civil date YYYY-MM-DD as «12 дек.» / "12 Dec". */
export function shortDay(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return shortDayFormats[lang]().format(Date.UTC(y!, m! - 1, d!));
}

/** The person's civil date of an instant (the window runs in their time zone). */
const pad = (n: number) => String(n).padStart(2, '0');

export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Calendar days from one civil date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function urgencyOf(item: ActionItem, today: string): Urgency {
  if (item.state !== 'open') return 'normal';
  if (item.overdue) return 'overdue';
  if (!item.deadline) return 'normal';
  if (item.deadline.date <= today) return 'today';
  return item.workingDaysLeft !== null && item.workingDaysLeft <= 3 ? 'soon' : 'normal';
}

/** The current step's term as one line. */
export function termText(item: ActionItem, today: string, i18n: Translator): string {
  const { t, lang } = i18n;
  if (item.step === 'sign') {
    const age = Math.max(0, daysBetween(localDate(item.arrivedAt), today));
    const waits = age === 0 ? t.actions.waitsToday : t.actions.waits(age);
    return item.deadline && !item.overdue ? `${waits}; ${t.actions.waitsLimit(shortDay(item.deadline.date, lang))}` : waits;
  }
  if (!item.deadline) return t.actions.termNone;
  const date = shortDay(item.deadline.date, lang);
  if (item.overdue || item.deadline.date < today) return t.actions.termPassed(date);
  if (item.deadline.date === today) return t.actions.termToday;
  return t.actions.termBy(date, item.workingDaysLeft ?? 0);
}

/** The next step's term, when main knows it already (the reply's, while the receipt is due). */
export function nextTermText(item: ActionItem, i18n: Translator): string | null {
  if (!item.nextDeadline) return null;
  const date = shortDay(item.nextDeadline.date, i18n.lang);
  return item.step === 'receipt' ? i18n.t.actions.nextTerm(date) : i18n.t.actions.nextTermOther(date);
}

/** «срок рассчитан Feedbell» / «срок из сервиса»; none for a document's age (the law sets no term for it). */
export function sourceText(item: ActionItem, i18n: Translator): string | null {
  if (!item.deadline || item.step === 'sign') return null;
  return item.deadline.source === 'computed' ? i18n.t.actions.computed : i18n.t.actions.fromService;
}

/** Said under the term when its year is beyond the production calendar (Monday–Friday was assumed). */
export function calendarText(item: ActionItem, i18n: Translator): string | null {
  return item.calendarUnknown && item.state === 'open' && item.deadline ? i18n.t.actions.calendarUnknown : null;
}

/** How a closed or done item ended, with its day. */
export function closedText(item: ActionItem, i18n: Translator): string | null {
  if (item.state === 'open' || item.closedAt === null) return null;
  const date = shortDay(localDate(item.closedAt), i18n.lang);
  return item.state === 'done' ? i18n.t.actions.closedByYou(date) : i18n.t.actions.closedByService(date);
}
