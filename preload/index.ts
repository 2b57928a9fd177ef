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

// A clicked notification opens the window and main asks it to show an event or a feed, possibly before the page
// has subscribed. Keep the latest such request per channel until its first listener arrives, so it is not lost.
const HELD_CHANNELS = ['window:openEvent', 'window:openFeed'] as const;
type HeldChannel = (typeof HELD_CHANNELS)[number];
const held = new Map<string, unknown>();
const heldListeners = new Map<string, Map<unknown, (payload: unknown) => void>>(HELD_CHANNELS.map((c) => [c, new Map()]));
for (const channel of HELD_CHANNELS) {
  ipcRenderer.on(channel, (_event: IpcRendererEvent, payload: Pushes[HeldChannel]) => {
    if (heldListeners.get(channel)!.size === 0) held.set(channel, payload);
  });
}

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
  const listeners = heldListeners.get(channel);
  if (listeners) {
    listeners.set(wrapped, listener as (payload: unknown) => void);
    if (held.has(channel)) {
      const payload = held.get(channel);
      held.delete(channel);
      // Deliver after the page's subscribe/unsubscribe churn settles, to whoever listens then.
      setTimeout(() => {
        if (listeners.size === 0) {
          if (!held.has(channel)) held.set(channel, payload);
          return;
        }
        for (const live of listeners.values()) live(payload);
      }, 0);
    }
  }
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
    listeners?.delete(wrapped);
  };
}

const methods: Record<string, unknown> = {};
for (const channel of REQUEST_CHANNELS) methods[channel] = request(channel);

const bridge = Object.freeze({ ...methods, on }) as unknown as FeedbellBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
