// The Evotor token assistant from the window: a new Evotor feed saved without a token gets one through
// "Получить токен через кабинет разработчика" against the portal side of the Evotor mock — a wrong password says so
// in words, the 2FA step asks for the code, the chosen token gains event:read and becomes the feed's secret (the
// form shows «задан», the connection test passes, events arrive), then the version's event settings are saved.
// Screenshots of every step go to test-results/screenshots/evotor-assistant-*.png.
import { expect, test } from '@playwright/test';
import { startEvotorMock, type EvotorMock } from '../mocks/evotor-mock.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { screenshot, openWindow, startStack, type Stack } from './support.ts';

// The assistant needs the mock's portal switches (2FA, the saved event settings), so this spec starts the Evotor
// mock itself rather than through startAllMocks(), which does not expose them.
let evotor: EvotorMock;
let stack: Stack;
const secrets = new MemorySecretStore();

test.beforeAll(async () => {
  evotor = await startEvotorMock({ events: 60 });
  stack = await startStack({ feeds: [], secretStore: secrets });
});

test.afterAll(async () => {
  await stack?.stop();
  await evotor?.stop();
});

test('an Evotor feed gets its token from the developer portal, then its event settings', async ({ page }) => {
  const portal = evotor.portal;
  const chosen = portal.personalTokens[1]!;
  expect(chosen.scope).not.toContain('event:read');
  await openWindow(page, stack.web.url);

  // A new Evotor feed without a token.
  await page.getByRole('button', { name: 'Добавить ленту', exact: true }).click();
  await page.getByLabel('Сервис', { exact: true }).selectOption('evotor');
  await page.getByLabel('ID приложения').fill(evotor.appId);
  await page.getByLabel('С начала').check();
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(evotor.url);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  // No token yet: the form still offers the empty password field.
  await expect(page.getByLabel('Токен издателя')).toHaveValue('');
  const feedId = stack.web.core.feeds.list()[0]!.id;
  expect(await secrets.has(feedId)).toBe(false);
  await screenshot(page, 'evotor-assistant-1-feed-without-token');

  await page.getByRole('button', { name: 'Получить токен через кабинет разработчика' }).click();
  const box = page.getByTestId('token-assistant');
  await expect(box).toBeVisible();
  const result = box.getByTestId('token-assistant-result');

  // A wrong password: the words, never the password.
  await box.getByLabel('Логин портала').fill(portal.login);
  await box.getByLabel('Пароль портала').fill('не-тот-пароль');
  await box.getByRole('button', { name: 'Войти на портал' }).click();
  await expect(result).toContainText('Неверный логин или пароль');
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(box).not.toContainText('не-тот-пароль');
  await screenshot(page, 'evotor-assistant-2-wrong-password');

  // The account has two-factor sign-in: the right password asks for the code.
  portal.twoFactorRequired = true;
  await box.getByLabel('Пароль портала').fill(portal.password);
  await expect(box.getByLabel('Код подтверждения')).toHaveCount(0);
  await box.getByRole('button', { name: 'Войти на портал' }).click();
  await expect(box.getByLabel('Код подтверждения')).toBeVisible();
  await expect(result).toHaveAttribute('data-ok', 'false');
  await screenshot(page, 'evotor-assistant-3-code-asked');
  await box.getByLabel('Код подтверждения').fill(portal.twoFactorCode);
  await box.getByRole('button', { name: 'Войти на портал' }).click();

  // The publisher's tokens, with the warning that the chosen one changes its value.
  const use = box.getByRole('button', { name: `Использовать «${chosen.name}»` });
  await expect(use).toBeVisible();
  await expect(box.getByRole('button', { name: /^Использовать/ })).toHaveCount(portal.personalTokens.length);
  await expect(box).toContainText('значение токена изменится');
  await expect(box.getByLabel('Пароль портала')).toHaveCount(0);
  await screenshot(page, 'evotor-assistant-4-tokens');
  const oldAccess = chosen.access;
  await use.click();
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toContainText('event:read');
  expect(chosen.scope).toContain('event:read');
  expect(chosen.access).not.toBe(oldAccess);
  expect(await secrets.get(feedId)).toBe(chosen.access);
  await expect(page.getByTestId('secret-state-main').locator('.secret-badge')).toHaveText('задан');
  // No token value reaches the window.
  expect(await page.content()).not.toContain(chosen.access);
  await screenshot(page, 'evotor-assistant-5-token-saved');

  // The connection test passes and events arrive.
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('test-result')).toContainText('Подключение работает');
  await expect(page.getByTestId(`feed-${feedId}`)).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });
  await expect.poll(() => stack.web.core.store.count(feedId), { timeout: 30_000 }).toBeGreaterThan(0);

  // The app version's event settings: shown, ticked, saved on the portal.
  await box.getByText('Настройки событий версии приложения').click();
  await box.getByLabel('ID версии приложения').fill(portal.versionId);
  await box.getByRole('button', { name: 'Показать', exact: true }).click();
  await expect(box.getByLabel('Товары', { exact: true })).not.toBeChecked();
  await box.getByLabel('Товары', { exact: true }).check();
  await box.getByLabel('Документы (чеки, смены, приёмка)').check();
  await screenshot(page, 'evotor-assistant-6-event-settings');
  await box.getByRole('button', { name: 'Сохранить настройки событий' }).click();
  await expect(result).toContainText('Настройки событий версии сохранены');
  expect(portal.eventSettings).toHaveLength(1);
  expect(portal.eventSettings[0]!.events.toSorted()).toEqual(['document', 'product']);
  expect(portal.eventSettings[0]!.active).toBe(true);
  await screenshot(page, 'evotor-assistant-7-event-settings-saved');

  // Untick one and save again: the same settings entry changes.
  await box.getByLabel('Товары', { exact: true }).uncheck();
  await box.getByRole('button', { name: 'Сохранить настройки событий' }).click();
  await expect.poll(() => portal.eventSettings[0]!.events).toEqual(['document']);
  expect(portal.eventSettings).toHaveLength(1);

  // Nothing secret in the page: neither the password nor a portal token.
  const html = await page.content();
  expect(html).not.toContain(portal.password);
  for (const t of portal.oauthTokens) expect(html).not.toContain(t);
});
