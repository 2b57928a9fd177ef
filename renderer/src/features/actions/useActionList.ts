// The queue's items while its view is shown: asked for on open and on every actions:changed push; «Готово» moves an
// item at once and offers «Отменить» for a few seconds; «Вернуть» opens a done item again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionItem, ActionList } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';
import { withDone } from './action-list.ts';

/** How long «Отменить» stays after «Готово». */
export const UNDO_MS = 8000;

export interface DoneUndo {
  item: ActionItem;
  /** What was set: true after «Готово», false after «Вернуть». */
  done: boolean;
}

export interface ActionListState {
  list: ActionList | null;
  includeClosed: boolean;
  setIncludeClosed(value: boolean): void;
  setDone(item: ActionItem, done: boolean): void;
  /** The last change, while it can still be taken back. */
  undo: DoneUndo | null;
  takeBack(): void;
}

export function useActionList(report: (err: unknown) => void): ActionListState {
  const [list, setList] = useState<ActionList | null>(null);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [undo, setUndo] = useState<DoneUndo | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The latest request wins: an answer to an older one (the toggle changed meanwhile) is dropped.
  const asked = useRef(0);

  const reload = useCallback(() => {
    const ask = ++asked.current;
    call('actions:list', { includeClosed }).then((answer) => {
      if (ask === asked.current) setList(answer);
    }, report);
  }, [includeClosed, report]);

  useEffect(() => {
    reload();
    return on('actions:changed', reload);
  }, [reload]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const send = useCallback(
    (item: ActionItem, done: boolean) => {
      setList((l) => (l ? withDone(l, item.id, done, Date.now(), includeClosed) : l));
      call('actions:setDone', item.id, done).then(reload, (err: unknown) => {
        report(err);
        reload();
      });
    },
    [includeClosed, reload, report],
  );

  const setDone = useCallback(
    (item: ActionItem, done: boolean) => {
      send(item, done);
      clearTimeout(timer.current);
      setUndo({ item, done });
      timer.current = setTimeout(() => setUndo(null), UNDO_MS);
    },
    [send],
  );

  const takeBack = useCallback(() => {
    if (!undo) return;
    clearTimeout(timer.current);
    setUndo(null);
    send(undo.item, !undo.done);
  }, [undo, send]);

  return { list, includeClosed, setIncludeClosed, setDone, undo, takeBack };
}
