// The Settings view (issue 10, items 14 and 4): language, theme, start at login, the proxy, the data folder and its
// size, how long to keep events, and the feeds' import (a file picker and a drop zone, no raw JSON box, no native
// «Choose File») and export. A refused file is said in Russian; the technical text is behind «Подробнее».
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readableText, unexpectedLatinWords } from './latin-words.ts';
import { demoFeed, openWindow, screenshot, startStack, type Stack } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [{ ...demoFeed('demo', 'Демо-лента', 1, 3, 2), intervalSec: 600 }] });
});

test.afterAll(async () => {
  await stack?.stop();
});

const view = (page: Page) => page.getByTestId('settings-view');

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    view(page).getByRole('button', { name: 'Выбрать файл…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('settings: preferences, data, retention, proxy, import by picker and drop, export', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWindow(page, stack.web.url);
  await page.getByRole('button', { name: 'Настройки', exact: true }).click();
  await expect(view(page).getByRole('heading', { name: 'Настройки' })).toBeFocused();

  // Where the data lives and how big it is.
  await expect(page.getByTestId('data-folder')).toContainText(stack.dataDir);
  await expect(page.getByTestId('data-size')).toHaveText(/^[\d\s,]+ (кБ|МБ|ГБ)$/);
  await expect(page.getByTestId('data-events')).not.toHaveText('…');

  // Preferences reach main.
  await page.getByLabel('Запускать Feedbell при входе в систему').check();
  await expect.poll(() => stack.web.core.preferences.get().openAtLogin).toBe(true);
  await page.getByLabel('Хранить события').selectOption({ label: '90 дней' });
  await expect.poll(() => stack.web.core.preferences.get().retentionDays).toBe(90);
  await page.getByLabel('Прокси-сервер').fill('proxy.local');
  await view(page).getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(view(page).getByRole('alert')).toHaveText('Нужен адрес вида http://сервер:порт');
  expect(stack.web.core.preferences.get().proxy).toBe('');
  await page.getByLabel('Прокси-сервер').fill('http://proxy.local:3128');
  await view(page).getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect.poll(() => stack.web.core.preferences.get().proxy).toBe('http://proxy.local:3128');
  await page.getByLabel('Прокси-сервер').fill('');
  await view(page).getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect.poll(() => stack.web.core.preferences.get().proxy).toBe('');

  // No raw JSON box, no native file input in sight; the words are Russian.
  await expect(view(page).locator('textarea')).toHaveCount(0);
  await expect(view(page).locator('input[type="file"]')).not.toBeInViewport();
  expect(unexpectedLatinWords(await readableText(page))).toEqual([]);

  // A file that is not JSON, and one whose feed has a mistake: plain Russian first, the technical text behind «Подробнее».
  await chooseFile(page, 'notes.json', 'this is not json');
  const message = page.getByTestId('import-message');
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(message).toContainText('В файле не JSON');
  expect(unexpectedLatinWords(await message.innerText())).toEqual([]);
  await chooseFile(
    page,
    'bad.json',
    JSON.stringify({ feeds: [{ id: 'x', provider: 'demo', intervalSec: 'often', settings: {} }] }),
  );
  await expect(message).toContainText('Настройки не импортированы');
  expect(unexpectedLatinWords(await message.innerText())).toEqual([]);
  await message.getByText('Подробнее', { exact: true }).click();
  await expect(message.locator('pre')).toContainText('intervalSec');
  expect(stack.web.core.feeds.list().map((f) => f.id)).toEqual(['demo']);

  // A good file through the picker, another dropped on the zone: the feeds appear in the sidebar.
  const shop = { ...demoFeed('shop', 'Кассы магазина', 7, 1, 1), start: 'beginning' };
  await chooseFile(page, 'feeds.json', JSON.stringify({ feeds: [shop] }));
  await expect(message).toHaveText(/Добавлена 1 лента\./);
  await expect(page.getByTestId('feed-shop')).toBeVisible();
  const office = { ...demoFeed('office', 'Офис', 9, 1, 1), start: 'beginning' };
  const dropped = JSON.stringify({ feeds: [office, shop] });
  // A drop as the browser makes it: a DataTransfer holding the file (written as page code: the tests have no DOM types).
  const transfer = await page.evaluateHandle(
    `(() => { const data = new DataTransfer(); data.items.add(new File([${JSON.stringify(dropped)}], 'more.json', { type: 'application/json' })); return data; })()`,
  );
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(message).toHaveText(/Добавлена 1 лента; 1 пропущена: такие уже есть\./);
  await expect(page.getByTestId('feed-office')).toBeVisible();

  // Export: the feeds' settings.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Сохранить настройки в файл' }).click(),
  ]);
  const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { feeds: { id: string }[] };
  expect(doc.feeds.map((f) => f.id)).toEqual(['demo', 'shop', 'office']);

  // Screenshots at both sizes, light and dark, Russian and English.
  for (const lang of ['ru', 'en'] as const) {
    if (lang === 'en') {
      await view(page).getByLabel('Язык', { exact: true }).selectOption('en');
      await expect(view(page).getByRole('heading', { name: 'Settings' })).toBeVisible();
    }
    for (const [width, height] of [
      [1280, 800],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await view(page).evaluate((el) => el.scrollTo(0, 0));
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `settings-${lang}-${width}x${height}-${scheme}`);
      }
    }
  }
  await view(page).getByLabel('Language', { exact: true }).selectOption('ru');
  await page.emulateMedia({ colorScheme: 'light' });
});
