// Signing in from the window: a Diadoc feed with "Войти через Контур" runs the device flow against the identity
// mock (the code shows, the test approves it as the user would in the browser), then the feed turns OK and
// events arrive. Screenshots of the flow go to test-results/screenshots/.
import { expect, test } from '@playwright/test';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { mockFeedSettings, screenshot, openWindow, startStack, type Stack } from './support.ts';

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

test('a Diadoc feed signs in to Kontur with a code, then receives events', async ({ page }) => {
  const diadoc = mockFeedSettings(mocks, 'mock-diadoc');
  const identity = mocks.identity;
  await openWindow(page, stack.web.url);

  await page.getByRole('button', { name: 'Добавить ленту', exact: true }).click();
  await page.getByLabel('Сервис', { exact: true }).selectOption('diadoc');
  await page.getByLabel('Идентификатор ящика').fill(diadoc['boxId']!);
  await page.getByLabel('Схема входа').selectOption('oidc');
  // No token to type: the sign-in replaces it.
  await expect(page.getByLabel('Токен доступа')).toHaveCount(0);
  await page.getByLabel('Client ID (ключ клиента API)').fill(identity.clientId);
  await page.getByLabel('С начала').check();
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Сервис входа Контура').fill(identity.url);
  await page.getByLabel('Адрес API').fill(diadoc['baseUrl']!);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();

  const box = page.getByTestId('kontur-sign-in');
  await expect(box).toHaveAttribute('data-signed-in', 'false');
  await box.getByRole('button', { name: 'Войти через Контур' }).click();
  const code = box.getByTestId('kontur-user-code');
  await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  expect(await code.textContent()).toBe(identity.lastUserCode);
  // The mock's page is on 127.0.0.1, not a Kontur https site: its address is shown as text to copy, never as a link
  // (identity.kontur.ru would be one; main would refuse to open the mock's address anyway).
  await expect(box.getByTestId('kontur-page-address')).toContainText(`${identity.url}/`);
  await expect(box.getByRole('link', { name: 'Открыть страницу входа' })).toHaveCount(0);
  await screenshot(page, 'sign-in-kontur-code');

  // The user approves the code on Kontur's page.
  identity.approve(identity.lastUserCode!);
  await expect(box.getByTestId('kontur-result')).toHaveAttribute('data-ok', 'true', { timeout: 15_000 });
  await expect(box.getByTestId('kontur-result')).toContainText('Вход выполнен');
  await expect(box).toHaveAttribute('data-signed-in', 'true');
  expect(await secrets.has('diadoc', 'refresh')).toBe(true);
  const feedId = stack.web.core.feeds.list()[0]!.id;
  await expect(page.getByTestId(`feed-${feedId}`)).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });
  await expect.poll(() => stack.web.core.store.count(feedId), { timeout: 30_000 }).toBeGreaterThan(0);
  await screenshot(page, 'sign-in-kontur-done');

  // Sign out: the kept sign-in is gone.
  await box.getByRole('button', { name: 'Выйти' }).click();
  await expect(box).toHaveAttribute('data-signed-in', 'false');
  expect(await secrets.has(feedId, 'refresh')).toBe(false);
});
