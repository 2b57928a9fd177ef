import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, parseJsonBody, parseRetryAfter, statusError, type HttpResponse } from '../../main/core/http/http-client.ts';
import { FeedError } from '../../main/core/model.ts';
import { APP_VERSION } from '../../main/core/version.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { startDiadocMock } from '../mocks/diadoc-mock.ts';
import { MockServer } from '../mocks/mock-server.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).toReversed()) await step();
});

async function mock(body: unknown = { ok: true }, status = 200): Promise<MockServer> {
  const server = await MockServer.start(() => ({ status, body }));
  cleanup.push(() => server.stop());
  return server;
}

function newClient(options: ConstructorParameters<typeof HttpClient>[0] = {}): HttpClient {
  const http = new HttpClient(options);
  cleanup.push(() => http.close());
  return http;
}

const signal = () => new AbortController().signal;

/** A forward proxy on 127.0.0.1 (absolute-form requests and CONNECT tunnels) that records the hosts it served. */
async function startProxy(): Promise<{ url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    const target = new URL(req.url ?? '/');
    tunnels.push(target.host);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client).add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
}

describe('HttpClient', () => {
  it('sends a Feedbell User-Agent and returns status, lower-cased headers and the body', async () => {
    const server = await MockServer.start(() => ({ status: 201, headers: { 'X-Trace': 'abc' }, body: { hello: 'мир' } }));
    cleanup.push(() => server.stop());
    const res = await newClient().send({ url: `${server.url}/x?a=1`, headers: { accept: 'application/json' }, signal: signal() });
    expect(res.status).toBe(201);
    expect(res.headers['x-trace']).toBe('abc');
    expect(JSON.parse(res.text)).toEqual({ hello: 'мир' });
    expect(server.requests[0]!.headers['user-agent']).toBe(`Feedbell/${APP_VERSION}`);
    expect(server.requests[0]!.query.get('a')).toBe('1');
  });

  it('returns error statuses instead of throwing', async () => {
    const server = await mock('nope', 503);
    expect((await newClient().send({ url: server.url, signal: signal() })).status).toBe(503);
  });

  it('turns a reset, a refused connection and a timeout into network errors naming the host', async () => {
    const server = await mock();
    server.inject({ kind: 'reset' });
    await expect(newClient().send({ url: server.url, signal: signal() })).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringContaining('127.0.0.1'),
    });

    server.inject({ kind: 'hang' });
    const slow = newClient({ headersTimeoutMs: 200 });
    await expect(slow.send({ url: server.url, signal: signal() })).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/did not answer in time/),
    });

    const port = Number(new URL(server.url).port);
    await server.stop();
    cleanup.pop();
    await expect(newClient().send({ url: `http://127.0.0.1:${port}/`, signal: signal() })).rejects.toMatchObject({
      kind: 'network',
    });
  });

  it('cuts a body that stops half-way as a network error', async () => {
    const server = await mock({ items: Array.from({ length: 200 }, (_, i) => ({ id: i })) });
    server.inject({ kind: 'truncate' });
    await expect(newClient({ bodyTimeoutMs: 2000 }).send({ url: server.url, signal: signal() })).rejects.toMatchObject({
      kind: 'network',
    });
  });

  it('refuses an answer over the size cap as a protocol error', async () => {
    const server = await mock('x'.repeat(200_000));
    await expect(newClient({ maxResponseBytes: 100_000 }).send({ url: server.url, signal: signal() })).rejects.toMatchObject({
      kind: 'protocol',
    });
  });

  it('aborts a request in flight', async () => {
    const server = await mock();
    server.inject({ kind: 'hang' });
    const controller = new AbortController();
    const pending = newClient().send({ url: server.url, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).name).toBe('AbortError');
  });

  it('keeps connections alive between requests to one origin', async () => {
    const server = await mock();
    const http = newClient();
    for (let i = 0; i < 10; i++) await http.send({ url: server.url, signal: signal() });
    expect(server.requests).toHaveLength(10);
    // undici may open a second socket while the first is being released; it never opens one per request.
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('goes through an explicit proxy', async () => {
    const server = await mock();
    const proxy = await startProxy();
    const res = await newClient({ proxy: proxy.url }).send({ url: `${server.url}/via-proxy`, signal: signal() });
    expect(res.status).toBe(200);
    expect(proxy.tunnels).toEqual([new URL(server.url).host]);
  });

  it('takes the proxy from HTTPS_PROXY/HTTP_PROXY and honours NO_PROXY', async () => {
    const server = await mock();
    const proxy = await startProxy();
    const saved = { HTTP_PROXY: process.env['HTTP_PROXY'], NO_PROXY: process.env['NO_PROXY'] };
    cleanup.push(async () => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    process.env['HTTP_PROXY'] = proxy.url;
    delete process.env['NO_PROXY'];
    await newClient().send({ url: server.url, signal: signal() });
    expect(proxy.tunnels).toHaveLength(1);
    process.env['NO_PROXY'] = '127.0.0.1';
    await newClient().send({ url: server.url, signal: signal() });
    expect(proxy.tunnels).toHaveLength(1);
  });
});

function response(status: number, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, text: '' };
}

describe('HttpClient: a total deadline and a limit per origin', () => {
  it('ends an answer that drips a byte at a time at the total deadline, as a network error that says so', async () => {
    const server = await MockServer.start(() => ({ status: 200, body: { items: Array.from({ length: 50 }, (_, i) => i) } }));
    cleanup.push(() => server.stop());
    server.dripMs = 40;
    const http = newClient({ bodyTimeoutMs: 5_000, totalTimeoutMs: 600 });
    const began = Date.now();
    const error = await http.send({ url: server.url, signal: signal() }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({
      kind: 'network',
      message: `${new URL(server.url).host} did not finish its answer within 600 ms (the request's deadline)`,
    });
    expect((error as FeedError).name).not.toBe('AbortError');
    expect(Date.now() - began).toBeLessThan(3_000);
    // Without a deadline the same answer arrives whole: the idle timeout alone never fires.
    server.dripMs = 2;
    const whole = await newClient({ bodyTimeoutMs: 500 }).send({ url: server.url, signal: signal() });
    expect(JSON.parse(whole.text).items).toHaveLength(50);
  });

  it('a cancel by the caller stays a cancel, not a deadline', async () => {
    const server = await MockServer.start(() => ({ status: 200, body: 'x'.repeat(100) }));
    cleanup.push(() => server.stop());
    server.dripMs = 50;
    const controller = new AbortController();
    const pending = newClient({ totalTimeoutMs: 5_000 })
      .send({ url: server.url, signal: controller.signal })
      .catch((err: unknown) => err);
    setTimeout(() => controller.abort(), 100);
    const error = (await pending) as FeedError;
    expect(error.name).toBe('AbortError');
    expect(error.message).toContain('was cancelled');
  });

  it('keeps at most maxPerOrigin requests in flight per origin, in arrival order, and one at a time after a 429', async () => {
    let answer429 = false;
    const order: string[] = [];
    const server = await MockServer.start(async (req) => {
      order.push(req.query.get('n')!);
      await new Promise((resolve) => setTimeout(resolve, 30));
      if (answer429 && req.query.get('n') === 'x') return { status: 429, body: 'slow down' };
      return { status: 200, body: 'ok' };
    });
    cleanup.push(() => server.stop());
    const http = newClient();
    const all = (names: string[], maxPerOrigin?: number) =>
      Promise.all(
        names.map((n) =>
          http.send({ url: `${server.url}/?n=${n}`, signal: signal(), ...(maxPerOrigin ? { maxPerOrigin } : {}) }),
        ),
      );
    await all(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(server.peakInFlight).toBe(2); // the default
    // Served in arrival order: two at a time, so within a pair the network may swap them.
    expect(order.slice(0, 2).toSorted()).toEqual(['a', 'b']);
    expect(order.slice(4).toSorted()).toEqual(['e', 'f']);
    server.peakInFlight = 0;
    await all(['g', 'h', 'i', 'j', 'k', 'l'], 3);
    expect(server.peakInFlight).toBe(3);
    answer429 = true;
    await http.send({ url: `${server.url}/?n=x`, signal: signal(), maxPerOrigin: 3 });
    server.peakInFlight = 0;
    await all(['m', 'n', 'o', 'p'], 3);
    expect(server.peakInFlight).toBe(1);
  });

  it('a request cancelled while it waits for a slot leaves the queue and sends nothing', async () => {
    const server = await MockServer.start(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { status: 200, body: 'ok' };
    });
    cleanup.push(() => server.stop());
    const http = newClient({ maxPerOrigin: 1 });
    const first = http.send({ url: `${server.url}/first`, signal: signal() });
    const controller = new AbortController();
    const queued = http.send({ url: `${server.url}/queued`, signal: controller.signal }).catch((err: unknown) => err);
    controller.abort();
    expect(await queued).toMatchObject({ name: 'AbortError', kind: 'network' });
    await first;
    await http.send({ url: `${server.url}/after`, signal: signal() });
    expect(server.requests.map((r) => r.path)).toEqual(['/first', '/after']);
  });
});

describe('the proxy preference', () => {
  it("sends the feeds' requests through the proxy from the moment it is set, and directly again once cleared", async () => {
    const diadoc = await startDiadocMock({ events: 5 });
    cleanup.push(() => diadoc.stop());
    const proxy = await startProxy();
    const secrets = new MemorySecretStore();
    await secrets.set('dd', diadoc.token);
    const core = FeedbellCore.open({
      dataDir: ':memory:',
      feeds: new MemoryFeedsRepository(),
      settings: new MemorySettingsStore(),
      secrets,
    });
    cleanup.push(() => core.stop());
    core.feeds.add({ id: 'dd', provider: 'diadoc', settings: { boxId: diadoc.boxId, baseUrl: diadoc.url } });
    expect(await core.polling.check('dd')).toBeNull();
    expect(proxy.tunnels).toEqual([]);
    core.preferences.update({ proxy: proxy.url });
    expect(await core.polling.check('dd')).toBeNull();
    expect(proxy.tunnels).toEqual([new URL(diadoc.url).host]);
    core.preferences.update({ proxy: '' });
    expect(await core.polling.check('dd')).toBeNull();
    expect(proxy.tunnels).toHaveLength(1);
  });
});

describe('status mapping', () => {
  const now = Date.UTC(2026, 10, 1);

  it('maps each status to the kind the poller understands, with the service hint and detail', () => {
    const options = { service: 'Диадок', now, hints: { 403: 'Нет доступа к ящику' }, detail: 'DiadocApi.Forbidden' };
    expect(statusError(response(401), options).kind).toBe('auth');
    expect(statusError(response(402), options).kind).toBe('subscription');
    const forbidden = statusError(response(403), options);
    expect(forbidden).toMatchObject({ kind: 'forbidden', hint: 'Нет доступа к ящику', detail: 'DiadocApi.Forbidden' });
    expect(statusError(response(429, { 'retry-after': '42' }), options)).toMatchObject({
      kind: 'rate-limit',
      retryAfterMs: 42_000,
    });
    expect(statusError(response(429), options).retryAfterMs).toBeUndefined();
    expect(statusError(response(500), options).kind).toBe('server');
    expect(statusError(response(503, { 'retry-after': '5' }), options)).toMatchObject({ kind: 'server', retryAfterMs: 5000 });
    expect(statusError(response(400), { ...options, serverMessage: 'cursor must have valid value' })).toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining('cursor must have valid value'),
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('calls a body that is not JSON a protocol error', () => {
    expect(() => parseJsonBody({ status: 200, headers: {}, text: '{"a":' }, 'Эвотор')).toThrow(
      /Эвотор sent an answer that is not valid JSON/,
    );
  });
});
