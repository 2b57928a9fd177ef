// Native notifications raised from main; implements the Notifier port. A click hands the request back to the app.
import { Notification } from 'electron';
import type { Logger, NotificationRequest, Notifier } from '../core/ports.ts';

export class ElectronNotifier implements Notifier {
  /** Notifications kept alive until closed or clicked: a collected Notification loses its click handler. */
  private readonly live = new Set<Notification>();

  private readonly onActivate: (request: NotificationRequest) => void;
  private readonly log: Logger;
  private readonly iconPath: string | undefined;

  constructor(onActivate: (request: NotificationRequest) => void, log: Logger, iconPath?: string) {
    this.onActivate = onActivate;
    this.log = log;
    this.iconPath = iconPath;
  }

  show(request: NotificationRequest): void {
    if (!Notification.isSupported()) {
      this.log.warn('notifications are not supported on this system');
      return;
    }
    const notification = new Notification({
      title: request.title,
      body: request.body,
      ...(this.iconPath ? { icon: this.iconPath } : {}),
    });
    this.live.add(notification);
    const release = () => this.live.delete(notification);
    notification.on('click', () => {
      release();
      try {
        this.onActivate(request);
      } catch (err) {
        this.log.error('notification click handler failed', { error: err instanceof Error ? err.message : String(err) });
      }
    });
    notification.on('close', release);
    notification.on('failed', (_event, error) => {
      release();
      this.log.warn('notification failed', { error });
    });
    notification.show();
  }
}
