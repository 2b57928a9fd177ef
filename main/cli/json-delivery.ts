// `sync --json`'s promise: a script reading the stream never misses an event. Each feed has a delivery position in
// the event log; a line is marked delivered only after it was written out, so the lines of a run that died between
// a commit and its print are printed by the next run (and a page in flight may come twice: dedupe by feedId + id).
import { writeSync } from 'node:fs';
import type { EventStore } from '../core/store/event-store.ts';
import type { CliIo } from './cli-support.ts';
import { eventJsonLine } from './event-lines.ts';

/** Rows read per round: a backlog of millions streams through without sitting in memory. */
const BATCH = 500;

export interface DeliveryTrace {
  /** Writes one line to the trace, synchronously (the crash test reads it while it kills the run). */
  line(text: string): void;
  /** Waited after a commit before its lines are printed: widens the window a crash test aims at. */
  pauseMs: number;
}

/**
 * Test instrumentation, off unless set: FEEDBELL_DELIVERY_TRACE_FD names an open file descriptor that gets
 * "stored <feed> <seq>" after each commit and "printed <feed> <seq>" after each delivery;
 * FEEDBELL_DELIVERY_PAUSE_MS delays printing after a commit.
 */
export function deliveryTraceFromEnv(env: NodeJS.ProcessEnv): DeliveryTrace | null {
  const fd = Number(env['FEEDBELL_DELIVERY_TRACE_FD']);
  if (!Number.isInteger(fd) || fd < 3) return null;
  return {
    line: (text) => {
      writeSync(fd, `${text}\n`);
    },
    pauseMs: Math.max(0, Number(env['FEEDBELL_DELIVERY_PAUSE_MS'] ?? 0) || 0),
  };
}

export class JsonDelivery {
  readonly #store: EventStore;
  readonly #io: CliIo;
  readonly #trace: DeliveryTrace | null;
  /** One chain per feed: a feed's lines go out in the order they were stored. */
  readonly #chains = new Map<string, Promise<void>>();

  constructor(store: EventStore, io: CliIo, feedIds: readonly string[], trace: DeliveryTrace | null) {
    this.#store = store;
    this.#io = io;
    this.#trace = trace;
    store.ensureDeliveries('json', feedIds);
  }

  /** A page of `feedId` was committed: print what is undelivered (after the trace's pause, when tracing). */
  stored(feedId: string): void {
    this.#trace?.line(`stored ${feedId}`);
    this.deliver(feedId, this.#trace?.pauseMs ?? 0);
  }

  /** Prints the feed's undelivered events, in the order they were stored; chained after earlier rounds. */
  deliver(feedId: string, pauseMs = 0): Promise<void> {
    const previous = this.#chains.get(feedId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await this.#drain(feedId);
    });
    this.#chains.set(feedId, next);
    // A round that fails (a full disk refusing the mark) is reported by settled(); until then it must not count as
    // an unhandled rejection, which would end the process before the run can say what happened.
    next.catch(() => {});
    return next;
  }

  /** Waits until every round asked for so far has been written out and marked delivered. */
  async settled(): Promise<void> {
    await Promise.all(this.#chains.values());
  }

  async #drain(feedId: string): Promise<void> {
    for (;;) {
      const batch = this.#store.undelivered('json', feedId, BATCH);
      if (batch.length === 0) return;
      for (const event of batch) this.#io.out(eventJsonLine(event, false));
      // Marked only once the lines have left this process: a kill before this point prints them again next run.
      await this.#io.flush();
      const last = batch.at(-1)!.seq;
      this.#store.markDelivered('json', feedId, last);
      this.#trace?.line(`printed ${feedId} ${last}`);
    }
  }
}
