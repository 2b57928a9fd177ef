// The log window as a user sees it, in Chromium, fed by real polling of two fast demo feeds through the test bridge.
import { expect, test, type Page } from '@playwright/test';
import {
  badgeCount,
  demoFeed,
  loadedCount,
  openWindow,
  rowAttributes,
  rows,
  startStack,
  type Stack,
  showFilters,
  windowReady,
} from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({
    feeds: [demoFeed('demo', 'Демо-лента', 1, 120, 0.5), demoFeed('shop', 'Кассы магазина', 7, 30, 1)],
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function open(page: Page): Promise<void> {
  await openWindow(page, stack.web.url);
  await expect(rows(page).first()).toBeVisible();
}

async function setAllPaused(page: Page, paused: boolean): Promise<void> {
  const name = paused ? 'Приостановить все' : 'Возобновить все';
  await page.getByRole('button', { name, exact: true }).click();
  for (const id of ['demo', 'shop']) {
    if (paused) await expect(page.getByTestId(`feed-${id}`)).toHaveAttribute('data-phase', 'paused');
    else await expect(page.getByTestId(`feed-${id}`)).not.toHaveAttribute('data-phase', 'paused');
  }
}

const titles = (page: Page) =>
  rows(page).evaluateAll((els) => els.map((el) => el.querySelector('.event-title')?.textContent ?? ''));

test('new events appear live, newest first, without a reload', async ({ page }) => {
  await open(page);
  const firstKey = await rows(page).first().getAttribute('data-key');
  const before = await loadedCount(page);
  const unreadBefore = await badgeCount(page, 'unread-total');

  await expect.poll(() => loadedCount(page), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(rows(page).first()).not.toHaveAttribute('data-key', firstKey ?? '');
  await expect.poll(() => badgeCount(page, 'unread-total'), { timeout: 15_000 }).toBeGreaterThan(unreadBefore);

  const times = await rows(page).evaluateAll((els) =>
    els.map((el) => Date.parse(el.querySelector('time')?.getAttribute('datetime') ?? '')),
  );
  expect(times.length).toBeGreaterThan(3);
  for (let i = 1; i < times.length; i++) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);
});

test('filters by service, type, feed and unread, combined', async ({ page }) => {
  await open(page);
  await showFilters(page);
  await page.getByLabel('Сервис').selectOption('demo');
  await page.getByLabel('Тип события').selectOption('demo.utd');
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-type'))]).toEqual(['demo.utd']);
  expect(new Set(await rowAttributes(page, 'data-provider'))).toEqual(new Set(['demo']));
  expect(new Set(await rowAttributes(page, 'data-feed'))).toEqual(new Set(['demo', 'shop']));

  // Feed from the sidebar, on top of the type filter.
  await page.getByTestId('feed-shop').getByRole('button').first().click();
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-feed'))]).toEqual(['shop']);
  expect(new Set(await rowAttributes(page, 'data-type'))).toEqual(new Set(['demo.utd']));

  // Another type within the same feed.
  await page.getByLabel('Тип события').selectOption('demo.check');
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-type'))]).toEqual(['demo.check']);
  expect(new Set(await rowAttributes(page, 'data-feed'))).toEqual(new Set(['shop']));

  // Unread only: open one row (marks it read), then the filter leaves only unread rows.
  await page.getByRole('button', { name: 'Сбросить' }).click();
  await expect.poll(async () => new Set(await rowAttributes(page, 'data-type')).size).toBeGreaterThan(1);
  const opened = page.locator(`[role="option"][data-key="${await rows(page).nth(1).getAttribute('data-key')}"]`);
  await opened.click();
  await expect(opened).toHaveAttribute('data-read', 'true');
  await page.getByLabel('Только непрочитанные').check();
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-read'))]).toEqual(['false']);
  expect(await rows(page).count()).toBeGreaterThan(0);
});

test('full-text search shows only matching events, combined with filters', async ({ page }) => {
  await open(page);
  // Before searching, the list shows other events too.
  expect((await titles(page)).some((t) => !t.includes('Росфинмониторинга'))).toBe(true);
  await page.locator('body').press('/');
  const search = page.getByRole('searchbox', { name: 'Поиск' });
  await expect(search).toBeFocused();

  await search.fill('Росфинмониторинга');
  await expect
    .poll(async () => {
      const list = await titles(page);
      return list.length > 0 && list.every((t) => t.includes('Росфинмониторинга'));
    })
    .toBe(true);

  // Search and a feed filter together.
  await page.getByTestId('feed-demo').getByRole('button').first().click();
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-feed'))]).toEqual(['demo']);
  expect((await titles(page)).every((t) => t.includes('Росфинмониторинга'))).toBe(true);

  await search.fill('заведомонесуществующееслово');
  await expect(page.getByTestId('list-empty')).toBeVisible();
});

test('the detail pane shows every field, the provider link and the raw payload as JSON text', async ({ page }) => {
  await open(page);
  await showFilters(page);
  await page.getByLabel('Тип события').selectOption('demo.utd');
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-type'))]).toEqual(['demo.utd']);
  // One row by its key: new events keep arriving on top.
  const key = await rows(page).first().getAttribute('data-key');
  const row = page.locator(`[role="option"][data-key="${key}"]`);
  const title = await row.locator('.event-title').textContent();
  await row.click();

  const detail = page.getByTestId('detail');
  await expect(detail).toHaveAttribute('data-key', key ?? '');
  await expect(page.getByTestId('detail-title')).toHaveText(title ?? '');
  for (const label of ['Описание', 'Сервис', 'Лента', 'Тип', 'Произошло', 'Получено']) {
    await expect(detail.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) })).toBeVisible();
  }
  // The ids, the type code, the link and the payload are under «Подробнее».
  await detail.getByText('Подробнее', { exact: true }).click();
  for (const label of ['ID события', 'Ключ в журнале', 'Код типа', 'Ссылка']) {
    await expect(detail.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) })).toBeVisible();
  }
  const link = page.getByTestId('detail-link');
  await expect(link).toHaveAttribute('href', /^https:\/\/kontur\.ru\/demo\//);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noreferrer');

  const payload = page.getByTestId('payload');
  await expect(payload).toBeVisible();
  const text = (await payload.textContent()) ?? '';
  const parsed: unknown = JSON.parse(text);
  expect(text).toBe(JSON.stringify(parsed, null, 2));
  // The payload is text, not markup: the <pre> has no element children.
  expect(await payload.evaluate((el) => el.children.length)).toBe(0);
  const stored = stack.web.core.store.get(Number(key));
  expect(parsed).toEqual(stored?.payload);
});

test('opening marks read; mark unread, the u key and mark all read update the unread counts', async ({ page }) => {
  await open(page);
  await setAllPaused(page, true);
  await page.waitForTimeout(500);

  await page.getByTestId('feed-demo').getByRole('button').first().click();
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-feed'))]).toEqual(['demo']);
  const unread = rows(page).and(page.locator('[data-read="false"]')).first();
  const key = (await unread.getAttribute('data-key')) ?? '';
  const row = page.locator(`[role="option"][data-key="${key}"]`);
  await expect(row.locator('.unread-dot')).toHaveCSS('background-color', /rgb/);
  expect(await row.locator('.event-title').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontWeight)).toBe(
    '700',
  );
  const demoBefore = await badgeCount(page, 'unread-demo');
  const shopBefore = await badgeCount(page, 'unread-shop');

  await row.click();
  await expect(row).toHaveAttribute('data-read', 'true');
  await expect.poll(() => badgeCount(page, 'unread-demo')).toBe(demoBefore - 1);
  expect(await row.locator('.event-title').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontWeight)).toBe(
    '400',
  );

  await page.getByRole('button', { name: 'Отметить непрочитанным' }).click();
  await expect(row).toHaveAttribute('data-read', 'false');
  await expect.poll(() => badgeCount(page, 'unread-demo')).toBe(demoBefore);

  // Keyboard: u toggles the active row.
  await page.getByRole('listbox', { name: 'События' }).focus();
  await page.keyboard.press('u');
  await expect(row).toHaveAttribute('data-read', 'true');
  await expect.poll(() => badgeCount(page, 'unread-demo')).toBe(demoBefore - 1);
  await page.keyboard.press('u');
  await expect(row).toHaveAttribute('data-read', 'false');
  await expect.poll(() => badgeCount(page, 'unread-demo')).toBe(demoBefore);

  // Mark all read for the selected feed only, then for every feed.
  await page.getByTestId('mark-read').click();
  await expect.poll(() => badgeCount(page, 'unread-demo')).toBe(0);
  expect(await badgeCount(page, 'unread-shop')).toBe(shopBefore);
  expect(new Set(await rowAttributes(page, 'data-read'))).toEqual(new Set(['true']));

  await page.getByTestId('feed-shop').getByRole('button').first().click();
  await page.getByTestId('mark-read').click();
  await expect.poll(() => badgeCount(page, 'unread-total')).toBe(0);
  expect(stack.web.core.reading.unreadCounts()).toEqual({ demo: 0, shop: 0 });

  await setAllPaused(page, false);
});

test('pause and resume per feed and for all; sync now', async ({ page }) => {
  await open(page);
  const demo = page.getByTestId('feed-demo');
  await page.getByRole('button', { name: 'Приостановить ленту «Демо-лента»' }).click();
  await expect(demo).toHaveAttribute('data-phase', 'paused');
  await expect(page.getByTestId('status-demo')).toHaveText('Приостановлена');
  await expect(page.getByTestId('feed-shop')).not.toHaveAttribute('data-phase', 'paused');
  expect(stack.web.core.polling.list().find((f) => f.id === 'demo')?.paused).toBe(true);

  await page.getByRole('button', { name: 'Возобновить ленту «Демо-лента»' }).click();
  await expect(demo).not.toHaveAttribute('data-phase', 'paused');
  expect(stack.web.core.polling.list().find((f) => f.id === 'demo')?.paused).toBe(false);

  await setAllPaused(page, true);
  expect(stack.web.core.polling.list().every((f) => f.paused)).toBe(true);
  await setAllPaused(page, false);
  expect(stack.web.core.polling.list().some((f) => f.paused)).toBe(false);

  await page.getByRole('button', { name: 'Обновить ленту «Демо-лента»', exact: true }).click();
  await expect(page.getByTestId('status-demo')).toContainText(/обновлено|Синхронизация/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Обновить все', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the list works from the keyboard', async ({ page }) => {
  await open(page);
  await setAllPaused(page, true);
  const list = page.getByRole('listbox', { name: 'События' });
  await list.focus();
  await page.keyboard.press('Home');
  const first = rows(page).first();
  await expect(list).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id')) ?? '');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = rows(page).nth(2);
  const thirdId = (await third.getAttribute('id')) ?? '';
  await expect(list).toHaveAttribute('aria-activedescendant', thirdId);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail')).toHaveAttribute('data-key', (await third.getAttribute('data-key')) ?? '');
  await expect(third).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('PageDown');
  await expect(list).not.toHaveAttribute('aria-activedescendant', thirdId);
  await page.keyboard.press('End');
  const lastKey = await list.getAttribute('aria-activedescendant');
  expect(lastKey).not.toBe(thirdId);
  await page.keyboard.press('PageUp');
  await expect(list).not.toHaveAttribute('aria-activedescendant', lastKey ?? '');
  await page.keyboard.press('Home');
  await expect(list).toHaveAttribute('aria-activedescendant', (await rows(page).first().getAttribute('id')) ?? '');
  // Scrolling down the list loads older pages by cursor.
  const before = await loadedCount(page);
  for (let i = 0; i < 4; i++) await page.keyboard.press('End');
  await expect.poll(() => loadedCount(page)).toBeGreaterThan(before);
  await setAllPaused(page, false);
});

test('switches language and theme, and remembers them', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Event log', { exact: true })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Events' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(stack.web.core.preferences.get().language).toBe('en');
  await page.reload();
  await windowReady(page);
  await expect(page.getByTestId('mark-read')).toHaveText(/^Mark read: /);
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.getByText('Журнал событий', { exact: true })).toBeVisible();

  await page.emulateMedia({ colorScheme: 'light' });
  const background = () =>
    page.locator('.list-pane').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
  const light = await background();
  await page.getByLabel('Тема').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(background).not.toBe(light);
  await page.getByLabel('Тема').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  await expect.poll(background).toBe(light);
});

test('a window:openEvent push (a clicked notification) selects and opens that event', async ({ page }) => {
  await open(page);
  const row = rows(page).nth(3);
  const key = Number(await row.getAttribute('data-key'));
  stack.web.core.reading.openEvent(key);
  await expect(page.getByTestId('detail')).toHaveAttribute('data-key', String(key));
  await expect(page.locator(`[role="option"][data-key="${key}"]`)).toHaveAttribute('aria-selected', 'true');
});

test('a window:openFeed push (a clicked summary) shows that feed, unread only', async ({ page }) => {
  await open(page);
  await showFilters(page);
  await page.getByLabel('Тип события').selectOption('demo.utd');
  stack.web.core.reading.openFeed('shop');
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-feed'))]).toEqual(['shop']);
  await expect(page.getByLabel('Только непрочитанные')).toBeChecked();
  await expect(page.getByLabel('Тип события')).toHaveValue('');
  await expect(page.getByTestId('feed-shop').getByRole('button').first()).toHaveAttribute('aria-current', 'true');
});
