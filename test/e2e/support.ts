// Shared set-up for the browser tests: the full stack over the test bridge in a fresh temp folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { FeedConfig } from '../../main/core/model.ts';
import { WINDOW_READY_MARK } from '../../preload/contract.ts';
import { startFeedbellWeb, type FeedbellWeb, type FeedbellWebOptions } from '../bridge/feedbell-web.ts';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export interface Stack {
  web: FeedbellWeb;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startStack(options: Omit<FeedbellWebOptions, 'dataDir'>): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'feedbell-e2e-'));
  let web: FeedbellWeb;
  try {
    web = await startFeedbellWeb({ ...options, dataDir });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    web,
    dataDir,
    async stop() {
      try {
        await web.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** A fast demo feed: `ratePerMinute` events a minute, polled every 5 s, with some history already there. */
export function demoFeed(id: string, name: string, seed: number, ratePerMinute: number, historyHours: number): FeedConfig {
  return {
    id,
    provider: 'demo',
    name,
    enabled: true,
    intervalSec: 5,
    start: { kind: 'beginning' },
    settings: { seed, ratePerMinute, pageSize: 200, historyHours, origin: Date.UTC(2026, 0, 1) },
  };
}

export const rows = (page: Page): Locator => page.getByRole('listbox', { name: 'События' }).getByRole('option');

export async function loadedCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('loaded-count').getAttribute('data-count'));
}

export async function badgeCount(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-count'));
}

/** Attribute values of every rendered row (the list is virtualized: only rows in view exist). */
export async function rowAttributes(page: Page, name: string): Promise<(string | null)[]> {
  return rows(page).evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr)), name);
}

/** Opens the window and waits until it answers input (React has taken over the first screen main drew). */
export async function openWindow(page: Page, url: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const redrawn: string[] = [];
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes(REDRAWN_WARNING)) redrawn.push(message.text());
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) refused.push(message.text());
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Feedbell', exact: true })).toBeVisible();
  await windowReady(page);
  expect(errors, 'no uncaught errors while loading').toEqual([]);
  expect(redrawn, 'the window takes over the first screen main drew, without drawing it anew').toEqual([]);
  expect(refused, "the page's policy refuses nothing the window itself drew").toEqual([]);
}

/** What the window logs when main's drawing differed from its own first render (renderer/src/start.tsx). */
export const REDRAWN_WARNING = 'the first screen was drawn again';

/** Waits for the mark the window sets once it answers input (polled from here: page.clock may hold the page's timers). */
export async function windowReady(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate((mark) => performance.getEntriesByName(mark).length > 0, WINDOW_READY_MARK)).toBe(true);
}

/** A full-page screenshot under test-results/screenshots/<name>.png, with the mouse out of the way. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(1, 1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** Opens the new-feed form and picks a service. */
export async function openNewFeedForm(page: Page, provider: string): Promise<void> {
  await page.getByRole('button', { name: 'Добавить ленту', exact: true }).click();
  await expect(page.getByTestId('feed-editor')).toBeVisible();
  await page.getByLabel('Сервис', { exact: true }).selectOption(provider);
}

/** The settings the mocks' printed config gives a feed (its ids and base URL). */
export function mockFeedSettings(mocks: { config: { feeds: Record<string, unknown>[] } }, id: string): Record<string, string> {
  const feed = mocks.config.feeds.find((f) => f['id'] === id);
  if (!feed) throw new Error(`the mocks' config has no feed "${id}"`);
  return feed['settings'] as Record<string, string>;
}

/** Opens the list's filter row (closed at first: the search and the list come first). */
export async function showFilters(page: Page): Promise<void> {
  const toggle = page.getByTestId('filters-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
