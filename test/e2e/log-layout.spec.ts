// Issue 10, items 7, 8 and 11: the window laid out for 900×600 up to 1920×1080 (filters in one row, resizable panes
// that remember their widths, the detail only while an event is open at narrow widths, words not broken mid-word, the
// keyboard hint whole), truncated texts whole on hover and focus, and the keyboard path: the first Tab is the search,
// ↓ or Enter there goes into the list (at most 3 Tabs), Esc closes the detail.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_LAYOUT } from '../../preload/contract.ts';
import { demoFeed, openWindow, rows, screenshot, startStack, type Stack, windowReady } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [demoFeed('demo', 'Демо-лента', 1, 120, 1), demoFeed('shop', 'Кассы магазина', 7, 30, 1)] });
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
});

test.afterAll(async () => {
  await stack?.stop();
});

async function open(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await openWindow(page, stack.web.url);
  await expect(rows(page).first()).toBeVisible();
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

test('keyboard: the first Tab is the search, ↓ and Enter go into the list, at most 3 Tabs to it, Esc closes the detail', async ({
  page,
}) => {
  await open(page, 1280, 800);
  const search = page.getByRole('searchbox', { name: 'Поиск' });
  const list = page.getByRole('listbox', { name: 'События' });
  await page.keyboard.press('Tab');
  await expect(search).toBeFocused();

  let tabs = 0;
  while (tabs < 3 && !(await list.evaluate((el) => el === el.ownerDocument.activeElement))) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  await expect(list).toBeFocused();
  expect(tabs).toBeLessThanOrEqual(3);

  await search.focus();
  await page.keyboard.press('ArrowDown');
  await expect(list).toBeFocused();
  await expect(list).toHaveAttribute('aria-activedescendant', /event-row-/);
  await search.focus();
  await page.keyboard.press('Enter');
  await expect(list).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail')).toHaveAttribute('data-key', /\d+/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('detail')).toHaveCount(0);
  await expect(list).toBeFocused();
});

for (const [width, height] of [
  [900, 600],
  [1280, 800],
] as const) {
  test(`layout at ${width}×${height}: one toolbar row, many rows, the hint whole`, async ({ page }) => {
    await open(page, width, height);
    const toolbar = await box(page, '.toolbar');
    expect(toolbar.height).toBeLessThan(56);
    const list = await box(page, '[data-testid="event-list"]');
    expect(Math.floor(list.height / 60)).toBeGreaterThanOrEqual(height === 600 ? 6 : 9);
    const foot = page.locator('.list-foot');
    expect(await foot.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(
      true,
    );
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `log-${width}x${height}-${theme}`);
    }
  });
}

test('at 900×600 the detail shows only while an event is open, in the list’s place; ✕ and Esc go back', async ({ page }) => {
  await open(page, 900, 600);
  await expect(page.getByTestId('detail')).toHaveCount(0);
  await expect(page.locator('.detail')).toBeHidden();
  await rows(page).nth(2).click();
  const detail = page.getByTestId('detail');
  await expect(detail).toBeVisible();
  await expect(page.locator('.list-pane')).toBeHidden();
  expect((await detail.boundingBox())!.width).toBeGreaterThan(500);
  // Words wrap whole, never cut mid-word.
  expect(
    await page.getByTestId('detail-title').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).overflowWrap),
  ).toBe('break-word');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `detail-900x600-${theme}`);
  }
  await page.getByRole('button', { name: 'Закрыть подробности' }).click();
  await expect(page.locator('.list-pane')).toBeVisible();
  await rows(page).nth(1).click();
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.list-pane')).toBeVisible();
});

test('the panes are resizable and remember their widths', async ({ page }) => {
  await open(page, 1280, 800);
  await rows(page).first().click();
  const before = (await box(page, '[data-testid="detail"]')).width;
  const handle = page.getByRole('separator', { name: 'Ширина подробностей события' });
  const h = (await handle.boundingBox())!;
  await page.mouse.move(h.x + h.width / 2, h.y + 200);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 - 120, h.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await box(page, '[data-testid="detail"]')).width).toBeGreaterThan(before + 100);
  const sidebar = page.getByRole('separator', { name: 'Ширина списка лент' });
  await sidebar.focus();
  const sidebarBefore = (await box(page, '.sidebar')).width;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await box(page, '.sidebar')).width).toBeGreaterThan(sidebarBefore + 20);
  const widths = [(await box(page, '.sidebar')).width, (await box(page, '[data-testid="detail"]')).width];

  await page.reload();
  await windowReady(page);
  await rows(page).first().click();
  await expect
    .poll(async () => [(await box(page, '.sidebar')).width, (await box(page, '[data-testid="detail"]')).width])
    .toEqual(widths);
});

test('a cut title or summary is whole on hover (tooltip) and while the keyboard is on its row', async ({ page }) => {
  await open(page, 900, 600);
  const row = rows(page).first();
  const title = (await row.locator('.event-title').textContent()) ?? '';
  await expect(row).toHaveAttribute('title', new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  // A wide sidebar leaves the list narrow; walk down with the keyboard to a row whose text is cut: it shows whole.
  await page.getByRole('separator', { name: 'Ширина списка лент' }).focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('searchbox', { name: 'Поиск' }).focus();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'События' });
  const whole = page.getByTestId('row-whole');
  for (let i = 0; i < 12 && !(await whole.isVisible()); i++) await page.keyboard.press('ArrowDown');
  await expect(whole).toBeVisible();
  const active = page.locator(`#${await list.getAttribute('aria-activedescendant')}`);
  const summary = (await active.locator('.event-summary').textContent()) ?? '';
  expect(
    await active.locator('.event-summary, .event-title').evaluateAll((els) => els.some((el) => el.scrollWidth > el.clientWidth)),
  ).toBe(true);
  await expect(whole).toContainText(summary);
  await expect(list).toHaveAttribute('aria-describedby', 'row-whole');
  await screenshot(page, 'row-whole-900x600-light');
});

test('widths a window kept in its own storage before they were preferences are moved into them once', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('feedbell.layout.sidebarWidth', '330');
    localStorage.setItem('feedbell.layout.detailWidth', '480');
  });
  try {
    await open(page, 1280, 800);
    await expect
      .poll(() => stack.web.core.preferences.get().layout)
      .toEqual({ ...DEFAULT_LAYOUT, sidebarWidth: 330, detailWidth: 480 });
    await expect.poll(async () => Math.round((await box(page, '.sidebar')).width)).toBe(330);
    expect(await page.evaluate(() => localStorage.getItem('feedbell.layout.sidebarWidth'))).toBeNull();
  } finally {
    stack.web.core.preferences.update({ layout: DEFAULT_LAYOUT });
  }
});

test('the filter row stays as the person left it, across a reload (a preference, drawn by main)', async ({ page }) => {
  try {
    await open(page, 1280, 800);
    const toggle = page.getByTestId('filters-toggle');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect.poll(() => stack.web.core.preferences.get().layout.filtersOpen).toBe(true);
    await page.reload();
    await windowReady(page);
    await expect(page.getByTestId('filters-toggle')).toHaveAttribute('aria-expanded', 'true');
  } finally {
    stack.web.core.preferences.update({ layout: DEFAULT_LAYOUT });
  }
});
