// The window's columns: the sidebar's and the detail's widths, which the user drags and the window remembers (in the
// preferences, so main draws the first screen with them), and whether the window is narrow (then the detail is shown
// only while an event is open, in the list's place: layout.css does that with a media query at the same width).
import { useCallback, useEffect, useState } from 'react';
import { PANE_WIDTHS, type WindowLayout } from '../../../../preload/contract.ts';

/** Below this window width the detail does not get a column of its own (layout.css's media query says the same). */
export const NARROW_PX = 1100;
export const SIDEBAR = PANE_WIDTHS.sidebar;
export const DETAIL = PANE_WIDTHS.detail;
/** Where the window kept the widths before they were preferences; moved into them once. */
const OLD_KEYS = { sidebar: 'feedbell.layout.sidebarWidth', detail: 'feedbell.layout.detailWidth' } as const;

const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.max(min, Math.min(max, value));

export interface PaneLayout {
  sidebarWidth: number;
  detailWidth: number;
  narrow: boolean;
  /** A width from a splitter; `done` keeps it (a drag sends many, and only its last is saved). */
  setSidebarWidth(px: number, done: boolean): void;
  setDetailWidth(px: number, done: boolean): void;
}

/** `saved`: the preferences' layout (the defaults until main answered); `save` stores a changed one. */
export function usePaneLayout(saved: WindowLayout, save: (layout: Partial<WindowLayout>) => void): PaneLayout {
  // While a splitter is dragged the width lives here; once saved, the preferences say the same.
  const [dragged, setDragged] = useState<{ sidebar?: number; detail?: number }>({});
  // Only effects read it, so the first render is the same as the one main drew (it cannot know the width).
  const [narrow, setNarrow] = useState(false);

  useEffect(() => {
    const onResize = () => setNarrow(window.innerWidth < NARROW_PX);
    onResize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  // Widths a window kept in its own storage before they were preferences: saved once, then forgotten.
  useEffect(() => {
    try {
      const old = {
        sidebar: Number(localStorage.getItem(OLD_KEYS.sidebar)),
        detail: Number(localStorage.getItem(OLD_KEYS.detail)),
      };
      if (old.sidebar > 0 || old.detail > 0) {
        save({
          ...(old.sidebar > 0 ? { sidebarWidth: clamp(old.sidebar, SIDEBAR) } : {}),
          ...(old.detail > 0 ? { detailWidth: clamp(old.detail, DETAIL) } : {}),
        });
      }
      localStorage.removeItem(OLD_KEYS.sidebar);
      localStorage.removeItem(OLD_KEYS.detail);
    } catch {
      // No storage: nothing was kept there either.
    }
  }, [save]);

  const setSidebarWidth = useCallback(
    (px: number, done: boolean) => {
      const value = Math.round(clamp(px, SIDEBAR));
      if (!done) return setDragged((d) => ({ ...d, sidebar: value }));
      save({ sidebarWidth: value });
      setDragged((d) => ({ ...d, sidebar: undefined }));
    },
    [save],
  );
  const setDetailWidth = useCallback(
    (px: number, done: boolean) => {
      // The list keeps at least 320 px.
      const value = Math.round(clamp(Math.min(px, window.innerWidth - 320 - SIDEBAR.min), DETAIL));
      if (!done) return setDragged((d) => ({ ...d, detail: value }));
      save({ detailWidth: value });
      setDragged((d) => ({ ...d, detail: undefined }));
    },
    [save],
  );

  return {
    sidebarWidth: dragged.sidebar ?? clamp(saved.sidebarWidth, SIDEBAR),
    detailWidth: dragged.detail ?? clamp(saved.detailWidth, DETAIL),
    narrow,
    setSidebarWidth,
    setDetailWidth,
  };
}
