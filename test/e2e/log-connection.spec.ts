// Issue 10, item 3: when the app's back end is gone, the window says the connection is lost (not «Ничего не найдено»,
// not a green «OK» on the feeds) and keeps retrying; when it is back, everything is current again.
import { expect, test } from '@playwright/test';
import { demoFeed, openWindow, rows, startStack, type Stack } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [demoFeed('demo', 'Демо-лента', 1, 60, 1)] });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a lost back end is shown as such, retried, and the window recovers when it is back', async ({ page }) => {
  await openWindow(page, stack.web.url);
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('status-demo')).toBeVisible();
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);

  stack.web.server.setAvailable(false);
  const banner = page.getByTestId('connection-lost');
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toContainText('Нет связи с Feedbell');
  // The feeds' last known states are not shown as current.
  await expect(page.getByTestId('status-demo')).toBeHidden();

  // A search while offline does not claim that nothing matches, nor show the bridge's own English words.
  await page.getByRole('searchbox', { name: 'Поиск' }).fill('заведомонесуществующееслово');
  await page.waitForTimeout(1000);
  await expect(page.getByText('Ничего не найдено')).toHaveCount(0);
  await expect(page.getByText(/Bridge disconnected|Request rejected/)).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Поиск' }).fill('');

  // Main is back: the next retry finds it, the banner goes and the list and feeds are current again.
  stack.web.server.setAvailable(true);
  await expect(banner).toBeHidden({ timeout: 10_000 });
  await expect(page.getByTestId('status-demo')).toBeVisible();
  await expect(rows(page).first()).toBeVisible();
  // Pushes arrive again: new events still appear.
  const count = await rows(page).count();
  expect(count).toBeGreaterThan(0);
  const firstKey = await rows(page).first().getAttribute('data-key');
  await expect.poll(() => rows(page).first().getAttribute('data-key'), { timeout: 30_000 }).not.toBe(firstKey);
});
