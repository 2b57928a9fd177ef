import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { ftsDocument } from '../../main/core/store/schema.ts';
import { foldForSearch, MAX_EXPANSIONS, letterWords, searchWords } from '../../main/core/store/search-terms.ts';

const T0 = Date.UTC(2026, 10, 1);
const WORDS = [
  'документ',
  'документы',
  'документов',
  'доклад',
  'договор',
  'ромашка',
  'ромашкой',
  'приёмка',
  'Продажа',
  'возврат',
  'УПД',
  'invoice',
  'Invoices',
];

function event(i: number, title: string, payload: unknown = { n: i }): NormalizedEvent {
  return {
    id: `e${i}`,
    type: 't',
    occurredAt: T0 + i,
    title: { ru: title, en: 'x' },
    summary: { ru: 's', en: 's' },
    link: null,
    payload,
  };
}

/** What a search must return: events where every typed word starts some word of the event, newest first. */
function expected(events: NormalizedEvent[], text: string): string[] {
  const typed = searchWords(text);
  return events
    .filter((e) => {
      const words = searchWords(
        ftsDocument(e.title.ru, e.title.en, e.summary.ru, e.summary.en, e.type, JSON.stringify(e.payload)),
      );
      return typed.every((t) => words.some((w) => w.startsWith(t)));
    })
    .toSorted((a, b) => b.occurredAt - a.occurredAt)
    .map((e) => e.id);
}

function fill(count: number) {
  const store = EventStore.open(':memory:');
  store.ensureFeed('f', 'demo');
  const events = Array.from({ length: count }, (_, i) =>
    event(i, `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} № ${1000 + (i % 37)}`, {
      inn: String(6676130000 + i),
      guid: `c55c${i}`,
    }),
  );
  for (let i = 0; i < events.length; i += 50) store.ingest('f', events.slice(i, i + 50), String(i), T0);
  return { store, events };
}

describe('prefix search through the vocabulary', () => {
  it('returns exactly what a prefix match over every word would, for words, numbers, identifiers and combinations', () => {
    const { store, events } = fill(600);
    const searches = [
      'док',
      'документ',
      'документы',
      'ром',
      'Ромашк',
      'прием',
      'приём',
      'продаж',
      'invoice',
      'INV',
      'упд',
      'док ром',
      'возврат 1003',
      '10',
      '667613001',
      'c55c12',
      'nothing-like-this',
      '"док" OR *',
    ];
    for (const text of searches) {
      const got = store.query({ search: text, limit: 500 }).items.map((r) => r.id);
      expect(got, text).toEqual(expected(events, text).slice(0, 500));
    }
    store.close();
  });

  it('falls back to the plain prefix query when a prefix has too many completions', () => {
    const store = EventStore.open(':memory:');
    store.ensureFeed('f', 'demo');
    const events = Array.from({ length: MAX_EXPANSIONS + 10 }, (_, i) =>
      event(i, `слово${'абвгдежзиклмнопрстуфхцчшщэюя'[i % 28]}${'абвгд'[Math.floor(i / 28)]}`),
    );
    store.ingest('f', events, '1', T0);
    expect(store.query({ search: 'слово', limit: 500 }).items).toHaveLength(events.length);
    store.close();
  });

  it('keeps the vocabulary right after a page is rolled back', () => {
    const store = EventStore.open(':memory:');
    store.ensureFeed('f', 'demo');
    const broken = { ...event(2, 'Уникальноеслово'), title: { ru: 'Уникальноеслово', en: null as unknown as string } };
    expect(() => store.ingest('f', [event(1, 'Уникальноеслово'), broken], '1', T0)).toThrow();
    expect(store.count()).toBe(0);
    store.ingest('f', [event(3, 'Уникальноеслово третье')], '2', T0);
    expect(store.query({ search: 'уникальн' }).items.map((r) => r.id)).toEqual(['e3']);
    store.close();
  });
});

describe('the ingest-side word scanner', () => {
  it('finds the same words of letters as the Unicode tokenizer, on text of every kind', () => {
    const samples = [
      'Входящий документ: УПД № 2559 от ООО «Сибирская кофейня»',
      '{"EventId":"79912f8d-74fe","FromTitle":"АО «Гранит-Логистик»","sum":4464.87,"close_date":"2026-11-22T12:08:44.886+0000"}',
      'Ёлка, ёж и ЁЖИК; café Ärger naïve — Ωμέγα ∑ 😀 𝒳yz 10×20 ½ ₽ ⅷ',
      'mixed a1b2 c3 abc 123 ab_cd "quoted" (paren) [br] x/y\\z',
      '',
    ];
    for (const text of samples) {
      expect(letterWords(foldForSearch(text)), text).toEqual(searchWords(text).filter((w) => !/\p{N}/u.test(w)));
    }
  });
});
