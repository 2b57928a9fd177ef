// Composition root of the app: one instance, the core with the Electron adapters, a tray that outlives the window.
import { join } from 'node:path';
import { app, dialog, session } from 'electron';
import type { Language } from '../preload/contract.ts';
import { FeedbellCore } from './core/feedbell-core.ts';
import type { Logger } from './core/ports.ts';
import { AppSecretStore } from './core/secrets/index.ts';
import { createRequestHandlers } from './ipc/handlers.ts';
import { createIpcRouter } from './ipc/router.ts';
import { installApplicationMenu } from './platform/app-menu.ts';
import { registerAppScheme, serveAppProtocol, type IndexDrawer } from './platform/app-protocol.ts';
import { rendererUrl } from './platform/app-url.ts';
import { ASSET_PATHS } from './platform/assets.ts';
import { openWithDamagedLogDialog } from './platform/damaged-log-dialog.ts';
import { firstScreenDrawer, firstScreenFile, loadFirstScreen, type FirstScreenModule } from './platform/first-screen.ts';
import { createWindowPushSink, registerIpcHandlers } from './platform/ipc.ts';
import { RotatingFileLogger } from './platform/log-file.ts';
import { ElectronNotifier } from './platform/notifier.ts';
import { electronPowerEvents } from './platform/power.ts';
import { ElectronSettings } from './platform/settings.ts';
import { applyOpenAtLogin as applyLoginItem } from './platform/autostart.ts';
import { ElectronTrayView } from './platform/tray.ts';
import { guardAllWebContents, hardenSession } from './platform/web-contents-guard.ts';
import { LogWindow } from './platform/window.ts';

const APP_ID = 'ru.feedbell.app';
/** Passed by the login item: start in the tray without opening the window. */
const HIDDEN_FLAG = '--hidden';

// Tests and portable setups keep their data apart; must happen before the single-instance lock, which is per folder.
const userDataOverride = process.env.FEEDBELL_USER_DATA_DIR;
if (userDataOverride) {
  app.setPath('userData', userDataOverride);
  app.setAppLogsPath(join(userDataOverride, 'logs'));
}
app.setAppUserModelId(APP_ID);
// app:// must be registered as a privileged scheme before the app is ready; the handler is attached in startApp.
registerAppScheme();

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
/** The built renderer (out/renderer), served as app://feedbell/; the dev server replaces it in development. */
const rendererDir = join(import.meta.dirname, '../renderer');
const appUrl = rendererUrl({ devServerUrl });
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

let logWindow: LogWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Feedbell runs: it opens its window (second-instance below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => logWindow?.show());
  // A tray app: closing the last window keeps the app running. Having a listener is what prevents the default quit.
  app.on('window-all-closed', () => {});
  app
    .whenReady()
    .then(startApp)
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('Feedbell', `Feedbell could not start: ${message}`);
      app.exit(1);
    });
}

function startApp(): void {
  const log: Logger = new RotatingFileLogger({ dir: app.getPath('logs'), echo: devServerUrl !== undefined });
  log.info('app: starting', { version: app.getVersion(), electron: process.versions.electron, platform: process.platform });
  // Before any window exists: every webContents is guarded, no permission is granted, app:// answers.
  guardAllWebContents({ appUrl, log });
  hardenSession(session.defaultSession);
  // The window's first screen is drawn here from the core's data (first-screen.ts); loaded while the core opens.
  let drawIndex: IndexDrawer | null = null;
  const drawing: Promise<FirstScreenModule | null> = loadFirstScreen(firstScreenFile(join(import.meta.dirname, '..')), log);
  serveAppProtocol(rendererDir, log, () => drawIndex);

  const window = new LogWindow({ appUrl, preloadPath, devTools: !app.isPackaged, iconPath: ASSET_PATHS.appIcon, log });
  logWindow = window;

  const settings = new ElectronSettings({
    log,
    onPreferencesChanged: (prefs) => {
      applyOpenAtLogin(prefs.openAtLogin, log);
      tray.refreshMenu();
      applyApplicationMenu(prefs.language);
    },
  });
  applyApplicationMenu(settings.getPreferences().language);

  // The core needs the tray and the notifier, whose actions need the core: bind them late.
  let core: FeedbellCore | null = null;
  let stopping: Promise<void> | null = null;

  const quit = (): Promise<void> => {
    stopping ??= (async () => {
      log.info('app: quitting');
      try {
        // The core abandons sign-ins waiting for the user first, so no poll of Kontur outlives the app.
        await core?.stop();
      } catch (err) {
        log.error('app: core did not stop cleanly', { error: err instanceof Error ? err.message : String(err) });
      }
      tray.destroy();
      app.quit();
    })();
    return stopping;
  };

  const tray = new ElectronTrayView(
    {
      base1x: ASSET_PATHS.tray16,
      base2x: ASSET_PATHS.tray32,
      template1x: ASSET_PATHS.trayTemplate16,
      template2x: ASSET_PATHS.trayTemplate32,
    },
    {
      openLog: () => window.show(),
      syncNow: () => core?.polling.syncNow(null),
      setPausedAll: (paused) => core?.polling.setPaused(null, paused),
      snooze: (choice) => core?.snooze(choice),
      quit: () => void quit(),
    },
    () => settings.getPreferences().language,
  );

  const notifier = new ElectronNotifier(
    (request, choice) => {
      if (choice === 'snooze') {
        core?.snooze('hour');
        return;
      }
      if (choice === 'read') {
        if (request.eventKey !== undefined) core?.reading.markRead([request.eventKey], true);
        else if (request.feedId !== undefined) core?.reading.markAllRead(request.feedId);
        return;
      }
      window.show();
      // Marks the event read and pushes 'window:openEvent'; the push waits for the page if it is still loading.
      if (request.eventKey !== undefined) core?.reading.openEvent(request.eventKey);
      else if (request.feedId !== undefined) core?.reading.openFeed(request.feedId);
    },
    log,
    ASSET_PATHS.appIcon,
    { language: () => settings.getPreferences().language },
  );

  // The keychain, with FEEDBELL_SECRET_* winning; memory-only storage waits for the user's consent in the window.
  const secrets = new AppSecretStore({ allowSessionFallback: false, env: process.env, log });
  // A damaged log is reported, and moved aside only with the user's consent.
  core = openWithDamagedLogDialog(
    () =>
      FeedbellCore.open({
        dataDir: app.getPath('userData'),
        feeds: settings.feeds,
        settings,
        secrets,
        keychain: secrets,
        notifier,
        tray,
        power: electronPowerEvents,
        log,
      }),
    { language: settings.getPreferences().language, log },
  );
  if (core === null) {
    tray.destroy();
    app.exit(1);
    return;
  }

  const handlers = createRequestHandlers(core, { version: app.getVersion(), platform: process.platform });
  const router = createIpcRouter(handlers, log);
  void drawing.then((module) => {
    if (module) drawIndex = firstScreenDrawer(module, (query) => handlers['app:boot'](query), log);
  });
  registerIpcHandlers({ dispatcher: router, isTrustedFrame: (frame) => window.isTrustedFrame(frame), log });
  core.setPushSink(createWindowPushSink(window));
  core.start();
  // Windows: a toast clicked after a restart (or the one that started the app) opens what it was about.
  notifier.listenForActivation();

  // Cmd+Q, the OS logging out, app.quit() from elsewhere: stop the core first so no write is cut in half.
  app.on('before-quit', (event) => {
    if (stopping === null) {
      event.preventDefault();
      void quit();
    }
  });
  app.on('activate', () => window.show());

  applyOpenAtLogin(settings.getPreferences().openAtLogin, log);
  if (!process.argv.includes(HIDDEN_FLAG)) window.show();
  log.info('app: started', { settings: settings.path });
}

/** The application menu for this platform and build, in the window's language (main/platform/app-menu.ts). */
function applyApplicationMenu(language: Language): void {
  installApplicationMenu({ platform: process.platform, packaged: app.isPackaged, language, appName: app.getName() });
}

/** Start at login for the installed app: the login item, or on Linux the XDG autostart entry (main/platform/autostart.ts). */
function applyOpenAtLogin(openAtLogin: boolean, log: Logger): void {
  applyLoginItem(openAtLogin, { app, platform: process.platform, execPath: process.execPath, args: [HIDDEN_FLAG], log });
}
