// The banner under the header that says a request failed, with its reason.
import { useI18n } from '../../i18n/I18nContext.ts';

export function ErrorBanner({ message, onClose }: { message: string; onClose(): void }) {
  const i18n = useI18n();
  return (
    <div className="error-banner" role="alert">
      <span>{i18n.t.common.requestFailed(message)}</span>
      <button type="button" className="link-button" onClick={onClose}>
        {i18n.t.common.close}
      </button>
    </div>
  );
}
