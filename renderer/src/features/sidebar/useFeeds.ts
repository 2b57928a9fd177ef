// The configured feeds and their unread counts: loaded at start, kept current by main's pushes; pause, sync, dismiss.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FeedStatus, UnreadCounts } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';
import { unreadOf } from './Sidebar.tsx';

export interface FeedsState {
  /** null until main has answered. */
  list: FeedStatus[] | null;
  counts: UnreadCounts;
  totalUnread: number;
  names: Map<string, string>;
  reload(): void;
  refreshCounts(): void;
  setPaused(feedId: string | null, paused: boolean): void;
  syncNow(feedId: string | null): void;
  dismissNote(feedId: string): void;
  /** A feed main just added. */
  put(status: FeedStatus): void;
  /** A feed main just removed. */
  drop(feedId: string): void;
}

function withStatus(list: FeedStatus[] | null, status: FeedStatus): FeedStatus[] {
  if (!list) return [status];
  const at = list.findIndex((f) => f.id === status.id);
  if (at < 0) return [...list, status];
  const copy = list.slice();
  copy[at] = status;
  return copy;
}

/** `initial`: the feeds and counts already at hand (the boot's); without them they are asked for. */
export function useFeeds(report: (err: unknown) => void, initial?: { feeds: FeedStatus[]; counts: UnreadCounts }): FeedsState {
  const [list, setList] = useState<FeedStatus[] | null>(initial?.feeds ?? null);
  const [counts, setCounts] = useState<UnreadCounts>(initial?.counts ?? {});
  const asked = useRef(initial !== undefined);

  const reload = useCallback(() => {
    call('feeds:list').then(setList, report);
  }, [report]);

  const refreshCounts = useCallback(() => {
    call('events:unreadCounts').then(setCounts, report);
  }, [report]);

  useEffect(() => {
    if (!asked.current) {
      reload();
      refreshCounts();
    }
    asked.current = false;
  }, [reload, refreshCounts]);

  useEffect(() => {
    const offs = [on('events:unreadCounts', setCounts), on('feeds:status', (status) => setList((l) => withStatus(l, status)))];
    return () => offs.forEach((off) => off());
  }, []);

  const setPaused = (feedId: string | null, paused: boolean) => {
    setList((l) => l?.map((f) => (feedId === null || f.id === feedId ? { ...f, paused } : f)) ?? l);
    call('feeds:setPaused', feedId, paused).then(reload, report);
  };

  const names = useMemo(() => new Map((list ?? []).map((f) => [f.id, f.name])), [list]);

  return {
    list,
    counts,
    totalUnread: (list ?? []).reduce((sum, f) => sum + unreadOf(f, counts), 0),
    names,
    reload,
    refreshCounts,
    setPaused,
    syncNow: (feedId) => void call('feeds:syncNow', feedId).catch(report),
    dismissNote: (feedId) => void call('feeds:dismissNote', feedId).catch(report),
    put: (status) => setList((l) => [...(l ?? []).filter((f) => f.id !== status.id), status]),
    drop: (feedId) => setList((l) => l?.filter((f) => f.id !== feedId) ?? l),
  };
}
