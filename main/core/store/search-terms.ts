// The vocabulary behind fast prefix search: every word the full-text index holds, so a typed prefix can be
// expanded into the words it completes to.
//
// Why: FTS5 answers "документ"* by merging the whole match list of every completion before LIMIT applies, so
// a common prefix over a million events costs ~90 ms. An OR of the exact completions is walked lazily
// newest-first and stops at the page size (~1 ms). Only words of letters are kept (see isVocabularyTerm), so a
// typed word of letters completes to words of letters: "ab" does not find the id "ab12" (typing "ab1" does).
import type { SqliteDatabase } from './sqlite.ts';

/** Completions beyond this fall back to FTS5's own prefix query (a prefix of one or two letters). */
export const MAX_EXPANSIONS = 64;
const MAX_TERM_LENGTH = 32;
const WORD = /[\p{L}\p{N}]+/gu;
const HAS_DIGIT = /\p{N}/u;
/** Terms remembered as already stored, so ingest skips their INSERT; cleared when full. */
const KNOWN_CACHE_LIMIT = 200_000;

/** ё and е are one letter to a Russian reader; unicode61 folds Latin diacritics only. */
export function foldForSearch(text: string): string {
  return text.replaceAll('ё', 'е').replaceAll('Ё', 'Е');
}

/** The words of a text as the index sees them: ё folded, lower-cased, split on what is not a letter or digit (no NFKC: the index does not apply it, and it turns «№» into «No»). */
export function searchWords(text: string): string[] {
  return foldForSearch(text).toLowerCase().match(WORD) ?? [];
}

/** Only words of letters are kept: numbers and ids (GUID parts, INNs, sums) are nearly unique and would make
 * the table as large as the index; a typed number is left to FTS5's own prefix query. */
function isVocabularyTerm(word: string): boolean {
  return word.length <= MAX_TERM_LENGTH && !HAS_DIGIT.test(word);
}

const OTHER_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The lower-cased words of letters only in a document, found by a hand-written scanner: ingest runs this on
 * every event, and a Unicode-class regex over the whole text cost more than the insert itself.
 * Token boundaries match FTS5's unicode61 (runs of letters and digits); runs holding a digit are skipped.
 */
export function letterWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  let digit = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    let letter = false;
    let number = false;
    let width = 1;
    if (c < 128) {
      const lower = c | 32;
      letter = lower >= 97 && lower <= 122;
      number = c >= 48 && c <= 57;
    } else if (c >= 0x400 && c <= 0x4ff) {
      letter = true; // Cyrillic
    } else if (c !== 0xd7 && c !== 0xf7 && c >= 0xc0 && c <= 0x24f) {
      letter = true; // Latin-1 and Latin Extended letters
    } else {
      // Anything else, including a character outside the BMP (a surrogate pair), asks the Unicode classes.
      const char = String.fromCodePoint(text.codePointAt(i)!);
      if (OTHER_LETTER_OR_DIGIT.test(char)) {
        number = HAS_DIGIT.test(char);
        letter = !number;
        width = char.length;
      }
    }
    if (letter || number) {
      if (start < 0) {
        start = i;
        digit = false;
      }
      if (number) digit = true;
    } else if (start >= 0) {
      if (!digit && i - start <= MAX_TERM_LENGTH) words.push(text.slice(start, i).toLowerCase());
      start = -1;
    }
    i += width - 1;
  }
  return words;
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
    for (const word of letterWords(document)) {
      if (this.#known.has(word)) continue;
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
        // A word with a digit completes only to tokens with digits, which the vocabulary leaves out.
        if (!isVocabularyTerm(word)) return `${quote(word)}*`;
        const terms = completions.all(word, `${word}\u{10FFFF}`, MAX_EXPANSIONS + 1).map((row) => String(row['term']));
        if (terms.length === 0 || terms.length > MAX_EXPANSIONS) return `${quote(word)}*`;
        return `(${terms.map(quote).join(' OR ')})`;
      })
      .join(' AND ');
  }
}
