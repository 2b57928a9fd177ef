// The list pane: the filter bar, the first-run note, the count and "mark all read", the event list with its rows'
// context menu, the keyboard hint.
import type { RefObject } from 'react';
import type { NotifyRule, ProviderId } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { EventList } from './EventList.tsx';
import { EventMenu } from './EventMenu.tsx';
import { useEventMenu } from './useEventMenu.ts';
import { typeName } from '../settings/notify-text.ts';
import { Toolbar } from './Toolbar.tsx';
import { MarkNoticeBar, MarkReadButton } from './MarkRead.tsx';
import type { MarkMatching } from './useMarkMatching.ts';
import type { MatchCount } from './useMatchCount.ts';
import type { SyncOutcome } from './useSyncOutcome.ts';
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
  /** How many events match, and how many of them are unread. */
  counts: MatchCount;
  marking: MarkMatching;
  /** What the last «Обновить» came to. */
  sync: SyncOutcome;
  /** Main does not answer: the list is not current. */
  offline: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
  showFirstRunNote: boolean;
  onDismissFirstRunNote(): void;
  /** The notification rules, which a row's menu adds to («Не уведомлять о таких событиях»). */
  notifyRules: NotifyRule[];
  onRules(rules: NotifyRule[]): void;
  filtersOpen: boolean;
  onFiltersOpen(open: boolean): void;
}

export function LogPane(props: LogPaneProps) {
  const { filter, pages, events, feedNames, counts, showFirstRunNote, onDismissFirstRunNote } = props;
  const i18n = useI18n();
  const feedId = filter.filter.feedId;
  const feedName = feedId !== null ? (feedNames.get(feedId) ?? feedId) : null;
  const menu = useEventMenu(props.notifyRules, props.onRules);
  const muted = menu.muted?.item;
  return (
    <main className="list-pane" aria-label={i18n.t.list.events}>
      <Toolbar
        filter={filter.filter}
        providers={props.providers}
        types={props.types}
        searchRef={props.searchRef}
        onChange={filter.change}
        onReset={filter.reset}
        onToList={() => document.querySelector<HTMLElement>('[data-testid="event-list"]')?.focus()}
        filtersOpen={props.filtersOpen}
        onFiltersOpen={props.onFiltersOpen}
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
          <span data-testid="match-count" data-stale={counts.stale || counts.all === null}>
            {counts.all === null ? i18n.t.list.counting : i18n.t.list.matchCount(counts.all.count, counts.all.atLeast)}
          </span>
        </span>
        <MarkReadButton counts={counts} filtered={filter.filtered} marking={props.marking} />
      </div>
      <MarkNoticeBar marking={props.marking} />
      {props.sync.result && (
        <div className="mark-notice" role="status" data-testid="sync-outcome">
          <span>{i18n.t.list.syncResult(props.sync.result.added)}</span>
          <button type="button" className="link-button" onClick={props.sync.dismiss} aria-label={i18n.t.common.close}>
            ×
          </button>
        </div>
      )}
      {muted && (
        <div className="mark-notice" role="status" data-testid="muted-notice">
          <span>
            {i18n.t.eventMenu.muted(typeName(muted.type, props.types, i18n), feedNames.get(muted.feedId) ?? muted.feedId)}
          </span>
          <button type="button" className="link-button" onClick={menu.undoMute}>
            {i18n.t.eventMenu.undo}
          </button>
        </div>
      )}
      <EventList
        items={pages.items}
        hasMore={pages.hasMore}
        loading={pages.loading}
        loadingMore={pages.loadingMore}
        filtered={filter.filtered}
        offline={props.offline}
        search={filter.query.search ?? ''}
        feedNames={feedNames}
        activeKey={events.activeKey}
        openKey={events.openKey}
        prepended={pages.prepended}
        shownKey={pages.shownKey}
        onActiveChange={events.setActiveKey}
        onOpen={events.open}
        onToggleRead={events.toggleRead}
        onNeedMore={pages.loadMore}
        onRange={pages.showRange}
        onMenu={menu.openMenu}
      />
      {menu.menu && (
        <EventMenu
          at={menu.menu}
          onMute={() => menu.mute(menu.menu!.item)}
          onSetRead={(read) => events.setRead(menu.menu!.item.key, read)}
          onClose={menu.closeMenu}
        />
      )}
      <div className="list-foot" aria-hidden="true">
        {i18n.t.list.keyboardHint}
      </div>
    </main>
  );
}
