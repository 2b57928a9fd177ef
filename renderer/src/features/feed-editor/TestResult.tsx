// The answer of "Test connection": main's words in the window's language; the service's own words (English, codes,
// trace ids) behind «Подробнее».
import type { FeedTestResult } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';

export function TestResult({ test }: { test: FeedTestResult }) {
  const i18n = useI18n();
  return (
    <div className={`test-result ${test.ok ? 'ok' : 'failed'}`} role="status" data-testid="test-result" data-ok={test.ok}>
      <strong>{i18n.text(test.title)}</strong>
      {test.detail && (
        <details className="test-more">
          <summary>{i18n.t.sidebar.moreDetails}</summary>
          <pre className="test-detail" tabIndex={0}>
            {test.detail}
          </pre>
        </details>
      )}
    </div>
  );
}
