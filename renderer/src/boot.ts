// The window's first request (app:boot), sent while the bundle is still being evaluated: main.tsx imports this module
// first, so the request is on its way before React and the features are set up, and React's first render already has
// the rows, the feeds, the providers and the preferences (one render, one round trip, no waterfall).
// Pushes that arrive between the request and the hooks' own subscriptions are noted: the window then asks again.
import {
  DRAWN_BOOT_ELEMENT_ID,
  FIRST_QUERY,
  type BootData,
  type DrawnBoot,
  type EventQuery,
  type PushChannel,
} from '../../preload/contract.ts';
import { call, findBridge, on } from './bridge.ts';

/**
 * The pushes that change what the boot answered. Not window:openEvent or window:openFeed: the preload keeps one of those
 * for the first listener (a clicked notification), which must be the feature's own.
 */
const CHANGES: readonly PushChannel[] = ['events:added', 'events:pruned', 'events:unreadCounts', 'feeds:status', 'prefs:changed'];

/** Main slower than this renders the window without the boot; its hooks then ask for their parts themselves. */
const BOOT_WAIT_MS = 1500;

export interface Boot {
  data: BootData;
  /** The query of `data.page` (the list's filter at start, with the page size). */
  query: EventQuery;
  /** Stops noting pushes; true when one came after the request, so what `data` says may be out of date. */
  settle(): boolean;
}

/** Sends app:boot now; resolves with the answer, or null when main refused it or did not answer in time. */
export function startBoot(): Promise<Boot | null> {
  if (!findBridge()) return Promise.resolve(null);
  const query: EventQuery = FIRST_QUERY;
  let missed = false;
  const offs = CHANGES.map((channel) =>
    on(channel, () => {
      missed = true;
    }),
  );
  const stop = () => offs.splice(0).forEach((off) => off());
  const answer = call('app:boot', query).then(
    (data): Boot => ({
      data,
      query,
      settle() {
        stop();
        const was = missed;
        missed = false;
        return was;
      },
    }),
    () => null,
  );
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), BOOT_WAIT_MS));
  return Promise.race([answer, late]).then((boot) => {
    if (!boot) stop();
    return boot;
  });
}

/**
 * The boot of a first screen main drew. Main drew it a moment before the window could listen for pushes, so settle()
 * says "ask again": the hooks then ask for their parts once, after the window has taken the screen over.
 */
export function drawnBoot(drawn: DrawnBoot): Boot {
  return { data: drawn.data, query: drawn.query, settle: () => true };
}

/** The boot main put in the page with the screen it drew, or null (no screen drawn, or its data unreadable). */
function drawnInPage(): Boot | null {
  const node = typeof document === 'undefined' ? null : document.getElementById(DRAWN_BOOT_ELEMENT_ID);
  if (!node?.textContent) return null;
  try {
    const drawn = JSON.parse(node.textContent) as DrawnBoot;
    return drawn && typeof drawn === 'object' && drawn.data && drawn.query ? drawnBoot(drawn) : null;
  } catch {
    return null;
  }
}

/** The screen main drew, to take over; null when the window draws its first screen itself. */
export const drawn = drawnInPage();

/** The first screen's data: the drawn one's at once, or app:boot's answer. */
export const booting: Promise<Boot | null> = drawn ? Promise.resolve(drawn) : startBoot();
