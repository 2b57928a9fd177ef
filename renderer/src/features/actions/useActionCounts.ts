// The queue's counts for the sidebar (how many items are open, how many are due today or overdue): the boot's, or asked
// for once the window has booted, then kept current by main's actions:changed pushes.
import { useCallback, useEffect, useState } from 'react';
import type { ActionCounts } from '../../../../preload/contract.ts';
import { call, on } from '../../bridge.ts';

export interface ActionCountsState {
  /** Null until main has answered. */
  counts: ActionCounts | null;
  /** Asks main again (pushes may have been missed while the connection was lost). */
  refresh(): void;
}

/** `initial`: the counts already at hand (the boot's); without them they are asked for. */
export function useActionCounts(report: (err: unknown) => void, initial?: ActionCounts): ActionCountsState {
  const [counts, setCounts] = useState<ActionCounts | null>(initial ?? null);
  const refresh = useCallback(() => {
    call('actions:counts').then(setCounts, report);
  }, [report]);
  const given = initial !== undefined;
  useEffect(() => {
    const off = on('actions:changed', setCounts);
    if (!given) refresh();
    return off;
  }, [refresh, given]);
  return { counts, refresh };
}
