// The feed form's state and its requests to main: load a feed, choose a service, save, test the connection,
// enable or disable, remove. Secrets go straight to main; the form only learns whether each one is set.
import { useEffect, useMemo, useState } from 'react';
import type {
  FeedStatus,
  FeedTestResult,
  FieldError,
  ProviderId,
  ProviderInfo,
  SecretStatus,
} from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { checkForm, touchesAdvanced } from './feed-form-checks.ts';
import {
  addressOrigin,
  BLANK,
  errorName,
  freeId,
  initialValues,
  secretsOf,
  settingsOf,
  startOf,
  stateOf,
  type FormState,
} from './feed-form-values.ts';

export interface FeedFormOptions {
  /** The feed to edit, or null to add one. */
  feedId: string | null;
  feeds: FeedStatus[];
  forms: ProviderInfo[];
  /** Show "Saved" at once (the feed was just added). */
  justSaved: boolean;
  onSaved(status: FeedStatus): void;
  onRemoved(feedId: string): void;
}

export type FeedForm = ReturnType<typeof useFeedForm>;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function useFeedForm({ feedId, feeds, forms, justSaved, onSaved, onRemoved }: FeedFormOptions) {
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
  const [showMore, setShowMore] = useState(false);
  /** The toggle shows the user's choice at once; main's answer follows through the feed list. */
  const [enabledChoice, setEnabledChoice] = useState<boolean | null>(null);

  const status = feedId ? (feeds.find((f) => f.id === feedId) ?? null) : null;
  const form = useMemo(() => forms.find((f) => f.id === state?.provider) ?? null, [forms, state?.provider]);

  // Load the feed whenever the edited feed changes (a new feed starts blank).
  useEffect(() => {
    if (feedId === null) return;
    let live = true;
    void Promise.all([call('feeds:get', feedId), call('secrets:status', feedId)]).then(([entry, secrets]) => {
      if (!live || !entry) return;
      setSecretStatus(secrets);
      setSavedSettings(entry.settings);
      setState(
        stateOf(
          entry,
          forms.find((f) => f.id === entry.provider),
        ),
      );
    });
    return () => {
      live = false;
    };
  }, [feedId, forms]);

  const set = (patch: Partial<FormState>) => setState((s) => (s ? { ...s, ...patch } : s));
  const setValue = (key: string, value: string | string[]) =>
    setState((s) => (s ? { ...s, values: { ...s.values, [key]: value } } : s));
  const setSecret = (key: string, value: string) => setState((s) => (s ? { ...s, secrets: { ...s.secrets, [key]: value } } : s));
  const replaceSecret = (key: string, replace: boolean) => setReplacing((r) => ({ ...r, [key]: replace }));

  const chooseProvider = (provider: ProviderId | '') => {
    const chosen = forms.find((f) => f.id === provider);
    setErrors({});
    setTest(null);
    setState((s) =>
      s && chosen
        ? {
            ...s,
            provider: chosen.id,
            id: freeId(
              chosen.id,
              feeds.map((f) => f.id),
            ),
            name: i18n.text(chosen.name),
            interval: String(chosen.defaultIntervalSec),
            values: initialValues(chosen, null),
            secrets: {},
          }
        : s && { ...s, provider: '' },
    );
  };

  const values = state?.values ?? {};
  const secretIsSet = (key: string): boolean =>
    key === '' ? (secretStatus?.main ?? false) : (secretStatus?.extras[key] ?? false);
  /** An address now points at another origin than the saved one. */
  const addressMoved =
    feedId !== null &&
    savedSettings !== null &&
    form !== null &&
    form.fields.some((f) => f.kind === 'url' && addressOrigin(savedSettings, f) !== addressOrigin(settingsOf(form, values), f));
  const editingSecret = (key: string): boolean => feedId === null || !secretIsSet(key) || replacing[key] === true || addressMoved;
  const hasStoredSecret =
    secretStatus !== null &&
    (secretStatus.main || Object.values(secretStatus.extras).some(Boolean) || secretStatus.signedIn === true);

  /** Main's field errors: by field where the form has the field, the rest above the buttons. */
  const showErrors = (list: FieldError[]) => {
    const byField: Record<string, string> = {};
    const loose: string[] = [];
    const known = new Set(['id', 'name', 'intervalSec', 'start', ...(form?.fields.map(errorName) ?? [])]);
    for (const error of list) {
      if (known.has(error.field)) byField[error.field] ??= i18n.text(error.message);
      else loose.push(i18n.text(error.message));
    }
    setErrors(byField);
    setFormError(loose.length ? loose.join('\n') : Object.keys(byField).length ? t.fieldCheck.fixErrors : null);
    if (form && touchesAdvanced(form, Object.keys(byField))) setShowMore(true);
  };

  /** The window's own checks before saving or testing: false (with the errors shown) when the form is not ready. */
  const readyToSend = (): boolean => {
    if (!form || !state) return false;
    setSavedNote(false);
    setTest(null);
    const found = checkForm(form, state, { adding: feedId === null, editingSecret, addressMoved }, t);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setFormError(t.fieldCheck.fixErrors);
      if (touchesAdvanced(form, Object.keys(found))) setShowMore(true);
      return false;
    }
    setErrors({});
    setFormError(null);
    return true;
  };

  const save = async () => {
    if (!form || !state || !readyToSend()) return;
    setBusy('saving');
    const settings = settingsOf(form, state.values);
    const secrets = secretsOf(form, state, editingSecret);
    const common = { name: state.name.trim(), intervalSec: Number(state.interval), start: startOf(state), settings };
    try {
      const result =
        feedId === null
          ? await call('feeds:add', { id: state.id.trim(), provider: form.id, enabled: true, ...common }, secrets)
          : await call('feeds:update', feedId, common, secrets);
      if (!result.ok) {
        showErrors(result.errors);
        return;
      }
      setSavedNote(true);
      setReplacing({});
      set({ secrets: {} });
      if (feedId !== null) setSavedSettings(settings);
      setSecretStatus(await call('secrets:status', result.feed.id));
      onSaved(result.feed);
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  /** "Test connection" on what is in the form, before saving: nothing is stored (typed secrets win in main). */
  const runTest = async () => {
    if (!form || !state || !readyToSend()) return;
    setBusy('testing');
    const entry = {
      id: feedId ?? state.id.trim(),
      provider: form.id,
      enabled: true,
      name: state.name.trim(),
      intervalSec: Number(state.interval),
      start: startOf(state),
      settings: settingsOf(form, state.values),
    };
    try {
      setTest(await call('feeds:testDraft', entry, secretsOf(form, state, editingSecret), feedId));
    } catch (err) {
      const words = errorText(err);
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
      setFormError(errorText(err));
    }
  };

  const remove = async () => {
    if (!feedId) return;
    try {
      await call('feeds:remove', feedId);
      onRemoved(feedId);
    } catch (err) {
      setFormError(errorText(err));
    }
  };

  return {
    feedId,
    state,
    form,
    status,
    secretStatus,
    setSecretStatus,
    errors,
    formError,
    busy,
    savedNote,
    test,
    showMore,
    setShowMore,
    enabledChoice,
    addressMoved,
    hasStoredSecret,
    set,
    setValue,
    setSecret,
    chooseProvider,
    secretIsSet,
    editingSecret,
    replaceSecret,
    save,
    runTest,
    toggleEnabled,
    remove,
  };
}
