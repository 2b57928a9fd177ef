// How many events the filter and search match, and how many of them are unread: the list head says the first, "mark
// read" the second. Counted by main (it stops at EVENT_COUNT_LIMIT: «10 000+»); recounted when the filter changes,
// when events arrive or are read (at most every COUNT_REFRESH_MS), and on request.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventCount, EventFilter } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';

const COUNT_REFRESH_MS = 1000;

export interface MatchCount {
  /** null until the first answer for this filter (the previous filter's figures are kept meanwhile, marked stale). */
  all: EventCount | null;
  unread: EventCount | null;
  /** The figures are for an earlier filter: an answer for this one is on its way. */
  stale: boolean;
  refresh(): void;
}

export function useMatchCount(query: EventFilter): MatchCount {
  const [counts, setCounts] = useState<{ all: EventCount | null; unread: EventCount | null; for: EventFilter | null }>({
    all: null,
    unread: null,
    for: null,
  });
  const generation = useRef(0);
  const lastRun = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const run = useCallback(() => {
    const gen = ++generation.current;
    lastRun.current = Date.now();
    Promise.all([call('events:count', query), call('events:count', { ...query, unreadOnly: true })]).then(
      ([all, unread]) => {
        if (gen === generation.current) setCounts({ all, unread, for: query });
      },
      () => {
        // A lost connection is shown by the connection watch; the figures stay as they were.
      },
    );
  }, [query]);

  // The recount timer runs the latest filter's count, never the one it was set for.
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
    run();
  }, [run]);

  /** Recount soon, at most once per COUNT_REFRESH_MS. */
  const refresh = useCallback(() => {
    if (timer.current !== null) return;
    const wait = Math.max(0, lastRun.current + COUNT_REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, wait);
  }, []);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );
  useEffect(() => on('events:added', refresh), [refresh]);
  useEffect(() => on('events:unreadCounts', refresh), [refresh]);
  useEffect(() => on('events:pruned', refresh), [refresh]);

  return { all: counts.all, unread: counts.unread, stale: counts.for !== query, refresh };
}
