// Kontur realty checks: where a feed that starts "now" or at a date begins, found on the service's own clock.
//
// The API cannot seek to a time, and the local clock says nothing about the service's timestamps (its clock may be
// hours off). So the start reads the feed to its end once, storing nothing (the feed is bounded: 3 months), and keeps
// for each page the position before it and its newest eventDate. The first sync then begins at the page that reaches
// back to the start time and skips, up to the feed's last event at that moment, what is older. Events after that
// last event are never skipped, whatever their dates. Events that came in while the start read the feed are kept by
// their dates: the start time is a lower bound of the service's clock when the reading began, minus an overlap. Two
// bounds, the higher wins: the newest eventDate read minus the time the reading took (always safe; for a feed with
// recent events, the events of the last minutes are then stored on the first sync, silently), and the first answer's
// Date header minus the most that the service's front clock and its data's clock are assumed to disagree (so that a
// feed quiet for a day does not bring back its last event).
import { decodeCursor, encodeCursor } from './realty-cursor.ts';

/** Slack for events dated a little out of order or stamped before they appear in the feed. */
export const SKEW_OVERLAP_MS = 5 * 60_000;
/**
 * The most the Date header may run ahead of the events' own timestamps (a front end and a database on different
 * clocks, or eventDate written in a local time zone without one): half a day covers every time zone.
 */
export const CLOCKS_DISAGREE_MS = 12 * 3_600_000;
/** 3 months of events at 100 a page fit many times over; a start that reads more begins where it stopped. */
export const MAX_START_PAGES = 5_000;

export interface ScannedPage {
  events: readonly { eventId: string }[];
  /** Each event's eventDate (ms, the service's clock). */
  dates: readonly number[];
  cursor: string | null;
  more: boolean;
  /** The answer's Date header (the service's front clock), when it sent one. */
  served: number | null;
}

interface PageMark {
  /** The stored position before the page. */
  before: string | null;
  newest: number;
}

/**
 * The cursor a "now" (notAfter = +Infinity) or date start begins at; null for an empty feed (everything that comes
 * is new). `elapsed` measures the reading's own duration (a duration: the local clock's offset does not matter).
 */
export async function findStartCursor(
  readPage: (cursor: string | null) => Promise<ScannedPage>,
  options: { notAfter: number; elapsed: () => number },
): Promise<string | null> {
  const marks: PageMark[] = [];
  let cursor: string | null = null;
  let lastId: string | null = null;
  let askedAgain = false;
  let firstServed: number | null | undefined;
  for (let n = 0; n < MAX_START_PAGES; n++) {
    const page = await readPage(cursor);
    firstServed ??= page.served;
    if (page.events.length > 0) {
      marks.push({ before: cursor, newest: Math.max(...page.dates) });
      lastId = page.events.at(-1)!.eventId;
      askedAgain = false;
    }
    if (!page.more && page.events.length > 0) break;
    if (!page.more) {
      // An empty page may come while more waits (PROVIDERS.md 6): the end is the end when asked twice.
      if (askedAgain) break;
      askedAgain = true;
    }
    cursor = page.cursor;
  }
  if (lastId === null) return null;
  const elapsed = Math.max(0, options.elapsed());
  const newest = Math.max(...marks.map((m) => m.newest));
  const serviceNow =
    Math.max(newest, firstServed == null ? Number.NEGATIVE_INFINITY : firstServed - CLOCKS_DISAGREE_MS) - elapsed;
  const before = Math.min(options.notAfter, serviceNow) - SKEW_OVERLAP_MS;
  // Pages before this one hold only events older than `before`: the first sync need not read them again.
  const from = marks.find((m) => m.newest >= before) ?? marks.at(-1)!;
  const { unreadable: _unreadable, ...position } = decodeCursor(from.before);
  return encodeCursor({ ...position, window: { before, through: lastId } });
}
