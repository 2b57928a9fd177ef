// Issue 10, window open: the boot request (renderer/src/boot.ts) that gives the window's first screen in one answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BootData } from '../../preload/contract.ts';

type Listener = (payload: unknown) => void;

/** A stand-in for window.feedbell: records requests and subscriptions; `answer` decides app:boot's fate. */
function fakeBridge(answer: () => Promise<unknown>) {
  const requests: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const bridge = new Proxy(
    {
      on(channel: string, listener: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
        return () => listeners.get(channel)!.delete(listener);
      },
    } as Record<string, unknown>,
    {
      get(target, key: string) {
        if (key in target) return target[key];
        return (...args: unknown[]) => {
          requests.push({ channel: key, args });
          return answer();
        };
      },
    },
  );
  (globalThis as Record<string, unknown>)['window'] = { feedbell: bridge };
  const push = (channel: string) => listeners.get(channel)?.forEach((l) => l({}));
  const subscribed = () => [...listeners].filter(([, set]) => set.size > 0).map(([c]) => c);
  return { requests, push, subscribed };
}

// Imported by a path the node project's compiler does not follow: boot.ts and bridge.ts use the DOM's `window`, which
// only the renderer's project (tsconfig.web.json) types; here `window` is the fake above.
const BOOT_MODULE = '../../renderer/src/boot.ts';
interface BootModule {
  booting: Promise<{ data: BootData; query: unknown; settle(): boolean } | null>;
}
const loadBoot = () => import(/* @vite-ignore */ BOOT_MODULE) as Promise<BootModule>;

const DATA = { firstRun: false, page: { items: [], next: null } } as unknown as BootData;

afterEach(() => {
  delete (globalThis as Record<string, unknown>)['window'];
  vi.useRealTimers();
  vi.resetModules();
});

describe('startBoot', () => {
  it("sends app:boot for the list's first page and resolves with the answer and its query", async () => {
    const bridge = fakeBridge(() => Promise.resolve(DATA));
    const { booting } = await loadBoot();
    const boot = await booting;
    expect(bridge.requests).toEqual([{ channel: 'app:boot', args: [{ limit: 100 }] }]);
    expect(boot?.data).toBe(DATA);
    expect(boot?.query).toEqual({ limit: 100 });
  });

  it('notes a change pushed before the hooks subscribe, once, and leaves the held notification pushes alone', async () => {
    const bridge = fakeBridge(() => Promise.resolve(DATA));
    const { booting } = await loadBoot();
    const boot = (await booting)!;
    expect(bridge.subscribed()).not.toContain('window:openEvent');
    expect(bridge.subscribed()).not.toContain('window:openFeed');
    bridge.push('events:added');
    expect(boot.settle()).toBe(true);
    expect(boot.settle()).toBe(false);
    expect(bridge.subscribed()).toEqual([]);
  });

  it('says nothing changed when nothing was pushed', async () => {
    fakeBridge(() => Promise.resolve(DATA));
    const { booting } = await loadBoot();
    expect((await booting)!.settle()).toBe(false);
  });

  it('gives null when main refuses, or does not answer in time (the hooks then ask for their parts)', async () => {
    fakeBridge(() => Promise.reject(new Error('Request rejected')));
    expect(await (await loadBoot()).booting).toBeNull();
    vi.resetModules();
    vi.useFakeTimers();
    const bridge = fakeBridge(() => new Promise(() => {}));
    const { booting } = await loadBoot();
    await vi.advanceTimersByTimeAsync(1500);
    expect(await booting).toBeNull();
    expect(bridge.subscribed()).toEqual([]);
  });
});
