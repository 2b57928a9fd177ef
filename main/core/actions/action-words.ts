// An item's term in people's words, for the CLI and the tray: «до 12 дек., осталось 2 рабочих дня», «просрочено с
// 9 дек.», «ждёт подписи 4 дня» (Russian plural forms), with the English beside them.
import type { ActionItem, Language } from '../../../preload/contract.ts';
import { isoDateOf } from '../calendar/working-days.ts';

/** The Russian form for a count: 1 день, 2 дня, 5 дней, 11 дней, 21 день. */
export function ruPlural(count: number, one: string, few: string, many: string): string {
  const tens = count % 100;
  const units = count % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

const RU_MONTHS = ['янв.', 'февр.', 'марта', 'апр.', 'мая', 'июня', 'июля', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** «12 дек.» / "12 Dec" of a civil date. */
export function shortDate(date: string, lang: Language): string {
  const day = Number(date.slice(8, 10));
  const month = Number(date.slice(5, 7)) - 1;
  return lang === 'ru' ? `${day} ${RU_MONTHS[month]}` : `${day} ${EN_MONTHS[month]}`;
}

/** Calendar days between two civil dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The item's term as a person reads it, on `today` (a civil date where the person is). */
export function termWords(item: ActionItem, today: string, lang: Language, timeZone?: string): string {
  const computed = item.deadline?.source === 'computed' && item.step !== 'sign';
  const note = computed ? (lang === 'ru' ? ' (срок рассчитан)' : ' (computed)') : '';
  if (item.step === 'sign') {
    const age = Math.max(0, daysBetween(isoDateOf(item.arrivedAt, timeZone), today));
    const waits =
      age === 0
        ? lang === 'ru'
          ? 'ждёт подписи с сегодняшнего дня'
          : 'awaiting signature since today'
        : lang === 'ru'
          ? `ждёт подписи ${age} ${ruPlural(age, 'день', 'дня', 'дней')}`
          : `awaiting signature ${age} day${age === 1 ? '' : 's'}`;
    if (item.overdue) return lang === 'ru' ? `${waits}, просрочено` : `${waits}, overdue`;
    return waits;
  }
  if (!item.deadline) return lang === 'ru' ? 'срок не указан' : 'no deadline';
  const date = shortDate(item.deadline.date, lang);
  if (item.overdue) return (lang === 'ru' ? `просрочено: срок был до ${date}` : `overdue: it was due by ${date}`) + note;
  const left = item.workingDaysLeft ?? 0;
  if (item.deadline.date === today) return (lang === 'ru' ? `сегодня последний день (${date})` : `due today (${date})`) + note;
  const words =
    lang === 'ru'
      ? `до ${date}, ${ruPlural(left, 'остался', 'осталось', 'осталось')} ${left} ${ruPlural(left, 'рабочий день', 'рабочих дня', 'рабочих дней')}`
      : `by ${date}, ${left} working day${left === 1 ? '' : 's'} left`;
  return words + note;
}
