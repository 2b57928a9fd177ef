// A time of day as 24-hour HH:MM in a plain text field (the native time input shows AM/PM in some locales): digits
// and a colon as typed, saved on Enter or when the field is left, ↑/↓ move it by 15 minutes; a wrong time is said so.
import { useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/I18nContext.ts';
import { maskTime, parseTime, stepTime } from './time-text.ts';

export interface TimeFieldProps {
  id: string;
  /** HH:MM as saved. */
  value: string;
  onCommit(value: string): void;
  disabled?: boolean;
}

export function TimeField({ id, value, onCommit, disabled }: TimeFieldProps) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  const [bad, setBad] = useState(false);
  // A new saved value (main's answer, another window) replaces what is shown unless the person is typing a wrong one.
  if (value !== shown) {
    setShown(value);
    setText(value);
    setBad(false);
  }

  const commit = (raw: string) => {
    const parsed = parseTime(raw);
    setBad(parsed === null);
    if (parsed === null) return;
    setText(parsed);
    if (parsed !== value) onCommit(parsed);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit(text);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      commit(stepTime(parseTime(text) ?? value, e.key === 'ArrowUp' ? 15 : -15));
    }
  };
  const errorId = `${id}-error`;
  return (
    <span className="time-field">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={5}
        maxLength={5}
        value={text}
        disabled={disabled}
        aria-invalid={bad ? 'true' : undefined}
        aria-describedby={bad ? errorId : undefined}
        title={t.notify.timeHelp}
        onChange={(e) => setText(maskTime(e.target.value, text))}
        onBlur={() => commit(text)}
        onKeyDown={onKeyDown}
      />
      {bad && (
        <span className="form-error" id={errorId} role="alert">
          {t.notify.badTime}
        </span>
      )}
    </span>
  );
}
