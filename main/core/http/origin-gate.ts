// At most N requests in flight per origin, in arrival order; after a 429 the origin gets one at a time for a while.
// Services limit concurrent requests per client (Kontur.Extern: 20, and fewer on busy stands); several feeds on one
// origin must queue rather than throttle each other into failing.

/** How long an origin that answered 429 is served one request at a time. */
export const THROTTLED_FOR_MS = 60_000;

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
}

class Gate {
  active = 0;
  /** Until this time (ms), one request at a time: the origin answered 429. */
  throttledUntil = 0;
  readonly queue: Waiter[] = [];
}

export class OriginGates {
  readonly #gates = new Map<string, Gate>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Waits for a free slot on `origin` (at most `limit` in flight, 1 while throttled); returns the release function.
   * Rejects with the signal's reason if it aborts while waiting.
   */
  async acquire(origin: string, limit: number, signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    const gate = this.#gate(origin);
    if (gate.queue.length === 0 && gate.active < this.#limit(gate, limit)) {
      gate.active++;
      return this.#releaser(origin, gate, limit);
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        const at = gate.queue.indexOf(waiter);
        if (at >= 0) gate.queue.splice(at, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      gate.queue.push(waiter);
    });
    return this.#releaser(origin, gate, limit);
  }

  /** The origin answered 429: serve it one request at a time for THROTTLED_FOR_MS. */
  throttled(origin: string): void {
    this.#gate(origin).throttledUntil = this.#now() + THROTTLED_FOR_MS;
  }

  /** Requests in flight to `origin` (tests). */
  active(origin: string): number {
    return this.#gates.get(origin)?.active ?? 0;
  }

  #gate(origin: string): Gate {
    let gate = this.#gates.get(origin);
    if (!gate) {
      gate = new Gate();
      this.#gates.set(origin, gate);
    }
    return gate;
  }

  #limit(gate: Gate, limit: number): number {
    return this.#now() < gate.throttledUntil ? 1 : Math.max(1, limit);
  }

  #releaser(origin: string, gate: Gate, limit: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      gate.active--;
      // Hand the slot on in arrival order; the waiter counts itself in before it runs.
      while (gate.queue.length > 0 && gate.active < this.#limit(gate, limit)) {
        gate.active++;
        gate.queue.shift()!.resolve();
      }
      if (gate.active === 0 && gate.queue.length === 0 && this.#now() >= gate.throttledUntil) this.#gates.delete(origin);
    };
  }
}
