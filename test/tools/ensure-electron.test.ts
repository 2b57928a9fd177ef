// `npm start` on a fresh machine: the Electron binary is fetched with Electron's own installer when it is missing,
// then the app launches; where it cannot be fetched, a plain message (no stack trace) and exit 1.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./ensure-electron.ts', import.meta.url));
const REAL_PACKAGE = dirname(fileURLToPath(import.meta.resolve('electron/package.json')));
const LAUNCH = ['--', process.execPath, '-e', 'console.log("launched")'];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-electron-'));
  dirs.push(dir);
  return dir;
}

/** An `electron` package folder whose install.js counts its runs and then does `install` (a shell of JS). */
function fakePackage(options: { installed: boolean; install: 'succeed' | 'fail' }): string {
  const dir = temp();
  const version = (JSON.parse(readFileSync(join(REAL_PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version }));
  const place = `require('fs').mkdirSync(__dirname + '/dist', { recursive: true });
    require('fs').writeFileSync(__dirname + '/dist/version', 'v${version}');
    require('fs').writeFileSync(__dirname + '/dist/electron', '#!/bin/sh');
    require('fs').writeFileSync(__dirname + '/path.txt', 'electron');`;
  writeFileSync(
    join(dir, 'install.js'),
    `require('fs').appendFileSync(__dirname + '/runs', 'x');
     ${options.install === 'succeed' ? place : "console.error('TypeError: fetch failed'); process.exit(1);"}`,
  );
  if (options.installed) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'version'), `v${version}`);
    writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh');
    writeFileSync(join(dir, 'path.txt'), 'electron');
  }
  return dir;
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A loopback port nothing listens on: a mirror that refuses at once, on any machine. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const runs = (dir: string) => (existsSync(join(dir, 'runs')) ? readFileSync(join(dir, 'runs'), 'utf8').length : 0);

describe('npm start: the Electron binary first', () => {
  it('with the binary in place, goes straight to the launch', async () => {
    const dir = fakePackage({ installed: true, install: 'fail' });
    const result = await run(LAUNCH, { FEEDBELL_ELECTRON_PACKAGE_DIR: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('launched');
    expect(runs(dir)).toBe(0);
  });

  it("without it, runs Electron's installer once, then launches; the next start does not install again", async () => {
    const dir = fakePackage({ installed: false, install: 'succeed' });
    const first = await run(LAUNCH, { FEEDBELL_ELECTRON_PACKAGE_DIR: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Fetching the Electron');
    expect(first.stdout.trim().endsWith('launched')).toBe(true);
    const second = await run(LAUNCH, { FEEDBELL_ELECTRON_PACKAGE_DIR: dir });
    expect(second.stdout.trim()).toBe('launched');
    expect(runs(dir)).toBe(1);
  });

  it('when the download is impossible: a plain message that points at npm run web, exit 1, no launch', async () => {
    const dir = fakePackage({ installed: false, install: 'fail' });
    const port = await closedPort();
    const result = await run(LAUNCH, { FEEDBELL_ELECTRON_PACKAGE_DIR: dir, ELECTRON_MIRROR: `http://127.0.0.1:${port}/` });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('launched');
    expect(result.stderr).toContain(`could not be downloaded from http://127.0.0.1:${port}/:`);
    expect(result.stderr).toContain(`127.0.0.1:${port} refused the connection.`);
    expect(result.stderr).toContain('npm run web');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("with Electron's real installer, where it cannot reach its mirror", async (ctx) => {
    if (existsSync(join(REAL_PACKAGE, 'path.txt'))) return ctx.skip('the Electron binary is installed on this machine');
    const port = await closedPort();
    const result = await run(LAUNCH, { ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: temp() });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Fetching the Electron');
    expect(result.stderr).toContain('npm run web');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(REAL_PACKAGE, 'path.txt'))).toBe(false);
  });
});
