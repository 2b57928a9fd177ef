// «Проверить подключение» checks what is in the form, before anything is saved (issue 10, item 2): in the new-feed
// form a wrong token is caught before it is saved, and in a saved feed's form a newly typed token is checked instead
// of the stored one; nothing is stored by a check.
import { expect, test } from '@playwright/test';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { mockFeedSettings, openNewFeedForm, openWindow, screenshot, startStack, type Stack } from './support.ts';

let mocks: RunningMocks;
let stack: Stack;
const secrets = new MemorySecretStore();

test.beforeAll(async () => {
  mocks = await startAllMocks('beginning');
  stack = await startStack({ feeds: [], secretStore: secrets });
});

test.afterAll(async () => {
  await stack?.stop();
  await mocks?.stop();
});

test('the connection test runs on the typed token, in the new and the edit form, and saves nothing', async ({ page }) => {
  const diadoc = mockFeedSettings(mocks, 'mock-diadoc');
  const token = mocks.secrets['mock-diadoc']!;
  await openWindow(page, stack.web.url);

  // New form: a wrong token is caught by the check, before saving.
  await openNewFeedForm(page, 'diadoc');
  await page.getByLabel('Идентификатор ящика').fill(diadoc['boxId']!);
  await page.getByLabel('С начала').check();
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(diadoc['baseUrl']!);
  await page.getByLabel('Токен доступа').fill('wrong-token');
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('test-result')).toContainText('Токен не подходит');
  expect(stack.web.core.feeds.list()).toEqual([]);
  expect(await secrets.has('diadoc')).toBe(false);
  await screenshot(page, 'feed-test-draft-failed');

  // The right token: the check passes, and still nothing is saved.
  await page.getByLabel('Токен доступа').fill(token);
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  expect(stack.web.core.feeds.list()).toEqual([]);
  expect(await secrets.has('diadoc')).toBe(false);

  // Save, then in the edit form type a wrong token: the check uses it, not the stored one, and stores nothing.
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  await page.getByRole('button', { name: 'Заменить: Токен доступа' }).click();
  await page.getByLabel('Токен доступа').fill('another-wrong-token');
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'false');
  expect(await secrets.get('diadoc')).toBe(token);

  // Nothing typed: the stored token is checked.
  await page.getByRole('button', { name: 'Не менять' }).click();
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
});
