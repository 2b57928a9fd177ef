// A date field the same in every browser: «дд.мм.гггг» typed or picked in a calendar whose weeks start on Monday
// (react-day-picker with date-fns' locale), instead of the native input whose format follows the browser.
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Matcher } from 'react-day-picker';
import { useI18n } from '../i18n/I18nContext.ts';
import { dayDate, isoDay, parseDayText } from '../features/log/date-text.ts';
import { CalendarIcon } from './Icons.tsx';

const Calendar = lazy(() => import('./Calendar.tsx'));

export interface DateFieldProps {
  label: string;
  /** "2026-03-05" or "". */
  value: string;
  onChange(value: string): void;
  /** Bounds ("2026-03-05"), when the other end of a range is set. */
  min?: string;
  max?: string;
  testId?: string;
}

export function DateField({ label, value, onChange, min, max, testId }: DateFieldProps) {
  const i18n = useI18n();
  const id = useId();
  const shown = value ? i18n.day(dayDate(value) ?? new Date(NaN)) : '';
  const [draft, setDraft] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement | null>(null);
  // The value changed from outside (the calendar, «Сбросить», the language): the text follows it.
  const [shownBefore, setShownBefore] = useState(shown);
  if (shownBefore !== shown) {
    setShownBefore(shown);
    setDraft(shown);
    setInvalid(false);
  }

  // A click outside the calendar closes it.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const commit = () => {
    if (draft.trim() === '') {
      setInvalid(false);
      if (value !== '') onChange('');
      return;
    }
    const parsed = parseDayText(draft);
    setInvalid(parsed === null);
    if (parsed !== null && parsed !== value) onChange(parsed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const disabled: Matcher[] = [];
  const before = min ? dayDate(min) : undefined;
  const after = max ? dayDate(max) : undefined;
  if (before) disabled.push({ before });
  if (after) disabled.push({ after });
  const selected = value ? dayDate(value) : undefined;

  return (
    <div className="field date-field" ref={wrap} onKeyDown={onKeyDown}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="date-input">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          placeholder={i18n.t.dates.placeholder}
          value={draft}
          maxLength={10}
          aria-invalid={invalid || undefined}
          title={invalid ? i18n.t.dates.badDate : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
          data-testid={testId}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={`${i18n.t.dates.openCalendar}: ${label}`}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <CalendarIcon />
        </button>
      </div>
      {open && (
        <div className="date-popover" role="dialog" aria-label={label}>
          <Suspense fallback={<p className="muted">{i18n.t.common.loading}</p>}>
            <Calendar
              lang={i18n.lang}
              selected={selected}
              defaultMonth={selected ?? after ?? before}
              disabled={disabled}
              onSelect={(date) => {
                onChange(date ? isoDay(date) : '');
                setOpen(false);
              }}
            />
          </Suspense>
        </div>
      )}
    </div>
  );
}
