// Serves the production renderer build over loopback HTTP and carries the IPC contract over a WebSocket,
// so the real window runs in a real browser against the real main-side handlers (DESIGN.md section 7).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import type { PushChannel, Pushes } from '../../preload/contract.ts';
import type { Logger } from '../../main/core/ports.ts';
import { contentTypeOf } from '../../main/platform/content-types.ts';
import { RENDERER_CSP_HEADER } from '../../main/platform/content-security-policy.ts';
import type { ServedPage } from '../../main/platform/first-screen.ts';
import { bridgeClientSource } from './bridge-client.ts';

export interface RequestRouter {
  dispatch(channel: string, args: unknown[]): Promise<unknown>;
}

export interface WebBridgeServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  router: RequestRouter;
  log?: Logger;
  /** Defaults to 0: the OS picks a free port. */
  port?: number;
  /** Draws the window's first screen into index.html, as the app's app:// handler does (main/platform/first-screen.ts). */
  drawIndex?: (html: string) => Promise<ServedPage>;
}

export interface WebBridgeServer {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  /** Broadcasts a push to every connected window. */
  send<C extends PushChannel>(channel: C, payload: Pushes[C]): void;
  clientCount(): number;
  /**
   * For tests of a lost back end: `false` drops every connected window and refuses new connections (as if main were
   * gone), `true` accepts them again.
   */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 1024 * 1024;
/**
 * Puts the bridge script in front of the app's first module script, so window.feedbell exists when the app starts.
 * Deferred, as a preload is: it runs before the (deferred) module, and does not hold up parsing and the first paint.
 */
export function injectBridgeScript(html: string): string {
  const tag = '<script defer src="./bridge.js"></script>';
  const at = html.search(/<script\b[^>]*type=["']module["']/i);
  if (at >= 0) return html.slice(0, at) + tag + '\n    ' + html.slice(at);
  return html.replace(/<\/head>/i, `${tag}\n</head>`);
}

interface ClientRequest {
  id: number;
  channel: string;
  args: unknown[];
}

function parseRequest(data: string): ClientRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { id, channel, args } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  if (typeof channel !== 'string' || !Array.isArray(args)) return null;
  return { id, channel, args };
}

/** Every answer carries the renderer's CSP header, as the app's app:// protocol sends it, so the browser tests run the
 *  window under the same policy as the app (the <meta> tag alone cannot carry frame-ancestors). */
function send(res: ServerResponse, status: number, type: string, body: string | Buffer, policy = RENDERER_CSP_HEADER): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': policy,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function reply(ws: WebSocket, message: unknown): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}

export async function startWebBridgeServer(options: WebBridgeServerOptions): Promise<WebBridgeServer> {
  const rendererDir = resolve(options.rendererDir);
  const log = options.log;
  const clientScript = bridgeClientSource();
  let origin = '';
  let available = true;

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    const pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    if (pathname === '/bridge.js') return send(res, 200, contentTypeOf('bridge.js'), clientScript);
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = resolve(rendererDir, relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(res, 404, 'text/plain', 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'Not found');
    }
    const type = contentTypeOf(file);
    if (relative === 'index.html') {
      const page = injectBridgeScript(body.toString('utf8'));
      if (!options.drawIndex) return send(res, 200, type, page);
      const drawn = await options.drawIndex(page);
      return send(res, 200, type, drawn.html, drawn.policy);
    }
    return send(res, 200, type, body);
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      log?.error('web bridge: request failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    server,
    path: '/bridge',
    maxPayload: MAX_MESSAGE_BYTES,
    // Only pages served by this server may talk to the handlers.
    verifyClient: ({ origin: from }: { origin: string }) => available && from === origin,
  });

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const request = parseRequest(data.toString());
      if (!request) {
        log?.warn('web bridge: malformed message');
        return;
      }
      options.router.dispatch(request.channel, request.args).then(
        (result) => reply(ws, { id: request.id, ok: true, result }),
        () => reply(ws, { id: request.id, ok: false, error: 'Request rejected' }),
      );
    });
    ws.on('error', (err) => log?.warn('web bridge: socket error', { error: err.message }));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;

  let closed = false;
  return {
    url: `${origin}/`,
    send(channel, payload) {
      const message = JSON.stringify({ push: channel, payload });
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(message);
    },
    clientCount: () => wss.clients.size,
    setAvailable(value) {
      available = value;
      if (!value) for (const client of wss.clients) client.terminate();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
