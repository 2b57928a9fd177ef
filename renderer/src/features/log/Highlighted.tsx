// A text with the search's words marked (<mark>), in the list and the detail.
import { useMemo } from 'react';
import { searchWords, splitMatches } from './highlight.ts';

export function Highlighted({ text, search }: { text: string; search: string }) {
  const parts = useMemo(() => splitMatches(text, searchWords(search)), [text, search]);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="search-hit">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
