// The event list: a keyboard-driven listbox over a small fixed-row-height virtualizer.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EventRecord } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { EventRow, ROW_HEIGHT, rowId } from './EventRow.tsx';
import { useListKeyboard } from './useListKeyboard.ts';
import { rowMenuHandlers, type EventMenuAt } from './useEventMenu.ts';

export { ROW_HEIGHT, rowId };
const OVERSCAN = 8;
/** Ask for the next page when the rendered window comes this close to the end of what is loaded. */
const PREFETCH_ROWS = 40;

export interface EventListProps {
  /** Rows in order; undefined: released while far from the view, loading again (shown as an empty row). */
  items: (EventRecord | undefined)[];
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  filtered: boolean;
  /** Main does not answer: an empty list says so rather than "nothing found". */
  offline: boolean;
  /** The settled search, highlighted in the rows. */
  search: string;
  feedNames: ReadonlyMap<string, string>;
  activeKey: number | null;
  openKey: number | null;
  prepended: { count: number };
  /** Which query the rows answer: a new one scrolls back to the top. */
  shownKey: string;
  onActiveChange(key: number): void;
  onOpen(key: number): void;
  onToggleRead(key: number): void;
  onNeedMore(): void;
  /** The rows in view (with some overscan): far pages are released, released ones in view load again. */
  onRange(first: number, last: number): void;
  /** Opens a row's context menu (right click, the context-menu key, Shift+F10). */
  onMenu?(at: EventMenuAt): void;
}

export function EventList(props: EventListProps) {
  const { items, hasMore, loading, loadingMore, activeKey, openKey, onNeedMore, onActiveChange } = props;
  const i18n = useI18n();
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  /** Rows that arrived above while the list was scrolled down: the «↑ 3 новых» pill. */
  const [newAbove, setNewAbove] = useState(0);
  /** While the keyboard is in the list, a cut title of the active row is shown whole underneath it. */
  const [focused, setFocused] = useState(false);
  const [cut, setCut] = useState(false);
  // Another filter's rows: back to the top, nothing "new above".
  const [shownKey, setShownKey] = useState(props.shownKey);
  if (shownKey !== props.shownKey) {
    setShownKey(props.shownKey);
    setScrollTop(0);
    setNewAbove(0);
  }
  const scrolledFor = useRef(props.shownKey);
  useLayoutEffect(() => {
    if (scrolledFor.current === props.shownKey) return;
    scrolledFor.current = props.shownKey;
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [props.shownKey]);

  useLayoutEffect(() => {
    const node = scroller.current;
    if (!node) return;
    setViewHeight(node.clientHeight);
    const observer = new ResizeObserver(() => setViewHeight(node.clientHeight));
    observer.observe(node);
    return () => observer.disconnect();
  }, [scroller]);

  // Rows added above keep the rows the user is looking at in place, unless they sit at the very top.
  useLayoutEffect(() => {
    const { count } = props.prepended;
    const node = scroller.current;
    if (node && count > 0 && node.scrollTop > 0) {
      node.scrollTop += count * ROW_HEIGHT;
      setScrollTop(node.scrollTop);
      setNewAbove((n) => n + count);
    }
  }, [props.prepended, scroller]);

  const indexByKey = useMemo(() => {
    const map = new Map<number, number>();
    items.forEach((e, i) => e && map.set(e.key, i));
    return map;
  }, [items]);

  const activeIndex = activeKey === null ? -1 : (indexByKey.get(activeKey) ?? -1);
  const total = items.length;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (hasMore && !loadingMore && last >= total - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, loadingMore, last, total, onNeedMore]);

  const { onRange } = props;
  useEffect(() => onRange(first, last), [first, last, onRange]);

  const { moveTo, onKeyDown } = useListKeyboard({
    list: () => scroller.current,
    items,
    activeIndex,
    activeKey,
    viewHeight,
    hasMore,
    setScrollTop,
    onActiveChange,
    onNeedMore,
    onOpen: props.onOpen,
    onToggleRead: props.onToggleRead,
  });

  const menuKeys = rowMenuHandlers({ items, activeIndex, onActiveChange, onMenu: props.onMenu, onKeyDown });

  useLayoutEffect(() => {
    const title = activeKey === null ? null : scroller.current?.querySelector(`#${rowId(activeKey)} .event-title`);
    const summary = activeKey === null ? null : scroller.current?.querySelector(`#${rowId(activeKey)} .event-summary`);
    const over = (el: Element | null | undefined) => !!el && el.scrollWidth > el.clientWidth + 1;
    setCut(over(title) || over(summary));
  }, [activeKey]);

  const onFocus = () => {
    setFocused(true);
    if (activeIndex < 0 && total > 0) moveTo(Math.floor(scroller.current ? scroller.current.scrollTop / ROW_HEIGHT : 0));
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    if (!item) {
      rows.push(
        <div
          key={`gap${i}`}
          className="event-row gap"
          style={{ transform: `translateY(${i * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
          aria-hidden="true"
        />,
      );
      continue;
    }
    rows.push(
      <EventRow
        key={item.key}
        item={item}
        index={i}
        active={i === activeIndex}
        open={item.key === openKey}
        feedName={props.feedNames.get(item.feedId) ?? item.feedId}
        search={props.search}
        onClick={() => {
          onActiveChange(item.key);
          props.onOpen(item.key);
        }}
      />,
    );
  }

  const empty = !loading && total === 0;
  return (
    <div className="event-list-wrap">
      <div
        ref={scroller}
        className="event-list"
        role="listbox"
        tabIndex={0}
        aria-label={i18n.t.list.events}
        aria-activedescendant={activeIndex >= 0 && activeKey !== null ? rowId(activeKey) : undefined}
        aria-busy={loading || loadingMore}
        data-testid="event-list"
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          setScrollTop(top);
          if (top < ROW_HEIGHT / 2) setNewAbove(0);
        }}
        onKeyDown={menuKeys.onKeyDown}
        onContextMenu={menuKeys.onContextMenu}
        onFocus={onFocus}
        onBlur={() => setFocused(false)}
        aria-describedby={focused && cut && activeIndex >= 0 ? 'row-whole' : undefined}
      >
        <div className="event-list-inner" style={{ height: total * ROW_HEIGHT + (hasMore || total > 0 ? ROW_HEIGHT : 0) }}>
          {rows}
          {focused && cut && activeIndex >= 0 && items[activeIndex] && (
            <div
              id="row-whole"
              className="row-whole"
              role="tooltip"
              data-testid="row-whole"
              style={{ transform: `translateY(${(activeIndex + 1) * ROW_HEIGHT}px)` }}
            >
              <strong>{i18n.text(items[activeIndex].title)}</strong>
              <span>{i18n.text(items[activeIndex].summary)}</span>
            </div>
          )}
          {total > 0 && (
            <div className="event-list-footer" style={{ transform: `translateY(${total * ROW_HEIGHT}px)` }} aria-hidden="true">
              {hasMore ? i18n.t.list.loadingMore : i18n.t.list.endOfList}
            </div>
          )}
        </div>
      </div>
      {newAbove > 0 && (
        <button
          type="button"
          className="new-above"
          data-testid="new-above"
          aria-label={`${i18n.t.list.newAbove(newAbove)}. ${i18n.t.list.newAboveLabel}`}
          onClick={() => {
            if (scroller.current) scroller.current.scrollTop = 0;
            setScrollTop(0);
            setNewAbove(0);
          }}
        >
          {i18n.t.list.newAbove(newAbove)}
        </button>
      )}
      {loading && total === 0 && <div className="list-placeholder">{i18n.t.common.loading}</div>}
      {empty && (
        <div className="list-placeholder" data-testid="list-empty">
          {props.offline ? i18n.t.connection.listUnavailable : props.filtered ? i18n.t.list.noMatches : i18n.t.list.noEvents}
        </div>
      )}
    </div>
  );
}
