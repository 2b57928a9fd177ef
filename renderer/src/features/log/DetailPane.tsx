// The detail pane: every field of one event, its provider link and the raw payload as text. Everything here came from
// a service: bidi controls are removed, long text is clamped with «Показать полностью», and a link is a link only when
// it goes to a provider's own https site (anything else is shown as text).
import type { EventDetail } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { escapeUnsafeJson, oneLine, providerLink } from '../../text/remote-text.ts';
import { ExpandableText } from './ExpandableText.tsx';
import { EnvelopeIcon, EnvelopeOpenIcon, ExternalIcon } from '../../ui/Icons.tsx';
import { ProviderBadge } from '../../ui/ProviderBadge.tsx';
import { useProviders } from '../../providers/ProvidersContext.ts';

export interface DetailPaneProps {
  detail: EventDetail | null;
  loading: boolean;
  feedName: string | null;
  onSetRead(key: number, read: boolean): void;
}

/** Characters of a title and a summary shown before «Показать полностью». */
const DETAIL_TITLE_MAX = 300;
const DETAIL_SUMMARY_MAX = 600;
/** An id, a type, a feed name or a refused link: one line, this long at most. */
const FIELD_MAX = 200;

function formatPayload(payload: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(payload, null, 2) ?? String(payload);
  } catch {
    json = String(payload);
  }
  return escapeUnsafeJson(json);
}

export function DetailPane({ detail, loading, feedName, onSetRead }: DetailPaneProps) {
  const i18n = useI18n();
  const providers = useProviders();
  if (!detail) {
    return (
      <section className="detail empty" aria-label={i18n.t.detail.label}>
        <p className="detail-placeholder">{loading ? i18n.t.common.loading : i18n.t.detail.selectEvent}</p>
      </section>
    );
  }
  const link = providerLink(detail.link, providers.linkHosts);
  const fields: [string, React.ReactNode][] = [
    [
      i18n.t.detail.summary,
      <ExpandableText key={`s${detail.key}${i18n.lang}`} text={i18n.text(detail.summary)} max={DETAIL_SUMMARY_MAX} className="detail-summary" testId="detail-summary" />,
    ],
    [
      i18n.t.detail.provider,
      <span key="p" className="detail-service">
        <ProviderBadge provider={detail.provider} />
        {providers.find(detail.provider)?.sample && <span className="muted">{i18n.t.detail.sampleData}</span>}
      </span>,
    ],
    [i18n.t.detail.feed, <span key="f" dir="auto">{oneLine(feedName ?? detail.feedId, FIELD_MAX)}</span>],
    [i18n.t.detail.type, <code key="t" dir="auto">{oneLine(detail.type, FIELD_MAX)}</code>],
    [i18n.t.detail.occurredAt, i18n.dateTime(detail.occurredAt)],
    [i18n.t.detail.receivedAt, i18n.dateTime(detail.receivedAt)],
    [i18n.t.detail.id, <code key="i" dir="auto">{oneLine(detail.id, FIELD_MAX)}</code>],
    [i18n.t.detail.key, String(detail.key)],
    [i18n.t.detail.read, detail.read ? i18n.t.detail.yes : i18n.t.detail.no],
    [
      i18n.t.detail.link,
      link ? (
        <a key="l" className="detail-link-text" href={link} target="_blank" rel="noreferrer">
          {oneLine(link, FIELD_MAX)}
        </a>
      ) : detail.link ? (
        // Not a provider's https site (data:, javascript:, http:, another host...): text to read, never to click.
        <span key="l" className="detail-link-refused" data-testid="detail-link-refused">
          <span dir="auto">{oneLine(detail.link, FIELD_MAX)}</span> <span className="muted">({i18n.t.detail.linkNotOffered})</span>
        </span>
      ) : (
        i18n.t.detail.none
      ),
    ],
  ];
  return (
    <section className="detail" aria-label={i18n.t.detail.label} data-testid="detail" data-key={detail.key}>
      <header className="detail-head">
        <ExpandableText key={`t${detail.key}${i18n.lang}`} as="h2" text={i18n.text(detail.title)} max={DETAIL_TITLE_MAX} className="detail-title" testId="detail-title" />
        <div className="detail-actions">
          <button type="button" className="button" onClick={() => onSetRead(detail.key, !detail.read)}>
            {detail.read ? <EnvelopeIcon /> : <EnvelopeOpenIcon />}
            <span>{detail.read ? i18n.t.detail.markUnread : i18n.t.detail.markRead}</span>
          </button>
          {link && (
            <a className="button primary" href={link} target="_blank" rel="noreferrer" data-testid="detail-link">
              <ExternalIcon />
              <span>{i18n.t.detail.openInProvider(i18n.text(providers.name(detail.provider)))}</span>
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
        {i18n.t.detail.payload}
      </h3>
      <pre className="payload" data-testid="payload" aria-labelledby="payload-title" tabIndex={0}>
        {formatPayload(detail.payload)}
      </pre>
    </section>
  );
}
