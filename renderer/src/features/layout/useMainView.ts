// What the main pane shows beside the sidebar: the log (with its detail), «Требует действия», the feed form or the
// Settings view. Opening one closes the others. A clicked notification (window:openEvent, window:openFeed) shows the log
// when the queue was in its place; these listeners come after the log's own (App calls useLog first), so a click kept
// by the preload from before the window loaded still reaches the log.
import { useCallback, useEffect, useState } from 'react';
import { on } from '../../bridge.ts';

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
  useEffect(() => {
    const fromQueue = () => setView((v) => (v.kind === 'queue' ? { kind: 'log' } : v));
    const offs = [on('window:openEvent', fromQueue), on('window:openFeed', fromQueue)];
    return () => offs.forEach((off) => off());
  }, []);
  return { view, editing, setEditing, showLog, showQueue, showSettings };
}
