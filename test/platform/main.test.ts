// The composition root booted against the electron stub, with the real core, node:sqlite and electron-store:
// window and tray appear, IPC reaches the core, closing the window keeps the app, quitting stops the core first.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stub from '../stubs/electron.ts';

const userData = mkdtempSync(join(tmpdir(), 'feedbell-main-'));
let win: stub.BrowserWindow;
let tray: stub.Tray;
const ev = () => ({ senderFrame: win.webContents.mainFrame });

beforeAll(async () => {
  stub.resetElectronStub();
  process.env['FEEDBELL_USER_DATA_DIR'] = userData;
  await import('../../main/index.ts');
  for (let i = 0; i < 200 && stub.Tray.instances.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  win = stub.BrowserWindow.instances[0]!;
  tray = stub.Tray.instances[0]!;
});

afterAll(() => {
  delete process.env['FEEDBELL_USER_DATA_DIR'];
});

describe('main/index.ts against the stub', () => {
  it('uses the isolated data folder, sets the app id and opens the window on a normal start', () => {
    expect(stub.calls).toContainEqual(['app.setPath', 'userData', userData]);
    expect(stub.calls).toContainEqual(['app.setAppUserModelId', 'ru.feedbell.app']);
    expect(stub.BrowserWindow.instances).toHaveLength(1);
    // Served from app://, never file://; run from source here, so the preload path is relative to main/.
    expect(win.webContents.mainFrame.url).toBe('app://feedbell/index.html');
    expect(stub.protocol.handlers.has('app')).toBe(true);
    // Development: DevTools stay available (test/platform/shell-security.test.ts checks the packaged app).
    expect(win.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: true,
    });
    expect(String((win.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(stub.session.defaultSession.permissionRequestHandler).not.toBeNull();
  });

  it('keeps reload and DevTools in the development menu', () => {
    const roles = (stub.Menu.applicationMenu?.items ?? []).flatMap((item) => (item.submenu ?? []).map((sub) => sub.role));
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('answers the window through the router, and refuses anyone else', async () => {
    expect(await stub.ipcMain.invoke('feeds:list', ev())).toEqual([]);
    expect(await stub.ipcMain.invoke('app:info', ev())).toMatchObject({ version: '0.0.0-test', firstRun: true });
    await expect(stub.ipcMain.invoke('events:get', ev(), 'not a number')).rejects.toThrow('Request rejected');
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: null })).rejects.toThrow('Request rejected');
  });

  it('stores events in SQLite and paints the unread count into the tray', async () => {
    await stub.ipcMain.invoke('feeds:addSample', ev());
    expect(existsSync(join(userData, 'feedbell.db'))).toBe(true);
    expect(existsSync(join(userData, 'settings.json'))).toBe(true);
    await expect.poll(() => tray.tooltip, { timeout: 20_000 }).toMatch(/[1-9]/);
    expect(win.webContents.sent.map((s) => s.channel)).toContain('events:unreadCounts');
  });

  it('keeps running in the tray when the window closes, and reopens it from the tray', () => {
    win.close();
    expect(stub.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(stub.app.listenerCount('window-all-closed')).toBeGreaterThan(0);
    tray.menu!.items[0]!.click?.();
    expect(stub.BrowserWindow.getAllWindows()).toHaveLength(1);
    win = stub.BrowserWindow.instances.at(-1)!;
  });

  it('quits from the tray only after the core stopped', async () => {
    const quit = tray.menu!.items.at(-1)!;
    quit.click?.();
    await expect.poll(() => stub.calls.some((c) => c[0] === 'app.quit')).toBe(true);
    expect(tray.isDestroyed()).toBe(true);
  });
});
