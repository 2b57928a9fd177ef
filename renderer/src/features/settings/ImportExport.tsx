// Import feeds from a JSON file (a file picker or a drop zone) and export them: the settings only, never a secret.
// A refused file is said in plain words; what exactly is wrong in it (the technical text) is behind «Подробнее».
import { useRef, useState, type DragEvent } from 'react';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';

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

type Message = { ok: boolean; text: string; detail?: string | undefined };

export function ImportExport({ onImported, onError }: { onImported(): void; onError(err: unknown): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const input = useRef<HTMLInputElement | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  const runImport = async (file: File) => {
    setMessage(null);
    setBusy(true);
    try {
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch (err) {
        setMessage({ ok: false, text: t.importExport.notJson, detail: err instanceof Error ? err.message : String(err) });
        return;
      }
      const result = await call('feeds:import', text);
      if (!result.ok) {
        setMessage({ ok: false, text: i18n.text(result.message), detail: result.detail });
        return;
      }
      const done = t.importExport.imported(result.added.length, result.skipped.length);
      setMessage({ ok: true, text: result.added.length ? `${done} ${t.importExport.enterSecrets}` : done });
      onImported();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void runImport(file);
  };

  return (
    <section className="settings-section" aria-labelledby="import-export-title">
      <h3 id="import-export-title">{t.importExport.title}</h3>
      <p className="form-help">{t.importExport.help}</p>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <span>{t.importExport.drop}</span>
        <span className="drop-or">{t.importExport.dropOr}</span>
        <button type="button" className="button" onClick={() => input.current?.click()} disabled={busy}>
          {busy ? t.importExport.importing : t.importExport.choose}
        </button>
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void runImport(file);
          }}
        />
      </div>
      {message && (
        <div
          className={message.ok ? 'form-ok' : 'form-error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="import-message"
        >
          <p>{message.text}</p>
          {message.detail && (
            <details>
              <summary>{t.sidebar.moreDetails}</summary>
              <pre className="import-detail" tabIndex={0}>
                {message.detail}
              </pre>
            </details>
          )}
        </div>
      )}
      <div className="editor-actions">
        <button type="button" className="button" onClick={() => void downloadExport().catch(onError)}>
          {t.importExport.export}
        </button>
      </div>
    </section>
  );
}
