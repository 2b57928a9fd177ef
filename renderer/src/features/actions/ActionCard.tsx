// One item of «Требует действия»: what it is and whose, what must be done and by when (with where the date came from),
// the next step's term, the service and the feed; open it in the service, show its event in the log, mark it done.
// Overdue and due-today items carry a word and an icon as well as their colour.
import type { ActionItem } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useProviders } from '../../providers/ProvidersContext.ts';
import { oneLine, providerLink } from '../../text/remote-text.ts';
import { AlertIcon, CheckIcon, ClockIcon, ExternalIcon } from '../../ui/Icons.tsx';
import { ProviderBadge } from '../../ui/ProviderBadge.tsx';
import { calendarText, closedText, nextTermText, sourceText, termText, urgencyOf } from './action-text.ts';

/** A title, an organisation or a feed name: one line, this long at most. */
const TEXT_MAX = 200;

export interface ActionCardProps {
  item: ActionItem;
  /** The person's date, YYYY-MM-DD. */
  today: string;
  onSetDone(item: ActionItem, done: boolean): void;
  onShowEvent(key: number): void;
}

export function ActionCard({ item, today, onSetDone, onShowEvent }: ActionCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const providers = useProviders();
  const urgency = urgencyOf(item, today);
  const link = providerLink(item.link, providers.linkHosts);
  const title = oneLine(i18n.text(item.title), TEXT_MAX);
  const source = sourceText(item, i18n);
  const next = item.state === 'open' ? nextTermText(item, i18n) : null;
  const closed = closedText(item, i18n);
  const titleId = `action-title-${item.id}`;
  return (
    <li
      className={`action-item urgency-${urgency} state-${item.state}`}
      aria-labelledby={titleId}
      data-testid="action-item"
      data-id={item.id}
      data-urgency={urgency}
      data-step={item.step}
      data-state={item.state}
    >
      <div className="action-item-top">
        {urgency === 'overdue' && (
          <span className="urgency-tag overdue">
            <AlertIcon />
            {t.actions.overdue}
          </span>
        )}
        {urgency === 'today' && (
          <span className="urgency-tag today">
            <ClockIcon />
            {t.actions.today}
          </span>
        )}
        {item.state !== 'open' && (
          <span className="urgency-tag closed">
            <CheckIcon />
            {closed}
          </span>
        )}
        <h3 className="action-title" id={titleId} dir="auto">
          {title}
        </h3>
      </div>
      <p className="action-what">
        <strong>{i18n.text(item.action)}</strong>
        {item.organisation && (
          <>
            {' · '}
            <span className="action-org" dir="auto" title={t.actions.organisation}>
              {oneLine(item.organisation, TEXT_MAX)}
            </span>
          </>
        )}
      </p>
      {item.state === 'open' && (
        <p className="action-term" data-testid="action-term">
          <span className="action-term-text">{termText(item, today, i18n)}</span>
          {source && (
            <span
              className={`action-source ${item.deadline?.source ?? ''}`}
              data-testid="action-source"
              title={item.deadline?.source === 'computed' ? t.actions.computedHelp : undefined}
            >
              {source}
            </span>
          )}
        </p>
      )}
      {next && <p className="action-next">{next}</p>}
      {calendarText(item, i18n) && (
        <p className="action-next" data-testid="action-calendar">
          {calendarText(item, i18n)}
        </p>
      )}
      <div className="action-foot">
        <span className="action-meta">
          <ProviderBadge provider={item.provider} compact />
          <span className="action-feed" dir="auto" title={t.actions.feed}>
            {oneLine(item.feedName, TEXT_MAX)}
          </span>
        </span>
        <span className="action-buttons">
          {link && item.state === 'open' && (
            <a className="button primary" href={link} target="_blank" rel="noreferrer" data-testid="action-link">
              <ExternalIcon />
              <span>{t.actions.open(i18n.text(providers.name(item.provider)))}</span>
            </a>
          )}
          {item.eventKey !== null && (
            <button type="button" className="small-button" onClick={() => onShowEvent(item.eventKey!)}>
              {t.actions.showEvent}
            </button>
          )}
          {item.state === 'open' ? (
            <button type="button" className="small-button" onClick={() => onSetDone(item, true)}>
              <CheckIcon />
              <span>{t.actions.done}</span>
            </button>
          ) : (
            <button type="button" className="small-button" onClick={() => onSetDone(item, false)}>
              {t.actions.reopen}
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
