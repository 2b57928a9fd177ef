// The form's buttons: save (submits the form) and test the connection with what is typed (before saving, new or
// saved feed); "Saved" after a save.
import { useI18n } from '../../i18n/I18nContext.ts';
import type { FeedForm } from './useFeedForm.ts';

export function EditorActions({ editor }: { editor: FeedForm }) {
  const { t } = useI18n();
  const { busy } = editor;
  return (
    <div className="editor-actions">
      <button type="submit" className="button primary" disabled={busy !== null}>
        {busy === 'saving' ? t.feedEditor.saving : t.feedEditor.save}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => void editor.runTest()}
        disabled={busy !== null}
        aria-describedby="f-test-help"
      >
        {busy === 'testing' ? t.feedEditor.testing : t.feedEditor.test}
      </button>
      <span id="f-test-help" className="form-help test-help">
        {t.feedEditor.testHelp}
      </span>
      {editor.savedNote && (
        <span className="saved-note" role="status">
          {t.feedEditor.saved}
        </span>
      )}
    </div>
  );
}
