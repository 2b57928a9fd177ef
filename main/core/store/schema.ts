// The event log's schema as a list of forward migrations, applied in order by PRAGMA user_version.
import type { SqliteDatabase } from './sqlite.ts';

/**
 * Row keys encode time: key = occurredAt * KEY_SLOTS + n. Ordering by key is therefore "newest first"
 * by occurrence, the primary key serves the list, and FTS5 can walk its rowids newest-first too.
 * 1024 slots per millisecond keep keys below 2^53 until the year 2255.
 */
export const KEY_SLOTS = 1024;

const migrations: ((db: SqliteDatabase) => void)[] = [
  // 1: feeds' state, events, unread counters, full-text index.
  (db) =>
    db.exec(`
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        cursor TEXT,
        started INTEGER NOT NULL DEFAULT 0,
        first_sync_done INTEGER NOT NULL DEFAULT 0,
        skip_before INTEGER,
        paused INTEGER NOT NULL DEFAULT 0,
        last_success_at INTEGER,
        last_error TEXT,
        note TEXT,
        unread INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE events (
        key INTEGER PRIMARY KEY,
        feed_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        title_ru TEXT NOT NULL,
        title_en TEXT NOT NULL,
        summary_ru TEXT NOT NULL,
        summary_en TEXT NOT NULL,
        link TEXT,
        read INTEGER NOT NULL DEFAULT 0,
        payload TEXT NOT NULL,
        UNIQUE (feed_id, event_id)
      ) STRICT;
      CREATE INDEX events_by_feed_read ON events (feed_id, read);
      CREATE INDEX events_by_provider_read ON events (provider, read);
      CREATE INDEX events_by_type ON events (type);
      CREATE INDEX events_by_read ON events (read);

      -- The distinct (provider, type) pairs seen, for the type filter, without scanning events.
      CREATE TABLE event_types (provider TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (provider, type)) STRICT, WITHOUT ROWID;

      -- Contentless: the text lives in events; the index only maps words to row keys.
      CREATE VIRTUAL TABLE events_fts USING fts5 (
        text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts (rowid, text) VALUES (new.key,
          new.title_ru || ' ' || new.title_en || ' ' || new.summary_ru || ' ' || new.summary_en || ' ' || new.type || ' ' || new.payload);
      END;
      CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.key;
      END;
    `),
];

export const SCHEMA_VERSION = migrations.length;

/** Brings the database up to SCHEMA_VERSION; refuses a database written by a newer Feedbell. */
export function migrate(db: SqliteDatabase): void {
  const current = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The event log was written by a newer Feedbell (schema ${current}, this version knows ${SCHEMA_VERSION}); update Feedbell.`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      migrations[version]!(db);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}
