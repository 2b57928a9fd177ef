// Unit and integration tests under Node: 'electron' is replaced by a recording stub (the binary cannot be downloaded here).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
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
