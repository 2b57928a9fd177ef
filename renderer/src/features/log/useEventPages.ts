// Keyset-paged event list state: first page on filter change, older pages on demand, live refresh of the head.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventFilter, EventPage, EventRecord } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';
import { PAGE_SIZE } from './event-filter.ts';

export { PAGE_SIZE };

export interface EventPagesState {
  /**
   * The list's rows in order; a row far from the view is released (undefined) and loaded again when it comes back
   * into view, so scrolling through 100,000 rows keeps only a few thousand in memory.
   */
  items: (EventRecord | undefined)[];
  hasMore: boolean;
  /** True while the first page for the current filter is loading. */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Replaced when a head refresh put rows above the old first one (the list keeps its scroll position). */
  prepended: { count: number };
  /**
   * The rows are an earlier filter's, kept on screen until this filter's first page arrives (no blank flash between
   * filter changes); `loading` is true meanwhile.
   */
  stale: boolean;
  /** The query the rows answer (a new one scrolls the list back to the top). */
  shownKey: string;
  /** The pages loaded after the first, by their cursors and where their rows are now (released ones load again). */
  chunks: Chunk[];
}

export interface EventPages extends EventPagesState {
  loadMore(): void;
  refreshHead(): void;
  /** Loads the first page again, replacing the rows when it arrives (after marking many read or an undo). */
  reload(): void;
  /** The rows on screen: pages far from them are released, released pages among them are loaded again. */
  showRange(first: number, last: number): void;
  setRead(keys: number[], read: boolean): void;
}

const INITIAL: EventPagesState = {
  items: [],
  hasMore: false,
  loading: true,
  loadingMore: false,
  error: null,
  prepended: { count: 0 },
  stale: false,
  shownKey: '',
  chunks: [],
};

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Puts a fresh first page on top of what is loaded, keeping the older rows when the two overlap. */
/** Rows kept either side of the view; pages wholly beyond are released. */
const KEEP_MARGIN = 1000;

/** A page loaded after the first, by its cursor: where its rows are now (head refreshes move them down). */
interface Chunk {
  start: number;
  count: number;
  cursor: string;
}

const present = (e: EventRecord | undefined): e is EventRecord => e !== undefined;

function mergeHead(
  s: EventPagesState,
  fresh: EventPage,
  nextRef: { current: string | null },
  keepRead: boolean,
): EventPagesState {
  // The window changed read flags while the page was on its way: its rows' flags are newer than the page's.
  const known = keepRead ? new Map(s.items.filter(present).map((e) => [e.key, e.read])) : null;
  const page = known
    ? {
        ...fresh,
        items: fresh.items.map((e) => (known.has(e.key) && known.get(e.key) !== e.read ? { ...e, read: known.get(e.key)! } : e)),
      }
    : fresh;
  const last = page.items.at(-1);
  const overlaps = last !== undefined && s.items.some((e) => e?.key === last.key);
  if (s.items.length === 0 || (!overlaps && page.next !== null)) {
    // Nothing loaded yet, or more new rows than one page: start over from the new head.
    nextRef.current = page.next;
    return { ...s, items: page.items, hasMore: page.next !== null, loading: false, chunks: [] };
  }
  const headKeys = new Set(page.items.map((e) => e.key));
  const oldKeys = new Set(s.items.filter(present).map((e) => e.key));
  const added = page.items.filter((e) => !oldKeys.has(e.key)).length;
  if (added === 0 && page.items.every((e, i) => s.items[i]?.key === e.key && s.items[i]?.read === e.read)) return s;
  // The head page's rows replace their old places (up to the last old row it holds); the rows below move by the difference.
  let cut = 0;
  for (let i = 0; i < Math.min(s.items.length, PAGE_SIZE * 2); i++) if (headKeys.has(s.items[i]?.key ?? -1)) cut = i + 1;
  const shift = page.items.length - cut;
  return {
    ...s,
    items: (page.items as (EventRecord | undefined)[]).concat(s.items.slice(cut)),
    chunks: s.chunks.map((c) => ({ ...c, start: c.start + shift })),
    prepended: added > 0 ? { count: added } : s.prepended,
  };
}

/** `firstPage`: the first page of `filter` already at hand (the boot's), shown in the first render without asking again. */
export function useEventPages(filter: EventFilter, firstPage?: EventPage): EventPages {
  const filterKey = JSON.stringify(filter);
  const query = useMemo(() => JSON.parse(filterKey) as EventFilter, [filterKey]);
  const [state, setState] = useState<EventPagesState>(() =>
    firstPage
      ? { ...INITIAL, items: firstPage.items, hasMore: firstPage.next !== null, loading: false, shownKey: filterKey }
      : { ...INITIAL, shownKey: filterKey },
  );
  const [stateKey, setStateKey] = useState(filterKey);
  if (stateKey !== filterKey) {
    // A new filter: the old rows stay, marked stale, until the new first page replaces them.
    setStateKey(filterKey);
    setState((s) => ({ ...s, loading: true, loadingMore: false, hasMore: false, stale: s.items.length > 0 }));
  }

  // Every filter change starts a new generation; answers for an older one are dropped.
  const generation = useRef(0);
  const next = useRef<string | null>(firstPage?.next ?? null);
  /** The first page came with the boot: the first load is done. */
  const haveFirst = useRef(firstPage !== undefined);
  const loadingMore = useRef(false);
  const headBusy = useRef(false);
  const headAgain = useRef(false);
  /** Counts the window's own read changes, so a head refresh that overlapped one keeps the window's flags. */
  const readChanges = useRef(0);

  const loadFirst = useCallback(() => {
    const gen = ++generation.current;
    next.current = null;
    loadingMore.current = false;
    call('events:query', { ...query, limit: PAGE_SIZE }).then(
      (page) => {
        if (gen !== generation.current) return;
        next.current = page.next;
        setState((s) => ({
          ...s,
          items: page.items,
          hasMore: page.next !== null,
          loading: false,
          loadingMore: false,
          error: null,
          stale: false,
          shownKey: filterKey,
          chunks: [],
        }));
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setState((s) => ({ ...s, loading: false, error: message(err) }));
      },
    );
  }, [query, filterKey]);

  useEffect(() => {
    if (haveFirst.current) haveFirst.current = false;
    else loadFirst();
  }, [loadFirst]);

  const loadMore = useCallback(() => {
    const cursor = next.current;
    if (cursor === null || loadingMore.current) return;
    const gen = generation.current;
    loadingMore.current = true;
    setState((s) => ({ ...s, loadingMore: true }));
    call('events:query', { ...query, after: cursor, limit: PAGE_SIZE }).then(
      (page) => {
        if (gen !== generation.current) return;
        loadingMore.current = false;
        next.current = page.next;
        setState((s) => {
          const seen = new Set(s.items.filter(present).map((e) => e.key));
          const fresh = page.items.filter((e) => !seen.has(e.key));
          return {
            ...s,
            items: s.items.concat(fresh),
            chunks: [...s.chunks, { start: s.items.length, count: fresh.length, cursor }],
            hasMore: page.next !== null,
            loadingMore: false,
          };
        });
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        loadingMore.current = false;
        setState((s) => ({ ...s, loadingMore: false, error: message(err) }));
      },
    );
  }, [query]);

  const refreshHead = useCallback(() => {
    if (headBusy.current) {
      headAgain.current = true;
      return;
    }
    headBusy.current = true;
    const run = async () => {
      do {
        headAgain.current = false;
        const gen = generation.current;
        const reads = readChanges.current;
        try {
          const page = await call('events:query', { ...query, limit: PAGE_SIZE });
          if (gen === generation.current) setState((s) => mergeHead(s, page, next, reads !== readChanges.current));
        } catch (err) {
          if (gen === generation.current) setState((s) => ({ ...s, error: message(err) }));
        }
      } while (headAgain.current);
      headBusy.current = false;
    };
    void run();
  }, [query]);

  // New events were stored: put them on top of the list.
  useEffect(() => on('events:added', () => refreshHead()), [refreshHead]);

  const setRead = useCallback((keys: number[], read: boolean) => {
    readChanges.current++;
    const wanted = new Set(keys);
    setState((s) => ({
      ...s,
      items: s.items.map((e) => (e && wanted.has(e.key) && e.read !== read ? { ...e, read } : e)),
    }));
  }, []);

  // The latest state, for showRange's refills (which run outside a state update).
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);
  const refilling = useRef(new Set<string>());

  const showRange = useCallback(
    (first: number, last: number) => {
      const low = first - KEEP_MARGIN;
      const high = last + KEEP_MARGIN;
      setState((s) => {
        const far = s.chunks.filter((c) => (c.start + c.count < low || c.start > high) && s.items[c.start] !== undefined);
        if (far.length === 0) return s;
        const items = s.items.slice();
        for (const c of far) for (let i = c.start; i < c.start + c.count; i++) items[i] = undefined;
        return { ...s, items };
      });
      const gen = generation.current;
      for (const c of latest.current.chunks) {
        if (c.start + c.count < first || c.start > last || latest.current.items[c.start] !== undefined) continue;
        if (refilling.current.has(c.cursor)) continue;
        refilling.current.add(c.cursor);
        call('events:query', { ...query, after: c.cursor, limit: c.count }).then(
          (page) => {
            refilling.current.delete(c.cursor);
            if (gen !== generation.current) return;
            setState((s) => {
              const chunk = s.chunks.find((x) => x.cursor === c.cursor);
              if (!chunk) return s;
              const items = s.items.slice();
              page.items.slice(0, chunk.count).forEach((e, i) => (items[chunk.start + i] = e));
              return { ...s, items };
            });
          },
          (err: unknown) => {
            refilling.current.delete(c.cursor);
            if (gen === generation.current) setState((s) => ({ ...s, error: message(err) }));
          },
        );
      }
    },
    [query],
  );

  return { ...state, loadMore, refreshHead, reload: loadFirst, setRead, showRange };
}
