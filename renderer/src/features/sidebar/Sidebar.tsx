// The feed sidebar: unread counts, each feed's state in one line, pause/resume and sync-now, per feed and for all.
// Failing feeds come first, with a one-click fix; «Все ленты» shows how many fail.
import type { ActionCounts, FeedFix, FeedStatus, UnreadCounts } from '../../../../preload/contract.ts';
import { ActionsEntry } from '../actions/ActionsEntry.tsx';
import { useI18n } from '../../i18n/I18nContext.ts';
import { PauseIcon, PlayIcon, PlusIcon, SyncIcon } from '../../ui/Icons.tsx';
import { FeedCard } from './FeedCard.tsx';
import { failingFirst, isFailing } from './feed-status-text.ts';
import { UnreadBadge } from './UnreadBadge.tsx';
import { useNow } from './useNow.ts';

export interface SidebarProps {
  feeds: FeedStatus[];
  counts: UnreadCounts;
  selectedFeedId: string | null;
  onSelectFeed(feedId: string | null): void;
  onSetPaused(feedId: string | null, paused: boolean): void;
  onSyncNow(feedId: string | null): void;
  onDismissNote(feedId: string): void;
  /** Opens the feed form for a new feed. */
  onAddFeed(): void;
  /** Opens a feed's settings. */
  onEditFeed(feedId: string): void;
  /** The one-click fix of a failing feed (enter the token again, sign in, correct the settings, retry). */
  onFix(feedId: string, fix: FeedFix): void;
  /** The feed whose settings are open, if any. */
  editingFeedId?: string | null;
  /** «Требует действия»: its counts, whether it is shown, and showing it. */
  actionCounts: ActionCounts | null;
  queueSelected: boolean;
  onSelectQueue(): void;
}

export function unreadOf(feed: FeedStatus, counts: UnreadCounts): number {
  return counts[feed.id] ?? feed.unread;
}

export function Sidebar(props: SidebarProps) {
  const { feeds, counts, selectedFeedId, onSelectFeed, onSetPaused, onSyncNow, onAddFeed, onEditFeed, editingFeedId } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow(30_000);
  const total = feeds.reduce((sum, feed) => sum + unreadOf(feed, counts), 0);
  const allPaused = feeds.length > 0 && feeds.every((f) => f.paused || !f.enabled);
  const failing = feeds.filter(isFailing).length;
  // The queue in the main pane: no feed selection is shown as current.
  const selected = props.queueSelected ? undefined : selectedFeedId;
  return (
    <nav className="sidebar" aria-label={t.sidebar.feeds}>
      <div className="sidebar-head">
        <h2 className="sidebar-title">{t.sidebar.feeds}</h2>
        <div className="sidebar-actions">
          <button
            type="button"
            className="icon-button"
            title={t.sidebar.addFeed}
            aria-label={t.sidebar.addFeed}
            onClick={onAddFeed}
          >
            <PlusIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            title={t.sidebar.syncAll}
            aria-label={t.sidebar.syncAll}
            onClick={() => onSyncNow(null)}
            disabled={feeds.length === 0}
          >
            <SyncIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            title={allPaused ? t.sidebar.resumeAll : t.sidebar.pauseAll}
            aria-label={allPaused ? t.sidebar.resumeAll : t.sidebar.pauseAll}
            onClick={() => onSetPaused(null, !allPaused)}
            disabled={feeds.length === 0}
          >
            {allPaused ? <PlayIcon /> : <PauseIcon />}
          </button>
        </div>
      </div>
      <ul className="feed-list">
        <ActionsEntry counts={props.actionCounts} selected={props.queueSelected} onSelect={props.onSelectQueue} />
        <li>
          <button
            type="button"
            className={`feed-item all${selected === null ? ' selected' : ''}`}
            aria-current={selected === null ? 'true' : undefined}
            onClick={() => onSelectFeed(null)}
          >
            <span className="feed-name">{t.sidebar.allFeeds}</span>
            {failing > 0 && (
              <span className="failing-sign" data-testid="failing-all" data-count={failing} title={t.sidebar.failing(failing)}>
                <span aria-hidden="true">!</span>
                <span className="visually-hidden">{t.sidebar.failing(failing)}</span>
              </span>
            )}
            <UnreadBadge count={total} testId="unread-total" />
          </button>
        </li>
        {failingFirst(feeds).map((feed) => {
          const isSelected = selected === feed.id;
          return (
            <FeedCard
              key={feed.id}
              feed={feed}
              unread={unreadOf(feed, counts)}
              selected={isSelected}
              editing={editingFeedId === feed.id}
              now={now}
              onSelect={() => onSelectFeed(isSelected ? null : feed.id)}
              onSetPaused={(paused) => onSetPaused(feed.id, paused)}
              onSyncNow={() => onSyncNow(feed.id)}
              onDismissNote={() => props.onDismissNote(feed.id)}
              onEdit={() => onEditFeed(feed.id)}
              onFix={(fix) => props.onFix(feed.id, fix)}
            />
          );
        })}
      </ul>
    </nav>
  );
}
