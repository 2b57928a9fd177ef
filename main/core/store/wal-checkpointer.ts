// Checkpoints of the event log's WAL on a thread of their own, so main's event loop never waits for them.
//
// Why: SQLite copies the WAL back into the database ("checkpoint") inside the COMMIT that makes the WAL reach
// wal_autocheckpoint pages, and syncs both files. While a 100,000-event backlog was stored, every fifth 100-event
// commit did that (~4 MB copied and two fsyncs), and those commits were the longest stalls of main's loop (35 ms
// typical, 150-250 ms when the disk was busy). Small PASSIVE checkpoints between chunks on main were cheap in CPU
// (~2 ms) but still waited for the fsyncs: up to 300 ms on a busy disk. Here a worker thread with its own connection
// runs a PASSIVE checkpoint after each write, which never blocks the writer (WAL allows one checkpointer beside the
// writer), and main's own checkpoint stays only as a backstop that caps the WAL should the worker fall behind.
import { Worker } from 'node:worker_threads';

/** The worker's code, CommonJS as `eval` workers run (no file to find in the bundled app). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sqlite = require('node:sqlite');
const Driver = sqlite.DatabaseSync || sqlite.Database;
const db = new Driver(workerData.file, { timeout: 0 });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    Atomics.store(workerData.closed, 0, 1);
    Atomics.notify(workerData.closed, 0);
    parentPort.close();
    return;
  }
  let result;
  try {
    const row = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
    result = { busy: Number(row.busy), walPages: Number(row.log), copied: Number(row.checkpointed) };
  } catch (err) {
    result = { error: String((err && err.message) || err) };
  }
  parentPort.postMessage(result);
});
`;

interface StepResult {
  busy?: number;
  walPages?: number;
  copied?: number;
  error?: string;
}

export interface CheckpointStats {
  /** Checkpoints the worker ran. */
  runs: number;
  /** The longest WAL (pages) a checkpoint found. */
  maxWalPages: number;
  /** The WAL's length (pages) the last checkpoint found. */
  lastWalPages: number;
  /** Checkpoints that failed (the backstop then keeps the WAL bounded). */
  errors: number;
}

/**
 * A checkpoint starts at most this often (ms): one after every small commit (a chunk of 20 events) made the worker's
 * fsyncs contend with the writer's own writes and halved a backlog's speed; requests in between make one checkpoint.
 */
export const CHECKPOINT_INTERVAL_MS = 50;
/** How long `close` waits at most for the worker to close its connection. */
const CLOSE_WAIT_MS = 2000;

export class WalCheckpointer {
  readonly #worker: Worker;
  /** Set to 1 by the worker once its connection is closed. */
  readonly #workerClosed: Int32Array;
  #inFlight = false;
  #again = false;
  #lastEnd = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #idle: (() => void)[] = [];
  readonly stats: CheckpointStats = { runs: 0, maxWalPages: 0, lastWalPages: 0, errors: 0 };

  private constructor(worker: Worker, workerClosed: Int32Array) {
    this.#worker = worker;
    this.#workerClosed = workerClosed;
    // Never what keeps a process (the CLI, a test) alive.
    worker.unref();
    worker.on('message', (result: StepResult) => this.#done(result));
    worker.on('error', () => this.#stop());
    worker.on('exit', () => this.#stop());
  }

  /** A checkpointer for the WAL of `file`, or null where no worker thread can be started (main then checkpoints). */
  static start(file: string): WalCheckpointer | null {
    try {
      const closed = new Int32Array(new SharedArrayBuffer(4));
      return new WalCheckpointer(new Worker(WORKER_SOURCE, { eval: true, workerData: { file, closed } }), closed);
    } catch {
      return null;
    }
  }

  /** Something was committed: checkpoint soon (one at a time, at most one per CHECKPOINT_INTERVAL_MS). */
  request(): void {
    if (this.#closed) return;
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    if (this.#timer) return;
    const wait = this.#lastEnd + CHECKPOINT_INTERVAL_MS - performance.now();
    if (wait > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.request();
      }, wait);
      this.#timer.unref();
      return;
    }
    this.#inFlight = true;
    this.#worker.postMessage('checkpoint', []); // (no transfer list: the lint rule takes it for window.postMessage)
  }

  /** Resolves when no checkpoint runs or waits; one that waits for its turn (the interval) starts now. */
  idle(): Promise<void> {
    if (this.#timer && !this.#closed) {
      clearTimeout(this.#timer);
      this.#timer = null;
      this.#inFlight = true;
      this.#worker.postMessage('checkpoint', []);
    }
    if (!this.#inFlight || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /**
   * The worker closes its connection and ends. Waits (blocking, at most CLOSE_WAIT_MS: a checkpoint running finishes
   * first) until its connection is closed, so the store's own connection closes last and SQLite removes the WAL
   * files then, not later behind the caller's back (a test that deletes the folder, a new process opening it).
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#worker.postMessage('close', []);
    Atomics.wait(this.#workerClosed, 0, 0, CLOSE_WAIT_MS);
    this.#release();
  }

  #done(result: StepResult): void {
    this.#inFlight = false;
    this.#lastEnd = performance.now();
    this.stats.runs++;
    if (result.error !== undefined) this.stats.errors++;
    else {
      this.stats.lastWalPages = result.walPages ?? 0;
      this.stats.maxWalPages = Math.max(this.stats.maxWalPages, this.stats.lastWalPages);
    }
    if (this.#again && !this.#closed) {
      this.#again = false;
      this.request();
    } else {
      this.#release();
    }
  }

  #stop(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#inFlight = false;
    this.#release();
  }

  #release(): void {
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}
