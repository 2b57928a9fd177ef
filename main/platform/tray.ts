// The tray icon: unread count painted into the pixels (works on every OS), tooltip, and the context menu; implements TrayView.
import { readFileSync } from 'node:fs';
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { Language } from '../../preload/contract.ts';
import type { TrayView } from '../core/ports.ts';
import { decodePng, encodePng, type RgbaImage } from './png.ts';
import { paintTrayIcon } from './tray-icon.ts';

export interface TrayActions {
  openLog(): void;
  /** Opens the window on «Требует действия» (the log when absent). */
  openActions?(): void;
  syncNow(): void;
  setPausedAll(paused: boolean): void;
  quit(): void;
}

export interface TrayIconFiles {
  /** 16 px base and its 32 px (@2x) version, PNG. */
  base1x: string;
  base2x: string;
  /** macOS template images, used when there is nothing to paint on top. */
  template1x?: string;
  template2x?: string;
}

type TrayState = Parameters<TrayView['update']>[0];

const LABELS: Record<Language, Record<'open' | 'sync' | 'pause' | 'resume' | 'quit', string>> = {
  ru: { open: 'Открыть журнал', sync: 'Синхронизировать', pause: 'Приостановить все', resume: 'Возобновить все', quit: 'Выйти' },
  en: { open: 'Open log', sync: 'Sync now', pause: 'Pause all', resume: 'Resume all', quit: 'Quit' },
};

/** The labels of the tray menu for a state, in menu order (exported for tests). */
export function trayMenuLabels(language: Language, paused: boolean): string[] {
  const l = LABELS[language];
  return [l.open, l.sync, paused ? l.resume : l.pause, l.quit];
}

/** The menu's first line while items need the person's action. */
export function actionsMenuLabel(language: Language, open: number): string {
  return language === 'ru' ? `Требует действия: ${open}` : `Needs your action: ${open}`;
}

export class ElectronTrayView implements TrayView {
  private readonly tray: Tray;
  private readonly base1x: RgbaImage;
  private readonly base2x: RgbaImage;
  private readonly template: NativeImage | null;
  private state: TrayState = { unread: 0, hasError: false, paused: false, tooltip: 'Feedbell' };
  private lastIconKey = '';
  private lastMenuKey = '';

  private readonly actions: TrayActions;
  private readonly language: () => Language;

  constructor(files: TrayIconFiles, actions: TrayActions, language: () => Language) {
    this.actions = actions;
    this.language = language;
    this.base1x = decodePng(readFileSync(files.base1x));
    this.base2x = decodePng(readFileSync(files.base2x));
    this.template = process.platform === 'darwin' && files.template1x ? loadTemplate(files.template1x, files.template2x) : null;
    this.tray = new Tray(this.iconFor(this.state));
    this.tray.setToolTip(this.state.tooltip);
    // A left click opens the log on Windows and Linux; on macOS a click shows the menu.
    this.tray.on('click', () => this.actions.openLog());
    this.render();
  }

  update(state: TrayState): void {
    this.state = { ...state };
    this.render();
  }

  /** Rebuilds the menu, e.g. after the language changed. */
  refreshMenu(): void {
    this.lastMenuKey = '';
    this.render();
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private render(): void {
    if (this.tray.isDestroyed()) return;
    const s = this.state;
    const iconKey = `${Math.min(s.unread, 100)}|${s.hasError}|${s.paused}`;
    if (iconKey !== this.lastIconKey) {
      this.lastIconKey = iconKey;
      this.tray.setImage(this.iconFor(s));
    }
    this.tray.setToolTip(s.tooltip);
    const language = this.language();
    const menuKey = `${language}|${s.paused}|${s.actions ?? 0}`;
    if (menuKey !== this.lastMenuKey) {
      this.lastMenuKey = menuKey;
      const [open, sync, pause, quit] = trayMenuLabels(language, s.paused);
      const actions = s.actions ?? 0;
      this.tray.setContextMenu(
        Menu.buildFromTemplate([
          ...(actions > 0
            ? [
                {
                  label: actionsMenuLabel(language, actions),
                  click: () => (this.actions.openActions ? this.actions.openActions() : this.actions.openLog()),
                },
              ]
            : []),
          { label: open, click: () => this.actions.openLog() },
          { label: sync, click: () => this.actions.syncNow() },
          { label: pause, click: () => this.actions.setPausedAll(!this.state.paused) },
          { type: 'separator' },
          { label: quit, click: () => this.actions.quit() },
        ]),
      );
    }
  }

  private iconFor(s: TrayState): NativeImage {
    if (this.template && s.unread <= 0 && !s.hasError && !s.paused) return this.template;
    const painted1x = encodePng(paintTrayIcon(this.base1x, s.unread, s));
    const painted2x = encodePng(paintTrayIcon(this.base2x, s.unread, s));
    const image = nativeImage.createFromBuffer(painted1x, { scaleFactor: 1 });
    image.addRepresentation({ scaleFactor: 2, buffer: painted2x });
    return image;
  }
}

function loadTemplate(file1x: string, file2x: string | undefined): NativeImage {
  const image = nativeImage.createFromPath(file1x);
  if (file2x) image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(file2x) });
  image.setTemplateImage(true);
  return image;
}
