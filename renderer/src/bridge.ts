// A typed handle on the bridge the preload (or the browser test bridge) puts on `window`.
import {
  BRIDGE_GLOBAL,
  type FeedbellBridge,
  type PushChannel,
  type Pushes,
  type RequestChannel,
  type Requests,
} from '../../preload/contract.ts';

export function findBridge(): FeedbellBridge | null {
  // No window: main is drawing the first screen (first-screen.tsx), where no request is made.
  if (typeof window === 'undefined') return null;
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  return candidate && typeof candidate === 'object' ? (candidate as FeedbellBridge) : null;
}

function bridge(): FeedbellBridge {
  const found = findBridge();
  if (!found) throw new Error('Feedbell bridge is not available');
  return found;
}

/** Calls one request channel: `call('events:query', query)`. */
export function call<C extends RequestChannel>(channel: C, ...args: Requests[C]['args']): Promise<Requests[C]['result']> {
  const method = bridge()[channel] as (...a: Requests[C]['args']) => Promise<Requests[C]['result']>;
  return method(...args);
}

/** Subscribes to one pushed event; returns the unsubscribe function. */
export function on<C extends PushChannel>(channel: C, listener: (payload: Pushes[C]) => void): () => void {
  return bridge().on(channel, listener);
}
