// The feed sidebar: unread counts, each feed's sync state, pause/resume and sync-now, per feed and for all.
import type { FeedStatus, UnreadCounts } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { Translator } from '../../i18n/translator.ts';
import { cleanText, isLonger, oneLine } from '../../text/remote-text.ts';
import { EditIcon, PauseIcon, PlayIcon, PlusIcon, SyncIcon } from '../../ui/Icons.tsx';
import { ProviderBadge } from '../../ui/ProviderBadge.tsx';

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
  /** The feed whose settings are open, if any. */
  editingFeedId?: string | null;
}

/** A service's error text in a feed's card, at most this long; the whole of it is behind «Подробнее». */
export const ERROR_TEXT_MAX = 200;
/** A feed name (the form allows 100) and a note, as shown. */
const NAME_MAX = 100;
const NOTE_MAX = 300;

export function unreadOf(feed: FeedStatus, counts: UnreadCounts): number {
  return counts[feed.id] ?? feed.unread;
}

function phaseOf(feed: FeedStatus): FeedStatus['phase'] {
  if (!feed.enabled) return 'disabled';
  if (feed.paused) return 'paused';
  return feed.phase;
}

function statusLine(feed: FeedStatus, i18n: Translator): string {
  const phase = phaseOf(feed);
  switch (phase) {
    case 'ok':
    case 'idle':
      if (feed.lastSuccessAt !== null) {
        const ok = i18n.t.sidebar.okAt(i18n.time(feed.lastSuccessAt));
        return feed.nextPollAt !== null ? `${ok} · ${i18n.t.sidebar.nextPollAt(i18n.time(feed.nextPollAt))}` : ok;
      }
      return i18n.t.phase[phase];
    case 'error':
      return feed.lastError
        ? `${i18n.t.errorKind[feed.lastError.kind] ?? feed.lastError.kind} · ${i18n.time(feed.lastError.at)}`
        : i18n.t.phase.error;
    default:
      return i18n.t.phase[phase];
  }
}

export function Sidebar({ feeds, counts, selectedFeedId, onSelectFeed, onSetPaused, onSyncNow, onDismissNote, onAddFeed, onEditFeed, editingFeedId }: SidebarProps) {
  const i18n = useI18n();
  const total = feeds.reduce((sum, feed) => sum + unreadOf(feed, counts), 0);
  const allPaused = feeds.length > 0 && feeds.every((f) => f.paused || !f.enabled);
  return (
    <nav className="sidebar" aria-label={i18n.t.sidebar.feeds}>
      <div className="sidebar-head">
        <h2 className="sidebar-title">{i18n.t.sidebar.feeds}</h2>
        <div className="sidebar-actions">
          <button type="button" className="icon-button" title={i18n.t.sidebar.addFeed} aria-label={i18n.t.sidebar.addFeed} onClick={onAddFeed}>
            <PlusIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            title={i18n.t.sidebar.syncAll}
            aria-label={i18n.t.sidebar.syncAll}
            onClick={() => onSyncNow(null)}
            disabled={feeds.length === 0}
          >
            <SyncIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            title={allPaused ? i18n.t.sidebar.resumeAll : i18n.t.sidebar.pauseAll}
            aria-label={allPaused ? i18n.t.sidebar.resumeAll : i18n.t.sidebar.pauseAll}
            onClick={() => onSetPaused(null, !allPaused)}
            disabled={feeds.length === 0}
          >
            {allPaused ? <PlayIcon /> : <PauseIcon />}
          </button>
        </div>
      </div>
      <ul className="feed-list">
        <li>
          <button
            type="button"
            className={`feed-item all${selectedFeedId === null ? ' selected' : ''}`}
            aria-current={selectedFeedId === null ? 'true' : undefined}
            onClick={() => onSelectFeed(null)}
          >
            <span className="feed-name">{i18n.t.sidebar.allFeeds}</span>
            <UnreadBadge count={total} testId="unread-total" />
          </button>
        </li>
        {feeds.map((feed) => {
          const phase = phaseOf(feed);
          const name = oneLine(feed.name, NAME_MAX);
          const unread = unreadOf(feed, counts);
          const selected = selectedFeedId === feed.id;
          return (
            <li key={feed.id} className={`feed phase-${phase}`} data-testid={`feed-${feed.id}`} data-phase={phase}>
              <button
                type="button"
                className={`feed-item${selected ? ' selected' : ''}`}
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelectFeed(selected ? null : feed.id)}
              >
                <span className="feed-name-row">
                  <span className="feed-name" dir="auto">
                    {name}
                  </span>
                  <UnreadBadge count={unread} testId={`unread-${feed.id}`} />
                </span>
                <span className="feed-meta">
                  <ProviderBadge provider={feed.provider} compact />
                  <span className={`phase-dot phase-${phase}`} aria-hidden="true" />
                  <span className="feed-status" data-testid={`status-${feed.id}`}>
                    {statusLine(feed, i18n)}
                  </span>
                </span>
              </button>
              {phase === 'error' && feed.lastError && <ErrorCard error={feed.lastError} />}
              {feed.note && (
                <div className="feed-note" role="note">
                  <span dir="auto">{oneLine(i18n.text(feed.note), NOTE_MAX)}</span>
                  <button type="button" className="link-button" onClick={() => onDismissNote(feed.id)}>
                    {i18n.t.common.dismiss}
                  </button>
                </div>
              )}
              <div className="feed-actions">
                <button
                  type="button"
                  className="small-button"
                  onClick={() => onSetPaused(feed.id, !feed.paused)}
                  aria-label={feed.paused ? i18n.t.sidebar.resumeFeed(name) : i18n.t.sidebar.pauseFeed(name)}
                  disabled={!feed.enabled}
                >
                  {feed.paused ? <PlayIcon /> : <PauseIcon />}
                  <span>{feed.paused ? i18n.t.sidebar.resume : i18n.t.sidebar.pause}</span>
                </button>
                <button
                  type="button"
                  className="small-button"
                  onClick={() => onSyncNow(feed.id)}
                  aria-label={i18n.t.sidebar.syncFeedNow(name)}
                  disabled={!feed.enabled || feed.paused || phase === 'syncing'}
                >
                  <SyncIcon />
                  <span>{i18n.t.sidebar.syncNow}</span>
                </button>
                <button
                  type="button"
                  className={`small-button${editingFeedId === feed.id ? ' pressed' : ''}`}
                  onClick={() => onEditFeed(feed.id)}
                  aria-label={i18n.t.sidebar.editFeed(name)}
                  title={i18n.t.sidebar.editFeed(name)}
                  aria-pressed={editingFeedId === feed.id}
                >
                  <EditIcon />
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function UnreadBadge({ count, testId }: { count: number; testId: string }) {
  const i18n = useI18n();
  return (
    <span
      className={`unread-badge${count === 0 ? ' zero' : ''}`}
      data-testid={testId}
      data-count={count}
      title={i18n.t.common.unreadCount(count)}
    >
      <span aria-hidden="true">{i18n.number(count)}</span>
      <span className="visually-hidden">{i18n.t.common.unreadCount(count)}</span>
    </span>
  );
}

/**
 * A feed's error: plain words first, the service's technical message under it, each one bounded line without bidi
 * controls; when anything was cut, «Подробнее» opens the whole technical text (selectable, for a support request).
 */
function ErrorCard({ error }: { error: NonNullable<FeedStatus['lastError']> }) {
  const i18n = useI18n();
  const plain = error.summary?.[i18n.lang];
  const technical = [error.message, error.hint, error.detail].filter((text): text is string => !!text).map(cleanText);
  const cut = technical.some((text) => isLonger(text.replace(/\s+/g, ' ').trim(), ERROR_TEXT_MAX));
  return (
    <div className="feed-error" role="alert">
      <div className="feed-error-message" dir="auto">
        {oneLine(plain ?? error.message, ERROR_TEXT_MAX)}
      </div>
      {plain && (
        <div className="feed-error-hint" dir="auto">
          {oneLine(error.message, ERROR_TEXT_MAX)}
        </div>
      )}
      {error.hint && (
        <div className="feed-error-hint" dir="auto">
          {oneLine(error.hint, ERROR_TEXT_MAX)}
        </div>
      )}
      {/* The service's own error code / trace id, selectable for a support request. */}
      {error.detail && (
        <div className="feed-error-detail" dir="auto">
          {oneLine(error.detail, ERROR_TEXT_MAX)}
        </div>
      )}
      {cut && (
        <details className="feed-error-more">
          <summary>{i18n.t.sidebar.moreDetails}</summary>
          <pre className="feed-error-full" dir="auto" data-testid="feed-error-full">
            {technical.join('\n\n')}
          </pre>
        </details>
      )}
    </div>
  );
}
