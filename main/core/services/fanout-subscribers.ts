// The core's three audiences: the window (pushes), the tray (unread count, trouble, tooltip) and the notifier (single
// notifications, summaries, and at start what was stored but never announced).
import type {
  EventRecord,
  FeedStatus,
  Language,
  LocalizedText,
  Preferences,
  PushChannel,
  Pushes,
} from '../../../preload/contract.ts';
import type { FeedConfig } from '../model.ts';
import type { DeliveryGate } from '../notify/delivery-gate.ts';
import { decideNotifications } from '../notify/notification-policy.ts';
import { notifyModeFor } from '../notify/notify-rules.ts';
import type { SyncResult } from '../poller/feed-poller.ts';
import type { Logger, NotificationRequest, TrayView } from '../ports.ts';
import type { EventStore } from '../store/event-store.ts';
import { trayTooltip, type TooltipExtras } from '../tray-tooltip.ts';
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
  readonly #extras: () => TooltipExtras;

  /** `extras`: what else the tooltip says («Требует действия», the snooze and its end), asked at each repaint. */
  constructor(tray: TrayView, feeds: () => FeedStatus[], language: () => Language, extras: () => TooltipExtras = () => ({})) {
    this.#tray = tray;
    this.#feeds = feeds;
    this.#language = language;
    this.#extras = extras;
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
    const extras = this.#extras();
    const snoozedUntil = extras.snoozedUntil ?? null;
    const { actions } = extras;
    this.#tray.update({
      unread: feeds.reduce((sum, feed) => sum + feed.unread, 0),
      hasError: feeds.some((feed) => feed.phase === 'error'),
      paused: feeds.length > 0 && feeds.every((feed) => feed.paused || !feed.enabled),
      snoozedUntil,
      tooltip: trayTooltip(feeds, this.#language(), extras),
      ...(actions ? { actions: actions.open } : {}),
    });
  }
}

export interface AnnouncerOptions {
  /** Shows a notification now, or holds it through quiet hours and a snooze. */
  gate: Pick<DeliveryGate, 'offer'>;
  store: EventStore;
  /** The organisation an event concerns, as the person's rules name it (the provider module's organisationOf). */
  organisationOf(feed: FeedConfig, event: EventRecord): string | null;
  /** Events an `ignore` rule matches are stored read, so they are not counted either. */
  markRead(keys: number[]): void;
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
    const { notify, ignore } = this.#byRule(feed, result.inserted, prefs);
    if (ignore.length > 0) this.#markIgnored(feed, ignore);
    const notifications = decideNotifications({
      feedId: feed.id,
      feedName: feed.name,
      where: this.#o.where(feed),
      // A feed's first sync says how many it loaded, whatever the rules.
      inserted: result.firstSync ? result.inserted : notify,
      firstSync: result.firstSync,
      language: prefs.language,
      enabled: prefs.notifications,
      burstThreshold: prefs.burstThreshold,
    });
    // Announced (or deliberately not, notifications being off): a restart must not announce them again. Held through
    // quiet hours or a snooze, they count as announced once the held summary went out: a restart before that
    // announces them as missed.
    const last = Math.max(...result.inserted.map((event) => event.seq));
    this.#announce(notifications, () => this.#markAnnounced(feed.id, last));
  }

  /**
   * At start: events stored but never announced (the app died between storing and notifying, or a CLI run stored
   * them) make one summary per feed, so none goes unnoticed.
   */
  announceMissed(feeds: readonly FeedConfig[]): void {
    const { store, log } = this.#o;
    try {
      store.ensureDeliveries(
        'notify',
        feeds.map((feed) => feed.id),
      );
      const prefs = this.#o.preferences();
      for (const feed of feeds) {
        const missed = store.undeliveredCount('notify', feed.id);
        if (missed === 0) continue;
        const { notify } = this.#byRule(feed, store.undelivered('notify', feed.id, 50), prefs);
        const notifications = decideNotifications({
          feedId: feed.id,
          feedName: feed.name,
          where: this.#o.where(feed),
          inserted: notify,
          firstSync: false,
          language: prefs.language,
          enabled: prefs.notifications,
          burstThreshold: prefs.burstThreshold,
          missed,
        });
        const last = store.lastSeq(feed.id);
        this.#announce(notifications, () => this.#markAnnounced(feed.id, last));
      }
    } catch (err) {
      log.error('core: could not announce missed events', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** The events the person's rules let pop up, and those they ignore (`count` ones are neither: stored unread). */
  #byRule(feed: FeedConfig, events: readonly EventRecord[], prefs: Preferences) {
    const notify: EventRecord[] = [];
    const ignore: EventRecord[] = [];
    if (prefs.notifyRules.length === 0) return { notify: [...events], ignore };
    // The payload is read only when a rule names an organisation.
    const byOrganisation = prefs.notifyRules.some((rule) => rule.organisation !== null);
    for (const event of events) {
      const organisation = byOrganisation ? this.#safeOrganisation(feed, event) : null;
      const mode = notifyModeFor(prefs.notifyRules, { feedId: feed.id, type: event.type, organisation });
      if (mode === 'notify') notify.push(event);
      else if (mode === 'ignore') ignore.push(event);
    }
    return { notify, ignore };
  }

  #safeOrganisation(feed: FeedConfig, event: EventRecord): string | null {
    try {
      return this.#o.organisationOf(feed, event);
    } catch {
      // A payload the module cannot read names no organisation: the feed's and type's rules still apply.
      return null;
    }
  }

  #markIgnored(feed: FeedConfig, events: readonly EventRecord[]): void {
    try {
      this.#o.markRead(events.map((event) => event.key));
    } catch (err) {
      this.#o.log.warn('core: could not mark ignored events read', {
        feedId: feed.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /** Offers them to the gate; `announced` runs once all of them were shown (at once, or later in the held summary). */
  #announce(notifications: readonly NotificationRequest[], announced: () => void): void {
    let waiting = notifications.length;
    if (waiting === 0) return announced();
    for (const notification of notifications) this.#o.gate.offer(notification, () => --waiting === 0 && announced());
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
