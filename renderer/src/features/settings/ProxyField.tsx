// The proxy address: typed, checked, saved with its own button (a half-typed address is never used).
import { useState } from 'react';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';

const PROXY = /^https?:\/\/(?:[^\s/@]+@)?[^\s/:@]+(?::\d{1,5})?\/?$/i;

export function ProxyField({ saved, report }: { saved: string; report(err: unknown): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const save = () => {
    const proxy = value.trim();
    if (proxy !== '' && !PROXY.test(proxy)) {
      setError(t.settings.proxyBad);
      return;
    }
    setError(null);
    call('prefs:update', { proxy }).then(() => setDone(true), report);
  };

  return (
    <form
      className="settings-proxy"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label className="form-label" htmlFor="s-proxy">
        {t.settings.proxy}
      </label>
      <span className="settings-inline">
        <input
          id="s-proxy"
          type="text"
          spellCheck={false}
          value={value}
          placeholder="http://"
          onChange={(e) => {
            setValue(e.target.value);
            setDone(false);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={`s-proxy-help${error ? ' s-proxy-error' : ''}`}
        />
        <button type="submit" className="button" disabled={value.trim() === saved}>
          {t.settings.save}
        </button>
        {done && <span role="status">{t.settings.saved}</span>}
      </span>
      <p className="form-help" id="s-proxy-help">
        {t.settings.proxyHelp}
      </p>
      {error && (
        <p className="form-error" id="s-proxy-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
