// Validates and dispatches requests from a window (over Electron IPC or the browser test bridge).
import { REQUEST_CHANNELS, type RequestChannel } from '../../preload/contract.ts';
import type { Logger } from '../core/ports.ts';
import type { RequestHandlers } from './handler-table.ts';
import { MAX_REQUEST_BYTES, REQUEST_SCHEMAS, type RequestSchemas } from './request-schemas.ts';

/** What a window sees for any rejected or failed call; the detail goes to the log only. */
export class RequestRejected extends Error {
  constructor() {
    super('Request rejected');
    this.name = 'RequestRejected';
  }
}

export interface IpcRouter {
  dispatch(channel: string, args: unknown[]): Promise<unknown>;
}

const KNOWN = new Set<string>(REQUEST_CHANNELS);

/** `schemas`: for the providers main runs with (requestSchemas); the built-in providers' by default. */
export function createIpcRouter(handlers: RequestHandlers, log: Logger, schemas: RequestSchemas = REQUEST_SCHEMAS): IpcRouter {
  return {
    async dispatch(channel, args) {
      if (!KNOWN.has(channel)) {
        log.warn('ipc: unknown channel', { channel: String(channel).slice(0, 60) });
        throw new RequestRejected();
      }
      const name = channel as RequestChannel;
      let size: number;
      try {
        size = JSON.stringify(args ?? null).length;
      } catch {
        size = Number.POSITIVE_INFINITY;
      }
      if (size > MAX_REQUEST_BYTES) {
        log.warn('ipc: oversized request', { channel: name, size });
        throw new RequestRejected();
      }
      const parsed = schemas[name].safeParse(args);
      if (!parsed.success) {
        log.warn('ipc: invalid arguments', { channel: name, issue: parsed.error.issues[0]?.message });
        throw new RequestRejected();
      }
      const handler = handlers[name] as (...a: unknown[]) => unknown;
      try {
        return await handler(...parsed.data);
      } catch (err) {
        log.error('ipc: handler failed', { channel: name, error: err instanceof Error ? err.message : String(err) });
        throw new RequestRejected();
      }
    },
  };
}
