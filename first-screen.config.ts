// Build of the window's first screen for main (renderer/src/first-screen.tsx → out/first-screen/first-screen.mjs): one
// self-contained ES module with React in it, which main loads at start and calls to draw the window's first screen
// into index.html (main/platform/first-screen.ts). Stylesheets stay the renderer build's; here they are left out.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root: resolve(root, 'renderer'),
  plugins: [react()],
  // Everything bundled: the packaged app has no node_modules for the renderer's libraries.
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(root, 'renderer/src/first-screen.tsx'),
    outDir: resolve(root, 'out/first-screen'),
    emptyOutDir: true,
    minify: true,
    copyPublicDir: false,
    rolldownOptions: { output: { format: 'esm', entryFileNames: 'first-screen.mjs', codeSplitting: false } },
  },
});
