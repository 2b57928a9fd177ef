// The first-run panel: no feeds yet, so offer the demo feed.
import { useI18n } from '../../i18n.ts';
import { BellIcon } from '../../ui/Icons.tsx';

export function Welcome({ adding, onAddDemo, onAddFeed }: { adding: boolean; onAddDemo(): void; onAddFeed(): void }) {
  const i18n = useI18n();
  return (
    <main className="welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <div className="welcome-card">
        <span className="welcome-mark">
          <BellIcon size={36} />
        </span>
        <h2 id="welcome-title">{i18n.t('welcomeTitle')}</h2>
        <p>{i18n.t('welcomeText')}</p>
        <button type="button" className="button primary large" onClick={onAddDemo} disabled={adding}>
          {adding ? i18n.t('addingDemo') : i18n.t('addDemo')}
        </button>
        <button type="button" className="button large" onClick={onAddFeed}>
          {i18n.t('addFeedWelcome')}
        </button>
      </div>
    </main>
  );
}
