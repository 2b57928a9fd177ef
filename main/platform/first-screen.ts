// The window's first screen, drawn by main into index.html: the rows are on screen as soon as the page is parsed, and
// the window's React takes the drawn screen over (hydration) with the data it was drawn from, which goes with it as
// JSON. The drawing is the renderer's own components (renderer/src/first-screen.tsx, built on its own into
// out/first-screen/first-screen.mjs), so the two cannot differ. Without that build (the dev server) nothing is drawn
// and the window asks for its boot itself, as before. No electron import here: the browser test bridge uses it too.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DRAWN_BOOT_ELEMENT_ID,
  FIRST_QUERY,
  type BootData,
  type DrawnBoot,
  type EventQuery,
  type Preferences,
} from '../../preload/contract.ts';
import type { Logger } from '../core/ports.ts';
import { RENDERER_CSP_HEADER, RENDERER_CSP_META, drawnPagePolicy } from './content-security-policy.ts';

/** renderer/src/first-screen.tsx, as built. */
export interface FirstScreenModule {
  renderFirstScreen(drawn: DrawnBoot): string;
}

/** The built module's file in `outDir` (out/). */
export function firstScreenFile(outDir: string): string {
  return join(outDir, 'first-screen', 'first-screen.mjs');
}

/** Loads the built drawing, or null (with a log line) when it is not there or does not load. */
export async function loadFirstScreen(file: string, log?: Logger): Promise<FirstScreenModule | null> {
  if (!existsSync(file)) {
    log?.info('first screen: no build, the window draws its own', { file });
    return null;
  }
  try {
    const module = (await import(pathToFileURL(file).href)) as Partial<FirstScreenModule>;
    if (typeof module.renderFirstScreen !== 'function') throw new Error('no renderFirstScreen export');
    return module as FirstScreenModule;
  } catch (err) {
    log?.warn('first screen: the build did not load, the window draws its own', {
      error: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}

/**
 * JSON for inside a <script> element: "<" and ">" (so no "</script>" or "<!--" in event text can end or change the
 * element), "&", U+2028/U+2029, and the control characters the window never shows raw (C0/C1 controls, bidirectional
 * overrides and isolates: renderer/src/text/remote-text.ts) are written as \u escapes, which JSON.parse reads back as
 * the same characters. So the page's source holds no service's text that could reorder or hide what is around it.
 */
// oxlint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const SCRIPT_UNSAFE = /[<>&\u0000-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const ROOT_ELEMENT = '<div id="root"></div>';

/** A page to serve, with the Content-Security-Policy header it must go with. */
export interface ServedPage {
  html: string;
  policy: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&lt;': '<', '&gt;': '>' };

/**
 * The CSP hash source of each distinct style="" value in `html` (React's markup: double quotes, entities as React
 * writes them), hashed as the browser reads the value.
 */
export function styleAttributeHashes(html: string): string[] {
  const values = new Set<string>();
  for (const match of html.matchAll(/\sstyle="([^"]*)"/g)) {
    values.add(match[1]!.replace(/&(?:amp|quot|#x27|#39|lt|gt);/g, (entity) => ENTITIES[entity]!));
  }
  return [...values].map((value) => `'sha256-${createHash('sha256').update(value, 'utf8').digest('base64')}'`);
}

/**
 * index.html with the drawn screen in #root and its data beside it; the page's language and theme are set on <html>
 * at once, so a dark window is never drawn light. The policy (header and <meta>) allows the drawing's style=""
 * attributes by their hashes: without them the rows would all sit at the top, since the page's policy refuses inline
 * styles, and React, taking the drawing over, does not set them again. A page without an empty #root or without the
 * renderer's policy tag is served as it is.
 */
export function withFirstScreen(html: string, screen: string, drawn: DrawnBoot): ServedPage {
  const meta = `content="${RENDERER_CSP_META}"`;
  if (!html.includes(ROOT_ELEMENT) || !html.includes(meta)) return { html, policy: RENDERER_CSP_HEADER };
  const policy = drawnPagePolicy(styleAttributeHashes(screen));
  const prefs: Preferences = drawn.data.prefs;
  const theme = prefs.theme === 'system' ? '' : ` data-theme="${prefs.theme}"`;
  const data = `<script type="application/json" id="${DRAWN_BOOT_ELEMENT_ID}">${scriptSafeJson(drawn)}</script>`;
  return {
    html: html
      .replace(meta, `content="${policy.meta}"`)
      .replace(/<html lang="[a-z]+"/, `<html lang="${prefs.language}"${theme}`)
      .replace(ROOT_ELEMENT, `<div id="root">${screen}</div>\n    ${data}`),
    policy: policy.header,
  };
}

/** Draws the first screen into `html` from `drawn`; on any failure the page is served as it is (nothing drawn). */
export function drawFirstScreen(module: FirstScreenModule, html: string, drawn: DrawnBoot, log?: Logger): ServedPage {
  try {
    return withFirstScreen(html, module.renderFirstScreen(drawn), drawn);
  } catch (err) {
    log?.warn('first screen: drawing failed, the window draws its own', {
      error: err instanceof Error ? err.message : String(err),
    });
    return { html, policy: RENDERER_CSP_HEADER };
  }
}

/**
 * What the index.html handler calls: the page with the first screen drawn from `boot`'s answer to the window's first
 * query (the app:boot handler's, so the drawn screen has exactly what the window would have asked for).
 */
export function firstScreenDrawer(
  module: FirstScreenModule,
  boot: (query: EventQuery) => BootData | Promise<BootData>,
  log?: Logger,
): (html: string) => Promise<ServedPage> {
  return async (html) => {
    let data: BootData;
    try {
      data = await boot(FIRST_QUERY);
    } catch (err) {
      log?.warn('first screen: no boot data, the window draws its own', {
        error: err instanceof Error ? err.message : String(err),
      });
      return { html, policy: RENDERER_CSP_HEADER };
    }
    return drawFirstScreen(module, html, { data, query: FIRST_QUERY }, log);
  };
}
