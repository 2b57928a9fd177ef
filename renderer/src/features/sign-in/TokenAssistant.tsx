// "Получить токен через кабинет разработчика" for a saved feed whose provider has the token assistant: portal login
// and password (and a 2FA code when asked) → pick a personal token → main adds event:read and keeps the new token as
// the feed's secret → optionally the app version's event settings. The portal's token and the publisher token stay
// in main.
import { useState } from 'react';
import type { LocalizedText, PersonalTokenInfo, SecretStatus, StepFailure } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { outcomeText } from '../../text/outcome.ts';
import { oneLine } from '../../text/remote-text.ts';

export interface TokenAssistantProps {
  feedId: string;
  /** The provider's display name, for the portal's heading. */
  providerName: string;
  appId: string;
  /** The event types a version can send (the capability's list from providers:list). */
  eventTypes: { id: string; label: LocalizedText }[];
  onStatus(status: SecretStatus): void;
}

export function TokenAssistant({ feedId, providerName, appId, eventTypes, onStatus }: TokenAssistantProps) {
  const i18n = useI18n();
  const tx = i18n.t.tokenAssistant;
  const [open, setOpen] = useState(false);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [session, setSession] = useState<string | null>(null);
  const [tokens, setTokens] = useState<PersonalTokenInfo[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [versionId, setVersionId] = useState('');
  const [events, setEvents] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const expired = (r: StepFailure & { expired?: boolean }) => {
    setMessage({ ok: false, text: outcomeText(i18n, r) });
    if (r.expired) {
      setSession(null);
      setTokens(null);
    }
  };

  const signIn = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('tokenAssistant:signIn', {
        feedId,
        login,
        password,
        ...(needsCode && code ? { twoFactorCode: code } : {}),
      });
      if (!r.ok) {
        if (r.needs2fa) setNeedsCode(true);
        setMessage({ ok: false, text: outcomeText(i18n, r) });
        return;
      }
      setPassword('');
      setSession(r.sessionId);
      const list = await call('tokenAssistant:listTokens', feedId, r.sessionId);
      if (list.ok) setTokens(list.value);
      else expired(list);
    } finally {
      setBusy(false);
    }
  };

  const pickToken = async (token: PersonalTokenInfo) => {
    if (!session) return;
    setBusy(true);
    try {
      const r = await call('tokenAssistant:useToken', feedId, session, token.id);
      if (!r.ok) return expired(r);
      onStatus(r.value);
      setMessage({ ok: true, text: tx.tokenSaved });
    } finally {
      setBusy(false);
    }
  };

  const loadSettings = async () => {
    if (!session) return;
    const r = await call('tokenAssistant:getEventSettings', feedId, session, appId, versionId.trim());
    if (!r.ok) return expired(r);
    setEvents(r.value?.events ?? []);
  };

  const saveSettings = async () => {
    if (!session || !events) return;
    const r = await call('tokenAssistant:setEventSettings', feedId, session, appId, versionId.trim(), {
      active: events.length > 0,
      events,
    });
    if (!r.ok) return expired(r);
    setMessage({ ok: true, text: tx.settingsSaved });
  };

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="token-assistant-open">
        {tx.open}
      </button>
    );
  }
  return (
    <section className="capability-panel" data-testid="token-assistant" aria-label={tx.label}>
      <h3>{tx.title(providerName)}</h3>
      {!session && (
        <>
          <p className="form-help">{tx.credentialsHelp}</p>
          <label className="form-row">
            <span className="form-label">{tx.login}</span>
            <input type="text" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />
          </label>
          <label className="form-row">
            <span className="form-label">{tx.password}</span>
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {needsCode && (
            <label className="form-row">
              <span className="form-label">{tx.code}</span>
              <input
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </label>
          )}
          <button type="button" className="button primary" disabled={busy || !login || !password} onClick={() => void signIn()}>
            {tx.signIn}
          </button>
        </>
      )}
      {session && tokens && (
        <>
          <p className="form-help">{tx.chooseToken}</p>
          <ul className="token-list">
            {tokens.map((t) => (
              <li key={t.id}>
                <button type="button" className="button" disabled={busy} onClick={() => void pickToken(t)}>
                  {/* Names and scopes come from the portal: one clean line each, without bidi controls. */}
                  {tx.tokenButton(oneLine(t.name ?? t.id, 80))}
                </button>{' '}
                <span className="form-help">{oneLine(t.scopes.join(', '), 200)}</span>
              </li>
            ))}
          </ul>
          <details>
            <summary>{tx.versionSettings}</summary>
            <label className="form-row">
              <span className="form-label">{tx.versionId}</span>
              <input type="text" value={versionId} onChange={(e) => setVersionId(e.target.value)} />
            </label>
            <button type="button" className="button" disabled={!versionId.trim()} onClick={() => void loadSettings()}>
              {tx.show}
            </button>
            {events && (
              <>
                {eventTypes.map((ev) => (
                  <label key={ev.id} className="check">
                    <input
                      type="checkbox"
                      checked={events.includes(ev.id)}
                      onChange={(e) =>
                        setEvents((list) =>
                          e.target.checked ? [...(list ?? []), ev.id] : (list ?? []).filter((x) => x !== ev.id),
                        )
                      }
                    />
                    <span>{i18n.text(ev.label)}</span>
                  </label>
                ))}
                <button type="button" className="button primary" onClick={() => void saveSettings()}>
                  {tx.saveSettings}
                </button>
              </>
            )}
          </details>
        </>
      )}
      {message && (
        <p
          className={`test-result ${message.ok ? 'ok' : 'failed'}`}
          role="status"
          data-testid="token-assistant-result"
          data-ok={message.ok}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
