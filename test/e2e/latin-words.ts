// Finds English or developer words in the Russian window: every Latin-script word a person can read (visible text,
// placeholders, labels, tooltips) that is not on the allow-list. Verbatim data is left out on purpose: the raw
// payload (`pre`, `code`), and what the window marks `data-verbatim` (addresses, document numbers as the service
// wrote them, a person's own feed names).
import type { Page } from '@playwright/test';

/** Names and abbreviations a Russian user reads in Latin letters in any Russian program. */
export const LATIN_ALLOWED: ReadonlySet<string> = new Set(
  [
    // The product and the services' own names (the services write them this way in Russian too).
    'Feedbell',
    'Evotor',
    'Diadoc',
    'Kontur',
    'Extern',
    'Reestro',
    'API',
    'ID',
    // Names the services use in their own Russian cabinets and documents, which a person must match.
    'Client',
    'DiadocAuth',
    // A language's own name in the language switch.
    'English',
    'EN',
    'RU',
    // Keys on the keyboard.
    'Esc',
    'Enter',
    'Tab',
    'Ctrl',
    'Shift',
    'Alt',
    // Formats a person picks, and units of data.
    'JSON',
    'CSV',
    'HTTP',
    'HTTPS',
    'URL',
    'XML',
    'PDF',
  ].map((word) => word.toLowerCase()),
);

/** A token of letters, digits and joiners; one with a digit in it is an id or a number, not a word. */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9'’_-]*/g;
/** A word: two or more Latin letters (single letters, a list's «a» or a variable, are too short to judge). */
const LATIN_WORD = /^[A-Za-z][A-Za-z'’_-]*[A-Za-z]$/;
/** Host names, addresses, e-mail: verbatim wherever they stand. */
const ADDRESS = /\b(?:https?:\/\/\S+|[\w.-]+@[\w.-]+|(?:[\w-]+\.)+(?:ru|com|net|org|io)\b\S*)/gi;

/** Text the window quotes in «…» is the service's own words (a name, a plan, an unknown type's code). */
const QUOTED = /«[^«»]*»/g;
/** Codes a person must recognise as the service writes them (Kontur's session cookie and organisation id, Evotor's right). */
const ALLOWED_CODES: readonly string[] = ['auth.sid', 'event:read', 'portal.orgid'];

/** A dotted code such as `diadoc.utd` or `Fssp.Processed`: an id, even when its first part is a service's name. */
const DOTTED_CODE = /[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+/g;

/** The Latin words in `text` that are not allowed (each once, in order of appearance). */
export function unexpectedLatinWords(text: string, allowed: ReadonlySet<string> = LATIN_ALLOWED): string[] {
  const found = new Set<string>();
  let plain = text.replace(ADDRESS, ' ').replace(QUOTED, ' ');
  for (const code of ALLOWED_CODES) plain = plain.replaceAll(code, ' ');
  plain = plain.replace(DOTTED_CODE, (code) => {
    found.add(code);
    return ' ';
  });
  for (const [word] of plain.matchAll(TOKEN)) {
    if (LATIN_WORD.test(word) && !allowed.has(word.toLowerCase())) found.add(word);
  }
  return [...found];
}

/** What a person can read on the page now: visible text and the texts of labels, placeholders and tooltips. */
export async function readableText(page: Page): Promise<string> {
  return page.locator('body').evaluate((body) => {
    const doc = body.ownerDocument;
    const skip = (el: typeof body | null): boolean => !!el?.closest('pre, code, [data-verbatim], script, style, [hidden]');
    const parts: string[] = [];
    const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || skip(el) || !node.textContent?.trim()) continue;
      // Only what is rendered: closed <details>, display:none and visibility:hidden text is not read.
      if (!el.checkVisibility({ checkVisibilityCSS: true })) continue;
      parts.push(node.textContent);
    }
    for (const el of doc.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
      if (skip(el) || !el.checkVisibility({ checkVisibilityCSS: true })) continue;
      for (const attr of ['placeholder', 'aria-label', 'title', 'alt']) {
        const value = el.getAttribute(attr);
        if (value) parts.push(value);
      }
    }
    // Options of a closed <select> are readable once opened.
    for (const option of doc.querySelectorAll('select option')) {
      if (!skip(option) && option.parentElement?.closest('select')?.checkVisibility()) parts.push(option.textContent ?? '');
    }
    return parts.join('\n');
  });
}
