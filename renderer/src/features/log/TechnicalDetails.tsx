// «Подробнее» in the detail pane: what support needs and a person rarely reads: the service's event id, the log key,
// the type code, the link as text and the raw payload as JSON text (never markup).
import type { EventDetail } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { escapeUnsafeJson, oneLine } from '../../text/remote-text.ts';

const CODE_MAX = 200;

function formatPayload(payload: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(payload, null, 2) ?? String(payload);
  } catch {
    json = String(payload);
  }
  return escapeUnsafeJson(json);
}

export function TechnicalDetails({ detail, link }: { detail: EventDetail; link: string | null }) {
  const i18n = useI18n();
  const rows: [string, string][] = [
    [i18n.t.detail.id, detail.id],
    [i18n.t.detail.key, String(detail.key)],
    [i18n.t.detail.typeCode, detail.type],
  ];
  return (
    <details className="detail-technical" data-testid="detail-technical">
      <summary>{i18n.t.detail.more}</summary>
      <dl className="detail-fields">
        {rows.map(([label, value]) => (
          <div className="detail-field" key={label}>
            <dt>{label}</dt>
            <dd>
              <code dir="auto" data-verbatim>
                {oneLine(value, CODE_MAX)}
              </code>
            </dd>
          </div>
        ))}
        {link && (
          <div className="detail-field">
            <dt>{i18n.t.detail.link}</dt>
            <dd>
              <a className="detail-link-text" href={link} target="_blank" rel="noreferrer" data-verbatim>
                {oneLine(link, CODE_MAX)}
              </a>
            </dd>
          </div>
        )}
      </dl>
      <h3 className="payload-title" id="payload-title">
        {i18n.t.detail.payload}
      </h3>
      <pre className="payload" data-testid="payload" aria-labelledby="payload-title" tabIndex={0} data-verbatim>
        {formatPayload(detail.payload)}
      </pre>
    </details>
  );
}
