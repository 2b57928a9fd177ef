// Build of the three parts: main (ESM, deps external), preload (ONE CommonJS file: a sandboxed preload cannot load ESM
// or require local files), renderer (React, relative base so the same build works under app://feedbell/ and the test bridge).
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * `npm start` only: Vite's dev client injects each stylesheet a component imports as a <style> element, which the
 * page's policy (style-src 'self') refuses, leaving the window unstyled. The dev server gives those elements a nonce,
 * new at each start, and its copy of the policy accepts that nonce. The build extracts the CSS into a file, so the
 * packaged window's policy stays 'self'.
 */
function devStyleNonce(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  return {
    name: 'feedbell:dev-style-nonce',
    apply: 'serve',
    config: () => ({ html: { cspNonce: nonce } }),
    transformIndexHtml: (html) => html.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`),
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
    plugins: [react(), devStyleNonce()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
