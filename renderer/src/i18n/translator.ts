// The window's words and formats in one language: the catalogue's messages, main's LocalizedText, numbers and dates
// through Intl. No React here: the context lives in I18nContext.ts.
import type { Language, LocalizedText } from '../../../preload/contract.ts';
import { en } from './en.ts';
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
  /** Compact stamp for list rows: the time today, the date otherwise. */
  shortStamp(ms: number): string;
}

export function createTranslator(lang: Language): Translator {
  const numberFormat = new Intl.NumberFormat(lang);
  const listFormat = new Intl.ListFormat(lang, { type: 'conjunction' });
  const dateTimeFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
  const shortDateFormat = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: '2-digit' });
  return {
    lang,
    t: CATALOGUE[lang],
    text: (value) => value[lang] || value.ru || value.en,
    number: (n) => numberFormat.format(n),
    list: (items) => listFormat.format(items),
    dateTime: (ms) => dateTimeFormat.format(ms),
    time: (ms) => timeFormat.format(ms),
    shortStamp(ms) {
      const date = new Date(ms);
      const now = new Date();
      const sameDay =
        date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
      return sameDay ? timeFormat.format(ms) : shortDateFormat.format(ms);
    },
  };
}
