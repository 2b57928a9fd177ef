// Text that came from a service (titles, summaries, error messages) before it is shown anywhere: control characters
// and bidirectional overrides removed, so "gnp.exe" cannot pass for "exe.png", and lengths bounded.

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), the Arabic letter mark
 * (U+061C), and C0/C1 control characters other than tab and line feed.
 */
// oxlint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** The text without bidi controls and control characters (tabs and line breaks kept). */
export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE, '');
}

/** At most `max` characters (whole code points), with "…" at the end when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/** A line of remote text for display: unsafe characters gone, whitespace runs (line breaks too) as one space, bounded. */
export function displayLine(text: string, max: number): string {
  return truncate(stripUnsafe(text).replace(/\s+/g, ' ').trim(), max);
}
