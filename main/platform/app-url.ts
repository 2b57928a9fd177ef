// The one page the app's window may show, and the test whether a URL is that page (pure; no electron).
import { pathToFileURL } from 'node:url';

/** Where the renderer lives: the dev server in development, the built index.html otherwise. */
export function rendererUrl(options: { devServerUrl?: string | undefined; indexHtmlPath: string }): string {
  if (options.devServerUrl) return new URL(options.devServerUrl).href;
  return pathToFileURL(options.indexHtmlPath).href;
}

/** True when `url` is the app's own renderer page (ignoring query and fragment). */
export function isAppRendererUrl(url: string, appUrl: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(appUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return actual.protocol === 'file:' && actual.host === expected.host && actual.pathname === expected.pathname;
  }
  // Dev server: the page may route within its own origin.
  return actual.origin === expected.origin;
}
