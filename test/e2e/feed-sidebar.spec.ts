// The feed sidebar as a new user reads it (issue 10, items 4, 9 and 10): one status line per feed in Russian
// («обновлено только что»), actions on hover and focus, a disabled feed without pause and sync; a failing feed first,
// with a sign in the header and on «Все ленты», its trouble in plain Russian, the service's English behind
// «Подробнее», and a one-click fix that opens the token field.
import { expect, test, type Page } from '@playwright/test';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { unexpectedLatinWords } from './latin-words.ts';
import { demoFeed, mockFeedSettings, openWindow, screenshot, startStack, type Stack } from './support.ts';

let mocks: RunningMocks;
let stack: Stack;
const secrets = new MemorySecretStore({ diadoc: 'wrong-token' });

test.beforeAll(async () => {
  mocks = await startAllMocks('beginning');
  const diadoc = mockFeedSettings(mocks, 'mock-diadoc');
  stack = await startStack({
    secretStore: secrets,
    feeds: [
      { ...demoFeed('demo', 'Демо-лента', 1, 3, 2), intervalSec: 600 },
      { ...demoFeed('off', 'Старая касса', 2, 1, 1), enabled: false },
      {
        id: 'diadoc',
        provider: 'diadoc',
        name: 'Диадок: ООО «Ромашка»',
        enabled: true,
        intervalSec: 600,
        start: { kind: 'beginning' },
        settings: { boxId: diadoc['boxId']!, baseUrl: diadoc['baseUrl']! },
      },
    ],
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await mocks?.stop();
});

/** The sidebar's and header's readable text (what innerText renders: closed «Подробнее» is not read). */
async function sidebarText(page: Page): Promise<string> {
  return `${await page.locator('header').innerText()}\n${await page.getByRole('navigation', { name: 'Ленты' }).innerText()}`;
}

test('feeds in one line each, failing first with a plain-Russian reason and a one-click fix', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWindow(page, stack.web.url);
  const failing = page.getByTestId('feed-diadoc');
  await expect(failing).toHaveAttribute('data-phase', 'error', { timeout: 30_000 });
  await expect(page.getByTestId('feed-demo')).toHaveAttribute('data-phase', 'ok', { timeout: 30_000 });

  // Failing first, with a sign in the header and on «Все ленты».
  const cards = page.locator('.feed-list > li.feed');
  await expect(cards.first()).toHaveAttribute('data-testid', 'feed-diadoc');
  await expect(page.getByTestId('failing-header')).toHaveText(/1 лента с ошибкой/);
  await expect(page.getByTestId('failing-all')).toHaveAttribute('data-count', '1');

  // One status line in Russian; the English of the service only behind «Подробнее».
  await expect(page.getByTestId('status-demo')).toHaveText(/^обновлено (только что|\d+ мин\. назад)$/);
  await expect(page.getByTestId('status-off')).toHaveText('Выключена');
  await expect(page.getByTestId('status-diadoc')).toContainText('Токен');
  const full = failing.getByTestId('feed-error-full');
  await expect(full).toBeHidden();
  expect(unexpectedLatinWords(await sidebarText(page))).toEqual([]);
  await failing.getByText('Подробнее', { exact: true }).click();
  await expect(full).toBeVisible();
  await expect(full).toContainText('401');
  await failing.getByText('Подробнее', { exact: true }).click();

  // Compact: a working feed takes one name line and one status line; actions appear on hover and focus only.
  const demo = page.getByTestId('feed-demo');
  expect((await demo.boundingBox())!.height).toBeLessThanOrEqual(56);
  const pause = page.getByRole('button', { name: 'Приостановить ленту «Демо-лента»' });
  const actions = demo.locator('.feed-actions');
  await page.mouse.move(1, 1);
  await expect(actions).toHaveCSS('opacity', '0');
  await demo.hover();
  await expect(actions).toHaveCSS('opacity', '1');
  await pause.focus();
  await page.mouse.move(1, 1);
  await expect(actions).toHaveCSS('opacity', '1');
  await expect(page.getByRole('button', { name: 'Настройки ленты «Демо-лента»' })).toBeInViewport();
  // A disabled feed offers its settings, not pause or sync.
  const off = page.getByTestId('feed-off');
  await expect(off.getByRole('button', { name: /Приостановить|Возобновить|Обновить/ })).toHaveCount(0);
  await expect(off.getByRole('button', { name: 'Настройки ленты «Старая касса»' })).toHaveCount(1);

  for (const [width, height] of [
    [1280, 800],
    [900, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `sidebar-failing-${width}x${height}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The header's sign takes the focus to the fix; the fix opens the form at the token, ready to type.
  await page.getByTestId('failing-header').click();
  const fix = failing.getByRole('button', { name: 'Ввести токен заново: Диадок: ООО «Ромашка»' });
  await expect(fix).toBeFocused();
  await fix.click();
  await expect(page.getByTestId('feed-editor')).toBeVisible();
  const token = page.getByLabel('Токен доступа');
  await expect(token).toBeFocused();
  await token.fill(mocks.secrets['mock-diadoc']!);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(failing).not.toHaveAttribute('data-phase', 'error', { timeout: 30_000 });
  await expect(page.getByTestId('failing-header')).toHaveCount(0);
  await expect(page.getByTestId('failing-all')).toHaveCount(0);
});
