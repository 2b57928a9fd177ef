// The local event log: feeds' sync state and every stored event, on SQLite (WAL) with an FTS5 index.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  EventCount,
  EventFilter,
  EventPage,
  EventQuery,
  EventRecord,
  FeedErrorInfo,
  LocalizedText,
  ProviderId,
  UnreadCounts,
} from '../../../preload/contract.ts';
import { EVENT_COUNT_LIMIT } from '../../../preload/contract.ts';
import type { NormalizedEvent } from '../model.ts';
import { ftsDocument, KEY_SLOTS, migrate, noteText, SCHEMA_VERSION, schemaVersion } from './schema.ts';
import { SearchVocabulary, toFtsQuery } from './search-terms.ts';
import { SqliteDatabase, type Row, type SqlValue } from './sqlite.ts';
import { StorageError, toStorageError } from './storage-error.ts';
import { claimOpenMarker, type OpenMarker } from './open-markers.ts';
import { ActionSubjects } from './action-subjects.ts';
import type { TrackedEvent } from '../actions/action-tracker.ts';

export { StorageError };

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
/** Keys per UPDATE … IN (…) when marking a list of events. */
const MARK_CHUNK = 500;

/** A feed's error as stored: errors stored by an older Feedbell have no summary (feed-status.ts gives them one). */
export type StoredFeedError = Omit<FeedErrorInfo, 'summary'> & { summary?: LocalizedText };

/** What the store remembers about a feed between syncs. */
export interface FeedSyncState {
  feedId: string;
  provider: ProviderId;
  /** The provider's cursor after the last stored page; null before the first page. */
  cursor: string | null;
  /** True once a start position was resolved (the cursor is meaningful even if null). */
  started: boolean;
  firstSyncDone: boolean;
  /** Events that occurred before this instant are not stored (start position "now" or a date). */
  skipBefore: number | null;
  paused: boolean;
  lastSuccessAt: number | null;
  lastError: StoredFeedError | null;
  note: LocalizedText | null;
  unread: number;
}

export type FeedStatePatch = Partial<
  Pick<FeedSyncState, 'cursor' | 'started' | 'firstSyncDone' | 'skipBefore' | 'paused' | 'lastSuccessAt' | 'lastError' | 'note'>
>;

/** For `ingest`: leave the feed's cursor where it is (a page stored in chunks moves it only with its last chunk). */
export const KEEP_CURSOR: unique symbol = Symbol('keep the cursor');

/** A stored event as `ingest` returns it: the record plus its place in the feed's delivery order. */
export interface IngestedEvent extends EventRecord {
  /** The feed's sequence number of this event (1, 2, …, in the order events were stored). */
  seq: number;
}

/** An event waiting for a consumer, with what the consumer prints or shows. */
/** A stored event with its payload (the window's EventDetail adds the module's facts). */
export interface StoredEvent extends EventRecord {
  payload: unknown;
}

export interface UndeliveredEvent extends StoredEvent {
  seq: number;
}

/** Who must see every stored event once: the CLI's `sync --json` stream, the app's notifications. */
export type DeliveryConsumer = 'json' | 'notify';

export interface OpenOptions {
  /**
   * For commands that only read (`events`, `feeds`): never create the file or its folder, and when the folder cannot
   * be written, open the log read-only (an older schema that needs an upgrade is then refused, not changed).
   */
  readOnly?: boolean;
}

const EVENT_COLUMNS =
  'key, feed_id, provider, event_id, type, occurred_at, received_at, title_ru, title_en, summary_ru, summary_en, link, read';

export class EventStore {
  readonly #db: SqliteDatabase;
  readonly #vocabulary: SearchVocabulary;
  readonly #file: string;
  readonly #marker: OpenMarker | null;
  /** The subjects of «Требует действия» (schema 6). */
  readonly actions: ActionSubjects;

  private constructor(db: SqliteDatabase, file: string, marker: OpenMarker | null) {
    this.#db = db;
    this.#file = file;
    this.#marker = marker;
    this.#vocabulary = new SearchVocabulary(db);
    this.actions = new ActionSubjects(db, (fn) => this.#write(fn));
  }

  /**
   * Opens a side table's own small module on this connection (reminders_sent: the reminder service's); its writes
   * fail as a StorageError that names the file, like the store's own.
   */
  sideTable<T>(open: (db: SqliteDatabase, write: <R>(fn: () => R) => R) => T): T {
    return open(this.#db, (fn) => this.#write(fn));
  }

  /**
   * Opens (creating if needed) the event log at `file`; ':memory:' works for tests. Before anything is changed it
   * refuses a log written by a newer Feedbell and a damaged one (StorageError): `PRAGMA quick_check` of the small
   * tables always, of the whole file when the last process that had it open did not close it.
   */
  static open(file: string, options: OpenOptions = {}): EventStore {
    if (file === ':memory:') return new EventStore(prepare(new SqliteDatabase(':memory:'), file, true, true), file, null);
    if (options.readOnly) {
      if (!existsSync(file)) throw new StorageError('readonly', file, `There is no event log at ${file}`);
    } else {
      try {
        mkdirSync(dirname(file), { recursive: true });
      } catch (err) {
        throw toStorageError(err, file);
      }
    }
    // A read-only folder cannot hold the WAL's -shm file: open read-only, and then as an immutable file.
    const connections: [() => SqliteDatabase, boolean][] = [[() => new SqliteDatabase(file), true]];
    if (options.readOnly) {
      connections.push([() => new SqliteDatabase(file, { readOnly: true }), false]);
      connections.push([() => new SqliteDatabase(`${pathToFileURL(file).href}?immutable=1`, { readOnly: true }), false]);
    }
    let failure: unknown = null;
    for (const [connect, writable] of connections) {
      let db: SqliteDatabase;
      try {
        db = connect();
      } catch (err) {
        failure = err;
        continue;
      }
      let marker: OpenMarker | null = null;
      try {
        if (writable) marker = claimOpenMarker(file);
        return new EventStore(prepare(db, file, writable, marker?.crashedBefore ?? false), file, marker);
      } catch (err) {
        marker?.release();
        db.close();
        const storage = toStorageError(err, file);
        // Only "cannot write here" moves on to a read-only connection; damage or a newer schema is final.
        if (!(storage instanceof StorageError) || storage.problem !== 'readonly' || !options.readOnly) throw storage;
        failure = storage;
      }
    }
    throw toStorageError(failure, file);
  }

  /** The file this store keeps the log in. */
  get file(): string {
    return this.#file;
  }

  close(): void {
    this.#db.close();
    this.#marker?.release();
  }

  /** Runs a write; a SQLite or file-system failure becomes a StorageError that names the file. */
  #write<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw toStorageError(err, this.#file);
    }
  }

  // ---- feeds' state ----

  /** Makes sure a feed row exists; returns its state. */
  ensureFeed(feedId: string, provider: ProviderId): FeedSyncState {
    this.#write(() => this.#db.prepare('INSERT OR IGNORE INTO feeds (id, provider) VALUES (?, ?)').run(feedId, provider));
    return this.feedState(feedId)!;
  }

  feedState(feedId: string): FeedSyncState | null {
    const row = this.#db.prepare('SELECT * FROM feeds WHERE id = ?').get(feedId);
    return row ? toFeedState(row) : null;
  }

  allFeedStates(): FeedSyncState[] {
    return this.#db.prepare('SELECT * FROM feeds ORDER BY id').all().map(toFeedState);
  }

  updateFeedState(feedId: string, patch: FeedStatePatch): void {
    const sets: string[] = [];
    const values: SqlValue[] = [];
    const column = (name: string, value: SqlValue) => {
      sets.push(`${name} = ?`);
      values.push(value);
    };
    if ('cursor' in patch) column('cursor', patch.cursor ?? null);
    if ('started' in patch) column('started', patch.started ? 1 : 0);
    if ('firstSyncDone' in patch) column('first_sync_done', patch.firstSyncDone ? 1 : 0);
    if ('skipBefore' in patch) column('skip_before', patch.skipBefore ?? null);
    if ('paused' in patch) column('paused', patch.paused ? 1 : 0);
    if ('lastSuccessAt' in patch) column('last_success_at', patch.lastSuccessAt ?? null);
    if ('lastError' in patch) column('last_error', patch.lastError ? JSON.stringify(patch.lastError) : null);
    if ('note' in patch) column('note', patch.note ? JSON.stringify(patch.note) : null);
    if (sets.length === 0) return;
    this.#write(() => this.#db.prepare(`UPDATE feeds SET ${sets.join(', ')} WHERE id = ?`).run(...values, feedId));
  }

  /** Forgets a feed: its state, its delivery positions and all its events. */
  removeFeed(feedId: string): void {
    this.#write(() =>
      this.#db.transaction(() => {
        this.#db.prepare('DELETE FROM events WHERE feed_id = ?').run(feedId);
        this.#db.prepare('DELETE FROM deliveries WHERE feed_id = ?').run(feedId);
        this.actions.removeFeed(feedId);
        this.#db.prepare('DELETE FROM feeds WHERE id = ?').run(feedId);
      }),
    );
  }

  // ---- ingest ----

  /**
   * Stores one page: its events (duplicates by feed + event id ignored) and the feed's next cursor,
   * in one transaction (DESIGN.md section 3, invariants 1 and 2). Returns only the rows this call inserted.
   */
  ingest(
    feedId: string,
    events: readonly NormalizedEvent[],
    cursor: string | null | typeof KEEP_CURSOR,
    receivedAt: number,
  ): IngestedEvent[] {
    try {
      return this.#ingest(feedId, events, cursor, receivedAt);
    } catch (err) {
      // The rollback took back vocabulary rows the cache vouches for.
      this.#vocabulary.reset();
      throw toStorageError(err, this.#file);
    }
  }

  #ingest(
    feedId: string,
    events: readonly NormalizedEvent[],
    cursor: string | null | typeof KEEP_CURSOR,
    receivedAt: number,
  ): IngestedEvent[] {
    return this.#db.transaction(() => {
      const feed = this.#db.prepare('SELECT provider FROM feeds WHERE id = ?').get(feedId);
      if (!feed) throw new Error(`Unknown feed "${feedId}": call ensureFeed first`);
      const provider = feed['provider'] as ProviderId;
      let seq = this.#lastSeq(feedId);
      const insert = this.#db.prepare(
        // Only a duplicate (feed, event id) is skipped; any other constraint failure is a real error that must
        // roll the page back (and keep the cursor) rather than drop the event silently, as OR IGNORE would.
        `INSERT INTO events (key, feed_id, provider, event_id, type, occurred_at, received_at,
           title_ru, title_en, summary_ru, summary_en, link, payload, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
         ON CONFLICT (feed_id, event_id) DO NOTHING`,
      );
      // Written here rather than by a trigger: see migration 2 in schema.ts.
      const index = this.#db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
      const inserted: IngestedEvent[] = [];
      const types = new Set<string>();
      for (const event of events) {
        // Whole milliseconds: a fractional time is a REAL that the STRICT column refuses (the page would fail
        // forever); a time that is not a number would be stored as NULL and silently dropped, so it takes receivedAt.
        const occurredAt = Number.isFinite(event.occurredAt) ? Math.floor(event.occurredAt) : receivedAt;
        const key = this.#freeKey(occurredAt);
        const payload = stringifyPayload(event.payload);
        const result = insert.run(
          key,
          feedId,
          provider,
          event.id,
          event.type,
          occurredAt,
          receivedAt,
          event.title.ru,
          event.title.en,
          event.summary.ru,
          event.summary.en,
          event.link,
          payload,
          seq + 1,
        );
        if (Number(result.changes) === 1) {
          seq++;
          const document = ftsDocument(event.title.ru, event.title.en, event.summary.ru, event.summary.en, event.type, payload);
          index.run(key, document);
          this.#vocabulary.record(document);
          types.add(event.type);
          inserted.push({
            key,
            feedId,
            provider,
            id: event.id,
            type: event.type,
            occurredAt,
            receivedAt,
            title: event.title,
            summary: event.summary,
            link: event.link,
            read: false,
            seq,
          });
        }
      }
      for (const type of types) {
        this.#db.prepare('INSERT OR IGNORE INTO event_types (provider, type) VALUES (?, ?)').run(provider, type);
      }
      if (cursor === KEEP_CURSOR) {
        this.#db.prepare('UPDATE feeds SET unread = unread + ? WHERE id = ?').run(inserted.length, feedId);
      } else {
        this.#db
          .prepare('UPDATE feeds SET cursor = ?, started = 1, unread = unread + ? WHERE id = ?')
          .run(cursor, inserted.length, feedId);
      }
      return inserted;
    });
  }

  /** The feed's highest sequence number so far (0 before its first event). */
  lastSeq(feedId: string): number {
    return this.#lastSeq(feedId);
  }

  #lastSeq(feedId: string): number {
    return Number(this.#db.prepare('SELECT max(seq) AS s FROM events WHERE feed_id = ?').get(feedId)?.['s'] ?? 0);
  }

  // ---- delivery positions ----

  /**
   * Makes sure `consumer` has a position for each feed. A new position starts at the feed's last stored event:
   * a consumer sees what is stored from the moment it first asks, not the whole history.
   */
  ensureDeliveries(consumer: DeliveryConsumer, feedIds: readonly string[]): void {
    this.#write(() =>
      this.#db.transaction(() => {
        for (const feedId of feedIds) {
          this.#db
            .prepare('INSERT OR IGNORE INTO deliveries (consumer, feed_id, seq) VALUES (?, ?, ?)')
            .run(consumer, feedId, this.#lastSeq(feedId));
        }
      }),
    );
  }

  /** The feed's stored events that `consumer` has not delivered yet, in the order they were stored. */
  undelivered(consumer: DeliveryConsumer, feedId: string, limit = MAX_PAGE_SIZE): UndeliveredEvent[] {
    return this.#db
      .prepare(
        `SELECT ${EVENT_COLUMNS}, payload, seq FROM events
         WHERE feed_id = ? AND seq > (SELECT seq FROM deliveries WHERE consumer = ? AND feed_id = ?)
         ORDER BY seq LIMIT ?`,
      )
      .all(feedId, consumer, feedId, limit)
      .map((row) => ({ ...toEventRecord(row), payload: JSON.parse(String(row['payload'])) as unknown, seq: Number(row['seq']) }));
  }

  /** How many of the feed's events `consumer` has not delivered yet. */
  undeliveredCount(consumer: DeliveryConsumer, feedId: string): number {
    const row = this.#db
      .prepare(
        'SELECT count(*) AS n FROM events WHERE feed_id = ? AND seq > (SELECT seq FROM deliveries WHERE consumer = ? AND feed_id = ?)',
      )
      .get(feedId, consumer, feedId);
    return Number(row?.['n'] ?? 0);
  }

  /** `consumer` has delivered the feed's events up to `seq` (positions never move back). */
  markDelivered(consumer: DeliveryConsumer, feedId: string, seq: number): void {
    this.#write(() =>
      this.#db.prepare('UPDATE deliveries SET seq = max(seq, ?) WHERE consumer = ? AND feed_id = ?').run(seq, consumer, feedId),
    );
  }

  /** The first unused key in this event's millisecond (or the next ones, should a millisecond fill up). */
  #freeKey(occurredAt: number): number {
    let base = Math.max(0, Math.floor(occurredAt)) * KEY_SLOTS;
    const highest = this.#db.prepare('SELECT max(key) AS k FROM events WHERE key BETWEEN ? AND ?');
    for (;;) {
      const top = highest.get(base, base + KEY_SLOTS - 1)?.['k'];
      if (top === null || top === undefined) return base;
      if (Number(top) < base + KEY_SLOTS - 1) return Number(top) + 1;
      base += KEY_SLOTS;
    }
  }

  // ---- queries ----

  /**
   * The events a filter matches, as `SELECT <columns> FROM … WHERE …` with its parameters, and the key column to order
   * by (keys encode occurrence time, so time bounds and a page cursor are ranges of the primary key). With a search it
   * walks the full-text index newest first, so `ORDER BY <order> DESC LIMIT n` stops at n without a sort.
   */
  #matching(
    filter: EventFilter,
    columns: (alias: string) => string,
    after?: string,
  ): { sql: string; params: SqlValue[]; order: string } {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return;
      where.push(`e.${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    inList('feed_id', filter.feedIds);
    inList('provider', filter.providers);
    inList('type', filter.types);
    if (filter.unreadOnly) where.push('e.read = 0');
    let upper = Number.MAX_SAFE_INTEGER;
    if (filter.until !== undefined) upper = Math.min(upper, (Math.floor(filter.until) + 1) * KEY_SLOTS - 1);
    if (after !== undefined) upper = Math.min(upper, decodePageCursor(after) - 1);
    const lower = filter.since !== undefined ? Math.max(0, Math.floor(filter.since)) * KEY_SLOTS : 0;
    const match = filter.search ? this.#vocabulary.toQuery(filter.search) : null;
    const rest = where.length ? ' AND ' + where.join(' AND ') : '';
    if (match) {
      return {
        sql: `SELECT ${columns('e')} FROM events_fts f CROSS JOIN events e ON e.key = f.rowid
              WHERE events_fts MATCH ? AND f.rowid BETWEEN ? AND ?${rest}`,
        params: [match, lower, upper, ...params],
        order: 'f.rowid',
      };
    }
    return {
      sql: `SELECT ${columns('e')} FROM events e WHERE e.key BETWEEN ? AND ?${rest}`,
      params: [lower, upper, ...params],
      order: 'e.key',
    };
  }

  /** One page of events, newest first, continuing after `query.after` (keyset pagination, no OFFSET). */
  query(query: EventQuery): EventPage {
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
    const { sql, params, order } = this.#matching(query, prefixed, query.after);
    const items = this.#db
      .prepare(`${sql} ORDER BY ${order} DESC LIMIT ?`)
      .all(...params, limit)
      .map(toEventRecord);
    const last = items.at(-1);
    return { items, next: items.length === limit && last ? encodePageCursor(last.key) : null };
  }

  /** How many events the filter matches, counting no further than `limit` (then `atLeast`). */
  countMatching(filter: EventFilter, limit = EVENT_COUNT_LIMIT): EventCount {
    const { sql, params } = this.#matching(filter, (e) => `${e}.key`);
    const row = this.#db.prepare(`SELECT count(*) AS n FROM (${sql} LIMIT ?)`).get(...params, limit + 1);
    const n = Number(row?.['n'] ?? 0);
    return n > limit ? { count: limit, atLeast: true } : { count: n, atLeast: false };
  }

  /**
   * Sets the read flag on every event the filter matches whose flag differs; returns the keys it changed (so they can
   * be set back) and keeps the feeds' unread counters right.
   */
  markMatching(filter: EventFilter, read: boolean): number[] {
    return this.#write(() =>
      this.#db.transaction(() => {
        const { sql, params } = this.#matching(filter, (e) => `${e}.key`);
        const rows = this.#db
          .prepare(`UPDATE events SET read = ? WHERE read <> ? AND key IN (${sql}) RETURNING key, feed_id`)
          .all(read ? 1 : 0, read ? 1 : 0, ...params);
        this.#adjustUnread(rows, read);
        return rows.map((row) => Number(row['key']));
      }),
    );
  }

  get(key: number): StoredEvent | null {
    const row = this.#db.prepare(`SELECT ${EVENT_COLUMNS}, payload FROM events WHERE key = ?`).get(key);
    if (!row) return null;
    return { ...toEventRecord(row), payload: JSON.parse(String(row['payload'])) as unknown };
  }

  /** Whether an event with this key is stored (not pruned). */
  has(key: number): boolean {
    return this.#db.prepare('SELECT 1 AS x FROM events WHERE key = ?').get(key) !== undefined;
  }

  findKey(feedId: string, eventId: string): number | null {
    const row = this.#db.prepare('SELECT key FROM events WHERE feed_id = ? AND event_id = ?').get(feedId, eventId);
    return row ? Number(row['key']) : null;
  }

  /** Sets the read flag on the given events; returns how many changed. */
  markRead(keys: readonly number[], read: boolean): number {
    if (keys.length === 0) return 0;
    return this.#write(() => this.#markRead(keys, read));
  }

  #markRead(keys: readonly number[], read: boolean): number {
    return this.#db.transaction(() => {
      let changed = 0;
      // In chunks: a long list (an undo of thousands) would pass SQLite's limit of bound parameters.
      for (let from = 0; from < keys.length; from += MARK_CHUNK) {
        const chunk = keys.slice(from, from + MARK_CHUNK);
        const rows = this.#db
          .prepare(`UPDATE events SET read = ? WHERE key IN (${chunk.map(() => '?').join(',')}) AND read <> ? RETURNING feed_id`)
          .all(read ? 1 : 0, ...chunk, read ? 1 : 0);
        this.#adjustUnread(rows, read);
        changed += rows.length;
      }
      return changed;
    });
  }

  /** The feeds' unread counters after `rows` (each with its feed_id) changed their read flag to `read`. */
  #adjustUnread(rows: readonly Row[], read: boolean): void {
    const perFeed = new Map<string, number>();
    for (const row of rows) perFeed.set(String(row['feed_id']), (perFeed.get(String(row['feed_id'])) ?? 0) + 1);
    for (const [feedId, changed] of perFeed) {
      this.#db.prepare('UPDATE feeds SET unread = unread + ? WHERE id = ?').run(read ? -changed : changed, feedId);
    }
  }

  /** Marks every event of one feed (or of all feeds) read; returns how many changed. */
  markAllRead(feedId: string | null): number {
    return this.#write(() => this.#markAllRead(feedId));
  }

  #markAllRead(feedId: string | null): number {
    return this.#db.transaction(() => {
      const feeds = feedId === null ? this.allFeedStates().map((f) => f.feedId) : [feedId];
      let changed = 0;
      for (const id of feeds) {
        changed += Number(this.#db.prepare('UPDATE events SET read = 1 WHERE feed_id = ? AND read = 0').run(id).changes);
        this.#db.prepare('UPDATE feeds SET unread = 0 WHERE id = ?').run(id);
      }
      return changed;
    });
  }

  unreadCounts(): UnreadCounts {
    const counts: UnreadCounts = {};
    for (const row of this.#db.prepare('SELECT id, unread FROM feeds').all()) {
      counts[String(row['id'])] = Number(row['unread']);
    }
    return counts;
  }

  eventTypes(): { provider: ProviderId; type: string }[] {
    return this.#db
      .prepare('SELECT provider, type FROM event_types ORDER BY provider, type')
      .all()
      .map((row) => ({ provider: row['provider'] as ProviderId, type: String(row['type']) }));
  }

  /**
   * Deletes up to `limit` of the oldest events that occurred before `cutoff` (epoch ms), in one short transaction;
   * returns how many went. Their full-text rows go with them (the delete trigger) and the feeds' unread counters are
   * kept right. A feed's newest stored event is always kept, so its sequence numbers (delivery positions) continue.
   */
  pruneBefore(cutoff: number, limit: number): number {
    return this.#write(() =>
      this.#db.transaction(() => {
        const rows = this.#db
          .prepare(
            `DELETE FROM events WHERE key IN (
               SELECT key FROM events e WHERE key < ?
                 AND seq < (SELECT max(seq) FROM events n WHERE n.feed_id = e.feed_id)
               ORDER BY key LIMIT ?)
             RETURNING feed_id, read`,
          )
          .all(Math.max(0, Math.floor(cutoff)) * KEY_SLOTS, limit);
        // The unread ones that went no longer count as unread.
        this.#adjustUnread(
          rows.filter((row) => Number(row['read']) === 0),
          true,
        );
        return rows.length;
      }),
    );
  }

  // ---- «Требует действия» ----

  /** Up to `limit` of a feed's events with their payloads, in the order they occurred, after `afterKey` (a replay). */
  trackedEvents(feedId: string, afterKey: number, limit: number, types?: readonly string[]): TrackedEvent[] {
    const only = types ? ` AND type IN (${types.map(() => '?').join(', ')})` : '';
    return this.#db
      .prepare(
        `SELECT key, feed_id, event_id, type, occurred_at, link, payload FROM events WHERE feed_id = ? AND key > ?${only} ORDER BY key LIMIT ?`,
      )
      .all(feedId, afterKey, ...(types ?? []), limit)
      .map(toTrackedEvent);
  }

  /** The events with these keys, with their payloads, in the order they occurred (those just stored). */
  trackedEventsAt(keys: readonly number[]): TrackedEvent[] {
    const statement = this.#db.prepare(
      'SELECT key, feed_id, event_id, type, occurred_at, link, payload FROM events WHERE key = ?',
    );
    return keys
      .map((key) => statement.get(key))
      .filter((row): row is Row => row !== undefined)
      .map(toTrackedEvent)
      .toSorted((a, b) => a.key - b.key);
  }

  /** Number of stored events of one feed, or of all. */
  count(feedId?: string): number {
    const row =
      feedId === undefined
        ? this.#db.prepare('SELECT count(*) AS n FROM events').get()
        : this.#db.prepare('SELECT count(*) AS n FROM events WHERE feed_id = ?').get(feedId);
    return Number(row?.['n'] ?? 0);
  }
}

/** The small tables, checked at every open (milliseconds); the events and their index only after a crash. */
const ALWAYS_CHECKED = [
  'feeds',
  'event_types',
  'search_terms',
  'deliveries',
  'action_subjects',
  'action_feeds',
  'reminders_sent',
];

/**
 * Checks a freshly opened log before anything writes to it: a newer schema is refused, a damaged file reported
 * (`PRAGMA quick_check`: the whole file when `fullCheck`), then WAL and the migrations where the log may be written.
 */
function prepare(db: SqliteDatabase, file: string, writable: boolean, fullCheck: boolean): SqliteDatabase {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new StorageError(
      'newer',
      file,
      `The event log ${file} was written by a newer Feedbell (schema ${version}; this version knows ${SCHEMA_VERSION}) and was left untouched`,
    );
  }
  const tables = new Set(
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all()
      .map((row) => String(row['name'])),
  );
  const scopes = fullCheck ? [''] : ALWAYS_CHECKED.filter((table) => tables.has(table)).map((table) => `(${table})`);
  for (const scope of scopes) {
    const check = db
      .prepare(`PRAGMA quick_check${scope}`)
      .all()
      .map((row) => String(Object.values(row)[0]));
    if (check.length !== 1 || check[0] !== 'ok') {
      throw new StorageError('corrupt', file, `The event log ${file} is damaged (${check.slice(0, 5).join('; ').slice(0, 300)})`);
    }
  }
  if (writable) {
    db.exec('PRAGMA journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (SIGKILL) without losing committed transactions.
    db.exec('PRAGMA synchronous = NORMAL');
    migrate(db);
  } else if (version < SCHEMA_VERSION) {
    throw new StorageError('upgrade', file, `The event log ${file} needs an upgrade, and its folder cannot be written`);
  }
  return db;
}

function prefixed(alias: string): string {
  return EVENT_COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

function toEventRecord(row: Row): EventRecord {
  return {
    key: Number(row['key']),
    feedId: String(row['feed_id']),
    provider: row['provider'] as ProviderId,
    id: String(row['event_id']),
    type: String(row['type']),
    occurredAt: Number(row['occurred_at']),
    receivedAt: Number(row['received_at']),
    title: { ru: String(row['title_ru']), en: String(row['title_en']) },
    summary: { ru: String(row['summary_ru']), en: String(row['summary_en']) },
    link: row['link'] === null ? null : String(row['link']),
    read: Number(row['read']) === 1,
  };
}

function toTrackedEvent(row: Row): TrackedEvent {
  let payload: unknown = null;
  try {
    payload = JSON.parse(String(row['payload']));
  } catch {
    // A payload that is not JSON any more: the tracker sees none.
  }
  return {
    key: Number(row['key']),
    feedId: String(row['feed_id']),
    id: String(row['event_id']),
    type: String(row['type']),
    occurredAt: Number(row['occurred_at']),
    link: row['link'] === null ? null : String(row['link']),
    payload,
  };
}

function toFeedState(row: Row): FeedSyncState {
  return {
    feedId: String(row['id']),
    provider: row['provider'] as ProviderId,
    cursor: row['cursor'] === null ? null : String(row['cursor']),
    started: Number(row['started']) === 1,
    firstSyncDone: Number(row['first_sync_done']) === 1,
    skipBefore: row['skip_before'] === null ? null : Number(row['skip_before']),
    paused: Number(row['paused']) === 1,
    lastSuccessAt: row['last_success_at'] === null ? null : Number(row['last_success_at']),
    lastError: row['last_error'] === null ? null : (JSON.parse(String(row['last_error'])) as StoredFeedError),
    note: row['note'] === null ? null : noteText(String(row['note'])),
    unread: Number(row['unread']),
  };
}

/** JSON for the payload column; int64 values parsed as bigint are kept exact as strings. */
function stringifyPayload(payload: unknown): string {
  return JSON.stringify(payload ?? null, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

export function encodePageCursor(key: number): string {
  return key.toString(36);
}

export function decodePageCursor(cursor: string): number {
  const key = Number.parseInt(cursor, 36);
  if (!/^[0-9a-z]{1,12}$/.test(cursor) || !Number.isSafeInteger(key)) throw new Error('Invalid page cursor');
  return key;
}

export { toFtsQuery };
