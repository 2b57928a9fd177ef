// Issue 11: «Требует действия» in the window. The demo feed and the Diadoc and Extern feeds (against their mocks) give
// demands and documents to sign; the sidebar's first entry counts them, with a sign when one is due today or overdue;
// the view lists them, the nearest deadline first, their terms in Russian words; an item opens in its service (the
// link goes out of the window, as the log's links do), shows its event in the log, is marked done and taken back, and
// the completed ones come back with «Вернуть». axe-core finds no violation in the view, in both themes.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parseFeedsConfig } from '../../main/core/feeds/feed-config.ts';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { readableText, unexpectedLatinWords } from './latin-words.ts';
import { demoFeed, openWindow, screenshot, startStack, type Stack } from './support.ts';

let mocks: RunningMocks;
let stack: Stack;

test.beforeAll(async () => {
  mocks = await startAllMocks('beginning');
  const feeds = parseFeedsConfig(JSON.stringify(mocks.config), 'mocks').filter((f) =>
    ['mock-diadoc', 'mock-extern'].includes(f.id),
  );
  stack = await startStack({
    feeds: [{ ...demoFeed('demo', 'Демо-лента', 1, 3, 48), intervalSec: 600 }, ...feeds],
    secrets: mocks.secrets,
  });
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
  await stack.web.core.actions.settled();
});

test.afterAll(async () => {
  await stack?.stop();
  await mocks?.stop();
});

const view = (page: Page) => page.getByTestId('actions-view');
const items = (page: Page) => view(page).getByTestId('action-list').getByTestId('action-item');
const sidebarCount = async (page: Page) => Number(await page.getByTestId('actions-count').getAttribute('data-count'));

/** A term as the view words it. */
const TERM =
  /^(до \d{1,2} [а-я]+\.?, (остался|осталось) \d+ рабоч(ий день|их дня|их дней)|сегодня последний день|срок истёк \d{1,2} [а-я]+\.?|ждёт подписи (\d+ (день|дня|дней)|с сегодняшнего дня).*|срок не указан)$/;

async function openQueue(page: Page): Promise<void> {
  await openWindow(page, stack.web.url);
  await expect.poll(() => sidebarCount(page)).toBeGreaterThan(0);
  await page.getByTestId('actions-entry').click();
  await expect(view(page).getByRole('heading', { name: 'Требует действия', level: 2 })).toBeFocused();
}

test('the queue: counted in the sidebar, nearest deadline first, terms in Russian, open, show, done and undo', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The services' sites are not reached from the test: a link that leaves the window lands on this page.
  await context.route(/^https:\/\//, (route) => route.fulfill({ contentType: 'text/html', body: '<title>ok</title>' }));
  await openQueue(page);
  const counts = stack.web.core.actions.counts();
  expect(await sidebarCount(page)).toBe(counts.open);
  await expect(page.getByTestId('actions-entry')).toHaveAttribute('aria-label', /^Требует действия: \d+/);
  await expect(items(page)).toHaveCount(counts.open);
  // Something is overdue in the demo: the sidebar's sign, and the first item says so in a word, not colour alone.
  expect(counts.urgent).toBeGreaterThan(0);
  await expect(page.getByTestId('actions-urgent')).toHaveAttribute('data-count', String(counts.urgent));
  await expect(items(page).first()).toHaveAttribute('data-urgency', 'overdue');
  await expect(items(page).first().locator('.urgency-tag')).toHaveText('Просрочено');
  await expect(items(page).first().getByTestId('action-term')).toContainText(/срок истёк \d{1,2} [а-я]+/);

  // Every item's term in words, and the order main gives (the nearest deadline first).
  const terms = await items(page).locator('.action-term-text').allInnerTexts();
  for (const term of terms) expect(term).toMatch(TERM);
  const ids = await items(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
  expect(ids).toEqual(stack.web.core.actions.list({ includeClosed: false }).items.map((i) => i.id));
  // Demands, documents to sign; where their dates came from.
  await expect(items(page).filter({ hasText: 'Отправить квитанцию о приёме' }).first()).toBeVisible();
  await expect(items(page).filter({ hasText: 'Подписать или отказать' }).first()).toBeVisible();
  await expect(items(page).filter({ hasText: 'ждёт подписи' }).first()).toBeVisible();
  await expect(view(page).getByTestId('action-source').filter({ hasText: 'срок рассчитан Feedbell' }).first()).toBeVisible();
  await expect(view(page).getByTestId('action-source').filter({ hasText: 'срок из сервиса' }).first()).toBeVisible();
  // The mocks' feeds too: Diadoc's documents await signature.
  await expect(items(page).filter({ hasText: 'Диадок (макет)' }).first()).toBeVisible();
  expect(unexpectedLatinWords(await readableText(page))).toEqual([]);
  await screenshot(page, 'actions-queue');

  // «Открыть в сервисе»: the link leaves the window (a new window here; the system browser in the app).
  const withLink = items(page)
    .filter({ has: page.getByTestId('action-link') })
    .first();
  const href = await withLink.getByTestId('action-link').getAttribute('href');
  expect(href).toMatch(/^https:\/\//);
  const [popup] = await Promise.all([page.waitForEvent('popup'), withLink.getByTestId('action-link').click()]);
  expect(popup.url()).toBe(href);
  await popup.close();

  // «Показать событие»: the log with that event open.
  const first = items(page).first();
  const title = await first.locator('.action-title').innerText();
  await first.getByRole('button', { name: 'Показать событие' }).click();
  await expect(view(page)).toHaveCount(0);
  await expect(page.getByTestId('detail')).toBeVisible();
  await expect(page.getByTestId('actions-entry')).not.toHaveAttribute('aria-current', 'true');

  // «Готово», then «Отменить»: the item leaves and comes back, the sidebar's count with it.
  await page.getByTestId('actions-entry').click();
  const before = await sidebarCount(page);
  const id = await items(page).first().getAttribute('data-id');
  await items(page).first().getByRole('button', { name: 'Готово' }).click();
  await expect(view(page).locator(`[data-id="${id}"]`)).toHaveCount(0);
  await expect(view(page).getByTestId('actions-undo')).toContainText(`«${title}» — отмечено выполненным`);
  await expect.poll(() => sidebarCount(page)).toBe(before - 1);
  expect(stack.web.core.actions.list({ includeClosed: true }).items.find((i) => i.id === id)?.state).toBe('done');
  await view(page).getByTestId('actions-undo').getByRole('button', { name: 'Отменить' }).click();
  await expect(items(page).first()).toHaveAttribute('data-id', id!);
  await expect.poll(() => sidebarCount(page)).toBe(before);

  // Done again, then found among the completed and brought back with «Вернуть».
  await items(page).first().getByRole('button', { name: 'Готово' }).click();
  await expect.poll(() => sidebarCount(page)).toBe(before - 1);
  await view(page).getByLabel('Показать выполненные').check();
  // Below the long list, the completed ones are brought into view.
  await expect(view(page).getByRole('heading', { name: 'Выполненные' })).toBeInViewport();
  const done = view(page).getByTestId('action-list-closed').locator(`[data-id="${id}"]`);
  await expect(done).toContainText('отмечено выполненным');
  // The service's own closes are there too.
  await expect(
    view(page)
      .getByTestId('action-list-closed')
      .getByText(/выполнено, по данным сервиса/)
      .first(),
  ).toBeVisible();
  await done.getByRole('button', { name: 'Вернуть' }).click();
  await expect(items(page).first()).toHaveAttribute('data-id', id!);
  await expect.poll(() => sidebarCount(page)).toBe(before);
  await screenshot(page, 'actions-queue-completed');
});

test('the queue follows main: a change counts at once; a clicked notification and «Все ленты» go back to the log', async ({
  page,
}) => {
  await openQueue(page);
  const before = await sidebarCount(page);
  const id = stack.web.core.actions.list({ includeClosed: false }).items[0]!.id;
  stack.web.core.actions.setDone(id, true);
  await expect.poll(() => sidebarCount(page)).toBe(before - 1);
  await expect(view(page).locator(`[data-id="${id}"]`)).toHaveCount(0);
  stack.web.core.actions.setDone(id, false);
  await expect.poll(() => sidebarCount(page)).toBe(before);
  // A clicked notification shows its event in the log, in the queue's place.
  const key = stack.web.core.actions.list({ includeClosed: false }).items.find((i) => i.eventKey !== null)!.eventKey!;
  stack.web.core.reading.openEvent(key);
  await expect(view(page)).toHaveCount(0);
  await expect(page.getByTestId('detail')).toHaveAttribute('data-key', String(key));
  await page.getByTestId('actions-entry').click();
  await expect(view(page)).toBeVisible();
  await page.getByRole('button', { name: 'Все ленты' }).click();
  await expect(view(page)).toHaveCount(0);
  await expect(page.getByRole('listbox', { name: 'События' })).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the queue has no violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openQueue(page);
    await view(page).getByLabel('Показать выполненные').check();
    await expect(view(page).getByTestId('action-list-closed')).toBeVisible();
    const result = await new AxeBuilder({ page }).include('.actions-view').include('.sidebar').analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
