// The main-side shape of the IPC contract: one handler per request; a missing or mistyped one does not compile.
import type { RequestChannel } from '../../preload/contract.ts';
import type { HandlerSet } from '../core/feeds/capabilities/capability-ports.ts';

export type RequestHandlers = HandlerSet<RequestChannel>;
