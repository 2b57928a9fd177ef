// The window fed by the four real providers, each polling its service's mock, next to the demo feed.
import { expect, test } from '@playwright/test';
import { parseFeedsConfig } from '../../main/core/feeds/feed-config.ts';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { SCREENSHOT_DIR, demoFeed, openWindow, rowAttributes, rows, showFilters, startStack, type Stack } from './support.ts';

let mocks: RunningMocks;
let stack: Stack;

test.beforeAll(async () => {
  mocks = await startAllMocks('beginning');
  const feeds = parseFeedsConfig(JSON.stringify(mocks.config), 'mocks').map((feed) => ({ ...feed, intervalSec: 5 }));
  stack = await startStack({
    feeds: [demoFeed('demo', 'Демо-лента', 3, 2, 0.2), ...feeds],
    // One feed gets a wrong token, to show the human error.
    secrets: { ...mocks.secrets, 'mock-realty': 'expired-session' },
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await mocks?.stop();
});

test('events of every service arrive, filter by service, open with their details; a wrong token shows why', async ({ page }) => {
  await openWindow(page, stack.web.url);
  for (const id of ['mock-evotor', 'mock-diadoc', 'mock-extern']) {
    await expect(page.getByTestId(`feed-${id}`)).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });
  }
  // The realty feed's token is wrong: its card says so in words, with what to do.
  const realty = page.getByTestId('feed-mock-realty');
  await expect(realty).toHaveAttribute('data-phase', 'error', { timeout: 30_000 });
  await expect(realty.getByRole('alert')).toContainText('войдите заново');
  await expect(realty.getByRole('alert')).toContainText('HTTP 401');

  await showFilters(page);
  for (const provider of ['evotor', 'diadoc', 'extern']) {
    await page.getByLabel('Сервис').selectOption(provider);
    await expect
      .poll(async () => [...new Set(await rowAttributes(page, 'data-provider'))], { timeout: 20_000 })
      .toEqual([provider]);
  }
  await page.getByLabel('Сервис').selectOption('diadoc');
  await rows(page).first().click();
  await expect(page.getByTestId('detail')).toContainText(/(Входящий|Исходящий) документ|Документ \S+/);
  await expect(page.getByTestId('detail').getByRole('link').first()).toHaveAttribute('href', /^https:\/\/diadoc\.kontur\.ru\//);

  // New events at the services appear without a reload.
  await page.getByLabel('Сервис').selectOption('');
  const before = stack.web.core.store.count();
  mocks.addEvents(1);
  await expect.poll(() => stack.web.core.store.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 3);
  await page.mouse.move(1, 1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/providers.png` });
});
