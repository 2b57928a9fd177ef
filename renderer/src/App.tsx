// The log window: sidebar | filtered, virtualized event list | detail pane, or the feed editor in place of the last
// two. The data lives in the features' hooks; this composes them and routes what one feature's action means to others.
import { lazy, Suspense, useEffect, useMemo, type CSSProperties } from 'react';
import type { Boot } from './boot.ts';
import { I18nContext } from './i18n/I18nContext.ts';
import { ProvidersContext } from './providers/ProvidersContext.ts';
import { useProviderList } from './providers/useProviderList.ts';
import { usePreferences } from './features/preferences/usePreferences.ts';
import { useRequestError } from './features/request-error/useRequestError.ts';
import { ErrorBanner } from './features/request-error/ErrorBanner.tsx';
import { useStayCurrent } from './features/connection/useStayCurrent.ts';
import { ConnectionBanner } from './features/connection/ConnectionBanner.tsx';
import { Header } from './features/header/Header.tsx';
import { Sidebar } from './features/sidebar/Sidebar.tsx';
import { useFeeds } from './features/sidebar/useFeeds.ts';
import { isFailing } from './features/sidebar/feed-status-text.ts';
import { providersToOffer } from './features/log/event-filter.ts';
import { useLog } from './features/log/useLog.ts';
import { useSyncOutcome } from './features/log/useSyncOutcome.ts';
import { LogPane } from './features/log/LogPane.tsx';
import { DetailPane } from './features/log/DetailPane.tsx';
import { Welcome } from './features/welcome/Welcome.tsx';
import { useWelcome } from './features/welcome/useWelcome.ts';
import { usePaneLayout, SIDEBAR, DETAIL } from './features/layout/usePaneLayout.ts';
import { Splitter } from './features/layout/Splitter.tsx';
import { useMainView } from './features/layout/useMainView.ts';
import { useActionCounts } from './features/actions/useActionCounts.ts';

// Not on the first screen: loaded when first opened, so the window's first rows do not wait for their code.
const FeedEditor = lazy(() => import('./features/feed-editor/FeedEditor.tsx').then((m) => ({ default: m.FeedEditor })));
const SettingsView = lazy(() => import('./features/settings/SettingsView.tsx').then((m) => ({ default: m.SettingsView })));
const ActionsView = lazy(() => import('./features/actions/ActionsView.tsx').then((m) => ({ default: m.ActionsView })));

/** `boot`: the first screen's data (app:boot), or null when main did not give it (each part is then asked for). */
export function App({ boot }: { boot: Boot | null }) {
  const { error, report, clear: clearError } = useRequestError();
  const data = boot?.data;
  const prefs = usePreferences(report, data?.prefs);
  const { infos, providers } = useProviderList(report, data?.providers);
  const feeds = useFeeds(report, data && { feeds: data.feeds, counts: data.unreadCounts });
  const { filter, pages, types, refreshTypes, events, counts, marking, searchRef } = useLog({
    boot,
    report,
    refreshFeedCounts: feeds.refreshCounts,
  });
  const welcome = useWelcome(report, data?.firstRun);
  const layout = usePaneLayout(prefs.layout, prefs.updateLayout);
  const detailOpen = events.openKey !== null;
  const main = useMainView();
  const { editing, setEditing } = main;
  const actions = useActionCounts(report, data?.actionCounts);
  const { i18n } = prefs;
  // At narrow widths the detail takes the list's place: the keyboard goes with it.
  const shownKey = events.detail?.key ?? null;
  useEffect(() => {
    if (layout.narrow && shownKey !== null) document.querySelector<HTMLElement>('[data-testid="detail"]')?.focus();
  }, [layout.narrow, shownKey]);
  const sync = useSyncOutcome(feeds.list);

  const { connection, failure } = useStayCurrent({
    boot,
    error: error ?? pages.error,
    clearError,
    reloads: [feeds.reload, feeds.refreshCounts, pages.reload, counts.refresh, refreshTypes, prefs.reload, actions.refresh],
  });

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
            onOpenSettings={main.showSettings}
          />
          <ConnectionBanner connection={connection} />
          {failure !== null && !connection.lost && <ErrorBanner message={failure} onClose={clearError} />}
          <div
            className={`panes${detailOpen && !editing ? ' detail-open' : ''}`}
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
              onSelectFeed={(feedId) => {
                main.showLog();
                filter.change({ feedId });
              }}
              actionCounts={actions.counts}
              queueSelected={main.view.kind === 'queue'}
              onSelectQueue={main.showQueue}
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
            <Suspense fallback={null}>
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
              ) : main.view.kind === 'settings' ? (
                <SettingsView
                  prefs={prefs.prefs}
                  onUpdate={prefs.update}
                  feeds={feedList}
                  types={types}
                  onClose={main.showLog}
                  report={report}
                  onImported={() => {
                    welcome.dismiss();
                    feeds.reload();
                    feeds.refreshCounts();
                  }}
                />
              ) : main.view.kind === 'queue' ? (
                <ActionsView
                  report={report}
                  onShowEvent={(key) => {
                    main.showLog();
                    events.open(key);
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
                    notifyRules={prefs.prefs?.notifyRules ?? []}
                    onRules={(notifyRules) => prefs.update({ notifyRules })}
                    filtersOpen={prefs.layout.filtersOpen}
                    onFiltersOpen={(filtersOpen) => prefs.updateLayout({ filtersOpen })}
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
            </Suspense>
          </div>
        </div>
      </I18nContext.Provider>
    </ProvidersContext.Provider>
  );
}
