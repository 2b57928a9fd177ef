// The browser side of the test bridge: plain JS (served as /bridge.js) that defines window.feedbell over a WebSocket.
import { BRIDGE_GLOBAL, PUSH_CHANNELS, REQUEST_CHANNELS } from '../../preload/contract.ts';

/** Source of the client shim; the channel lists come from the contract so the two cannot drift apart. */
export function bridgeClientSource(): string {
  return `// Feedbell browser test bridge: the FeedbellBridge contract over a same-origin WebSocket.
(() => {
  'use strict';
  const REQUESTS = ${JSON.stringify(REQUEST_CHANNELS)};
  const PUSHES = ${JSON.stringify(PUSH_CHANNELS)};
  const url = location.origin.replace(/^http/, 'ws') + '/bridge';
  const pending = new Map();
  const listeners = new Map();
  const queue = [];
  let nextId = 1;
  let ws;
  // A closed connection (main gone) is opened again by the next request, as the window retries.
  function connect() {
    const socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      for (const message of queue.splice(0)) socket.send(message);
    });
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', () => {
      for (const [id, call] of pending) {
        if (call.socket !== socket) continue;
        pending.delete(id);
        call.reject(new Error('Bridge disconnected'));
      }
      if (ws === socket) queue.length = 0;
    });
    return socket;
  }
  function onMessage(event) {
    let message;
    try {
      message = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    if (typeof message.push === 'string') {
      const set = listeners.get(message.push);
      if (set) for (const listener of [...set]) {
        try { listener(message.payload); } catch (err) { console.error(err); }
      }
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok === true) call.resolve(message.result);
    else call.reject(new Error(typeof message.error === 'string' ? message.error : 'Request rejected'));
  }
  ws = connect();
  function request(channel, args) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const message = JSON.stringify({ id, channel, args });
      if (ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) ws = connect();
      if (ws.readyState === WebSocket.OPEN) ws.send(message);
      else if (ws.readyState === WebSocket.CONNECTING) queue.push(message);
      else return reject(new Error('Bridge disconnected'));
      pending.set(id, { resolve, reject, socket: ws });
    });
  }
  const bridge = {};
  for (const channel of REQUESTS) bridge[channel] = (...args) => request(channel, args);
  bridge.on = (channel, listener) => {
    if (!PUSHES.includes(channel)) throw new Error('Unknown push channel: ' + channel);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    const wrapped = (payload) => listener(payload);
    set.add(wrapped);
    return () => { set.delete(wrapped); };
  };
  Object.defineProperty(window, ${JSON.stringify(BRIDGE_GLOBAL)}, { value: Object.freeze(bridge), enumerable: true });
})();
`;
}
