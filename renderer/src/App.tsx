// The log window: sidebar | filtered, virtualized event list | detail pane, or the feed editor in place of the last
// two. The data lives in the features' hooks; this composes them and routes what one feature's action means to others.
import { useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { I18nContext } from './i18n/I18nContext.ts';
import { ProvidersContext } from './providers/ProvidersContext.ts';
import { useProviderList } from './providers/useProviderList.ts';
import { usePreferences } from './features/preferences/usePreferences.ts';
import { useRequestError } from './features/request-error/useRequestError.ts';
import { ErrorBanner } from './features/request-error/ErrorBanner.tsx';
import { useConnection } from './features/connection/useConnection.ts';
import { ConnectionBanner } from './features/connection/ConnectionBanner.tsx';
import { Header } from './features/header/Header.tsx';
import { Sidebar } from './features/sidebar/Sidebar.tsx';
import { useFeeds } from './features/sidebar/useFeeds.ts';
import { isFailing } from './features/sidebar/feed-status-text.ts';
import { providersToOffer } from './features/log/event-filter.ts';
import { useEventFilter } from './features/log/useEventFilter.ts';
import { useEventPages } from './features/log/useEventPages.ts';
import { useEventTypes } from './features/log/useEventTypes.ts';
import { useEventDetail } from './features/log/useEventDetail.ts';
import { useSearchShortcut } from './features/log/useSearchShortcut.ts';
import { useMatchCount } from './features/log/useMatchCount.ts';
import { useMarkMatching } from './features/log/useMarkMatching.ts';
import { useSyncOutcome } from './features/log/useSyncOutcome.ts';
import { LogPane } from './features/log/LogPane.tsx';
import { DetailPane } from './features/log/DetailPane.tsx';
import { Welcome } from './features/welcome/Welcome.tsx';
import { useWelcome } from './features/welcome/useWelcome.ts';
import { FeedEditor } from './features/feed-editor/FeedEditor.tsx';
import { SettingsView } from './features/settings/SettingsView.tsx';
import { usePaneLayout, SIDEBAR, DETAIL } from './features/layout/usePaneLayout.ts';
import { Splitter } from './features/layout/Splitter.tsx';

/** The feed management view: null shows the event log; { feedId: null } adds a feed. */
type Editing = { feedId: string | null; justSaved?: boolean; focus?: string } | null;

export function App() {
  // The first page of events is asked for first: the window's first rows wait on no other request.
  const filter = useEventFilter();
  const pages = useEventPages(filter.query);
  const { error, report, clear: clearError } = useRequestError();
  const prefs = usePreferences(report);
  const { infos, providers } = useProviderList(report);
  const feeds = useFeeds(report);
  const { types, refresh: refreshTypes } = useEventTypes(report);
  const events = useEventDetail(pages, feeds.refreshCounts, report);
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
      feeds.refreshCounts();
    },
    report,
  });
  const welcome = useWelcome(report);
  const layout = usePaneLayout();
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
  const [editing, setEditingState] = useState<Editing>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  /** The feed form and the Settings view take the same place: opening one closes the other. */
  const setEditing: typeof setEditingState = (next) => {
    setSettingsOpen(false);
    setEditingState(next);
  };
  const { i18n } = prefs;
  // At narrow widths the detail takes the list's place: the keyboard goes with it.
  const shownKey = events.detail?.key ?? null;
  useEffect(() => {
    if (layout.narrow && shownKey !== null) document.querySelector<HTMLElement>('[data-testid="detail"]')?.focus();
  }, [layout.narrow, shownKey]);
  const sync = useSyncOutcome(feeds.list);

  // Main is back after a lost connection: everything shown may be out of date.
  const { reload: reloadFeeds, refreshCounts } = feeds;
  const { reload: reloadPages } = pages;
  const restore = useCallback(() => {
    clearError();
    reloadFeeds();
    refreshCounts();
    reloadPages();
    counts.refresh();
    refreshTypes();
  }, [clearError, reloadFeeds, refreshCounts, reloadPages, counts, refreshTypes]);
  const connection = useConnection(restore);
  const failure = error ?? pages.error;
  const { check } = connection;
  // A failed request may mean main is gone: ask at once, and say that rather than the request's own error.
  useEffect(() => {
    if (failure !== null) check();
  }, [failure, check]);

  const feedList = feeds.list ?? [];
  const offered = useMemo(
    () =>
      providersToOffer(
        infos.map((p) => p.id),
        feeds.list ?? [],
        types,
      ),
    [infos, feeds.list, types],
  );
  const noFeeds = feeds.list !== null && feeds.list.length === 0;
  const selectedFeedId = filter.filter.feedId;
  const addFeed = () => setEditing({ feedId: null });

  const addSample = () =>
    welcome.addSample((status) => {
      feeds.put(status);
      pages.refreshHead();
      refreshTypes();
    });

  return (
    <ProvidersContext.Provider value={providers}>
      <I18nContext.Provider value={i18n}>
        <div className="app" data-connection={connection.lost ? 'lost' : 'ok'}>
          <Header
            totalUnread={feeds.totalUnread}
            failingFeeds={feedList.filter(isFailing).length}
            language={prefs.language}
            theme={prefs.theme}
            onLanguage={(language) => prefs.update({ language })}
            onTheme={(theme) => prefs.update({ theme })}
            onOpenSettings={() => {
              setEditingState(null);
              setSettingsOpen(true);
            }}
          />
          <ConnectionBanner connection={connection} />
          {failure !== null && !connection.lost && <ErrorBanner message={failure} onClose={clearError} />}
          <div
            className={`panes${layout.narrow ? ' narrow' : ''}${detailOpen && !editing ? ' detail-open' : ''}`}
            style={
              { '--sidebar-width': `${layout.sidebarWidth}px`, '--detail-width': `${layout.detailWidth}px` } as CSSProperties
            }
          >
            <Splitter
              className="splitter-sidebar"
              label={i18n.t.layout.sidebarWidth}
              value={layout.sidebarWidth}
              min={SIDEBAR.min}
              max={SIDEBAR.max}
              direction={1}
              onChange={layout.setSidebarWidth}
            />
            <Sidebar
              feeds={feedList}
              counts={feeds.counts}
              selectedFeedId={selectedFeedId}
              onSelectFeed={(feedId) => filter.change({ feedId })}
              onSetPaused={feeds.setPaused}
              onSyncNow={(feedId) => {
                sync.watch(feedId);
                feeds.syncNow(feedId);
              }}
              onDismissNote={feeds.dismissNote}
              onAddFeed={addFeed}
              onEditFeed={(feedId) => setEditing({ feedId })}
              onFix={(feedId, fix) =>
                fix.kind === 'retry'
                  ? feeds.syncNow(feedId)
                  : setEditing({ feedId, focus: fix.kind === 'signIn' ? 'signIn' : (fix.field ?? 'settings') })
              }
              editingFeedId={editing?.feedId ?? null}
            />
            {editing ? (
              <FeedEditor
                key={`${editing.feedId ?? ' new'} ${editing.focus ?? ''}`}
                feedId={editing.feedId}
                focus={editing.focus}
                justSaved={editing.justSaved ?? false}
                feeds={feedList}
                forms={infos}
                onClose={() => setEditing(null)}
                onSaved={(status) => {
                  welcome.dismiss();
                  // Reload rather than trust `status`: pushes about the restarted feed may have overtaken the answer.
                  feeds.reload();
                  setEditing((e) => (e?.feedId === status.id ? e : { feedId: status.id, justSaved: true }));
                  feeds.refreshCounts();
                }}
                onRemoved={(feedId) => {
                  feeds.drop(feedId);
                  filter.forgetFeed(feedId);
                  setEditing(null);
                  feeds.refreshCounts();
                  pages.refreshHead();
                  refreshTypes();
                }}
              />
            ) : settingsOpen ? (
              <SettingsView
                prefs={prefs.prefs}
                onUpdate={prefs.update}
                onClose={() => setSettingsOpen(false)}
                report={report}
                onImported={() => {
                  welcome.dismiss();
                  feeds.reload();
                  feeds.refreshCounts();
                }}
              />
            ) : noFeeds && !welcome.dismissed ? (
              <Welcome adding={welcome.adding} onAddSample={addSample} onAddFeed={addFeed} />
            ) : (
              <>
                <LogPane
                  filter={filter}
                  pages={pages}
                  events={events}
                  providers={offered}
                  types={types}
                  feedNames={feeds.names}
                  counts={counts}
                  marking={marking}
                  offline={connection.lost}
                  sync={sync}
                  searchRef={searchRef}
                  showFirstRunNote={welcome.firstRun && !noFeeds && !welcome.dismissed}
                  onDismissFirstRunNote={welcome.dismiss}
                />
                <Splitter
                  className="splitter-detail"
                  label={i18n.t.layout.detailWidth}
                  value={layout.detailWidth}
                  min={DETAIL.min}
                  max={DETAIL.max}
                  direction={-1}
                  onChange={layout.setDetailWidth}
                />
                <DetailPane
                  detail={events.detail}
                  loading={events.loading}
                  feedName={events.detail ? (feeds.names.get(events.detail.feedId) ?? null) : null}
                  onSetRead={events.setRead}
                  search={filter.query.search ?? ''}
                  onClose={events.close}
                />
              </>
            )}
          </div>
        </div>
      </I18nContext.Provider>
    </ProvidersContext.Provider>
  );
}
