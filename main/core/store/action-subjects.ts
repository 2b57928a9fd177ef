// The stored subjects of «Требует действия» (schema 6): one row per feed and subject with the state its tracker folded,
// the service's last answer about it, and the person's «готово». The ActionService is its only writer.
import type { SubjectState } from '../actions/action-tracker.ts';
import type { Row, SqliteDatabase } from './sqlite.ts';

export interface SubjectRow {
  feedId: string;
  subject: string;
  state: SubjectState;
  /** The last answer of the tracker's lookup, or null. */
  looked: Record<string, unknown> | null;
  /** When the person marked it done (UTC ms), or null. */
  doneAt: number | null;
  /** When the service's events showed it done (UTC ms), or null. */
  closedAt: number | null;
  updatedAt: number;
  /** The key of the newest event folded into it. */
  lastKey: number;
}

export class ActionSubjects {
  readonly #db: SqliteDatabase;
  readonly #write: <T>(fn: () => T) => T;

  constructor(db: SqliteDatabase, write: <T>(fn: () => T) => T) {
    this.#db = db;
    this.#write = write;
  }

  get(feedId: string, subject: string): SubjectRow | null {
    const row = this.#db.prepare('SELECT * FROM action_subjects WHERE feed_id = ? AND subject = ?').get(feedId, subject);
    return row ? toSubjectRow(row) : null;
  }

  /** Every stored subject (open and closed), or one feed's. */
  all(feedId?: string): SubjectRow[] {
    const rows =
      feedId === undefined
        ? this.#db.prepare('SELECT * FROM action_subjects ORDER BY feed_id, subject').all()
        : this.#db.prepare('SELECT * FROM action_subjects WHERE feed_id = ? ORDER BY subject').all(feedId);
    return rows.map(toSubjectRow);
  }

  /** The subjects still open (neither closed by the service nor done by the person). */
  open(): SubjectRow[] {
    return this.#db
      .prepare('SELECT * FROM action_subjects WHERE closed_at IS NULL AND done_at IS NULL ORDER BY feed_id, subject')
      .all()
      .map(toSubjectRow);
  }

  /** Writes a subject's state (and its lookup answer when given), keeping the person's «готово». */
  put(feedId: string, state: SubjectState, lastKey: number, updatedAt: number, looked?: Record<string, unknown> | null): void {
    this.#write(() => {
      const json = JSON.stringify(state);
      if (looked === undefined) {
        this.#db
          .prepare(
            `INSERT INTO action_subjects (feed_id, subject, state, closed_at, updated_at, last_key) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (feed_id, subject) DO UPDATE SET state = excluded.state, closed_at = excluded.closed_at,
               updated_at = excluded.updated_at, last_key = excluded.last_key`,
          )
          .run(feedId, state.subject, json, state.closedAt, updatedAt, lastKey);
      } else {
        this.#db
          .prepare(
            `INSERT INTO action_subjects (feed_id, subject, state, looked, closed_at, updated_at, last_key)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (feed_id, subject) DO UPDATE SET state = excluded.state, looked = excluded.looked,
               closed_at = excluded.closed_at, updated_at = excluded.updated_at, last_key = excluded.last_key`,
          )
          .run(feedId, state.subject, json, looked === null ? null : JSON.stringify(looked), state.closedAt, updatedAt, lastKey);
      }
    });
  }

  /** Runs several writes as one transaction. */
  batch<T>(fn: () => T): T {
    return this.#write(() => this.#db.transaction(fn));
  }

  /** What a feed's subjects were folded with (its tracker's version and settings), or null before its first replay. */
  fingerprint(feedId: string): string | null {
    const row = this.#db.prepare('SELECT fingerprint FROM action_feeds WHERE feed_id = ?').get(feedId);
    return row ? String(row['fingerprint']) : null;
  }

  setFingerprint(feedId: string, fingerprint: string): void {
    this.#write(() =>
      this.#db
        .prepare(
          'INSERT INTO action_feeds (feed_id, fingerprint) VALUES (?, ?) ON CONFLICT (feed_id) DO UPDATE SET fingerprint = excluded.fingerprint',
        )
        .run(feedId, fingerprint),
    );
  }

  /** Marks a subject done by the person (an instant) or open again (null); false when there is no such subject. */
  setDone(feedId: string, subject: string, doneAt: number | null, updatedAt: number): boolean {
    return this.#write(() => {
      const result = this.#db
        .prepare('UPDATE action_subjects SET done_at = ?, updated_at = ? WHERE feed_id = ? AND subject = ?')
        .run(doneAt, updatedAt, feedId, subject);
      return Number(result.changes) === 1;
    });
  }

  /** Forgets the subjects of a feed that its replayed events no longer give (after a recompute). */
  removeExcept(feedId: string, kept: ReadonlySet<string>): number {
    return this.#write(() =>
      this.#db.transaction(() => {
        let removed = 0;
        for (const row of this.#db.prepare('SELECT subject FROM action_subjects WHERE feed_id = ?').all(feedId)) {
          const subject = String(row['subject']);
          if (kept.has(subject)) continue;
          this.#db.prepare('DELETE FROM action_subjects WHERE feed_id = ? AND subject = ?').run(feedId, subject);
          removed++;
        }
        return removed;
      }),
    );
  }

  /** Forgets every subject of a feed and what they were folded with (the feed was removed). */
  removeFeed(feedId: string): void {
    this.#write(() => {
      this.#db.prepare('DELETE FROM action_subjects WHERE feed_id = ?').run(feedId);
      this.#db.prepare('DELETE FROM action_feeds WHERE feed_id = ?').run(feedId);
    });
  }
}

function toSubjectRow(row: Row): SubjectRow {
  return {
    feedId: String(row['feed_id']),
    subject: String(row['subject']),
    state: JSON.parse(String(row['state'])) as SubjectState,
    looked: row['looked'] === null ? null : (JSON.parse(String(row['looked'])) as Record<string, unknown>),
    doneAt: row['done_at'] === null ? null : Number(row['done_at']),
    closedAt: row['closed_at'] === null ? null : Number(row['closed_at']),
    updatedAt: Number(row['updated_at']),
    lastKey: Number(row['last_key']),
  };
}
