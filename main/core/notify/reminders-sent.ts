// Which reminder steps were already sent (the reminders_sent table): each (item, step) at most once, across restarts.
import type { SqliteDatabase } from '../store/sqlite.ts';

export interface SentSteps {
  has(itemId: string, step: string): boolean;
  /** Records a step as sent; false when it already was (another caller got there first). */
  mark(itemId: string, step: string, sentAt: number): boolean;
  /** Records several steps as sent at once (one transaction in the store: a first pass may mark thousands). */
  markAll(steps: readonly SentStep[], sentAt: number): void;
}

export interface SentStep {
  itemId: string;
  step: string;
}

const INSERT_SENT = 'INSERT OR IGNORE INTO reminders_sent (item_id, step, sent_at) VALUES (?, ?, ?)';

/** Over the store's connection; `write` is the store's guarded write (a full disk becomes a StorageError). */
export class RemindersSent implements SentSteps {
  readonly #db: SqliteDatabase;
  readonly #write: <R>(fn: () => R) => R;

  constructor(db: SqliteDatabase, write: <R>(fn: () => R) => R) {
    this.#db = db;
    this.#write = write;
  }

  has(itemId: string, step: string): boolean {
    return this.#db.prepare('SELECT 1 AS x FROM reminders_sent WHERE item_id = ? AND step = ?').get(itemId, step) !== undefined;
  }

  mark(itemId: string, step: string, sentAt: number): boolean {
    return this.#write(() => Number(this.#db.prepare(INSERT_SENT).run(itemId, step, sentAt).changes) > 0);
  }

  markAll(steps: readonly SentStep[], sentAt: number): void {
    if (steps.length === 0) return;
    this.#write(() =>
      this.#db.transaction(() => {
        const insert = this.#db.prepare(INSERT_SENT);
        for (const { itemId, step } of steps) insert.run(itemId, step, sentAt);
      }),
    );
  }
}

/** In memory: for tests and a core without a store. */
export class MemorySentSteps implements SentSteps {
  readonly #sent = new Map<string, number>();
  has(itemId: string, step: string): boolean {
    return this.#sent.has(`${itemId}\u0000${step}`);
  }
  mark(itemId: string, step: string, sentAt: number): boolean {
    const key = `${itemId}\u0000${step}`;
    if (this.#sent.has(key)) return false;
    this.#sent.set(key, sentAt);
    return true;
  }
  markAll(steps: readonly SentStep[], sentAt: number): void {
    for (const { itemId, step } of steps) this.mark(itemId, step, sentAt);
  }
}
