// The event log's schema as a list of forward migrations, applied in order by PRAGMA user_version.
import { foldForSearch, SearchVocabulary } from './search-terms.ts';
import type { SqliteDatabase } from './sqlite.ts';
import type { LocalizedText } from '../../../preload/contract.ts';
import type { FormerTypes } from '../feeds/provider-module.ts';
import { PROVIDER_MODULES } from '../feeds/registry.ts';

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

  // 2: the FTS row is written by EventStore.ingest instead of a trigger, and ё is folded to е.
  // A trigger turns every INSERT into a multi-write statement; its statement savepoint makes FTS5 flush its
  // pending terms to a new segment per row, so ingest spent most of its time merging tiny segments (2-3x slower).
  // unicode61's remove_diacritics folds Latin only, so "приемка" did not find «Приёмка»: rebuild with ё folded.
  (db) => {
    db.exec(`DROP TRIGGER events_fts_insert; INSERT INTO events_fts (events_fts) VALUES ('delete-all');`);
    const insert = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
    for (const { key, document } of storedDocuments(db)) insert.run(key, document);
  },

  // 3: the vocabulary of indexed words, so a typed prefix expands into exact words (see search-terms.ts).
  (db) => {
    db.exec('CREATE TABLE search_terms (term TEXT PRIMARY KEY) STRICT, WITHOUT ROWID');
    const vocabulary = new SearchVocabulary(db);
    for (const { document } of storedDocuments(db)) vocabulary.record(document);
  },

  // 4: delivery positions. Each event gets its feed's next sequence number as it is stored; a consumer that must
  // see every event (the CLI's `sync --json`, the app's notifications) keeps per feed the last one it delivered,
  // so what a crash left undelivered is found again. Events stored before this version count as delivered.
  (db) =>
    db.exec(`
      ALTER TABLE events ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX events_by_feed_seq ON events (feed_id, seq);
      CREATE TABLE deliveries (
        consumer TEXT NOT NULL,
        feed_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (consumer, feed_id)
      ) STRICT, WITHOUT ROWID;
    `),

  // 5: a feed's note in both languages (JSON {ru, en}); notes stored as one "ru / en" or English-only string are
  // turned into that shape.
  (db) => {
    const update = db.prepare('UPDATE feeds SET note = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, note FROM feeds WHERE note IS NOT NULL').all()) {
      update.run(JSON.stringify(noteText(String(row['note']))), String(row['id']));
    }
  },

  // 6: event types a provider has replaced (its module's `formerTypes`; here Diadoc's one type for every document,
  // which became one type per kind of document, «УПД», «Счёт-фактура»…): stored events get today's type. A later
  // replacement adds a migration that calls retypeStored again.
  (db) => retypeStored(db, Object.values(PROVIDER_MODULES)),
  // 7: «Требует действия». Each feed's subjects (a demand's docflow, a document to sign) with the state its provider's
  // tracker folded from the stored events, the service's last answer about it (`looked`), and when the person marked
  // it done (`last_key`: the newest event folded in, so an older one stored later makes the feed replay); per feed,
  // which tracker and settings its subjects were folded with (another one, or none yet, replays the feed's events);
  // and which reminder steps were already shown for an item, so none fires twice across restarts.
  // IF NOT EXISTS: a log put back to an older user_version (the upgrade tests do that) keeps these tables.
  (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS action_subjects (
        feed_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        state TEXT NOT NULL,
        looked TEXT,
        done_at INTEGER,
        closed_at INTEGER,
        updated_at INTEGER NOT NULL,
        last_key INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (feed_id, subject)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS action_feeds (
        feed_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS reminders_sent (
        item_id TEXT NOT NULL,
        step TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (item_id, step)
      ) STRICT, WITHOUT ROWID;
    `),
];

/**
 * Gives the stored events of each module's former types the type the module gives them now, read from their payload;
 * the type filter's list (event_types) and the full-text rows (which hold the type) follow.
 */
export function retypeStored(db: SqliteDatabase, modules: readonly { id: string; formerTypes?: FormerTypes }[]): void {
  const select = db.prepare(
    'SELECT key, title_ru, title_en, summary_ru, summary_en, payload FROM events WHERE provider = ? AND type = ?',
  );
  const update = db.prepare('UPDATE events SET type = ? WHERE key = ?');
  const unindex = db.prepare('DELETE FROM events_fts WHERE rowid = ?');
  const index = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
  const listType = db.prepare('INSERT OR IGNORE INTO event_types (provider, type) VALUES (?, ?)');
  const vocabulary = new SearchVocabulary(db);
  for (const { id, formerTypes } of modules) {
    for (const former of formerTypes?.types ?? []) {
      let left = 0;
      for (const row of select.all(id, former)) {
        const text = (column: string) => String(row[column]);
        let payload: unknown = null;
        try {
          payload = JSON.parse(text('payload'));
        } catch {
          // Unreadable: the module decides from the type alone.
        }
        const type = formerTypes!.retype({ type: former, payload });
        if (type === former) {
          left++;
          continue;
        }
        const key = Number(row['key']);
        update.run(type, key);
        const document = ftsDocument(
          text('title_ru'),
          text('title_en'),
          text('summary_ru'),
          text('summary_en'),
          type,
          text('payload'),
        );
        unindex.run(key);
        index.run(key, document);
        vocabulary.record(document);
        listType.run(id, type);
      }
      if (left === 0) db.prepare('DELETE FROM event_types WHERE provider = ? AND type = ?').run(id, former);
    }
  }
}

/** A stored note as {ru, en}: JSON as written since schema 5, or an older plain string ("ru / en", or English only). */
export function noteText(stored: string): LocalizedText {
  if (stored.startsWith('{')) {
    try {
      const parsed = JSON.parse(stored) as Partial<LocalizedText>;
      if (typeof parsed.ru === 'string' && typeof parsed.en === 'string') return { ru: parsed.ru, en: parsed.en };
    } catch {
      // Not JSON after all: read it as an old plain note below.
    }
  }
  const split = stored.indexOf(' / ');
  if (split > 0 && /[а-яё]/i.test(stored.slice(0, split)))
    return { ru: stored.slice(0, split).trim(), en: stored.slice(split + 3).trim() };
  if (/[а-яё]/i.test(stored)) return { ru: stored, en: stored };
  return { ru: 'Возможен пропуск событий: сервис не принял сохранённую позицию ленты.', en: stored };
}

/** Every stored event's full-text document, for migrations that rebuild what is derived from it. */
function* storedDocuments(db: SqliteDatabase): Generator<{ key: number; document: string }> {
  const rows = db.prepare('SELECT key, title_ru, title_en, summary_ru, summary_en, type, payload FROM events').all();
  for (const row of rows) {
    const text = (column: string) => String(row[column]);
    yield {
      key: Number(row['key']),
      document: ftsDocument(
        text('title_ru'),
        text('title_en'),
        text('summary_ru'),
        text('summary_en'),
        text('type'),
        text('payload'),
      ),
    };
  }
}

/** The text the full-text index holds for one event (titles, summaries, type and payload JSON). */
export function ftsDocument(
  titleRu: string,
  titleEn: string,
  summaryRu: string,
  summaryEn: string,
  type: string,
  payload: string,
): string {
  return foldForSearch(`${titleRu} ${titleEn} ${summaryRu} ${summaryEn} ${type} ${payload}`);
}

export const SCHEMA_VERSION = migrations.length;

export function schemaVersion(db: SqliteDatabase): number {
  return Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
}

/** Brings the database up to SCHEMA_VERSION; refuses a database written by a newer Feedbell. */
export function migrate(db: SqliteDatabase): void {
  const current = schemaVersion(db);
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
