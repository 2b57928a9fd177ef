// Native notifications raised from main; implements the Notifier port. Windows and macOS get the buttons «Открыть»,
// «Прочитано», «Отложить на час» and one group per feed; urgent ones stay on screen (Windows, Linux). On Windows a
// click on a toast left in the Action Center works after a restart too: Notification.handleActivation gets what to
// open from the toast's id, where it is encoded. Linux: a click only.
import { Notification, type NotificationConstructorOptions } from 'electron';
import type { Language } from '../../preload/contract.ts';
import type { Logger, NotificationChoice, NotificationRequest, Notifier } from '../core/ports.ts';

/** The buttons, in the order of their indexes. */
export const NOTIFICATION_CHOICES: readonly NotificationChoice[] = ['open', 'read', 'snooze'];
const BUTTONS: Record<Language, string[]> = {
  ru: ['Открыть', 'Прочитано', 'Отложить на час'],
  en: ['Open', 'Mark read', 'Snooze for an hour'],
};
/** Windows keeps at most 64 characters of a toast's Tag (its id). */
const TOAST_ID_MAX = 64;

export type ActivationHandler = (request: NotificationRequest, choice: NotificationChoice) => void;

export interface NotifierOptions {
  platform?: NodeJS.Platform;
  language?: () => Language;
}

/**
 * What a toast must reopen, as its id: "fb:e:<event key>:<step>" or "fb:f:<feed id>". Stable per event or reminder
 * step (the OS replaces a repeated one), short enough for a Windows Tag; null when the feed id is too long for it.
 */
export function activationId(request: NotificationRequest): string | null {
  const step = request.id?.includes('|') ? request.id.split('|').at(-1)! : '';
  const id =
    request.eventKey !== undefined
      ? `fb:e:${request.eventKey}${step ? `:${step}` : ''}`
      : request.feedId !== undefined
        ? `fb:f:${encodeURIComponent(request.feedId)}`
        : null;
  return id && id.length <= TOAST_ID_MAX ? id : null;
}

/** The request a toast's activation arguments point back to (the id above, wherever it appears in them), or null. */
export function requestFromActivation(args: string): Pick<NotificationRequest, 'eventKey' | 'feedId'> | null {
  const event = /fb:e:(\d{1,17})/.exec(args);
  if (event) return { eventKey: Number(event[1]) };
  const feed = /fb:f:([A-Za-z0-9%._~-]{1,64})/.exec(args);
  if (feed) {
    try {
      return { feedId: decodeURIComponent(feed[1]!) };
    } catch {
      return null;
    }
  }
  return null;
}

export class ElectronNotifier implements Notifier {
  /** Notifications kept alive until closed or clicked: a collected Notification loses its click handler. */
  private readonly live = new Set<Notification>();

  private readonly onActivate: ActivationHandler;
  private readonly log: Logger;
  private readonly iconPath: string | undefined;
  private readonly platform: NodeJS.Platform;
  private readonly language: () => Language;
  /** Windows' central activation is listened to: instance clicks would hand the same activation over twice. */
  private central = false;

  constructor(onActivate: ActivationHandler, log: Logger, iconPath?: string, options: NotifierOptions = {}) {
    this.onActivate = onActivate;
    this.log = log;
    this.iconPath = iconPath;
    this.platform = options.platform ?? process.platform;
    this.language = options.language ?? (() => 'ru');
  }

  /**
   * Windows: from now on every activation (a click or a button, also on a toast of an earlier run, also the one that
   * started the app) comes through Notification.handleActivation. Call it once the app can open what is asked.
   */
  listenForActivation(): void {
    if (this.platform !== 'win32' || typeof Notification.handleActivation !== 'function') return;
    this.central = true;
    Notification.handleActivation((details) => {
      const target = requestFromActivation(details.arguments ?? '');
      const choice = details.type === 'action' ? (NOTIFICATION_CHOICES[details.actionIndex ?? 0] ?? 'open') : 'open';
      this.activate({ title: '', body: '', ...target }, choice);
    });
  }

  show(request: NotificationRequest): void {
    if (!Notification.isSupported()) {
      this.log.warn('notifications are not supported on this system');
      return;
    }
    const notification = new Notification(this.optionsFor(request));
    this.live.add(notification);
    const release = () => this.live.delete(notification);
    notification.on('click', () => {
      release();
      if (!this.central) this.activate(request, 'open');
    });
    notification.on('action', (details: { actionIndex?: number } | undefined, legacyIndex?: number) => {
      release();
      const index = details?.actionIndex ?? legacyIndex ?? 0;
      if (!this.central) this.activate(request, NOTIFICATION_CHOICES[index] ?? 'open');
    });
    notification.on('close', release);
    notification.on('failed', (_event, error) => {
      release();
      this.log.warn('notification failed', { error });
    });
    notification.show();
  }

  private optionsFor(request: NotificationRequest): NotificationConstructorOptions {
    const options: NotificationConstructorOptions = {
      title: request.title,
      body: request.body,
      ...(this.iconPath ? { icon: this.iconPath } : {}),
    };
    if (this.platform === 'win32' || this.platform === 'darwin') {
      const id = activationId(request);
      if (id) options.id = id;
      if (request.feedId !== undefined) options.groupId = `feed:${request.feedId}`;
      // Buttons only where there is something to open or mark.
      if (request.eventKey !== undefined || request.feedId !== undefined) {
        options.actions = BUTTONS[this.language()].map((text) => ({ type: 'button' as const, text }));
      }
    }
    if (request.urgent) {
      // A deadline today or passed: stays until the person closes it (Windows, Linux), critical on Linux.
      if (this.platform !== 'darwin') options.timeoutType = 'never';
      if (this.platform === 'linux') options.urgency = 'critical';
    }
    return options;
  }

  private activate(request: NotificationRequest, choice: NotificationChoice): void {
    try {
      this.onActivate(request, choice);
    } catch (err) {
      this.log.error('notification click handler failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
