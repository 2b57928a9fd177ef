// Where the app's window lives, and the tests whether a URL is the app's page or inside its origin (pure; no electron).
// The built renderer is served from app://feedbell/ (main/platform/app-protocol.ts), never from file://: a custom
// standard scheme is an origin of its own, so the page gets no file:// privileges and can reach no other local file.

/** The custom scheme the built renderer is served from (registered as standard and secure). */
export const APP_SCHEME = 'app';
/** The one host the app protocol answers for; any other host is refused. */
export const APP_HOST = 'feedbell';
/** The origin of the built renderer, as Chromium spells it for a standard scheme. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads in the packaged app. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** Where the renderer lives: the dev server in development, app://feedbell/index.html otherwise. */
export function rendererUrl(options: { devServerUrl?: string | undefined }): string {
  if (options.devServerUrl) return new URL(options.devServerUrl).href;
  return APP_PAGE_URL;
}

/**
 * scheme://host[:port] of `url`, or null. Node's URL gives the origin 'null' for schemes it does not know (app:),
 * while Chromium, where the scheme is registered as standard, gives app://feedbell: compute it the same way for both.
 */
function originOf(url: URL): string | null {
  if (url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}

function parse(raw: string): URL | null {
  if (typeof raw !== 'string') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True when `url` lies in the app's own origin: app://feedbell in the packaged app, the dev server's in development. */
export function isAppOrigin(url: string, appUrl: string): boolean {
  const actual = parse(url);
  const expected = parse(appUrl);
  if (!actual || !expected) return false;
  // No credentials in an app URL: app://evil@feedbell/ is not the app.
  if (actual.username !== '' || actual.password !== '') return false;
  const origin = originOf(actual);
  return origin !== null && origin === originOf(expected);
}

/** True when `url` is the app's own renderer page (ignoring query and fragment). */
export function isAppRendererUrl(url: string, appUrl: string): boolean {
  if (!isAppOrigin(url, appUrl)) return false;
  const expected = new URL(appUrl);
  if (expected.protocol === `${APP_SCHEME}:`) {
    // The built app has exactly one page.
    const actual = new URL(url);
    return actual.pathname === expected.pathname;
  }
  // Dev server: the page may route within its own origin.
  return true;
}
