// The main-side shape of the IPC contract: one handler per request, and a sink for pushes.
import type { PushChannel, Pushes, RequestChannel, Requests } from '../../preload/contract.ts';

/** A handler for every request; a missing or mistyped one does not compile. */
export type RequestHandlers = {
  [C in RequestChannel]: (...args: Requests[C]['args']) => Promise<Requests[C]['result']> | Requests[C]['result'];
};

/** Where main pushes events to: the window in Electron, a WebSocket in the browser bridge. */
export interface PushSink {
  send<C extends PushChannel>(channel: C, payload: Pushes[C]): void;
}
