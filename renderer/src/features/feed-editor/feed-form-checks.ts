// The feed form's checks before it is sent: required, GUID, URL, number range. Main checks everything again; these
// only spare a round trip and point at the field.
import { FEED_INTERVAL_SEC, type ProviderInfo } from '../../../../preload/contract.ts';
import type { Messages } from '../../i18n/ru.ts';
import { isLooseGuid, isServiceUrl } from './field-formats.ts';
import { secretField, settingsField, visible, type FormState } from './feed-form-values.ts';

export interface CheckContext {
  /** Adding a feed (its id is typed), not editing one. */
  adding: boolean;
  /** Whether a secret field is being typed (not kept as stored). */
  editingSecret(key: string): boolean;
  /** The feed's address moved to another origin: its stored secrets go, so a token must be typed again. */
  addressMoved: boolean;
}

/** The form's errors by field name (main's names: "name", "settings.<key>", "secret", …); empty when all is well. */
export function checkForm(form: ProviderInfo, state: FormState, context: CheckContext, t: Messages): Record<string, string> {
  const found: Record<string, string> = {};
  if (state.name.trim() === '') found['name'] = t.fieldCheck.required;
  if (context.adding && state.id.trim() === '') found['id'] = t.fieldCheck.required;
  const interval = Number(state.interval);
  const { min, max } = FEED_INTERVAL_SEC;
  if (!Number.isInteger(interval) || interval < min || interval > max) found['intervalSec'] = t.fieldCheck.badNumber(min, max);
  if (state.startKind === 'date' && !state.startDate) found['start'] = t.fieldCheck.badDate;
  for (const field of form.fields) {
    if (!visible(field, state.values)) continue;
    if (field.kind === 'password') {
      const value = (state.secrets[field.key] ?? '').trim();
      if (field.required && context.editingSecret(field.key) && value === '') {
        found[secretField(field.key)] = context.addressMoved ? t.fieldCheck.addressMovedToken : t.fieldCheck.required;
      }
      continue;
    }
    if (field.kind === 'multiselect') continue;
    const raw = state.values[field.key];
    const value = typeof raw === 'string' ? raw.trim() : '';
    const name = settingsField(field.key);
    if (value === '') {
      if (field.required) found[name] = t.fieldCheck.required;
      continue;
    }
    if (field.kind === 'guid' && !isLooseGuid(value, field)) found[name] = t.fieldCheck.badGuid;
    if (field.kind === 'url' && !isServiceUrl(value)) found[name] = t.fieldCheck.badUrl;
    if (field.kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || (field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        found[name] = t.fieldCheck.badNumber(field.min ?? 0, field.max ?? '∞');
      }
    }
  }
  return found;
}

/** Whether any of these errors sits on a field under "More settings" (the form then opens it). */
export function touchesAdvanced(form: ProviderInfo, errorNames: readonly string[]): boolean {
  return errorNames.some((name) => form.fields.find((field) => settingsField(field.key) === name)?.advanced);
}
