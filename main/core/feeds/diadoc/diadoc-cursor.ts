// The Diadoc feed position kept between pages and runs (small JSON), and how each page moves it.
// The documented cursor is the IndexKey (afterIndexKey, exclusive). Two events can share an IndexKey and a timestamp
// (issue diadocsdk-csharp#1083, fixed in V8 or not: UNCONFIRMED), and a page may be cut anywhere (the server's page
// maximum is not known), so a page that reaches a newer time is always followed by a re-read from that exact time
// (timestampFromTicks, inclusive); what comes twice is dropped by event id in the store. The newest time read is
// kept with a key, so that a key the server refuses can be replaced by a re-read from that time.
import { FeedError } from '../../model.ts';
import { compareTicks } from './diadoc-json.ts';
import type { DiadocBoxEvent } from './diadoc-schema.ts';

/**
 * The stored position:
 * - `k`: the IndexKey of the last event read (next: afterIndexKey), or `e`: its EventId when it had none (afterEventId);
 * - `t`: next, re-read from these ticks (timestampFromTicks, inclusive); also where a start date begins;
 * - `a`: with `k`/`e`, the newest ticks read: where to re-read from if Diadoc refuses the key;
 * - `l`: the page size Diadoc accepted after refusing a larger one.
 * Positions written before `a` existed (`{k}`, `{e}`) are still read; they just cannot be re-read by time.
 */
export interface DiadocCursor {
  k?: string;
  e?: string;
  t?: string;
  a?: string;
  l?: number;
}

export function encodeCursor(cursor: DiadocCursor): string {
  return JSON.stringify(cursor);
}

const TICKS = /^\d{1,20}$/;
const isText = (v: unknown) => v === undefined || (typeof v === 'string' && v.length > 0);
const isTicks = (v: unknown) => v === undefined || (typeof v === 'string' && TICKS.test(v));

export function decodeCursor(text: string | null): DiadocCursor | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const c = parsed as Record<string, unknown> | null;
  const ok =
    c !== null &&
    typeof c === 'object' &&
    !Array.isArray(c) &&
    isText(c['k']) &&
    isText(c['e']) &&
    isTicks(c['t']) &&
    isTicks(c['a']) &&
    (c['l'] === undefined || (Number.isInteger(c['l']) && (c['l'] as number) >= 1 && (c['l'] as number) <= 100)) &&
    (c['k'] !== undefined || c['e'] !== undefined || c['t'] !== undefined);
  if (!ok)
    throw new FeedError('protocol', 'The stored Diadoc position is unreadable; remove and add the feed again to restart it');
  return c as DiadocCursor;
}

/** What one GetNewEvents request asks for: the box's beginning, a time (inclusive), or after an event (exclusive). */
export type DiadocRead =
  { by: 'start' } | { by: 'time'; from: string } | { by: 'key'; param: 'afterIndexKey' | 'afterEventId'; value: string };

export function readOf(cursor: DiadocCursor | null): DiadocRead {
  if (cursor?.t !== undefined) return { by: 'time', from: cursor.t };
  if (cursor?.k !== undefined) return { by: 'key', param: 'afterIndexKey', value: cursor.k };
  if (cursor?.e !== undefined) return { by: 'key', param: 'afterEventId', value: cursor.e };
  return { by: 'start' };
}

export function readParams(read: DiadocRead): Record<string, string> {
  if (read.by === 'time') return { timestampFromTicks: read.from };
  if (read.by === 'key') return { [read.param]: read.value };
  return {};
}

/** The newest time of a position: where a refused key is replaced by a re-read (null for positions from before `a`). */
export function timeOf(cursor: DiadocCursor | null): string | null {
  return cursor?.t ?? cursor?.a ?? null;
}

export function ticksOf(event: DiadocBoxEvent): string | null {
  return event.Message?.TimestampTicks ?? event.Patch?.TimestampTicks ?? null;
}

/** The key that continues after this event: its IndexKey, or its EventId when it came without one. */
export function keyOf(event: DiadocBoxEvent): Pick<DiadocCursor, 'k' | 'e'> {
  return event.IndexKey ? { k: event.IndexKey } : { e: event.EventId };
}

function newestTicks(events: DiadocBoxEvent[]): string | null {
  let newest: string | null = null;
  for (const event of events) {
    const ticks = ticksOf(event);
    if (ticks !== null && (newest === null || compareTicks(ticks, newest) > 0)) newest = ticks;
  }
  return newest;
}

export interface PageRead {
  /** The request that brought the page. */
  read: DiadocRead;
  /** The position the request started from. */
  previous: DiadocCursor | null;
  /** The page size asked for. */
  limit: number;
  /** The page size to remember, when Diadoc refused the configured one. */
  learnedLimit: number | null;
  /** The request re-read from the position's time because Diadoc refused its key. */
  replacedKey: boolean;
}

export interface NextPosition {
  cursor: DiadocCursor | null;
  more: boolean;
  /** A full re-read that could not get past its time: only the key of its last event leads on. */
  stuckAtTime: boolean;
}

/**
 * The position after a page, and whether to ask again now. Rules:
 * - an empty page keeps the position (a refused key is not kept: its time is);
 * - a page that reaches a newer time than the position: next, re-read from that time (the twin of the last event,
 *   issue #1083, comes with it), and ask again now, whatever its length or TotalCount said (the server's page maximum
 *   and what TotalCount counts are open points; only a page with nothing new ends a run);
 * - a re-read that brought nothing newer: continue after the last event's key next time; ask again now only when the
 *   page was full (more events may share that one time);
 * - a read by key that brought nothing newer (duplicates with old timestamps): the key moved on, ask again now.
 * The newest time never goes back, so an old event sent again (issue java#229) cannot rewind the feed.
 */
export function positionAfter(events: DiadocBoxEvent[], page: PageRead): NextPosition {
  const { read, previous, limit, learnedLimit, replacedKey } = page;
  const l = learnedLimit === null ? {} : { l: learnedLimit };
  if (events.length === 0) {
    const stop = { more: false, stuckAtTime: false };
    if (replacedKey && read.by === 'time') return { cursor: { t: read.from, ...l }, ...stop };
    if (!previous) return { cursor: null, ...stop };
    const { l: _old, ...kept } = previous;
    return { cursor: { ...kept, ...l }, ...stop };
  }
  const from = read.by === 'time' ? read.from : (previous?.a ?? null);
  const newest = newestTicks(events);
  const key = keyOf(events.at(-1)!);
  if (newest !== null && (from === null || compareTicks(newest, from) > 0)) {
    return { cursor: { ...key, t: newest, ...l }, more: true, stuckAtTime: false };
  }
  const at = from ?? newest;
  const cursor = { ...key, ...(at === null ? {} : { a: at }), ...l };
  if (read.by !== 'time') return { cursor, more: true, stuckAtTime: false };
  const full = events.length >= limit;
  return { cursor, more: full, stuckAtTime: full };
}
