// A new user connects Kontur.Extern (a ready token) and the realty checks (auth.sid + organization id) through the
// forms alone, against the service mocks: a wrong secret first — "Test connection" says what is wrong in words and
// never repeats the secret — then the right one: the test passes and events arrive. Screenshots of each filled form
// go to test-results/screenshots/feed-forms-all-*.png.
import { expect, test, type Page } from '@playwright/test';
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

function feedIdOf(provider: string): string {
  return stack.web.core.feeds.list().find((f) => f.provider === provider)!.id;
}

/** Saves the form with a wrong secret, tests it (the human text, no secret), then replaces the secret and tests again. */
async function wrongThenRight(
  page: Page,
  provider: string,
  secretLabel: string,
  wrong: string,
  right: string,
  wrongText: string,
): Promise<string> {
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  const feedId = feedIdOf(provider);
  expect(await secrets.get(feedId)).toBe(wrong);
  await expect(page.getByTestId('secret-state-main').locator('.secret-badge')).toHaveText('задан');
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  const result = page.getByTestId('test-result');
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(result).toContainText(wrongText);
  await expect(result).not.toContainText(wrong);
  await result.scrollIntoViewIfNeeded();
  await screenshot(page, `feed-forms-all-${provider}-wrong-secret`);

  await page.getByRole('button', { name: `Заменить: ${secretLabel}` }).click();
  await page.getByLabel(secretLabel).fill(right);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect.poll(() => secrets.get(feedId)).toBe(right);
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toContainText('Подключение работает');
  await expect(page.getByTestId(`feed-${feedId}`)).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });
  await expect.poll(() => stack.web.core.store.count(feedId), { timeout: 30_000 }).toBeGreaterThan(0);
  // The window never holds a secret's value.
  const html = await page.content();
  expect(html).not.toContain(right);
  expect(html).not.toContain(wrong);
  return feedId;
}

test('a new user connects Kontur.Extern and the realty checks from the forms', async ({ page }) => {
  const extern = mockFeedSettings(mocks, 'mock-extern');
  const realty = mockFeedSettings(mocks, 'mock-realty');
  const externToken = mocks.secrets['mock-extern']!;
  const realtySid = mocks.secrets['mock-realty']!;
  await openWindow(page, stack.web.url);

  // Kontur.Extern with a ready token.
  await openNewFeedForm(page, 'extern');
  await page.getByLabel('Схема входа').selectOption('bearer');
  await expect(page.getByLabel('API-ключ')).toHaveCount(0);
  await page.getByLabel('Токен доступа или auth.sid').fill('extern-wrong-token-1234');
  await page.getByLabel('С начала').check();
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(extern['baseUrl']!);
  await screenshot(page, 'feed-forms-all-extern-filled');
  const externId = await wrongThenRight(
    page,
    'extern',
    'Токен доступа или auth.sid',
    'extern-wrong-token-1234',
    externToken,
    'Токен не подходит: войдите заново',
  );
  await screenshot(page, 'feed-forms-all-extern-ok');

  // The realty checks: an organization id is checked next to its field, then auth.sid.
  await openNewFeedForm(page, 'realty');
  await page.getByLabel('ID организации').fill('not-an-org');
  await page.getByLabel('Чем входить').selectOption('sid');
  await page.getByLabel('auth.sid или API-ключ').fill('0000WRONGSID0000');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByText('Нужен идентификатор вида')).toBeVisible();
  expect(stack.web.core.feeds.list().some((f) => f.provider === 'realty')).toBe(false);
  await page.getByLabel('ID организации').fill(realty['orgId']!);
  await page.getByLabel('С начала').check();
  await page.getByText('Дополнительные настройки').click();
  await page.getByLabel('Адрес API').fill(realty['baseUrl']!);
  await screenshot(page, 'feed-forms-all-realty-filled');
  const realtyId = await wrongThenRight(
    page,
    'realty',
    'auth.sid или API-ключ',
    '0000WRONGSID0000',
    realtySid,
    'auth.sid или API-ключ не подходит: войдите заново',
  );
  await screenshot(page, 'feed-forms-all-realty-ok');

  // Both feeds are in the list, both OK; the secrets live in the store only.
  expect(
    stack.web.core.feeds
      .list()
      .map((f) => f.provider)
      .toSorted(),
  ).toEqual(['extern', 'realty']);
  for (const id of [externId, realtyId]) await expect(page.getByTestId(`feed-${id}`)).toHaveAttribute('data-phase', 'ok');
  const configText = JSON.stringify(stack.web.core.feeds.list());
  for (const s of [externToken, realtySid]) expect(configText).not.toContain(s);
});
