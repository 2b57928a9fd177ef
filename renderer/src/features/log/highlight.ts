// The search's words found in a text, for highlighting: case-insensitive, as the store's search matches word starts
// and whole words alike. No React here.

/** The words of a search worth highlighting (two letters or more), longest first so that overlaps pick the longer. */
export function searchWords(search: string): string[] {
  const words = search
    .toLowerCase()
    .split(/[\s"'«»()*:^+-]+/u)
    .filter((w) => [...w].length >= 2);
  return [...new Set(words)].toSorted((a, b) => b.length - a.length);
}

/** `text` cut into plain and matched parts (odd indexes are matches); one part when nothing matches. */
export function splitMatches(text: string, words: readonly string[]): string[] {
  if (words.length === 0 || text === '') return [text];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.split(new RegExp(`(${escaped.join('|')})`, 'giu'));
}
