// The event-sharing capability: an account's administrator lets the integration read the account's events, the
// integration sees who shares with it and can stop reading one. Its requests are the sharing:* channels; main makes
// the calls with the feed's own credentials.
import type { PublisherInfo, SharingResult } from '../../../../preload/contract.ts';
import type { FeedConfig } from '../../model.ts';
import type { CapabilityPorts, HandlerSet } from './capability-ports.ts';
import type { CapabilityRouter } from './capability-router.ts';

export interface SharingCapability {
  /** The settings field whose value the window suggests as the subscriber (the integration's client id). */
  readonly subscriberField: string;
  open(ports: CapabilityPorts): Sharing;
}

export interface Sharing {
  share(feed: FeedConfig, accountId: string, subscriber: string): Promise<SharingResult<null>>;
  publishers(feed: FeedConfig): Promise<SharingResult<PublisherInfo[]>>;
  unsubscribe(feed: FeedConfig, publisherId: string): Promise<SharingResult<null>>;
}

export type SharingChannel = 'sharing:share' | 'sharing:publishers' | 'sharing:unsubscribe';

export function sharingHandlers(router: CapabilityRouter): HandlerSet<SharingChannel> {
  return {
    'sharing:share': (feedId, accountId, subscriber) => {
      const { feed, instance } = router.use(feedId, 'sharing');
      return instance.share(feed, accountId, subscriber);
    },
    'sharing:publishers': (feedId) => {
      const { feed, instance } = router.use(feedId, 'sharing');
      return instance.publishers(feed);
    },
    'sharing:unsubscribe': (feedId, publisherId) => {
      const { feed, instance } = router.use(feedId, 'sharing');
      return instance.unsubscribe(feed, publisherId);
    },
  };
}
