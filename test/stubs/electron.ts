// A small stand-in for the 'electron' module (vitest aliases 'electron' here): records calls so adapters can be tested under Node.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: unknown[]) => unknown;

/** Every call the stub saw, in order: [what, ...args]. */
export const calls: unknown[][] = [];
function record(...entry: unknown[]): void {
  calls.push(entry);
}

// ---- app ----
const stubRoot = mkdtempSync(join(tmpdir(), 'feedbell-stub-'));
const paths = new Map<string, string>();
const appEmitter = new EventEmitter();
/** Whether whenReady() was called (the stub's app becomes ready then), as Electron's protocol module checks. */
let appReady = false;
export const app = Object.assign(appEmitter, {
  isPackaged: false,
  getPath(name: string): string {
    return paths.get(name) ?? (name === 'logs' ? join(app.getPath('userData'), 'logs') : join(stubRoot, name));
  },
  setPath(name: string, value: string): void {
    record('app.setPath', name, value);
    paths.set(name, value);
  },
  setAppLogsPath(path?: string): void {
    record('app.setAppLogsPath', path);
    if (path) paths.set('logs', path);
  },
  getVersion: () => '0.0.0-test',
  getName: () => 'Feedbell',
  whenReady: (): Promise<void> => {
    appReady = true;
    return Promise.resolve();
  },
  isReady: () => appReady,
  requestSingleInstanceLock: () => true,
  setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
  setLoginItemSettings: (settings: unknown) => record('app.setLoginItemSettings', settings),
  quit: () => record('app.quit'),
  exit: (code?: number) => record('app.exit', code),
});

// ---- ipcMain ----
export interface StubInvokeEvent {
  senderFrame: unknown;
  sender?: unknown;
}
const handlers = new Map<string, Listener>();
export const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel: string, handler: Listener): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
  },
  /** Test helper: calls the handler like ipcRenderer.invoke would; rejects for unknown channels as Electron does. */
  async invoke(channel: string, event: StubInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  },
  /** Test helper: the channels with a handler. */
  handledChannels: (): string[] => [...handlers.keys()],
});

// ---- images ----
export class NativeImage {
  readonly representations: { scaleFactor: number; buffer?: Buffer | undefined; path?: string | undefined }[] = [];
  template = false;
  addRepresentation(options: { scaleFactor: number; buffer?: Buffer }): void {
    this.representations.push({ scaleFactor: options.scaleFactor, buffer: options.buffer });
  }
  setTemplateImage(value: boolean): void {
    this.template = value;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  isEmpty(): boolean {
    return this.representations.length === 0;
  }
}
export const nativeImage = {
  createFromBuffer(buffer: Buffer, options?: { scaleFactor?: number }): NativeImage {
    const image = new NativeImage();
    image.representations.push({ scaleFactor: options?.scaleFactor ?? 1, buffer });
    return image;
  },
  createFromPath(path: string): NativeImage {
    const image = new NativeImage();
    image.representations.push({ scaleFactor: 1, path });
    return image;
  },
  createEmpty: () => new NativeImage(),
};

// ---- protocol ----
export type StubProtocolHandler = (request: Request) => Response | Promise<Response>;
export const protocol = {
  /** Every registerSchemesAsPrivileged call, with whether the app was ready then (Electron refuses it after ready). */
  privileged: [] as { schemes: unknown[]; appWasReady: boolean }[],
  handlers: new Map<string, StubProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record('protocol.registerSchemesAsPrivileged', schemes);
    protocol.privileged.push({ schemes, appWasReady: appReady });
  },
  handle(scheme: string, handler: StubProtocolHandler): void {
    // As in Electron: the protocol module works only once the app is ready, and a scheme has one handler.
    if (!appReady) throw new Error('protocol.handle: the app is not ready yet');
    if (protocol.handlers.has(scheme)) throw new Error(`protocol.handle: '${scheme}' is already handled`);
    record('protocol.handle', scheme);
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
  isProtocolHandled: (scheme: string): boolean => protocol.handlers.has(scheme),
};

// ---- tray and menu ----
export interface StubMenuItem {
  label?: string;
  type?: string;
  role?: string;
  accelerator?: string;
  submenu?: StubMenuItem[];
  click?: () => void;
}
export class Menu {
  /** What the last setApplicationMenu call set (undefined: never called, Electron's default menu stays). */
  static applicationMenu: Menu | null | undefined = undefined;
  readonly items: StubMenuItem[];
  constructor(items: StubMenuItem[]) {
    this.items = items;
  }
  static buildFromTemplate(template: StubMenuItem[]): Menu {
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    record('Menu.setApplicationMenu', menu);
    Menu.applicationMenu = menu;
  }
}
export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: NativeImage;
  tooltip = '';
  menu: Menu | null = null;
  private destroyed = false;
  constructor(image: NativeImage) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: NativeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

// ---- notifications ----
export interface StubNotificationOptions {
  title?: string;
  body?: string;
  icon?: unknown;
  id?: string;
  groupId?: string;
  groupTitle?: string;
  actions?: { type: 'button'; text: string }[];
  timeoutType?: 'default' | 'never';
  urgency?: 'normal' | 'critical' | 'low';
}
export interface StubActivationArguments {
  type: string;
  actionIndex?: number;
  arguments: string;
}
export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  /** What handleActivation registered (Windows: every activation, also after a restart), or null. */
  static activationHandler: ((details: StubActivationArguments) => void) | null = null;
  static isSupported(): boolean {
    return Notification.supported;
  }
  static handleActivation(callback: (details: StubActivationArguments) => void): void {
    Notification.activationHandler = callback;
  }
  /** Test helper: Windows activates a toast (of this run or an earlier one). */
  static activate(details: StubActivationArguments): void {
    Notification.activationHandler?.(details);
  }
  shown = false;
  readonly options: StubNotificationOptions;
  constructor(options: StubNotificationOptions) {
    super();
    this.options = options;
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.emit('close', {});
  }
}

// ---- windows ----
export class WebFrameMain {
  url: string;
  parent: WebFrameMain | null;
  processId: number;
  routingId: number;
  constructor(url: string, parent: WebFrameMain | null = null, processId = 1, routingId = 1) {
    this.url = url;
    this.parent = parent;
    this.processId = processId;
    this.routingId = routingId;
  }
  get origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return '';
    }
  }
}
let nextRoutingId = 100;
export class WebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  mainFrame: WebFrameMain;
  /** Every webContents uses the default session unless a test gives it another. */
  session: StubSession = session.defaultSession;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  loading = false;
  private destroyed = false;
  constructor() {
    super();
    this.mainFrame = new WebFrameMain('about:blank', null, 1, nextRoutingId++);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  async loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
  }
}
export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.isDestroyed());
  }
  readonly webContents = new WebContents();
  visible = false;
  private destroyed = false;
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
    // As in Electron, creating a window creates its webContents, announced app-wide.
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

// ---- shell, power, session ----
export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
  async openPath(path: string): Promise<string> {
    record('shell.openPath', path);
    return '';
  },
};
export const powerMonitor = new EventEmitter();
export class StubSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
}
export const session = {
  defaultSession: new StubSession(),
};

export const dialog = {
  showErrorBox: (title: string, content: string) => record('dialog.showErrorBox', title, content),
  /** Test hook: the button index showMessageBoxSync answers. */
  answer: 0,
  showMessageBoxSync: (options: unknown): number => {
    record('dialog.showMessageBoxSync', options);
    return dialog.answer;
  },
};

// ---- preload side ----
export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed[key] = api;
  },
};
const rendererEmitter = new EventEmitter();
export const ipcRenderer = {
  invoked: [] as { channel: string; args: unknown[] }[],
  /** Test hook: what invoke answers. */
  reply: (channel: string, args: unknown[]): unknown => ({ channel, args }),
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    ipcRenderer.invoked.push({ channel, args });
    return ipcRenderer.reply(channel, args);
  },
  on(channel: string, listener: Listener) {
    rendererEmitter.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: Listener) {
    rendererEmitter.removeListener(channel, listener);
    return ipcRenderer;
  },
  listenerCount: (channel: string): number => rendererEmitter.listenerCount(channel),
  /** Test helper: main pushes `payload` on `channel`. */
  emitFromMain(channel: string, payload: unknown): void {
    rendererEmitter.emit(channel, { sender: ipcRenderer, senderId: 0 }, payload);
  },
  sendSync(): never {
    throw new Error('sendSync is not allowed in Feedbell');
  },
};

/** Clears recorded state between tests. */
export function resetElectronStub(): void {
  calls.length = 0;
  handlers.clear();
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  Notification.activationHandler = null;
  BrowserWindow.instances = [];
  shell.opened = [];
  powerMonitor.removeAllListeners();
  contextBridge.exposed = {};
  ipcRenderer.invoked = [];
  rendererEmitter.removeAllListeners();
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  protocol.privileged = [];
  protocol.handlers.clear();
  Menu.applicationMenu = undefined;
  app.removeAllListeners('web-contents-created');
}

const electron = {
  app,
  ipcMain,
  ipcRenderer,
  contextBridge,
  Notification,
  Tray,
  Menu,
  protocol,
  nativeImage,
  BrowserWindow,
  shell,
  powerMonitor,
  session,
  dialog,
};
export default electron;
