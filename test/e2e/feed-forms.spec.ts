// Connecting services from the window alone: the feed forms over the browser bridge against the service mocks.
// Add a Diadoc feed with a wrong token (the human error), fix it (ok, events arrive), edit the interval, disable it;
// add an Evotor feed; client-side validation; export without tokens; remove with its secrets; screenshots of every form.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { mockFeedSettings, openNewFeedForm, screenshot, openWindow, startStack, type Stack } from './support.ts';

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

test('add, test, fix, edit, disable, export and remove feeds from the window', async ({ page }) => {
  const diadoc = mockFeedSettings(mocks, 'mock-diadoc');
  const evotor = mockFeedSettings(mocks, 'mock-evotor');
  const diadocToken = mocks.secrets['mock-diadoc']!;
  const evotorToken = mocks.secrets['mock-evotor']!;
  await openWindow(page, stack.web.url);

  // Diadoc: a bad box id is caught next to its field before anything is sent.
  await openNewFeedForm(page, 'diadoc');
  await page.getByLabel('Идентификатор ящика').fill('not-a-box');
  await page.getByLabel('Токен доступа').fill('wrong-token');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByText('Нужен идентификатор вида')).toBeVisible();
  expect(stack.web.core.feeds.list()).toEqual([]);

  // A wrong token: saved, and "Test connection" says what is wrong in words.
  await page.getByLabel('Идентификатор ящика').fill(diadoc['boxId']!);
  await page.getByLabel('С начала').check();
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(diadoc['baseUrl']!);
  await screenshot(page, 'feed-form-diadoc');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  await expect(page.getByTestId('secret-state-main')).toContainText('задан');
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toContainText('Токен не подходит: войдите заново');
  await expect(page.getByTestId('test-result')).not.toContainText('wrong-token');

  // Replace the token: the test passes and events arrive.
  await page.getByRole('button', { name: 'Заменить: Токен доступа' }).click();
  await page.getByLabel('Токен доступа').fill(diadocToken);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByTestId('secret-state-main')).toContainText('задан');
  expect(await secrets.get('diadoc')).toBe(diadocToken);
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('test-result')).toContainText('Подключение работает');
  await expect(page.getByTestId('feed-diadoc')).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });
  await expect.poll(() => stack.web.core.store.count('diadoc'), { timeout: 30_000 }).toBeGreaterThan(0);

  // Edit the interval.
  await page.getByLabel('Интервал опроса, секунд').fill('30');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect.poll(() => stack.web.core.feeds.entry('diadoc')?.intervalSec).toBe(30);
  // The password field is never pre-filled: the window knows only that a token is set.
  await expect(page.locator('input[type="password"]')).toHaveCount(0);

  // Disable and enable again.
  await page.getByLabel('Лента включена').uncheck();
  await expect(page.getByTestId('feed-diadoc')).toHaveAttribute('data-phase', 'disabled');
  expect(stack.web.core.feeds.entry('diadoc')?.enabled).toBe(false);
  await page.getByLabel('Лента включена').check();
  await expect(page.getByTestId('feed-diadoc')).not.toHaveAttribute('data-phase', 'disabled');

  // Evotor: a second service through its own form.
  await openNewFeedForm(page, 'evotor');
  await page.getByLabel('ID приложения').fill(evotor['appId']!);
  await page.getByLabel('Токен издателя').fill(evotorToken);
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(evotor['baseUrl']!);
  await screenshot(page, 'feed-form-evotor');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toContainText('Подключение работает');

  // The other two services' forms, for the screenshots (Extern with the legacy scheme shows its API key field).
  await openNewFeedForm(page, 'extern');
  await page.getByLabel('Схема входа').selectOption('sid');
  await expect(page.getByLabel('API-ключ')).toBeVisible();
  await screenshot(page, 'feed-form-extern');
  await page.getByLabel('Сервис', { exact: true }).selectOption('realty');
  await expect(page.getByLabel('ID организации')).toBeVisible();
  await screenshot(page, 'feed-form-realty');
  // English, dark.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.getByLabel('Organization id')).toBeVisible();
  await screenshot(page, 'feed-form-realty-en-dark');
  await page.getByLabel('Theme').selectOption('system');
  await page.getByRole('button', { name: 'Русский' }).click();

  // Export: the configuration of both feeds, no token.
  await page.getByTestId('open-settings').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Сохранить настройки в файл' }).click(),
  ]);
  const exported = readFileSync((await download.path())!, 'utf8');
  const doc = JSON.parse(exported) as { feeds: { id: string; intervalSec: number }[] };
  expect(doc.feeds.map((f) => f.id)).toEqual(['diadoc', 'evotor']);
  expect(doc.feeds[0]!.intervalSec).toBe(30);
  for (const token of [diadocToken, evotorToken, 'wrong-token']) expect(exported).not.toContain(token);

  // Remove the Evotor feed: confirmation, then the feed and its token are gone.
  await page.getByRole('button', { name: 'Настройки ленты «Эвотор»' }).click();
  await page.getByRole('button', { name: 'Удалить ленту' }).click();
  // The confirmation's default is the safe answer: Enter there keeps the feed.
  await expect(page.getByRole('button', { name: 'Отмена' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Да, удалить' })).toBeHidden();
  await page.getByRole('button', { name: 'Удалить ленту' }).click();
  await page.getByRole('button', { name: 'Да, удалить' }).click();
  await expect(page.getByTestId('feed-evotor')).toHaveCount(0);
  expect(stack.web.core.feeds.entry('evotor')).toBeNull();
  expect(await secrets.has('evotor')).toBe(false);
  expect(await secrets.has('diadoc')).toBe(true);
});
