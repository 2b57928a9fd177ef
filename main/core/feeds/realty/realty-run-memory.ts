// Kontur realty checks: what one sync run remembers about the positions it sent, to tell a service that forgets
// positions (restart from the oldest kept event, as often as it happens) from one that goes round in circles.
//
// The poller hands the same context to every call of one sync run and a new one to the next run, so memory keyed
// by the context lasts exactly one run: a restart of the core, or the next poll, starts with a clean slate.
// Nothing here is stored, and nothing depends on any clock.

interface RunMemory {
  /** Positions the service refused in this run (each then restarted from the oldest kept event). */
  rejected: Set<string>;
  /** How many pages this run got for each position it sent. */
  answered: Map<string, number>;
}

const runs = new WeakMap<object, RunMemory>();

function memory(run: object): RunMemory {
  let m = runs.get(run);
  if (!m) {
    m = { rejected: new Set(), answered: new Map() };
    runs.set(run, m);
  }
  return m;
}

function key(position: string): string {
  return position.toLowerCase();
}

/** The service refused this position before, in this run: refusing it again after a restart is a loop. */
export function rejectedBefore(run: object, position: string): boolean {
  return memory(run).rejected.has(key(position));
}

/**
 * This run already got two pages for this position: after one re-read from the oldest kept event (a restart the
 * service may make silently) a third is a loop.
 */
export function answeredTwice(run: object, position: string): boolean {
  return (memory(run).answered.get(key(position)) ?? 0) >= 2;
}

/**
 * Recorded only once the page is in hand, so that a transient failure retried within the run (the same request
 * again) is not mistaken for a loop.
 */
export function remember(run: object, outcome: { rejected: string | null; answered: string | null }): void {
  const m = memory(run);
  if (outcome.rejected !== null) m.rejected.add(key(outcome.rejected));
  if (outcome.answered !== null) m.answered.set(key(outcome.answered), (m.answered.get(key(outcome.answered)) ?? 0) + 1);
}
