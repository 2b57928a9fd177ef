// Issue 10, item 4: the Russian window speaks Russian. Every view is walked as a person would see it (four services
// from their mocks, a feed whose token is wrong, the demo feed) and any Latin-script word outside the allow-list
// (service names, keys, formats, verbatim data) fails the test, naming the view and the words.
import { expect, test, type Page } from '@playwright/test';
import { parseFeedsConfig } from '../../main/core/feeds/feed-config.ts';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { readableText, unexpectedLatinWords } from './latin-words.ts';
import { demoFeed, openWindow, rows, startStack, type Stack } from './support.ts';

let mocks: RunningMocks;
let stack: Stack;

test.beforeAll(async () => {
  mocks = await startAllMocks('beginning');
  const feeds = parseFeedsConfig(JSON.stringify(mocks.config), 'mocks').map((feed) => ({ ...feed, intervalSec: 5 }));
  stack = await startStack({
    feeds: [demoFeed('demo', 'Демо-лента', 3, 2, 2), ...feeds],
    // Two wrong tokens: their error cards must speak Russian too, the codes behind «Подробнее».
    secrets: { ...mocks.secrets, 'mock-realty': 'expired-session', 'mock-diadoc': 'expired-session' },
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await mocks?.stop();
});

async function expectRussian(page: Page, view: string): Promise<void> {
  await page.waitForTimeout(100);
  const text = await readableText(page);
  const words = unexpectedLatinWords(text);
  // Where each one stands, so a failure says what to fix.
  const where = text.split('\n').filter((line) => words.some((word) => line.includes(word)));
  expect(words, `Latin words in the Russian window, view «${view}»:\n${where.join('\n')}`).toEqual([]);
}

test('every view of the Russian window is in Russian', async ({ page }) => {
  await openWindow(page, stack.web.url);
  await expect(page.getByTestId('feed-mock-evotor')).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });
  await expect(page.getByTestId('feed-mock-extern')).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });
  await expect(page.getByTestId('feed-mock-realty')).toHaveAttribute('data-phase', 'error', { timeout: 30_000 });
  await expect(page.getByTestId('feed-mock-diadoc')).toHaveAttribute('data-phase', 'error', { timeout: 30_000 });
  await expect(rows(page).first()).toBeVisible();
  await expectRussian(page, 'журнал');

  // The detail of one event of each service in the list.
  const providers = await rows(page).evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-provider')))]);
  for (const provider of providers) {
    await rows(page)
      .and(page.locator(`[data-provider="${provider}"]`))
      .first()
      .click();
    await expect(page.getByTestId('detail')).toBeVisible();
    await expectRussian(page, `событие (${provider})`);
  }

  // The feed editor: a new feed of each service, then an existing one.
  await page.getByRole('button', { name: 'Добавить ленту', exact: true }).click();
  const service = page.getByLabel('Сервис', { exact: true });
  for (const option of await service.locator('option').evaluateAll((els) => els.map((el) => el.getAttribute('value')))) {
    if (!option) continue;
    await service.selectOption(option);
    await expectRussian(page, `новая лента (${option})`);
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('feed-mock-diadoc').hover();
  await page
    .getByTestId('feed-mock-diadoc')
    .getByRole('button', { name: /Настройки ленты/ })
    .click();
  await expect(page.getByTestId('feed-editor')).toBeVisible();
  await expectRussian(page, 'изменить ленту');

  // The failing feed's card with its details open, and the Settings view.
  await page.getByRole('button', { name: 'Настройки', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Настройки' })).toBeVisible();
  await expectRussian(page, 'настройки');
  // «Требует действия», with the completed ones shown too.
  await page.getByTestId('actions-entry').click();
  await expect(page.getByTestId('actions-view')).toBeVisible();
  await page.getByLabel('Показать выполненные').check();
  await expectRussian(page, 'требует действия');
  await page.getByRole('button', { name: 'Все ленты' }).click();
  // An event's context menu.
  await rows(page).first().click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await expectRussian(page, 'меню события');
  await page.keyboard.press('Escape');
  const details = page.getByTestId('feed-mock-diadoc').getByText('Подробнее');
  await details.first().click();
  await expectRussian(page, 'ошибка ленты, «Подробнее» открыто');
});
