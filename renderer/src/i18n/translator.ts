// The window's words and formats in one language: the catalogue's messages, main's LocalizedText, numbers and dates
// through Intl. No React here: the context lives in I18nContext.ts.
import type { Language, LocalizedText } from '../../../preload/contract.ts';
import { en } from './en.ts';
import { once } from './once.ts';
import { ru, type Messages } from './ru.ts';

const CATALOGUE: Record<Language, Messages> = { ru, en };

export interface Translator {
  lang: Language;
  /** The messages: `t.sidebar.feeds`, `t.sidebar.editFeed(name)`, `t.list.eventsLoaded(n)`. */
  t: Messages;
  /** Main's words (a provider's name, a field error, an outcome) in this language. */
  text(value: LocalizedText): string;
  number(n: number): string;
  /** "A, B and C" in this language. */
  list(items: readonly string[]): string;
  dateTime(ms: number): string;
  time(ms: number): string;
  /**
   * Compact stamp for list rows: «06:38» today, «вчера, 14:05», «28 нояб., 09:12» this year, «28 нояб. 2025 г., 09:12»
   * before (hours with a leading zero, no seconds). `now` is for tests.
   */
  shortStamp(ms: number, now?: number): string;
  /** A calendar date as the date fields show it: «05.03.2026». */
  day(date: Date): string;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** The formatters are made on first use (see once.ts). */
export function createTranslator(lang: Language): Translator {
  const numberFormat = once(() => new Intl.NumberFormat(lang));
  const listFormat = once(() => new Intl.ListFormat(lang, { type: 'conjunction' }));
  const dateTimeFormat = once(() => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'medium' }));
  const timeFormat = once(() => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', second: '2-digit' }));
  const hourMinute = once(
    () =>
      new Intl.DateTimeFormat(lang, {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: lang === 'ru' ? 'h23' : undefined,
      }),
  );
  const thisYearFormat = once(
    () =>
      new Intl.DateTimeFormat(lang, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: lang === 'ru' ? 'h23' : undefined,
      }),
  );
  const otherYearFormat = once(
    () =>
      new Intl.DateTimeFormat(lang, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: lang === 'ru' ? 'h23' : undefined,
      }),
  );
  const dayFormat = once(
    () =>
      new Intl.DateTimeFormat(lang === 'ru' ? 'ru' : 'en-GB', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }),
  );
  return {
    lang,
    t: CATALOGUE[lang],
    text: (value) => value[lang] || value.ru || value.en,
    number: (n) => numberFormat().format(n),
    list: (items) => listFormat().format(items),
    dateTime: (ms) => dateTimeFormat().format(ms),
    day: (date) => dayFormat().format(date),
    time: (ms) => timeFormat().format(ms),
    shortStamp(ms, now = Date.now()) {
      const date = new Date(ms);
      const today = new Date(now);
      if (sameDay(date, today)) return hourMinute().format(ms);
      const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
      if (sameDay(date, yesterday)) return CATALOGUE[lang].dates.yesterday(hourMinute().format(ms));
      return (date.getFullYear() === today.getFullYear() ? thisYearFormat : otherYearFormat)().format(ms);
    },
  };
}
