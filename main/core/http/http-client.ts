// The HTTP layer every provider uses (undici): keep-alive per origin, timeouts and a total deadline, a response
// size cap, a limit on requests in flight per origin, abortable requests, a Feedbell User-Agent, and a proxy from
// the environment or the preferences.
import { Agent, EnvHttpProxyAgent, ProxyAgent, request, type Dispatcher } from 'undici';
import { FeedError } from '../model.ts';
import { rememberProxy, serverExcerpt, type KnownSecrets } from '../text/server-text.ts';
import { APP_VERSION } from '../version.ts';
import { OriginGates } from './origin-gate.ts';

export interface HttpClientOptions {
  /** Explicit proxy URL from the preferences; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply. */
  proxy?: string | null;
  connectTimeoutMs?: number;
  /** Time to the response headers. */
  headersTimeoutMs?: number;
  /** Longest silence while reading a body (not applied to streams, whose providers watch their own pings). */
  bodyTimeoutMs?: number;
  /**
   * The whole request, from sending to the last byte of the answer: a server that drips a byte at a time resets
   * the body timeout forever, this deadline ends it. Streams are bound by it only until their headers arrive.
   */
  totalTimeoutMs?: number;
  /** Largest response body read into memory. */
  maxResponseBytes?: number;
  /** Requests in flight per origin when the request does not say (providers set their own). */
  maxPerOrigin?: number;
  userAgent?: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** At most this many requests to the request's origin in flight at once (default: the client's maxPerOrigin). */
  maxPerOrigin?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
}

export interface HttpStream {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and frees the connection. */
  close(): void;
}

export const DEFAULT_TIMEOUTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  totalTimeoutMs: 120_000,
};
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_PER_ORIGIN = 2;

/** The reason a request's own deadline aborted it (told apart from the caller's cancel). */
class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`deadline of ${ms} ms exceeded`);
    this.name = 'DeadlineExceeded';
  }
}

export class HttpClient {
  readonly #dispatcher: Dispatcher;
  readonly #options: Required<Omit<HttpClientOptions, 'proxy'>>;
  readonly #gates = new OriginGates();

  constructor(options: HttpClientOptions = {}) {
    this.#options = {
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headersTimeoutMs,
      bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_TIMEOUTS.bodyTimeoutMs,
      totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_TIMEOUTS.totalTimeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      maxPerOrigin: options.maxPerOrigin ?? DEFAULT_MAX_PER_ORIGIN,
      userAgent: options.userAgent ?? `Feedbell/${APP_VERSION}`,
    };
    const agentOptions = {
      connect: { timeout: this.#options.connectTimeoutMs },
      headersTimeout: this.#options.headersTimeoutMs,
      bodyTimeout: this.#options.bodyTimeoutMs,
      keepAliveTimeout: 30_000,
      // Each origin keeps its own pool of kept-alive connections.
      connections: 4,
    };
    // A proxy may echo its own user:password in an answer: from now on every server text is scrubbed of them.
    rememberProxy(options.proxy);
    if (options.proxy) {
      this.#dispatcher = new ProxyAgent({ uri: options.proxy, ...agentOptions });
    } else if (
      process.env['HTTPS_PROXY'] ||
      process.env['https_proxy'] ||
      process.env['HTTP_PROXY'] ||
      process.env['http_proxy']
    ) {
      this.#dispatcher = new EnvHttpProxyAgent(agentOptions);
    } else {
      this.#dispatcher = new Agent(agentOptions);
    }
  }

  /**
   * Sends a request and reads the whole body (up to the size cap). HTTP error statuses are returned, not thrown.
   * Waits for a free slot on the origin first; the total deadline counts from then.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    let release: () => void;
    try {
      release = await this.#gates.acquire(url.origin, req.maxPerOrigin ?? this.#options.maxPerOrigin, req.signal);
    } catch (err) {
      throw networkError(err, url, req.signal);
    }
    const deadline = this.#deadline(req.signal);
    try {
      const res = await this.#send(url, req, deadline.signal);
      if (res.status === 429) this.#gates.throttled(url.origin);
      return res;
    } catch (err) {
      throw deadline.exceeded() ? deadlineError(url, this.#options.totalTimeoutMs, err) : err;
    } finally {
      deadline.clear();
      release();
    }
  }

  async #send(url: URL, req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, this.#requestOptions(req, signal));
    } catch (err) {
      throw networkError(err, url, req.signal);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > this.#options.maxResponseBytes) {
          res.body.destroy();
          throw new FeedError(
            'protocol',
            `The answer from ${url.host} is larger than ${Math.round(this.#options.maxResponseBytes / 1048576)} MiB`,
          );
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof FeedError) throw err;
      throw networkError(err, url, req.signal);
    }
    return { status: res.statusCode, headers: flattenHeaders(res.headers), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** The caller's signal plus this client's total deadline. */
  #deadline(outer: AbortSignal): { signal: AbortSignal; exceeded(): boolean; stopTimer(): void; clear(): void } {
    const controller = new AbortController();
    const ms = this.#options.totalTimeoutMs;
    const timer = setTimeout(() => controller.abort(new DeadlineExceeded(ms)), ms);
    const onAbort = () => controller.abort(outer.reason);
    if (outer.aborted) onAbort();
    else outer.addEventListener('abort', onAbort, { once: true });
    return {
      signal: controller.signal,
      exceeded: () => controller.signal.aborted && controller.signal.reason instanceof DeadlineExceeded && !outer.aborted,
      stopTimer: () => clearTimeout(timer),
      clear: () => {
        clearTimeout(timer);
        outer.removeEventListener('abort', onAbort);
      },
    };
  }

  /** Opens a streaming response; the caller reads `body` and must `close()` it. No body timeout applies. */
  async open(req: HttpRequest): Promise<HttpStream> {
    const url = new URL(req.url);
    // A stream is not counted against the origin's limit: it stays open for hours and would starve the polls.
    const deadline = this.#deadline(req.signal);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, { ...this.#requestOptions(req, deadline.signal), bodyTimeout: 0 });
    } catch (err) {
      deadline.clear();
      throw deadline.exceeded() ? deadlineError(url, this.#options.totalTimeoutMs, err) : networkError(err, url, req.signal);
    }
    // The headers are in: from here only the caller's signal ends the stream.
    deadline.stopTimer();
    const body = res.body;
    return {
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      body: (async function* () {
        try {
          for await (const chunk of body as AsyncIterable<Uint8Array>) yield chunk;
        } catch (err) {
          throw networkError(err, url, req.signal);
        }
      })(),
      close: () => {
        deadline.clear();
        // Destroying an unread body emits an AbortError; nobody is listening for it any more.
        body.on('error', () => {});
        body.destroy();
      },
    };
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }

  #requestOptions(req: HttpRequest, signal: AbortSignal) {
    return {
      method: req.method ?? 'GET',
      headers: { 'user-agent': this.#options.userAgent, ...req.headers },
      ...(req.body === undefined ? {} : { body: req.body }),
      signal,
      dispatcher: this.#dispatcher,
      headersTimeout: this.#options.headersTimeoutMs,
      bodyTimeout: this.#options.bodyTimeoutMs,
    } as const;
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** A transport failure as a `network` FeedError that names the host and what happened, never a header. */
function networkError(err: unknown, url: URL, signal: AbortSignal): FeedError {
  if (err instanceof FeedError) return err;
  if (signal.aborted) {
    const aborted = new FeedError('network', `The request to ${url.host} was cancelled`, { cause: err });
    aborted.name = 'AbortError';
    return aborted;
  }
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const what: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: 'could not connect in time',
    UND_ERR_HEADERS_TIMEOUT: 'did not answer in time',
    UND_ERR_BODY_TIMEOUT: 'stopped sending in the middle of an answer',
    UND_ERR_SOCKET: 'closed the connection',
    ECONNRESET: 'reset the connection',
    ECONNREFUSED: 'refused the connection',
    ENOTFOUND: 'is not known to DNS',
    EAI_AGAIN: 'could not be looked up in DNS',
    ETIMEDOUT: 'did not answer in time',
    EHOSTUNREACH: 'is unreachable',
    ENETUNREACH: 'is unreachable (no network)',
    UND_ERR_ABORTED: 'request was aborted',
  };
  const reason = what[code] ?? (code ? `failed (${code})` : 'failed');
  return new FeedError('network', `${url.host} ${reason}`, { cause: err, detail: code || undefined });
}

/** The total deadline passed: a `network` error that says so, in seconds. */
function deadlineError(url: URL, ms: number, cause: unknown): FeedError {
  const limit = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
  return new FeedError('network', `${url.host} did not finish its answer within ${limit} (the request's deadline)`, {
    cause,
    detail: 'deadline',
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface StatusErrorOptions {
  /** The service's name for messages, e.g. "Diadoc". */
  service: string;
  /** What the user can do, per status (a 403 means different things for each service). */
  hints?: Partial<Record<number, string>>;
  /** The server's own explanation (error text, validation errors) to show: kept as a short, scrubbed excerpt. */
  serverMessage?: string;
  /** Error codes and trace ids to keep with the feed's last error (from the server: kept as an excerpt too). */
  detail?: string;
  /** Secrets the request carried, scrubbed from serverMessage and detail in every form (see server-text.ts). */
  secrets?: KnownSecrets;
  now: number;
}

/** Maps a non-success HTTP status to the typed error the poller understands (DESIGN.md section 4). */
export function statusError(res: HttpResponse, options: StatusErrorOptions): FeedError {
  const { status } = res;
  const excerpt = serverExcerpt(options.serverMessage, options.secrets);
  const said = excerpt ? `: ${excerpt}` : '';
  const detail = serverExcerpt(options.detail, options.secrets);
  const base = detail ? { detail } : {};
  const hint = options.hints?.[status];
  const withHint = hint ? { ...base, hint } : base;
  if (status === 401)
    return new FeedError('auth', `${options.service} did not accept the credentials (HTTP 401)${said}`, withHint);
  if (status === 402)
    return new FeedError(
      'subscription',
      `${options.service}: the API subscription is missing or has expired (HTTP 402)${said}`,
      withHint,
    );
  if (status === 403) return new FeedError('forbidden', `${options.service} refused access (HTTP 403)${said}`, withHint);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], options.now);
    return new FeedError('rate-limit', `${options.service} asks to slow down (HTTP 429)${said}`, {
      ...withHint,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], options.now);
    return new FeedError('server', `${options.service} had a server error (HTTP ${status})${said}`, {
      ...withHint,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new FeedError('protocol', `${options.service} rejected the request (HTTP ${status})${said}`, withHint);
}

/** Parses a JSON body; anything unreadable is a `protocol` error naming the service (the cursor stays). */
export function parseJsonBody(res: HttpResponse, service: string): unknown {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new FeedError('protocol', `${service} sent an answer that is not valid JSON (${res.text.length} bytes)`);
  }
}
