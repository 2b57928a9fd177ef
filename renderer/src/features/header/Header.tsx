// The window header: app name, total unread, failing feeds, language switch and theme choice.
import type { Language, Preferences } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { BellIcon } from '../../ui/Icons.tsx';

export interface HeaderProps {
  totalUnread: number;
  /** Feeds whose last sync failed: a sign that takes the focus to the first one's fix. */
  failingFeeds: number;
  language: Language;
  theme: Preferences['theme'];
  onLanguage(lang: Language): void;
  onTheme(theme: Preferences['theme']): void;
  /** Opens the Settings view. */
  onOpenSettings(): void;
}

const LANGUAGES: { id: Language; label: string; name: string }[] = [
  { id: 'ru', label: 'RU', name: 'Русский' },
  { id: 'en', label: 'EN', name: 'English' },
];

/** Takes the focus to the first failing feed in the sidebar: its one-click fix, else its card. */
function focusFirstFailing(): void {
  const card = document.querySelector('[data-phase="error"]');
  (card?.querySelector<HTMLElement>('[data-testid="feed-fix"]') ?? card?.querySelector<HTMLElement>('button'))?.focus();
}

export function Header({ totalUnread, failingFeeds, language, theme, onLanguage, onTheme, onOpenSettings }: HeaderProps) {
  const i18n = useI18n();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark">
          <BellIcon size={18} />
        </span>
        <h1 className="brand-name">{i18n.t.window.appTitle}</h1>
        <span className="brand-sub">{i18n.t.window.logTitle}</span>
        {totalUnread > 0 && <span className="header-unread">{i18n.t.common.unreadCount(totalUnread)}</span>}
        {failingFeeds > 0 && (
          <button type="button" className="header-failing" data-testid="failing-header" onClick={focusFirstFailing}>
            <span aria-hidden="true">!</span> {i18n.t.sidebar.failing(failingFeeds)}
          </button>
        )}
      </div>
      <div className="header-controls">
        <div className="segmented" role="group" aria-label={i18n.t.header.language}>
          {LANGUAGES.map((l) => (
            <button
              key={l.id}
              type="button"
              lang={l.id}
              className={language === l.id ? 'on' : ''}
              aria-pressed={language === l.id}
              title={l.name}
              aria-label={l.name}
              onClick={() => onLanguage(l.id)}
            >
              {l.label}
            </button>
          ))}
        </div>
        <label className="field inline">
          <span className="field-label">{i18n.t.header.theme}</span>
          <select value={theme} onChange={(e) => onTheme(e.target.value as Preferences['theme'])}>
            <option value="system">{i18n.t.header.themeSystem}</option>
            <option value="light">{i18n.t.header.themeLight}</option>
            <option value="dark">{i18n.t.header.themeDark}</option>
          </select>
        </label>
        <button type="button" className="small-button" onClick={onOpenSettings} data-testid="open-settings">
          {i18n.t.settings.open}
        </button>
      </div>
    </header>
  );
}
