// A manual clock for poller tests: time moves only when a test advances it.
import type { Clock } from '../../main/core/ports.ts';

interface Timer {
  at: number;
  resolve: () => void;
}

export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 10, 1, 9, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
      const timer: Timer = { at: this.#now + ms, resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          reject(new DOMException('Aborted', 'AbortError'));
        },
        { once: true },
      );
    });
  }

  /** Number of sleeps waiting. */
  get pending(): number {
    return this.#timers.length;
  }

  /** The earliest wake-up time, if any sleep is waiting. */
  get nextTimerAt(): number | null {
    return this.#timers.length ? Math.min(...this.#timers.map((t) => t.at)) : null;
  }

  /** Moves time forward by `ms`, firing due sleeps in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  /** Time passes awake until `target`: due sleeps fire in order. Bounded. */
  async advanceTo(target: number): Promise<void> {
    for (let guard = 0; guard < 100_000; guard++) {
      await settle();
      const due = this.#timers.filter((t) => t.at <= target).toSorted((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#now = Math.max(this.#now, due.at);
      this.#timers = this.#timers.filter((t) => t !== due);
      due.resolve();
    }
    this.#now = Math.max(this.#now, target);
    await settle();
  }

  /** The machine sleeps: time moves, no sleep fires (a resume must catch up). */
  jump(ms: number): void {
    this.#now += ms;
  }
}

/**
 * A clock for whole syncs against real servers: every sleep (a retry's wait) passes at once in virtual time, so a
 * test sees the retries without waiting for them. `slept` records each wait.
 */
export class InstantClock implements Clock {
  #now: number;
  readonly slept: number[] = [];

  constructor(start = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.slept.push(ms);
    this.#now += ms;
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }
}

/** Lets pending promise continuations and I/O callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Waits (bounded) until `condition` holds, letting the event loop turn. */
export async function until(condition: () => boolean, what = 'condition', rounds = 2000): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
