// A failing feed's card under its status line (which says in plain words what is wrong): the one-click fix, and
// behind «Подробнее» the service's technical text (codes, trace ids), selectable for a support request.
import type { FeedErrorInfo, FeedFix } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { cleanText } from '../../text/remote-text.ts';

export interface FeedErrorCardProps {
  error: FeedErrorInfo;
  feedName: string;
  onFix(fix: FeedFix): void;
}

export function FeedErrorCard({ error, feedName, onFix }: FeedErrorCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const technical = [error.message, error.hint, error.detail].filter((text): text is string => !!text).map(cleanText);
  return (
    <div className="feed-error" role="alert">
      <div className="feed-error-message visually-hidden">{i18n.text(error.summary)}</div>
      <div className="feed-error-row">
        {error.fix && (
          <button
            type="button"
            className="small-button fix-button"
            data-testid="feed-fix"
            data-fix={error.fix.kind}
            aria-label={`${t.sidebar.fix[error.fix.kind]}: ${feedName}`}
            onClick={() => onFix(error.fix!)}
          >
            {t.sidebar.fix[error.fix.kind]}
          </button>
        )}
        {technical.length > 0 && (
          <details className="feed-error-more">
            <summary>{t.sidebar.moreDetails}</summary>
            <span className="feed-error-when">{t.sidebar.errorAt(i18n.dateTime(error.at))}</span>
            <pre className="feed-error-full" dir="auto" data-testid="feed-error-full" tabIndex={0}>
              {technical.join('\n\n')}
            </pre>
          </details>
        )}
      </div>
    </div>
  );
}
