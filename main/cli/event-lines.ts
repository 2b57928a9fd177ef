// The CLI's JSON line format for one event (docs/CLI.md), shared by `sync --json` and `events --json`.
import type { StoredEvent as EventDetail } from '../core/store/event-store.ts';

export interface EventLine {
  feedId: string;
  provider: string;
  id: string;
  type: string;
  /** ISO 8601, UTC. */
  occurredAt: string;
  title: { ru: string; en: string };
  summary: { ru: string; en: string };
  link: string | null;
  payload: unknown;
  read?: boolean;
}

/** One event as a JSON line, keys in the documented order; `read` is appended when asked for. */
export function eventJsonLine(event: EventDetail, withRead: boolean): string {
  const line: EventLine = {
    feedId: event.feedId,
    provider: event.provider,
    id: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    title: { ru: event.title.ru, en: event.title.en },
    summary: { ru: event.summary.ru, en: event.summary.en },
    link: event.link,
    payload: event.payload,
  };
  if (withRead) line.read = event.read;
  return JSON.stringify(line);
}
