// The calendar of a date field (react-day-picker, weeks from Monday), loaded only when a calendar is first opened so
// that it does not weigh on the window's start.
import { DayPicker, type Matcher } from 'react-day-picker';
// One file per language: the package's index of locales would bring every language into the bundle.
import { ru } from 'react-day-picker/locale/ru';
import { enGB } from 'react-day-picker/locale/en-GB';
import type { Language } from '../../../preload/contract.ts';

export interface CalendarProps {
  lang: Language;
  selected: Date | undefined;
  defaultMonth: Date | undefined;
  disabled: Matcher[];
  onSelect(date: Date | undefined): void;
}

export default function Calendar({ lang, selected, defaultMonth, disabled, onSelect }: CalendarProps) {
  return (
    <DayPicker
      mode="single"
      locale={lang === 'ru' ? ru : enGB}
      weekStartsOn={1}
      selected={selected}
      defaultMonth={defaultMonth}
      disabled={disabled}
      autoFocus
      onSelect={onSelect}
    />
  );
}
