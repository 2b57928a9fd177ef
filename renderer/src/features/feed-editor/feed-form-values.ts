// The feed form's values without React: the state's shape, its start from a saved feed or a chosen provider, and the
// settings and secrets it sends to main. The form's fields come from the provider's description (providers:list).
import type { FeedConfigEntry, FeedSecretsInput, FormField, ProviderId, ProviderInfo } from '../../../../preload/contract.ts';

export type Values = Record<string, string | string[]>;
export type StartKind = 'now' | 'beginning' | 'date';

export interface FormState {
  provider: ProviderId | '';
  id: string;
  name: string;
  interval: string;
  startKind: StartKind;
  startDate: string;
  values: Values;
  /** Typed secrets by key ("" main); only present while the user types a new one. */
  secrets: Record<string, string>;
}

export const BLANK: FormState = {
  provider: '',
  id: '',
  name: '',
  interval: '60',
  startKind: 'now',
  startDate: '',
  values: {},
  secrets: {},
};

/** The names main's field errors use: a secret's and a setting's. */
export function secretField(key: string): string {
  return key === '' ? 'secret' : `secret.${key}`;
}

export function settingsField(key: string): string {
  return `settings.${key}`;
}

/** The error name of a provider's field. */
export function errorName(field: FormField): string {
  return field.kind === 'password' ? secretField(field.key) : settingsField(field.key);
}

/** Whether the form's values meet a condition (a field's showWhen, a capability's when); no condition: always. */
export function holds(when: { key: string; values: string[] } | undefined, values: Values): boolean {
  if (!when) return true;
  const current = values[when.key];
  return typeof current === 'string' && when.values.includes(current);
}

export function visible(field: FormField, values: Values): boolean {
  return holds(field.showWhen, values);
}

export function initialValues(form: ProviderInfo, settings: Record<string, unknown> | null): Values {
  const values: Values = {};
  for (const field of form.fields) {
    if (field.kind === 'password') continue;
    const source = settings ? settings[field.key] : field.default;
    if (field.kind === 'multiselect') values[field.key] = Array.isArray(source) ? source.map(String) : [];
    else
      values[field.key] =
        source === undefined || source === null
          ? field.kind === 'select' && field.default !== undefined
            ? String(field.default)
            : ''
          : String(source);
  }
  return values;
}

/** The first free feed id for a provider: "<provider>", then "<provider>-2", … */
export function freeId(provider: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const id = n === 1 ? provider : `${provider}-${n}`;
    if (!taken.includes(id)) return id;
  }
}

/** The form's state for a saved feed. */
export function stateOf(entry: FeedConfigEntry, form: ProviderInfo | undefined): FormState {
  const start: Pick<FormState, 'startKind' | 'startDate'> =
    entry.start === 'now' || entry.start === 'beginning'
      ? { startKind: entry.start, startDate: '' }
      : { startKind: 'date', startDate: entry.start.slice(0, 10) };
  return {
    provider: entry.provider,
    id: entry.id,
    name: entry.name,
    interval: String(entry.intervalSec),
    ...start,
    values: form ? initialValues(form, entry.settings) : {},
    secrets: {},
  };
}

/** The feed's start as main takes it: "now", "beginning" or a date. */
export function startOf(state: FormState): string {
  return state.startKind === 'date' ? state.startDate : state.startKind;
}

/** The visible settings fields' values, typed (numbers as numbers), empty ones left out. */
export function settingsOf(form: ProviderInfo | null, values: Values): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (!form) return settings;
  for (const field of form.fields) {
    if (field.kind === 'password' || !visible(field, values)) continue;
    const raw = values[field.key];
    if (field.kind === 'multiselect') {
      settings[field.key] = Array.isArray(raw) ? raw : [];
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') continue;
    settings[field.key] = field.kind === 'number' ? Number(value) : value;
  }
  return settings;
}

/** The secrets typed into visible fields that are being edited; null when none was typed. */
export function secretsOf(
  form: ProviderInfo | null,
  state: FormState,
  editing: (key: string) => boolean,
): FeedSecretsInput | null {
  if (!form) return null;
  const secrets: FeedSecretsInput = {};
  for (const field of form.fields) {
    if (field.kind !== 'password' || !visible(field, state.values) || !editing(field.key)) continue;
    const value = (state.secrets[field.key] ?? '').trim();
    if (value === '') continue;
    if (field.key === '') secrets.main = value;
    else secrets.extras = { ...secrets.extras, [field.key]: value };
  }
  return secrets.main !== undefined || secrets.extras ? secrets : null;
}

/** The origin a URL field points at: its value, else the service's default (the form shows it as the placeholder). */
export function addressOrigin(settings: Record<string, unknown>, field: FormField): string | null {
  const raw = settings[field.key];
  const url =
    typeof raw === 'string' && raw.trim() ? raw.trim() : typeof field.default === 'string' ? field.default : field.placeholder;
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
