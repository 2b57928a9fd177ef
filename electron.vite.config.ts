// Build of the three parts: main (ESM, deps external), preload (ONE CommonJS file: a sandboxed preload cannot load ESM
// or require local files), renderer (React, relative base so the same build works under app://feedbell/ and the test bridge).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The window's entry (main.tsx) loads React and the app (start.tsx) with import(), so a screen main drew is painted
 * before they run. This puts <link rel="modulepreload"> for that chunk and what it imports into index.html, so the
 * browser fetches and compiles them while the page is still being parsed.
 */
function preloadStart(entry: string): Plugin {
  return {
    name: 'feedbell:preload-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = new Map(
          Object.values(bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])),
        );
        const start = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(entry));
        if (!start) throw new Error(`No chunk for ${entry} in the renderer build`);
        const files = new Set<string>();
        const add = (file: string) => {
          // The entry itself is the page's module script already.
          if (files.has(file) || chunks.get(file)?.isEntry) return;
          files.add(file);
          for (const next of chunks.get(file)?.imports ?? []) add(next);
        };
        add(start.fileName);
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Bundle everything (the contract included) into the one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), preloadStart('renderer/src/start.tsx')],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // A smaller bundle opens the window sooner (issue 10's bench: window open → first rows).
      minify: process.env.PROFILE ? false : true,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
