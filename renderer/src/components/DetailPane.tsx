// The detail pane: every field of one event, its provider link and the raw payload as text.
import type { EventDetail } from '../../../preload/contract.ts';
import { useI18n } from '../i18n.ts';
import { EnvelopeIcon, EnvelopeOpenIcon, ExternalIcon } from './Icons.tsx';
import { ProviderBadge, serviceOf } from './ProviderBadge.tsx';

export interface DetailPaneProps {
  detail: EventDetail | null;
  loading: boolean;
  feedName: string | null;
  onSetRead(key: number, read: boolean): void;
}

function formatPayload(payload: unknown): string {
  try {
    return JSON.stringify(payload, null, 2) ?? String(payload);
  } catch {
    return String(payload);
  }
}

export function DetailPane({ detail, loading, feedName, onSetRead }: DetailPaneProps) {
  const i18n = useI18n();
  if (!detail) {
    return (
      <section className="detail empty" aria-label={i18n.t('detail')}>
        <p className="detail-placeholder">{loading ? i18n.t('loading') : i18n.t('selectEvent')}</p>
      </section>
    );
  }
  const fields: [string, React.ReactNode][] = [
    [i18n.t('fieldSummary'), i18n.text(detail.summary)],
    [
      i18n.t('fieldProvider'),
      <span key="p" className="detail-service">
        <ProviderBadge provider={detail.provider} type={detail.type} />
        {detail.provider === 'demo' && <span className="muted">{i18n.t('demoData')}</span>}
      </span>,
    ],
    [i18n.t('fieldFeed'), feedName ?? detail.feedId],
    [i18n.t('fieldType'), <code key="t">{detail.type}</code>],
    [i18n.t('fieldOccurredAt'), i18n.dateTime(detail.occurredAt)],
    [i18n.t('fieldReceivedAt'), i18n.dateTime(detail.receivedAt)],
    [i18n.t('fieldId'), <code key="i">{detail.id}</code>],
    [i18n.t('fieldKey'), String(detail.key)],
    [i18n.t('fieldRead'), detail.read ? i18n.t('yes') : i18n.t('no')],
    [
      i18n.t('fieldLink'),
      detail.link ? (
        <a key="l" className="detail-link-text" href={detail.link} target="_blank" rel="noreferrer">
          {detail.link}
        </a>
      ) : (
        i18n.t('none')
      ),
    ],
  ];
  return (
    <section className="detail" aria-label={i18n.t('detail')} data-testid="detail" data-key={detail.key}>
      <header className="detail-head">
        <h2 className="detail-title" data-testid="detail-title">
          {i18n.text(detail.title)}
        </h2>
        <div className="detail-actions">
          <button type="button" className="button" onClick={() => onSetRead(detail.key, !detail.read)}>
            {detail.read ? <EnvelopeIcon /> : <EnvelopeOpenIcon />}
            <span>{detail.read ? i18n.t('markUnread') : i18n.t('markRead')}</span>
          </button>
          {detail.link && (
            <a className="button primary" href={detail.link} target="_blank" rel="noreferrer" data-testid="detail-link">
              <ExternalIcon />
              <span>{i18n.t('openInProvider', { provider: i18n.provider(serviceOf(detail.provider, detail.type)) })}</span>
            </a>
          )}
        </div>
      </header>
      <dl className="detail-fields">
        {fields.map(([label, value]) => (
          <div className="detail-field" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="payload-title" id="payload-title">
        {i18n.t('payload')}
      </h3>
      <pre className="payload" data-testid="payload" aria-labelledby="payload-title" tabIndex={0}>
        {formatPayload(detail.payload)}
      </pre>
    </section>
  );
}
