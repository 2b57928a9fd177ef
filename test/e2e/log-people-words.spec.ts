// Issue 10, item 6 (the window's part) and item 12's highlighting: the type filter shows types in words, the detail
// leads with the event's facts, and ids, the log key and the type code are under «Подробнее»; the search's words are
// marked in the list and the detail. A Diadoc feed's types are its kinds of document («УПД», «Счёт-фактура»), and its
// titles lead with the counterparty.
import { expect, test, type Page } from '@playwright/test';
import { startDiadocMock, type DiadocMock } from '../mocks/diadoc-mock.ts';
import { demoFeed, loadedCount, openWindow, rowAttributes, rows, startStack, type Stack, showFilters } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [demoFeed('demo', 'Демо-лента', 1, 120, 1)] });
  stack.web.core.polling.setPaused(null, true);
  await stack.web.core.polling.syncAllOnce();
});

test.afterAll(async () => {
  await stack?.stop();
});

async function open(page: Page): Promise<void> {
  await openWindow(page, stack.web.url);
  await expect(rows(page).first()).toBeVisible();
}

test('the type filter names the types in words, never their codes', async ({ page }) => {
  await open(page);
  await showFilters(page);
  const labels = await page.getByTestId('filter-type').locator('option').allTextContents();
  expect(labels).toEqual(expect.arrayContaining(['Все типы', 'УПД', 'Счёт-фактура']));
  expect(labels.filter((l) => /^[a-z]+\.[\w.-]+$/i.test(l))).toEqual([]);
  await page.getByTestId('filter-type').selectOption({ label: 'УПД' });
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-type'))]).toEqual(['demo.utd']);
});

test('the detail leads with the facts; ids and the type code are under «Подробнее»', async ({ page }) => {
  await open(page);
  await showFilters(page);
  await page.getByTestId('filter-type').selectOption({ label: 'УПД' });
  await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-type'))]).toEqual(['demo.utd']);
  const row = rows(page).first();
  const key = Number(await row.getAttribute('data-key'));
  await row.click();
  const detail = page.getByTestId('detail');
  await expect(detail).toHaveAttribute('data-key', String(key));

  const facts = detail.getByTestId('detail-facts');
  await expect(facts).toBeVisible();
  const terms = await facts.getByRole('term').allTextContents();
  expect(terms.slice(0, 2)).toEqual(['Контрагент', 'Документ']);
  expect(terms).toContain('Сумма');
  await expect(facts).toContainText(/УПД № .+ от \d{2}\.\d{2}\.\d{4}/);
  await expect(facts).toContainText(/₽/);
  // The facts come before everything else in the pane.
  const order = await detail
    .locator('[data-testid^="detail-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
  expect(order.indexOf('detail-facts')).toBeLessThan(order.indexOf('detail-about'));
  await expect(detail.getByTestId('detail-about')).toContainText('УПД');

  // No id, key or type code where a person reads; they are there under «Подробнее».
  const stored = stack.web.core.store.get(key)!;
  const technical = detail.getByTestId('detail-technical');
  await expect(detail.getByText(stored.id, { exact: true })).toBeHidden();
  await expect(detail.getByText('demo.utd', { exact: true })).toBeHidden();
  await expect(page.getByTestId('payload')).toBeHidden();
  await technical.getByText('Подробнее', { exact: true }).click();
  await expect(technical.getByText(stored.id, { exact: true })).toBeVisible();
  await expect(technical.getByText('demo.utd', { exact: true })).toBeVisible();
  await expect(technical.getByText(String(key), { exact: true })).toBeVisible();
  await expect(page.getByTestId('payload')).toBeVisible();
});

test('the search words are highlighted in the list and the detail', async ({ page }) => {
  await open(page);
  await page.getByRole('searchbox', { name: 'Поиск' }).fill('Росфинмониторинга');
  await expect
    .poll(async () => (await rows(page).locator('.event-title').allTextContents()).every((t) => t.includes('Росфинмониторинга')))
    .toBe(true);
  const hits = rows(page).first().locator('mark.search-hit');
  await expect(hits.first()).toHaveText('Росфинмониторинга');
  await rows(page).first().click();
  await expect(page.getByTestId('detail-title').locator('mark.search-hit').first()).toHaveText('Росфинмониторинга');
});

test.describe('a Diadoc feed', () => {
  let diadoc: DiadocMock;
  let box: Stack;

  test.beforeAll(async () => {
    diadoc = await startDiadocMock({ events: 250 });
    box = await startStack({
      feeds: [
        {
          id: 'mock-diadoc',
          provider: 'diadoc',
          name: 'Диадок (макет)',
          enabled: true,
          intervalSec: 600,
          start: { kind: 'beginning' },
          settings: { boxId: diadoc.boxId, baseUrl: diadoc.url },
        },
      ],
      secrets: { 'mock-diadoc': diadoc.token },
    });
    box.web.core.polling.setPaused(null, true);
    await box.web.core.polling.syncAllOnce();
  });

  test.afterAll(async () => {
    await box?.stop();
    await diadoc?.stop();
  });

  test('the type filter offers the kinds of document; choosing one shows that kind only; titles lead with the counterparty', async ({
    page,
  }) => {
    await openWindow(page, box.web.url);
    await expect(rows(page).first()).toBeVisible();
    await showFilters(page);
    const labels = await page.getByTestId('filter-type').locator('option').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['УПД', 'Счёт-фактура', 'ТОРГ-12', 'Акт', 'Счёт на оплату']));
    expect(labels.filter((l) => /^[a-z]+\.[\w.-]+$/i.test(l))).toEqual([]);

    await page.getByTestId('filter-type').selectOption({ label: 'УПД' });
    await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-type'))]).toEqual(['diadoc.utd']);
    const titles = await rows(page).locator('.event-title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    // A document's title: «ООО «Ромашка» · УПД № 123 от 05.03.2026 · 1 234,56 ₽»; a patch names no counterparty and
    // leads with the document; either way the distinguishing part comes first.
    for (const title of titles)
      expect(title).toMatch(/^((ООО|АО|ИП|ПАО) .+ · )?(Исправленный )?УПД № \d+ от \d{2}\.\d{2}\.\d{4}/);
    expect(titles.some((t) => /^(ООО|АО|ИП|ПАО) .+ · УПД № \d+ от .+ · [\d\s]+,\d{2}\s₽$/.test(t))).toBe(true);
    // The life of a УПД is there, not only its arrival: a signature or a rejection is a УПД event too.
    const utd = box.web.core.store.query({ types: ['diadoc.utd'], limit: 500 }).items;
    expect(utd.some((e) => /^Документ (подписан|отклонён)/.test(e.summary.ru))).toBe(true);
    await expect.poll(() => loadedCount(page)).toBe(utd.length);

    await page.getByTestId('filter-type').selectOption({ label: 'Счёт-фактура' });
    await expect.poll(async () => [...new Set(await rowAttributes(page, 'data-type'))]).toEqual(['diadoc.invoice']);
  });
});
