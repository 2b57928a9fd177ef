// "Доступ к событиям" for a saved feed whose provider has the sharing capability: an account's administrator lets the
// integration read the account's events (account GUID + subscriber), and the integration sees who shares with it and
// can unsubscribe. Main makes the calls with the feed's own sign-in; the window gets the outcome in words and the list.
import { useState } from 'react';
import type { PublisherInfo } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n.ts';
import { outcomeText } from '../../text/outcome.ts';
import { oneLine } from '../../text/remote-text.ts';

const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

export function ExternSharing({ feedId, clientId }: { feedId: string; clientId: string }) {
  const i18n = useI18n();
  const ru = i18n.lang === 'ru';
  const say = (r: string, e: string) => (ru ? r : e);
  const [open, setOpen] = useState(false);
  const [account, setAccount] = useState('');
  const [subscriber, setSubscriber] = useState(clientId);
  const [publishers, setPublishers] = useState<PublisherInfo[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const accountError = account.trim() && !GUID.test(account.trim()) ? say('Нужен GUID, например 0f8fad5b-d9cb-469f-a165-70867728950e', 'A GUID is needed, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e') : null;

  const step = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch {
      setMessage({ ok: false, text: say('Не удалось выполнить запрос. Попробуйте снова.', 'The request failed. Try again.') });
    } finally {
      setBusy(false);
    }
  };

  const refresh = () =>
    step(async () => {
      const r = await call('sharing:publishers', feedId);
      if (r.ok) setPublishers(r.value);
      else setMessage({ ok: false, text: outcomeText(i18n, r) });
    });

  const share = () =>
    step(async () => {
      const r = await call('sharing:share', feedId, account.trim(), subscriber.trim());
      setMessage({ ok: r.ok, text: outcomeText(i18n, r) });
      if (!r.ok) return;
      setAccount('');
      const list = await call('sharing:publishers', feedId);
      if (list.ok) setPublishers(list.value);
    });

  const unsubscribe = (id: string) =>
    step(async () => {
      setConfirming(null);
      const r = await call('sharing:unsubscribe', feedId, id);
      setMessage({ ok: r.ok, text: outcomeText(i18n, r) });
      const list = await call('sharing:publishers', feedId);
      if (list.ok) setPublishers(list.value);
    });

  if (!open) {
    return (
      <button
        type="button"
        className="button"
        data-testid="extern-sharing-open"
        onClick={() => {
          setOpen(true);
          void refresh();
        }}
      >
        {say('Доступ к событиям', 'Event sharing')}
      </button>
    );
  }
  return (
    <section className="kontur-sign-in" data-testid="extern-sharing" aria-label={say('Доступ к событиям', 'Event sharing')}>
      <h3>{say('Доступ к событиям', 'Event sharing')}</h3>
      <p className="form-help">
        {say(
          'Контур.Экстерн отдаёт события учётной записи только тем интеграциям, которым её администратор открыл доступ. Открыть доступ может только администратор этой учётной записи: войдите в ленту под ним.',
          'Kontur.Extern shares an account’s events only with integrations its administrator allowed. Only that account’s administrator can grant it: sign the feed in as them.',
        )}
      </p>
      <label className="form-row">
        <span className="form-label">{say('Идентификатор учётной записи (GUID)', 'Account id (GUID)')}</span>
        <input type="text" spellCheck={false} value={account} onChange={(e) => setAccount(e.target.value)} aria-invalid={accountError ? true : undefined} />
        {accountError && <span className="form-error">{accountError}</span>}
        <span className="form-help">{say('Есть в Контур.Экстерне в настройках учётной записи и в ответе GET /v1 (accounts).', 'Shown in Kontur.Extern’s account settings and in GET /v1 (accounts).')}</span>
      </label>
      <label className="form-row">
        <span className="form-label">{say('Имя подписчика', 'Subscriber name')}</span>
        <input type="text" spellCheck={false} value={subscriber} onChange={(e) => setSubscriber(e.target.value)} />
        <span className="form-help">{say('Имя вашей интеграции (client_id), выданное Контуром при подключении ленты событий.', 'Your integration’s name (client_id) issued by Kontur when the event feed was enabled.')}</span>
      </label>
      <button type="button" className="button primary" disabled={busy || !GUID.test(account.trim()) || !subscriber.trim()} onClick={() => void share()}>
        {say('Открыть доступ', 'Grant access')}
      </button>

      <h4>{say('Кто делится событиями', 'Who shares events')}</h4>
      {publishers !== null && publishers.length === 0 && <p className="form-help">{say('Пока никто.', 'Nobody yet.')}</p>}
      {publishers !== null && publishers.length > 0 && (
        <ul className="token-list" data-testid="extern-publishers">
          {publishers.map((p) => (
            <li key={p.id} data-testid={`extern-publisher-${p.id}`}>
              {/* Names and ids come from Kontur: one clean line each, isolated from our words around them. */}
              <bdi>{oneLine(p.name ?? p.accountId ?? p.id, 100)}</bdi>
              {p.accountId && <bdi className="form-help"> {oneLine(p.accountId, 100)}</bdi>}
              {p.subscriber && (
                <span className="form-help">
                  {' '}
                  → <bdi>{oneLine(p.subscriber, 100)}</bdi>
                </span>
              )}{' '}
              {confirming === p.id ? (
                <>
                  <span>{say('Перестать получать события этой учётной записи?', 'Stop receiving this account’s events?')}</span>{' '}
                  <button type="button" className="button danger" disabled={busy} onClick={() => void unsubscribe(p.id)}>
                    {say('Да, отписаться', 'Yes, unsubscribe')}
                  </button>{' '}
                  <button type="button" className="button" onClick={() => setConfirming(null)}>
                    {say('Отмена', 'Cancel')}
                  </button>
                </>
              ) : (
                <button type="button" className="button" disabled={busy} onClick={() => setConfirming(p.id)}>
                  {say('Отписаться', 'Unsubscribe')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button" disabled={busy} onClick={() => void refresh()}>
        {say('Обновить список', 'Refresh the list')}
      </button>
      {message && (
        <p className={`test-result ${message.ok ? 'ok' : 'failed'}`} role="status" data-testid="extern-sharing-result" data-ok={message.ok}>
          {message.text}
        </p>
      )}
    </section>
  );
}
