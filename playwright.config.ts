// Two Playwright projects: `browser` drives the production renderer build in Debian's Chromium over the test bridge
// (test/e2e), `electron` drives the real app with Playwright's _electron (test/electron; skipped without a binary).
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The browser's zone, and the test process's: the bridge draws the window's first screen in this process, as main
 *  does in the app, and its dates must be the ones the window reads (in the app both share the machine's zone). */
const TIME_ZONE = 'Europe/Moscow';
process.env['TZ'] = TIME_ZONE;

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
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
          ],
        },
        viewport: { width: 1360, height: 820 },
        locale: 'ru-RU',
        timezoneId: TIME_ZONE,
        trace: 'retain-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
      testMatch: '**/*.spec.ts',
      outputDir: 'test-results/electron',
    },
  ],
});
