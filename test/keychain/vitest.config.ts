// Vitest for the real-keychain tests only; run by run.sh inside dbus-run-session with GNOME Keyring (npm run test:keychain).
// The main config never sees these files: they end in .keychain-test.ts, not .test.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/keychain/**/*.keychain-test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // One keyring daemon for all: the files must not race for the same items.
    fileParallelism: false,
  },
});
