// "Войти через Контур" for a saved feed whose provider signs in to Kontur, while its settings say so (auth "oidc"):
// main runs the device flow and pushes the code to show (konturSignIn:prompt) and the outcome (konturSignIn:done).
// The device code never reaches the window.
import { useEffect, useState } from 'react';
import type { KonturDone, KonturPrompt, SecretStatus } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { outcomeText } from '../../text/outcome.ts';
import { useProviders } from '../../providers/ProvidersContext.ts';
import { oneLine, providerLink } from '../../text/remote-text.ts';

/** A failed request's own words (the bridge's "Request rejected"), shown as they are. */
const errorWords = (err: unknown) => (err instanceof Error ? err.message : String(err));

type Phase =
  { kind: 'idle' } | { kind: 'starting' } | { kind: 'prompt'; prompt: KonturPrompt } | { kind: 'done'; done: KonturDone };

export function KonturSignIn({
  feedId,
  status,
  onStatus,
}: {
  feedId: string;
  status: SecretStatus | null;
  onStatus(status: SecretStatus): void;
}) {
  const i18n = useI18n();
  const { linkHosts } = useProviders();
  const tx = i18n.t.konturSignIn;
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    const offPrompt = on('konturSignIn:prompt', (prompt) => {
      if (prompt.feedId === feedId) setPhase({ kind: 'prompt', prompt });
    });
    const offDone = on('konturSignIn:done', (done) => {
      if (done.feedId !== feedId) return;
      setPhase({ kind: 'done', done });
      void call('secrets:status', feedId).then(onStatus);
    });
    return () => {
      offPrompt();
      offDone();
    };
  }, [feedId, onStatus]);

  const start = async () => {
    setNote(null);
    setPhase({ kind: 'starting' });
    try {
      await call('konturSignIn:start', feedId);
    } catch (err) {
      setPhase({ kind: 'done', done: { feedId, ok: false, message: { ru: errorWords(err), en: errorWords(err) } } });
    }
  };
  const cancel = () => void call('konturSignIn:cancel', feedId);
  const signOut = async () => {
    setPhase({ kind: 'idle' });
    onStatus(await call('konturSignIn:signOut', feedId));
    setNote(tx.signedOut);
  };

  const signedIn = status?.signedIn === true;
  const pageLink =
    phase.kind === 'prompt'
      ? (providerLink(phase.prompt.verificationUriComplete, linkHosts) ?? providerLink(phase.prompt.verificationUri, linkHosts))
      : null;
  const waiting = phase.kind === 'starting' || phase.kind === 'prompt';

  return (
    <section
      className="capability-panel kontur-sign-in"
      aria-labelledby={`kontur-${feedId}-title`}
      data-testid="kontur-sign-in"
      data-signed-in={signedIn}
    >
      <h3 id={`kontur-${feedId}-title`}>{tx.title}</h3>
      {!waiting && (
        <p className={signedIn ? 'sign-in-state ok' : 'sign-in-state'} data-testid="kontur-state">
          {signedIn ? `✓ ${tx.signedIn}` : tx.notSignedIn}
        </p>
      )}
      {phase.kind === 'starting' && (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> {tx.starting}
        </p>
      )}
      {phase.kind === 'prompt' && (
        <div className="device-code" role="status">
          <p>{tx.codeHelp}</p>
          <output className="user-code" data-testid="kontur-user-code" aria-label={tx.code}>
            {oneLine(phase.prompt.userCode, 40)}
          </output>
          <p>
            {/* The address comes from the identity server: a link only to a Kontur https site, text otherwise. */}
            {pageLink && (
              <>
                <a className="button primary" href={pageLink} target="_blank" rel="noreferrer">
                  {tx.openPage}
                </a>{' '}
              </>
            )}
            <span className="form-help" dir="auto" data-testid="kontur-page-address">
              {oneLine(phase.prompt.verificationUri, 200)}
            </span>
          </p>
          <p>
            <span className="spinner" aria-hidden="true" /> {tx.waiting}{' '}
            <span className="form-help">
              {tx.expires} {new Date(phase.prompt.expiresAt).toLocaleTimeString(i18n.lang)}
            </span>
          </p>
        </div>
      )}
      {phase.kind === 'done' && (
        <p
          className={`test-result ${phase.done.ok ? 'ok' : 'failed'}`}
          role="status"
          data-testid="kontur-result"
          data-ok={phase.done.ok}
        >
          {outcomeText(i18n, phase.done)}
        </p>
      )}
      {note && <p role="status">{note}</p>}
      <div className="editor-actions">
        {waiting ? (
          <button type="button" className="button" onClick={cancel}>
            {tx.cancel}
          </button>
        ) : (
          <button type="button" className="button primary" onClick={() => void start()}>
            {signedIn ? tx.signInAgain : tx.signIn}
          </button>
        )}
        {signedIn && !waiting && (
          <button type="button" className="button" onClick={() => void signOut()}>
            {tx.signOut}
          </button>
        )}
      </div>
    </section>
  );
}
