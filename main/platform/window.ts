// The log window: created on demand, destroyed on close (the app lives on in the tray), locked down per DESIGN.md
// section 10. Navigation, new windows, webviews and permissions are refused for every webContents by
// web-contents-guard.ts; what is specific to this window (its web preferences, its page, its pushes) is here.
import { BrowserWindow, type WebFrameMain, type WebPreferences } from 'electron';
import type { PushChannel, Pushes } from '../../preload/contract.ts';
import type { Logger } from '../core/ports.ts';
import { isAppRendererUrl } from './app-url.ts';

export interface LogWindowOptions {
  /** The app's renderer URL (the dev server's, or app://feedbell/index.html). */
  appUrl: string;
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** DevTools may be opened: in development only, never in the packaged app. */
  devTools: boolean;
  iconPath?: string;
  title?: string;
  log: Logger;
}

/**
 * The web preferences of the log window, every security-relevant one spelled out even where it is Electron's default
 * (Electron security checklist items 2-4, 6, 8-10, 12), so a changed default or a careless edit shows up in review
 * and in test/platform/shell-security.test.ts.
 */
export function logWindowWebPreferences(options: { preloadPath: string; devTools: boolean }): WebPreferences {
  return {
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
    // The fields hold tokens, URLs and ids; spellcheck would also make Chromium download Hunspell dictionaries.
    spellcheck: false,
    devTools: options.devTools,
    preload: options.preloadPath,
  };
}

export class LogWindow {
  private window: BrowserWindow | null = null;
  /** Pushes to deliver once the page has loaded (e.g. the event a clicked notification points at). */
  private pending: Array<() => void> = [];

  private readonly options: LogWindowOptions;

  constructor(options: LogWindowOptions) {
    this.options = options;
  }

  /** The window if it exists and is alive. */
  get current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Shows the window, creating it if needed, and brings it to the front. */
  show(): BrowserWindow {
    const existing = this.current;
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    return this.create();
  }

  /** True when `frame` is the main frame of the log window showing the app's own page. */
  isTrustedFrame(frame: WebFrameMain | null | undefined): boolean {
    const win = this.current;
    if (!frame || !win) return false;
    const main = win.webContents.mainFrame;
    const sameFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
    return sameFrame && frame.parent === null && isAppRendererUrl(frame.url, this.options.appUrl);
  }

  /** Sends a push to the page; if the page is still loading, sends it once loading finishes; drops it when there is no window. */
  send<C extends PushChannel>(channel: C, payload: Pushes[C]): void {
    const win = this.current;
    if (!win) return;
    const deliver = () => {
      const w = this.current;
      if (w && !w.webContents.isDestroyed()) w.webContents.send(channel, payload);
    };
    if (win.webContents.isLoading()) this.pending.push(deliver);
    else deliver();
  }

  close(): void {
    this.current?.close();
  }

  private create(): BrowserWindow {
    const { appUrl, preloadPath, devTools, iconPath, log } = this.options;
    const win = new BrowserWindow({
      width: 1100,
      height: 720,
      minWidth: 640,
      minHeight: 420,
      show: false,
      title: this.options.title ?? 'Feedbell',
      ...(iconPath ? { icon: iconPath } : {}),
      autoHideMenuBar: true,
      webPreferences: logWindowWebPreferences({ preloadPath, devTools }),
    });
    this.window = win;
    this.pending = [];
    const contents = win.webContents;

    contents.on('did-finish-load', () => {
      const queued = this.pending;
      this.pending = [];
      for (const deliver of queued) deliver();
    });
    contents.on('render-process-gone', (_event, details) => log.error('window: renderer gone', { reason: details.reason }));
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (this.window === win) this.window = null;
      this.pending = [];
    });

    win
      .loadURL(appUrl)
      .catch((err: unknown) =>
        log.error('window: could not load the page', { error: err instanceof Error ? err.message : String(err) }),
      );
    return win;
  }
}
