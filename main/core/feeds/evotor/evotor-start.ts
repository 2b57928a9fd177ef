// Where an Evotor feed begins, in the server's clock: Evotor filters `since` by the time it stamped its events with,
// so "from now" is the newest event Evotor has (or its Date header), and a date gets the skew overlap; never our clock.
import type { StartPosition } from '../../model.ts';
import { cursorUrl, get, isCursorRejection, readPage, responseError, serverDate, windowUrl, type Ctx } from './evotor-api.ts';
import { overlapMs, type EvotorCursor } from './evotor-schema.ts';

/** How far back "now" looks for the newest event. Our clock only sizes this look; it never trims what is stored. */
export const RECENT_LOOK_MS = 24 * 3_600_000;
/** Pages one look may read: a busier window starts from the newest event among them (earlier: safe, not lost). */
export const MAX_LOOK_PAGES = 50;

interface Look {
  /** The newest timestamp among the events read, or null when there were none. */
  newest: number | null;
  /** The Date header of the first answer, or null. */
  date: number | null;
}

/** Reads the window from `since` (at most MAX_LOOK_PAGES pages) for its newest event and the server's Date. */
async function look(ctx: Ctx, since: number): Promise<Look> {
  let res = await get(ctx, windowUrl(ctx.settings, since));
  if (res.status !== 200) throw responseError(ctx, res);
  const date = serverDate(res);
  let newest: number | null = null;
  for (let pages = 1; ; pages++) {
    const page = readPage(res);
    for (const { at } of page.events) newest = newest === null ? at : Math.max(newest, at);
    if (page.next === null || pages >= MAX_LOOK_PAGES) break;
    res = await get(ctx, cursorUrl(ctx.settings, page.next));
    // A cursor that died on the way: the newest so far is earlier than the real one, which only means reading more.
    if (isCursorRejection(res.status)) break;
    if (res.status !== 200) throw responseError(ctx, res);
  }
  return { newest, date };
}

/**
 * "Now" in the server's clock, minus the overlap:
 * 1. the newest event of the last day: events that arrive later are stamped after it (by whatever clock the server
 *    stamps with), so this holds even when the Date header disagrees with the stamps;
 * 2. none in the last day: the server's Date, or the start of that empty day if earlier (it is proven empty, so
 *    starting there stores nothing old, and it covers stamps running behind the Date header);
 * 3. no Date header either: the newest event of all, or the beginning when there is none (nothing to replay).
 */
async function serverNow(ctx: Ctx, overlap: number): Promise<number> {
  const dayAgo = Math.max(0, ctx.now() - RECENT_LOOK_MS);
  const recent = await look(ctx, dayAgo);
  if (recent.newest !== null) return Math.max(0, recent.newest - overlap);
  if (recent.date !== null) return Math.max(0, Math.min(dayAgo, recent.date - overlap));
  const all = await look(ctx, 0);
  return all.newest === null ? 0 : Math.max(0, all.newest - overlap);
}

/** The stored cursor a new feed starts with. */
export async function startCursor(ctx: Ctx, position: StartPosition): Promise<EvotorCursor> {
  const overlap = overlapMs(ctx.settings.skewMinutes);
  // Evotor filters by time, so every position is a seek: no events are read only to be dropped.
  if (position.kind === 'beginning') return { from: 0, last: null };
  // A date is the user's wall clock; the server's stamps may run behind it by up to the skew.
  if (position.kind === 'date') return { from: Math.max(0, Math.floor(position.at) - overlap), last: null };
  return { from: await serverNow(ctx, overlap), last: null };
}
