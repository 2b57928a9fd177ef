// The words of reminders and summaries, Russian first: what to do, by when, and what a missed term risks.
import type { ActionItem, Language } from '../../../preload/contract.ts';
import type { IsoDate } from '../calendar/working-days.ts';
import type { NotificationRequest } from '../ports.ts';
import type { Reminder } from './reminder-steps.ts';

const DAY_MS = 86_400_000;

// Made once: building an Intl object costs far more than using it, and a pass can word a thousand reminders.
let ruPlurals: Intl.PluralRules | undefined;
const shortDates = new Map<Language, Intl.DateTimeFormat>();

function plural(count: number, language: Language, ru: [string, string, string], en: [string, string]): string {
  if (language === 'en') return `${count} ${count === 1 ? en[0] : en[1]}`;
  const form = (ruPlurals ??= new Intl.PluralRules('ru')).select(count);
  return `${count} ${form === 'one' ? ru[0] : form === 'few' ? ru[1] : ru[2]}`;
}

export function workingDaysPhrase(count: number, language: Language): string {
  return plural(count, language, ['рабочий день', 'рабочих дня', 'рабочих дней'], ['working day', 'working days']);
}

/** «12 дек.», "Dec 12". */
export function shortDate(date: IsoDate, language: Language): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let format = shortDates.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    shortDates.set(language, format);
  }
  return format.format(Date.UTC(y, m - 1, d));
}

/** The notification of one reminder; `daysLeft` is the item's working days left now. */
export function reminderNotification(
  item: ActionItem,
  reminder: Reminder,
  language: Language,
  nowMs: number,
): NotificationRequest {
  const ru = language === 'ru';
  const action = item.action[language];
  const deadline = item.deadline ? shortDate(item.deadline.date, language) : null;
  const computed = item.deadline?.source === 'computed' ? (ru ? ' (срок рассчитан)' : ' (term computed)') : '';
  const lines: string[] = [];
  switch (reminder.kind) {
    case 'arrived':
      if (item.step === 'sign')
        lines.push(ru ? `Ждёт вашей подписи или отказа: ${action}` : `Awaits your signature or refusal: ${action}`);
      else lines.push(deadline ? `${action} ${ru ? 'до' : 'by'} ${deadline}${computed}` : action);
      break;
    case 'soon':
      lines.push(
        ru
          ? `Осталось ${workingDaysPhrase(item.workingDaysLeft ?? 0, language)}: ${lowerFirst(action)} до ${deadline}${computed}`
          : `${workingDaysPhrase(item.workingDaysLeft ?? 0, language)} left: ${lowerFirst(action)} by ${deadline}${computed}`,
      );
      break;
    case 'due':
      lines.push(ru ? `Сегодня последний день: ${lowerFirst(action)}` : `Today is the last day: ${lowerFirst(action)}`);
      break;
    case 'overdue':
      lines.push(overdueLine(item, language, deadline, nowMs));
      break;
  }
  if (item.organisation) lines.push(item.organisation);
  return {
    title: item.title[language],
    body: lines.join('\n'),
    feedId: item.feedId,
    ...(item.eventKey !== null ? { eventKey: item.eventKey } : {}),
    id: `${item.id}|${reminder.step}`,
    itemId: item.id,
    urgent: reminder.urgent,
  };
}

function overdueLine(item: ActionItem, language: Language, deadline: string | null, nowMs: number): string {
  const ru = language === 'ru';
  if (item.step === 'sign') {
    const days = Math.max(0, Math.floor((nowMs - item.arrivedAt) / DAY_MS));
    const waits = plural(days, language, ['день', 'дня', 'дней'], ['day', 'days']);
    return ru
      ? `Ждёт подписи ${waits} — дольше срока, заданного для ленты`
      : `Awaiting signature for ${waits}, longer than the feed's limit`;
  }
  if (item.step === 'receipt') {
    return ru
      ? `Срок квитанции о приёме прошёл ${deadline}: риск блокировки счёта. Отправьте её как можно скорее`
      : `The receipt was due ${deadline}: the bank account may be blocked. Send it as soon as you can`;
  }
  return ru
    ? `Срок ответа на требование прошёл ${deadline}: риск штрафа. Ответьте как можно скорее`
    : `The reply was due ${deadline}: a fine may follow. Reply as soon as you can`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('ru') + text.slice(1);
}

/** «Сегодня: 2 квитанции, 1 ответ, 3 документа на подпись» over the open items; null when there are none. */
export function dailySummaryNotification(items: readonly ActionItem[], language: Language): NotificationRequest | null {
  const open = items.filter((item) => item.state === 'open');
  if (open.length === 0) return null;
  const count = (step: ActionItem['step']) => open.filter((item) => item.step === step).length;
  const parts: string[] = [];
  const receipts = count('receipt');
  const replies = count('reply');
  const signs = count('sign');
  if (receipts) parts.push(plural(receipts, language, ['квитанция', 'квитанции', 'квитанций'], ['receipt', 'receipts']));
  if (replies) parts.push(plural(replies, language, ['ответ', 'ответа', 'ответов'], ['reply', 'replies']));
  if (signs)
    parts.push(
      language === 'ru'
        ? plural(signs, language, ['документ на подпись', 'документа на подпись', 'документов на подпись'], ['', ''])
        : plural(signs, language, ['', '', ''], ['document to sign', 'documents to sign']),
    );
  const overdue = open.filter((item) => item.overdue).length;
  const lines = [`${language === 'ru' ? 'Сегодня' : 'Today'}: ${parts.join(', ')}`];
  if (overdue) lines.push(language === 'ru' ? `Просрочено: ${overdue}` : `Overdue: ${overdue}`);
  return {
    title: language === 'ru' ? `Требует действия: ${open.length}` : `Needs action: ${open.length}`,
    body: lines.join('\n'),
    id: `summary|${open.length}`,
  };
}

/** What quiet hours or a snooze held back, as one notification. */
export function heldSummaryNotification(
  held: readonly NotificationRequest[],
  language: Language,
  total = held.length,
): NotificationRequest {
  const count =
    language === 'ru'
      ? plural(total, language, ['уведомление', 'уведомления', 'уведомлений'], ['', ''])
      : plural(total, language, ['', '', ''], ['notification', 'notifications']);
  const title = language === 'ru' ? `Пока уведомления молчали: ${count}` : `While notifications were quiet: ${count}`;
  return { ...listing(held, language, total), title, id: 'held-summary' };
}

/** Many reminders due at once (the first start, a long sleep): one notification that lists a few. */
export function remindersBurstNotification(due: readonly NotificationRequest[], language: Language): NotificationRequest {
  const title = language === 'ru' ? `Напоминания о сроках: ${due.length}` : `Deadline reminders: ${due.length}`;
  return { ...listing(due, language, due.length), title, id: 'reminders-burst' };
}

function listing(requests: readonly NotificationRequest[], language: Language, total: number) {
  const shown = requests.slice(0, 3);
  const lines = shown.map((n) => `• ${n.title}`);
  if (total > shown.length) lines.push(language === 'ru' ? `и ещё ${total - shown.length}` : `and ${total - shown.length} more`);
  return { body: lines.join('\n'), urgent: requests.some((n) => n.urgent === true) };
}
