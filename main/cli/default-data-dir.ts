// The app's own data folder (Electron's userData for the app name "Feedbell"), computed without Electron.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_NAME = 'Feedbell';

/**
 * Where Electron's app.getPath('userData') points for "Feedbell": Linux `$XDG_CONFIG_HOME/Feedbell`
 * (or `~/.config/Feedbell`), macOS `~/Library/Application Support/Feedbell`, Windows `%APPDATA%\Feedbell`.
 * The CLI and the app then share one event log.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const appData = env['APPDATA'] || win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_NAME);
  // Chromium uses XDG_CONFIG_HOME whenever it is set and not empty.
  const config = env['XDG_CONFIG_HOME'] || posix.join(home, '.config');
  return posix.join(config, APP_NAME);
}
