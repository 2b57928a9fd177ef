// The window's columns: the sidebar's and the detail's widths, which the user drags and the window remembers, and
// whether the window is narrow (then the detail is shown only while an event is open, in the list's place).
import { useCallback, useEffect, useState } from 'react';

/** Below this window width the detail does not get a column of its own. */
export const NARROW_PX = 1100;
// 280 px: a feed's status («обновлено только что») fits beside the longest service badge.
export const SIDEBAR = { min: 200, max: 420, initial: 280 } as const;
export const DETAIL = { min: 300, max: 900, initial: 400 } as const;
const KEYS = { sidebar: 'feedbell.layout.sidebarWidth', detail: 'feedbell.layout.detailWidth' } as const;

function stored(key: string, fallback: number): number {
  try {
    const value = Number(localStorage.getItem(key));
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: number): void {
  try {
    localStorage.setItem(key, String(Math.round(value)));
  } catch {
    // Storage may be unavailable: the width then lasts until the window closes.
  }
}

const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.max(min, Math.min(max, value));

export interface PaneLayout {
  sidebarWidth: number;
  detailWidth: number;
  narrow: boolean;
  setSidebarWidth(px: number): void;
  setDetailWidth(px: number): void;
}

export function usePaneLayout(): PaneLayout {
  const [sidebarWidth, setSidebar] = useState(() => clamp(stored(KEYS.sidebar, SIDEBAR.initial), SIDEBAR));
  const [detailWidth, setDetail] = useState(() => clamp(stored(KEYS.detail, DETAIL.initial), DETAIL));
  const [narrow, setNarrow] = useState(() => window.innerWidth < NARROW_PX);

  useEffect(() => {
    const onResize = () => setNarrow(window.innerWidth < NARROW_PX);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const setSidebarWidth = useCallback((px: number) => {
    const value = clamp(px, SIDEBAR);
    setSidebar(value);
    remember(KEYS.sidebar, value);
  }, []);
  const setDetailWidth = useCallback((px: number) => {
    // The list keeps at least 320 px.
    const value = clamp(Math.min(px, window.innerWidth - 320 - SIDEBAR.min), DETAIL);
    setDetail(value);
    remember(KEYS.detail, value);
  }, []);

  return { sidebarWidth, detailWidth, narrow, setSidebarWidth, setDetailWidth };
}
