// Kontur.Extern from the window: an Extern feed signs in to Kontur with a code (the identity mock), then its
// "Доступ к событиям" panel grants sharing for an account, lists the publishers and unsubscribes one.
// Screenshot: test-results/screenshots/extern-sharing.png.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startExternMock, type ExternMock } from '../mocks/extern-mock.ts';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { SCREENSHOT_DIR, openWindow, startStack, type Stack } from './support.ts';

let mocks: RunningMocks;
let extern: ExternMock;
let stack: Stack;
const secrets = new MemorySecretStore();

test.beforeAll(async () => {
  mocks = await startAllMocks('now');
  // An Extern mock of this test's own, to know its accounts; it accepts the identity mock's access tokens.
  extern = await startExternMock({ events: 10 });
  extern.acceptAccessToken = (token) => mocks.identity.isValidAccessToken(token);
  stack = await startStack({ feeds: [], secretStore: secrets });
});

test.afterAll(async () => {
  await stack?.stop();
  await extern?.stop();
  await mocks?.stop();
});

test('an Extern feed signs in to Kontur, grants event sharing, lists and unsubscribes a publisher', async ({ page }) => {
  const identity = mocks.identity;
  await openWindow(page, stack.web.url);

  await page.getByRole('button', { name: 'Добавить ленту', exact: true }).click();
  await page.getByLabel('Сервис', { exact: true }).selectOption('extern');
  await page.getByLabel('Схема входа').selectOption('oidc');
  await page.getByLabel(/^Client ID/).fill(identity.clientId);
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Сервис входа Контура').fill(identity.url);
  await page.getByLabel('Адрес API').fill(extern.url);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();

  // Sign in with a code, approved as the user would on Kontur's page.
  const box = page.getByTestId('kontur-sign-in');
  await box.getByRole('button', { name: 'Войти через Контур' }).click();
  await expect(box.getByTestId('kontur-user-code')).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  identity.approve(identity.lastUserCode!);
  await expect(box.getByTestId('kontur-result')).toHaveAttribute('data-ok', 'true', { timeout: 15_000 });

  // Event sharing: nobody yet; a wrong subscriber is refused in words; then granted.
  await page.getByTestId('sharing-open').click();
  const panel = page.getByTestId('sharing');
  await expect(panel.getByText('Пока никто.')).toBeVisible();
  const account = extern.accounts[0]!;
  await panel.getByLabel('Идентификатор учётной записи').fill(account);
  await panel.getByLabel('Имя подписчика').fill('someone-else');
  await panel.getByRole('button', { name: 'Открыть доступ' }).click();
  const result = panel.getByTestId('sharing-result');
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(result).toContainText('Проверьте имя подписчика');

  await panel.getByLabel('Имя подписчика').fill('feedbell');
  await panel.getByRole('button', { name: 'Открыть доступ' }).click();
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toHaveText('Доступ к событиям открыт');
  const publisher = panel.getByTestId('sharing-publisher-publisher-1');
  await expect(publisher).toContainText(account);
  expect(extern.publishers.map((p) => p['account-id'])).toEqual([account]);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(1, 1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/extern-sharing.png`, fullPage: true });

  // Unsubscribe, after a confirm.
  await publisher.getByRole('button', { name: 'Отписаться' }).click();
  await publisher.getByRole('button', { name: 'Да, отписаться' }).click();
  await expect(result).toHaveText('Подписка отменена');
  await expect(panel.getByText('Пока никто.')).toBeVisible();
  expect(extern.publishers).toHaveLength(0);

  // Nothing the window received carries a token.
  const html = await page.content();
  for (const token of identity.accessTokens.keys()) expect(html).not.toContain(token);
});
