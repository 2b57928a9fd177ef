// When the OS keychain is unavailable: what is wrong, how to fix it, and the choice to keep secrets in memory
// until the app quits. Shows nothing when the keychain works.
import { useEffect, useState } from 'react';
import type { KeychainInfo } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n.ts';

export function KeychainNotice({ onChange }: { onChange?: () => void }) {
  const i18n = useI18n();
  const lang = i18n.lang;
  const say = (ru: string, en: string) => (lang === 'ru' ? ru : en);
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
        <strong>{say('Системная связка ключей недоступна.', 'The system keychain is unavailable.')}</strong> {info.problem?.[lang]}
      </p>
      <p>{info.fix?.[lang]}</p>
      <p className="keychain-actions">
        <button type="button" className="button" disabled={busy} onClick={() => act('recheck')}>
          {say('Проверить снова', 'Check again')}
        </button>
        {info.sessionAllowed ? (
          <span>{say('Секреты хранятся в памяти до закрытия программы.', 'Secrets are kept in memory until the app quits.')}</span>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => act('allowSession')}>
            {say('Хранить только до закрытия программы', 'Keep them only until the app quits')}
          </button>
        )}
      </p>
    </div>
  );
}
