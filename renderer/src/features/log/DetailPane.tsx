// The detail pane: an event in people's words first (its facts: counterparty, document, amount, state…), then where it
// came from and when, and under «Подробнее» what only support needs: the event's id, the log key, the type code and
// the raw payload. Everything here came from a service: bidi controls are removed, long text is clamped with
// «Показать полностью», and a link is a link only when it goes to a provider's own https site.
import type { ReactNode } from 'react';
import type { EventDetail } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { oneLine, providerLink } from '../../text/remote-text.ts';
import { ExpandableText } from './ExpandableText.tsx';
import { EnvelopeIcon, EnvelopeOpenIcon, ExternalIcon } from '../../ui/Icons.tsx';
import { ProviderBadge } from '../../ui/ProviderBadge.tsx';
import { useProviders } from '../../providers/ProvidersContext.ts';
import { TechnicalDetails } from './TechnicalDetails.tsx';
import { Highlighted } from './Highlighted.tsx';

export interface DetailPaneProps {
  detail: EventDetail | null;
  loading: boolean;
  feedName: string | null;
  /** The search's words, highlighted in the title, the facts and the summary. */
  search: string;
  onSetRead(key: number, read: boolean): void;
  /** Closes the pane (Esc, or ✕ where the pane covers the list). */
  onClose(): void;
}

/** Characters of a title and a summary shown before «Показать полностью». */
const DETAIL_TITLE_MAX = 300;
const DETAIL_SUMMARY_MAX = 600;
/** A fact, a feed name or a refused link: one line, this long at most. */
export const FIELD_MAX = 200;

function Fields({ rows, testId }: { rows: [string, ReactNode][]; testId: string }) {
  return (
    <dl className="detail-fields" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div className="detail-field" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function DetailPane({ detail, loading, feedName, search, onSetRead, onClose }: DetailPaneProps) {
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
  const facts: [string, ReactNode][] = detail.facts.map((fact) => [
    i18n.text(fact.label),
    <span key="v" dir="auto">
      <Highlighted text={oneLine(fact.valueText ? i18n.text(fact.valueText) : fact.value, FIELD_MAX)} search={search} />
    </span>,
  ]);
  const about: [string, ReactNode][] = [
    [
      i18n.t.detail.summary,
      <ExpandableText
        key={`s${detail.key}${i18n.lang}`}
        text={i18n.text(detail.summary)}
        max={DETAIL_SUMMARY_MAX}
        className="detail-summary"
        testId="detail-summary"
        search={search}
      />,
    ],
    [
      i18n.t.detail.type,
      detail.typeName ? (
        i18n.text(detail.typeName)
      ) : (
        <code key="t" data-verbatim dir="auto">
          {oneLine(detail.type, FIELD_MAX)}
        </code>
      ),
    ],
    [
      i18n.t.detail.provider,
      <span key="p" className="detail-service">
        <ProviderBadge provider={detail.provider} />
        {providers.find(detail.provider)?.sample && <span className="muted">{i18n.t.detail.sampleData}</span>}
      </span>,
    ],
    [
      i18n.t.detail.feed,
      <span key="f" dir="auto" data-verbatim>
        {oneLine(feedName ?? detail.feedId, FIELD_MAX)}
      </span>,
    ],
    [i18n.t.detail.occurredAt, i18n.dateTime(detail.occurredAt)],
    [i18n.t.detail.receivedAt, i18n.dateTime(detail.receivedAt)],
  ];
  if (detail.link && !link) {
    // Not a provider's https site (data:, javascript:, http:, another host...): text to read, never to click.
    about.push([
      i18n.t.detail.link,
      <span key="l" className="detail-link-refused" data-testid="detail-link-refused">
        <span dir="auto" data-verbatim>
          {oneLine(detail.link, FIELD_MAX)}
        </span>{' '}
        <span className="muted">({i18n.t.detail.linkNotOffered})</span>
      </span>,
    ]);
  }
  return (
    <section className="detail" aria-label={i18n.t.detail.label} data-testid="detail" data-key={detail.key} tabIndex={-1}>
      <header className="detail-head">
        <div className="detail-title-row">
          <ExpandableText
            key={`t${detail.key}${i18n.lang}`}
            as="h2"
            text={i18n.text(detail.title)}
            max={DETAIL_TITLE_MAX}
            className="detail-title"
            testId="detail-title"
            search={search}
          />
          <button
            type="button"
            className="icon-button detail-close"
            onClick={onClose}
            aria-label={i18n.t.detail.close}
            title={i18n.t.detail.close}
          >
            ×
          </button>
        </div>
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
      {facts.length > 0 && <Fields rows={facts} testId="detail-facts" />}
      <Fields rows={about} testId="detail-about" />
      <TechnicalDetails detail={detail} link={link} />
    </section>
  );
}
