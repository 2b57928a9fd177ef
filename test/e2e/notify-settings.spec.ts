// Issue 11: the notifications a person controls, from the window. Settings → «Уведомления»: quiet hours (24-hour
// HH:MM text fields, a wrong time said so, ↑/↓ by 15 minutes), days off, urgent ones let through, the daily summary
// and the rules as sentences, added and removed; each change reaches main's preferences. The log's context menu
// (right click, Shift+F10, the context-menu key): «Не уведомлять о таких событиях» adds «только счётчик» for that feed
// and type, with «Отменить»; «Отметить прочитанным».
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readableText, unexpectedLatinWords } from './latin-words.ts';
import { demoFeed, openWindow, rows, screenshot, startStack, type Stack, windowReady } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [{ ...demoFeed('demo', 'Демо-лента', 1, 3, 2), intervalSec: 600 }] });
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
});

test.afterAll(async () => {
  await stack?.stop();
});

const prefs = () => stack.web.core.preferences.get();
const section = (page: Page) => page.getByTestId('notify-settings');

async function openSettings(page: Page): Promise<void> {
  await openWindow(page, stack.web.url);
  await page.getByRole('button', { name: 'Настройки', exact: true }).click();
  await expect(section(page)).toBeVisible();
}

test('quiet hours and the daily summary: saved as typed, 24-hour, a wrong time refused', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSettings(page);
  const from = section(page).getByLabel('С', { exact: true });
  const to = section(page).getByLabel('До', { exact: true });
  // Off at first: the times wait, greyed out.
  await expect(from).toBeDisabled();
  await section(page).getByLabel('Не беспокоить в тихие часы').check();
  await expect.poll(() => prefs().quietHours.enabled).toBe(true);
  await expect(from).toBeEnabled();

  // Typed as people type it: «2130» becomes 21:30 when the field is left; no AM/PM anywhere.
  await from.fill('');
  await from.pressSequentially('2130');
  await expect(from).toHaveValue('21:30');
  await from.press('Tab');
  await expect.poll(() => prefs().quietHours.from).toBe('21:30');
  // A time that does not exist is said so in Russian, and nothing is saved.
  await to.fill('25:00');
  await to.press('Enter');
  await expect(section(page).getByRole('alert')).toHaveText('Введите время как ЧЧ:ММ, от 00:00 до 23:59');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  expect(prefs().quietHours.to).not.toBe('25:00');
  await to.fill('8:00');
  await to.press('Enter');
  await expect.poll(() => prefs().quietHours.to).toBe('08:00');
  await expect(to).toHaveValue('08:00');
  await expect(section(page).getByRole('alert')).toHaveCount(0);
  // The arrow keys move it by a quarter of an hour.
  await to.press('ArrowUp');
  await expect.poll(() => prefs().quietHours.to).toBe('08:15');

  await section(page).getByLabel('Весь день в выходные и праздники').setChecked(false);
  await expect.poll(() => prefs().quietHours.daysOff).toBe(false);
  await section(page).getByLabel('Всё равно сообщать о сроках, которые истекают сегодня').setChecked(false);
  await expect.poll(() => prefs().quietHours.allowUrgent).toBe(false);

  // The daily summary.
  const summaryOn = section(page).getByLabel('Присылать сводку «Требует действия» по рабочим дням');
  await summaryOn.setChecked(true);
  await expect.poll(() => prefs().dailySummary.enabled).toBe(true);
  const at = section(page).getByLabel('Время сводки');
  await at.fill('10:30');
  await at.press('Tab');
  await expect.poll(() => prefs().dailySummary.at).toBe('10:30');

  // After a reload the view shows what main kept.
  await page.reload();
  await windowReady(page);
  await page.getByRole('button', { name: 'Настройки', exact: true }).click();
  await expect(section(page).getByLabel('С', { exact: true })).toHaveValue('21:30');
  await expect(section(page).getByLabel('До', { exact: true })).toHaveValue('08:15');
  await expect(section(page).getByLabel('Время сводки')).toHaveValue('10:30');
  expect(unexpectedLatinWords(await section(page).innerText())).toEqual([]);
  await section(page).scrollIntoViewIfNeeded();
  await screenshot(page, 'notify-settings');
});

test('rules: added by feed, type and mode, read as sentences, removed', async ({ page }) => {
  await openSettings(page);
  await expect(section(page).getByText('Правил нет: обо всех событиях приходят уведомления.')).toBeVisible();
  await section(page).getByLabel('Лента', { exact: true }).selectOption({ label: 'Демо-лента' });
  await section(page).getByLabel('Тип события').selectOption({ label: 'УПД' });
  await section(page).getByLabel('Что делать').selectOption({ label: 'только счётчик' });
  await section(page).getByRole('button', { name: 'Добавить правило' }).click();
  await expect(section(page).getByTestId('rule')).toHaveText(['Демо-лента · УПД — только счётчикУдалить']);
  await expect.poll(() => prefs().notifyRules).toEqual([{ feedId: 'demo', type: 'demo.utd', organisation: null, mode: 'count' }]);

  // One for every feed and an organisation, ignored.
  await section(page).getByLabel('Лента', { exact: true }).selectOption({ label: 'Все ленты' });
  await section(page).getByLabel('Организация', { exact: true }).fill('6671234567');
  await section(page).getByLabel('Что делать').selectOption({ label: 'не замечать' });
  await section(page).getByRole('button', { name: 'Добавить правило' }).click();
  await expect(section(page).getByTestId('rule').nth(1)).toContainText(
    'Все ленты · Все типы событий · организация 6671234567 — не замечать',
  );
  await expect.poll(() => prefs().notifyRules.length).toBe(2);

  await section(page).getByRole('button', { name: 'Удалить правило: Демо-лента · УПД — только счётчик' }).click();
  await expect
    .poll(() => prefs().notifyRules)
    .toEqual([{ feedId: null, type: null, organisation: '6671234567', mode: 'ignore' }]);
  await section(page)
    .getByRole('button', { name: /^Удалить правило/ })
    .click();
  await expect.poll(() => prefs().notifyRules).toEqual([]);
});

test('the log’s context menu: «Не уведомлять о таких событиях» by mouse and keyboard, with «Отменить»', async ({ page }) => {
  stack.web.core.preferences.update({ notifyRules: [] });
  await openWindow(page, stack.web.url);
  const row = rows(page).first();
  await expect(row).toBeVisible();
  const type = await row.getAttribute('data-type');

  // Right click: the menu at the row, its first item focused.
  await row.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Действия с событием' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  expect(unexpectedLatinWords(await menu.innerText())).toEqual([]);
  await screenshot(page, 'event-menu');
  await menu.getByRole('menuitem', { name: 'Не уведомлять о таких событиях' }).click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('muted-notice')).toContainText('уведомлений больше не будет');
  await expect.poll(() => prefs().notifyRules).toEqual([{ feedId: 'demo', type, organisation: null, mode: 'count' }]);
  await page.getByTestId('muted-notice').getByRole('button', { name: 'Отменить' }).click();
  await expect.poll(() => prefs().notifyRules).toEqual([]);

  // Shift+F10 on the list's active row; Esc closes, the list has the keyboard again.
  await page.getByTestId('event-list').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('event-list')).toBeFocused();

  // The context-menu key: ↓ to «Отметить прочитанным», Enter marks the active row read.
  const active = page.locator('.event-row.active');
  const key = Number(await active.getAttribute('data-key'));
  const wasRead = (await active.getAttribute('data-read')) === 'true';
  await page.keyboard.press('ContextMenu');
  await expect(menu).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-key="${key}"]`)).toHaveAttribute('data-read', wasRead ? 'false' : 'true');
  await expect(page.getByTestId('event-list')).toBeFocused();
  expect(unexpectedLatinWords(await readableText(page))).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: «Уведомления» with a rule and a wrong time has no violations (${theme})`, async ({ page }) => {
    stack.web.core.preferences.update({
      notifyRules: [{ feedId: 'demo', type: 'demo.utd', organisation: null, mode: 'count' }],
      quietHours: { enabled: true, from: '20:00', to: '09:00', daysOff: true, allowUrgent: true },
    });
    await page.emulateMedia({ colorScheme: theme });
    await openSettings(page);
    const to = section(page).getByLabel('До', { exact: true });
    await to.fill('99');
    await to.press('Enter');
    await expect(section(page).getByRole('alert')).toBeVisible();
    const result = await new AxeBuilder({ page }).include('[data-testid="notify-settings"]').analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
