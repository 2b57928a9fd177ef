// Screenshots of the full window in light and dark (test-results/screenshots/).
// Calm feeds here (one poll a minute), so no rows move between opening an event and taking the picture.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SCREENSHOT_DIR, demoFeed, openWindow, rows, startStack, type Stack } from './support.ts';

let stack: Stack;

const calm = (id: string, name: string, seed: number, rate: number) => ({
  ...demoFeed(id, name, seed, rate, 8),
  intervalSec: 600,
});

test.beforeAll(async () => {
  stack = await startStack({ feeds: [calm('demo', 'Демо-лента', 1, 3), calm('shop', 'Кассы магазина', 7, 1)] });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('screenshots of the window in light and dark, Russian and English', async ({ page }) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await openWindow(page, stack.web.url);
  await expect(page.getByTestId('status-demo')).toContainText('обновлено');
  await expect(page.getByTestId('status-shop')).toContainText('обновлено');
  await expect(rows(page).first()).toBeVisible();
  // Read a few, so the picture shows both read and unread rows; then open one with a provider link.
  for (const n of [2, 5]) await rows(page).nth(n).click();
  await rows(page).and(page.locator('[data-type="demo.utd"]')).first().click();
  await expect(page.getByTestId('detail-link')).toBeVisible();
  await page.mouse.move(1, 1);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `log-window-${colorScheme}.png`) });
  }
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Event log', { exact: true })).toBeVisible();
  await page.mouse.move(1, 1);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'log-window-dark-en.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'log-window-light-en.png') });
  await page.getByRole('button', { name: 'Русский' }).click();
});
