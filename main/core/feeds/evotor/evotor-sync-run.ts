// What one sync run remembers between its pages, never stored: whether it opened a window itself, and its trouble
// with paging cursors. When Evotor rejects its own cursor (expired, used up, unknown: its lifetime is UNCONFIRMED),
// the run drops it and reads the window again by time, giving up only when the same window keeps failing.
import type { EvotorCursor } from './evotor-schema.ts';

/** Rejections in a row that moved nothing forward before a sync gives up (the stored cursor stays clean). */
export const MAX_STALLS = 3;

/** One sync run's memory. It lives with the run's context, never in the stored cursor. */
export interface SyncRunState {
  /**
   * This run asked for a window itself. A window is fixed when first asked for (`until` defaults to the server's
   * "now"), so one left over from an earlier run misses what came since: its end is not the end of the feed.
   */
  openedWindow: boolean;
  /** The `since` the last rejection restarted from. */
  lastRestart: number | null;
  /** A paging cursor was accepted since the last rejection (the server does honour some cursors). */
  accepted: boolean;
  stalls: number;
  /** The skew overlap did not let windows move: restart just behind the newest event seen instead. */
  narrow: boolean;
  /** The error to end the run with at its next page, once the page with the clean cursor is stored. */
  pending: Error | null;
}

const runs = new WeakMap<object, SyncRunState>();

/** The state of the run that `runContext` (the poller's context object, one per sync run) belongs to. */
export function syncRunState(runContext: object): SyncRunState {
  let state = runs.get(runContext);
  if (!state) {
    state = { openedWindow: false, lastRestart: null, accepted: false, stalls: 0, narrow: false, pending: null };
    runs.set(runContext, state);
  }
  return state;
}

/**
 * Where to read again after the cursor of the window in `c` was rejected, and whether to give up this run.
 * - A window that has shown it pages oldest first (two or more events, none older than the one before) was read
 *   without a gap up to the newest event seen: read on from there, minus the skew overlap (duplicates are dropped
 *   by the store).
 * - Any other window (newest first, no order, or too little seen to tell) may have gaps: read it again whole.
 * - When a restart lands where the previous one did and no cursor was accepted in between, the server is handing
 *   out the same first page again; once, the overlap shrinks to 1 ms (an oldest-first window then moves on), and
 *   after MAX_STALLS such restarts the run gives up.
 */
export function afterRejection(state: SyncRunState, c: EvotorCursor, overlap: number): { cursor: EvotorCursor; giveUp: boolean } {
  const ordered = c.unordered !== true && (c.seen ?? 0) >= 2;
  const resumeAt = (behind: number) => (c.last === null ? c.from : Math.max(c.from, c.last - behind));
  let restart = ordered ? resumeAt(state.narrow ? 1 : overlap) : (c.win ?? resumeAt(overlap));
  const progressed = state.accepted || state.lastRestart === null || restart > state.lastRestart;
  if (progressed) state.stalls = 0;
  else {
    state.stalls++;
    if (ordered && !state.narrow) {
      state.narrow = true;
      restart = resumeAt(1);
    }
  }
  state.lastRestart = restart;
  state.accepted = false;
  return { cursor: { from: c.from, last: c.last, win: restart }, giveUp: state.stalls >= MAX_STALLS };
}
