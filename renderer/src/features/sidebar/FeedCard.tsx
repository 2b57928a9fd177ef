// One feed in the sidebar, in two lines: its name and unread count; its service, state dot and one status line
// («обновлено 2 мин. назад», or what is wrong). Its actions show on hover and focus; a disabled feed offers only its
// settings, a paused one resume and settings. A failing feed gets its one-click fix and «Подробнее».
import type { FeedFix, FeedStatus } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { oneLine } from '../../text/remote-text.ts';
import { EditIcon, PauseIcon, PlayIcon, SyncIcon } from '../../ui/Icons.tsx';
import { ProviderBadge } from '../../ui/ProviderBadge.tsx';
import { FeedErrorCard } from './FeedErrorCard.tsx';
import { phaseOf, statusLine } from './feed-status-text.ts';
import { UnreadBadge } from './UnreadBadge.tsx';

/** A feed name (the form allows 100) and a note, as shown. */
const NAME_MAX = 100;
const NOTE_MAX = 300;

export interface FeedCardProps {
  feed: FeedStatus;
  unread: number;
  selected: boolean;
  editing: boolean;
  now: number;
  onSelect(): void;
  onSetPaused(paused: boolean): void;
  onSyncNow(): void;
  onDismissNote(): void;
  onEdit(): void;
  onFix(fix: FeedFix): void;
}

export function FeedCard({
  feed,
  unread,
  selected,
  editing,
  now,
  onSelect,
  onSetPaused,
  onSyncNow,
  onDismissNote,
  onEdit,
  onFix,
}: FeedCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const phase = phaseOf(feed);
  const name = oneLine(feed.name, NAME_MAX);
  const status = statusLine(feed, i18n, now);
  return (
    <li className={`feed phase-${phase}`} data-testid={`feed-${feed.id}`} data-phase={phase}>
      <button
        type="button"
        className={`feed-item${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
      >
        <span className="feed-name-row">
          <span className="feed-name" dir="auto" title={name} data-verbatim>
            {name}
          </span>
          <UnreadBadge count={unread} testId={`unread-${feed.id}`} />
        </span>
        <span className="feed-meta">
          <ProviderBadge provider={feed.provider} compact />
          <span className={`phase-dot phase-${phase}`} aria-hidden="true" />
          <span className="feed-status" data-testid={`status-${feed.id}`} title={status}>
            {status}
          </span>
        </span>
      </button>
      <div className="feed-actions">
        {phase !== 'disabled' && (
          <button
            type="button"
            className="icon-button"
            onClick={() => onSetPaused(!feed.paused)}
            aria-label={feed.paused ? t.sidebar.resumeFeed(name) : t.sidebar.pauseFeed(name)}
            title={feed.paused ? t.sidebar.resume : t.sidebar.pause}
          >
            {feed.paused ? <PlayIcon /> : <PauseIcon />}
          </button>
        )}
        {phase !== 'disabled' && phase !== 'paused' && (
          <button
            type="button"
            className="icon-button"
            onClick={onSyncNow}
            aria-label={t.sidebar.syncFeedNow(name)}
            title={t.sidebar.syncNow}
            disabled={phase === 'syncing'}
          >
            <SyncIcon />
          </button>
        )}
        <button
          type="button"
          className={`icon-button${editing ? ' pressed' : ''}`}
          onClick={onEdit}
          aria-label={t.sidebar.editFeed(name)}
          title={t.sidebar.editFeed(name)}
          aria-pressed={editing}
        >
          <EditIcon />
        </button>
      </div>
      {phase === 'error' && feed.lastError && <FeedErrorCard error={feed.lastError} feedName={name} onFix={onFix} />}
      {feed.note && (
        <div className="feed-note" role="note">
          <span dir="auto">{oneLine(i18n.text(feed.note), NOTE_MAX)}</span>
          <button type="button" className="link-button" onClick={onDismissNote}>
            {t.common.dismiss}
          </button>
        </div>
      )}
    </li>
  );
}
