// The Settings view: language and theme, notifications (quiet hours, the daily summary, rules), start at login, the proxy, where the data lives and how big it is, how long
// to keep events, and the feeds' import and export.
import { useEffect, useRef, useState } from 'react';
import type { DataInfo, FeedStatus, Language, Preferences } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { KnownType } from '../log/useEventTypes.ts';
import { ImportExport } from './ImportExport.tsx';
import { NotifySettings } from './NotifySettings.tsx';
import { ProxyField } from './ProxyField.tsx';
import { RETENTION_CHOICES, sizeText } from './settings-format.ts';

export interface SettingsViewProps {
  prefs: Preferences | null;
  onUpdate(patch: Partial<Preferences>): void;
  onClose(): void;
  onImported(): void;
  report(err: unknown): void;
  /** For the notification rules: the feeds and the stored event types to choose from. */
  feeds: readonly FeedStatus[];
  types: readonly KnownType[];
}

export function SettingsView({ prefs, onUpdate, onClose, onImported, report, feeds, types }: SettingsViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement | null>(null);
  const [data, setData] = useState<DataInfo | null>(null);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const load = () => void call('app:dataInfo').then(setData, report);
    load();
    return on('events:pruned', load);
  }, [report]);

  if (!prefs) return null;
  return (
    <main className="settings-view" aria-labelledby="settings-title" data-testid="settings-view">
      <div className="editor-head">
        <h2 id="settings-title" tabIndex={-1} ref={heading}>
          {t.settings.title}
        </h2>
        <button type="button" className="small-button" onClick={onClose}>
          {t.common.close}
        </button>
      </div>

      <section className="settings-section" aria-labelledby="settings-appearance">
        <h3 id="settings-appearance">{t.settings.appearance}</h3>
        <div className="settings-grid">
          <label htmlFor="s-language">{t.header.language}</label>
          <select id="s-language" value={prefs.language} onChange={(e) => onUpdate({ language: e.target.value as Language })}>
            <option value="ru" lang="ru">
              Русский
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
          <label htmlFor="s-theme">{t.header.theme}</label>
          <select id="s-theme" value={prefs.theme} onChange={(e) => onUpdate({ theme: e.target.value as Preferences['theme'] })}>
            <option value="system">{t.header.themeSystem}</option>
            <option value="light">{t.header.themeLight}</option>
            <option value="dark">{t.header.themeDark}</option>
          </select>
        </div>
      </section>

      <NotifySettings prefs={prefs} onUpdate={onUpdate} feeds={feeds} types={types} report={report} />

      <section className="settings-section" aria-labelledby="settings-startup">
        <h3 id="settings-startup">{t.settings.startup}</h3>
        <label className="check">
          <input
            type="checkbox"
            checked={prefs.openAtLogin}
            onChange={(e) => onUpdate({ openAtLogin: e.target.checked })}
            aria-describedby="s-login-help"
          />
          <span>{t.settings.openAtLogin}</span>
        </label>
        <p className="form-help" id="s-login-help">
          {t.settings.openAtLoginHelp}
        </p>
      </section>

      <section className="settings-section" aria-labelledby="settings-network">
        <h3 id="settings-network">{t.settings.network}</h3>
        <ProxyField saved={prefs.proxy} report={report} />
      </section>

      <section className="settings-section" aria-labelledby="settings-data">
        <h3 id="settings-data">{t.settings.data}</h3>
        <dl className="settings-facts">
          <dt>{t.settings.folder}</dt>
          <dd data-verbatim data-testid="data-folder">
            {data?.folder ?? '…'}
          </dd>
          <dt>{t.settings.size}</dt>
          <dd data-testid="data-size">{data ? sizeText(i18n, data.bytes) : '…'}</dd>
          <dt>{t.settings.events}</dt>
          <dd data-testid="data-events">{data ? i18n.number(data.events) : '…'}</dd>
        </dl>
        <div className="settings-grid">
          <label htmlFor="s-retention">{t.settings.retention}</label>
          <select
            id="s-retention"
            value={prefs.retentionDays === null ? '' : String(prefs.retentionDays)}
            onChange={(e) => onUpdate({ retentionDays: e.target.value === '' ? null : Number(e.target.value) })}
            aria-describedby="s-retention-help"
          >
            {[...new Set([...RETENTION_CHOICES, prefs.retentionDays])].map((days) => (
              <option key={days ?? 'all'} value={days === null ? '' : String(days)}>
                {days === null ? t.settings.keepAll : t.settings.keepDays(days)}
              </option>
            ))}
          </select>
        </div>
        <p className="form-help" id="s-retention-help">
          {t.settings.retentionHelp}
        </p>
      </section>

      <ImportExport onImported={onImported} onError={report} />
    </main>
  );
}
