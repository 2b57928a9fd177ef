// Changing a feed's service address in the form: before saving, the form says the stored token will be deleted and
// asks for it again; the token typed then is kept for the new address only, and the old one never reaches the new
// host. Plain http to another computer is refused next to the field. Screenshot: secret-origin-address-moved.png.
import { expect, test } from '@playwright/test';
import { startDiadocMock, type DiadocMock } from '../mocks/diadoc-mock.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { openNewFeedForm, openWindow, screenshot, startStack, type Stack } from './support.ts';

let home: DiadocMock;
let other: DiadocMock;
let stack: Stack;
const secrets = new MemorySecretStore();

test.beforeAll(async () => {
  home = await startDiadocMock({ events: 5, token: 'home-diadoc-token-e2e-1111' });
  other = await startDiadocMock({ events: 5, token: 'other-diadoc-token-e2e-2222' });
  stack = await startStack({ feeds: [], secretStore: secrets });
});

test.afterAll(async () => {
  await stack?.stop();
  await home?.stop();
  await other?.stop();
});

test('a new service address: the form warns, asks for the token again, and the old token stays away from the new host', async ({
  page,
}) => {
  await openWindow(page, stack.web.url);
  await openNewFeedForm(page, 'diadoc');
  await page.getByLabel('Идентификатор ящика').fill(home.boxId);
  await page.getByLabel('Токен доступа').fill(home.token);
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(home.url);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  await expect(page.getByTestId('secret-state-main')).toContainText('задан');
  await expect(page.getByTestId('address-moved')).toHaveCount(0);

  // Another path on the same host is the same address: nothing to warn about.
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(`${home.url}/`);
  await expect(page.getByTestId('address-moved')).toHaveCount(0);

  // Another host (here another port): the warning, and the token field asks again.
  await page.getByLabel('Адрес API').fill(other.url);
  await expect(page.getByTestId('address-moved')).toHaveText(
    'Адрес сервиса изменился: при сохранении токен этой ленты будет удалён — введите его заново, для нового адреса.',
  );
  await expect(page.getByTestId('secret-state-main')).toHaveCount(0);
  await expect(page.getByLabel('Токен доступа')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Не менять' })).toHaveCount(0);
  await page.getByTestId('address-moved').scrollIntoViewIfNeeded();
  await screenshot(page, 'secret-origin-address-moved');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByText('Адрес сервиса изменился: введите токен для нового адреса')).toBeVisible();
  expect(stack.web.core.feeds.entry('diadoc')?.settings['baseUrl']).toBe(home.url);
  expect(await secrets.get('diadoc')).toBe(home.token);

  // Back to the saved address: no warning, the stored token is kept.
  await page.getByLabel('Адрес API').fill(home.url);
  await expect(page.getByTestId('address-moved')).toHaveCount(0);
  await expect(page.getByTestId('secret-state-main')).toContainText('задан');

  // The new address with its own token: saved, and only that token goes there.
  await page.getByLabel('Адрес API').fill(other.url);
  await page.getByLabel('Токен доступа').fill(other.token);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  await expect(page.getByTestId('address-moved')).toHaveCount(0);
  await expect(page.getByTestId('secret-state-main')).toContainText('задан');
  expect(stack.web.core.feeds.entry('diadoc')?.settings['baseUrl']).toBe(other.url);
  expect(await secrets.get('diadoc')).toBe(other.token);
  expect(secrets.origins('diadoc')).toEqual([new URL(other.url).origin]);
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  expect(other.server.requests.length).toBeGreaterThan(0);
  expect(other.server.requests.some((r) => JSON.stringify(r).includes(home.token))).toBe(false);

  // Plain http to another computer is refused next to the field.
  await page.getByLabel('Адрес API').fill('http://diadoc.example.com');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(
    page.getByText('Нужен адрес вида https://… (http:// — только для этого компьютера: localhost, 127.0.0.1)'),
  ).toBeVisible();
  expect(stack.web.core.feeds.entry('diadoc')?.settings['baseUrl']).toBe(other.url);
});
