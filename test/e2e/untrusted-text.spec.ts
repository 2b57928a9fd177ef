// Hostile text from a service, as the window shows it: links that are not a provider's https site stay text, bidi
// overrides never reach the page, and a 100 KB title keeps its heading a few lines tall with a way to read it all.
// Rows are put into the bridge's real event log directly, as an older Feedbell would have stored them (before titles
// were cleaned on the way in), so what is checked here is the window's own defence; one Diadoc feed polls its mock,
// whose counterparty name carries an override, for the whole path.
import { expect, test, type Page } from '@playwright/test';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { startDiadocMock, type DiadocMock } from '../mocks/diadoc-mock.ts';
import { openWindow, rows, screenshot, showFilters, startStack, type Stack } from './support.ts';

/** Bidi embeddings, overrides and isolates, and the Arabic letter mark. */
const BIDI = /[\u061c\u202a-\u202e\u2066-\u2069]/;
const T0 = Date.UTC(2026, 2, 1, 9, 0);

let stack: Stack;
let diadoc: DiadocMock;
/** Event id → its row key in the log. */
const keys = new Map<string, number>();

const LINKS: Record<string, string> = {
  'link-data': 'data:text/html,<script>alert(1)</script>',
  'link-javascript': 'javascript:alert(document.domain)',
  'link-vbscript': 'vbscript:msgbox(1)',
  'link-file': 'file:///etc/passwd',
  'link-http': 'http://diadoc.kontur.ru/box/Document/Show',
  'link-foreign': 'https://diadoc.kontur.ru.evil.example/box',
  'link-credentials': 'https://user:password@diadoc.kontur.ru/box',
};
const GOOD_LINK = 'https://diadoc.kontur.ru/0a1b2c3d-1111-4222-8333-944445555666/Document/Show?letterId=1';
const HUGE_TITLE = `Счёт № 1 ${'очень длинный заголовок '.repeat(4200)}`.slice(0, 100_000);

function event(id: string, minute: number, fields: Partial<NormalizedEvent>): NormalizedEvent {
  return {
    id,
    type: 'diadoc.utd',
    occurredAt: T0 + minute * 60_000,
    title: { ru: `Событие ${id}`, en: `Event ${id}` },
    summary: { ru: 'сводка', en: 'summary' },
    link: null,
    payload: { id },
    ...fields,
  };
}

test.beforeAll(async () => {
  diadoc = await startDiadocMock({ events: 6 });
  // Every counterparty of the box is named with a right-to-left override: "gnp.exe" would read "exe.png".
  for (const boxEvent of diadoc.events) {
    const message = boxEvent.body['Message'] as Record<string, unknown> | undefined;
    if (message) {
      if (message['FromBoxId'] !== diadoc.boxId) message['FromTitle'] = 'ООО «\u202Egnp.exe»';
      if (message['ToBoxId'] !== diadoc.boxId) message['ToTitle'] = 'ООО «\u202Egnp.exe»';
    }
  }
  stack = await startStack({
    feeds: [
      // Disabled: its rows are put into the log by the test, nothing polls it.
      {
        id: 'old',
        provider: 'demo',
        name: 'Старый журнал',
        enabled: false,
        intervalSec: 600,
        start: { kind: 'beginning' },
        settings: {},
      },
      // No secret: it stops at once in an error, whose stored text the test then replaces with a server's.
      {
        id: 'broken',
        provider: 'realty',
        name: 'Реестро \u202Egnp.exe',
        enabled: true,
        intervalSec: 600,
        start: { kind: 'now' },
        settings: { orgId: '1269f58a-3d40-42e1-91ad-a4251566419c' },
      },
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
  const events = [
    ...Object.entries(LINKS).map(([id, link], i) => event(id, i, { link, title: { ru: `Ссылка ${id}`, en: `Link ${id}` } })),
    event('link-good', 10, { link: GOOD_LINK, title: { ru: 'Ссылка link-good', en: 'Link link-good' } }),
    event('rlo', 20, {
      title: { ru: 'Счёт \u202Egnp.exe', en: 'Invoice \u202Egnp.exe' },
      summary: { ru: 'от \u2067ООО «Ромашка»\u2069\u061C, \u202Bсумма\u202C 100 ₽', en: 'from \u2067Romashka\u2069' },
      payload: { FromTitle: 'ООО «\u202Egnp.exe»', Comment: '\u2066isolate\u2069 \u202Aembed\u202C' },
    }),
    event('huge', 30, {
      title: { ru: HUGE_TITLE, en: HUGE_TITLE },
      summary: { ru: 'длинное описание '.repeat(3000), en: 'long summary '.repeat(3000) },
    }),
  ];
  for (const stored of stack.web.core.store.ingest('old', events, null, T0)) keys.set(stored.id, stored.key);

  await expect.poll(() => stack.web.core.polling.status('broken')!.phase, { timeout: 20_000 }).toBe('error');
  stack.web.core.store.updateFeedState('broken', {
    lastError: {
      kind: 'server',
      message: `HTTP 500: \u202E${'Внутренняя ошибка сервера, подробности трассировки. '.repeat(16)}`,
      detail: 'X-Kontur-Trace-Id: 0af7651916cd43dd8448eb211c80319c',
      at: T0,
    },
  });
  await expect.poll(() => stack.web.core.store.count('mock-diadoc'), { timeout: 30_000 }).toBeGreaterThan(0);
});

test.afterAll(async () => {
  await stack?.stop();
  await diadoc?.stop();
});

const row = (page: Page, id: string) => page.locator(`[role="option"][data-key="${keys.get(id)}"]`);

async function openRow(page: Page, id: string): Promise<void> {
  await row(page, id).click();
  await expect(page.getByTestId('detail')).toHaveAttribute('data-key', String(keys.get(id)));
}

/** Every text node and attribute value of the page that holds a bidi control. */
function bidiInPage(page: Page): Promise<string[]> {
  return page.locator('body, body *').evaluateAll((elements, source) => {
    const bidi = new RegExp(source);
    const TEXT_NODE = 3;
    const found: string[] = [];
    for (const element of elements) {
      for (const attr of element.attributes)
        if (bidi.test(attr.value)) found.push(`${element.tagName}[${attr.name}]: ${attr.value.slice(0, 80)}`);
      for (const child of element.childNodes) {
        if (child.nodeType === TEXT_NODE && bidi.test(child.nodeValue ?? ''))
          found.push(`${element.tagName} text: ${(child.nodeValue ?? '').slice(0, 80)}`);
      }
    }
    return found;
  }, BIDI.source);
}

test('a link that is not https to a provider site is shown as text, never as a link', async ({ page }) => {
  await openWindow(page, stack.web.url);
  const detail = page.getByTestId('detail');
  for (const [id, link] of Object.entries(LINKS)) {
    await openRow(page, id);
    // No <a> at all in the pane: neither the field nor the «Открыть в сервисе» button.
    await expect(detail.locator('a'), id).toHaveCount(0);
    await expect(
      page.locator('a[href^="data:"], a[href^="javascript:"], a[href^="vbscript:"], a[href^="file:"], a[href^="http:"]'),
    ).toHaveCount(0);
    // The address is still there to read, with why it is not a link.
    await expect(detail.getByTestId('detail-link-refused'), id).toContainText(link.slice(0, 30));
    await expect(detail.getByTestId('detail-link-refused')).toContainText('адрес не на сайте сервиса');
  }
  await screenshot(page, 'untrusted-link-as-text');

  // A provider's own https page is still a link, in the field and as the button.
  await openRow(page, 'link-good');
  await expect(detail.getByTestId('detail-link')).toHaveAttribute('href', GOOD_LINK);
  await detail.getByText('Подробнее', { exact: true }).click();
  await expect(detail.getByRole('link', { name: GOOD_LINK })).toHaveAttribute('href', GOOD_LINK);
  await expect(detail.getByTestId('detail-link-refused')).toHaveCount(0);
});

test('a right-to-left override in a title reaches neither the list nor the detail, nor the payload view', async ({ page }) => {
  await openWindow(page, stack.web.url);
  await expect(row(page, 'rlo').locator('.event-title')).toHaveText('Счёт gnp.exe');
  await openRow(page, 'rlo');
  await expect(page.getByTestId('detail-title')).toHaveText('Счёт gnp.exe');
  await expect(page.getByTestId('detail-summary')).toHaveText('от ООО «Ромашка», сумма 100 ₽');
  // The raw payload keeps what the service sent, written as JSON escapes that show instead of acting.
  await expect(page.getByTestId('payload')).toContainText('"FromTitle": "ООО «\\u202egnp.exe»"');
  await expect(page.getByTestId('payload')).toContainText('\\u2066isolate\\u2069');

  // The sidebar: a feed name and a server's error with overrides in them.
  const broken = page.getByTestId('feed-broken');
  await expect(broken.locator('.feed-name')).toHaveText('Реестро gnp.exe');

  // The Diadoc feed polled its mock, whose counterparty's name carries an override: cleaned on the way in.
  await showFilters(page);
  await page.getByLabel('Сервис').selectOption('diadoc');
  const fromMock = rows(page).filter({ hasText: 'gnp.exe' }).first();
  await expect(fromMock).toBeVisible();
  await fromMock.click();
  await expect(page.getByTestId('detail-title')).toContainText('ООО «gnp.exe»');
  await expect(page.getByTestId('payload')).toContainText('\\u202egnp.exe');
  expect(await bidiInPage(page)).toEqual([]);
  await screenshot(page, 'untrusted-bidi-mock');

  await page.getByLabel('Сервис').selectOption('');
  await openRow(page, 'rlo');
  expect(await bidiInPage(page)).toEqual([]);
  await screenshot(page, 'untrusted-bidi');
});

test('a 100 KB title keeps its heading a few lines tall, and «Показать полностью» shows all of it', async ({ page }) => {
  await openWindow(page, stack.web.url);
  // The list row keeps its height and shows one line.
  expect((await row(page, 'huge').boundingBox())!.height).toBeLessThanOrEqual(60);
  expect((await row(page, 'huge').locator('.event-title').textContent())!.length).toBeLessThanOrEqual(200);

  await openRow(page, 'huge');
  const title = page.getByTestId('detail-title');
  expect((await title.boundingBox())!.height).toBeLessThan(200);
  expect((await title.textContent())!.length).toBeLessThanOrEqual(300);
  const summary = page.getByTestId('detail-summary');
  expect((await summary.boundingBox())!.height).toBeLessThan(200);
  // The actions under the heading stay in view.
  await expect(page.getByRole('button', { name: /^Отметить (не)?прочитанным$/ })).toBeInViewport();
  await screenshot(page, 'untrusted-huge-title');

  await page.getByTestId('detail-title-toggle').click();
  await expect(title).toHaveAttribute('data-expanded', 'true');
  expect(await title.textContent()).toBe(HUGE_TITLE);
  // All of it, in a box that scrolls rather than stretching the pane.
  const box = (await title.boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(page.viewportSize()!.height * 0.4 + 1);
  expect(await title.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await expect(page.getByTestId('detail-title-toggle')).toHaveText('Свернуть');
  await screenshot(page, 'untrusted-huge-title-expanded');
  await page.getByTestId('detail-title-toggle').click();
  expect((await title.boundingBox())!.height).toBeLessThan(200);
});

test("a server's long error: plain words in the feed's card, the whole technical text behind «Подробнее»", async ({ page }) => {
  await openWindow(page, stack.web.url);
  const card = page.getByTestId('feed-broken');
  // The card reads in plain words (an error stored without them gets its kind's words); the server's text is hidden.
  await expect(page.getByTestId('status-broken')).toHaveText(
    'Сервис сейчас не отвечает как надо: ошибка на его стороне, попробуйте позже',
  );
  expect((await card.boundingBox())!.height).toBeLessThan(220);
  const full = card.getByTestId('feed-error-full');
  await expect(full).toBeHidden();
  await card.getByText('Подробнее', { exact: true }).click();
  await expect(full).toBeVisible();
  await expect(full).toContainText('HTTP 500: Внутренняя ошибка сервера');
  await expect(full).toContainText('X-Kontur-Trace-Id: 0af7651916cd43dd8448eb211c80319c');
  expect(Array.from((await full.textContent())!).length).toBeGreaterThan(800);
  expect((await full.boundingBox())!.height).toBeLessThan(200);
  expect(await bidiInPage(page)).toEqual([]);
  await screenshot(page, 'untrusted-error-card');
});
