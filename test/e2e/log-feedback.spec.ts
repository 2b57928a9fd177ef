// Issue 10, item 12: the list says how many events match («1 204 события», «10 000+»), keeps its rows between filter
// changes (no blank «Загрузка…» flash), shows «↑ 3 новых» when scrolled down and new events arrive, and «Обновить»
// answers with what it came to («Новых событий нет», «+3»).
import { expect, test, type Page } from '@playwright/test';
import { demoFeed, openWindow, rows, startStack, type Stack, showFilters } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({
    feeds: [
      demoFeed('big', 'Большая лента', 3, 300, 0.7),
      demoFeed('live', 'Живая лента', 5, 120, 0.2),
      { ...demoFeed('quiet', 'Тихая лента', 9, 0.01, 0), intervalSec: 3600 },
    ],
  });
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
});

test.afterAll(async () => {
  await stack?.stop();
});

const ru = (n: number) => new Intl.NumberFormat('ru').format(n);

async function open(page: Page): Promise<void> {
  await openWindow(page, stack.web.url);
  await expect(rows(page).first()).toBeVisible();
}

test('the list head says how many events match, «10 000+» past the counting limit', async ({ page }) => {
  await open(page);
  expect(stack.web.core.store.count()).toBeGreaterThan(10_000);
  await expect(page.getByTestId('match-count')).toHaveText(`${ru(10_000)}+ событий`);
  await page.getByTestId('feed-live').getByRole('button').first().click();
  const live = stack.web.core.store.countMatching({ feedIds: ['live'] }).count;
  expect(live).toBeLessThan(10_000);
  await expect(page.getByTestId('match-count')).toHaveText(new RegExp(`^${ru(live)} событи(е|я|й)$`));
  await expect(page.getByText(/Показаны последние/)).toHaveCount(0);
});

test('a filter change keeps the old rows until the new ones arrive: no blank list in between', async ({ page }) => {
  await open(page);
  // Records any moment the list is blank (test/ has no DOM types: the watcher is page script text).
  await page.evaluate(`(() => {
    const seen = (window.__blank = []);
    new MutationObserver(() => {
      const list = document.querySelector('[role="listbox"]');
      if (document.querySelector('[data-testid="list-empty"]')) seen.push('empty');
      if (document.querySelector('.list-placeholder')) seen.push('placeholder');
      if (list && list.querySelectorAll('[role="option"]').length === 0) seen.push('no rows');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  for (const feed of ['live', 'big', 'live']) {
    await page.getByTestId(`feed-${feed}`).getByRole('button').first().click();
    await expect
      .poll(async () => [...new Set(await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-feed'))))])
      .toEqual([feed]);
  }
  await showFilters(page);
  await page.getByTestId('filter-unread').check();
  await page.getByTestId('filter-unread').uncheck();
  await page.waitForTimeout(300);
  expect(await page.evaluate('window.__blank')).toEqual([]);
});

test('new events while scrolled down: a «↑ N новых» pill that goes back to the top', async ({ page }) => {
  await open(page);
  const list = page.getByRole('listbox', { name: 'События' });
  await list.evaluate((el) => (el.scrollTop = 1200));
  await expect(rows(page).first()).toBeVisible();
  stack.web.core.polling.setPaused('live', false);
  const pill = page.getByTestId('new-above');
  await expect(pill).toBeVisible({ timeout: 20_000 });
  await expect(pill).toHaveText(/^↑ \d+ нов(ое|ых)$/);
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(1200);
  await pill.click();
  await expect(pill).toBeHidden();
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
  stack.web.core.polling.setPaused('live', true);
});

test('«Обновить» answers with what it came to', async ({ page }) => {
  await open(page);
  stack.web.core.polling.setPaused('quiet', false);
  await page.getByRole('button', { name: 'Обновить ленту «Тихая лента»', exact: true }).click();
  await expect(page.getByTestId('sync-outcome')).toHaveText(/Новых событий нет/);
  stack.web.core.polling.setPaused('quiet', true);

  stack.web.core.polling.setPaused('live', false);
  await page.waitForTimeout(6000);
  await page.getByRole('button', { name: 'Обновить ленту «Живая лента»', exact: true }).click();
  await expect(page.getByTestId('sync-outcome')).toHaveText(/^\+\d+ нов(ое|ых) событи(е|я|й)/);
  stack.web.core.polling.setPaused('live', true);
});

test('rows far from the view are released while scrolling, and load again when scrolled back to', async ({ page }) => {
  await open(page);
  const list = page.getByRole('listbox', { name: 'События' });
  const loaded = () => page.getByTestId('loaded-count').getAttribute('data-count').then(Number);
  while ((await loaded()) < 3000) {
    const before = await loaded();
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(loaded).toBeGreaterThan(before);
  }
  // Back to row 500: its page was released (an empty row shows first), then it is loaded again. The empty rows may
  // last a single frame when main answers quickly, so an observer set up before the scroll records them.
  await list.evaluate((el) => {
    const seen = { gap: false };
    const win = el.ownerDocument.defaultView as unknown as {
      gapSeen: typeof seen;
      MutationObserver: new (callback: () => void) => { observe(node: unknown, options: object): void };
    };
    win.gapSeen = seen;
    new win.MutationObserver(() => {
      if (el.querySelector('.event-row.gap')) seen.gap = true;
    }).observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    el.scrollTop = 500 * 60;
  });
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { gapSeen: { gap: boolean } }).gapSeen.gap)).toBe(true);
  await expect(page.locator('.event-row.gap')).toHaveCount(0);
  const keys = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('aria-posinset')));
  expect(keys).toContain('501');
});
