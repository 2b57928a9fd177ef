// The log's state, composed from its hooks: the filter, its pages of rows, the stored types, the open event, the match
// count, "mark what matches" and the search shortcut (Esc closes the detail). The first page and the types may come with the boot (app:boot), asked for only when
// they did not.
import { useCallback } from 'react';
import type { EventPage } from '../../../../preload/contract.ts';
import type { Boot } from '../../boot.ts';
import { PAGE_SIZE } from './event-filter.ts';
import { useEventDetail } from './useEventDetail.ts';
import { useEventFilter } from './useEventFilter.ts';
import { useEventPages } from './useEventPages.ts';
import { useEventTypes } from './useEventTypes.ts';
import { useMarkMatching } from './useMarkMatching.ts';
import { useMatchCount } from './useMatchCount.ts';
import { useSearchShortcut } from './useSearchShortcut.ts';

export interface LogDeps {
  boot: Boot | null;
  report(err: unknown): void;
  /** The feeds' unread counts changed (an event read, many marked). */
  refreshFeedCounts(): void;
}

/** The boot's first page, when it answers the list's first query. */
function bootPage(boot: Boot | null, query: object): EventPage | undefined {
  if (!boot) return undefined;
  return JSON.stringify({ ...query, limit: PAGE_SIZE }) === JSON.stringify(boot.query) ? boot.data.page : undefined;
}

export function useLog({ boot, report, refreshFeedCounts }: LogDeps) {
  // The first page of events is asked for first: the window's first rows wait on no other request.
  const filter = useEventFilter();
  const pages = useEventPages(filter.query, bootPage(boot, filter.query));
  const { types, refresh: refreshTypes } = useEventTypes(report, boot?.data.types);
  const events = useEventDetail(pages, refreshFeedCounts, report);
  const counts = useMatchCount(filter.query);
  const marking = useMarkMatching({
    query: filter.query,
    markLoadedRead: () => {
      pages.setRead(
        pages.items.flatMap((e) => (e && !e.read ? [e.key] : [])),
        true,
      );
      events.markShownRead();
    },
    changed: () => {
      pages.reload();
      counts.refresh();
      refreshFeedCounts();
    },
    report,
  });
  const detailOpen = events.openKey !== null;
  const { close: closeDetail } = events;
  // Esc closes the detail; the list gets the keyboard back where it was.
  const searchRef = useSearchShortcut(
    useCallback(() => {
      if (!detailOpen) return;
      closeDetail();
      document.querySelector<HTMLElement>('[data-testid="event-list"]')?.focus();
    }, [detailOpen, closeDetail]),
  );
  return { filter, pages, types, refreshTypes, events, counts, marking, searchRef };
}
