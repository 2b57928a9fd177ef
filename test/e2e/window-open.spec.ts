// Issue 10, window open: the first screen comes in one request (app:boot), sent before React renders, and its first
// render already has the rows, the feeds and the preferences; the rest (the match count) follows without holding them.
import { expect, test } from '@playwright/test';
import { demoFeed, startStack, type Stack } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({
    feeds: [demoFeed('demo', 'Демо-лента', 1, 1, 2), demoFeed('shop', 'Кассы магазина', 7, 1, 2)],
    prefs: { language: 'en' },
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('the first rows come from app:boot alone, in the first render, in the chosen language', async ({ page }) => {
  const sent: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { channel?: string };
      if (message.channel) sent.push(message.channel);
    }),
  );
  // Everything the root shows, from its first content on: the rows must be there at once, never a "loading" list.
  await page.addInitScript(`
    window.firstRootSeen = [];
    new MutationObserver(() => {
      const root = document.getElementById('root');
      if (window.firstRootSeen.length === 0 && root && root.firstElementChild) {
        window.firstRootSeen.push(String(root.querySelectorAll('[role=option]').length), root.querySelector('nav.sidebar')?.textContent ?? '');
      }
    }).observe(document, { childList: true, subtree: true });
  `);
  await page.goto(stack.web.url);
  await expect(page.getByRole('listbox', { name: 'Events' }).getByRole('option').first()).toBeVisible();
  const [firstRows, sidebar] = (await page.evaluate('window.firstRootSeen')) as string[];
  expect(Number(firstRows)).toBeGreaterThan(5);
  expect(sidebar).toContain('Кассы магазина');
  // The first request is the boot; none of what it answers is asked for again.
  expect(sent[0]).toBe('app:boot');
  for (const part of [
    'events:query',
    'prefs:get',
    'providers:list',
    'feeds:list',
    'events:unreadCounts',
    'events:types',
    'app:info',
  ]) {
    expect(sent, part).not.toContain(part);
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
