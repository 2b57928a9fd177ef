// The event store's invariants: exactly-once ingest with its cursor, keyset paging, search, unread counts, schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventQuery, EventRecord, ProviderId } from '../../preload/contract.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { KEY_SLOTS, SCHEMA_VERSION } from '../../main/core/store/schema.ts';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempFile(name = 'events.sqlite'): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-store-'));
  dirs.push(dir);
  return join(dir, name);
}

function ev(id: string, occurredAt: number, extra: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    id,
    type: 'doc.received',
    occurredAt,
    title: { ru: `Событие ${id}`, en: `Event ${id}` },
    summary: { ru: 'Сводка', en: 'Summary' },
    link: null,
    payload: { id },
    ...extra,
  };
}

function openWithFeeds(file = ':memory:', feeds: [string, ProviderId][] = [['f1', 'demo']]): EventStore {
  const store = EventStore.open(file);
  for (const [id, provider] of feeds) store.ensureFeed(id, provider);
  return store;
}

/** Every page of a query, following `next` until it is null (bounded, so a cursor loop fails instead of hanging). */
function allPages(store: EventStore, query: EventQuery): { pages: EventRecord[][]; items: EventRecord[] } {
  const pages: EventRecord[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = store.query(after === undefined ? query : { ...query, after });
    pages.push(page.items);
    if (page.next === null) return { pages, items: pages.flat() };
    expect(page.items.length).toBe(query.limit ?? 100);
    after = page.next;
  }
  throw new Error('paging did not end');
}

function rawDb(file: string): DatabaseSync {
  return new DatabaseSync(file);
}

/** The oracle: the same filter applied in memory to every stored row. */
function expected(all: EventRecord[], q: EventQuery): EventRecord[] {
  return all.filter(
    (r) =>
      (!q.feedIds || q.feedIds.length === 0 || q.feedIds.includes(r.feedId)) &&
      (!q.providers || q.providers.length === 0 || q.providers.includes(r.provider)) &&
      (!q.types || q.types.length === 0 || q.types.includes(r.type)) &&
      (!q.unreadOnly || !r.read) &&
      (q.since === undefined || r.occurredAt >= q.since) &&
      (q.until === undefined || r.occurredAt <= q.until),
  );
}

/** Four events with Russian and English text, typed and in payloads, over two feeds. */
function searchable(): EventStore {
  const store = openWithFeeds(':memory:', [
    ['dia', 'diadoc'],
    ['evo', 'evotor'],
  ]);
  store.ingest(
    'dia',
    [
      ev('d1', T0, {
        title: { ru: 'Входящий документ: УПД № 12 от ООО «Ромашка»', en: 'Incoming document: UTD No. 12 from Romashka LLC' },
        summary: { ru: 'Ждёт подписи', en: 'Awaiting signature' },
        payload: { Message: { FromBoxId: 'box-7f3a', Comment: 'Кадастровый 66:41:0123' } },
      }),
      ev('d2', T0 + 1, {
        title: { ru: 'Счёт-фактура от АО «Северный ветер»', en: 'Invoice from Severny Veter' },
        payload: { inn: '7701234567' },
      }),
    ],
    '2',
    T0,
  );
  store.ingest(
    'evo',
    [
      ev('e1', T0 + 2, {
        type: 'evotor.document',
        title: { ru: 'Продажа в «Ромашке»', en: 'Sale at Romashka' },
        payload: { store_name: 'Пекарня №3', sum: 1234.5 },
      }),
      ev('e2', T0 + 3, { title: { ru: 'Приёмка товара', en: 'Goods received' } }),
    ],
    '2',
    T0,
  );
  return store;
}

function ids(store: EventStore, search: string, extra: EventQuery = {}): string[] {
  return store.query({ ...extra, search }).items.map((r) => r.id);
}

function countUnreadRows(store: EventStore, feedId: string): number {
  return allPages(store, { feedIds: [feedId], unreadOnly: true, limit: 500 }).items.length;
}

describe('ingest', () => {
  it('inserts a page and returns exactly the rows it inserted', () => {
    const store = openWithFeeds();
    const first = store.ingest('f1', [ev('a', T0, { link: 'https://example.test/a' }), ev('b', T0 + 1000)], '2', T0 + 5000);
    expect(first.map((r) => r.id)).toEqual(['a', 'b']);
    expect(first[0]).toMatchObject({
      feedId: 'f1',
      provider: 'demo',
      id: 'a',
      type: 'doc.received',
      occurredAt: T0,
      receivedAt: T0 + 5000,
      title: { ru: 'Событие a', en: 'Event a' },
      summary: { ru: 'Сводка', en: 'Summary' },
      link: 'https://example.test/a',
      read: false,
    });
    // The returned keys are the stored rows' keys.
    for (const record of first) expect(store.get(record.key)).toMatchObject({ id: record.id, key: record.key });

    const second = store.ingest('f1', [ev('b', T0 + 1000), ev('c', T0 + 2000)], '3', T0 + 6000);
    expect(second.map((r) => r.id)).toEqual(['c']);
    expect(store.count()).toBe(3);
    expect(store.unreadCounts()).toEqual({ f1: 3 });
  });

  it('ignores a duplicate inside one page; the first copy wins', () => {
    const store = openWithFeeds();
    const inserted = store.ingest(
      'f1',
      [ev('a', T0), ev('a', T0 + 5, { title: { ru: 'Копия', en: 'Copy' } }), ev('b', T0 + 1)],
      '3',
      T0,
    );
    expect(inserted.map((r) => r.id)).toEqual(['a', 'b']);
    expect(store.count('f1')).toBe(2);
    expect(store.get(store.findKey('f1', 'a')!)!.title.en).toBe('Event a');
    expect(store.unreadCounts()).toEqual({ f1: 2 });
  });

  it('ignores duplicates across pages and across reopening the file', () => {
    const file = tempFile();
    const store = openWithFeeds(file);
    store.ingest('f1', [ev('a', T0), ev('b', T0 + 1)], '2', T0);
    expect(store.ingest('f1', [ev('b', T0 + 1), ev('a', T0)], '2', T0)).toEqual([]);
    store.close();

    const reopened = EventStore.open(file);
    expect(reopened.ingest('f1', [ev('a', T0), ev('b', T0 + 1), ev('c', T0 + 2)], '3', T0).map((r) => r.id)).toEqual(['c']);
    expect(reopened.count()).toBe(3);
    expect(reopened.unreadCounts()).toEqual({ f1: 3 });
    expect(reopened.feedState('f1')).toMatchObject({ cursor: '3', started: true });
    reopened.close();
  });

  it('keeps the same event id in two feeds as two rows', () => {
    const store = openWithFeeds(':memory:', [
      ['f1', 'demo'],
      ['f2', 'diadoc'],
    ]);
    expect(store.ingest('f1', [ev('same', T0)], '1', T0)).toHaveLength(1);
    expect(store.ingest('f2', [ev('same', T0)], '1', T0)).toHaveLength(1);
    expect(store.count()).toBe(2);
    expect(store.count('f1')).toBe(1);
    expect(store.count('f2')).toBe(1);
    const k1 = store.findKey('f1', 'same')!;
    const k2 = store.findKey('f2', 'same')!;
    expect(k1).not.toBe(k2);
    expect(store.get(k2)!.provider).toBe('diadoc');
  });

  it('commits the cursor and the started flag with the page, also for an empty page', () => {
    const store = openWithFeeds();
    expect(store.feedState('f1')).toMatchObject({ cursor: null, started: false, unread: 0 });
    store.ingest('f1', [ev('a', T0)], 'c1', T0);
    expect(store.feedState('f1')).toMatchObject({ cursor: 'c1', started: true, unread: 1 });
    store.ingest('f1', [], 'c2', T0);
    expect(store.feedState('f1')).toMatchObject({ cursor: 'c2', started: true, unread: 1 });
    // A page of duplicates still moves the cursor.
    store.ingest('f1', [ev('a', T0)], 'c3', T0);
    expect(store.feedState('f1')).toMatchObject({ cursor: 'c3', unread: 1 });
  });

  it('rejects a feed that was never ensured', () => {
    const store = openWithFeeds();
    expect(() => store.ingest('nope', [ev('a', T0)], '1', T0)).toThrow(/Unknown feed/);
    expect(store.count()).toBe(0);
  });

  it('rolls back events, FTS entries, types, unread count and cursor when the page throws half-way', () => {
    const file = tempFile();
    const store = openWithFeeds(file);
    store.ingest('f1', [ev('base', T0, { type: 'base.type' })], 'c1', T0);
    const poisoned = {
      toJSON() {
        throw new Error('payload exploded');
      },
    };
    const page = [
      ev('x1', T0 + 1, { type: 'new.type', title: { ru: 'Жёлтый', en: 'Zanzibar' } }),
      ev('x2', T0 + 2, { type: 'new.type' }),
      ev('x3', T0 + 3, { payload: poisoned }),
    ];
    expect(() => store.ingest('f1', page, 'c2', T0)).toThrow('payload exploded');

    expect(store.count()).toBe(1);
    expect(store.feedState('f1')).toMatchObject({ cursor: 'c1', unread: 1 });
    expect(store.unreadCounts()).toEqual({ f1: 1 });
    expect(store.eventTypes()).toEqual([{ provider: 'demo', type: 'base.type' }]);
    expect(store.findKey('f1', 'x1')).toBeNull();
    expect(store.query({ search: 'zanzibar' }).items).toEqual([]);
    const raw = rawDb(file);
    expect(raw.prepare(`SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'zanzibar'`).get()!['n']).toBe(0);
    raw.close();

    // The store is usable afterwards and the same page, fixed, goes in whole.
    page[2] = ev('x3', T0 + 3);
    expect(store.ingest('f1', page, 'c2', T0).map((r) => r.id)).toEqual(['x1', 'x2', 'x3']);
    expect(store.feedState('f1')).toMatchObject({ cursor: 'c2', unread: 4 });
    expect(store.query({ search: 'zanzibar' }).items.map((r) => r.id)).toEqual(['x1']);
    store.close();
  });
});

describe('keys and order', () => {
  it('gives events of the same millisecond distinct keys, newest-first by time, then by arrival', () => {
    const store = openWithFeeds();
    store.ingest('f1', [ev('late', T0 + 10), ev('s1', T0), ev('s2', T0), ev('early', T0 - 10)], '1', T0);
    store.ingest('f1', [ev('s3', T0), ev('s4', T0 + 0.5)], '2', T0);
    const items = store.query({}).items;
    expect(items.map((r) => r.id)).toEqual(['late', 's4', 's3', 's2', 's1', 'early']);
    expect(new Set(items.map((r) => r.key)).size).toBe(6);
    for (const r of items) expect(Math.floor(r.key / KEY_SLOTS)).toBe(Math.floor(r.occurredAt));
  });

  it('stores a fractional time as whole milliseconds and a time that is not a number as the receive time', () => {
    const store = openWithFeeds();
    const inserted = store.ingest(
      'f1',
      [ev('frac', T0 + 0.75), ev('nan', Number.NaN), ev('inf', Number.POSITIVE_INFINITY)],
      '1',
      T0 + 99,
    );
    expect(inserted.map((r) => [r.id, r.occurredAt])).toEqual([
      ['frac', T0],
      ['nan', T0 + 99],
      ['inf', T0 + 99],
    ]);
    expect(store.count()).toBe(3);
    expect(store.query({}).items.map((r) => r.id)).toEqual(['inf', 'nan', 'frac']);
  });

  it('keeps keys distinct when more events than KEY_SLOTS share one millisecond', () => {
    const store = openWithFeeds();
    const many = Array.from({ length: KEY_SLOTS + 50 }, (_, i) => ev(`m${i}`, T0));
    expect(store.ingest('f1', many, '1', T0)).toHaveLength(KEY_SLOTS + 50);
    store.ingest('f1', [ev('before', T0 - 1)], '2', T0);
    const { items } = allPages(store, { limit: 500 });
    expect(items).toHaveLength(KEY_SLOTS + 51);
    expect(new Set(items.map((r) => r.key)).size).toBe(KEY_SLOTS + 51);
    expect(items.at(-1)!.id).toBe('before');
    // Within the crowded millisecond, arrival order is kept (newest first).
    expect(items.slice(0, -1).map((r) => r.id)).toEqual(many.map((e) => e.id).toReversed());
  });
});

describe('keyset pagination', () => {
  const feeds: [string, ProviderId][] = [
    ['evo', 'evotor'],
    ['dia', 'diadoc'],
    ['ext', 'extern'],
  ];
  const types = ['doc.in', 'doc.out', 'check.done', 'purchase'];

  /** 600 events over 3 feeds and 4 types, several per millisecond, a third of them read. */
  function seeded(): { store: EventStore; all: EventRecord[] } {
    const store = openWithFeeds(':memory:', feeds);
    let n = 0;
    for (let page = 0; page < 12; page++) {
      for (const [feedId] of feeds) {
        const events: NormalizedEvent[] = [];
        for (let i = 0; i < 17; i++, n++) {
          // Times collide on purpose (n % 7) and arrive out of order across pages.
          const at = T0 + ((n * 7919) % 400) * 1000 + (n % 7 === 0 ? 0 : n % 3);
          events.push(ev(`${feedId}-${n}`, at, { type: types[n % types.length]! }));
        }
        store.ingest(feedId, events, String(page), T0);
      }
    }
    const all = allPages(store, { limit: 500 }).items;
    const toRead = all.filter((_, i) => i % 3 === 0).map((r) => r.key);
    store.markRead(toRead, true);
    return { store, all: allPages(store, { limit: 500 }).items };
  }

  it('lists every row exactly once, newest first, with strictly decreasing keys', () => {
    const { store, all } = seeded();
    expect(all).toHaveLength(612);
    expect(store.count()).toBe(612);
    for (let i = 1; i < all.length; i++) {
      expect(all[i]!.key).toBeLessThan(all[i - 1]!.key);
      expect(all[i]!.occurredAt).toBeLessThanOrEqual(all[i - 1]!.occurredAt);
    }
    for (const limit of [1, 7, 100, 306, 500]) {
      const { pages, items } = allPages(store, { limit });
      expect(items.map((r) => r.key)).toEqual(all.map((r) => r.key));
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    }
  });

  const since = T0 + 100_000;
  const until = T0 + 300_000;
  const filters: [string, EventQuery][] = [
    ['feedIds', { feedIds: ['dia'] }],
    ['two feedIds', { feedIds: ['dia', 'ext'] }],
    ['providers', { providers: ['evotor', 'extern'] }],
    ['types', { types: ['doc.in'] }],
    ['two types', { types: ['doc.out', 'purchase'] }],
    ['unreadOnly', { unreadOnly: true }],
    ['since', { since }],
    ['until', { until }],
    ['since + until', { since, until }],
    ['empty lists mean no filter', { feedIds: [], providers: [], types: [] }],
    [
      'everything combined',
      { feedIds: ['evo', 'dia'], providers: ['diadoc'], types: ['doc.in', 'check.done'], unreadOnly: true, since, until },
    ],
    ['a filter that matches nothing', { feedIds: ['evo'], providers: ['diadoc'] }],
  ];
  for (const [name, filter] of filters) {
    it(`pages through the filter: ${name}`, () => {
      const { store, all } = seeded();
      const want = expected(all, filter);
      if (name !== 'a filter that matches nothing') expect(want.length).toBeGreaterThan(10);
      for (const limit of [5, 33]) {
        const { items } = allPages(store, { ...filter, limit });
        expect(items.map((r) => r.key)).toEqual(want.map((r) => r.key));
      }
    });
  }

  it('treats since and until as inclusive to the millisecond', () => {
    const store = openWithFeeds();
    store.ingest('f1', [ev('a', T0 - 1), ev('b', T0), ev('c', T0 + 500), ev('d', T0 + 1000), ev('e', T0 + 1001)], '1', T0);
    expect(store.query({ since: T0, until: T0 + 1000 }).items.map((r) => r.id)).toEqual(['d', 'c', 'b']);
    expect(store.query({ since: T0, until: T0 }).items.map((r) => r.id)).toEqual(['b']);
    expect(store.query({ since: T0 + 1, until: T0 }).items).toEqual([]);
  });

  it('keeps its place when newer events arrive or rows are marked read between pages (no OFFSET)', () => {
    const store = openWithFeeds();
    store.ingest(
      'f1',
      Array.from({ length: 30 }, (_, i) => ev(`o${i}`, T0 + i * 1000)),
      '1',
      T0,
    );
    const first = store.query({ limit: 10 });
    expect(first.items.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `o${29 - i}`));
    // Ten newer events would shift an OFFSET-based second page back onto the first one.
    store.ingest(
      'f1',
      Array.from({ length: 10 }, (_, i) => ev(`n${i}`, T0 + 100_000 + i)),
      '2',
      T0,
    );
    const second = store.query({ limit: 10, after: first.next! });
    expect(second.items.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `o${19 - i}`));

    const unreadFirst = store.query({ unreadOnly: true, limit: 10 });
    // Reading what was just shown would make an OFFSET-based unread list skip ten rows.
    store.markRead(
      unreadFirst.items.map((r) => r.key),
      true,
    );
    const unreadSecond = store.query({ unreadOnly: true, limit: 10, after: unreadFirst.next! });
    expect(unreadSecond.items.map((r) => r.id)).toEqual(['o29', 'o28', 'o27', 'o26', 'o25', 'o24', 'o23', 'o22', 'o21', 'o20']);
  });

  it('ends with next = null and clamps the limit', () => {
    const store = openWithFeeds();
    store.ingest(
      'f1',
      Array.from({ length: 5 }, (_, i) => ev(`e${i}`, T0 + i)),
      '1',
      T0,
    );
    expect(store.query({ limit: 10 }).next).toBeNull();
    const exact = store.query({ limit: 5 });
    expect(exact.items).toHaveLength(5);
    const after = store.query({ limit: 5, after: exact.next! });
    expect(after).toEqual({ items: [], next: null });
    expect(store.query({ limit: 0 }).items).toHaveLength(1);
    expect(store.query({ limit: -3 }).items).toHaveLength(1);
    expect(store.query({ limit: 2.9 }).items).toHaveLength(2);
  });

  it('rejects a garbage page cursor', () => {
    const store = openWithFeeds();
    store.ingest('f1', [ev('a', T0)], '1', T0);
    for (const after of ['', '!!', 'abc def', '-1', '1.5', 'zzzzzzzzzzzzz', "1' OR 1=1 --", '💥']) {
      expect(() => store.query({ after }), after).toThrow(/Invalid page cursor/);
    }
  });
});

describe('full-text search', () => {
  it('matches Russian word prefixes case-insensitively', () => {
    const store = searchable();
    expect(ids(store, 'ромаш')).toEqual(['e1', 'd1']);
    expect(ids(store, 'РОМАШКА')).toEqual(['d1']);
    expect(ids(store, 'Ромашк')).toEqual(['e1', 'd1']);
    expect(ids(store, 'ромаш упд')).toEqual(['d1']);
    expect(ids(store, 'северн')).toEqual(['d2']);
  });

  it('matches ё typed as е and the other way round', () => {
    const store = searchable();
    expect(ids(store, 'приемка')).toEqual(['e2']);
    expect(ids(store, 'ждет')).toEqual(['d1']);
    expect(ids(store, 'ждёт')).toEqual(['d1']);
  });

  it('matches English words, the event type and payload text', () => {
    const store = searchable();
    expect(ids(store, 'invoice')).toEqual(['d2']);
    expect(ids(store, 'AWAIT')).toEqual(['d1']);
    expect(ids(store, 'evotor')).toEqual(['e1']);
    expect(ids(store, 'пекарня')).toEqual(['e1']);
    expect(ids(store, '7701234567')).toEqual(['d2']);
    expect(ids(store, 'кадастровый 66')).toEqual(['d1']);
    expect(ids(store, 'box-7f3a')).toEqual(['d1']);
    expect(ids(store, 'nothing-like-this')).toEqual([]);
  });

  it('combines search with filters and pages through matches', () => {
    const store = searchable();
    expect(ids(store, 'ромаш', { feedIds: ['evo'] })).toEqual(['e1']);
    expect(ids(store, 'ромаш', { providers: ['diadoc'] })).toEqual(['d1']);
    expect(ids(store, 'ромаш', { types: ['evotor.document'] })).toEqual(['e1']);
    expect(ids(store, 'ромаш', { until: T0 + 1 })).toEqual(['d1']);
    expect(ids(store, 'ромаш', { since: T0 + 1 })).toEqual(['e1']);
    store.markRead([store.findKey('evo', 'e1')!], true);
    expect(ids(store, 'ромаш', { unreadOnly: true })).toEqual(['d1']);
    const { pages, items } = allPages(store, { search: 'ромаш', limit: 1 });
    expect(items.map((r) => r.id)).toEqual(['e1', 'd1']);
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it('treats quotes, operators and syntax typed by the user as text and never throws', () => {
    const store = searchable();
    const nasty = [
      '"',
      '""',
      '"ромашка',
      'ромашка"',
      '*',
      'ром*',
      'AND',
      'OR',
      'NOT',
      'ромашка AND',
      'AND ромашка',
      'NOT ромашка',
      '(',
      ')',
      '(ромашка',
      'NEAR(ромашка упд)',
      'title:ромашка',
      '-ромашка',
      '+',
      '^ромашка',
      '{}',
      "'; DROP TABLE events; --",
      '\\',
      '\u0000',
      '   ',
      '«Ромашка»',
      'x'.repeat(5000),
      Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const search of nasty) {
      expect(() => store.query({ search }), JSON.stringify(search.slice(0, 40))).not.toThrow();
    }
    // Operator words are searched as words; punctuation around a word is ignored.
    expect(ids(store, '"ромашка')).toEqual(['d1']);
    expect(ids(store, 'ромашка AND')).toEqual([]);
    expect(ids(store, 'NOT ромашка')).toEqual([]);
    expect(ids(store, '(ромашка')).toEqual(['d1']);
    expect(ids(store, '«Ромашка»')).toEqual(['d1']);
    expect(ids(store, 'title:ромашка')).toEqual([]);
    // Nothing searchable in the text: the search is no filter.
    expect(ids(store, '"*(')).toEqual(ids(store, ''));
    expect(store.count()).toBe(4);
  });
});

describe('read state and unread counts', () => {
  it('keeps per-feed unread counts exact through markRead and markAllRead', () => {
    const store = openWithFeeds(':memory:', [
      ['a', 'demo'],
      ['b', 'evotor'],
    ]);
    const a = store.ingest(
      'a',
      Array.from({ length: 6 }, (_, i) => ev(`a${i}`, T0 + i)),
      '1',
      T0,
    );
    const b = store.ingest(
      'b',
      Array.from({ length: 4 }, (_, i) => ev(`b${i}`, T0 + i)),
      '1',
      T0,
    );
    const check = () => {
      const counts = store.unreadCounts();
      expect(counts['a']).toBe(countUnreadRows(store, 'a'));
      expect(counts['b']).toBe(countUnreadRows(store, 'b'));
      expect(store.feedState('a')!.unread).toBe(counts['a']);
      return counts;
    };
    expect(check()).toEqual({ a: 6, b: 4 });

    expect(store.markRead([a[0]!.key, a[1]!.key, b[0]!.key], true)).toBe(3);
    expect(check()).toEqual({ a: 4, b: 3 });
    // Marking already read events read again changes nothing.
    expect(store.markRead([a[0]!.key, a[1]!.key], true)).toBe(0);
    expect(store.markRead([a[0]!.key, a[0]!.key, a[2]!.key], true)).toBe(1);
    expect(check()).toEqual({ a: 3, b: 3 });
    // Unknown keys and an empty list are harmless.
    expect(store.markRead([123456789, -1], true)).toBe(0);
    expect(store.markRead([], true)).toBe(0);
    expect(check()).toEqual({ a: 3, b: 3 });

    expect(store.markRead([a[0]!.key, a[5]!.key], false)).toBe(1);
    expect(check()).toEqual({ a: 4, b: 3 });
    expect(store.get(a[0]!.key)!.read).toBe(false);
    expect(store.get(a[1]!.key)!.read).toBe(true);

    expect(store.markAllRead('a')).toBe(4);
    expect(check()).toEqual({ a: 0, b: 3 });
    expect(store.markAllRead('a')).toBe(0);
    expect(check()).toEqual({ a: 0, b: 3 });

    store.ingest('a', [ev('a-new', T0 + 100), ev('a0', T0)], '2', T0);
    expect(check()).toEqual({ a: 1, b: 3 });
    expect(store.markAllRead(null)).toBe(4);
    expect(check()).toEqual({ a: 0, b: 0 });
    expect(store.markAllRead(null)).toBe(0);
    expect(store.markRead([b[3]!.key], false)).toBe(1);
    expect(check()).toEqual({ a: 0, b: 1 });
  });
});

describe('types, details and removal', () => {
  it('lists each (provider, type) pair once, sorted', () => {
    const store = openWithFeeds(':memory:', [
      ['x', 'evotor'],
      ['y', 'diadoc'],
    ]);
    store.ingest(
      'x',
      [ev('1', T0, { type: 'b.type' }), ev('2', T0, { type: 'a.type' }), ev('3', T0, { type: 'b.type' })],
      '1',
      T0,
    );
    store.ingest('y', [ev('1', T0, { type: 'a.type' })], '1', T0);
    store.ingest('x', [ev('1', T0, { type: 'never.stored' })], '2', T0);
    expect(store.eventTypes()).toEqual([
      { provider: 'diadoc', type: 'a.type' },
      { provider: 'evotor', type: 'a.type' },
      { provider: 'evotor', type: 'b.type' },
    ]);
  });

  it('returns the payload from get(), with int64 values kept exact as strings', () => {
    const store = openWithFeeds();
    const payload = {
      TimestampTicks: 639_036_000_000_000_001n,
      nested: { list: [1, 'два', null, true], big: -9_007_199_254_740_993n },
      text: 'Ромашка «ООО» "quoted" \\ \n',
    };
    const [record] = store.ingest('f1', [ev('p', T0, { payload })], '1', T0);
    const detail = store.get(record!.key)!;
    expect(detail.payload).toEqual({
      TimestampTicks: '639036000000000001',
      nested: { list: [1, 'два', null, true], big: '-9007199254740993' },
      text: 'Ромашка «ООО» "quoted" \\ \n',
    });
    expect(detail).toMatchObject({ id: 'p', feedId: 'f1', key: record!.key, read: false });
    expect(store.get(record!.key + 1)).toBeNull();
    const [noPayload] = store.ingest('f1', [ev('q', T0 + 1, { payload: undefined })], '2', T0);
    expect(store.get(noPayload!.key)!.payload).toBeNull();
  });

  it('removeFeed removes its state, events and full-text entries and nothing else', () => {
    const file = tempFile();
    const store = openWithFeeds(file, [
      ['gone', 'demo'],
      ['kept', 'evotor'],
    ]);
    store.ingest(
      'gone',
      [ev('g1', T0, { title: { ru: 'Уходящий', en: 'Quokka' } }), ev('g2', T0 + 1, { title: { ru: 'Уходящий', en: 'Quokka' } })],
      '1',
      T0,
    );
    store.ingest('kept', [ev('k1', T0, { title: { ru: 'Остаётся', en: 'Quokkas stay' } })], '1', T0);
    expect(ids(store, 'quokka')).toEqual(['g2', 'k1', 'g1']);

    store.removeFeed('gone');
    expect(store.feedState('gone')).toBeNull();
    expect(store.count('gone')).toBe(0);
    expect(store.count()).toBe(1);
    expect(store.unreadCounts()).toEqual({ kept: 1 });
    expect(ids(store, 'quokka')).toEqual(['k1']);
    expect(ids(store, 'уходящий')).toEqual([]);
    const raw = rawDb(file);
    expect(raw.prepare(`SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'уходящий'`).get()!['n']).toBe(0);
    expect(raw.prepare(`SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'quokka*'`).get()!['n']).toBe(1);
    raw.close();

    // A feed added again with the same id starts clean, and its new rows are not shadowed by stale index entries.
    store.ensureFeed('gone', 'demo');
    expect(store.feedState('gone')).toMatchObject({ cursor: null, started: false, unread: 0 });
    store.ingest('gone', [ev('g1', T0, { title: { ru: 'Новый', en: 'Fresh' } })], '1', T0);
    expect(ids(store, 'quokka')).toEqual(['k1']);
    expect(ids(store, 'fresh')).toEqual(['g1']);
    store.close();
  });
});

describe('schema', () => {
  it('stamps a fresh database with the current schema version and keeps data on reopen', () => {
    const file = tempFile();
    const store = openWithFeeds(file);
    store.ingest('f1', [ev('a', T0)], '1', T0);
    store.close();
    const raw = rawDb(file);
    expect(raw.prepare('PRAGMA user_version').get()!['user_version']).toBe(SCHEMA_VERSION);
    expect(raw.prepare('PRAGMA journal_mode').get()!['journal_mode']).toBe('wal');
    raw.close();
    const again = EventStore.open(file);
    expect(again.count()).toBe(1);
    again.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', () => {
    const file = tempFile();
    openWithFeeds(file).close();
    const raw = rawDb(file);
    raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => EventStore.open(file)).toThrow(/newer Feedbell.*schema \d+.*knows \d+/);
    const check = rawDb(file);
    expect(check.prepare('PRAGMA user_version').get()!['user_version']).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('upgrades a version 1 database: rows indexed by the old trigger become searchable with ё folded', () => {
    const file = tempFile();
    openWithFeeds(file).close();
    // Put the file back into the shape version 1 left it in: the insert trigger, no vocabulary, no delivery
    // positions, one row indexed by the trigger.
    const raw = rawDb(file);
    raw.exec(`
      DROP INDEX events_by_feed_seq;
      DROP TABLE deliveries;
      ALTER TABLE events DROP COLUMN seq;
      DROP TABLE search_terms;
      CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts (rowid, text) VALUES (new.key,
          new.title_ru || ' ' || new.title_en || ' ' || new.summary_ru || ' ' || new.summary_en || ' ' || new.type || ' ' || new.payload);
      END;
      INSERT INTO events (key, feed_id, provider, event_id, type, occurred_at, received_at, title_ru, title_en, summary_ru, summary_en, link, payload)
        VALUES (${T0 * KEY_SLOTS}, 'f1', 'demo', 'old', 'doc.received', ${T0}, ${T0}, 'Приёмка товара', 'Goods received', 'Ёлка', 'Tree', NULL, '{}');
      UPDATE feeds SET unread = 1;
      PRAGMA user_version = 1;
    `);
    expect(raw.prepare(`SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'приемка'`).get()!['n']).toBe(0);
    raw.close();

    const store = EventStore.open(file);
    expect(store.query({ search: 'приемка' }).items.map((r) => r.id)).toEqual(['old']);
    // Migration 3 filled the vocabulary from the rows already stored, so prefixes expand to their words.
    expect(store.query({ search: 'прием' }).items.map((r) => r.id)).toEqual(['old']);
    expect(store.query({ search: 'елка goods' }).items.map((r) => r.id)).toEqual(['old']);
    store.ingest('f1', [ev('new', T0 + 1)], '1', T0);
    // Exactly one index entry per row: the old trigger is gone, so the new row is not indexed twice.
    store.close();
    const after = rawDb(file);
    expect(after.prepare('PRAGMA user_version').get()!['user_version']).toBe(SCHEMA_VERSION);
    expect(
      after.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name = 'events_fts_insert'`).get()!['n'],
    ).toBe(0);
    expect(after.prepare(`SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'doc'`).get()!['n']).toBe(2);
    after.close();
  });

  it('creates the folder of the database file', () => {
    const file = join(tempFile(), 'deeper', 'events.sqlite');
    const store = EventStore.open(file);
    expect(store.allFeedStates()).toEqual([]);
    store.close();
  });
});

describe('feed notes in both languages (schema 5)', () => {
  it('turns the notes an older version stored as one string into {ru, en}', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-notes-'));
    try {
      const file = join(dir, 'feedbell.db');
      const store = EventStore.open(file);
      for (const id of ['split', 'english', 'russian']) store.ensureFeed(id, 'demo');
      store.close();
      const raw = new DatabaseSync(file);
      raw
        .prepare('UPDATE feeds SET note = ? WHERE id = ?')
        .run('Возможен пропуск событий. / Some events may have been missed.', 'split');
      raw.prepare('UPDATE feeds SET note = ? WHERE id = ?').run('The stored Evotor position could not be read', 'english');
      raw.prepare('UPDATE feeds SET note = ? WHERE id = ?').run('Возможен пропуск', 'russian');
      raw.exec('PRAGMA user_version = 4');
      raw.close();
      const reopened = EventStore.open(file);
      expect(reopened.feedState('split')!.note).toEqual({
        ru: 'Возможен пропуск событий.',
        en: 'Some events may have been missed.',
      });
      expect(reopened.feedState('english')!.note).toEqual({
        ru: 'Возможен пропуск событий: сервис не принял сохранённую позицию ленты.',
        en: 'The stored Evotor position could not be read',
      });
      expect(reopened.feedState('russian')!.note).toEqual({ ru: 'Возможен пропуск', en: 'Возможен пропуск' });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
