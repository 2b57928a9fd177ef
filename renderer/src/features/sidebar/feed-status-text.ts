// A feed's state in words for its card: one phase («приостановлена», «выключена»), one short status line
// («обновлено 2 мин. назад»), failing feeds first. No React here.
import type { FeedStatus } from '../../../../preload/contract.ts';
import type { Translator } from '../../i18n/translator.ts';

export type ShownPhase = FeedStatus['phase'];

/** The one state a person reads: a disabled feed is «выключена» whatever else; a paused one «приостановлена». */
export function phaseOf(feed: FeedStatus): ShownPhase {
  if (!feed.enabled) return 'disabled';
  if (feed.paused) return 'paused';
  return feed.phase;
}

export function isFailing(feed: FeedStatus): boolean {
  return phaseOf(feed) === 'error';
}

/** Failing feeds first, the others in their configured order. */
export function failingFirst(feeds: readonly FeedStatus[]): FeedStatus[] {
  return [...feeds.filter(isFailing), ...feeds.filter((f) => !isFailing(f))];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
/** One per language, kept (each card's status line used to make its own on every render). */
function relativeFormat(lang: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(lang);
  if (!format) relativeFormats.set(lang, (format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' })));
  return format;
}

/** «только что», «2 мин. назад», «3 ч. назад», else the date and time. */
export function ago(i18n: Translator, at: number, now: number): string {
  const past = Math.max(0, now - at);
  if (past < MINUTE) return i18n.t.sidebar.justNow;
  const relative = relativeFormat(i18n.lang);
  if (past < HOUR) return relative.format(-Math.floor(past / MINUTE), 'minute');
  if (past < DAY) return relative.format(-Math.floor(past / HOUR), 'hour');
  return i18n.dateTime(at);
}

/** The card's one status line. */
export function statusLine(feed: FeedStatus, i18n: Translator, now: number): string {
  const phase = phaseOf(feed);
  switch (phase) {
    case 'ok':
    case 'idle':
      return feed.lastSuccessAt !== null ? i18n.t.sidebar.updated(ago(i18n, feed.lastSuccessAt, now)) : i18n.t.phase[phase];
    case 'error':
      return feed.lastError ? i18n.text(feed.lastError.summary) : i18n.t.phase.error;
    default:
      return i18n.t.phase[phase];
  }
}
