// Text a server sent (an error body, a message, a header value) before it goes into an error: a short, sanitized
// excerpt with every known secret scrubbed in every form a server may echo it in, proxy credentials included.
import { FeedError } from '../model.ts';
import { displayLine, stripUnsafe, truncate } from './untrusted-text.ts';

/** The longest excerpt of a server's text an error keeps. */
export const SERVER_TEXT_MAX = 200;
/** Shorter secrets are not looked for: they would match too much ordinary text. */
export const MIN_SECRET_LENGTH = 4;
/** A server that echoes only the first part of a secret: any prefix this long or longer is scrubbed. */
export const MIN_PREFIX_LENGTH = 8;
export const REDACTED = '***';
/** An error's own text (message, hint, detail) is cut here by the last guard; its server part is already shorter. */
export const ERROR_TEXT_MAX = 1000;
/** Only the start of a body is read for an excerpt: a 100 KB body is not scanned for 200 characters of it. */
const READ_MAX = 8192;

/** Secrets known at the place an error is built; nulls and empty values are skipped. */
export type KnownSecrets = readonly (string | null | undefined)[];

/** A scheme a user may paste in front of a token ("Bearer eyJ…"); the server may echo the token without it. */
const SCHEME_PREFIX = /^(?:bearer|basic|auth\.sid|ddauth_token)[\s=:]+/i;
/**
 * A credential after an auth scheme in a server's text, known to us or not: 8 or more characters with a digit among
 * them ("Bearer authentication required" is words, "Bearer eyJhbGciOi…" is a token).
 */
const AFTER_SCHEME = /\b(bearer|basic|auth\.sid|ddauth_token|apikey)([\s=:]+)(?=[^\s"',;)&]*\d)[^\s"',;)&]{8,}/gi;
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];
/** Proxy credentials of the preferences this process has used (HttpClient tells us), newest last. */
const rememberedProxySecrets: string[] = [];
const REMEMBERED_MAX = 32;

/**
 * The secrets in a proxy URL: `user:password` as sent in Basic auth (its base64 is one of its forms), the same as
 * written in the URL (percent-encoded), and the password alone; a user without a password is the credential itself.
 */
export function proxySecrets(proxyUrl: string | null | undefined): string[] {
  const value = proxyUrl?.trim();
  if (!value) return [];
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    return [];
  }
  if (!url.username && !url.password) return [];
  const user = decoded(url.username);
  const password = decoded(url.password);
  return password
    ? [`${user}:${password}`, `${url.username}:${url.password}`, password, url.password]
    : [user, `${user}:`, url.username];
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The credentials of the proxies named by HTTPS_PROXY, HTTP_PROXY and ALL_PROXY (any case). */
export function proxyEnvSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return PROXY_VARIABLES.flatMap((name) => proxySecrets(env[name]));
}

/** Remembers the credentials of a proxy from the preferences: from now on they are scrubbed from every server text. */
export function rememberProxy(proxyUrl: string | null | undefined): void {
  for (const secret of proxySecrets(proxyUrl)) {
    if (rememberedProxySecrets.includes(secret)) continue;
    rememberedProxySecrets.push(secret);
    if (rememberedProxySecrets.length > REMEMBERED_MAX) rememberedProxySecrets.shift();
  }
}

/** Proxy credentials that any answer may carry: the environment's and the preferences'. */
function ambientSecrets(): string[] {
  return [...rememberedProxySecrets, ...proxyEnvSecrets()];
}

/** Lower case per UTF-16 unit, keeping lengths, so positions in the folded text are positions in the original. */
function fold(text: string): string {
  // oxlint-disable-next-line no-control-regex -- ASCII test
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (const unit of text.split('')) {
    const lower = unit.toLowerCase();
    out += lower.length === 1 ? lower : unit;
  }
  return out;
}

/** Every form of a secret a server might send back, folded: as is, without a scheme, URL-encoded, base64, JSON. */
function formsOf(secret: string): string[] {
  const forms = new Set<string>();
  const trimmed = secret.trim();
  for (const value of [trimmed, trimmed.replace(SCHEME_PREFIX, '').trim()]) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    const base64 = Buffer.from(value, 'utf8').toString('base64');
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(new URLSearchParams([['', value]]).toString().slice(1));
    forms.add(base64);
    forms.add(base64.replace(/\+/g, '-').replace(/\//g, '_'));
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).map(fold);
}

/**
 * `text` with every secret replaced by "***": each form of it (see formsOf), in any letter case, and any prefix of a
 * form of at least MIN_PREFIX_LENGTH characters; secrets shorter than MIN_SECRET_LENGTH are left alone. The proxy
 * credentials of the environment and the preferences are always among the secrets, and a credential after an auth
 * scheme word ("Bearer eyJ…", "auth.sid=…") is scrubbed too. The text is otherwise unchanged (no bound, no sanitizing).
 */
export function scrubSecrets(text: string, secrets: KnownSecrets): string {
  const forms = [...new Set([...secrets, ...ambientSecrets()].flatMap((s) => (s ? formsOf(s) : [])))];
  let out = text;
  if (forms.length > 0) {
    const folded = fold(text);
    const hidden = new Uint8Array(text.length);
    for (const form of forms) {
      const head = form.slice(0, MIN_PREFIX_LENGTH);
      for (let at = folded.indexOf(head); at !== -1; at = folded.indexOf(head, at + 1)) {
        let end = at + head.length;
        while (end - at < form.length && end < folded.length && folded[end] === form[end - at]) end++;
        hidden.fill(1, at, end);
      }
    }
    out = '';
    for (let i = 0; i < text.length; i++) {
      if (!hidden[i]) out += text[i];
      else if (i === 0 || !hidden[i - 1]) out += REDACTED;
    }
  }
  return out.replace(AFTER_SCHEME, `$1$2${REDACTED}`);
}

/**
 * What an error may keep of a server's text: control and bidi characters removed, whitespace runs as one space,
 * every known secret scrubbed (see scrubSecrets), at most `max` characters. Empty when nothing is left.
 */
export function serverExcerpt(text: string | null | undefined, secrets: KnownSecrets = [], max = SERVER_TEXT_MAX): string {
  if (!text) return '';
  const start = stripUnsafe(text.length > READ_MAX ? text.slice(0, READ_MAX) : text);
  return displayLine(scrubSecrets(start, secrets), max);
}

/** One of an error's texts through the last guard: sanitized, scrubbed, bounded. */
function guarded(text: string, secrets: KnownSecrets): string {
  return truncate(scrubSecrets(stripUnsafe(text), secrets), ERROR_TEXT_MAX);
}

/**
 * The last guard before an error is stored, logged or shown: its message, hint and detail sanitized, with the
 * secrets (and proxy credentials) scrubbed and their length bounded. The same error when nothing had to change.
 */
export function redactError(error: FeedError, secrets: KnownSecrets): FeedError {
  const message = guarded(error.message, secrets);
  const hint = error.hint === undefined ? undefined : guarded(error.hint, secrets);
  const detail = error.detail === undefined ? undefined : guarded(error.detail, secrets);
  if (message === error.message && hint === error.hint && detail === error.detail) return error;
  const copy = new FeedError(error.kind, message, {
    ...(hint === undefined ? {} : { hint }),
    ...(detail === undefined ? {} : { detail }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
  copy.name = error.name;
  return copy;
}
