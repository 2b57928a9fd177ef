// The whole stack for a browser: core + real request handlers + IPC router + the web bridge server.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Preferences } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import type { FeedConfig } from '../../main/core/model.ts';
import type { Logger, WritableSecretStore, KeychainControl } from '../../main/core/ports.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';
import { createIpcRouter } from '../../main/ipc/router.ts';
import { firstScreenDrawer, firstScreenFile, loadFirstScreen } from '../../main/platform/first-screen.ts';
import { startWebBridgeServer, type WebBridgeServer } from './web-bridge-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_RENDERER_DIR = join(ROOT, 'out/renderer');
/** The first screen's drawing (npm run build makes it beside the renderer). */
export const DEFAULT_FIRST_SCREEN_FILE = firstScreenFile(join(ROOT, 'out'));

export interface FeedbellWebOptions {
  /** Folder for the event log (a fresh temp folder in tests). */
  dataDir: string;
  /** Feeds configured before start. */
  feeds?: FeedConfig[];
  /** Add the built-in demo feed before start, with these demo settings (e.g. a fast rate). */
  demo?: Record<string, unknown> | false;
  prefs?: Partial<Preferences>;
  /** Feed id → secret, for feeds of the real services (the mocks' test credentials). */
  secrets?: Record<string, string>;
  /** Where feed secrets live (the keychain in the app); default: memory holding `secrets`. */
  secretStore?: WritableSecretStore;
  /** The keychain behind the secret store, to show its state in the window (a locked one in tests). */
  keychain?: KeychainControl;
  rendererDir?: string;
  /** The built first-screen drawing; false serves index.html undrawn (the window then asks for its boot). */
  firstScreen?: string | false;
  port?: number;
  log?: Logger;
}

export interface FeedbellWeb {
  readonly url: string;
  readonly core: FeedbellCore;
  readonly server: WebBridgeServer;
  stop(): Promise<void>;
}

/** Warnings and errors to stderr, one JSON line each; info is dropped to keep test output readable. */
export const stderrLogger: Logger = {
  info() {},
  warn: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'warn', message, ...fields })}\n`),
  error: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', message, ...fields })}\n`),
};

export async function startFeedbellWeb(options: FeedbellWebOptions): Promise<FeedbellWeb> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No renderer build in ${rendererDir}: run "npm run build" first`);
  }
  const log = options.log ?? stderrLogger;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const secrets = options.secretStore ?? new MemorySecretStore(options.secrets ?? {});
  const core = FeedbellCore.open({
    dataDir: options.dataDir,
    feeds: new MemoryFeedsRepository(options.feeds ?? []),
    settings: new MemorySettingsStore(options.prefs ?? {}),
    secrets,
    ...(options.keychain ? { keychain: options.keychain } : {}),
    notifier: { show() {} },
    tray: { update() {} },
    log,
  });
  let server: WebBridgeServer;
  try {
    const handlers = createRequestHandlers(core, { version, platform: `${process.platform} (browser bridge)` });
    const router = createIpcRouter(handlers, log);
    const drawing =
      options.firstScreen === false ? null : await loadFirstScreen(options.firstScreen ?? DEFAULT_FIRST_SCREEN_FILE, log);
    server = await startWebBridgeServer({
      rendererDir,
      router,
      log,
      ...(drawing ? { drawIndex: firstScreenDrawer(drawing, (query) => handlers['app:boot'](query), log) } : {}),
      ...(options.port === undefined ? {} : { port: options.port }),
    });
  } catch (err) {
    await core.stop();
    throw err;
  }
  core.setPushSink(server);
  if (options.demo) core.feeds.addSample(options.demo);
  core.start();

  let stopped = false;
  return {
    url: server.url,
    core,
    server,
    async stop() {
      if (stopped) return;
      stopped = true;
      core.setPushSink(null);
      await server.close();
      await core.stop();
    },
  };
}
