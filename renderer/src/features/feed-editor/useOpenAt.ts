// The feed form opened by a failing feed's one-click fix: once the feed is loaded, open the named place and focus it:
// the secret field ready for a new token ("secret"), the sign-in panel ("signIn"), a settings field
// ("settings.<key>"), or the first field ("settings").
import { useEffect, useRef } from 'react';
import type { FeedForm } from './useFeedForm.ts';

function focusFirst(selectors: string[]): boolean {
  for (const selector of selectors) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
      return true;
    }
  }
  return false;
}

export function useOpenAt(editor: FeedForm, focus: string | undefined): void {
  const opened = useRef(false);
  const done = useRef(false);
  const ready = editor.state !== null && editor.form !== null && (editor.feedId === null || editor.secretStatus !== null);
  const { replaceSecret, setShowMore, form } = editor;
  useEffect(() => {
    if (!focus || !ready || done.current) return;
    if (!opened.current) {
      opened.current = true;
      if (focus === 'secret' || focus.startsWith('secret.'))
        replaceSecret(focus === 'secret' ? '' : focus.slice('secret.'.length), true);
      if (focus.startsWith('settings.') && form?.fields.find((f) => `settings.${f.key}` === focus)?.advanced) setShowMore(true);
    }
    // Once React has rendered the field in its new mode (a few tries: the secret field turns from "set" into an input).
    let tries = 0;
    let timer = 0;
    const attempt = () => {
      done.current = focusFirst(
        focus === 'signIn'
          ? ['[data-testid="kontur-sign-in"] button']
          : [`input[id="f-${focus}"]`, `select[id="f-${focus}"]`, `textarea[id="f-${focus}"]`],
      );
      if (!done.current && ++tries < 20) timer = window.setTimeout(attempt, 50);
      else if (!done.current) focusFirst(['.editor-form input:not([type="checkbox"])']);
    };
    timer = window.setTimeout(attempt, 0);
    return () => clearTimeout(timer);
  }, [focus, ready, replaceSecret, setShowMore, form]);
}
