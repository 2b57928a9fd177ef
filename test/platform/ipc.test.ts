// ipcMain wiring against the electron stub: every contract channel is handled, only the log window's main frame on the
// app's own page gets through, unknown channels reject, and pushes reach the window only when it exists.
import { beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../preload/contract.ts';
import { silentLogger } from '../../main/core/ports.ts';
import { REJECTED_MESSAGE, createWindowPushSink, registerIpcHandlers } from '../../main/platform/ipc.ts';
import { LogWindow } from '../../main/platform/window.ts';
import { isAppOrigin, isAppRendererUrl, rendererUrl } from '../../main/platform/app-url.ts';
import * as stub from '../stubs/electron.ts';

const APP_URL = rendererUrl({});

function setup() {
  stub.resetElectronStub();
  const dispatched: { channel: string; args: unknown[] }[] = [];
  const window = new LogWindow({ appUrl: APP_URL, preloadPath: '/x/preload/index.cjs', devTools: false, log: silentLogger });
  const unregister = registerIpcHandlers({
    dispatcher: {
      async dispatch(channel, args) {
        dispatched.push({ channel, args });
        return { ok: channel };
      },
    },
    isTrustedFrame: (frame) => window.isTrustedFrame(frame),
    log: silentLogger,
  });
  return { window, dispatched, unregister };
}

describe('registerIpcHandlers', () => {
  beforeEach(() => stub.resetElectronStub());

  it('registers exactly the contract channels, and unregisters them', () => {
    const { unregister } = setup();
    expect(stub.ipcMain.handledChannels().toSorted()).toEqual([...REQUEST_CHANNELS].toSorted());
    unregister();
    expect(stub.ipcMain.handledChannels()).toEqual([]);
  });

  it('forwards a call from the window main frame to the router', async () => {
    const { window, dispatched } = setup();
    const win = window.show() as unknown as stub.BrowserWindow;
    await Promise.resolve();
    const result = await stub.ipcMain.invoke('events:markRead', { senderFrame: win.webContents.mainFrame }, [1, 2], true);
    expect(result).toEqual({ ok: 'events:markRead' });
    expect(dispatched).toEqual([{ channel: 'events:markRead', args: [[1, 2], true] }]);
  });

  it('refuses calls when there is no window, from subframes, other pages, other frames, or with no frame', async () => {
    const { window, dispatched } = setup();
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: new stub.WebFrameMain(APP_URL) })).rejects.toThrow(
      REJECTED_MESSAGE,
    );

    const win = window.show() as unknown as stub.BrowserWindow;
    await Promise.resolve();
    const main = win.webContents.mainFrame;
    const cases: unknown[] = [
      null,
      undefined,
      new stub.WebFrameMain(APP_URL, main, main.processId, main.routingId + 1), // a subframe on the app page
      new stub.WebFrameMain(APP_URL, null, 99, 1), // some other window's main frame
    ];
    for (const senderFrame of cases) {
      await expect(stub.ipcMain.invoke('feeds:list', { senderFrame })).rejects.toThrow(REJECTED_MESSAGE);
    }
    // The main frame after it navigated somewhere else.
    main.url = 'https://evil.example/';
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: main })).rejects.toThrow(REJECTED_MESSAGE);
    main.url = 'app://feedbell/other.html';
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: main })).rejects.toThrow(REJECTED_MESSAGE);
    main.url = 'file:///tmp/index.html';
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: main })).rejects.toThrow(REJECTED_MESSAGE);
    expect(dispatched).toEqual([]);

    // The error is generic: it says nothing about why.
    const err = await stub.ipcMain.invoke('feeds:list', { senderFrame: null }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(REJECTED_MESSAGE);
  });

  it('rejects unknown channels (no handler exists for them)', async () => {
    const { window } = setup();
    const win = window.show() as unknown as stub.BrowserWindow;
    await Promise.resolve();
    for (const channel of ['feeds:delete', 'secrets:get', '__proto__', 'electron-store-get-data']) {
      await expect(stub.ipcMain.invoke(channel, { senderFrame: win.webContents.mainFrame })).rejects.toThrow(/No handler/);
    }
  });

  it('refuses calls after the window closed (a new window gets a new frame)', async () => {
    const { window } = setup();
    const first = window.show() as unknown as stub.BrowserWindow;
    await Promise.resolve();
    const oldFrame = first.webContents.mainFrame;
    first.close();
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: oldFrame })).rejects.toThrow(REJECTED_MESSAGE);
    const second = window.show() as unknown as stub.BrowserWindow;
    await Promise.resolve();
    expect(second).not.toBe(first);
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: oldFrame })).rejects.toThrow(REJECTED_MESSAGE);
    await expect(stub.ipcMain.invoke('feeds:list', { senderFrame: second.webContents.mainFrame })).resolves.toBeTruthy();
  });
});

describe('LogWindow', () => {
  beforeEach(() => stub.resetElectronStub());

  it('creates a locked-down window once, and reuses it', () => {
    const window = new LogWindow({ appUrl: APP_URL, preloadPath: '/x/preload/index.cjs', devTools: false, log: silentLogger });
    const a = window.show() as unknown as stub.BrowserWindow;
    const b = window.show() as unknown as stub.BrowserWindow;
    expect(a).toBe(b);
    expect(stub.BrowserWindow.instances).toHaveLength(1);
    expect(a.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/x/preload/index.cjs',
    });
    expect(a.webContents.mainFrame.url).toBe(APP_URL);
  });

  it('pushes only when the window exists, and queues until the page has loaded', () => {
    const window = new LogWindow({ appUrl: APP_URL, preloadPath: '/p.cjs', devTools: false, log: silentLogger });
    const sink = createWindowPushSink(window);
    sink.send('window:openEvent', { key: 1 }); // no window: dropped
    const win = window.show() as unknown as stub.BrowserWindow;
    win.webContents.loading = true;
    sink.send('window:openEvent', { key: 2 });
    expect(win.webContents.sent).toEqual([]);
    win.webContents.loading = false;
    win.webContents.emit('did-finish-load');
    sink.send('events:unreadCounts', { a: 1 });
    expect(win.webContents.sent).toEqual([
      { channel: 'window:openEvent', args: [{ key: 2 }] },
      { channel: 'events:unreadCounts', args: [{ a: 1 }] },
    ]);
  });
});

describe('isAppRendererUrl', () => {
  it('is app://feedbell/index.html in the built app, never a file:// page', () => {
    expect(APP_URL).toBe('app://feedbell/index.html');
  });

  it('matches the built page by origin and path, ignoring hash and query', () => {
    expect(isAppRendererUrl(`${APP_URL}#/x`, APP_URL)).toBe(true);
    expect(isAppRendererUrl(`${APP_URL}?a=1`, APP_URL)).toBe(true);
    expect(isAppRendererUrl('app://feedbell/other.html', APP_URL)).toBe(false);
    expect(isAppRendererUrl('app://feedbell.evil/index.html', APP_URL)).toBe(false);
    expect(isAppRendererUrl('app://other/index.html', APP_URL)).toBe(false);
    expect(isAppRendererUrl('app://x@feedbell/index.html', APP_URL)).toBe(false);
    expect(isAppRendererUrl('app://feedbell:1/index.html', APP_URL)).toBe(false);
    expect(isAppRendererUrl('file:///opt/Feedbell/resources/app.asar/out/renderer/index.html', APP_URL)).toBe(false);
    expect(isAppRendererUrl('https://feedbell/index.html', APP_URL)).toBe(false);
    expect(isAppRendererUrl('garbage', APP_URL)).toBe(false);
  });

  it('matches the dev server by origin', () => {
    const dev = rendererUrl({ devServerUrl: 'http://localhost:5173' });
    expect(isAppRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });

  it('tells the app origin from everything else', () => {
    expect(isAppOrigin('app://feedbell/assets/index-1.js', APP_URL)).toBe(true);
    expect(isAppOrigin('app://feedbell', APP_URL)).toBe(true);
    for (const url of [
      'app://other/',
      'app://feedbell.evil/',
      'file:///',
      'about:blank',
      'https://feedbell/',
      'data:text/html,x',
      'javascript:alert(1)',
    ]) {
      expect(isAppOrigin(url, APP_URL), url).toBe(false);
    }
  });
});
