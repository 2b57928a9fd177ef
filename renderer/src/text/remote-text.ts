// Text and links that came from a service, before the window shows them. The window cannot use main's module (it
// imports nothing from main/), so this is its own small copy: bidi controls and control characters removed, lengths
// bounded, and a link only to a provider's own https site (the providers' link hosts from providers:list, the list
// main also uses).

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), the Arabic letter mark
 * (U+061C), and C0/C1 control characters other than tab and line feed: an RLO makes "gnp.exe" read "exe.png".
 */
// oxlint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** The text without bidi controls and control characters (tabs and line breaks kept). */
export function cleanText(text: string): string {
  return text.replace(UNSAFE, '');
}

/** At most `max` characters (whole code points), with "…" at the end when cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

/** Whether `text` has more than `max` characters (code points). */
export function isLonger(text: string, max: number): boolean {
  return text.length > max && Array.from(text).length > max;
}

/** One line of remote text: unsafe characters gone, whitespace runs (line breaks too) as one space, bounded. */
export function oneLine(text: string, max: number): string {
  return clipText(cleanText(text).replace(/\s+/g, ' ').trim(), max);
}

/**
 * A payload's JSON for reading: bidi and C1 controls inside its strings written as \u escapes. The JSON means the
 * same, and the hidden characters show up instead of turning the text around.
 */
export function escapeUnsafeJson(json: string): string {
  return json.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Longest link accepted; a provider's page address is far shorter. */
const MAX_LINK_LENGTH = 4096;

/**
 * The link as the window may render it, or null when it must stay text: https only, no user or password, default
 * port, and a host under one of the providers' domains (`linkHosts`) (`data:`, `javascript:`, `file:`, `http:` and foreign hosts
 * are all refused). Main refuses to open anything else too.
 */
export function providerLink(raw: unknown, linkHosts: readonly string[]): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  // URL has already lower-cased the host and turned non-ASCII names into punycode, so look-alikes do not match.
  const host = url.hostname.replace(/\.$/, '');
  return linkHosts.some((domain) => host === domain || host.endsWith(`.${domain}`)) ? url.href : null;
}
