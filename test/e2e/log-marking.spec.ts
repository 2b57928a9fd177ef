// Issue 10, item 1: «Отметить прочитанными» applies to what the search and filters match, says how many, is disabled
// when nothing matches, and offers «Отменить» for a few seconds afterwards.
import { expect, test, type Page } from '@playwright/test';
import type { EventFilter } from '../../preload/contract.ts';
import { demoFeed, openWindow, rows, startStack, type Stack } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [demoFeed('demo', 'Демо-лента', 1, 60, 1), demoFeed('shop', 'Кассы магазина', 7, 30, 1)] });
  // A fixed log: one sync of each feed's history, then no more polling.
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
});

test.afterAll(async () => {
  await stack?.stop();
});

const unreadMatching = (filter: EventFilter) => stack.web.core.store.countMatching({ ...filter, unreadOnly: true }).count;
const ru = (n: number) => new Intl.NumberFormat('ru').format(n);
const totalUnread = () => Object.values(stack.web.core.reading.unreadCounts()).reduce((a, b) => a + b, 0);

async function open(page: Page): Promise<void> {
  await openWindow(page, stack.web.url);
  await expect(rows(page).first()).toBeVisible();
}

test('mark read applies to what the search matches, says how many, and can be undone', async ({ page }) => {
  await open(page);
  const button = page.getByTestId('mark-read');
  const unreadBefore = totalUnread();
  expect(unreadBefore).toBeGreaterThan(100);

  // A search with no results: «0 событий», and nothing to mark.
  const search = page.getByRole('searchbox', { name: 'Поиск' });
  await search.fill('заведомонесуществующееслово');
  await expect(page.getByTestId('list-empty')).toBeVisible();
  await expect(page.getByTestId('match-count')).toHaveText('0 событий');
  await expect(button).toBeDisabled();
  expect(totalUnread()).toBe(unreadBefore);

  // A search with results: the button names how many of them are unread.
  await search.fill('Росфинмониторинга');
  const matching = unreadMatching({ search: 'Росфинмониторинга' });
  expect(matching).toBeGreaterThan(0);
  expect(matching).toBeLessThan(unreadBefore);
  await expect(button).toHaveText(new RegExp(`^Отметить ${ru(matching)} найденн(ых|ое)$`));
  await expect(button).toBeEnabled();
  await button.click();

  await expect(page.getByTestId('mark-notice')).toContainText(`Отмечено прочитанными: ${ru(matching)}`);
  await expect.poll(() => unreadMatching({ search: 'Росфинмониторинга' })).toBe(0);
  expect(totalUnread()).toBe(unreadBefore - matching);
  await expect(button).toBeDisabled();
  expect(new Set(await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-read'))))).toEqual(
    new Set(['true']),
  );

  // «Отменить» puts back exactly what was marked.
  await page.getByTestId('mark-notice').getByRole('button', { name: 'Отменить' }).click();
  await expect.poll(() => unreadMatching({ search: 'Росфинмониторинга' })).toBe(matching);
  expect(totalUnread()).toBe(unreadBefore);
  await expect(page.getByTestId('mark-notice')).toContainText(`Снова не прочитаны: ${ru(matching)}`);
  await expect(button).toBeEnabled();
  await expect(rows(page).and(page.locator('[data-read="false"]')).first()).toBeVisible();
});

test('with a service filter and a feed, only those events are marked; the undo offer goes away', async ({ page }) => {
  await open(page);
  await page.getByTestId('feed-shop').getByRole('button').first().click();
  const filter = { feedIds: ['shop'] };
  const shopUnread = unreadMatching(filter);
  const demoUnread = unreadMatching({ feedIds: ['demo'] });
  await expect(page.getByTestId('mark-read')).toHaveText(new RegExp(`^Отметить ${ru(shopUnread)} найденн(ых|ое)$`));
  await page.getByTestId('mark-read').click();
  await expect.poll(() => unreadMatching(filter)).toBe(0);
  expect(unreadMatching({ feedIds: ['demo'] })).toBe(demoUnread);
  await expect(page.getByTestId('mark-notice')).toBeVisible();
  await expect(page.getByTestId('mark-notice')).toBeHidden({ timeout: 12_000 });
});
