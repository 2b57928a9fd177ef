// «Обновить» answers with what it came to: after a sync the user asked for, once the feeds are done, «+3 новых
// события» or «Новых событий нет» (counted from main's events:added pushes meanwhile).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FeedStatus } from '../../../../preload/contract.ts';
import { on } from '../../bridge.ts';

/** A sync is taken as done once no watched feed is syncing, and at least this long after the request. */
const SETTLE_MS = 1200;
/** Give up waiting after this long (a slow service): say what came so far. */
const MAX_WAIT_MS = 30_000;
/** How long the answer stays. */
const SHOW_MS = 6000;

interface Watch {
  feedId: string | null;
  added: number;
  since: number;
}

export interface SyncOutcome {
  /** New events the last sync brought, once it is done; null while nothing is to be said. */
  result: { added: number } | null;
  watch(feedId: string | null): void;
  dismiss(): void;
}

export function useSyncOutcome(feeds: FeedStatus[] | null): SyncOutcome {
  const [result, setResult] = useState<{ added: number } | null>(null);
  const [watching, setWatching] = useState(false);
  const current = useRef<Watch | null>(null);
  const feedsRef = useRef(feeds);
  const hide = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    feedsRef.current = feeds;
  }, [feeds]);

  useEffect(
    () =>
      on('events:added', ({ feedId, count }) => {
        const w = current.current;
        if (w && (w.feedId === null || w.feedId === feedId)) w.added += count;
      }),
    [],
  );

  // Done when the watched feeds are no longer syncing, checked a few times a second while watching.
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => {
      const w = current.current;
      if (!w) return;
      const elapsed = Date.now() - w.since;
      const busy = (feedsRef.current ?? []).some((f) => (w.feedId === null || f.id === w.feedId) && f.phase === 'syncing');
      if ((busy || elapsed < SETTLE_MS) && elapsed < MAX_WAIT_MS) return;
      current.current = null;
      setWatching(false);
      setResult({ added: w.added });
      if (hide.current !== null) clearTimeout(hide.current);
      hide.current = setTimeout(() => setResult(null), SHOW_MS);
    }, 250);
    return () => clearInterval(timer);
  }, [watching]);

  useEffect(
    () => () => {
      if (hide.current !== null) clearTimeout(hide.current);
    },
    [],
  );

  const watch = useCallback((feedId: string | null) => {
    current.current = { feedId, added: 0, since: Date.now() };
    setResult(null);
    setWatching(true);
  }, []);

  return { result, watch, dismiss: () => setResult(null) };
}
