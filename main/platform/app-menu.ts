// The application menu. Electron's default menu carries Reload, Force Reload and Toggle Developer Tools with their
// shortcuts; the packaged app replaces it with the least that works:
// - macOS: the app menu (About, Services, Hide, Quit) and the Edit menu, because on macOS copy, paste, undo and
//   select-all in text fields work only through Edit menu items with those roles; and the Window menu, so Cmd+W and
//   Cmd+M work.
// - Windows and Linux: no menu at all (null). Chromium handles Ctrl+C/V/X/Z/A in text fields itself there, so an Edit
//   menu would add nothing but a menu bar that Alt reveals; null also drops every default accelerator.
// In development a Developer menu adds reload and DevTools.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../preload/contract.ts';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** app.isPackaged: the installed app gets no reload and no DevTools. */
  packaged: boolean;
  language: Language;
  appName: string;
}

type Label =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'edit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'window'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'developer'
  | 'reload'
  | 'forceReload'
  | 'devTools';

const LABELS: Record<Language, (appName: string) => Record<Label, string>> = {
  ru: (name) => ({
    about: `О программе ${name}`,
    services: 'Службы',
    hide: `Скрыть ${name}`,
    hideOthers: 'Скрыть остальные',
    unhide: 'Показать все',
    quit: `Завершить ${name}`,
    edit: 'Правка',
    undo: 'Отменить',
    redo: 'Повторить',
    cut: 'Вырезать',
    copy: 'Копировать',
    paste: 'Вставить',
    selectAll: 'Выбрать все',
    window: 'Окно',
    minimize: 'Свернуть',
    zoom: 'Изменить масштаб',
    close: 'Закрыть окно',
    developer: 'Разработка',
    reload: 'Перезагрузить',
    forceReload: 'Перезагрузить без кэша',
    devTools: 'Инструменты разработчика',
  }),
  en: (name) => ({
    about: `About ${name}`,
    services: 'Services',
    hide: `Hide ${name}`,
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quit: `Quit ${name}`,
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close Window',
    developer: 'Developer',
    reload: 'Reload',
    forceReload: 'Force Reload',
    devTools: 'Developer Tools',
  }),
};

/** The menu template for a platform and build, or null for no menu (exported for tests). */
export function applicationMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] | null {
  const l = LABELS[options.language](options.appName);
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [];

  if (options.platform === 'darwin') {
    template.push(
      {
        label: options.appName,
        submenu: [
          { role: 'about', label: l.about },
          separator,
          { role: 'services', label: l.services },
          separator,
          { role: 'hide', label: l.hide },
          { role: 'hideOthers', label: l.hideOthers },
          { role: 'unhide', label: l.unhide },
          separator,
          { role: 'quit', label: l.quit },
        ],
      },
      {
        label: l.edit,
        submenu: [
          { role: 'undo', label: l.undo },
          { role: 'redo', label: l.redo },
          separator,
          { role: 'cut', label: l.cut },
          { role: 'copy', label: l.copy },
          { role: 'paste', label: l.paste },
          { role: 'selectAll', label: l.selectAll },
        ],
      },
      {
        label: l.window,
        submenu: [
          { role: 'minimize', label: l.minimize },
          { role: 'zoom', label: l.zoom },
          separator,
          { role: 'close', label: l.close },
        ],
      },
    );
  }

  if (!options.packaged) {
    template.push({
      label: l.developer,
      submenu: [
        { role: 'reload', label: l.reload },
        { role: 'forceReload', label: l.forceReload },
        { role: 'toggleDevTools', label: l.devTools },
      ],
    });
  }

  return template.length > 0 ? template : null;
}

/** Sets (or replaces, when the language changes) the application menu. */
export function installApplicationMenu(options: AppMenuOptions): void {
  const template = applicationMenuTemplate(options);
  Menu.setApplicationMenu(template === null ? null : Menu.buildFromTemplate(template));
}
