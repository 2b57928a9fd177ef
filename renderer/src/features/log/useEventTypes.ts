// The event types stored so far, for the type filter: loaded at start, reloaded as new events arrive (at most every 3 s).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Requests } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';

export type KnownType = Requests['events:types']['result'][number];

const TYPES_REFRESH_MS = 3000;

/** `initial`: the types already at hand (the boot's); without them they are asked for. */
export function useEventTypes(report: (err: unknown) => void, initial?: KnownType[]): { types: KnownType[]; refresh(): void } {
  const [types, setTypes] = useState<KnownType[]>(initial ?? []);
  // The boot's types count as just fetched only from the first event on (no clock read during render).
  const fetchedAt = useRef(0);
  const asked = useRef(initial !== undefined);

  const refresh = useCallback(() => {
    fetchedAt.current = Date.now();
    call('events:types').then(setTypes, report);
  }, [report]);

  useEffect(() => {
    if (!asked.current) refresh();
    asked.current = false;
  }, [refresh]);
  useEffect(
    () =>
      on('events:added', () => {
        if (Date.now() - fetchedAt.current > TYPES_REFRESH_MS) refresh();
      }),
    [refresh],
  );

  return { types, refresh };
}
