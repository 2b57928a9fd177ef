// The app:// handler on a real folder: files of the build come back with their content type and the CSP header; no
// spelling of a path outside the folder, no symlink out of it, no other host, no other method gets anything but a
// refusal, and a refusal never carries the outside file.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/ports.ts';
import {
  APP_SCHEME_PRIVILEGES,
  appPathSegments,
  createAppFileHandler,
  registerAppScheme,
  type IndexDrawer,
  serveAppProtocol,
} from '../../main/platform/app-protocol.ts';
import { RENDERER_CSP_HEADER } from '../../main/platform/content-security-policy.ts';
import * as stub from '../stubs/electron.ts';

const SECRET = 'outside-the-renderer-folder';
let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

/** A request as the handler sees it; a plain object so no URL parser tidies the raw string first. */
function request(url: string, method = 'GET'): Request {
  return { url, method } as unknown as Request;
}
const get = (url: string, method = 'GET') => handler(request(url, method));

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'feedbell-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets', 'nested'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Feedbell</title>');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-1.css'), 'body{}');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'blob.bin'), 'x');
  // What must never be served: a file beside the folder, and links pointing at it and at /etc.
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(base, 'renderer-other.txt'), SECRET); // a sibling whose name starts like the folder's
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link-out.txt'));
  symlinkSync(base, join(root, 'assets', 'dir-out'));
  symlinkSync(join(root, 'index.html'), join(root, 'assets', 'link-in.html'));
  handler = createAppFileHandler(root, silentLogger);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// handler', () => {
  it('serves a file of the build with its content type, the CSP header and nosniff', async () => {
    const res = await get('app://feedbell/assets/index-1.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
    const types: Record<string, string> = {
      'app://feedbell/index.html': 'text/html; charset=utf-8',
      'app://feedbell/assets/index-1.css': 'text/css; charset=utf-8',
      'app://feedbell/favicon.svg': 'image/svg+xml',
      'app://feedbell/assets/blob.bin': 'application/octet-stream',
    };
    for (const [url, type] of Object.entries(types)) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type'), url).toBe(type);
    }
  });

  it('serves index.html for the root, ignores query and fragment, and answers HEAD without a body', async () => {
    for (const url of ['app://feedbell/', 'app://feedbell', 'app://feedbell/index.html?x=1#/event/2']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text(), url).toContain('<title>Feedbell</title>');
    }
    const head = await get('app://feedbell/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for what is not there: a missing file, a folder', async () => {
    for (const url of [
      'app://feedbell/missing.js',
      'app://feedbell/assets/',
      'app://feedbell/assets',
      'app://feedbell/assets/nested',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toBe(RENDERER_CSP_HEADER);
    }
  });

  it('refuses every spelling of a path out of the folder', async () => {
    const attempts = [
      'app://feedbell/../secret.txt',
      'app://feedbell/assets/../../secret.txt',
      'app://feedbell/%2e%2e/secret.txt',
      'app://feedbell/%2E%2E/secret.txt',
      'app://feedbell/.%2e/secret.txt',
      'app://feedbell/..%2fsecret.txt',
      'app://feedbell/%2e%2e%2fsecret.txt',
      'app://feedbell/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://feedbell/..%5csecret.txt',
      'app://feedbell/%2e%2e%5csecret.txt',
      'app://feedbell/..\\secret.txt',
      'app://feedbell/%252e%252e/secret.txt', // double-encoded: stays a literal name, which does not exist
      'app://feedbell/../renderer-other.txt',
      `app://feedbell/${encodeURIComponent(join(base, 'secret.txt'))}`, // an absolute path, encoded
      `app://feedbell/${join(base, 'secret.txt')}`, // an absolute path as the URL path
      `app://feedbell//${join(base, 'secret.txt')}`,
      'app://feedbell//etc/passwd',
      'app://feedbell/%2fetc%2fpasswd',
      'app://feedbell/C:/Windows/win.ini',
      'app://feedbell/C%3a%5cWindows%5cwin.ini',
      'app://feedbell/index.html%00.js',
      'app://feedbell/%E0%A4%A', // malformed escape
      'app://feedbell/assets/link-out.txt', // a symlink to a file outside
      'app://feedbell/assets/dir-out/secret.txt', // through a symlinked folder
    ];
    for (const url of attempts) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain(SECRET);
    }
  });

  it('serves a symlink that stays inside the folder', async () => {
    const res = await get('app://feedbell/assets/link-in.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Feedbell');
  });

  it('answers only its own host, without port or credentials, and only its own scheme', async () => {
    const others = [
      'app://evil/index.html',
      'app://feedbell.evil/index.html',
      'app://evil.feedbell/index.html',
      'app://feedbell:8080/index.html',
      'app://user:pass@feedbell/index.html',
      'app:///index.html',
      'app:index.html',
      'file:///index.html',
      'https://feedbell/index.html',
      'not a url',
    ];
    for (const url of others) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
    }
  });

  it('answers only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect((await get('app://feedbell/index.html', method)).status, method).toBe(405);
    }
  });

  it('draws the first screen into index.html only, once one can be drawn, with the same headers', async () => {
    let drawer: IndexDrawer | null = null;
    const drawing = createAppFileHandler(root, silentLogger, () => drawer);
    const page = async (url: string, method = 'GET') => (await drawing(request(url, method))).text();
    // Before main can draw (the drawing still loading, or no build of it): the page as built.
    expect(await page('app://feedbell/')).toBe('<!doctype html><title>Feedbell</title>');
    drawer = async (html) => ({ html: html.replace('<title>', '<p>drawn</p><title>'), policy: "default-src 'self'" });
    const res = await drawing(request('app://feedbell/'));
    expect(await res.text()).toBe('<!doctype html><p>drawn</p><title>Feedbell</title>');
    // The drawn page's own policy (its style hashes), not the fixed one.
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(await page('app://feedbell/index.html')).toContain('drawn');
    expect(await page('app://feedbell/assets/index-1.js')).toBe('console.log(1)');
    expect(await page('app://feedbell/index.html', 'HEAD')).toBe('');
  });

  it('reads URLs into safe path segments, or refuses them', () => {
    expect(appPathSegments('app://feedbell/')).toEqual(['index.html']);
    expect(appPathSegments('app://feedbell/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
    expect(appPathSegments('app://feedbell/..%2fx')).toBeNull();
    expect(appPathSegments('app://feedbell/a//b')).toBeNull();
    expect(appPathSegments('app://other/a')).toBeNull();
  });
});

describe('app:// registration', () => {
  beforeEach(() => stub.resetElectronStub());

  it('registers app as a standard, secure scheme with fetch and a code cache, and nothing more', () => {
    registerAppScheme();
    expect(stub.protocol.privileged.at(-1)!.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    // Not corsEnabled (other origins could read app:// answers), not bypassCSP, no service workers.
    expect(Object.keys(APP_SCHEME_PRIVILEGES).toSorted()).toEqual(['codeCache', 'secure', 'standard', 'supportFetchAPI']);
  });

  it('hands app:// requests to the handler for the given folder', async () => {
    await stub.app.whenReady();
    serveAppProtocol(root, silentLogger);
    const res = await stub.protocol.handlers.get('app')!(request('app://feedbell/index.html'));
    expect(res.status).toBe(200);
  });
});
