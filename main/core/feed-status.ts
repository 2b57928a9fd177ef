// A feed's status from its configuration and stored state: one set of rules for the window (with the poller's live
// phase) and the CLI (which never polls), so both say the same about a feed.
import type { FeedErrorInfo, FeedStatus } from '../../preload/contract.ts';
import { describeCheck } from './feeds/feed-check-text.ts';
import { FeedError, type FeedConfig } from './model.ts';
import type { FeedSyncState, StoredFeedError } from './store/event-store.ts';

/** What a feed's status says that does not depend on a running poller. */
export type StoredFeedStatus = Omit<FeedStatus, 'phase' | 'nextPollAt'>;

export function storedStatus(feed: FeedConfig, state: FeedSyncState | null): StoredFeedStatus {
  return {
    id: feed.id,
    name: feed.name,
    provider: feed.provider,
    enabled: feed.enabled,
    paused: state?.paused ?? false,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    lastError: state?.lastError ? withSummary(state.lastError) : null,
    unread: state?.unread ?? 0,
    note: state?.note ?? null,
  };
}

/**
 * The phase shown for a feed: off, else paused, else its stored error unless a run is under way, else `activity`
 * (what the poller is doing, or for the CLI how far the feed has got).
 */
export function feedPhase<Activity extends string>(
  feed: FeedConfig,
  state: FeedSyncState | null,
  activity: Activity,
  runUnderWay: boolean,
): Activity | 'disabled' | 'paused' | 'error' {
  if (!feed.enabled) return 'disabled';
  if (state?.paused) return 'paused';
  if (state?.lastError && !runUnderWay) return 'error';
  return activity;
}

/** An error stored by an older Feedbell has no summary: it gets the generic words for its kind. */
function withSummary(error: StoredFeedError): FeedErrorInfo {
  return error.summary
    ? { ...error, summary: error.summary }
    : { ...error, summary: describeCheck(new FeedError(error.kind, error.message), {}).title };
}
