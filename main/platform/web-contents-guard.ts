// One guard for every webContents the app will ever create (Electron security checklist items 5, 12, 13, 14), installed
// through app.on('web-contents-created') before the first window, so a window added later is covered without anyone
// remembering to lock it down: no navigation out of the app's origin, no new windows (allowed provider links go to the
// system browser), no <webview>, no permission granted.
import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/ports.ts';
import { isAppOrigin } from './app-url.ts';
import { isAllowedExternalLink } from './external-links.ts';

export interface WebContentsGuardOptions {
  /** The app's renderer URL (app://feedbell/index.html, or the dev server's); its origin is the only one allowed. */
  appUrl: string;
  log: Logger;
}

/** Denies every permission request and check for `session` (camera, notifications, geolocation, clipboard, ...). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Guards every webContents created from now on. Call before the app creates its first window. */
export function guardAllWebContents(options: WebContentsGuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

/** Locks down one webContents (exported for tests; the app uses guardAllWebContents). */
export function guardWebContents(contents: WebContents, options: WebContentsGuardOptions): void {
  const { appUrl, log } = options;
  const allowed = (url: string) => isAppOrigin(url, appUrl);

  // Links and scripts cannot take any frame away from the app's own origin; a redirect cannot either.
  contents.on('will-navigate', (event) => {
    if (allowed(event.url)) return;
    event.preventDefault();
    log.warn('guard: blocked navigation', { url: safeUrlForLog(event.url) });
  });
  contents.on('will-frame-navigate', (event) => {
    if (allowed(event.url)) return;
    event.preventDefault();
    if (!event.isMainFrame) log.warn('guard: blocked a frame navigation', { url: safeUrlForLog(event.url) });
  });
  contents.on('will-redirect', (event) => {
    if (allowed(event.url)) return;
    event.preventDefault();
    log.warn('guard: blocked a redirect', { url: safeUrlForLog(event.url) });
  });

  // No window.open or target=_blank ever makes a window; https links to the providers open in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) {
      shell
        .openExternal(url)
        .catch((err: unknown) =>
          log.warn('guard: could not open link', { error: err instanceof Error ? err.message : String(err) }),
        );
    } else {
      log.warn('guard: blocked a new window', { url: safeUrlForLog(url) });
    }
    return { action: 'deny' };
  });

  // webviewTag is off in every window; should one appear anyway, it is never attached.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('guard: blocked a webview');
  });

  // The default session is hardened at start-up; a window with a session of its own gets the same handlers.
  hardenSession(contents.session);
}

/** Origin and path only: a blocked URL may carry tokens in its query. */
export function safeUrlForLog(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`.slice(0, 200);
  } catch {
    return '(invalid url)';
  }
}
