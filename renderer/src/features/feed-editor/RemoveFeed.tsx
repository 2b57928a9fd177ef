// Remove a saved feed, after a confirmation that names it.
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';

export function RemoveFeed({ feedName, onRemove }: { feedName: string; onRemove(): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="danger-zone">
      {confirming ? (
        // The safe answer has the focus, so Enter or Space keeps the feed; Esc keeps it too.
        <div
          className="confirm"
          role="alertdialog"
          aria-label={t.feedEditor.remove}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setConfirming(false))}
        >
          <span>{t.feedEditor.removeConfirm(feedName)}</span>
          <button type="button" className="button danger" onClick={onRemove}>
            {t.feedEditor.removeYes}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t.common.cancel}
          </button>
        </div>
      ) : (
        <button type="button" className="button danger-outline" onClick={() => setConfirming(true)}>
          {t.feedEditor.remove}
        </button>
      )}
    </div>
  );
}
