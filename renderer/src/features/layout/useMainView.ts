// What the main pane shows beside the sidebar: the log (with its detail), «Требует действия», the feed form or the
// Settings view. Opening one closes the others.
import { useCallback, useState } from 'react';

/** The feed management view: { feedId: null } adds a feed. */
export type Editing = { feedId: string | null; justSaved?: boolean; focus?: string };

export type MainView = { kind: 'log' } | { kind: 'queue' } | { kind: 'settings' } | ({ kind: 'editor' } & Editing);

export interface MainViewState {
  view: MainView;
  /** The feed form's state, or null when another view is shown. */
  editing: Editing | null;
  setEditing(next: Editing | null | ((e: Editing | null) => Editing | null)): void;
  showLog(): void;
  showQueue(): void;
  showSettings(): void;
}

export function useMainView(): MainViewState {
  const [view, setView] = useState<MainView>({ kind: 'log' });
  const editing = view.kind === 'editor' ? view : null;
  const setEditing = useCallback((next: Editing | null | ((e: Editing | null) => Editing | null)) => {
    setView((v) => {
      const value = typeof next === 'function' ? next(v.kind === 'editor' ? v : null) : next;
      return value ? { kind: 'editor', ...value } : { kind: 'log' };
    });
  }, []);
  const showLog = useCallback(() => setView({ kind: 'log' }), []);
  const showQueue = useCallback(() => setView({ kind: 'queue' }), []);
  const showSettings = useCallback(() => setView({ kind: 'settings' }), []);
  return { view, editing, setEditing, showLog, showQueue, showSettings };
}
