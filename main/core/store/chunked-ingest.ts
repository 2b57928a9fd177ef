// Storing a big page without blocking the event loop: SQLite is synchronous, and one transaction for a 1,000-event
// page holds the loop for ~100 ms (longer on a busy machine), which freezes IPC, the tray and every other feed. The
// page is stored in chunks of a few dozen events, one transaction each, with a turn of the event loop between them.
//
// Exactly-once still holds: only the last chunk moves the feed's cursor. A crash (or a failure) after some chunks
// leaves their events stored and the cursor before the page; the next run reads the page again and the store's unique
// (feed, event id) key skips what is already there (test/core/crash-safety.test.ts kills a process between chunks).
//
// Between chunks it also lets the checkpoint worker (wal-checkpointer.ts) copy the last chunk out of the WAL, so the
// next chunk's commit starts the WAL over instead of growing it until SQLite checkpoints inside a commit on main.
import { turnOfTheLoop } from '../loop-turn.ts';
import type { NormalizedEvent } from '../model.ts';
import { KEEP_CURSOR, type EventStore, type IngestedEvent } from './event-store.ts';

/**
 * Events per transaction. ~8,000 events/s through ingest on this project's reference machine makes a chunk ~12 ms,
 * leaving room under the 50 ms stall bound on a loaded machine. A page up to this size is one transaction, as before.
 */
export const INGEST_CHUNK = 100;

/**
 * Between two chunks, how long to wait at most for the checkpoint worker to copy the last one out of the WAL (the
 * loop runs meanwhile). The WAL starts over only after a complete checkpoint; a busy disk can make one slow, and then
 * the next chunk goes ahead (the WAL grows a little, main's backstop caps it).
 */
export const CHECKPOINT_WAIT_MS = 100;
/**
 * ...but only once the WAL holds this many pages (~1 MB): waiting after every small chunk made a backlog in chunks of
 * 20 half again as slow, and a WAL of a few hundred pages costs nothing to keep.
 */
export const CHECKPOINT_WAIT_MIN_PAGES = 256;

/** Items processed between two turns of the event loop in the CPU-only steps around storing (normalizing). */
export const CPU_CHUNK = 250;

export interface ChunkedIngestOptions {
  /** Events per transaction (INGEST_CHUNK). */
  chunk?: number;
  /** Lets the event loop run between chunks; a whole turn by default (loop-turn.ts), so I/O and timers get theirs. */
  yieldToLoop?: () => Promise<void>;
  /** After each committed chunk, with what it inserted and whether it was the page's last (the cursor moved). */
  onChunk?: (inserted: IngestedEvent[], last: boolean) => void;
}

/** Stores one page in chunks; the cursor moves with the last chunk only. Returns every row inserted. */
export async function ingestInChunks(
  store: EventStore,
  feedId: string,
  events: readonly NormalizedEvent[],
  cursor: string | null,
  receivedAt: number,
  options: ChunkedIngestOptions = {},
): Promise<IngestedEvent[]> {
  const chunk = Math.max(1, options.chunk ?? INGEST_CHUNK);
  const yieldToLoop = options.yieldToLoop ?? turnOfTheLoop;
  if (events.length <= chunk) {
    const inserted = store.ingest(feedId, events, cursor, receivedAt);
    options.onChunk?.(inserted, true);
    return inserted;
  }
  const inserted: IngestedEvent[] = [];
  for (let from = 0; from < events.length; from += chunk) {
    if (from > 0) {
      await yieldToLoop();
      await store.checkpointsDone(CHECKPOINT_WAIT_MS, CHECKPOINT_WAIT_MIN_PAGES);
    }
    const last = from + chunk >= events.length;
    const stored = store.ingest(feedId, events.slice(from, from + chunk), last ? cursor : KEEP_CURSOR, receivedAt);
    options.onChunk?.(stored, last);
    for (const row of stored) inserted.push(row);
  }
  return inserted;
}

/** `map` over a list with a turn of the event loop every `chunk` items (CPU-only work such as normalizing a page). */
export async function mapInChunks<T, R>(items: readonly T[], map: (item: T) => R, chunk = CPU_CHUNK): Promise<R[]> {
  const out: R[] = [];
  for (let from = 0; from < items.length; from += chunk) {
    if (from > 0) await turnOfTheLoop();
    for (const item of items.slice(from, from + chunk)) out.push(map(item));
  }
  return out;
}
