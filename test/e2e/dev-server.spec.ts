// `npm start` serves the window from Vite's dev server, with React Refresh's inline preamble and Vite's client (which
// connects back over a WebSocket) under the page's strict policy. A CSP violation here would be a blank window there.
import { expect, test } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import config from '../../electron.vite.config.ts';
import { BRIDGE_GLOBAL } from '../../preload/contract.ts';

let server: ViteDevServer;

test.beforeAll(async () => {
  const renderer = (config as { renderer: Record<string, unknown> }).renderer;
  server = await createServer({
    ...renderer,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
});

test.afterAll(async () => {
  await server?.close();
});

test('the dev server page runs under its policy: no CSP violation, React Refresh installed, the app mounts', async ({ page }) => {
  const violations: string[] = [];
  // Browser-side code as text: this file is compiled for Node, without the DOM's types.
  await page.addInitScript(
    "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
  );
  // A bridge that never answers: enough for the window to mount and show its loading state.
  await page.addInitScript(
    `window.${BRIDGE_GLOBAL} = new Proxy({}, { get: (_, name) => name === 'on' ? () => () => {} : () => new Promise(() => {}) });`,
  );
  page.on('console', (message) => {
    if (/Content Security Policy|preamble/i.test(message.text())) violations.push(message.text());
  });
  const address = server.resolvedUrls?.local[0];
  expect(address).toBeTruthy();
  await page.goto(address!);
  // React Refresh's preamble ran, and Vite's client is connected for hot updates.
  await expect.poll(() => page.evaluate("typeof window.$RefreshReg$ === 'function'")).toBe(true);
  // The app itself mounted (it waits for its bridge's first answers).
  await expect.poll(() => page.evaluate("document.getElementById('root').childElementCount")).toBeGreaterThan(0);
  expect(await page.evaluate('window.__violations')).toEqual([]);
  expect(violations).toEqual([]);
});
