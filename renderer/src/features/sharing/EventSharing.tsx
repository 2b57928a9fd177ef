// "Доступ к событиям" for a saved feed whose provider has the sharing capability: an account's administrator lets the
// integration read the account's events (account GUID + subscriber), and the integration sees who shares with it and
// can unsubscribe. Main makes the calls with the feed's own sign-in; the window gets the outcome in words and the list.
import { useState } from 'react';
import type { PublisherInfo } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { outcomeText } from '../../text/outcome.ts';
import { oneLine } from '../../text/remote-text.ts';

const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

export function EventSharing({ feedId, providerName, clientId }: { feedId: string; providerName: string; clientId: string }) {
  const i18n = useI18n();
  const tx = i18n.t.sharing;
  const [open, setOpen] = useState(false);
  const [account, setAccount] = useState('');
  const [subscriber, setSubscriber] = useState(clientId);
  const [publishers, setPublishers] = useState<PublisherInfo[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const accountError = account.trim() && !GUID.test(account.trim()) ? tx.accountInvalid : null;

  const step = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch {
      setMessage({ ok: false, text: tx.failed });
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
        data-testid="sharing-open"
        onClick={() => {
          setOpen(true);
          void refresh();
        }}
      >
        {tx.title}
      </button>
    );
  }
  return (
    <section className="capability-panel" data-testid="sharing" aria-label={tx.title}>
      <h3>{tx.title}</h3>
      <p className="form-help">{tx.intro(providerName)}</p>
      <label className="form-row">
        <span className="form-label">{tx.account}</span>
        <input
          type="text"
          spellCheck={false}
          value={account}
          onChange={(e) => setAccount(e.target.value)}
          aria-invalid={accountError ? true : undefined}
        />
        {accountError && <span className="form-error">{accountError}</span>}
        <span className="form-help">{tx.accountHelp(providerName)}</span>
      </label>
      <label className="form-row">
        <span className="form-label">{tx.subscriber}</span>
        <input type="text" spellCheck={false} value={subscriber} onChange={(e) => setSubscriber(e.target.value)} />
        <span className="form-help">{tx.subscriberHelp}</span>
      </label>
      <button
        type="button"
        className="button primary"
        disabled={busy || !GUID.test(account.trim()) || !subscriber.trim()}
        onClick={() => void share()}
      >
        {tx.grant}
      </button>

      <h4>{tx.publishers}</h4>
      {publishers !== null && publishers.length === 0 && <p className="form-help">{tx.nobody}</p>}
      {publishers !== null && publishers.length > 0 && (
        <ul className="token-list" data-testid="sharing-publishers">
          {publishers.map((p) => (
            <li key={p.id} data-testid={`sharing-publisher-${p.id}`}>
              {/* Names and ids come from the service: one clean line each, isolated from our words around them. */}
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
                  <span>{tx.confirmUnsubscribe}</span>{' '}
                  <button type="button" className="button danger" disabled={busy} onClick={() => void unsubscribe(p.id)}>
                    {tx.unsubscribeYes}
                  </button>{' '}
                  {/* The safe answer has the focus: Enter keeps the publisher. */}
                  <button type="button" className="button" onClick={() => setConfirming(null)} autoFocus>
                    {i18n.t.common.cancel}
                  </button>
                </>
              ) : (
                <button type="button" className="button" disabled={busy} onClick={() => setConfirming(p.id)}>
                  {tx.unsubscribe}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button" disabled={busy} onClick={() => void refresh()}>
        {tx.refresh}
      </button>
      {message && (
        <p
          className={`test-result ${message.ok ? 'ok' : 'failed'}`}
          role="status"
          data-testid="sharing-result"
          data-ok={message.ok}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
