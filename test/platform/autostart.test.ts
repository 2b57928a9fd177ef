// Start at login: Electron's login item on macOS and Windows (recorded by the electron stub), an XDG autostart
// `.desktop` file on Linux, which Electron's login item does not cover.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/ports.ts';
import {
  applyOpenAtLogin,
  AUTOSTART_FILE,
  desktopExecArgument,
  xdgAutostartEnabled,
  xdgAutostartPath,
} from '../../main/platform/autostart.ts';
import * as stub from '../stubs/electron.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-autostart-'));
  dirs.push(dir);
  return dir;
}

const packaged = {
  isPackaged: true,
  setLoginItemSettings: (s: { openAtLogin: boolean; args?: string[] }) => stub.app.setLoginItemSettings(s),
};

describe('start at login on Linux: the XDG autostart entry', () => {
  it('writes ~/.config/autostart/<id>.desktop that starts the app hidden, and removes it when switched off', () => {
    stub.resetElectronStub();
    const dir = home();
    const options = {
      app: packaged,
      platform: 'linux' as const,
      execPath: '/opt/Feedbell/feedbell',
      args: ['--hidden'],
      log: silentLogger,
      env: {},
      home: dir,
    };
    const file = join(dir, '.config', 'autostart', AUTOSTART_FILE);

    applyOpenAtLogin(true, options);
    const entry = readFileSync(file, 'utf8');
    expect(entry.split('\n')[0]).toBe('[Desktop Entry]');
    expect(entry).toMatch(/^Type=Application$/m);
    expect(entry).toMatch(/^Exec=\/opt\/Feedbell\/feedbell --hidden$/m);
    expect(entry).toMatch(/^Name=Feedbell$/m);
    expect(entry).toMatch(/^Terminal=false$/m);
    expect(xdgAutostartEnabled({ env: {}, home: dir })).toBe(true);
    // Electron's login item is not used on Linux.
    expect(stub.calls.filter((c) => c[0] === 'app.setLoginItemSettings')).toEqual([]);

    applyOpenAtLogin(false, options);
    expect(existsSync(file)).toBe(false);
    expect(xdgAutostartEnabled({ env: {}, home: dir })).toBe(false);
    // Switching off twice is no error.
    applyOpenAtLogin(false, options);
  });

  it('follows $XDG_CONFIG_HOME, and an AppImage starts its own file rather than its temporary mount', () => {
    const dir = home();
    const env = { XDG_CONFIG_HOME: join(dir, 'cfg'), APPIMAGE: '/home/anna/Загрузки/Feedbell 1.0.AppImage' };
    expect(xdgAutostartPath(env, '/nowhere')).toBe(join(dir, 'cfg', 'autostart', AUTOSTART_FILE));
    // A relative XDG_CONFIG_HOME is ignored, as the specification says.
    expect(xdgAutostartPath({ XDG_CONFIG_HOME: 'cfg' }, dir)).toBe(join(dir, '.config', 'autostart', AUTOSTART_FILE));
    applyOpenAtLogin(true, {
      app: packaged,
      platform: 'linux',
      execPath: '/tmp/.mount_Feedbe/feedbell',
      args: ['--hidden'],
      log: silentLogger,
      env,
      home: '/nowhere',
    });
    const entry = readFileSync(join(dir, 'cfg', 'autostart', AUTOSTART_FILE), 'utf8');
    expect(entry).toMatch(/^Exec="\/home\/anna\/Загрузки\/Feedbell 1\.0\.AppImage" --hidden$/m);
  });

  it('quotes an Exec argument by the Desktop Entry rules', () => {
    expect(desktopExecArgument('/usr/bin/feedbell')).toBe('/usr/bin/feedbell');
    expect(desktopExecArgument('/opt/My App/feedbell')).toBe('"/opt/My App/feedbell"');
    expect(desktopExecArgument('/opt/a"b$c`d\\e')).toBe('"/opt/a\\"b\\$c\\`d\\\\e"');
    expect(desktopExecArgument('100%')).toBe('100%%');
  });

  it('a failure (a home that cannot hold the folder) is logged, not thrown', () => {
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    const notAFolder = join(home(), 'a-file');
    writeFileSync(notAFolder, '');
    applyOpenAtLogin(true, { app: packaged, platform: 'linux', execPath: '/x', args: [], log, env: {}, home: notAFolder });
    expect(warnings).toEqual(['app: could not change start at login']);
  });
});

describe('start at login elsewhere, and in development', () => {
  it('uses Electron’s login item on Windows and macOS', () => {
    stub.resetElectronStub();
    const dir = home();
    for (const platform of ['win32', 'darwin'] as const) {
      applyOpenAtLogin(true, {
        app: packaged,
        platform,
        execPath: 'C:\\Feedbell\\Feedbell.exe',
        args: ['--hidden'],
        log: silentLogger,
        env: {},
        home: dir,
      });
    }
    expect(stub.calls.filter((c) => c[0] === 'app.setLoginItemSettings')).toEqual([
      ['app.setLoginItemSettings', { openAtLogin: true, args: ['--hidden'] }],
      ['app.setLoginItemSettings', { openAtLogin: true, args: ['--hidden'] }],
    ]);
    expect(existsSync(join(dir, '.config'))).toBe(false);
  });

  it('does nothing for a development Electron binary', () => {
    stub.resetElectronStub();
    const dir = home();
    applyOpenAtLogin(true, { app: stub.app, platform: 'linux', execPath: '/x', args: [], log: silentLogger, env: {}, home: dir });
    applyOpenAtLogin(true, { app: stub.app, platform: 'win32', execPath: '/x', args: [], log: silentLogger, env: {}, home: dir });
    expect(existsSync(join(dir, '.config'))).toBe(false);
    expect(stub.calls.filter((c) => c[0] === 'app.setLoginItemSettings')).toEqual([]);
  });
});
