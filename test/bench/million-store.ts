// A store with many events for the window bench, filled as bench.ts fills its query database: 5 feeds, one year of
// history, text and payloads from a pool of real demo events with fresh ids and times, the newest 3 % unread.
import { DatabaseSync } from 'node:sqlite';
import type { ProviderId } from '../../preload/contract.ts';
import { demoProvider, demoSettingsSchema, type DemoSettings } from '../../main/core/feeds/demo/demo-provider.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { ftsDocument, KEY_SLOTS } from '../../main/core/store/schema.ts';
import { SqliteDatabase } from '../../main/core/store/sqlite.ts';
import { SearchVocabulary } from '../../main/core/store/search-terms.ts';
import { providerContext } from '../support/provider-context.ts';

const ORIGIN = Date.UTC(2026, 0, 1);
const POOL = 50_000;

export const MILLION_FEEDS: { id: string; provider: ProviderId }[] = [
  { id: 'evotor-shop', provider: 'evotor' },
  { id: 'diadoc-box', provider: 'diadoc' },
  { id: 'extern-org', provider: 'extern' },
  { id: 'realty-checks', provider: 'realty' },
  { id: 'demo', provider: 'demo' },
];

function feedFor(type: string, i: number): { id: string; provider: ProviderId } {
  if (i % 5 === 4) return MILLION_FEEDS[4]!;
  if (type === 'demo.purchase' || type === 'demo.till-document') return MILLION_FEEDS[0]!;
  if (type === 'demo.invoice' || type === 'demo.utd') return MILLION_FEEDS[1]!;
  if (type === 'demo.report') return MILLION_FEEDS[2]!;
  return MILLION_FEEDS[3]!;
}

async function demoEvents(settings: DemoSettings, now: number): Promise<NormalizedEvent[]> {
  const ctx = providerContext(settings, { feedId: 'bench', now: () => now });
  const events: NormalizedEvent[] = [];
  let cursor: string | null = '0';
  for (;;) {
    const page = await demoProvider.fetchPage(ctx, cursor);
    for (const raw of page.events) events.push(demoProvider.normalize(raw, settings));
    cursor = page.cursor;
    if (!page.more) return events;
  }
}

/** Fills a new store at `file` with `count` events ending a moment ago (so the list's newest rows are "today"). */
export async function buildMillion(file: string, count: number): Promise<void> {
  {
    const store = EventStore.open(file);
    for (const feed of MILLION_FEEDS) store.ensureFeed(feed.id, feed.provider);
    store.close();
  }
  const settings = demoSettingsSchema.parse({ seed: 11, ratePerMinute: 600_000, pageSize: 500 });
  const pool = (await demoEvents(settings, ORIGIN + (POOL * 60_000) / settings.ratePerMinute - 1)).map((e) => {
    const payload = JSON.stringify(e.payload);
    return { e, payload, text: ftsDocument(e.title.ru, e.title.en, e.summary.ru, e.summary.en, e.type, payload) };
  });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144');
  const insert = db.prepare(
    `INSERT INTO events (key, feed_id, provider, event_id, type, occurred_at, received_at,
       title_ru, title_en, summary_ru, summary_en, link, read, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const index = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
  const types = db.prepare('INSERT OR IGNORE INTO event_types (provider, type) VALUES (?, ?)');
  const unread = new Map<string, number>();
  const span = 365 * 24 * 3_600_000;
  const last = Date.now() - 60_000;
  const first = last - span;
  const BATCH = 50_000;
  for (let at = 0; at < count; at += BATCH) {
    db.exec('BEGIN');
    for (let i = at; i < Math.min(at + BATCH, count); i++) {
      const { e, payload, text } = pool[i % pool.length]!;
      const feed = feedFor(e.type, i);
      const occurredAt = first + Math.floor((i * span) / count);
      const key = occurredAt * KEY_SLOTS;
      const isUnread = i >= count * 0.97 || i % 50 === 0;
      if (isUnread) unread.set(feed.id, (unread.get(feed.id) ?? 0) + 1);
      insert.run(key, feed.id, feed.provider, `${e.id}:${i}`, e.type, occurredAt, occurredAt + 1500, e.title.ru, e.title.en,
        e.summary.ru, e.summary.en, e.link, isUnread ? 0 : 1, payload);
      index.run(key, text);
      types.run(feed.provider, e.type);
    }
    db.exec('COMMIT');
  }
  for (const [feedId, n] of unread) db.prepare('UPDATE feeds SET unread = ? WHERE id = ?').run(n, feedId);
  db.close();
  const sqlite = new SqliteDatabase(file);
  const vocabulary = new SearchVocabulary(sqlite);
  sqlite.transaction(() => {
    for (const { text } of pool) vocabulary.record(text);
  });
  sqlite.exec('PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)');
  sqlite.close();
}
