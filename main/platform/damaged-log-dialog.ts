// At start-up, a damaged event log is not used silently: the user is told, and may move it aside for a new one.
import { dialog } from 'electron';
import type { Language } from '../../preload/contract.ts';
import type { Logger } from '../core/ports.ts';
import { moveDamagedLog } from '../core/store/damaged-log.ts';
import { StorageError } from '../core/store/storage-error.ts';

const TEXT = {
  ru: {
    message: 'Журнал событий Feedbell повреждён',
    detail: (file: string) =>
      `Файл ${file} не прошёл проверку целостности, поэтому Feedbell его не открыл.\n\n` +
      'Можно отложить повреждённый файл (он останется в той же папке с пометкой «damaged») и начать новый журнал: ' +
      'ленты заново получат события со своих начальных позиций.',
    move: 'Отложить файл и начать новый журнал',
    quit: 'Выйти',
  },
  en: {
    message: 'The Feedbell event log is damaged',
    detail: (file: string) =>
      `${file} failed its integrity check, so Feedbell did not open it.\n\n` +
      'You can move the damaged file aside (it stays in the same folder, marked "damaged") and start a new log: ' +
      'the feeds fetch their events again from their start positions.',
    move: 'Move it aside and start a new log',
    quit: 'Quit',
  },
} as const;

/**
 * Opens the core; when the log is damaged, asks whether to move it aside and start a new one (then opens again),
 * or to quit (returns null). Any other failure is thrown as it was.
 */
export function openWithDamagedLogDialog<T>(
  open: () => T,
  options: { language: Language; log: Logger; now?: () => number },
): T | null {
  try {
    return open();
  } catch (err) {
    if (!(err instanceof StorageError) || err.problem !== 'corrupt') throw err;
    options.log.error('app: the event log is damaged', { file: err.file, error: err.message });
    const text = TEXT[options.language];
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: 'Feedbell',
      message: text.message,
      detail: text.detail(err.file),
      buttons: [text.move, text.quit],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (choice !== 0) return null;
    const moved = moveDamagedLog(err.file, (options.now ?? Date.now)());
    options.log.warn('app: moved the damaged event log aside', { to: moved });
    return open();
  }
}
