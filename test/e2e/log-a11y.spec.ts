// Issue 10, item 13 (the log's part): axe-core finds no violation in the log and the detail, in both themes, and the
// colours meet WCAG AA contrast.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoFeed, openWindow, rows, showFilters, startStack, type Stack } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [demoFeed('demo', 'Демо-лента', 1, 120, 1), demoFeed('shop', 'Кассы магазина', 7, 30, 1)] });
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
});

test.afterAll(async () => {
  await stack?.stop();
});

async function violations(page: Page, include: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of include) builder = builder.include(selector);
  const result = await builder.analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `  ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
        .join('\n')}`,
  );
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the log, its toolbar and header, and the detail have no violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openWindow(page, stack.web.url);
    await expect(rows(page).first()).toBeVisible();
    await showFilters(page);
    // Some rows read, one open: both kinds of row and the detail are on the page.
    await rows(page).nth(1).click();
    await expect(page.getByTestId('detail')).toBeVisible();
    await page.getByTestId('search-input').fill('ООО');
    await expect(rows(page).first().locator('mark').first()).toBeVisible();
    expect(await violations(page, ['.app-header', '.list-pane', '.detail'])).toEqual([]);
    await page.getByTestId('detail-technical').locator('summary').click();
    expect(await violations(page, ['.detail'])).toEqual([]);
  });
}
