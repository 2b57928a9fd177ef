// `npm start` and `npm run dist` run this first: since Electron 42 the `electron` package fetches its binary on the
// first require, and electron-vite reads node_modules/electron/path.txt itself and stops with "Electron uninstall"
// when it is missing (electron-vite #904/#905). So: fetch the binary with Electron's own installer when it is not
// there (idempotent), then run the given command; where it cannot be fetched, say so plainly and exit 1.
// Usage: node test/tools/ensure-electron.ts -- <command> [args...]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The installed `electron` package's folder (FEEDBELL_ELECTRON_PACKAGE_DIR points elsewhere in tests). */
function packageDir(): string {
  const override = process.env['FEEDBELL_ELECTRON_PACKAGE_DIR'];
  if (override) return override;
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

/** Whether the binary for this package's version is in place, as Electron's install.js decides it. */
export function electronInstalled(dir: string): boolean {
  try {
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    const installed = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    const binary = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    return installed === version && existsSync(join(dir, 'dist', binary));
  } catch {
    return false;
  }
}

/** Where the installer downloads from, for the message: the mirror when one is set, else GitHub. */
function source(): string {
  return (
    process.env['ELECTRON_MIRROR'] || process.env['npm_config_electron_mirror'] || 'https://github.com/electron/electron/releases'
  );
}

/** Why a download from `url` cannot start, in a few words (the installer itself only says "fetch failed"). */
async function networkReason(url: string): Promise<string | null> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return null;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (err as Error).name;
    const words: Record<string, string> = {
      ENOTFOUND: 'is not known to DNS: is there an internet connection?',
      EAI_AGAIN: 'could not be looked up in DNS: is there an internet connection?',
      ECONNREFUSED: 'refused the connection',
      ECONNRESET: 'reset the connection',
      ETIMEDOUT: 'did not answer in time',
      TimeoutError: 'did not answer in 10 s',
    };
    return `${new URL(url).host} ${words[code] ?? `failed (${cause?.message ?? code})`}`;
  }
}

async function main(argv: string[]): Promise<number> {
  const separator = argv.indexOf('--');
  const command = separator >= 0 ? argv.slice(separator + 1) : [];
  if (command.length === 0) {
    console.error('usage: node test/tools/ensure-electron.ts -- <command> [args...]');
    return 2;
  }
  const dir = packageDir();
  if (!electronInstalled(dir)) {
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    console.log(`Fetching the Electron ${version} binary for ${process.platform}-${process.arch} (once; about 100 MB)…`);
    const install = spawnSync(process.execPath, [join(dir, 'install.js')], {
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'pipe'],
      timeout: 15 * 60_000,
    });
    if (install.status !== 0 || !electronInstalled(dir)) {
      const said =
        (install.stderr ?? '').trim().split('\n').filter(Boolean).at(-1) ?? install.error?.message ?? 'no reason given';
      const reason = (await networkReason(source())) ?? said;
      console.error(
        [
          '',
          `Feedbell's window needs the Electron ${version} binary, and it could not be downloaded from ${source()}:`,
          /[.?!]$/.test(reason) ? reason : `${reason}.`,
          '',
          'What you can do:',
          '  • connect to the internet (or set ELECTRON_MIRROR to a mirror you can reach) and run npm start again;',
          '  • or open the same window in your browser, without Electron: npm run web',
          '  • the command line works without Electron too: npm run cli -- --help',
        ].join('\n'),
      );
      return 1;
    }
  }
  const run = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.error) {
    console.error(`Could not run ${command.join(' ')}: ${run.error.message}`);
    return 1;
  }
  return run.status ?? 1;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
