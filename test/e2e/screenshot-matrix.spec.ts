// Issue 10: every view (welcome, log, «Требует действия», detail, feed editor, settings) at 1280×800 and 900×600, light and dark, Russian and English, saved under
// test-results/screenshots/matrix/ to be looked at (and the best put in the README). Each picture also checks that the
// view fits: nothing a person must reach is cut off at the right edge.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOT_DIR, demoFeed, openWindow, startStack, type Stack } from './support.ts';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 900, height: 600 },
] as const;
const THEMES = ['light', 'dark'] as const;
const LANGUAGES = ['ru', 'en'] as const;
const DIR = join(SCREENSHOT_DIR, 'matrix');

/** The list's rows in either language. */
const rows = (page: Page) => page.getByRole('listbox').getByRole('option');

let stack: Stack;
let empty: Stack;

const calm = (id: string, name: string, seed: number, rate: number) => ({
  ...demoFeed(id, name, seed, rate, 8),
  intervalSec: 600,
});

test.beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  stack = await startStack({ feeds: [calm('demo', 'Демо-лента', 1, 3), calm('shop', 'Кассы магазина', 7, 1)] });
  empty = await startStack({ demo: false });
});

test.afterAll(async () => {
  await stack?.stop();
  await empty?.stop();
});

/** The view as it is now, in every size and theme. */
async function shoot(page: Page, view: string, language: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const colorScheme of THEMES) {
      await page.emulateMedia({ colorScheme });
      await page.mouse.move(1, 1);
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(DIR, `${view}-${size.width}x${size.height}-${colorScheme}-${language}.png`) });
      // Nothing scrolls sideways: a wider page would hide what is at its right edge.
      const overflow = await page.locator('body').evaluate((body) => body.scrollWidth - body.clientWidth);
      expect(overflow, `${view} at ${size.width}×${size.height} is wider than the window`).toBeLessThanOrEqual(0);
      // A feed's one status line is whole at the sidebar's default width (item 9).
      const cut = await page
        .locator('.feed-status')
        .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
      expect(cut, `feed status lines cut in ${view} at ${size.width}×${size.height}`).toEqual([]);
    }
  }
  await page.setViewportSize(SIZES[0]);
}

for (const language of LANGUAGES) {
  test(`every view in ${language}, at both sizes and in both themes`, async ({ page }) => {
    for (const s of [stack, empty]) s.web.core.preferences.update({ language, theme: 'system' });

    await openWindow(page, empty.web.url);
    await expect(page.getByTestId('welcome')).toBeVisible();
    await shoot(page, 'welcome', language);

    await openWindow(page, stack.web.url);
    await expect(rows(page).first()).toBeVisible({ timeout: 20_000 });
    for (const n of [2, 5]) await rows(page).nth(n).click();
    await page.keyboard.press('Escape');
    await shoot(page, 'log', language);

    // «Требует действия»: the demo's demands and documents, the nearest deadline first.
    await page.getByTestId('actions-entry').click();
    await expect(page.getByTestId('action-item').first()).toBeVisible({ timeout: 20_000 });
    await shoot(page, 'queue', language);
    await page.getByRole('button', { name: language === 'ru' ? 'Все ленты' : 'All feeds' }).click();

    await rows(page).and(page.locator('[data-type="demo.utd"]')).first().click();
    await expect(page.getByTestId('detail')).toBeVisible();
    await shoot(page, 'detail', language);

    await page.getByTestId('feed-demo').hover();
    await page
      .getByTestId('feed-demo')
      .getByRole('button', { name: language === 'ru' ? /Настройки ленты/ : /Settings of the feed/ })
      .click();
    await expect(page.getByTestId('feed-editor')).toBeVisible();
    await shoot(page, 'feed-editor', language);

    await page.getByRole('button', { name: language === 'ru' ? 'Настройки' : 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { name: language === 'ru' ? 'Настройки' : 'Settings' })).toBeVisible();
    await shoot(page, 'settings', language);

    // The README's pictures are refreshed only on request, so a test run never dirties the work tree.
    if (process.env['UPDATE_README_SCREENSHOT'] && language === 'ru') {
      const docs = join(import.meta.dirname, '..', '..', 'docs');
      copyFileSync(join(DIR, 'detail-1280x800-light-ru.png'), join(docs, 'screenshot.png'));
      copyFileSync(join(DIR, 'settings-1280x800-dark-ru.png'), join(docs, 'screenshot-settings.png'));
      copyFileSync(join(DIR, 'queue-1280x800-light-ru.png'), join(docs, 'screenshot-queue.png'));
    }
  });
}
