// Decides what to show for the events one sync run inserted: single notifications, one summary, or nothing.
import type { EventRecord, Language, ProviderId } from '../../../preload/contract.ts';
import type { NotificationRequest } from '../ports.ts';

export interface NotificationInput {
  feedId: string;
  feedName: string;
  provider: ProviderId;
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

/** "в Диадоке": the service name as it follows a Russian preposition. */
const PROVIDER_LOCATIVE: Record<ProviderId, LocalizedPair> = {
  demo: { ru: 'в демо-ленте', en: 'in the demo feed' },
  evotor: { ru: 'в Эвоторе', en: 'in Evotor' },
  diadoc: { ru: 'в Диадоке', en: 'in Diadoc' },
  extern: { ru: 'в Экстерне', en: 'in Kontur.Extern' },
  realty: { ru: 'в проверках недвижимости', en: 'in realty checks' },
};

interface LocalizedPair {
  ru: string;
  en: string;
}

/** "1 новое событие", "3 новых события", "12 новых событий"; "1 new event", "12 new events". */
export function newEventsPhrase(count: number, language: Language): string {
  const form = new Intl.PluralRules(language).select(count);
  if (language === 'en') return `${count} new ${form === 'one' ? 'event' : 'events'}`;
  const words: Record<string, string> = { one: 'новое событие', few: 'новых события', many: 'новых событий', other: 'новых события' };
  return `${count} ${words[form] ?? words['many']}`;
}

export function decideNotifications(input: NotificationInput): NotificationRequest[] {
  const { inserted, language } = input;
  if (!input.enabled || inserted.length === 0) return [];
  const where = PROVIDER_LOCATIVE[input.provider][language];
  if (input.missed !== undefined) {
    const intro = language === 'ru' ? 'Получены, пока Feedbell не показывал уведомлений:' : 'Received while Feedbell showed no notifications:';
    return [
      {
        title: `${newEventsPhrase(input.missed, language)} ${where}`,
        body: `${intro}\n${summarizeBurst(inserted, language, input.missed)}`,
        feedId: input.feedId,
      },
    ];
  }
  if (input.firstSync) {
    const title =
      language === 'ru'
        ? `${input.feedName}: лента подключена`
        : `${input.feedName}: feed connected`;
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
    body: `${event.summary[language]}\n${input.feedName}`,
    eventKey: event.key,
    feedId: input.feedId,
  }));
}

/** The newest few titles, so a summary still says what happened; `total` when `inserted` holds only some of them. */
function summarizeBurst(inserted: readonly EventRecord[], language: Language, total = inserted.length): string {
  const newest = inserted.toSorted((a, b) => b.occurredAt - a.occurredAt).slice(0, 3);
  const lines = newest.map((event) => `• ${event.title[language]}`);
  const rest = total - newest.length;
  if (rest > 0) lines.push(language === 'ru' ? `и ещё ${rest}` : `and ${rest} more`);
  return lines.join('\n');
}
