// Unit and integration tests under Node: 'electron' is replaced by a recording stub (the binary cannot be downloaded here).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** electron-vite's `?asset` imports (a file's runtime path) resolve to the source file's absolute path in tests. */
function assetPaths(): Plugin {
  const PREFIX = '\0asset-path:';
  return {
    name: 'feedbell:asset-paths',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!id.endsWith('?asset') || !importer) return null;
      return PREFIX + resolve(dirname(importer), id.slice(0, -'?asset'.length));
    },
    load(id) {
      return id.startsWith(PREFIX) ? `export default ${JSON.stringify(id.slice(PREFIX.length))};` : null;
    },
  };
}

export default defineConfig({
  plugins: [assetPaths()],
  resolve: {
    alias: {
      electron: fileURLToPath(new URL('./test/stubs/electron.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    server: {
      deps: {
        // Inline electron-store so the 'electron' alias applies to its own import too.
        inline: ['electron-store'],
      },
    },
  },
});
