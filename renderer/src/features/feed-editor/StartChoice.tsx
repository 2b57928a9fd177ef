// Where a new feed starts reading: from now, from the beginning, or from a date.
import { useI18n } from '../../i18n/I18nContext.ts';
import type { FeedForm } from './useFeedForm.ts';

const KINDS = ['now', 'beginning', 'date'] as const;

export function StartChoice({ editor }: { editor: FeedForm }) {
  const { t } = useI18n();
  const { state, errors, set } = editor;
  if (!state) return null;
  const words = { now: t.feedEditor.startNow, beginning: t.feedEditor.startBeginning, date: t.feedEditor.startDate };
  return (
    <fieldset className="form-row" aria-describedby="f-start-help">
      <legend className="form-label">{t.feedEditor.start}</legend>
      <div className="radio-options">
        {KINDS.map((kind) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name="start"
              value={kind}
              checked={state.startKind === kind}
              onChange={() => set({ startKind: kind })}
            />
            <span>{words[kind]}</span>
          </label>
        ))}
        {state.startKind === 'date' && (
          <input
            type="date"
            aria-label={t.feedEditor.startDateLabel}
            value={state.startDate}
            onChange={(e) => set({ startDate: e.target.value })}
          />
        )}
      </div>
      <p className="form-help" id="f-start-help">
        {t.feedEditor.startHelp}
      </p>
      {errors['start'] && (
        <p className="form-error" role="alert">
          {errors['start']}
        </p>
      )}
    </fieldset>
  );
}
