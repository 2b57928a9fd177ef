// The "Ленты" management view: add a feed (choose a service, then a form generated from providers:list), edit one,
// test its connection, enable/disable, remove (import and export live in the Settings view). Secrets are typed into
// password fields and go straight to main; the window only ever learns whether one is set.
import { useEffect, useRef } from 'react';
import { FEED_INTERVAL_SEC, type FeedStatus, type ProviderId, type ProviderInfo } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { CapabilityPanels } from './CapabilityPanels.tsx';
import { EditorActions } from './EditorActions.tsx';
import { EditorNotes } from './EditorNotes.tsx';
import { FieldRow } from './FieldRow.tsx';
import { ProviderFields } from './ProviderFields.tsx';
import { RemoveFeed } from './RemoveFeed.tsx';
import { StartChoice } from './StartChoice.tsx';
import { TestResult } from './TestResult.tsx';
import { useFeedForm } from './useFeedForm.ts';
import { useOpenAt } from './useOpenAt.ts';

export interface FeedEditorProps {
  /** The feed to edit, or null to add one. */
  feedId: string | null;
  feeds: FeedStatus[];
  forms: ProviderInfo[];
  onClose(): void;
  /** A feed was added or changed (the editor then edits it). */
  onSaved(status: FeedStatus): void;
  onRemoved(feedId: string): void;
  /** Show "Saved" at once (the feed was just added). */
  justSaved?: boolean;
  /** Open at this place (a failing feed's fix): "secret", "signIn", "settings" or "settings.<key>". */
  focus?: string | undefined;
}

/** Mounted once per edited feed (the caller keys it by feed id), so every state starts fresh. */
export function FeedEditor({ feedId, feeds, forms, onClose, onSaved, onRemoved, justSaved = false, focus }: FeedEditorProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const editor = useFeedForm({ feedId, feeds, forms, justSaved, onSaved, onRemoved });
  const { state, form, status, errors, set } = editor;
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  useEffect(() => {
    if (!focus) headingRef.current?.focus();
  }, [focus]);
  useOpenAt(editor, focus);

  if (!state) return null;

  const mainFields = form?.fields.filter((f) => !f.advanced) ?? [];
  const moreFields = form?.fields.filter((f) => f.advanced) ?? [];
  const title = feedId === null ? t.feedEditor.newFeed : `${t.feedEditor.editFeed}: ${status?.name ?? feedId}`;

  return (
    <main className="feed-editor" aria-labelledby="feed-editor-title" data-testid="feed-editor">
      <div className="editor-head">
        <h2 id="feed-editor-title" tabIndex={-1} ref={headingRef}>
          {title}
        </h2>
        <button type="button" className="small-button" onClick={onClose}>
          {t.common.close}
        </button>
      </div>
      <form
        className="editor-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void editor.save();
        }}
      >
        {feedId === null ? (
          <FieldRow id="f-provider" label={t.feedEditor.service} help={form ? i18n.text(form.intro) : ''}>
            <select
              id="f-provider"
              value={state.provider}
              onChange={(e) => editor.chooseProvider(e.target.value as ProviderId | '')}
              aria-describedby="f-provider-help"
            >
              <option value="">{t.feedEditor.chooseService}</option>
              {forms.map((f) => (
                <option key={f.id} value={f.id}>
                  {i18n.text(f.name)}
                </option>
              ))}
            </select>
          </FieldRow>
        ) : (
          form && <p className="editor-intro">{i18n.text(form.intro)}</p>
        )}

        {form && (
          <>
            {status && (
              <label className="check enable-toggle">
                <input
                  type="checkbox"
                  checked={editor.enabledChoice ?? status.enabled}
                  onChange={(e) => void editor.toggleEnabled(e.target.checked)}
                />
                <span>{t.feedEditor.enabled}</span>
              </label>
            )}
            <FieldRow id="f-name" label={t.feedEditor.name} help={t.feedEditor.nameHelp} error={errors['name']} required>
              <input
                id="f-name"
                type="text"
                maxLength={100}
                value={state.name}
                onChange={(e) => set({ name: e.target.value })}
                aria-describedby="f-name-help"
              />
            </FieldRow>
            <ProviderFields fields={mainFields} editor={editor} />
            <FieldRow
              id="f-interval"
              label={t.feedEditor.interval}
              help={t.feedEditor.intervalHelp}
              error={errors['intervalSec']}
            >
              <input
                id="f-interval"
                type="number"
                min={FEED_INTERVAL_SEC.min}
                max={FEED_INTERVAL_SEC.max}
                step={1}
                value={state.interval}
                onChange={(e) => set({ interval: e.target.value })}
                aria-describedby="f-interval-help"
              />
            </FieldRow>
            <StartChoice editor={editor} />
            {moreFields.length > 0 && (
              <details
                className="more-settings"
                open={editor.showMore}
                onToggle={(e) => editor.setShowMore((e.target as HTMLDetailsElement).open)}
              >
                <summary>{t.feedEditor.more}</summary>
                {feedId === null && (
                  <FieldRow id="f-id" label={t.feedEditor.id} help={t.feedEditor.idHelp} error={errors['id']}>
                    <input
                      id="f-id"
                      type="text"
                      maxLength={64}
                      spellCheck={false}
                      value={state.id}
                      onChange={(e) => set({ id: e.target.value })}
                      aria-describedby="f-id-help"
                    />
                  </FieldRow>
                )}
                <ProviderFields fields={moreFields} editor={editor} />
              </details>
            )}
            <CapabilityPanels editor={editor} />
            <EditorNotes editor={editor} />
            <EditorActions editor={editor} />
            {editor.test && <TestResult test={editor.test} />}
            {feedId !== null && <RemoveFeed feedName={status?.name ?? feedId} onRemove={() => void editor.remove()} />}
          </>
        )}
      </form>
      {feedId === null && feeds.length > 0 && <p className="form-help">{t.feedEditor.pickToEdit}</p>}
    </main>
  );
}
