// The vocabulary behind fast prefix search: every word the full-text index holds, so a typed prefix can be
// expanded into the words it completes to.
//
// Why: FTS5 answers "документ"* by merging the whole match list of every completion before LIMIT applies, so
// a common prefix over a million events costs ~90 ms. An OR of the exact completions is walked lazily
// newest-first and stops at the page size (~1 ms). Tokens that mix letters and digits (GUID parts, hex ids)
// are left out: they are nearly unique, would bloat the table, and their plain prefix query is already cheap.
import type { SqliteDatabase } from './sqlite.ts';

/** Completions beyond this fall back to FTS5's own prefix query (a prefix of one or two letters). */
export const MAX_EXPANSIONS = 64;
const MAX_TERM_LENGTH = 32;
const WORD = /[\p{L}\p{N}]+/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;
/** Terms remembered as already stored, so ingest skips their INSERT; cleared when full. */
const KNOWN_CACHE_LIMIT = 200_000;

/** ё and е are one letter to a Russian reader; unicode61 folds Latin diacritics only. */
export function foldForSearch(text: string): string {
  return text.replaceAll('ё', 'е').replaceAll('Ё', 'Е');
}

/** The words of a text as the index sees them: NFKC, ё folded, lower-cased, split on non-letters/digits. */
export function searchWords(text: string): string[] {
  return foldForSearch(text.normalize('NFKC')).toLowerCase().match(WORD) ?? [];
}

function isVocabularyTerm(word: string): boolean {
  return word.length <= MAX_TERM_LENGTH && !(HAS_LETTER.test(word) && HAS_DIGIT.test(word));
}

function quote(word: string): string {
  return `"${word}"`;
}

/**
 * The plain FTS5 query for what a person typed: every word must match, each as a prefix, so "ромаш упд" finds
 * "ООО «Ромашка», УПД № 12". Quotes and operators typed by the user are plain text. Null when nothing is searchable.
 */
export function toFtsQuery(text: string): string | null {
  const words = searchWords(text).slice(0, 16);
  return words.length ? words.map((word) => `${quote(word)}*`).join(' ') : null;
}

export class SearchVocabulary {
  readonly #db: SqliteDatabase;
  readonly #known = new Set<string>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** Records the words of one indexed document (call inside the ingest transaction). */
  record(document: string): void {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO search_terms (term) VALUES (?)');
    for (const word of searchWords(document)) {
      if (this.#known.has(word) || !isVocabularyTerm(word)) continue;
      insert.run(word);
      if (this.#known.size >= KNOWN_CACHE_LIMIT) this.#known.clear();
      this.#known.add(word);
    }
  }

  /** Forgets the cache (after a rollback, the rows it vouched for may be gone). */
  reset(): void {
    this.#known.clear();
  }

  /**
   * The FTS5 query for what a person typed, each word expanded into its stored completions where there are
   * few enough, else left to FTS5's prefix query. Null when nothing is searchable.
   */
  toQuery(text: string): string | null {
    const words = searchWords(text).slice(0, 16);
    if (words.length === 0) return null;
    const completions = this.#db.prepare('SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?');
    return words
      .map((word) => {
        // A word mixing letters and digits completes only to such tokens, which the vocabulary leaves out.
        if (!isVocabularyTerm(word)) return `${quote(word)}*`;
        const terms = completions.all(word, `${word}\u{10FFFF}`, MAX_EXPANSIONS + 1).map((row) => String(row['term']));
        if (terms.length === 0 || terms.length > MAX_EXPANSIONS) return `${quote(word)}*`;
        return `(${terms.map(quote).join(' OR ')})`;
      })
      .join(' AND ');
  }
}
