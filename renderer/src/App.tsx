// The log window: sidebar | filtered, virtualized event list | detail pane, all driven by the bridge.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type EventDetail,
  type EventFilter,
  type FeedStatus,
  type Language,
  type Preferences,
  type ProviderInfo,
  type ProviderId,
  type Requests,
  type UnreadCounts,
} from '../../preload/contract.ts';
import { call, on } from './bridge.ts';
import { I18nContext } from './i18n/I18nContext.ts';
import { createTranslator } from './i18n/translator.ts';
import { ProvidersContext, providersOf } from './providers/ProvidersContext.ts';
import { useEventPages } from './features/log/useEventPages.ts';
import { DetailPane } from './features/log/DetailPane.tsx';
import { EventList } from './features/log/EventList.tsx';
import { Header } from './features/header/Header.tsx';
import { Sidebar, unreadOf } from './features/sidebar/Sidebar.tsx';
import { EMPTY_FILTER, Toolbar, type UiFilter } from './features/log/Toolbar.tsx';
import { Welcome } from './features/welcome/Welcome.tsx';
import { FeedEditor } from './features/feed-editor/FeedEditor.tsx';
import { CheckAllIcon } from './ui/Icons.tsx';

type AppInfo = Requests['app:info']['result'];
type KnownType = Requests['events:types']['result'][number];

const SEARCH_DEBOUNCE_MS = 250;
const TYPES_REFRESH_MS = 3000;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

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

function toQuery(filter: UiFilter, search: string): EventFilter {
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function App() {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [feeds, setFeeds] = useState<FeedStatus[] | null>(null);
  const [counts, setCounts] = useState<UnreadCounts>({});
  const [types, setTypes] = useState<KnownType[]>([]);
  const [filter, setFilter] = useState<UiFilter>(EMPTY_FILTER);
  const [activeKey, setActiveKey] = useState<number | null>(null);
  const [openKey, setOpenKey] = useState<number | null>(null);
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [detailLoading, setDetailLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [welcomeDismissed, setWelcomeDismissed] = useState(false);
  const [addingDemo, setAddingDemo] = useState(false);
  /** The feed management view: null shows the event log; { feedId: null } adds a feed. */
  const [editing, setEditing] = useState<{ feedId: string | null; justSaved?: boolean } | null>(null);
  const [forms, setForms] = useState<ProviderInfo[]>([]);
  const providerList = useMemo(() => providersOf(forms), [forms]);

  const language: Language = prefs?.language ?? 'ru';
  const i18n = useMemo(() => createTranslator(language), [language]);
  const search = useDebounced(filter.search.trim(), SEARCH_DEBOUNCE_MS);
  const query = useMemo(() => toQuery(filter, search), [filter, search]);
  const pages = useEventPages(query);
  const { refreshHead, setRead: setPageRead } = pages;

  const searchRef = useRef<HTMLInputElement | null>(null);
  const openKeyRef = useRef<number | null>(null);
  const typesFetchedAt = useRef(0);

  const report = useCallback((err: unknown) => setError(errorText(err)), []);

  const refreshCounts = useCallback(() => {
    call('events:unreadCounts').then(setCounts, report);
  }, [report]);

  const refreshTypes = useCallback(() => {
    typesFetchedAt.current = Date.now();
    call('events:types').then(setTypes, report);
  }, [report]);

  // First load.
  useEffect(() => {
    call('prefs:get').then(setPrefs, report);
    call('app:info').then(setInfo, report);
    call('feeds:list').then(setFeeds, report);
    call('providers:list').then(setForms, report);
    refreshCounts();
    refreshTypes();
  }, [report, refreshCounts, refreshTypes]);

  // Theme and language on the document.
  useEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    const theme = prefs?.theme ?? 'system';
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    document.title = `${i18n.t.window.appTitle} — ${i18n.t.window.logTitle}`;
  }, [language, prefs?.theme, i18n]);

  const setRead = useCallback(
    (key: number, read: boolean) => {
      setPageRead([key], read);
      setDetail((d) => (d && d.key === key ? { ...d, read } : d));
      call('events:markRead', [key], read).then(refreshCounts, report);
    },
    [setPageRead, refreshCounts, report],
  );

  const openEvent = useCallback(
    (key: number) => {
      openKeyRef.current = key;
      setOpenKey(key);
      setActiveKey(key);
      setDetailLoading(true);
      call('events:get', key).then(
        (found) => {
          if (openKeyRef.current !== key) return;
          setDetailLoading(false);
          setDetail(found);
          if (found && !found.read) setRead(key, true);
        },
        (err: unknown) => {
          setDetailLoading(false);
          report(err);
        },
      );
    },
    [setRead, report],
  );

  // Pushes from main.
  useEffect(() => {
    const offs = [
      on('events:added', () => {
        refreshHead();
        if (Date.now() - typesFetchedAt.current > TYPES_REFRESH_MS) refreshTypes();
      }),
      on('events:unreadCounts', setCounts),
      on('feeds:status', (status) =>
        setFeeds((list) => {
          if (!list) return [status];
          const at = list.findIndex((f) => f.id === status.id);
          if (at < 0) return [...list, status];
          const copy = list.slice();
          copy[at] = status;
          return copy;
        }),
      ),
      on('prefs:changed', setPrefs),
      on('window:openEvent', ({ key }) => {
        refreshHead();
        openEvent(key);
      }),
      // A burst summary was clicked: show that feed's unread events.
      on('window:openFeed', ({ feedId }) => setFilter({ ...EMPTY_FILTER, feedId, unreadOnly: true })),
    ];
    return () => offs.forEach((off) => off());
  }, [refreshHead, refreshTypes, openEvent]);

  // "/" focuses the search box from anywhere but a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTextField(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const updatePrefs = (patch: Partial<Preferences>) => {
    setPrefs((p) => (p ? { ...p, ...patch } : p));
    call('prefs:update', patch).then(setPrefs, report);
  };

  const changeFilter = (patch: Partial<UiFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const toggleRead = useCallback(
    (key: number) => {
      const item = pages.items.find((e) => e.key === key);
      if (item) setRead(key, !item.read);
    },
    [pages.items, setRead],
  );

  const markAllRead = () => {
    const feedId = filter.feedId;
    setPageRead(
      pages.items.filter((e) => !e.read && (feedId === null || e.feedId === feedId)).map((e) => e.key),
      true,
    );
    setDetail((d) => (d && (feedId === null || d.feedId === feedId) ? { ...d, read: true } : d));
    call('events:markAllRead', feedId).then(refreshCounts, report);
  };

  const setPaused = (feedId: string | null, paused: boolean) => {
    setFeeds((list) => list?.map((f) => (feedId === null || f.id === feedId ? { ...f, paused } : f)) ?? list);
    call('feeds:setPaused', feedId, paused).then(
      () => call('feeds:list').then(setFeeds, report),
      report,
    );
  };

  const syncNow = (feedId: string | null) => {
    call('feeds:syncNow', feedId).catch(report);
  };

  const dismissNote = (feedId: string) => {
    call('feeds:dismissNote', feedId).catch(report);
  };

  const addDemo = () => {
    setAddingDemo(true);
    call('feeds:addSample').then(
      (status) => {
        setAddingDemo(false);
        setWelcomeDismissed(true);
        setFeeds((list) => [...(list ?? []).filter((f) => f.id !== status.id), status]);
        refreshHead();
        refreshTypes();
      },
      (err: unknown) => {
        setAddingDemo(false);
        report(err);
      },
    );
  };

  const feedNames = useMemo(() => new Map((feeds ?? []).map((f) => [f.id, f.name])), [feeds]);
  const providers = useMemo(() => {
    const all = forms.map((p) => p.id);
    const present = new Set<ProviderId>([...(feeds ?? []).map((f) => f.provider), ...types.map((t) => t.provider)]);
    const list = all.filter((p) => present.has(p));
    return list.length > 0 ? list : all;
  }, [forms, feeds, types]);

  const totalUnread = (feeds ?? []).reduce((sum, f) => sum + unreadOf(f, counts), 0);
  const noFeeds = feeds !== null && feeds.length === 0;
  const showFirstRunNote = info?.firstRun === true && !noFeeds && !welcomeDismissed;
  const filtered = JSON.stringify(query) !== '{}';
  const selectedFeedName = filter.feedId !== null ? (feedNames.get(filter.feedId) ?? filter.feedId) : null;

  return (
    <ProvidersContext.Provider value={providerList}>
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <Header
          totalUnread={totalUnread}
          language={language}
          theme={prefs?.theme ?? 'system'}
          onLanguage={(lang) => updatePrefs({ language: lang })}
          onTheme={(theme) => updatePrefs({ theme })}
        />
        {(error ?? pages.error) && (
          <div className="error-banner" role="alert">
            <span>{i18n.t.common.requestFailed(error ?? pages.error ?? '')}</span>
            <button type="button" className="link-button" onClick={() => setError(null)}>
              {i18n.t.common.close}
            </button>
          </div>
        )}
        <div className="panes">
          <Sidebar
            feeds={feeds ?? []}
            counts={counts}
            selectedFeedId={filter.feedId}
            onSelectFeed={(feedId) => changeFilter({ feedId })}
            onSetPaused={setPaused}
            onSyncNow={syncNow}
            onDismissNote={dismissNote}
            onAddFeed={() => setEditing({ feedId: null })}
            onEditFeed={(feedId) => setEditing({ feedId })}
            editingFeedId={editing?.feedId ?? null}
          />
          {editing ? (
            <FeedEditor
              key={editing.feedId ?? ' new'}
              feedId={editing.feedId}
              justSaved={editing.justSaved ?? false}
              feeds={feeds ?? []}
              forms={forms}
              onClose={() => setEditing(null)}
              onSaved={(status) => {
                setWelcomeDismissed(true);
                // Reload rather than trust `status`: pushes about the restarted feed may have overtaken the answer.
                call('feeds:list').then(setFeeds, report);
                setEditing((e) => (e?.feedId === status.id ? e : { feedId: status.id, justSaved: true }));
                refreshCounts();
              }}
              onRemoved={(feedId) => {
                setFeeds((list) => list?.filter((f) => f.id !== feedId) ?? list);
                setFilter((f) => (f.feedId === feedId ? { ...f, feedId: null } : f));
                setEditing(null);
                refreshCounts();
                refreshHead();
                refreshTypes();
              }}
              onImported={() => {
                setWelcomeDismissed(true);
                call('feeds:list').then(setFeeds, report);
                refreshCounts();
              }}
            />
          ) : noFeeds && !welcomeDismissed ? (
            <Welcome adding={addingDemo} onAddSample={addDemo} onAddFeed={() => setEditing({ feedId: null })} />
          ) : (
            <>
              <main className="list-pane" aria-label={i18n.t.list.events}>
                <Toolbar
                  filter={filter}
                  providers={providers}
                  types={types}
                  searchRef={searchRef}
                  onChange={changeFilter}
                  onReset={() => setFilter(EMPTY_FILTER)}
                />
                {showFirstRunNote && (
                  <div className="note-banner" role="status">
                    <span>{i18n.t.welcome.firstRunNote}</span>
                    <button type="button" className="link-button" onClick={() => setWelcomeDismissed(true)}>
                      {i18n.t.common.dismiss}
                    </button>
                  </div>
                )}
                <div className="list-head">
                  <span className="list-count" data-testid="loaded-count" data-count={pages.items.length}>
                    {selectedFeedName ? `${selectedFeedName} · ` : ''}
                    {/* More pages load as the list scrolls; until the last one, say these are the newest. */}
                    {(pages.hasMore ? i18n.t.list.newestShown : i18n.t.list.eventsLoaded)(pages.items.length)}
                  </span>
                  <button
                    type="button"
                    className="small-button"
                    onClick={markAllRead}
                    disabled={(filter.feedId === null ? totalUnread : (counts[filter.feedId] ?? 0)) === 0}
                  >
                    <CheckAllIcon />
                    <span>{i18n.t.list.markAllRead}</span>
                  </button>
                </div>
                <EventList
                  items={pages.items}
                  hasMore={pages.hasMore}
                  loading={pages.loading}
                  loadingMore={pages.loadingMore}
                  filtered={filtered}
                  feedNames={feedNames}
                  activeKey={activeKey}
                  openKey={openKey}
                  prepended={pages.prepended}
                  onActiveChange={setActiveKey}
                  onOpen={openEvent}
                  onToggleRead={toggleRead}
                  onNeedMore={pages.loadMore}
                />
                <div className="list-foot" aria-hidden="true">
                  {i18n.t.list.keyboardHint}
                </div>
              </main>
              <DetailPane
                detail={detail}
                loading={detailLoading}
                feedName={detail ? (feedNames.get(detail.feedId) ?? null) : null}
                onSetRead={setRead}
              />
            </>
          )}
        </div>
      </div>
    </I18nContext.Provider>
    </ProvidersContext.Provider>
  );
}
