// The event types stored so far, for the type filter: loaded at start, reloaded as new events arrive (at most every 3 s).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Requests } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';

export type KnownType = Requests['events:types']['result'][number];

const TYPES_REFRESH_MS = 3000;

export function useEventTypes(report: (err: unknown) => void): { types: KnownType[]; refresh(): void } {
  const [types, setTypes] = useState<KnownType[]>([]);
  const fetchedAt = useRef(0);

  const refresh = useCallback(() => {
    fetchedAt.current = Date.now();
    call('events:types').then(setTypes, report);
  }, [report]);

  useEffect(refresh, [refresh]);
  useEffect(
    () =>
      on('events:added', () => {
        if (Date.now() - fetchedAt.current > TYPES_REFRESH_MS) refresh();
      }),
    [refresh],
  );

  return { types, refresh };
}
