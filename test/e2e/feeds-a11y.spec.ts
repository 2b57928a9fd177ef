// axe-core over the feeds helper's views (issue 10, item 13's share): the welcome view, the feed editor (new and
// saved feed, with a failing feed in the sidebar and its «Подробнее» open) and the Settings view, in light and dark.
// Any WCAG 2.1 A/AA violation in these views or the sidebar fails the test.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { mockFeedSettings, openNewFeedForm, openWindow, startStack, type Stack } from './support.ts';

let mocks: RunningMocks;

test.beforeAll(async () => {
  mocks = await startAllMocks('beginning');
});

test.afterAll(async () => {
  await mocks?.stop();
});

/** The violations in the views and the sidebar (the header and the log are the log window's own suite). */
async function violations(page: Page, scheme: 'light' | 'dark'): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.mouse.move(1, 1);
  const result = await new AxeBuilder({ page })
    .include('main')
    .include('nav')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${scheme}: ${v.id}: ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  );
}

async function bothThemes(page: Page): Promise<string[]> {
  const found = [...(await violations(page, 'light')), ...(await violations(page, 'dark'))];
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

test('the welcome view has no accessibility violations in either theme', async ({ page }) => {
  const stack = await startStack({ demo: false });
  try {
    await openWindow(page, stack.web.url);
    await expect(page.getByTestId('welcome')).toBeVisible();
    expect(await bothThemes(page)).toEqual([]);
  } finally {
    await stack.stop();
  }
});

test('the feed editor, the failing sidebar and the Settings view have no accessibility violations', async ({ page }) => {
  const diadoc = mockFeedSettings(mocks, 'mock-diadoc');
  const stack: Stack = await startStack({
    secretStore: new MemorySecretStore({ diadoc: 'wrong-token' }),
    feeds: [
      {
        id: 'diadoc',
        provider: 'diadoc',
        name: 'Диадок',
        enabled: true,
        intervalSec: 600,
        start: { kind: 'beginning' },
        settings: { boxId: diadoc['boxId']!, baseUrl: diadoc['baseUrl']! },
      },
    ],
  });
  try {
    await openWindow(page, stack.web.url);
    await expect(page.getByTestId('feed-diadoc')).toHaveAttribute('data-phase', 'error', { timeout: 30_000 });
    await page.getByTestId('feed-diadoc').getByText('Подробнее', { exact: true }).click();

    // The new-feed form with a failed check and field errors showing.
    await openNewFeedForm(page, 'diadoc');
    await page.getByLabel('Идентификатор ящика').fill('not-a-box');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await expect(page.getByText('Нужен идентификатор вида')).toBeVisible();
    expect(await bothThemes(page)).toEqual([]);

    // A saved feed's form, with its capability panels and a connection test's answer.
    await page.getByRole('button', { name: 'Настройки ленты «Диадок»' }).click();
    await page.getByRole('button', { name: 'Проверить подключение' }).click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'false');
    expect(await bothThemes(page)).toEqual([]);

    // Settings.
    await page.getByRole('button', { name: 'Настройки', exact: true }).click();
    await expect(page.getByTestId('settings-view')).toBeVisible();
    expect(await bothThemes(page)).toEqual([]);
  } finally {
    await stack.stop();
  }
});
