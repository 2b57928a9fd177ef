// An event row's context menu (right click, the context-menu key or Shift+F10 on the list): where it is open, and
// «Не уведомлять о таких событиях», which adds a rule for this feed and this type with the mode `count` — the events
// are still stored, unread and counted in the tray, only no notification pops up (`ignore` would also mark them read
// as they arrive, more than the words promise) — with «Отменить» for a few seconds.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { EventRecord, NotifyRule } from '../../../../preload/contract.ts';
import { withRule } from '../settings/notify-text.ts';

const UNDO_MS = 8000;

export interface EventMenuAt {
  item: EventRecord;
  x: number;
  y: number;
}

export interface MutedNote {
  item: EventRecord;
  /** The rules as they were before, for «Отменить». */
  before: NotifyRule[];
}

export interface EventMenuState {
  menu: EventMenuAt | null;
  openMenu(at: EventMenuAt): void;
  closeMenu(): void;
  mute(item: EventRecord): void;
  muted: MutedNote | null;
  undoMute(): void;
}

export function useEventMenu(rules: NotifyRule[], onRules: (rules: NotifyRule[]) => void): EventMenuState {
  const [menu, setMenu] = useState<EventMenuAt | null>(null);
  const [muted, setMuted] = useState<MutedNote | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const mute = useCallback(
    (item: EventRecord) => {
      onRules(withRule(rules, { feedId: item.feedId, type: item.type, organisation: null, mode: 'count' }));
      clearTimeout(timer.current);
      setMuted({ item, before: rules });
      timer.current = setTimeout(() => setMuted(null), UNDO_MS);
    },
    [rules, onRules],
  );
  const undoMute = useCallback(() => {
    if (!muted) return;
    clearTimeout(timer.current);
    onRules(muted.before);
    setMuted(null);
  }, [muted, onRules]);
  const closeMenu = useCallback(() => setMenu(null), []);
  return { menu, openMenu: setMenu, closeMenu, mute, muted, undoMute };
}

export interface RowMenuDeps {
  items: (EventRecord | undefined)[];
  activeIndex: number;
  onActiveChange(key: number): void;
  onMenu?(at: EventMenuAt): void;
  /** The list's own keys, for every other key. */
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
}

/** The list's handlers that open a row's menu: a right click on a row, the context-menu key or Shift+F10 on the active row. */
export function rowMenuHandlers({ items, activeIndex, onActiveChange, onMenu, onKeyDown }: RowMenuDeps) {
  return {
    onContextMenu(e: MouseEvent<HTMLDivElement>) {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-key]');
      const item = row ? items.find((i) => i?.key === Number(row.dataset.key)) : undefined;
      if (!item || !onMenu) return;
      e.preventDefault();
      onActiveChange(item.key);
      onMenu({ item, x: e.clientX, y: e.clientY });
    },
    onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
      const item = items[activeIndex];
      if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && item && onMenu) {
        e.preventDefault();
        const rect = e.currentTarget.querySelector(`[data-key="${item.key}"]`)?.getBoundingClientRect();
        onMenu({ item, x: rect ? rect.left + 24 : 0, y: rect ? rect.bottom : 0 });
        return;
      }
      onKeyDown(e);
    },
  };
}
