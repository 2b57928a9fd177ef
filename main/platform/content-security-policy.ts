// The renderer's Content-Security-Policy, in one place (pure; no electron). renderer/index.html carries it in a <meta>
// tag (checked equal by test/platform/shell-config.test.ts); the app protocol and the test bridge send it as a header.

/** Directive → sources. Scripts, styles, fonts and connections come only from the app's own origin. */
export const RENDERER_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // No 'unsafe-inline': the build emits one stylesheet file and React sets style props through the CSSOM,
  // which CSP does not restrict; a <style> element or style="" attribute injected by hostile text is refused.
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  // Honoured only in a header: a <meta> policy ignores it (and Chromium logs an error for trying).
  'frame-ancestors': ["'none'"],
};

function serialize(directives: Readonly<Record<string, readonly string[]>>, skip: readonly string[]): string {
  return Object.entries(directives)
    .filter(([name]) => !skip.includes(name))
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The Content-Security-Policy response header for the renderer's files. */
export const RENDERER_CSP_HEADER: string = serialize(RENDERER_CSP, []);

/** The same policy as it must appear in renderer/index.html's <meta> tag, where frame-ancestors would be ignored. */
export const RENDERER_CSP_META: string = serialize(RENDERER_CSP, ['frame-ancestors']);

/**
 * The policy for a page main drew (first-screen.ts): its style="" attributes (a row's place in the list, the columns'
 * widths) are allowed each by the hash of its exact value ('unsafe-hashes', CSP level 3), and nothing else inline is.
 * `styleHashes` are CSP hash sources ('sha256-…').
 */
export function drawnPagePolicy(styleHashes: readonly string[]): { header: string; meta: string } {
  const hashes = styleHashes.length > 0 ? ["'unsafe-hashes'", ...styleHashes] : [];
  const directives = { ...RENDERER_CSP, 'style-src': [...(RENDERER_CSP['style-src'] ?? []), ...hashes] };
  return { header: serialize(directives, []), meta: serialize(directives, ['frame-ancestors']) };
}
