// Folding stored events through a provider's tracker, guarded (a tracker that throws skips the event, never the feed)
// and in chunks that yield to the event loop: what the ActionService replays and refolds with.
import type { Logger } from '../ports.ts';
import type { ActionTracker, SubjectState, TrackedEvent } from './action-tracker.ts';
import { turnOfTheLoop } from '../loop-turn.ts';

/** Events read per chunk; the fold yields to the event loop between chunks. */
export const FOLD_CHUNK = 500;

/** A subject's state with the newest event folded into it and the service's answer it was folded with. */
export interface Folded {
  state: SubjectState;
  lastKey: number;
  looked: Record<string, unknown> | null;
}

export function subjectOf(tracker: ActionTracker, event: TrackedEvent): string | null {
  try {
    return tracker.subjectOf(event);
  } catch {
    return null;
  }
}

/** One more event folded in; null while the subject needs nothing. */
export function foldEvent(
  tracker: ActionTracker,
  previous: Folded | { looked: Record<string, unknown> | null },
  event: TrackedEvent,
  settings: unknown,
  log: Logger,
): Folded | null {
  const state = 'state' in previous ? previous.state : null;
  const looked = previous.looked;
  let next: SubjectState | null;
  try {
    next = tracker.fold(state, event, { settings, looked });
  } catch (err) {
    log.warn('actions: a tracker could not read an event', {
      feedId: event.feedId,
      error: err instanceof Error ? err.name : 'unknown',
    });
    next = state;
  }
  if (next === null) return state ? { state, lastKey: event.key, looked } : null;
  return { state: next, lastKey: event.key, looked };
}

export interface FoldStoredOptions {
  /** Reads up to `limit` of the feed's events after a key, in the order they occurred. */
  read(afterKey: number, limit: number): TrackedEvent[];
  /** Start after this key. */
  after: number;
  tracker: ActionTracker;
  settings: unknown;
  /** The stored answer of the service about a subject. */
  looked(subject: string): Record<string, unknown> | null;
  log: Logger;
  /** Only this subject's events. */
  only?: string;
  /** Give up (null) after this many chunks. */
  maxChunks?: number;
  /** After each chunk: the key of its last event. */
  onRead?(key: number): void;
}

/** Folds stored events into their subjects, chunk by chunk; null when `maxChunks` was not enough. */
export async function foldStored(options: FoldStoredOptions): Promise<Map<string, Folded> | null> {
  const { tracker, settings, log } = options;
  const folded = new Map<string, Folded>();
  for (let after = options.after, chunk = 0; ; chunk++) {
    if (options.maxChunks !== undefined && chunk >= options.maxChunks) return null;
    await turnOfTheLoop();
    const events = options.read(after, FOLD_CHUNK);
    for (const event of events) {
      const subject = subjectOf(tracker, event);
      if (subject === null || (options.only !== undefined && subject !== options.only)) continue;
      const next = foldEvent(tracker, folded.get(subject) ?? { looked: options.looked(subject) }, event, settings, log);
      if (next) folded.set(subject, next);
    }
    if (events.length > 0) {
      after = events[events.length - 1]!.key;
      options.onRead?.(after);
    }
    if (events.length < FOLD_CHUNK) return folded;
  }
}
