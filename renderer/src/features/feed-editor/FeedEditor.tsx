// The "Ленты" management view: add a feed (choose a service, then a form generated from providers:list), edit one,
// test its connection, enable/disable, remove; import and export the configuration. Secrets are typed into
// password fields and go straight to main; the window only ever learns whether one is set.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  FEED_INTERVAL_SEC,
  type FeedConfigEntry,
  type FeedSecretsInput,
  type FeedStatus,
  type FeedTestResult,
  type FieldError,
  type FormField,
  type ProviderInfo,
  type ProviderId,
  type SecretStatus,
} from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { TokenAssistant } from '../sign-in/TokenAssistant.tsx';
import { EventSharing } from '../sharing/EventSharing.tsx';
import { KeychainNotice } from '../keychain/KeychainNotice.tsx';
import { KonturSignIn } from '../sign-in/KonturSignIn.tsx';
import { outcomeText } from '../../text/outcome.ts';

const LOOSE_GUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?(@diadoc\.ru)?$/i;

/** https anywhere; plain http only to this computer (main refuses the rest too: a token would travel in the clear). */
function isServiceUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  } catch {
    return false;
  }
}

/** The origin a URL field points at: its value, else the service's default (the form shows it as the placeholder). */
function addressOrigin(settings: Record<string, unknown>, field: FormField): string | null {
  const raw = settings[field.key];
  const url = typeof raw === 'string' && raw.trim() ? raw.trim() : (typeof field.default === 'string' ? field.default : field.placeholder);
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

type Values = Record<string, string | string[]>;
type StartKind = 'now' | 'beginning' | 'date';

interface FormState {
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

function secretField(key: string): string {
  return key === '' ? 'secret' : `secret.${key}`;
}

function settingsField(key: string): string {
  return `settings.${key}`;
}

/** Whether the form's values meet a condition (a field's showWhen, a capability's when); no condition: always. */
function holds(when: { key: string; values: string[] } | undefined, values: Values): boolean {
  if (!when) return true;
  const current = values[when.key];
  return typeof current === 'string' && when.values.includes(current);
}

function visible(field: FormField, values: Values): boolean {
  return holds(field.showWhen, values);
}

function initialValues(form: ProviderInfo, settings: Record<string, unknown> | null): Values {
  const values: Values = {};
  for (const field of form.fields) {
    if (field.kind === 'password') continue;
    const source = settings ? settings[field.key] : field.default;
    if (field.kind === 'multiselect') values[field.key] = Array.isArray(source) ? source.map(String) : [];
    else values[field.key] = source === undefined || source === null ? (field.kind === 'select' && field.default !== undefined ? String(field.default) : '') : String(source);
  }
  return values;
}

function freeId(provider: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const id = n === 1 ? provider : `${provider}-${n}`;
    if (!taken.includes(id)) return id;
  }
}

function startOf(entry: FeedConfigEntry): { startKind: StartKind; startDate: string } {
  if (entry.start === 'now' || entry.start === 'beginning') return { startKind: entry.start, startDate: '' };
  return { startKind: 'date', startDate: entry.start.slice(0, 10) };
}

export interface FeedEditorProps {
  /** The feed to edit, or null to add one. */
  feedId: string | null;
  feeds: FeedStatus[];
  forms: ProviderInfo[];
  onClose(): void;
  /** A feed was added or changed (the editor then edits it). */
  onSaved(status: FeedStatus): void;
  onRemoved(feedId: string): void;
  /** Feeds were imported: reload the list. */
  onImported(): void;
  /** Show "Saved" at once (the feed was just added). */
  justSaved?: boolean;
}

const BLANK: FormState = { provider: '', id: '', name: '', interval: '60', startKind: 'now', startDate: '', values: {}, secrets: {} };

/** Mounted once per edited feed (the caller keys it by feed id), so every state starts fresh. */
export function FeedEditor({ feedId, feeds, forms, onClose, onSaved, onRemoved, onImported, justSaved = false }: FeedEditorProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<FormState | null>(feedId === null ? BLANK : null);
  const [secretStatus, setSecretStatus] = useState<SecretStatus | null>(null);
  /** The settings as saved, to tell when an address changes origin (main then deletes the feed's secrets). */
  const [savedSettings, setSavedSettings] = useState<Record<string, unknown> | null>(null);
  const [replacing, setReplacing] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'saving' | 'testing' | null>(null);
  const [savedNote, setSavedNote] = useState(justSaved);
  const [test, setTest] = useState<FeedTestResult | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [showMore, setShowMore] = useState(false);
  /** The toggle shows the user's choice at once; main's answer follows through the feed list. */
  const [enabledChoice, setEnabledChoice] = useState<boolean | null>(null);
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  const status = feedId ? (feeds.find((f) => f.id === feedId) ?? null) : null;
  const form = useMemo(() => forms.find((f) => f.id === state?.provider) ?? null, [forms, state?.provider]);

  // Load the feed (or a blank form) whenever the edited feed changes.
  useEffect(() => {
    if (feedId === null) return;
    let live = true;
    void Promise.all([call('feeds:get', feedId), call('secrets:status', feedId)]).then(([entry, secrets]) => {
      if (!live || !entry) return;
      const providerForm = forms.find((f) => f.id === entry.provider);
      setSecretStatus(secrets);
      setSavedSettings(entry.settings);
      setState({
        provider: entry.provider,
        id: entry.id,
        name: entry.name,
        interval: String(entry.intervalSec),
        ...startOf(entry),
        values: providerForm ? initialValues(providerForm, entry.settings) : {},
        secrets: {},
      });
    });
    return () => {
      live = false;
    };
  }, [feedId, forms]);

  useEffect(() => headingRef.current?.focus(), []);

  if (!state) return null;

  const set = (patch: Partial<FormState>) => setState((s) => (s ? { ...s, ...patch } : s));
  const setValue = (key: string, value: string | string[]) => setState((s) => (s ? { ...s, values: { ...s.values, [key]: value } } : s));
  const setSecret = (key: string, value: string) => setState((s) => (s ? { ...s, secrets: { ...s.secrets, [key]: value } } : s));

  const chooseProvider = (provider: ProviderId | '') => {
    const chosen = forms.find((f) => f.id === provider);
    setErrors({});
    setTest(null);
    setState((s) =>
      s && chosen
        ? {
            ...s,
            provider: chosen.id,
            id: freeId(chosen.id, feeds.map((f) => f.id)),
            name: i18n.text(chosen.name),
            interval: String(chosen.defaultIntervalSec),
            values: initialValues(chosen, null),
            secrets: {},
          }
        : s && { ...s, provider: '' },
    );
  };

  const secretIsSet = (key: string): boolean => (key === '' ? (secretStatus?.main ?? false) : (secretStatus?.extras[key] ?? false));
  // Whether an address now points at another origin than the saved one (settingsOf is defined below; this runs later).
  const addressMoved = (): boolean =>
    feedId !== null && savedSettings !== null && form !== null && form.fields.some((f) => f.kind === 'url' && addressOrigin(savedSettings, f) !== addressOrigin(settingsOf(), f));
  const editingSecret = (key: string): boolean => feedId === null || !secretIsSet(key) || replacing[key] === true || addressMoved();
  const hasStoredSecret = secretStatus !== null && (secretStatus.main || Object.values(secretStatus.extras).some(Boolean) || secretStatus.signedIn === true);

  /** Client-side checks: required, GUID, URL, number range; the server checks everything again. */
  const validate = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!form) return found;
    if (state.name.trim() === '') found['name'] = t.fieldCheck.required;
    if (feedId === null && state.id.trim() === '') found['id'] = t.fieldCheck.required;
    const interval = Number(state.interval);
    const { min, max } = FEED_INTERVAL_SEC;
    if (!Number.isInteger(interval) || interval < min || interval > max) found['intervalSec'] = t.fieldCheck.badNumber(min, max);
    if (state.startKind === 'date' && !state.startDate) found['start'] = t.fieldCheck.badDate;
    for (const field of form.fields) {
      if (!visible(field, state.values)) continue;
      if (field.kind === 'password') {
        const value = (state.secrets[field.key] ?? '').trim();
        if (field.required && editingSecret(field.key) && value === '') found[secretField(field.key)] = addressMoved() ? t.fieldCheck.addressMovedToken : t.fieldCheck.required;
        continue;
      }
      const raw = state.values[field.key];
      const value = typeof raw === 'string' ? raw.trim() : '';
      const name = settingsField(field.key);
      if (field.kind === 'multiselect') continue;
      if (value === '') {
        if (field.required) found[name] = t.fieldCheck.required;
        continue;
      }
      if (field.kind === 'guid' && !LOOSE_GUID.test(value)) found[name] = t.fieldCheck.badGuid;
      if (field.kind === 'url' && !isServiceUrl(value)) found[name] = t.fieldCheck.badUrl;
      if (field.kind === 'number') {
        const n = Number(value);
        if (!Number.isFinite(n) || (field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
          found[name] = t.fieldCheck.badNumber(field.min ?? 0, field.max ?? '∞');
        }
      }
    }
    return found;
  };

  const settingsOf = (): Record<string, unknown> => {
    const settings: Record<string, unknown> = {};
    if (!form) return settings;
    for (const field of form.fields) {
      if (field.kind === 'password' || !visible(field, state.values)) continue;
      const raw = state.values[field.key];
      if (field.kind === 'multiselect') {
        settings[field.key] = Array.isArray(raw) ? raw : [];
        continue;
      }
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value === '') continue;
      settings[field.key] = field.kind === 'number' ? Number(value) : value;
    }
    return settings;
  };

  const secretsOf = (): FeedSecretsInput | null => {
    if (!form) return null;
    const secrets: FeedSecretsInput = {};
    for (const field of form.fields) {
      if (field.kind !== 'password' || !visible(field, state.values) || !editingSecret(field.key)) continue;
      const value = (state.secrets[field.key] ?? '').trim();
      if (value === '') continue;
      if (field.key === '') secrets.main = value;
      else secrets.extras = { ...secrets.extras, [field.key]: value };
    }
    return secrets.main !== undefined || secrets.extras ? secrets : null;
  };

  const showErrors = (list: FieldError[]) => {
    const byField: Record<string, string> = {};
    const loose: string[] = [];
    const known = new Set(['id', 'name', 'intervalSec', 'start', ...(form?.fields.map((f) => (f.kind === 'password' ? secretField(f.key) : settingsField(f.key))) ?? [])]);
    for (const error of list) {
      if (known.has(error.field)) byField[error.field] ??= i18n.text(error.message);
      else loose.push(i18n.text(error.message));
    }
    setErrors(byField);
    setFormError(loose.length ? loose.join('\n') : Object.keys(byField).length ? t.fieldCheck.fixErrors : null);
    if (Object.keys(byField).some((f) => f.startsWith('settings.') && form?.fields.find((x) => settingsField(x.key) === f)?.advanced)) setShowMore(true);
  };

  const save = async () => {
    if (!form) return;
    setSavedNote(false);
    setTest(null);
    const found = validate();
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setFormError(t.fieldCheck.fixErrors);
      if (Object.keys(found).some((f) => form.fields.find((x) => settingsField(x.key) === f)?.advanced)) setShowMore(true);
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy('saving');
    const start = state.startKind === 'date' ? state.startDate : state.startKind;
    try {
      const result =
        feedId === null
          ? await call(
              'feeds:add',
              { id: state.id.trim(), provider: form.id, name: state.name.trim(), enabled: true, intervalSec: Number(state.interval), start, settings: settingsOf() },
              secretsOf(),
            )
          : await call('feeds:update', feedId, { name: state.name.trim(), intervalSec: Number(state.interval), start, settings: settingsOf() }, secretsOf());
      if (!result.ok) {
        showErrors(result.errors);
        return;
      }
      setSavedNote(true);
      setReplacing({});
      set({ secrets: {} });
      if (feedId !== null) setSavedSettings(settingsOf());
      setSecretStatus(await call('secrets:status', result.feed.id));
      onSaved(result.feed);
    } catch (err) {
      setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    if (!feedId) return;
    setBusy('testing');
    setTest(null);
    try {
      setTest(await call('feeds:test', feedId));
    } catch (err) {
      const words = err instanceof Error ? err.message : String(err);
      setTest({ ok: false, title: { ru: words, en: words } });
    } finally {
      setBusy(null);
    }
  };

  const toggleEnabled = async (enabled: boolean) => {
    if (!feedId) return;
    setEnabledChoice(enabled);
    try {
      onSaved(await call('feeds:setEnabled', feedId, enabled));
    } catch (err) {
      setEnabledChoice(null);
      setFormError(err instanceof Error ? err.message : String(err));
    }
  };

  const remove = async () => {
    if (!feedId) return;
    try {
      await call('feeds:remove', feedId);
      onRemoved(feedId);
    } catch (err) {
      setFormError(err instanceof Error ? err.message : String(err));
    }
  };

  const renderField = (field: FormField) => {
    if (!visible(field, state.values)) return null;
    const label = i18n.text(field.label);
    const help = i18n.text(field.help);
    if (field.kind === 'password') {
      const name = secretField(field.key);
      const isSet = secretIsSet(field.key);
      return (
        <FieldRow key={name} id={`f-${name}`} label={label} help={help} error={errors[name]} required={field.required}>
          {editingSecret(field.key) ? (
            <span className="secret-edit">
              <input
                id={`f-${name}`}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={state.secrets[field.key] ?? ''}
                onChange={(e) => setSecret(field.key, e.target.value)}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={`f-${name}-help${errors[name] ? ` f-${name}-error` : ''}`}
              />
              {feedId !== null && isSet && !addressMoved() && (
                <button type="button" className="small-button" onClick={() => setReplacing((r) => ({ ...r, [field.key]: false }))}>
                  {t.feedEditor.keepSecret}
                </button>
              )}
            </span>
          ) : (
            <span className="secret-state" id={`f-${name}`} data-testid={`secret-state-${field.key || 'main'}`}>
              <span className="secret-badge">{isSet ? t.feedEditor.secretSet : t.feedEditor.secretNotSet}</span>
              <button
                type="button"
                className="small-button"
                aria-label={`${t.feedEditor.replace}: ${label}`}
                onClick={() => setReplacing((r) => ({ ...r, [field.key]: true }))}
              >
                {t.feedEditor.replace}
              </button>
            </span>
          )}
        </FieldRow>
      );
    }
    const name = settingsField(field.key);
    const id = `f-${name}`;
    const described = `${id}-help${errors[name] ? ` ${id}-error` : ''}`;
    const value = state.values[field.key];
    if (field.kind === 'multiselect') {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset key={name} className="form-row checks" aria-describedby={described}>
          <legend className="form-label">{label}</legend>
          <div className="check-options">
            {field.options?.map((option) => (
              <label key={option.value} className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(option.value)}
                  onChange={(e) =>
                    setValue(field.key, e.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))
                  }
                />
                <span>{i18n.text(option.label)}</span>
              </label>
            ))}
          </div>
          <p className="form-help" id={`${id}-help`}>
            {help}
          </p>
          {errors[name] && (
            <p className="form-error" id={`${id}-error`} role="alert">
              {errors[name]}
            </p>
          )}
        </fieldset>
      );
    }
    return (
      <FieldRow key={name} id={id} label={label} help={help} error={errors[name]} required={field.required}>
        {field.kind === 'select' ? (
          <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => setValue(field.key, e.target.value)} aria-describedby={described}>
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
            onChange={(e) => setValue(field.key, e.target.value)}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={described}
          />
        )}
      </FieldRow>
    );
  };

  const mainFields = form?.fields.filter((f) => !f.advanced) ?? [];
  const moreFields = form?.fields.filter((f) => f.advanced) ?? [];
  const title = feedId === null ? t.feedEditor.newFeed : `${t.feedEditor.editFeed}: ${status?.name ?? feedId}`;

  return (
    <main className="feed-editor" aria-labelledby="feed-editor-title" data-testid="feed-editor">
      <div className="editor-head">
        <h2 id="feed-editor-title" tabIndex={-1} ref={headingRef}>
          {title}
        </h2>
        <button type="button" className="small-button" onClick={onClose}>
          {t.common.close}
        </button>
      </div>
      <form
        className="editor-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {feedId === null ? (
          <FieldRow id="f-provider" label={t.feedEditor.service} help={form ? i18n.text(form.intro) : ''}>
            <select id="f-provider" value={state.provider} onChange={(e) => chooseProvider(e.target.value as ProviderId | '')} aria-describedby="f-provider-help">
              <option value="">{t.feedEditor.chooseService}</option>
              {forms.map((f) => (
                <option key={f.id} value={f.id}>
                  {i18n.text(f.name)}
                </option>
              ))}
            </select>
          </FieldRow>
        ) : (
          form && <p className="editor-intro">{i18n.text(form.intro)}</p>
        )}

        {form && (
          <>
            {status && (
              <label className="check enable-toggle">
                <input type="checkbox" checked={enabledChoice ?? status.enabled} onChange={(e) => void toggleEnabled(e.target.checked)} />
                <span>{t.feedEditor.enabled}</span>
              </label>
            )}
            <FieldRow id="f-name" label={t.feedEditor.name} help={t.feedEditor.nameHelp} error={errors['name']} required>
              <input id="f-name" type="text" maxLength={100} value={state.name} onChange={(e) => set({ name: e.target.value })} aria-describedby="f-name-help" />
            </FieldRow>
            {mainFields.map(renderField)}
            <FieldRow id="f-interval" label={t.feedEditor.interval} help={t.feedEditor.intervalHelp} error={errors['intervalSec']}>
              <input id="f-interval" type="number" min={FEED_INTERVAL_SEC.min} max={FEED_INTERVAL_SEC.max} step={1} value={state.interval} onChange={(e) => set({ interval: e.target.value })} aria-describedby="f-interval-help" />
            </FieldRow>
            <fieldset className="form-row" aria-describedby="f-start-help">
              <legend className="form-label">{t.feedEditor.start}</legend>
              <div className="radio-options">
                {(['now', 'beginning', 'date'] as const).map((kind) => (
                  <label key={kind} className="check">
                    <input type="radio" name="start" value={kind} checked={state.startKind === kind} onChange={() => set({ startKind: kind })} />
                    <span>{kind === 'now' ? t.feedEditor.startNow : kind === 'beginning' ? t.feedEditor.startBeginning : t.feedEditor.startDate}</span>
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
            {moreFields.length > 0 && (
              <details className="more-settings" open={showMore} onToggle={(e) => setShowMore((e.target as HTMLDetailsElement).open)}>
                <summary>{t.feedEditor.more}</summary>
                {feedId === null && (
                  <FieldRow id="f-id" label={t.feedEditor.id} help={t.feedEditor.idHelp} error={errors['id']}>
                    <input id="f-id" type="text" maxLength={64} spellCheck={false} value={state.id} onChange={(e) => set({ id: e.target.value })} aria-describedby="f-id-help" />
                  </FieldRow>
                )}
                {moreFields.map(renderField)}
              </details>
            )}
            {feedId !== null && form.capabilities.konturSignIn && holds(form.capabilities.konturSignIn.when, state.values) && (
              <KonturSignIn feedId={feedId} status={secretStatus} onStatus={setSecretStatus} />
            )}
            {feedId !== null && form.capabilities.tokenAssistant && (
              <TokenAssistant
                feedId={feedId}
                providerName={i18n.text(form.name)}
                appId={String(state.values[form.capabilities.tokenAssistant.appIdField] ?? '')}
                eventTypes={form.capabilities.tokenAssistant.eventTypes}
                onStatus={setSecretStatus}
              />
            )}
            {feedId !== null && form.capabilities.sharing && (
              <EventSharing
                feedId={feedId}
                providerName={i18n.text(form.name)}
                clientId={String(state.values[form.capabilities.sharing.subscriberField] ?? '')}
              />
            )}
            <KeychainNotice />
            {secretStatus && secretStatus.backend !== 'keychain' && (
              <p className="note-banner" role="note">
                {secretStatus.backend === 'session' ? t.feedEditor.sessionOnly : t.feedEditor.noStore}
              </p>
            )}
            {addressMoved() && hasStoredSecret && (
              <p className="note-banner" role="note" data-testid="address-moved">
                {state.values['auth'] === 'oidc' ? t.feedEditor.addressMovedSignIn : t.feedEditor.addressMoved}
              </p>
            )}
            {formError && (
              <p className="form-error form-level" role="alert">
                {formError}
              </p>
            )}
            <div className="editor-actions">
              <button type="submit" className="button primary" disabled={busy !== null}>
                {busy === 'saving' ? t.feedEditor.saving : t.feedEditor.save}
              </button>
              {feedId !== null && (
                <button type="button" className="button" onClick={() => void runTest()} disabled={busy !== null}>
                  {busy === 'testing' ? t.feedEditor.testing : t.feedEditor.test}
                </button>
              )}
              {savedNote && (
                <span className="saved-note" role="status">
                  {t.feedEditor.saved}
                </span>
              )}
            </div>
            {test && (
              <div className={`test-result ${test.ok ? 'ok' : 'failed'}`} role="status" data-testid="test-result" data-ok={test.ok}>
                <strong>{i18n.text(test.title)}</strong>
                {test.detail && <pre className="test-detail">{test.detail}</pre>}
              </div>
            )}
            {feedId !== null && (
              <div className="danger-zone">
                {confirmRemove ? (
                  <div className="confirm" role="alertdialog" aria-label={t.feedEditor.remove}>
                    <span>{t.feedEditor.removeConfirm(status?.name ?? feedId)}</span>
                    <button type="button" className="button danger" onClick={() => void remove()} autoFocus>
                      {t.feedEditor.removeYes}
                    </button>
                    <button type="button" className="button" onClick={() => setConfirmRemove(false)}>
                      {t.common.cancel}
                    </button>
                  </div>
                ) : (
                  <button type="button" className="button danger-outline" onClick={() => setConfirmRemove(true)}>
                    {t.feedEditor.remove}
                  </button>
                )}
              </div>
            )}
          </>
        )}
      </form>
      {feedId === null && <ImportExport onImported={onImported} />}
      {feedId === null && feeds.length > 0 && <p className="form-help">{t.feedEditor.pickToEdit}</p>}
    </main>
  );
}

function FieldRow({ id, label, help, error, required, children }: { id: string; label: string; help: string; error?: string | undefined; required?: boolean; children: ReactNode }) {
  return (
    <div className={`form-row${error ? ' invalid' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      {help && (
        <p className="form-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="form-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

async function downloadExport(): Promise<void> {
  const json = await call('feeds:export');
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'feedbell-feeds.json';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ImportExport({ onImported }: { onImported(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const runImport = async () => {
    setMessage(null);
    try {
      const result = await call('feeds:import', text);
      if (!result.ok) {
        setMessage({ ok: false, text: outcomeText(i18n, result) });
        return;
      }
      const added = result.added.join(', ') || '—';
      const skipped = result.skipped.join(', ') || '—';
      setMessage({ ok: true, text: `${t.importExport.imported(added, skipped)}${result.added.length ? ` ${t.importExport.enterSecrets}` : ''}` });
      setText('');
      onImported();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section className="import-export" aria-labelledby="import-export-title">
      <h3 id="import-export-title">{t.importExport.title}</h3>
      <p className="form-help">{t.importExport.help}</p>
      <div className="editor-actions">
        <button type="button" className="button" onClick={() => void downloadExport()}>
          {t.importExport.export}
        </button>
      </div>
      <div className="form-row">
        <label className="form-label" htmlFor="import-file">
          {t.importExport.file}
        </label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setText);
          }}
        />
      </div>
      <div className="form-row">
        <label className="form-label" htmlFor="import-text">
          {t.importExport.text}
        </label>
        <textarea id="import-text" rows={5} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} placeholder='{"feeds": [ … ]}' />
      </div>
      <div className="editor-actions">
        <button type="button" className="button" onClick={() => void runImport()} disabled={text.trim() === ''}>
          {t.importExport.import}
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
