// ipcMain wiring: one handle per request channel, guarded by a sender-frame check, forwarded to the router; and the window PushSink.
import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { REQUEST_CHANNELS, type PushChannel, type Pushes } from '../../preload/contract.ts';
import type { Logger } from '../core/ports.ts';
import type { PushSink } from '../core/services/event-fanout.ts';
import type { IpcRouter } from '../ipc/router.ts';

/** The message every rejected call gets; the detail goes to the log only. */
export const REJECTED_MESSAGE = 'Request rejected';

/**
 * Registers a handler for every channel in REQUEST_CHANNELS. A call from any frame other than the log window's
 * main frame showing the app's own page is refused with a generic error. Returns a function that unregisters them.
 */
export function registerIpcHandlers(options: {
  dispatcher: IpcRouter;
  isTrustedFrame: (frame: WebFrameMain | null | undefined) => boolean;
  log: Logger;
}): () => void {
  const { dispatcher, isTrustedFrame, log } = options;
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      let trusted = false;
      try {
        trusted = isTrustedFrame(event.senderFrame);
      } catch {
        trusted = false;
      }
      if (!trusted) {
        log.warn('ipc: call from an untrusted frame refused', { channel, frame: describeFrame(event.senderFrame) });
        throw new Error(REJECTED_MESSAGE);
      }
      return dispatcher.dispatch(channel, args);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

function describeFrame(frame: WebFrameMain | null | undefined): string {
  if (!frame) return '(no frame)';
  try {
    return `${frame.origin || '(opaque)'}${frame.parent ? ' (subframe)' : ''}`;
  } catch {
    return '(detached)';
  }
}

/** Pushes to the log window when it exists; silently drops them otherwise (the window refetches when it opens). */
export function createWindowPushSink(target: { send<C extends PushChannel>(channel: C, payload: Pushes[C]): void }): PushSink {
  return {
    send(channel, payload) {
      target.send(channel, payload);
    },
  };
}
