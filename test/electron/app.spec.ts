// The real app in real Electron: the window renders from the build over app://, the protocol refuses what lies outside
// the build, the window cannot navigate or open windows, the page has no Node, the bridge reaches the core,
// node:sqlite works inside Electron, closing the window leaves the app in the tray. Skipped where no Electron binary exists.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'out', 'main', 'index.js');

/**
 * The Electron executable, found the way node_modules/electron/index.js finds it but WITHOUT requiring that module:
 * requiring it starts a download when the binary is missing, and downloads are impossible on this machine.
 */
function findElectronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

const binary = findElectronBinary();
const SKIP_REASON =
  'No Electron binary on this machine (node_modules/electron/path.txt or dist/ is missing, and it cannot be downloaded here); real-Electron tests skipped';
// The list reporter does not print skip reasons; say it plainly when the file is collected.
if (binary === null && !process.env.TEST_WORKER_INDEX) console.warn(`[electron] ${SKIP_REASON}`);

test.describe('Feedbell in real Electron', () => {
  test.skip(binary === null, SKIP_REASON);

  let userData: string;
  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    if (binary === null) return;
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" before the Electron tests`);
    userData = mkdtempSync(join(tmpdir(), 'feedbell-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env['ELECTRON_RENDERER_URL']; // load the production build, not a dev server
    delete env['ELECTRON_RUN_AS_NODE'];
    env['FEEDBELL_USER_DATA_DIR'] = userData;
    app = await electron.launch({
      executablePath: binary!,
      args: [MAIN, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      cwd: ROOT,
      env,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close().catch(() => {});
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('the log window renders the production build from app://, not file://', async () => {
    expect(page.url()).toBe('app://feedbell/index.html');
    await expect(page.locator('#root')).not.toBeEmpty();
    expect(await page.title()).toContain('Feedbell');
  });

  test('app:// sends the CSP header and serves nothing outside out/renderer', async () => {
    const answers = await page.evaluate(async () => {
      const urls = {
        traversal: 'app://feedbell/..%2f..%2fpackage.json',
        encoded: 'app://feedbell/%2e%2e/%2e%2e/package.json',
        otherHost: 'app://other/index.html',
        missing: 'app://feedbell/missing.js',
        file: 'file:///etc/hostname',
      };
      const statuses = await Promise.all(
        Object.values(urls).map(async (url) =>
          fetch(url).then(
            (r) => r.status,
            () => 'refused',
          ),
        ),
      );
      const index = await fetch('app://feedbell/index.html');
      return {
        csp: index.headers.get('content-security-policy'),
        type: index.headers.get('content-type'),
        ...Object.fromEntries(Object.keys(urls).map((key, i) => [key, statuses[i]])),
      } as Record<string, string | number | null>;
    });
    expect(answers.csp).toContain("frame-ancestors 'none'");
    expect(answers.csp).toContain("style-src 'self';");
    expect(answers.type).toBe('text/html; charset=utf-8');
    expect(answers.traversal).toBe(404);
    expect(answers.encoded).toBe(404);
    expect(answers.otherHost).toBe(404);
    expect(answers.missing).toBe(404);
    expect(answers.file).toBe('refused');
  });

  test('the window cannot navigate away and opens no window', async () => {
    const opened = await page.evaluate(
      () => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null,
    );
    expect(opened).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://feedbell/index.html');
    // Development run (not packaged): the Developer menu is there; the packaged menu is checked under Vitest.
    const menuLabels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label) ?? null);
    expect(menuLabels).not.toBeNull();
  });

  test('the page has no Node: no require, no process, no ipcRenderer', async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        require: typeof g['require'],
        process: typeof g['process'],
        module: typeof g['module'],
        ipc: typeof g['ipcRenderer'],
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', ipc: 'undefined' });
  });

  test('window.feedbell reaches the core and exposes only the contract', async () => {
    const result = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)['feedbell']!;
      const feeds = await bridge['feeds:list']!();
      const info = await bridge['app:info']!();
      let unknownPush = 'accepted';
      try {
        bridge['on']!('ipc:anything', () => {});
      } catch {
        unknownPush = 'rejected';
      }
      return { keys: Object.keys(bridge).length, feeds, info, unknownPush };
    });
    expect(Array.isArray(result.feeds)).toBe(true);
    expect(result.info).toMatchObject({ firstRun: true });
    expect(result.unknownPush).toBe('rejected');
    expect(result.keys).toBe(14);

    const added = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as Record<string, Record<string, () => Promise<unknown>>>)['feedbell']!;
      await bridge['feeds:addSample']!();
      return bridge['feeds:list']!();
    });
    expect(added).toHaveLength(1);
  });

  test('node:sqlite works inside Electron and the app created its database', async () => {
    expect(existsSync(join(userData, 'feedbell.db'))).toBe(true);
    const sqlite = await app.evaluate(() => {
      const mod = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite');
      const db = new mod.DatabaseSync(':memory:');
      const row = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
      db.close();
      return { version: row.v, electron: process.versions.electron };
    });
    expect(sqlite.version).toMatch(/^3\./);
    expect(sqlite.electron).toMatch(/^45\./);
  });

  test('closing the window keeps the app running in the tray', async () => {
    await page.close();
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
  });
});
