// The list's filter: what the toolbar and the sidebar choose, the search once typing pauses, and the query for main.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EventFilter } from '../../../../preload/contract.ts';
import { on } from '../../bridge.ts';
import { EMPTY_FILTER, toQuery, type UiFilter } from './event-filter.ts';

const SEARCH_DEBOUNCE_MS = 250;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export interface EventFilterState {
  filter: UiFilter;
  query: EventFilter;
  /** Anything narrows the list, so an empty list means "nothing matches" rather than "no events yet". */
  filtered: boolean;
  change(patch: Partial<UiFilter>): void;
  reset(): void;
  /** A removed feed stops being the filter. */
  forgetFeed(feedId: string): void;
}

export function useEventFilter(): EventFilterState {
  const [filter, setFilter] = useState<UiFilter>(EMPTY_FILTER);
  const search = useDebounced(filter.search.trim(), SEARCH_DEBOUNCE_MS);
  const query = useMemo(() => toQuery(filter, search), [filter, search]);

  // A burst summary was clicked: show that feed's unread events.
  useEffect(() => on('window:openFeed', ({ feedId }) => setFilter({ ...EMPTY_FILTER, feedId, unreadOnly: true })), []);

  const change = useCallback((patch: Partial<UiFilter>) => setFilter((f) => ({ ...f, ...patch })), []);
  const reset = useCallback(() => setFilter(EMPTY_FILTER), []);
  const forgetFeed = useCallback((feedId: string) => setFilter((f) => (f.feedId === feedId ? { ...f, feedId: null } : f)), []);

  return { filter, query, filtered: JSON.stringify(query) !== '{}', change, reset, forgetFeed };
}
