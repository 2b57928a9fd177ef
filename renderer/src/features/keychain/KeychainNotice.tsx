// When the OS keychain is unavailable: what is wrong, how to fix it, and the choice to keep secrets in memory
// until the app quits. Shows nothing when the keychain works.
import { useEffect, useState } from 'react';
import type { KeychainInfo } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';

export function KeychainNotice({ onChange }: { onChange?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [info, setInfo] = useState<KeychainInfo | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('secrets:keychain', 'status').then(setInfo, () => setInfo(null));
  }, []);

  const act = (action: 'recheck' | 'allowSession') => {
    setBusy(true);
    call('secrets:keychain', action)
      .then((next) => {
        setInfo(next);
        onChange?.();
      })
      .catch(() => {})
      .finally(() => setBusy(false));
  };

  if (!info || info.available) return null;
  return (
    <div className="note-banner keychain-notice" role="alert" data-testid="keychain-notice">
      <p>
        <strong>{t.keychain.unavailable}</strong> {info.problem && i18n.text(info.problem)}
      </p>
      <p>{info.fix && i18n.text(info.fix)}</p>
      <p className="keychain-actions">
        <button type="button" className="button" disabled={busy} onClick={() => act('recheck')}>
          {t.keychain.recheck}
        </button>
        {info.sessionAllowed ? (
          <span>{t.keychain.sessionKept}</span>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => act('allowSession')}>
            {t.keychain.keepForSession}
          </button>
        )}
      </p>
    </div>
  );
}
