// The banner that says the window has lost main (the app's back end): nothing shown is current until it answers again.
import { useI18n } from '../../i18n/I18nContext.ts';
import type { Connection } from './useConnection.ts';

export function ConnectionBanner({ connection }: { connection: Connection }) {
  const i18n = useI18n();
  if (!connection.lost) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-lost">
      <span>
        <strong>{i18n.t.connection.lost}</strong> {i18n.t.connection.explain}
      </span>
      <button type="button" className="small-button" onClick={connection.check} disabled={connection.retrying}>
        {connection.retrying ? i18n.t.connection.retrying : i18n.t.connection.retry}
      </button>
    </div>
  );
}
