// Two Playwright projects: the log window in Debian's Chromium over the test bridge, and the real Electron shell.
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env['FEEDBELL_CHROMIUM'] ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e',
      testMatch: '**/*.spec.ts',
      // Per-project output folders: one project's run must not wipe the other's results or the screenshots.
      outputDir: 'test-results/browser',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        },
        viewport: { width: 1360, height: 820 },
        locale: 'ru-RU',
        timezoneId: 'Europe/Moscow',
        trace: 'retain-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
      outputDir: 'test-results/electron',
    },
  ],
});
