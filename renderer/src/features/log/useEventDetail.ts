// The list's cursor and the event the detail pane shows: opening an event marks it read; read, unread, all read.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventDetail } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';
import type { EventPages } from './useEventPages.ts';

export interface EventDetailState {
  /** The row the keyboard is on. */
  activeKey: number | null;
  setActiveKey(key: number | null): void;
  /** The row whose detail is shown (or loading). */
  openKey: number | null;
  detail: EventDetail | null;
  loading: boolean;
  open(key: number): void;
  setRead(key: number, read: boolean): void;
  toggleRead(key: number): void;
  /** The shown event became read with many others (mark what matches). */
  markShownRead(): void;
  /** Closes the detail (Esc): the list keeps its cursor on the row. */
  close(): void;
}

export function useEventDetail(pages: EventPages, refreshCounts: () => void, report: (err: unknown) => void): EventDetailState {
  const [activeKey, setActiveKey] = useState<number | null>(null);
  const [openKey, setOpenKey] = useState<number | null>(null);
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [loading, setLoading] = useState(false);
  // The latest open request: an answer for an event opened before it is dropped.
  const openKeyRef = useRef<number | null>(null);
  const { items, refreshHead, setRead: setPageRead } = pages;

  const setRead = useCallback(
    (key: number, read: boolean) => {
      setPageRead([key], read);
      setDetail((d) => (d && d.key === key ? { ...d, read } : d));
      call('events:markRead', [key], read).then(refreshCounts, report);
    },
    [setPageRead, refreshCounts, report],
  );

  const open = useCallback(
    (key: number) => {
      openKeyRef.current = key;
      setOpenKey(key);
      setActiveKey(key);
      setLoading(true);
      call('events:get', key).then(
        (found) => {
          if (openKeyRef.current !== key) return;
          setLoading(false);
          setDetail(found);
          if (found && !found.read) setRead(key, true);
        },
        (err: unknown) => {
          setLoading(false);
          report(err);
        },
      );
    },
    [setRead, report],
  );

  // A notification was clicked: show its event, which may be newer than the loaded head.
  useEffect(
    () =>
      on('window:openEvent', ({ key }) => {
        refreshHead();
        open(key);
      }),
    [refreshHead, open],
  );

  const toggleRead = useCallback(
    (key: number) => {
      const item = items.find((e) => e?.key === key);
      if (item) setRead(key, !item.read);
    },
    [items, setRead],
  );

  const markShownRead = useCallback(() => setDetail((d) => (d && !d.read ? { ...d, read: true } : d)), []);

  const close = useCallback(() => {
    openKeyRef.current = null;
    setOpenKey(null);
    setDetail(null);
    setLoading(false);
  }, []);

  return { activeKey, setActiveKey, openKey, detail, loading, open, setRead, toggleRead, markShownRead, close };
}
