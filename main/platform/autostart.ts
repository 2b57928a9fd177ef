// Start at login. Electron's login item covers macOS and Windows only; on Linux the desktop environments follow the
// XDG Autostart specification: a `.desktop` file in $XDG_CONFIG_HOME/autostart (~/.config/autostart by default).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { Logger } from '../core/ports.ts';

/** The file name in the autostart folder (the app's reverse-DNS id, as the spec recommends). */
export const AUTOSTART_FILE = 'ru.feedbell.app.desktop';

/** Where the autostart entry lives: $XDG_CONFIG_HOME/autostart when that is an absolute path, else ~/.config/autostart. */
export function xdgAutostartPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const configHome = env['XDG_CONFIG_HOME'];
  const base = configHome && isAbsolute(configHome) ? configHome : join(home, '.config');
  return join(base, 'autostart', AUTOSTART_FILE);
}

/** One argument of an Exec line, quoted by the Desktop Entry rules when it needs it; `%` doubled (no field codes). */
export function desktopExecArgument(arg: string): string {
  const escaped = arg.replaceAll('%', '%%');
  if (!/[\s"'\\><~|&;$*?#()`=]/.test(escaped) && escaped !== '') return escaped;
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart entry that starts `command` (program and arguments) hidden in the tray. */
export function desktopEntry(command: readonly string[], name = 'Feedbell'): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    'Comment=Уведомления о новых событиях учётных сервисов',
    'Comment[en]=Notifications of new events in accounting services',
    `Exec=${command.map(desktopExecArgument).join(' ')}`,
    'Icon=feedbell',
    'Terminal=false',
    'NoDisplay=true',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface XdgAutostartOptions {
  /** The program to start: the AppImage file when run from one ($APPIMAGE), else the executable. */
  execPath: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The program that starts this installation again: an AppImage's own file, not its temporary mount. */
export function autostartProgram(execPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const appImage = env['APPIMAGE'];
  return appImage && isAbsolute(appImage) ? appImage : execPath;
}

/** Writes (atomically) or removes the XDG autostart entry; returns the file's path. */
export function setXdgAutostart(enabled: boolean, options: XdgAutostartOptions): string {
  const env = options.env ?? process.env;
  const file = xdgAutostartPath(env, options.home ?? homedir());
  if (!enabled) {
    rmSync(file, { force: true });
    return file;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, desktopEntry([autostartProgram(options.execPath, env), ...options.args]), { mode: 0o644 });
  renameSync(temporary, file);
  return file;
}

/** Whether an autostart entry of ours is there and not switched off. */
export function xdgAutostartEnabled(options: Pick<XdgAutostartOptions, 'env' | 'home'> = {}): boolean {
  const file = xdgAutostartPath(options.env ?? process.env, options.home ?? homedir());
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  return !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text);
}

/** What applying "start at login" needs of Electron's app (a narrow port, so it is tested against the stub). */
export interface LoginItemApp {
  isPackaged: boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface OpenAtLoginOptions {
  app: LoginItemApp;
  platform: NodeJS.Platform;
  execPath: string;
  /** Arguments of the started app (its "start hidden in the tray" flag). */
  args: string[];
  log: Logger;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * Registers or removes start at login: Electron's login item on macOS and Windows, the XDG autostart entry on Linux.
 * Only for the installed app, never for a development Electron binary. Failures are logged, never thrown.
 */
export function applyOpenAtLogin(openAtLogin: boolean, options: OpenAtLoginOptions): void {
  if (!options.app.isPackaged) return;
  try {
    if (options.platform === 'linux') {
      const file = setXdgAutostart(openAtLogin, {
        execPath: options.execPath,
        args: options.args,
        ...(options.env ? { env: options.env } : {}),
        ...(options.home ? { home: options.home } : {}),
      });
      options.log.info('app: start at login', { openAtLogin, file });
    } else {
      options.app.setLoginItemSettings({ openAtLogin, args: options.args });
    }
  } catch (err) {
    options.log.warn('app: could not change start at login', { error: err instanceof Error ? err.message : String(err) });
  }
}
