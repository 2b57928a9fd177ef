// The common base of the provider mocks: a real HTTP server on 127.0.0.1 (OS-picked port) that records
// requests and can be told to misbehave for the next requests, the way real services do.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MockRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  at: number;
}

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

/** A handler may also take over the raw response (streaming); it then returns 'handled'. */
export type MockHandler = (req: MockRequest, res: ServerResponse) => MockResponse | 'handled' | Promise<MockResponse | 'handled'>;

export type Fault =
  /** Answer with this instead of the real handler. */
  | { kind: 'respond'; response: MockResponse }
  /** Close the TCP connection without an answer. */
  | { kind: 'reset' }
  /** Wait this long, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Never answer (until the server stops): a client timeout must fire. */
  | { kind: 'hang' }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** Send the real answer's headers and half its body, then cut the connection. */
  | { kind: 'truncate' };

export class MockServer {
  readonly requests: MockRequest[] = [];
  /** TCP connections accepted so far (keep-alive reuses one). */
  connections = 0;

  // ---- switches common to every service ----
  /** The server's clock runs this far from ours (negative: behind). Mocks stamp their events with `now()`. */
  clockOffsetMs = 0;
  /**
   * The Date header: the server's own clock (as HTTP requires), the real time even when the event stamps are off
   * (a server whose front end and data disagree), or none at all.
   */
  dateHeader: 'server' | 'real' | 'none' = 'server';
  /** More requests in flight than this get `throttleAnswer` (429); a limit per client, as Kontur documents one. */
  maxInFlight = Number.POSITIVE_INFINITY;
  /** What a request over `maxInFlight` gets; each mock sets its own service's body. */
  throttleAnswer: () => MockResponse = () => ({ status: 429, body: 'Too many requests' });
  /** When set, every answer's body is sent one byte at a time, this many ms apart (a dripping server). */
  dripMs = 0;

  // ---- observations ----
  inFlight = 0;
  peakInFlight = 0;
  throttled = 0;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #faults: Fault[] = [];
  /** Faults waiting for a request count: request number (1-based, counted from now) → fault. */
  readonly #scheduled = new Map<number, Fault>();
  #handler: MockHandler;
  #url = '';

  private constructor(handler: MockHandler) {
    this.#handler = handler;
    this.#server = createServer((req, res) => void this.#serve(req, res));
    this.#server.on('connection', (socket) => {
      this.connections++;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(handler: MockHandler): Promise<MockServer> {
    const mock = new MockServer(handler);
    await new Promise<void>((resolve) => mock.#server.listen(0, '127.0.0.1', resolve));
    const { port } = mock.#server.address() as AddressInfo;
    mock.#url = `http://127.0.0.1:${port}`;
    return mock;
  }

  /** The server's clock: ours plus `clockOffsetMs`. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  get url(): string {
    return this.#url;
  }

  /** The next `times` requests get this fault instead of (or around) the normal answer. */
  inject(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.#faults.push(fault);
  }

  /** Requests `after + 1` … `after + times` from now (of any path) get this fault: to break a sync mid-way. */
  injectAfter(after: number, fault: Fault, times = 1): void {
    for (let i = 1; i <= times; i++) this.#scheduled.set(this.requests.length + after + i, fault);
  }

  clearFaults(): void {
    this.#faults.length = 0;
    this.#scheduled.clear();
  }

  get pendingFaults(): number {
    return this.#faults.length + this.#scheduled.size;
  }

  /** Requests seen for one path. */
  requestsTo(path: string): MockRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.#url);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: MockRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    };
    this.requests.push(request);
    res.sendDate = false;
    if (this.dateHeader !== 'none')
      res.setHeader('date', new Date(this.dateHeader === 'server' ? this.now() : Date.now()).toUTCString());
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    res.once('close', () => this.inFlight--);
    if (this.inFlight > this.maxInFlight) {
      this.throttled++;
      return this.#send(res, this.throttleAnswer());
    }
    const scheduled = this.#scheduled.get(this.requests.length);
    this.#scheduled.delete(this.requests.length);
    const fault = scheduled ?? this.#faults.shift();
    try {
      if (fault?.kind === 'reset') return void req.socket.destroy();
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (fault?.kind === 'malformed')
        return this.#send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"items": [{"id": ' });
      if (fault?.kind === 'respond') return this.#send(res, fault.response);
      const answer = await this.#handler(request, res);
      if (answer === 'handled') return;
      if (fault?.kind === 'truncate') {
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null);
        res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      this.#send(res, answer);
    } catch (err) {
      this.#send(res, { status: 500, body: `mock handler failed: ${(err as Error).message}` });
    }
  }

  #send(res: ServerResponse, answer: MockResponse): void {
    if (res.headersSent) return void res.end();
    const isText = typeof answer.body === 'string' || answer.body === undefined;
    const text = answer.body === undefined ? '' : isText ? String(answer.body) : JSON.stringify(answer.body);
    const type = isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(answer.status, { 'content-type': type, ...answer.headers });
    if (answer.status === 204) return void res.end();
    if (this.dripMs <= 0) return void res.end(text);
    // One byte at a time: every byte resets a client's idle timeout, only a total deadline ends the wait.
    const bytes = Buffer.from(text);
    let at = 0;
    const drip = () => {
      if (res.destroyed) return;
      if (at >= bytes.length) return void res.end();
      res.write(bytes.subarray(at, ++at));
      setTimeout(drip, this.dripMs);
    };
    drip();
  }
}
