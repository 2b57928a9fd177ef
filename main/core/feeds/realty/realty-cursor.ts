// Kontur realty checks ("Reestro"): the feed's stored position, a small JSON text the store keeps with each page.
import { GUID_PATTERN } from './realty-schema.ts';

/** Events up to and including `through` (the feed's last event when the feed was added) older than `before` are history. */
export interface StartWindow {
  /** Service time (eventDate), ms. */
  before: number;
  through: string;
}

export interface Position {
  /** The afterEventId to send next; null: from the oldest event the service keeps. */
  after: string | null;
  /** The newest eventDate read so far, on the service's clock (for the 3-month retention check). */
  at: number | null;
  /** The page size the service accepted after refusing ours (a page maximum below 100); null: the settings' count. */
  count: number | null;
  /** While the first sync of a "now" or date start reads the history it must skip (see realty-start.ts). */
  window: StartWindow | null;
}

export interface DecodedPosition extends Position {
  /** The stored text was not a position this provider writes. */
  unreadable: boolean;
}

const EMPTY: Position = { after: null, at: null, count: null, window: null };

export function encodeCursor(position: Partial<Position>): string | null {
  const p = { ...EMPTY, ...position };
  if (p.after === null && p.count === null && p.window === null) return null;
  const out: Record<string, unknown> = {};
  if (p.after !== null) out['after'] = p.after;
  if (p.at !== null) out['at'] = p.at;
  if (p.count !== null) out['count'] = p.count;
  if (p.window !== null) out['window'] = p.window;
  return JSON.stringify(out);
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads a stored position; older versions' fields (restartedAt) are ignored. */
export function decodeCursor(text: string | null): DecodedPosition {
  if (text === null || text === '') return { ...EMPTY, unreadable: false };
  // A bare GUID (lastEventId as it came) is accepted too.
  if (GUID_PATTERN.test(text.trim())) return { ...EMPTY, after: text.trim(), unreadable: false };
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const o = json as Record<string, unknown>;
      const after = typeof o['after'] === 'string' && o['after'] !== '' ? o['after'] : null;
      const count = finite(o['count']);
      const w = o['window'] as Record<string, unknown> | null | undefined;
      const before = w && typeof w === 'object' ? finite(w['before']) : null;
      const through = w && typeof w === 'object' && typeof w['through'] === 'string' ? w['through'] : null;
      return {
        after,
        at: finite(o['at']),
        count: count !== null && Number.isInteger(count) && count >= 1 ? count : null,
        window: before !== null && through !== null ? { before, through } : null,
        unreadable: false,
      };
    }
  } catch {
    // fall through
  }
  return { ...EMPTY, unreadable: true };
}
