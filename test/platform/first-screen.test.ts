// Issue 10, window open: main draws the window's first screen into index.html (main/platform/first-screen.ts). The
// drawing itself is the renderer's (built by npm run build; the browser e2e window-open.spec.ts runs it); here the
// page it goes into, the data beside it, and every way it can fail without costing the window its start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../main/core/feeds-repository.ts';
import {
  drawFirstScreen,
  firstScreenDrawer,
  loadFirstScreen,
  scriptSafeJson,
  withFirstScreen,
  type FirstScreenModule,
} from '../../main/platform/first-screen.ts';
import { createHash } from 'node:crypto';
import { RENDERER_CSP_HEADER, RENDERER_CSP_META } from '../../main/platform/content-security-policy.ts';
import { DRAWN_BOOT_ELEMENT_ID, FIRST_QUERY, type BootData, type DrawnBoot } from '../../preload/contract.ts';

const INDEX = `<!doctype html>
<html lang="ru">
  <head>
    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP_META}" />
    <title>Feedbell</title><script type="module" src="./assets/index.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const HOSTILE = 'Счёт </script><script>alert(1)</script> <!-- \u2028 & «ООО» \u202egnp.exe \u2066x\u2069 \u0007';

function bootData(prefs: Partial<BootData['prefs']> = {}): BootData {
  return {
    prefs: { ...DEFAULT_PREFERENCES, ...prefs },
    providers: [],
    feeds: [],
    unreadCounts: {},
    types: [],
    firstRun: false,
    page: {
      items: [
        {
          key: 1,
          feedId: 'f',
          provider: 'demo',
          type: 'demo.sale',
          title: { ru: HOSTILE, en: HOSTILE },
          summary: { ru: 's', en: 's' },
          occurredAt: 0,
          read: false,
        },
      ],
      nextCursor: null,
    } as unknown as BootData['page'],
    now: 1_700_000_000_000,
    actionCounts: { open: 2, urgent: 1, overdue: 0 },
  };
}

/** A CSP hash source, computed here independently of the code under test. */
const hash = (value: string) => `'sha256-${createHash('sha256').update(value).digest('base64')}'`;

const drawn = (prefs?: Partial<BootData['prefs']>): DrawnBoot => ({ data: bootData(prefs), query: FIRST_QUERY });

/** The data element's JSON, as the window reads it (textContent of the element). */
function embedded(page: string): unknown {
  const open = `<script type="application/json" id="${DRAWN_BOOT_ELEMENT_ID}">`;
  const start = page.indexOf(open) + open.length;
  return JSON.parse(page.slice(start, page.indexOf('</script>', start)));
}

const logs: { level: string; message: string }[] = [];
const log = {
  info: (message: string) => logs.push({ level: 'info', message }),
  warn: (message: string) => logs.push({ level: 'warn', message }),
  error: (message: string) => logs.push({ level: 'error', message }),
};

afterEach(() => {
  logs.length = 0;
});

describe('scriptSafeJson', () => {
  it('writes no "<", ">", "&", line separator, control or bidi override, and reads back as the same value', () => {
    const value = { title: HOSTILE };
    const json = scriptSafeJson(value);
    // oxlint-disable-next-line no-control-regex -- control characters are what the JSON must not hold raw
    expect(json).not.toMatch(/[<>&\u0000-\u001f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('withFirstScreen', () => {
  it('puts the drawing in #root and the data beside it, which reads back whole even with </script> in an event', () => {
    const { html: page } = withFirstScreen(INDEX, '<main>rows</main>', drawn());
    expect(page).toContain('<div id="root"><main>rows</main></div>');
    expect(embedded(page)).toEqual(drawn());
    // The event's text cannot end the data element early: exactly one </script> follows it.
    const after = page.slice(page.indexOf(`id="${DRAWN_BOOT_ELEMENT_ID}"`));
    expect(after.match(/<\/script>/g)).toHaveLength(1);
  });

  it("sets the page's language and a chosen theme on <html>, so a dark window is never drawn light", () => {
    expect(withFirstScreen(INDEX, 'x', drawn({ language: 'en', theme: 'dark' })).html).toContain(
      '<html lang="en" data-theme="dark"',
    );
    expect(withFirstScreen(INDEX, 'x', drawn({ theme: 'system' })).html).toContain('<html lang="ru">');
  });

  it('leaves a page without an empty #root as it is', () => {
    const other = INDEX.replace('<div id="root"></div>', '<div id="app"></div>');
    expect(withFirstScreen(other, 'x', drawn())).toEqual({ html: other, policy: RENDERER_CSP_HEADER });
  });

  it("allows exactly the drawing's style attributes, by hash, in the header and the <meta> tag alike", () => {
    // React writes a row's place as a style attribute; the page's policy refuses inline styles but for these.
    const screen =
      '<div style="transform:translateY(60px);height:60px">a</div><div style="font-family:&quot;PT Sans&quot;">b</div>';
    const { html, policy } = withFirstScreen(INDEX, screen, drawn());
    const styleSrc = `style-src 'self' 'unsafe-hashes' ${hash('transform:translateY(60px);height:60px')} ${hash('font-family:"PT Sans"')};`;
    expect(policy).toContain(styleSrc);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(html).toContain(styleSrc);
    expect(html).not.toContain(`content="${RENDERER_CSP_META}"`);
    // Nothing else in the policy changed, and a drawing without styles needs no hashes.
    expect(policy.replace(styleSrc, "style-src 'self';")).toBe(RENDERER_CSP_HEADER);
    expect(withFirstScreen(INDEX, '<p>x</p>', drawn()).policy).toBe(RENDERER_CSP_HEADER);
  });
});

describe('drawFirstScreen and firstScreenDrawer', () => {
  const module: FirstScreenModule = { renderFirstScreen: () => '<p>drawn</p>' };

  it("draws from the boot handler's answer to the window's first query", async () => {
    const queries: unknown[] = [];
    const draw = firstScreenDrawer(module, (query) => {
      queries.push(query);
      return bootData();
    });
    const { html } = await draw(INDEX);
    expect(queries).toEqual([FIRST_QUERY]);
    expect(html).toContain('<div id="root"><p>drawn</p></div>');
  });

  it('serves the page undrawn, with a log line, when the drawing throws', () => {
    const broken: FirstScreenModule = {
      renderFirstScreen: () => {
        throw new Error('window is not defined');
      },
    };
    expect(drawFirstScreen(broken, INDEX, drawn(), log)).toEqual({ html: INDEX, policy: RENDERER_CSP_HEADER });
    expect(logs).toEqual([{ level: 'warn', message: 'first screen: drawing failed, the window draws its own' }]);
  });

  it('serves the page undrawn when the boot data cannot be had', async () => {
    const draw = firstScreenDrawer(module, () => Promise.reject(new Error('database is locked')), log);
    expect(await draw(INDEX)).toEqual({ html: INDEX, policy: RENDERER_CSP_HEADER });
    expect(logs.map((l) => l.level)).toEqual(['warn']);
  });
});

describe('loadFirstScreen', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('is null without a build (the dev server): the window then asks for its boot', async () => {
    expect(await loadFirstScreen('/nonexistent/first-screen.mjs', log)).toBeNull();
    expect(logs.map((l) => l.level)).toEqual(['info']);
  });

  it('is null, with a warning, for a module without the drawing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedbell-first-screen-'));
    const file = join(dir, 'first-screen.mjs');
    writeFileSync(file, 'export const other = 1;\n');
    expect(await loadFirstScreen(file, log)).toBeNull();
    expect(logs.map((l) => l.level)).toEqual(['warn']);
  });

  it('loads a module that draws', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedbell-first-screen-'));
    const file = join(dir, 'first-screen.mjs');
    writeFileSync(file, 'export function renderFirstScreen(d) { return `<p>${d.query.limit}</p>`; }\n');
    const loaded = await loadFirstScreen(file, log);
    expect(loaded?.renderFirstScreen(drawn())).toBe(`<p>${FIRST_QUERY.limit}</p>`);
  });
});
