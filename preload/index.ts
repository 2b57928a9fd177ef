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
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const methods: Record<string, unknown> = {};
for (const channel of REQUEST_CHANNELS) methods[channel] = request(channel);

const bridge = Object.freeze({ ...methods, on }) as unknown as FeedbellBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
