// Issue 10, window open. Main draws the window's first screen into the page (main/platform/first-screen.ts): the rows,
// the sidebar and the chosen language and theme are there before any script runs, and the window's React takes that
// screen over (the same elements, no second drawing, no request before it). Without the drawing (the dev server, or a
// drawing that failed) the window asks app:boot first and its first render already has the rows.
import { expect, test, type Page } from '@playwright/test';
import { WINDOW_READY_MARK } from '../../preload/contract.ts';
import { demoFeed, openWindow, startStack, type Stack } from './support.ts';

const FEEDS = [demoFeed('demo', 'Демо-лента', 1, 1, 2), demoFeed('shop', 'Кассы магазина', 7, 1, 2)];

/** The request channels the window sends over the bridge, in order. */
function requestsSent(page: Page): string[] {
  const sent: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { channel?: string };
      if (message.channel) sent.push(message.channel);
    }),
  );
  return sent;
}

/** What #root holds the first time it has content: the number of rows and the sidebar's text. */
const FIRST_ROOT = `
  window.firstRootSeen = [];
  new MutationObserver(() => {
    const root = document.getElementById('root');
    if (window.firstRootSeen.length === 0 && root && root.firstElementChild) {
      window.firstRootSeen.push(String(root.querySelectorAll('[role=option]').length), root.querySelector('nav.sidebar')?.textContent ?? '');
    }
  }).observe(document, { childList: true, subtree: true });
`;

test.describe('drawn by main', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack({ feeds: FEEDS, prefs: { language: 'en', theme: 'dark' } });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('the rows, the sidebar, the language and the theme are in the page before any script runs', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(stack.web.url);
      const list = page.getByRole('listbox', { name: 'Events' });
      await expect(list.getByRole('option').first()).toBeVisible();
      expect(await list.getByRole('option').count()).toBeGreaterThan(10);
      await expect(page.locator('nav.sidebar')).toContainText('Кассы магазина');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      // Each row in its own place (style attributes the page's policy lets through by their hashes), not all at the top.
      const tops = await list
        .getByRole('option')
        .evaluateAll((els) => els.slice(0, 3).map((el) => el.getBoundingClientRect().top));
      expect(tops[1]! - tops[0]!).toBeGreaterThan(40);
      expect(tops[2]! - tops[1]!).toBe(tops[1]! - tops[0]!);
    } finally {
      await context.close();
    }
  });

  test('the window takes the drawn screen over: the same elements, no request before the rows, and it answers input', async ({
    page,
  }) => {
    const sent = requestsSent(page);
    // The page as parsed, before React has loaded (it waits for the drawn screen's paint): taken over, the first row
    // is the same element.
    await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
      window.drawnRow = document.querySelector('[role=option]');
      window.parsed = {
        rows: document.querySelectorAll('[role=option]').length,
        sidebar: document.querySelector('nav.sidebar')?.textContent ?? '',
      };
    });`);
    await openWindow(page, stack.web.url);
    const parsed = (await page.evaluate('window.parsed')) as { rows: number; sidebar: string };
    expect(parsed.rows).toBeGreaterThan(10);
    expect(parsed.sidebar).toContain('Кассы магазина');
    expect(await page.evaluate(`window.drawnRow === document.querySelector('[role=option]')`)).toBe(true);
    // Main answered app:boot into the page: the window never asks for it.
    expect(sent).not.toContain('app:boot');
    // And it answers: a row opens its detail; the theme stays the person's.
    await page.getByRole('listbox', { name: 'Events' }).getByRole('option').first().click();
    await expect(page.getByTestId('detail')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await page.evaluate((mark) => performance.getEntriesByName(mark).length, WINDOW_READY_MARK)).toBe(1);
  });
});

test.describe('drawn by the window (no drawing)', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack({ feeds: FEEDS, prefs: { language: 'en' }, firstScreen: false });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('the first rows come from app:boot alone, in the first render, in the chosen language', async ({ page }) => {
    const sent = requestsSent(page);
    // Everything the root shows, from its first content on: the rows must be there at once, never a "loading" list.
    await page.addInitScript(FIRST_ROOT);
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
      'actions:counts',
    ]) {
      expect(sent, part).not.toContain(part);
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
