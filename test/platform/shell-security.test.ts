// The Electron shell as the packaged app builds it (main/index.ts booted against the electron stub with
// app.isPackaged), checked against Electron's security checklist: every web preference of every window, app://
// registered before ready and answering, the web-contents guard's decisions on a fresh webContents, the application
// menu, the fuses in electron-builder.yml and the Content-Security-Policy of the page and of the protocol's header.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../main/platform/app-menu.ts';
import { RENDERER_CSP_HEADER } from '../../main/platform/content-security-policy.ts';
import * as stub from '../stubs/electron.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

/** Every web preference the log window must have, exactly (an added or dropped key fails too). */
const EXPECTED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: false,
  preload: expect.stringMatching(/^(\/|[A-Za-z]:\\).*[/\\]preload[/\\]index\.cjs$/),
};

/** Directive → sources, as a browser reads a policy (first occurrence of a directive wins). */
function parseCsp(policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part
      .trim()
      .split(/\s+/)
      .filter((token) => token !== '');
    if (name && !(name.toLowerCase() in result)) result[name.toLowerCase()] = sources;
  }
  return result;
}

/** The content of renderer/index.html's CSP <meta> tag; fails when there is none or more than one. */
function metaCsp(html: string): string {
  const tags = [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/gi)];
  expect(tags, 'one CSP meta tag').toHaveLength(1);
  const content = /\bcontent\s*=\s*"([^"]*)"/i.exec(tags[0]![0]);
  expect(content, 'the meta tag has a content').not.toBeNull();
  return content![1]!;
}

/** A navigation-style event as the stub's webContents emits it; `prevented` tells whether the guard refused it. */
function navigationEvent(url: string, extra: Record<string, unknown> = {}) {
  const event = { url, prevented: false, preventDefault: () => (event.prevented = true), ...extra };
  return event;
}

/** Every role in a menu template, top level and submenus. */
const roles = (template: ReturnType<typeof applicationMenuTemplate>): string[] =>
  (template ?? []).flatMap((item) => [
    ...(item.role ? [String(item.role)] : []),
    ...(Array.isArray(item.submenu) ? item.submenu.flatMap((sub) => (sub.role ? [String(sub.role)] : [])) : []),
  ]);

/** A webContents created after start-up, with a session of its own, announced as Electron does. */
function freshWebContents(): stub.WebContents {
  const contents = new stub.WebContents();
  contents.session = new stub.StubSession();
  stub.app.emit('web-contents-created', { preventDefault() {} }, contents);
  return contents;
}

const userData = mkdtempSync(join(tmpdir(), 'feedbell-shell-'));
/** Whether the app had installed its web-contents-created guard when the first window was created. */
let guardedAtFirstWindow = false;

beforeAll(async () => {
  stub.resetElectronStub();
  stub.app.isPackaged = true;
  process.env['FEEDBELL_USER_DATA_DIR'] = userData;
  // Look at the first window the moment it is created: the guard must already be listening.
  const original = stub.app.emit.bind(stub.app);
  stub.app.emit = ((name: string, ...args: unknown[]) => {
    if (name === 'web-contents-created' && stub.BrowserWindow.instances.length === 1) {
      guardedAtFirstWindow = stub.app.listenerCount('web-contents-created') > 0;
    }
    return original(name, ...args);
  }) as typeof stub.app.emit;
  await import('../../main/index.ts');
  for (let i = 0; i < 200 && stub.Tray.instances.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  stub.app.emit = original as typeof stub.app.emit;
});

afterAll(async () => {
  // Quit from the tray so the core stops before the worker ends.
  stub.Tray.instances[0]?.menu?.items.at(-1)?.click?.();
  for (let i = 0; i < 500 && !stub.calls.some((c) => c[0] === 'app.quit'); i++) await new Promise((r) => setTimeout(r, 10));
  delete process.env['FEEDBELL_USER_DATA_DIR'];
  stub.app.isPackaged = false;
});

describe('the windows of the packaged app', () => {
  it('gives every window it creates exactly the locked-down web preferences, DevTools off', () => {
    // Close the window and reopen it from the tray: the second window must be as locked down as the first.
    stub.BrowserWindow.instances[0]!.close();
    stub.Tray.instances[0]!.menu!.items[0]!.click?.();
    expect(stub.BrowserWindow.instances).toHaveLength(2);
    for (const win of stub.BrowserWindow.instances) {
      expect(win.options['webPreferences']).toEqual(EXPECTED_WEB_PREFERENCES);
      expect(win.webContents.mainFrame.url).toBe('app://feedbell/index.html');
    }
  });

  it('installs the web-contents guard before the first window exists, and it covers every window', () => {
    expect(guardedAtFirstWindow).toBe(true);
    for (const win of stub.BrowserWindow.instances) expect(win.webContents.windowOpenHandler).not.toBeNull();
  });

  it('denies every permission request and check of the default session', () => {
    let granted: boolean | undefined;
    stub.session.defaultSession.permissionRequestHandler?.({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(stub.session.defaultSession.permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);
  });
});

describe('app:// in the packaged app', () => {
  it('registers app as a privileged scheme once, before the app is ready', () => {
    expect(stub.protocol.privileged).toEqual([
      {
        schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }],
        appWasReady: false,
      },
    ]);
  });

  it('serves the renderer folder with the CSP header, and refuses what lies outside it or on another host', async () => {
    const handle = stub.protocol.handlers.get('app');
    expect(handle, 'a handler for app://').toBeDefined();
    const ask = (url: string) => handle!({ url, method: 'GET' } as unknown as Request);
    const page = await ask('app://feedbell/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER);
    // package.json sits one folder above the renderer folder here: every way there is refused.
    for (const url of [
      'app://feedbell/../package.json',
      'app://feedbell/%2e%2e/package.json',
      'app://feedbell/..%2fpackage.json',
      'app://other/index.html',
    ]) {
      const res = await ask(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('"name": "feedbell"');
    }
    expect((await ask('app://feedbell/missing.js')).status).toBe(404);
  });
});

describe('the guard on a webContents created later', () => {
  it('lets navigation stay in app://feedbell and refuses every other destination', () => {
    const contents = freshWebContents();
    const decide = (name: string, url: string, extra: Record<string, unknown> = {}) => {
      const event = navigationEvent(url, extra);
      contents.emit(name, event);
      return event.prevented ? 'refused' : 'allowed';
    };
    for (const name of ['will-navigate', 'will-redirect']) {
      expect(decide(name, 'app://feedbell/index.html#/event/3'), name).toBe('allowed');
      expect(decide(name, 'app://feedbell/other.html'), name).toBe('allowed');
      for (const url of [
        'https://diadoc.kontur.ru/',
        'https://evil.example/',
        'http://127.0.0.1:5173/',
        'file:///etc/passwd',
        'app://evil/index.html',
        'app://feedbell.evil/',
        'data:text/html,<script>alert(1)</script>',
        'javascript:alert(1)',
        'about:blank',
        'garbage',
      ]) {
        expect(decide(name, url), `${name} ${url}`).toBe('refused');
      }
    }
    expect(decide('will-frame-navigate', 'https://evil.example/', { isMainFrame: false })).toBe('refused');
    expect(decide('will-frame-navigate', 'app://feedbell/index.html', { isMainFrame: false })).toBe('allowed');
  });

  it('denies every new window, handing only https links to the providers to the system browser', () => {
    const contents = freshWebContents();
    const open = contents.windowOpenHandler;
    expect(open, 'a window-open handler').not.toBeNull();
    stub.shell.opened = [];
    for (const url of [
      'https://diadoc.kontur.ru/doc/1',
      'https://evil.example/',
      'http://extern.kontur.ru/',
      'app://feedbell/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(open!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(stub.shell.opened).toEqual(['https://diadoc.kontur.ru/doc/1']);
  });

  it('never attaches a webview', () => {
    const contents = freshWebContents();
    const event = navigationEvent('app://feedbell/index.html');
    contents.emit('will-attach-webview', event, { nodeIntegration: false }, { src: 'app://feedbell/index.html' });
    expect(event.prevented).toBe(true);
  });

  it('denies permissions in the session of a new webContents too', () => {
    const contents = freshWebContents();
    let granted: boolean | undefined;
    contents.session.permissionRequestHandler?.({}, 'geolocation', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(contents.session.permissionCheckHandler?.({}, 'notifications')).toBe(false);
  });
});

describe('the application menu', () => {
  const FORBIDDEN_IN_PACKAGED = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'fileMenu', 'help'];

  it('is set by the packaged app, as the template for this platform says', () => {
    const expected = applicationMenuTemplate({ platform: process.platform, packaged: true, language: 'ru', appName: 'Feedbell' });
    expect(stub.calls.some((c) => c[0] === 'Menu.setApplicationMenu')).toBe(true);
    if (expected === null) expect(stub.Menu.applicationMenu).toBeNull();
    else expect(stub.Menu.applicationMenu?.items).toEqual(expected);
  });

  it('on macOS: the app menu and the whole Edit menu, no reload, no DevTools, no shortcut of its own', () => {
    const template = applicationMenuTemplate({ platform: 'darwin', packaged: true, language: 'ru', appName: 'Feedbell' });
    const all = roles(template);
    expect(all).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    for (const role of FORBIDDEN_IN_PACKAGED) expect(all, role).not.toContain(role);
    expect(JSON.stringify(template)).not.toMatch(/accelerator/i);
    // In Russian first.
    expect(template!.map((item) => item.label)).toEqual(['Feedbell', 'Правка', 'Окно']);
  });

  it('on Windows and Linux: no menu at all in the packaged app', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(applicationMenuTemplate({ platform, packaged: true, language: 'ru', appName: 'Feedbell' }), platform).toBeNull();
    }
  });

  it('keeps reload and DevTools in development only', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const dev = roles(applicationMenuTemplate({ platform, packaged: false, language: 'en', appName: 'Feedbell' }));
      expect(dev, platform).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    }
  });
});

describe('electron-builder.yml fuses', () => {
  const { load } = require('js-yaml') as { load(text: string): unknown };
  const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const fuses = config['electronFuses'] as Record<string, unknown>;

  it('sets every fuse to its hardened value', () => {
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('states every fuse @electron/fuses knows, so a new one is a decision, not a default', () => {
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
    const known = Object.keys(FuseV1Options)
      .filter((name) => Number.isNaN(Number(name)))
      .map((name) => name[0]!.toLowerCase() + name.slice(1));
    expect(Object.keys(fuses).toSorted()).toEqual(known.toSorted());
  });

  it('packs the app into an asar archive (what onlyLoadAppFromAsar and the integrity check rely on)', () => {
    expect(config['asar']).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
  const meta = parseCsp(metaCsp(html));
  const header = parseCsp(RENDERER_CSP_HEADER);

  it('restricts the page in renderer/index.html', () => {
    expect(meta['default-src']).toEqual(["'self'"]);
    expect(meta['script-src']).toEqual(["'self'"]);
    expect(meta['style-src']).toEqual(["'self'"]);
    expect(meta['connect-src']).toEqual(["'self'"]);
    expect(meta['img-src']).toEqual(["'self'", 'data:']);
    expect(meta['object-src']).toEqual(["'none'"]);
    expect(meta['base-uri']).toEqual(["'none'"]);
    expect(meta['form-action']).toEqual(["'none'"]);
    const sources = Object.values(meta).flat();
    for (const unsafe of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'unsafe-hashes'",
      "'wasm-unsafe-eval'",
      '*',
      'http:',
      'https:',
      'blob:',
      'filesystem:',
    ]) {
      expect(sources, unsafe).not.toContain(unsafe);
    }
  });

  it('sends the same policy as a header, plus frame-ancestors, which only a header can carry', () => {
    expect(header['frame-ancestors']).toEqual(["'none'"]);
    const { 'frame-ancestors': _onlyInHeader, ...rest } = header;
    expect(rest).toEqual(meta);
  });

  it('has no inline script or style in the page for the policy to block', () => {
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    for (const script of html.matchAll(/<script\b[^>]*>/gi)) expect(script[0], 'scripts are files').toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});
