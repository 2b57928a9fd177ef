// First run: no feeds yet, so the window offers the demo feed, and adding it fills the list from real polling.
import { expect, test } from '@playwright/test';
import { openWindow, rows, startStack, type Stack } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ demo: false });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('offers the demo feed on first run and shows its events once added', async ({ page }) => {
  await openWindow(page, stack.web.url);
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading', { name: 'Добро пожаловать в Feedbell' })).toBeVisible();

  await welcome.getByRole('button', { name: 'Добавить демо-ленту' }).click();
  await expect(welcome).toBeHidden();
  await expect(page.getByTestId('feed-demo')).toBeVisible();
  await expect(rows(page).first()).toBeVisible({ timeout: 20_000 });
  expect(stack.web.core.polling.list().map((f) => f.id)).toEqual(['demo']);
});
