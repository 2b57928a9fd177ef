// The list's keyboard: arrows, Home/End, PageUp/PageDown move the active row (scrolling it into view), Enter or Space
// opens it, U toggles it read. The list is a listbox with aria-activedescendant: focus stays on the list itself.
import { useCallback, type KeyboardEvent } from 'react';
import type { EventRecord } from '../../../../preload/contract.ts';
import { ROW_HEIGHT } from './EventRow.tsx';

export interface ListKeyboardDeps {
  /** The scrolling list element (a ref's current value, read when a key is handled). */
  list(): HTMLDivElement | null;
  items: (EventRecord | undefined)[];
  activeIndex: number;
  activeKey: number | null;
  viewHeight: number;
  hasMore: boolean;
  setScrollTop(top: number): void;
  onActiveChange(key: number): void;
  onNeedMore(): void;
  onOpen(key: number): void;
  onToggleRead(key: number): void;
}

export function useListKeyboard(deps: ListKeyboardDeps): {
  moveTo(index: number): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
} {
  const { list, items, activeIndex, activeKey, viewHeight, hasMore, setScrollTop, onActiveChange, onNeedMore } = deps;
  const { onOpen, onToggleRead } = deps;
  const total = items.length;
  const scrollIntoView = useCallback(
    (index: number) => {
      const node = list();
      if (!node) return;
      const top = index * ROW_HEIGHT;
      if (top < node.scrollTop) node.scrollTop = top;
      else if (top + ROW_HEIGHT > node.scrollTop + node.clientHeight) node.scrollTop = top + ROW_HEIGHT - node.clientHeight;
      setScrollTop(node.scrollTop);
    },
    [list, setScrollTop],
  );

  const moveTo = useCallback(
    (index: number) => {
      if (total === 0) return;
      const clamped = Math.max(0, Math.min(total - 1, index));
      const target = items[clamped];
      if (!target) return;
      onActiveChange(target.key);
      scrollIntoView(clamped);
    },
    [items, total, scrollIntoView, onActiveChange],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const current = activeIndex < 0 ? -1 : activeIndex;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        if (hasMore) onNeedMore();
        break;
      case 'PageDown':
        moveTo(current + page);
        break;
      case 'PageUp':
        moveTo(current - page);
        break;
      case 'Enter':
      case ' ':
        if (activeKey !== null) onOpen(activeKey);
        else moveTo(0);
        break;
      case 'u':
      case 'U':
        if (activeKey !== null) onToggleRead(activeKey);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  return { moveTo, onKeyDown };
}
