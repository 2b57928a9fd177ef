// How long events are kept (Preferences.retentionDays; null keeps them all): older events are pruned in the
// background, a few hundred per transaction with a turn of the event loop between them, so pruning a year of a busy
// feed never holds main's loop long. Runs shortly after start, then every few hours, and soon after the setting changes.
import type { Preferences } from '../../../preload/contract.ts';
import type { Clock, Logger } from '../ports.ts';
import type { EventStore } from '../store/event-store.ts';
import { turnOfTheLoop } from '../loop-turn.ts';

const DAY_MS = 24 * 3_600_000;
/** Events deleted per transaction (~10 ms each with their full-text rows). */
export const PRUNE_CHUNK = 200;
/** After start (let the window and the first syncs go first), and between runs. */
export const RETENTION_FIRST_RUN_MS = 60_000;
export const RETENTION_INTERVAL_MS = 6 * 3_600_000;
/** After the setting changed. */
export const RETENTION_SOON_MS = 2_000;

export interface RetentionDeps {
  store: EventStore;
  preferences: () => Preferences;
  clock: Clock;
  log: Logger;
  /** Events were pruned: unread counts changed, and the window reloads its list. */
  pruned(count: number): void;
}

export class RetentionService {
  readonly #d: RetentionDeps;
  #loop: Promise<void> | null = null;
  #stop: AbortController | null = null;
  #wake: AbortController | null = null;
  #running: Promise<number> | null = null;

  constructor(deps: RetentionDeps) {
    this.#d = deps;
  }

  /** Prunes once now: every event older than the retention period (none when events are kept). Returns how many went. */
  pruneNow(signal?: AbortSignal): Promise<number> {
    this.#running ??= this.#prune(signal).finally(() => (this.#running = null));
    return this.#running;
  }

  async #prune(signal?: AbortSignal): Promise<number> {
    const days = this.#d.preferences().retentionDays;
    if (days === null) return 0;
    const cutoff = this.#d.clock.now() - days * DAY_MS;
    let total = 0;
    try {
      for (;;) {
        const deleted = this.#d.store.pruneBefore(cutoff, PRUNE_CHUNK);
        total += deleted;
        if (deleted < PRUNE_CHUNK || signal?.aborted) break;
        await turnOfTheLoop();
      }
    } catch (err) {
      this.#d.log.error('retention: pruning failed', { error: err instanceof Error ? err.message : String(err) });
    }
    if (total > 0) {
      this.#d.log.info('retention: old events pruned', { count: total, days });
      this.#d.pruned(total);
    }
    return total;
  }

  /** Prunes in the background: after RETENTION_FIRST_RUN_MS, then every RETENTION_INTERVAL_MS, and soon after `changed()`. */
  start(): void {
    if (this.#loop) return;
    const stop = new AbortController();
    this.#stop = stop;
    this.#loop = (async () => {
      let wait = RETENTION_FIRST_RUN_MS;
      while (!stop.signal.aborted) {
        const wake = new AbortController();
        this.#wake = wake;
        const woken = await this.#d.clock.sleep(wait, AbortSignal.any([stop.signal, wake.signal])).then(
          () => false,
          () => !stop.signal.aborted,
        );
        if (stop.signal.aborted) break;
        wait = woken ? RETENTION_SOON_MS : RETENTION_INTERVAL_MS;
        if (woken) continue;
        await this.pruneNow(stop.signal);
      }
    })();
  }

  /** The retention setting changed: prune soon (a run in a couple of seconds, so several changes make one run). */
  changed(): void {
    this.#wake?.abort();
  }

  async stop(): Promise<void> {
    this.#stop?.abort();
    await this.#loop;
    await this.#running;
    this.#loop = null;
  }
}
