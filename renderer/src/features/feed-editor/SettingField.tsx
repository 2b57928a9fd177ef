// A setting of the provider's form, drawn from its description: text, GUID, URL or number input, a select, or a
// group of checkboxes (multiselect).
import type { FormField } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { settingsField } from './feed-form-values.ts';
import { FieldNotes, FieldRow } from './FieldRow.tsx';
import type { FeedForm } from './useFeedForm.ts';

export function SettingField({ field, editor }: { field: FormField; editor: FeedForm }) {
  const i18n = useI18n();
  const label = i18n.text(field.label);
  const help = i18n.text(field.help);
  const name = settingsField(field.key);
  const id = `f-${name}`;
  const error = editor.errors[name];
  const described = `${id}-help${error ? ` ${id}-error` : ''}`;
  const value = editor.state?.values[field.key];
  if (field.kind === 'multiselect') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="form-row checks" aria-describedby={described}>
        <legend className="form-label">{label}</legend>
        <div className="check-options">
          {field.options?.map((option) => (
            <label key={option.value} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(option.value)}
                onChange={(e) =>
                  editor.setValue(
                    field.key,
                    e.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value),
                  )
                }
              />
              <span>{i18n.text(option.label)}</span>
            </label>
          ))}
        </div>
        <FieldNotes id={id} help={help} error={error} />
      </fieldset>
    );
  }
  return (
    <FieldRow id={id} label={label} help={help} error={error} required={field.required}>
      {field.kind === 'select' ? (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => editor.setValue(field.key, e.target.value)}
          aria-describedby={described}
        >
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {i18n.text(option.label)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.kind === 'number' ? 'number' : field.kind === 'url' ? 'url' : 'text'}
          inputMode={field.kind === 'number' ? 'decimal' : undefined}
          spellCheck={false}
          autoComplete="off"
          min={field.min}
          max={field.max}
          placeholder={field.placeholder}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => editor.setValue(field.key, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
        />
      )}
    </FieldRow>
  );
}
