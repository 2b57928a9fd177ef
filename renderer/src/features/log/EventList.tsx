// The event list: a keyboard-driven listbox over a small fixed-row-height virtualizer.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { EventRecord } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { oneLine } from '../../text/remote-text.ts';
import { ProviderBadge } from '../../ui/ProviderBadge.tsx';
import { Highlighted } from './Highlighted.tsx';

export const ROW_HEIGHT = 60;
/** A row shows one line of title and summary (CSS adds the ellipsis); the rest is in the detail pane. */
const ROW_TEXT_MAX = 200;
const OVERSCAN = 8;
/** Ask for the next page when the rendered window comes this close to the end of what is loaded. */
const PREFETCH_ROWS = 40;

export interface EventListProps {
  items: EventRecord[];
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
  onActiveChange(key: number): void;
  onOpen(key: number): void;
  onToggleRead(key: number): void;
  onNeedMore(): void;
}

export function rowId(key: number): string {
  return `event-row-${key}`;
}

export function EventList(props: EventListProps) {
  const { items, hasMore, loading, loadingMore, activeKey, openKey, onNeedMore, onActiveChange } = props;
  const i18n = useI18n();
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);

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
    }
  }, [props.prepended, scroller]);

  const indexByKey = useMemo(() => {
    const map = new Map<number, number>();
    items.forEach((e, i) => map.set(e.key, i));
    return map;
  }, [items]);

  const activeIndex = activeKey === null ? -1 : (indexByKey.get(activeKey) ?? -1);
  const total = items.length;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (hasMore && !loadingMore && last >= total - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, loadingMore, last, total, onNeedMore]);

  const scrollIntoView = useCallback((index: number) => {
    const node = scroller.current;
    if (!node) return;
    const top = index * ROW_HEIGHT;
    if (top < node.scrollTop) node.scrollTop = top;
    else if (top + ROW_HEIGHT > node.scrollTop + node.clientHeight) node.scrollTop = top + ROW_HEIGHT - node.clientHeight;
    setScrollTop(node.scrollTop);
  }, [scroller]);

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
        if (activeKey !== null) props.onOpen(activeKey);
        else moveTo(0);
        break;
      case 'u':
      case 'U':
        if (activeKey !== null) props.onToggleRead(activeKey);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const onFocus = () => {
    if (activeIndex < 0 && total > 0) moveTo(Math.floor(scroller.current ? scroller.current.scrollTop / ROW_HEIGHT : 0));
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    if (!item) continue;
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
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        <div className="event-list-inner" style={{ height: total * ROW_HEIGHT + (hasMore || total > 0 ? ROW_HEIGHT : 0) }}>
          {rows}
          {total > 0 && (
            <div className="event-list-footer" style={{ transform: `translateY(${total * ROW_HEIGHT}px)` }} aria-hidden="true">
              {hasMore ? i18n.t.list.loadingMore : i18n.t.list.endOfList}
            </div>
          )}
        </div>
      </div>
      {loading && total === 0 && <div className="list-placeholder">{i18n.t.common.loading}</div>}
      {empty && (
        <div className="list-placeholder" data-testid="list-empty">
          {props.offline ? i18n.t.connection.listUnavailable : props.filtered ? i18n.t.list.noMatches : i18n.t.list.noEvents}
        </div>
      )}
    </div>
  );
}

interface EventRowProps {
  item: EventRecord;
  index: number;
  active: boolean;
  open: boolean;
  feedName: string;
  search: string;
  onClick(): void;
}

function EventRow({ item, index, active, open, feedName, search, onClick }: EventRowProps) {
  const i18n = useI18n();
  const className = ['event-row', item.read ? 'read' : 'unread', active ? 'active' : '', open ? 'open' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={rowId(item.key)}
      role="option"
      aria-selected={open}
      aria-posinset={index + 1}
      aria-setsize={-1}
      className={className}
      data-key={item.key}
      data-feed={item.feedId}
      data-type={item.type}
      data-provider={item.provider}
      data-read={item.read ? 'true' : 'false'}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      onClick={onClick}
    >
      <span className="unread-dot" aria-hidden="true" />
      {!item.read && <span className="visually-hidden">{i18n.t.list.unread}: </span>}
      <div className="event-row-main">
        <div className="event-row-top">
          <span className="event-title" dir="auto">
            <Highlighted text={oneLine(i18n.text(item.title), ROW_TEXT_MAX)} search={search} />
          </span>
          <time className="event-time" dateTime={new Date(item.occurredAt).toISOString()} title={i18n.dateTime(item.occurredAt)}>
            {i18n.shortStamp(item.occurredAt)}
          </time>
        </div>
        <div className="event-row-bottom">
          <ProviderBadge provider={item.provider} compact />
          <span className="event-summary" dir="auto">
            <Highlighted text={oneLine(i18n.text(item.summary), ROW_TEXT_MAX)} search={search} />
          </span>
          <span className="event-feed" dir="auto">
            {oneLine(feedName, ROW_TEXT_MAX)}
          </span>
        </div>
      </div>
    </div>
  );
}
