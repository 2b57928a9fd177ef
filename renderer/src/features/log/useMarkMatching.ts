// "Mark read" over what the search and filters match, with «Отменить» for a few seconds afterwards. Main keeps the
// changed keys; the window holds only the undo token.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventFilter } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';

/** How long «Отменить» is offered after a mark. */
export const UNDO_OFFER_MS = 8000;

export type MarkNotice = { kind: 'marked'; changed: number; undo: string | null } | { kind: 'undone'; changed: number };

export interface MarkMatching {
  busy: boolean;
  notice: MarkNotice | null;
  mark(): void;
  undo(): void;
  dismiss(): void;
}

export interface MarkMatchingDeps {
  query: EventFilter;
  /** The loaded rows all match the query: shown read at once, before main answers. */
  markLoadedRead(): void;
  /** After main changed something: reload the rows, the counts and the feeds' unread counts. */
  changed(): void;
  report(err: unknown): void;
}

export function useMarkMatching({ query, markLoadedRead, changed, report }: MarkMatchingDeps): MarkMatching {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<MarkNotice | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const show = useCallback((next: MarkNotice | null) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = next ? setTimeout(() => setNotice(null), UNDO_OFFER_MS) : null;
    setNotice(next);
  }, []);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const mark = useCallback(() => {
    setBusy(true);
    markLoadedRead();
    call('events:markMatching', query, true).then(
      (result) => {
        setBusy(false);
        show({ kind: 'marked', changed: result.changed, undo: result.undo });
        changed();
      },
      (err: unknown) => {
        setBusy(false);
        changed();
        report(err);
      },
    );
  }, [query, markLoadedRead, changed, report, show]);

  const undo = useCallback(() => {
    if (notice?.kind !== 'marked' || notice.undo === null) return;
    setBusy(true);
    call('events:undoMark', notice.undo).then(
      (n) => {
        setBusy(false);
        show({ kind: 'undone', changed: n });
        changed();
      },
      (err: unknown) => {
        setBusy(false);
        report(err);
      },
    );
  }, [notice, changed, report, show]);

  return { busy, notice, mark, undo, dismiss: () => show(null) };
}
