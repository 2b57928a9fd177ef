// The first-run panel: no feeds yet, so offer the sample feed (offline, made-up events) or a real service.
import { useI18n } from '../../i18n/I18nContext.ts';
import { useProviders } from '../../providers/ProvidersContext.ts';
import { BellIcon } from '../../ui/Icons.tsx';

export function Welcome({ adding, onAddSample, onAddFeed }: { adding: boolean; onAddSample(): void; onAddFeed(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  // The services by their modules' names, so a new provider is named here with no edit.
  const services = i18n.list(
    useProviders()
      .list.filter((p) => !p.sample)
      .map((p) => i18n.text(p.name)),
  );
  return (
    <main className="welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <div className="welcome-card">
        <span className="welcome-mark">
          <BellIcon size={36} />
        </span>
        <h2 id="welcome-title">{t.welcome.title}</h2>
        <p>{t.welcome.text(services)}</p>
        <button type="button" className="button primary large" onClick={onAddSample} disabled={adding}>
          {adding ? t.welcome.addingSample : t.welcome.addSample}
        </button>
        <button type="button" className="button large" onClick={onAddFeed}>
          {t.welcome.connectService}
        </button>
      </div>
    </main>
  );
}
