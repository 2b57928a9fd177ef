// Two Playwright projects: `browser` drives the production renderer build in Debian's Chromium (test/e2e), `electron`
// drives the real app with Playwright's _electron (test/electron; skipped where no Electron binary exists).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e',
      testMatch: '**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
        trace: 'retain-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
      testMatch: '**/*.spec.ts',
    },
  ],
});
