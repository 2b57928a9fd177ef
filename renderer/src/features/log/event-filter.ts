// The list's filter as the toolbar and the sidebar set it, and the query it makes for main. No React here.
import { LOG_PAGE_SIZE, type EventFilter, type FeedStatus, type ProviderId } from '../../../../preload/contract.ts';

export interface UiFilter {
  feedId: string | null;
  provider: ProviderId | '';
  type: string;
  unreadOnly: boolean;
  /** yyyy-mm-dd from the date inputs, or ''. */
  from: string;
  to: string;
  search: string;
}

/** Rows per page of the list (the boot's first page is the list's first page). */
export const PAGE_SIZE = LOG_PAGE_SIZE;

export const EMPTY_FILTER: UiFilter = { feedId: null, provider: '', type: '', unreadOnly: false, from: '', to: '', search: '' };

function dayStart(date: string): number | undefined {
  if (!date) return undefined;
  const ms = new Date(`${date}T00:00:00`).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

function dayEnd(date: string): number | undefined {
  if (!date) return undefined;
  const ms = new Date(`${date}T23:59:59.999`).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** The query for main; `search` is the settled (debounced, trimmed) search text. */
export function toQuery(filter: UiFilter, search: string): EventFilter {
  const query: EventFilter = {};
  if (filter.feedId !== null) query.feedIds = [filter.feedId];
  if (filter.provider) query.providers = [filter.provider];
  if (filter.type) query.types = [filter.type];
  if (filter.unreadOnly) query.unreadOnly = true;
  const since = dayStart(filter.from);
  const until = dayEnd(filter.to);
  if (since !== undefined) query.since = since;
  if (until !== undefined) query.until = until;
  if (search) query.search = search;
  return query;
}

/** The services the service filter offers: those with a feed or a stored event, else every one main lists. */
export function providersToOffer(all: ProviderId[], feeds: FeedStatus[], types: { provider: ProviderId }[]): ProviderId[] {
  const present = new Set<ProviderId>([...feeds.map((f) => f.provider), ...types.map((t) => t.provider)]);
  const list = all.filter((p) => present.has(p));
  return list.length > 0 ? list : all;
}
