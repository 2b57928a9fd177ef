// The browser test bridge: serves only the build, injects the client before the app, answers by id, pushes to all,
// refuses other origins and hides handler errors behind the generic rejection.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REQUEST_CHANNELS } from '../../preload/contract.ts';
import { RENDERER_CSP_HEADER } from '../../main/platform/content-security-policy.ts';
import { bridgeClientSource } from './bridge-client.ts';
import { injectBridgeScript, startWebBridgeServer, type WebBridgeServer } from './web-bridge-server.ts';

const INDEX = `<!doctype html><html><head><title>x</title>
<script type="module" crossorigin src="./assets/app.js"></script></head><body></body></html>`;

let dir: string;
let server: WebBridgeServer;
const calls: { channel: string; args: unknown[] }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feedbell-bridge-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'feedbell-bridge-secret.txt'), 'secret');
  server = await startWebBridgeServer({
    rendererDir: dir,
    router: {
      async dispatch(channel, args) {
        calls.push({ channel, args });
        if (channel === 'app:info') return { version: '1', firstRun: false, platform: 'test' };
        throw new Error('internal detail that must not leak');
      },
    },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'feedbell-bridge-secret.txt'), { force: true });
});

function connect(origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}bridge`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

describe('web bridge server', () => {
  it('puts the bridge script before the module script', () => {
    const html = injectBridgeScript(INDEX);
    expect(html.indexOf('./bridge.js')).toBeGreaterThan(0);
    expect(html.indexOf('./bridge.js')).toBeLessThan(html.indexOf('type="module"'));
  });

  it('serves index.html with the bridge, the client and assets, and nothing outside the build', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<script defer src="./bridge.js"></script>');
    // The same policy as the app's app:// protocol sends, so the browser tests run under it.
    expect(index.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER);
    const client = await fetch(`${server.url}bridge.js`);
    expect(client.headers.get('content-type')).toMatch(/javascript/);
    expect(await client.text()).toBe(bridgeClientSource());
    expect((await fetch(`${server.url}assets/app.js`)).status).toBe(200);
    expect((await fetch(`${server.url}..%2ffeedbell-bridge-secret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
  });

  it('the client defines one method per request channel', () => {
    const source = bridgeClientSource();
    for (const channel of REQUEST_CHANNELS) expect(source).toContain(`"${channel}"`);
  });

  it('answers requests by id and rejects failures with a generic error', async () => {
    const ws = await connect(server.url.slice(0, -1));
    ws.send(JSON.stringify({ id: 7, channel: 'app:info', args: [] }));
    expect(await nextMessage(ws)).toEqual({ id: 7, ok: true, result: { version: '1', firstRun: false, platform: 'test' } });
    ws.send(JSON.stringify({ id: 8, channel: 'events:get', args: [1] }));
    expect(await nextMessage(ws)).toEqual({ id: 8, ok: false, error: 'Request rejected' });
    expect(calls.at(-1)).toEqual({ channel: 'events:get', args: [1] });

    const push = nextMessage(ws);
    server.send('events:unreadCounts', { demo: 3 });
    expect(await push).toEqual({ push: 'events:unreadCounts', payload: { demo: 3 } });
    ws.close();
  });

  it('refuses WebSocket connections from other origins', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow(/401/);
  });
});
