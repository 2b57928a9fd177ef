// The preload against the stub's contextBridge and ipcRenderer: exactly the contract's methods, `on` only for push channels.
import { beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, PUSH_CHANNELS, REQUEST_CHANNELS, type FeedbellBridge } from '../../preload/contract.ts';
import * as stub from '../stubs/electron.ts';

let bridge: FeedbellBridge;

beforeAll(async () => {
  stub.resetElectronStub();
  await import('../../preload/index.ts');
  bridge = stub.contextBridge.exposed[BRIDGE_GLOBAL] as FeedbellBridge;
});

describe('preload bridge', () => {
  it('exposes only window.feedbell', () => {
    expect(Object.keys(stub.contextBridge.exposed)).toEqual([BRIDGE_GLOBAL]);
  });

  it('has exactly one method per request channel, plus on', () => {
    expect(Object.keys(bridge).toSorted()).toEqual([...REQUEST_CHANNELS, 'on'].toSorted());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as unknown as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const forbidden of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'removeAllListeners'])
      expect(bridge).not.toHaveProperty(forbidden);
  });

  it('each method invokes its own channel with its arguments', async () => {
    stub.ipcRenderer.invoked = [];
    await bridge['feeds:list']();
    await bridge['events:markRead']([1, 2], true);
    await bridge['events:query']({ limit: 5 });
    expect(stub.ipcRenderer.invoked).toEqual([
      { channel: 'feeds:list', args: [] },
      { channel: 'events:markRead', args: [[1, 2], true] },
      { channel: 'events:query', args: [{ limit: 5 }] },
    ]);
    const answer = await bridge['prefs:get']();
    expect(answer).toEqual({ channel: 'prefs:get', args: [] });
  });

  it('on() accepts every push channel and hands the listener the payload only', () => {
    for (const channel of PUSH_CHANNELS) {
      const got: unknown[][] = [];
      const off = bridge.on(channel, (...args: unknown[]) => got.push(args));
      stub.ipcRenderer.emitFromMain(channel, { n: 1 });
      expect(got).toEqual([[{ n: 1 }]]);
      off();
      stub.ipcRenderer.emitFromMain(channel, { n: 2 });
      expect(got).toHaveLength(1);
      // The preload itself keeps one listener on the window:open* channels (see the next test).
      expect(stub.ipcRenderer.listenerCount(channel)).toBe(channel.startsWith('window:open') ? 1 : 0);
    }
  });

  it('keeps a window:openEvent that arrives before the page subscribed, and hands it to the first listener', async () => {
    stub.ipcRenderer.emitFromMain('window:openEvent', { key: 7 });
    stub.ipcRenderer.emitFromMain('window:openEvent', { key: 8 }); // the latest request wins
    // StrictMode subscribes, unsubscribes and subscribes again: only the live listener gets it, once.
    const first: number[] = [];
    const offFirst = bridge.on('window:openEvent', ({ key }) => first.push(key));
    offFirst();
    const second: number[] = [];
    const off = bridge.on('window:openEvent', ({ key }) => second.push(key));
    await new Promise((r) => setTimeout(r, 5));
    expect(first).toEqual([]);
    expect(second).toEqual([8]);
    stub.ipcRenderer.emitFromMain('window:openEvent', { key: 9 });
    expect(second).toEqual([8, 9]);
    off();
  });

  it('keeps a window:openFeed that arrives before the page subscribed, too', async () => {
    stub.ipcRenderer.emitFromMain('window:openFeed', { feedId: 'diadoc' });
    const got: string[] = [];
    const off = bridge.on('window:openFeed', ({ feedId }) => got.push(feedId));
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual(['diadoc']);
    off();
  });

  it('on() rejects unknown channels and non-functions', () => {
    const on = bridge.on as unknown as (channel: string, listener: unknown) => () => void;
    for (const channel of ['events:query', 'electron-store-get-data', 'ELECTRON_BROWSER_REQUIRE', '', '__proto__']) {
      expect(() => on(channel, () => {})).toThrow(/Unknown push channel/);
      expect(stub.ipcRenderer.listenerCount(channel)).toBe(0);
    }
    expect(() => on('events:added', 'not a function')).toThrow(TypeError);
  });
});
