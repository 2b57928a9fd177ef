// The list pane: the filter bar, the first-run note, the count and "mark all read", the event list, the keyboard hint.
import type { RefObject } from 'react';
import type { ProviderId } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { CheckAllIcon } from '../../ui/Icons.tsx';
import { EventList } from './EventList.tsx';
import { Toolbar } from './Toolbar.tsx';
import type { EventDetailState } from './useEventDetail.ts';
import type { EventFilterState } from './useEventFilter.ts';
import type { EventPages } from './useEventPages.ts';
import type { KnownType } from './useEventTypes.ts';

export interface LogPaneProps {
  filter: EventFilterState;
  pages: EventPages;
  events: EventDetailState;
  /** The services and types the filter offers. */
  providers: ProviderId[];
  types: KnownType[];
  feedNames: ReadonlyMap<string, string>;
  /** Unread events in the feed shown, or in all feeds: none disables "mark all read". */
  unread: number;
  searchRef: RefObject<HTMLInputElement | null>;
  showFirstRunNote: boolean;
  onDismissFirstRunNote(): void;
}

export function LogPane(props: LogPaneProps) {
  const { filter, pages, events, feedNames, unread, showFirstRunNote, onDismissFirstRunNote } = props;
  const i18n = useI18n();
  const feedId = filter.filter.feedId;
  const feedName = feedId !== null ? (feedNames.get(feedId) ?? feedId) : null;
  return (
    <main className="list-pane" aria-label={i18n.t.list.events}>
      <Toolbar
        filter={filter.filter}
        providers={props.providers}
        types={props.types}
        searchRef={props.searchRef}
        onChange={filter.change}
        onReset={filter.reset}
      />
      {showFirstRunNote && (
        <div className="note-banner" role="status">
          <span>{i18n.t.welcome.firstRunNote}</span>
          <button type="button" className="link-button" onClick={onDismissFirstRunNote}>
            {i18n.t.common.dismiss}
          </button>
        </div>
      )}
      <div className="list-head">
        <span className="list-count" data-testid="loaded-count" data-count={pages.items.length}>
          {feedName ? `${feedName} · ` : ''}
          {/* More pages load as the list scrolls; until the last one, say these are the newest. */}
          {(pages.hasMore ? i18n.t.list.newestShown : i18n.t.list.eventsLoaded)(pages.items.length)}
        </span>
        <button type="button" className="small-button" onClick={() => events.markAllRead(feedId)} disabled={unread === 0}>
          <CheckAllIcon />
          <span>{i18n.t.list.markAllRead}</span>
        </button>
      </div>
      <EventList
        items={pages.items}
        hasMore={pages.hasMore}
        loading={pages.loading}
        loadingMore={pages.loadingMore}
        filtered={filter.filtered}
        feedNames={feedNames}
        activeKey={events.activeKey}
        openKey={events.openKey}
        prepended={pages.prepended}
        onActiveChange={events.setActiveKey}
        onOpen={events.open}
        onToggleRead={events.toggleRead}
        onNeedMore={pages.loadMore}
      />
      <div className="list-foot" aria-hidden="true">
        {i18n.t.list.keyboardHint}
      </div>
    </main>
  );
}
