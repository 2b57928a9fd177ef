// Import feeds from JSON (a file or pasted text) and export them: the settings only, never a secret.
import { useState } from 'react';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { outcomeText } from '../../text/outcome.ts';

async function downloadExport(): Promise<void> {
  const json = await call('feeds:export');
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'feedbell-feeds.json';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ImportExport({ onImported }: { onImported(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const runImport = async () => {
    setMessage(null);
    try {
      const result = await call('feeds:import', text);
      if (!result.ok) {
        setMessage({ ok: false, text: outcomeText(i18n, result) });
        return;
      }
      const added = result.added.join(', ') || '—';
      const skipped = result.skipped.join(', ') || '—';
      setMessage({ ok: true, text: `${t.importExport.imported(added, skipped)}${result.added.length ? ` ${t.importExport.enterSecrets}` : ''}` });
      setText('');
      onImported();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section className="import-export" aria-labelledby="import-export-title">
      <h3 id="import-export-title">{t.importExport.title}</h3>
      <p className="form-help">{t.importExport.help}</p>
      <div className="editor-actions">
        <button type="button" className="button" onClick={() => void downloadExport()}>
          {t.importExport.export}
        </button>
      </div>
      <div className="form-row">
        <label className="form-label" htmlFor="import-file">
          {t.importExport.file}
        </label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setText);
          }}
        />
      </div>
      <div className="form-row">
        <label className="form-label" htmlFor="import-text">
          {t.importExport.text}
        </label>
        <textarea id="import-text" rows={5} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} placeholder='{"feeds": [ … ]}' />
      </div>
      <div className="editor-actions">
        <button type="button" className="button" onClick={() => void runImport()} disabled={text.trim() === ''}>
          {t.importExport.import}
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
