// The preload: exposes window.feedbell, one named method per request plus `on` for pushes; never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  PUSH_CHANNELS,
  REQUEST_CHANNELS,
  type FeedbellBridge,
  type PushChannel,
  type Pushes,
  type RequestChannel,
} from './contract.ts';

const pushChannels: ReadonlySet<string> = new Set<string>(PUSH_CHANNELS);

// A clicked notification opens the window and main asks it to show the event, possibly before the page has
// subscribed. Keep that one request until the first 'window:openEvent' listener arrives, so it is not lost.
const OPEN_EVENT = 'window:openEvent';
let pendingOpen: Pushes['window:openEvent'] | null = null;
const openListeners = new Map<unknown, (payload: Pushes['window:openEvent']) => void>();
ipcRenderer.on(OPEN_EVENT, (_event: IpcRendererEvent, payload: Pushes['window:openEvent']) => {
  if (openListeners.size === 0) pendingOpen = payload;
});

function request(channel: RequestChannel) {
  return (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(channel, ...args);
}

function on<C extends PushChannel>(channel: C, listener: (payload: Pushes[C]) => void): () => void {
  if (typeof channel !== 'string' || !pushChannels.has(channel)) {
    throw new Error(`Unknown push channel: ${String(channel)}`);
  }
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  // The page gets the payload only, never the IpcRendererEvent (it would reach ipcRenderer through event.sender).
  const wrapped = (_event: IpcRendererEvent, payload: Pushes[C]) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  if (channel === OPEN_EVENT) {
    openListeners.set(wrapped, listener as (payload: Pushes['window:openEvent']) => void);
    if (pendingOpen !== null) {
      const payload = pendingOpen;
      pendingOpen = null;
      // Deliver after the page's subscribe/unsubscribe churn settles, to whoever listens then.
      setTimeout(() => {
        if (openListeners.size === 0) pendingOpen ??= payload;
        for (const live of openListeners.values()) live(payload);
      }, 0);
    }
  }
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
    openListeners.delete(wrapped);
  };
}

const methods: Record<string, unknown> = {};
for (const channel of REQUEST_CHANNELS) methods[channel] = request(channel);

const bridge = Object.freeze({ ...methods, on }) as unknown as FeedbellBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
