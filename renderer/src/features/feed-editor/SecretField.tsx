// A secret of the provider's form: typed into a password field while new or being replaced, else shown as
// "set" / "not set" with a Replace button. The value goes to main and never comes back.
import type { FormField } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { secretField } from './feed-form-values.ts';
import { FieldRow } from './FieldRow.tsx';
import type { FeedForm } from './useFeedForm.ts';

export function SecretField({ field, editor }: { field: FormField; editor: FeedForm }) {
  const i18n = useI18n();
  const { t } = i18n;
  const label = i18n.text(field.label);
  const name = secretField(field.key);
  const id = `f-${name}`;
  const error = editor.errors[name];
  const isSet = editor.secretIsSet(field.key);
  return (
    <FieldRow id={id} label={label} help={i18n.text(field.help)} error={error} required={field.required}>
      {editor.editingSecret(field.key) ? (
        <span className="secret-edit">
          <input
            id={id}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={editor.state?.secrets[field.key] ?? ''}
            onChange={(e) => editor.setSecret(field.key, e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          />
          {editor.feedId !== null && isSet && !editor.addressMoved && (
            <button type="button" className="small-button" onClick={() => editor.replaceSecret(field.key, false)}>
              {t.feedEditor.keepSecret}
            </button>
          )}
        </span>
      ) : (
        <span className="secret-state" id={id} data-testid={`secret-state-${field.key || 'main'}`}>
          <span className="secret-badge">{isSet ? t.feedEditor.secretSet : t.feedEditor.secretNotSet}</span>
          <button
            type="button"
            className="small-button"
            aria-label={`${t.feedEditor.replace}: ${label}`}
            onClick={() => editor.replaceSecret(field.key, true)}
          >
            {t.feedEditor.replace}
          </button>
        </span>
      )}
    </FieldRow>
  );
}
