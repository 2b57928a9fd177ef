// Window benchmark (npm run bench, after the store's): the log window in Chromium over the test bridge, with 1,000,000
// stored events. Every figure is also a ratio to a baseline from the same run: a static HTML page with the same 100
// rows served the same way (open), or the store query's own time (search, filter). Writes its section of
// docs/PERFORMANCE.md (between the window markers), leaving the rest as bench.ts wrote it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { EventQuery } from '../../preload/contract.ts';
import { DATABASE_FILE } from '../../main/core/feedbell-core.ts';
import type { FeedConfig } from '../../main/core/model.ts';
import { startFeedbellWeb } from '../bridge/feedbell-web.ts';
import { startWebBridgeServer } from '../bridge/web-bridge-server.ts';
import { buildMillion, MILLION_FEEDS } from './million-store.ts';

const EVENTS = Number(process.env['FEEDBELL_BENCH_EVENTS'] ?? 1_000_000);
const OPENS = 7;
const SEARCHES = 5;
const SCROLL_ROWS = Number(process.env['FEEDBELL_BENCH_SCROLL_ROWS'] ?? 100_000);
const DEBOUNCE_MS = 250;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const work = mkdtempSync(join(tmpdir(), 'feedbell-window-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quiet = { info() {}, warn() {}, error() {} };

// ---- the stack: 1,000,000 events, the feeds configured but switched off (nothing polls) ----
const dataDir = join(work, 'data');
mkdirSync(dataDir);
const built = performance.now();
await buildMillion(join(dataDir, DATABASE_FILE), EVENTS);
console.log(`window bench: built ${EVENTS.toLocaleString('en')} events in ${((performance.now() - built) / 1000).toFixed(0)} s`);
const feeds: FeedConfig[] = MILLION_FEEDS.map(({ id, provider }) => ({
  id,
  provider,
  name: id,
  enabled: false,
  intervalSec: 60,
  start: { kind: 'now' },
  settings: {},
}));
const web = await startFeedbellWeb({ dataDir, feeds, log: quiet });

// ---- the baseline: a static page with the same 100 rows (their titles and summaries), served the same way ----
const staticDir = join(work, 'static');
mkdirSync(staticDir);
const newest = web.core.store.query({ limit: 100 }).items;
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
writeFileSync(
  join(staticDir, 'index.html'),
  `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Feedbell</title></head><body><div role="listbox">${newest
    .map((e) => `<div role="option" style="height:60px"><b>${escape(e.title.ru)}</b><div>${escape(e.summary.ru)}</div></div>`)
    .join('')}</div></body></html>`,
);
const baseline = await startWebBridgeServer({ rendererDir: staticDir, router: { dispatch: async () => null }, log: quiet });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc', '--disable-background-networking'],
});
// The harness's own probes are page script text (test/ has no DOM types), which the page's policy would refuse.
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow', bypassCSP: true });
// The moment the first event row is in the page, in the page's own clock (ms since navigation start).
await context.addInitScript(`(() => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('[role="option"]')) { window.__firstRows = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true });
})()`);

async function openOnce(url: string): Promise<{ rows: number; paint: number }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction('window.__firstRows !== undefined');
  await page.waitForTimeout(100);
  const result = (await page.evaluate(`({
    rows: window.__firstRows,
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  })`)) as { rows: number; paint: number };
  await page.close();
  return result;
}

// ---- open → first rows, against the static page's first paint ----
const staticPaint: number[] = [];
const windowRows: number[] = [];
for (let i = 0; i < OPENS; i++) {
  staticPaint.push((await openOnce(baseline.url)).paint);
  windowRows.push((await openOnce(web.url)).rows);
}

// ---- search and filter change, against the store's own query time for the same requests ----
const page = await context.newPage();
await page.goto(web.url);
await page.waitForFunction('window.__firstRows !== undefined');

/** Runs `act` and resolves with ms until the list's first row is one `ready` accepts (in the page's clock). */
async function timeRows(p: Page, act: () => Promise<void>, ready: string): Promise<number> {
  await p.evaluate(`(() => {
    window.__rowsAt = undefined;
    const first = () => document.querySelector('[role="option"]');
    const check = () => { const row = first(); if (row && (${ready})(row)) { window.__rowsAt = performance.now(); return true; } return false; };
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document.querySelector('[role="listbox"]'), { subtree: true, childList: true, attributes: true, characterData: true });
    window.__actAt = performance.now();
  })()`);
  await act();
  await p.waitForFunction('window.__rowsAt !== undefined', undefined, { timeout: 30_000 });
  return (await p.evaluate('window.__rowsAt - window.__actAt')) as number;
}

function storeMs(query: EventQuery): number {
  const start = performance.now();
  web.core.store.query({ ...query, limit: 100 });
  web.core.store.countMatching(query);
  web.core.store.countMatching({ ...query, unreadOnly: true });
  return performance.now() - start;
}

const WORDS = ['возврат', 'Ромашка', 'банкротства', 'Пекарня', 'ФНС'];
const searchMs: number[] = [];
const searchStore: number[] = [];
const search = page.getByRole('searchbox');
for (let i = 0; i < SEARCHES; i++) {
  const word = WORDS[i % WORDS.length]!;
  await search.fill('');
  await page.waitForTimeout(600);
  const ms = await timeRows(
    page,
    () => search.fill(word),
    `(row) => row.textContent.toLowerCase().includes(${JSON.stringify(word.toLowerCase())}) || !!row.querySelector('mark')`,
  );
  searchMs.push(ms - DEBOUNCE_MS);
  searchStore.push(storeMs({ search: word }));
}
await search.fill('');
await page.waitForTimeout(600);

const filterMs: number[] = [];
const filterStore: number[] = [];
for (let i = 0; i < SEARCHES; i++) {
  const feed = MILLION_FEEDS[i % MILLION_FEEDS.length]!;
  const ms = await timeRows(page, () => page.getByTestId(`feed-${feed.id}`).getByRole('button').first().click(), `(row) => row.dataset.feed === ${JSON.stringify(feed.id)}`);
  filterMs.push(ms);
  filterStore.push(storeMs({ feedIds: [feed.id] }));
}
await page.getByTestId('feed-all').click().catch(() => page.getByRole('button', { name: /Все ленты/ }).first().click());
await page.waitForTimeout(500);

// ---- scrolling through SCROLL_ROWS rows: the page's JS heap afterwards, and the frame rate while scrolling ----
const list = page.getByRole('listbox', { name: 'События' });
const heap = async () => {
  await page.evaluate('window.gc && window.gc()');
  return ((await page.evaluate('performance.memory.usedJSHeapSize')) as number) / 1048576;
};
const heapBefore = await heap();
const scrollStart = performance.now();
for (;;) {
  const loaded = Number(await page.getByTestId('loaded-count').getAttribute('data-count'));
  if (loaded >= SCROLL_ROWS) break;
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.waitForFunction(`Number(document.querySelector('[data-testid="loaded-count"]').dataset.count) > ${loaded}`, undefined, { timeout: 30_000 });
}
const scrollSeconds = (performance.now() - scrollStart) / 1000;
const heapAfter = await heap();
const fps = (await list.evaluate(
  (el) =>
    new Promise<number>((done) => {
      const view = el.ownerDocument.defaultView!;
      let frames = 0;
      const start = view.performance.now();
      const step = () => {
        frames++;
        el.scrollTop -= 40;
        if (view.performance.now() - start < 2000) view.requestAnimationFrame(step);
        else done((frames * 1000) / (view.performance.now() - start));
      };
      view.requestAnimationFrame(step);
    }),
)) as number;

await browser.close();
await baseline.close();
await web.stop();

// ---- the report ----
const open = median(windowRows);
const paint = median(staticPaint);
const s = median(searchMs);
const f = median(filterMs);
const sStore = median(searchStore);
const fStore = median(filterStore);
const row = (name: string, ms: number, base: string, ratio: number, target: string, ok: boolean) =>
  `| ${name} | ${ms.toFixed(0)} | ${base} | ${ratio.toFixed(2)} | ${target} | ${ok ? 'met' : '**missed**'} |`;
const section = `<!-- window:start -->
## The window (Chromium over the test bridge, ${EVENTS.toLocaleString('en')} events)

\`test/bench/window-bench.ts\`: the production renderer build in Debian's Chromium at 1280×800, the real main-side
handlers and store over the test bridge, the feeds switched off (nothing polls). Medians of ${OPENS} opens and ${SEARCHES} searches and filter changes.

| figure | ms | baseline (same run) | ratio | target | |
|---|---:|---|---:|---|---|
${row('window open → first rows', open, `static page with the same 100 rows, first paint ${paint.toFixed(0)} ms`, open / paint, '≤ 2× and ≤ 300 ms', open <= 2 * paint && open <= 300)}
${row('search typed → rows (after the 250 ms debounce)', s, `store: query + 2 counts ${sStore.toFixed(1)} ms`, s / Math.max(sStore, 0.1), '≤ 150 ms', s <= 150)}
${row('filter change → rows', f, `store: query + 2 counts ${fStore.toFixed(1)} ms`, f / Math.max(fStore, 0.1), '≤ 100 ms', f <= 100)}

| scrolling | value | target | |
|---|---:|---|---|
| rows scrolled through (loaded page by page) | ${SCROLL_ROWS.toLocaleString('en')} in ${scrollSeconds.toFixed(0)} s | | |
| JS heap before → after, after GC | ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB | ≤ 50 MB | ${heapAfter <= 50 ? 'met' : '**missed**'} |
| frames per second while scrolling back (2 s, 40 px a frame) | ${fps.toFixed(0)} | 60 | ${fps >= 55 ? 'met' : '**missed**'} |
<!-- window:end -->
`;
const file = new URL('../../docs/PERFORMANCE.md', import.meta.url);
const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
const marked = /<!-- window:start -->[\s\S]*<!-- window:end -->\n?/;
writeFileSync(file, marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}`);
console.log(section);
