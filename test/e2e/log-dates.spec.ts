// Issue 10, item 5: dates and times in ru-RU in the list («06:38», «вчера, 14:05», «28 нояб., 09:12», the year only
// when it is not this year), and date filters typed or picked as дд.мм.гггг in a calendar whose weeks start on Monday.
import { expect, test, type Page } from '@playwright/test';
import { demoFeed, openWindow, rowAttributes, rows, startStack, type Stack, showFilters } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  // These tests move the window's clock (page.clock), not main's: main's drawing of the first screen would be of
  // another day, so the window draws its own here (the drawing's dates are window-open.spec.ts's).
  stack = await startStack({ feeds: [demoFeed('demo', 'Демо-лента', 1, 60, 1)], firstScreen: false });
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
});

test.afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;
const moscow = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('ru', { timeZone: 'Europe/Moscow', ...options });
const hm = (ms: number) => moscow({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

async function firstRow(page: Page): Promise<{ text: string; at: number }> {
  const row = rows(page).first();
  await expect(row).toBeVisible();
  const text = (await row.locator('.event-time').textContent()) ?? '';
  const at = Date.parse((await row.locator('time').getAttribute('datetime')) ?? '');
  return { text, at };
}

async function openAt(page: Page, now: number | null): Promise<{ text: string; at: number }> {
  if (now !== null) await page.clock.setFixedTime(now);
  await openWindow(page, stack.web.url);
  return firstRow(page);
}

test('list times: today with a leading zero and no seconds', async ({ page }) => {
  await openWindow(page, stack.web.url);
  await expect(rows(page).first()).toBeVisible();
  const stamps = await rows(page).evaluateAll((els) =>
    els.map((el) => [
      el.querySelector('.event-time')?.textContent ?? '',
      el.querySelector('time')?.getAttribute('datetime') ?? '',
    ]),
  );
  const today = moscow({ dateStyle: 'short' }).format(Date.now());
  for (const [text, iso] of stamps) {
    const at = Date.parse(iso!);
    if (moscow({ dateStyle: 'short' }).format(at) !== today) continue;
    expect(text).toMatch(/^\d{2}:\d{2}$/);
    expect(text).toBe(hm(at));
  }
});

test('list dates: yesterday, this year without the year, another year with it', async ({ page }) => {
  const { at } = await openAt(page, null);
  // 12:00 in Moscow (UTC+3) on the Moscow day of `ms`, also between 00:00 and 03:00 there, when UTC is a day behind.
  const MSK = 3 * 3_600_000;
  const noon = (ms: number) => ms - ((ms + MSK) % DAY) + 12 * 3_600_000;

  await page.clock.setFixedTime(noon(at) + DAY);
  await page.reload();
  expect((await firstRow(page)).text).toBe(`вчера, ${hm(at)}`);

  // Ten days later in the same year, or else a year later.
  const later = noon(at) + 10 * DAY;
  const sameYear = new Date(later).getUTCFullYear() === new Date(at).getUTCFullYear();
  await page.clock.setFixedTime(sameYear ? later : noon(at) + 366 * DAY);
  await page.reload();
  const dayMonth = moscow({ day: 'numeric', month: 'short' }).format(at);
  const year = moscow({ year: 'numeric' }).format(at);
  expect((await firstRow(page)).text).toBe(sameYear ? `${dayMonth}, ${hm(at)}` : `${dayMonth} ${year} г., ${hm(at)}`);

  await page.clock.setFixedTime(noon(at) + 400 * DAY);
  await page.reload();
  expect((await firstRow(page)).text).toBe(`${dayMonth} ${year} г., ${hm(at)}`);
});

test('date filters: дд.мм.гггг typed or picked in a calendar that starts on Monday', async ({ page }) => {
  const { at } = await openAt(page, null);
  await showFilters(page);
  const from = page.getByTestId('filter-from');
  await expect(from).toHaveAttribute('placeholder', 'дд.мм.гггг');
  await expect(from).toHaveAttribute('type', 'text');

  // The calendar: Monday first, Russian month names.
  await page.getByRole('button', { name: 'Выбрать дату в календаре: С' }).click();
  const calendar = page.getByRole('dialog', { name: 'С' });
  await expect(calendar.locator('.rdp-weekday').first()).toBeVisible();
  const weekdays = await calendar.locator('.rdp-weekday').allTextContents();
  expect(weekdays[0]).toMatch(/^пн$/i);
  expect(weekdays[6]).toMatch(/^вс$/i);
  await expect(calendar.locator('.rdp-caption_label')).toHaveText(
    moscow({ month: 'long', year: 'numeric' }).format(at).replace(' г.', ''),
    {
      ignoreCase: true,
    },
  );
  await calendar.getByRole('button', { name: /Сегодня/ }).click();
  await expect(calendar).toBeHidden();
  const today = moscow({ day: '2-digit', month: '2-digit', year: 'numeric' }).format(Date.now());
  await expect(from).toHaveValue(today);
  await expect(rows(page).first()).toBeVisible();

  // Typed: «По» yesterday leaves nothing; an impossible date is refused and does not filter.
  const to = page.getByTestId('filter-to');
  await to.fill(moscow({ day: '2-digit', month: '2-digit', year: 'numeric' }).format(Date.now() - DAY));
  await to.press('Enter');
  await expect(page.getByTestId('list-empty')).toBeVisible();
  await to.fill('31.02.2026');
  await to.press('Enter');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Сбросить' }).click();
  await expect(from).toHaveValue('');
  await expect(to).toHaveValue('');
  expect((await rowAttributes(page, 'data-key')).length).toBeGreaterThan(0);
});
