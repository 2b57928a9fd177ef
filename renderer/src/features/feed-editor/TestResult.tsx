// The answer of "Test connection": main's words in the window's language, and the service's own words beneath.
import type { FeedTestResult } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';

export function TestResult({ test }: { test: FeedTestResult }) {
  const i18n = useI18n();
  return (
    <div className={`test-result ${test.ok ? 'ok' : 'failed'}`} role="status" data-testid="test-result" data-ok={test.ok}>
      <strong>{i18n.text(test.title)}</strong>
      {test.detail && <pre className="test-detail">{test.detail}</pre>}
    </div>
  );
}
