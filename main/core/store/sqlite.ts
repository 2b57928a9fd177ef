// The one place that touches node:sqlite, so a driver rename (Node 26: DatabaseSync) changes one file.
import * as sqlite from 'node:sqlite';

export type SqlValue = null | number | bigint | string | Uint8Array;
export type Row = Record<string, SqlValue>;

export interface Statement {
  run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: SqlValue[]): Row | undefined;
  all(...params: SqlValue[]): Row[];
}

type DatabaseCtor = new (
  path: string,
  options?: { timeout?: number; readOnly?: boolean },
) => {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
};

const Driver: DatabaseCtor = ((sqlite as unknown as Record<string, DatabaseCtor | undefined>)['DatabaseSync'] ??
  (sqlite as unknown as Record<string, DatabaseCtor | undefined>)['Database']) as DatabaseCtor;

/** A synchronous SQLite connection with a statement cache and explicit transactions. */
export class SqliteDatabase {
  readonly #db: InstanceType<DatabaseCtor>;
  readonly #statements = new Map<string, Statement>();
  #depth = 0;

  constructor(path: string, options: { readOnly?: boolean } = {}) {
    // A busy timeout lets the CLI and the app share one data folder without SQLITE_BUSY on brief overlaps.
    this.#db = new Driver(path, { timeout: 5000, ...(options.readOnly ? { readOnly: true } : {}) });
  }

  exec(sql: string): void {
    this.#db.exec(sql);
  }

  /** A prepared statement, cached by its SQL text. */
  prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` inside one transaction (IMMEDIATE, so a writer never deadlocks on upgrade); nests as a savepoint. */
  transaction<T>(fn: () => T): T {
    const outer = this.#depth === 0;
    const savepoint = `sp${this.#depth}`;
    this.#db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    try {
      const result = fn();
      // A COMMIT can fail too (a full disk when the WAL is written); the depth is restored once, in `finally`.
      this.#db.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (err) {
      try {
        this.#db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      } catch {
        // SQLite already rolled back by itself (a full disk does that): the first error is the one that matters.
      }
      throw err;
    } finally {
      this.#depth--;
    }
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}
