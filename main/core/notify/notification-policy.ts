// Decides what to show for the events one sync run inserted: single notifications, one summary, or nothing.
import type { EventRecord, Language, LocalizedText } from '../../../preload/contract.ts';
import type { NotificationRequest } from '../ports.ts';
import { displayLine, stripUnsafe, truncate } from '../text/untrusted-text.ts';

/**
 * Longest notification title and body, in characters. The systems cut longer ones wherever they like (Windows shows
 * about 4 lines of body); a service's 100 KB title must not reach them at all.
 */
export const NOTIFICATION_TITLE_MAX = 120;
export const NOTIFICATION_BODY_MAX = 300;
/** A feed name or an event title inside a longer text (a summary's lines, "<feed>: лента подключена"). */
const NAME_IN_TEXT_MAX = 60;
const TITLE_IN_LIST_MAX = 70;

export interface NotificationInput {
  feedId: string;
  feedName: string;
  /** Where the events happen, after a count: "в Диадоке" (the provider module's wording). */
  where: LocalizedText;
  /** Rows this run inserted (never duplicates: the store returns only new rows). */
  inserted: readonly EventRecord[];
  /** The feed's first sync: store silently, one summary (DESIGN.md invariant 3). */
  firstSync: boolean;
  language: Language;
  enabled: boolean;
  /** More new events than this in one run become one summary. */
  burstThreshold: number;
  /**
   * Set at start-up for events that were stored but never announced (the app died first, or the CLI stored them):
   * how many there are. They always make one summary; `inserted` holds some of them for its lines.
   */
  missed?: number;
}

/** "1 новое событие", "3 новых события", "12 новых событий"; "1 new event", "12 new events". */
export function newEventsPhrase(count: number, language: Language): string {
  const form = new Intl.PluralRules(language).select(count);
  if (language === 'en') return `${count} new ${form === 'one' ? 'event' : 'events'}`;
  const words: Record<string, string> = {
    one: 'новое событие',
    few: 'новых события',
    many: 'новых событий',
    other: 'новых события',
  };
  return `${count} ${words[form] ?? words['many']}`;
}

/** What reaches the notifier: bidi and control characters gone from every line, title and body bounded. */
function bounded(request: NotificationRequest): NotificationRequest {
  const body = stripUnsafe(request.body)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
  return { ...request, title: displayLine(request.title, NOTIFICATION_TITLE_MAX), body: truncate(body, NOTIFICATION_BODY_MAX) };
}

export function decideNotifications(input: NotificationInput): NotificationRequest[] {
  return chooseNotifications(input).map(bounded);
}

function chooseNotifications(input: NotificationInput): NotificationRequest[] {
  const { inserted, language } = input;
  if (!input.enabled || inserted.length === 0) return [];
  const feedName = displayLine(input.feedName, NAME_IN_TEXT_MAX);
  const where = input.where[language];
  if (input.missed !== undefined) {
    const intro =
      language === 'ru'
        ? 'Получены, пока Feedbell не показывал уведомлений:'
        : 'Received while Feedbell showed no notifications:';
    return [
      {
        title: `${newEventsPhrase(input.missed, language)} ${where}`,
        body: `${intro}\n${summarizeBurst(inserted, language, input.missed)}`,
        feedId: input.feedId,
      },
    ];
  }
  if (input.firstSync) {
    const title = language === 'ru' ? `${feedName}: лента подключена` : `${feedName}: feed connected`;
    const body =
      language === 'ru'
        ? `Загружено событий: ${inserted.length}. Дальше — уведомление о каждом новом.`
        : `Loaded ${inserted.length} ${inserted.length === 1 ? 'event' : 'events'}. From now on you will be notified of each new one.`;
    return [{ title, body, feedId: input.feedId }];
  }
  if (inserted.length > input.burstThreshold) {
    return [
      {
        title: `${newEventsPhrase(inserted.length, language)} ${where}`,
        body: summarizeBurst(inserted, language),
        feedId: input.feedId,
      },
    ];
  }
  return inserted.map((event) => ({
    title: event.title[language],
    // The summary's own line breaks become spaces, so the feed name stays on the last line whatever is cut.
    body: `${displayLine(event.summary[language], NOTIFICATION_BODY_MAX - feedName.length - 1)}\n${feedName}`,
    eventKey: event.key,
    feedId: input.feedId,
  }));
}

/** The newest few titles, so a summary still says what happened; `total` when `inserted` holds only some of them. */
function summarizeBurst(inserted: readonly EventRecord[], language: Language, total = inserted.length): string {
  const newest = inserted.toSorted((a, b) => b.occurredAt - a.occurredAt).slice(0, 3);
  const lines = newest.map((event) => `• ${displayLine(event.title[language], TITLE_IN_LIST_MAX)}`);
  const rest = total - newest.length;
  if (rest > 0) lines.push(language === 'ru' ? `и ещё ${rest}` : `and ${rest} more`);
  return lines.join('\n');
}
