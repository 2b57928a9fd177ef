// The app:// protocol: serves the built renderer (out/renderer) and nothing else, so the window never runs from file://
// (Electron security checklist item 18). Every request is resolved to a path, and answered only when the real path of
// an existing regular file lies inside the renderer folder: no "..", no encoded separators, no absolute paths, no
// symlink out of the folder, no other host.
import fs from 'node:fs';
import { resolve, sep } from 'node:path';
import { protocol } from 'electron';
import type { Logger } from '../core/ports.ts';
import { APP_HOST, APP_SCHEME } from './app-url.ts';
import { contentTypeOf } from './content-types.ts';
import { RENDERER_CSP_HEADER } from './content-security-policy.ts';
import type { ServedPage } from './first-screen.ts';

/**
 * standard: a real origin (app://feedbell), relative URLs and web storage work as on https.
 * secure: a secure context, like https. supportFetchAPI: the page's own fetch() of its assets works.
 * codeCache: V8 keeps the bundle's compiled code between opens, as it does for https (Electron enables it for custom
 * schemes only when asked, and only with standard), so a window opened again does not compile React anew.
 * Not corsEnabled: other origins cannot read app:// responses. No bypassCSP, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** Registers app:// as a privileged scheme. Electron accepts this only before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/**
 * Answers app:// requests from `rendererDir` (out/renderer). Call once the app is ready, before any window loads.
 * `drawIndex`, when it returns one, draws the window's first screen into index.html (first-screen.ts).
 */
export function serveAppProtocol(rendererDir: string, log: Logger, drawIndex?: () => IndexDrawer | null): void {
  protocol.handle(APP_SCHEME, createAppFileHandler(rendererDir, log, drawIndex));
}

/** Turns the built index.html into the page served, with its policy. */
export type IndexDrawer = (html: string) => Promise<ServedPage>;

/** Headers on every answer: the renderer's CSP (frame-ancestors applies only here, not in the <meta> tag). */
function headers(contentType: string, policy = RENDERER_CSP_HEADER): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

/**
 * The path segments of an app:// URL, decoded, or null when the URL is not one the app serves: another scheme or
 * host, credentials or a port, or a segment that is empty, "." or "..", or holds a separator, a NUL or a drive colon
 * once decoded (e.g. "..%2f", "%5c", "C:"). "/" is index.html.
 */
export function appPathSegments(rawUrl: string): string[] | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  const path = url.pathname === '' || url.pathname === '/' ? '/index.html' : url.pathname;
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null; // malformed escape
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** True when `child` lies below the folder `parent`. */
function isInside(parent: string, child: string): boolean {
  return child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/**
 * The protocol handler: GET/HEAD of a file under `rootDir` with its content type and the CSP header; 404 for
 * anything not there or not allowed (the page learns nothing about files outside), 405 for other methods.
 * fs here is Electron's asar-aware fs in the packaged app, where out/renderer lies inside app.asar.
 */
export function createAppFileHandler(
  rootDir: string,
  log?: Logger,
  drawIndex?: () => IndexDrawer | null,
): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const segments = appPathSegments(request.url);
    if (segments === null) {
      log?.warn('app protocol: refused a request', { url: request.url.slice(0, 200) });
      return plain(404, 'Not found');
    }
    const file = resolve(root, ...segments);
    if (!isInside(root, file)) return plain(404, 'Not found');
    let body: Buffer;
    try {
      // A symlink inside the folder must not lead out of it: compare real paths.
      const [realRoot, realFile] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
      if (!isInside(realRoot, realFile)) {
        log?.warn('app protocol: refused a link out of the renderer folder', { path: segments.join('/').slice(0, 200) });
        return plain(404, 'Not found');
      }
      if (!(await fs.promises.stat(realFile)).isFile()) return plain(404, 'Not found');
      body = await fs.promises.readFile(realFile);
    } catch {
      return plain(404, 'Not found');
    }
    const type = contentTypeOf(file);
    const draw = segments.length === 1 && segments[0] === 'index.html' ? drawIndex?.() : null;
    if (draw && request.method === 'GET') {
      const page = await draw(body.toString('utf8'));
      return new Response(page.html, { status: 200, headers: headers(type, page.policy) });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(type) });
  };
}
