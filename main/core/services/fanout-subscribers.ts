// The core's three audiences: the window (pushes), the tray (unread count, trouble, tooltip) and the notifier (single
// notifications, summaries, and at start what was stored but never announced).
import type {
  ActionCounts,
  FeedStatus,
  Language,
  LocalizedText,
  Preferences,
  PushChannel,
  Pushes,
} from '../../../preload/contract.ts';
import type { FeedConfig } from '../model.ts';
import { decideNotifications } from '../notify/notification-policy.ts';
import type { SyncResult } from '../poller/feed-poller.ts';
import type { Logger, Notifier, TrayView } from '../ports.ts';
import type { EventStore } from '../store/event-store.ts';
import { trayTooltip } from '../tray-tooltip.ts';
import type { CoreEvents, PushSink } from './event-fanout.ts';

/** The window, when one is connected: stored events, statuses, counts and preferences go to it as pushes. */
export class WindowPushes implements CoreEvents {
  #sink: PushSink | null = null;

  setSink(sink: PushSink | null): void {
    this.#sink = sink;
  }

  push<C extends PushChannel>(channel: C, payload: Pushes[C]): void {
    this.#sink?.send(channel, payload);
  }

  eventsStored(feed: FeedConfig, inserted: readonly { key: number }[]): void {
    this.push('events:added', { feedId: feed.id, keys: inserted.map((e) => e.key), count: inserted.length });
  }

  statusChanged(status: FeedStatus): void {
    this.push('feeds:status', status);
  }

  countsChanged(counts: Pushes['events:unreadCounts']): void {
    this.push('events:unreadCounts', counts);
  }

  preferencesChanged(preferences: Preferences): void {
    this.push('prefs:changed', preferences);
  }
}

/** The tray icon: repainted whenever a status, the counts or the language change. */
export class TrayUpdates implements CoreEvents {
  readonly #tray: TrayView;
  readonly #feeds: () => FeedStatus[];
  readonly #language: () => Language;
  readonly #actions: (() => ActionCounts) | undefined;

  constructor(tray: TrayView, feeds: () => FeedStatus[], language: () => Language, actions?: () => ActionCounts) {
    this.#tray = tray;
    this.#feeds = feeds;
    this.#language = language;
    this.#actions = actions;
  }

  statusChanged(): void {
    this.refresh();
  }

  countsChanged(): void {
    this.refresh();
  }

  preferencesChanged(): void {
    this.refresh();
  }

  refresh(): void {
    const feeds = this.#feeds();
    const actions = this.#actions?.();
    this.#tray.update({
      unread: feeds.reduce((sum, feed) => sum + feed.unread, 0),
      hasError: feeds.some((feed) => feed.phase === 'error'),
      paused: feeds.length > 0 && feeds.every((feed) => feed.paused || !feed.enabled),
      tooltip: trayTooltip(feeds, this.#language(), actions),
      ...(actions ? { actions: actions.open } : {}),
    });
  }
}

export interface AnnouncerOptions {
  notifier: Notifier;
  store: EventStore;
  /** Where a feed's events happen, in words (its provider module's wording): "в Диадоке". */
  where(feed: FeedConfig): LocalizedText;
  preferences(): Preferences;
  log: Logger;
}

/** The notifier: what a run stored, by the notification policy; each feed's delivery position kept in the store. */
export class Announcer implements CoreEvents {
  readonly #o: AnnouncerOptions;

  constructor(options: AnnouncerOptions) {
    this.#o = options;
  }

  /** A new feed is announced from its first stored event on. */
  feedAdded(feedId: string): void {
    this.#o.store.ensureDeliveries('notify', [feedId]);
  }

  runFinished(feed: FeedConfig, result: SyncResult): void {
    if (result.inserted.length === 0) return;
    const prefs = this.#o.preferences();
    const notifications = decideNotifications({
      feedId: feed.id,
      feedName: feed.name,
      where: this.#o.where(feed),
      inserted: result.inserted,
      firstSync: result.firstSync,
      language: prefs.language,
      enabled: prefs.notifications,
      burstThreshold: prefs.burstThreshold,
    });
    for (const notification of notifications) this.#o.notifier.show(notification);
    // Announced (or deliberately not, notifications being off): a restart must not announce them again.
    this.#markAnnounced(feed.id, Math.max(...result.inserted.map((event) => event.seq)));
  }

  /**
   * At start: events stored but never announced (the app died between storing and notifying, or a CLI run stored
   * them) make one summary per feed, so none goes unnoticed.
   */
  announceMissed(feeds: readonly FeedConfig[]): void {
    const { store, notifier, log } = this.#o;
    try {
      store.ensureDeliveries(
        'notify',
        feeds.map((feed) => feed.id),
      );
      const prefs = this.#o.preferences();
      for (const feed of feeds) {
        const missed = store.undeliveredCount('notify', feed.id);
        if (missed === 0) continue;
        const notifications = decideNotifications({
          feedId: feed.id,
          feedName: feed.name,
          where: this.#o.where(feed),
          inserted: store.undelivered('notify', feed.id, 50),
          firstSync: false,
          language: prefs.language,
          enabled: prefs.notifications,
          burstThreshold: prefs.burstThreshold,
          missed,
        });
        for (const notification of notifications) notifier.show(notification);
        this.#markAnnounced(feed.id, store.lastSeq(feed.id));
      }
    } catch (err) {
      log.error('core: could not announce missed events', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  #markAnnounced(feedId: string, seq: number): void {
    try {
      this.#o.store.markDelivered('notify', feedId, seq);
    } catch (err) {
      // A full disk: they may be announced once more after a restart, which is better than never.
      this.#o.log.warn('core: could not record announced events', {
        feedId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
