// The window's preferences: loaded from main, changed from the header (at once, then as main stored them), and
// applied to the document: its language, its theme (none follows the OS), its title.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_LAYOUT, type Language, type Preferences, type WindowLayout } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';
import { createTranslator, type Translator } from '../../i18n/translator.ts';

export interface PreferencesState {
  /** All of them (the Settings view), null until main has answered. */
  prefs: Preferences | null;
  language: Language;
  theme: Preferences['theme'];
  i18n: Translator;
  update(patch: Partial<Preferences>): void;
  /** The window's columns and filter row as the person left them (the defaults until main answered). */
  layout: WindowLayout;
  updateLayout(patch: Partial<WindowLayout>): void;
  /** Asks main again (pushes may have been missed). */
  reload(): void;
}

/** `initial`: the preferences already at hand (the boot's); without them they are asked for. */
export function usePreferences(report: (err: unknown) => void, initial?: Preferences): PreferencesState {
  const [prefs, setPrefs] = useState<Preferences | null>(initial ?? null);

  const reload = useCallback(() => {
    call('prefs:get').then(setPrefs, report);
  }, [report]);
  const asked = useRef(initial !== undefined);
  useEffect(() => {
    if (!asked.current) reload();
    asked.current = false;
  }, [reload]);
  useEffect(() => on('prefs:changed', setPrefs), []);

  const language: Language = prefs?.language ?? 'ru';
  const theme = prefs?.theme ?? 'system';
  const i18n = useMemo(() => createTranslator(language), [language]);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    document.title = `${i18n.t.window.appTitle} — ${i18n.t.window.logTitle}`;
  }, [language, theme, i18n]);

  const update = useCallback(
    (patch: Partial<Preferences>) => {
      setPrefs((p) => (p ? { ...p, ...patch } : p));
      call('prefs:update', patch).then(setPrefs, report);
    },
    [report],
  );

  const layout = prefs?.layout ?? DEFAULT_LAYOUT;
  const latestLayout = useRef(layout);
  useEffect(() => {
    latestLayout.current = layout;
  }, [layout]);
  const updateLayout = useCallback(
    (patch: Partial<WindowLayout>) => {
      latestLayout.current = { ...latestLayout.current, ...patch };
      update({ layout: latestLayout.current });
    },
    [update],
  );

  return { prefs, language, theme, i18n, update, reload, layout, updateLayout };
}
