// What a capability gets from the core: narrow ports, never the core itself. And the shape of a capability's
// request handlers, typed by the contract, so that a missing or mistyped one does not compile.
import type { PushChannel, Pushes, RequestChannel, Requests, SecretStatus } from '../../../../preload/contract.ts';
import type { FeedConfig } from '../../model.ts';
import type { AccessTokenSource, Clock, HttpSender, Logger, WritableSecretStore } from '../../ports.ts';

export interface CapabilityPorts {
  /** The app's HTTP client (its current proxy). */
  http: HttpSender;
  /** A configured feed, or null for an id that is not (any more). */
  feed(feedId: string): FeedConfig | null;
  /** A stored secret of the feed for a request to its API, released only for the origins it was entered for. */
  apiSecret(feed: FeedConfig, name?: string): Promise<string | null>;
  /** Where a sign-in keeps its own secrets (the refresh token); null when nothing can be stored here. */
  writableSecrets: WritableSecretStore | null;
  /** Keeps a new main secret of the feed (a token a capability obtained) and polls the feed with it. */
  setMainSecret(feedId: string, value: string): Promise<SecretStatus>;
  /** Polls a feed now (it has just signed in). */
  syncNow(feedId: string): void;
  /** Tells the window, when one is open. */
  push<C extends PushChannel>(channel: C, payload: Pushes[C]): void;
  /** Access tokens of the feeds that sign in, for a capability that calls the API with the feed's credentials. */
  accessTokens: AccessTokenSource;
  clock: Clock;
  log: Logger;
}

/** Handlers for some request channels of the contract. */
export type HandlerSet<C extends RequestChannel> = {
  [K in C]: (...args: Requests[K]['args']) => Promise<Requests[K]['result']> | Requests[K]['result'];
};

/** A capability call for a feed that does not have it (or no longer exists): the router answers "Request rejected". */
export class CapabilityRefused extends Error {
  constructor(feedId: string, capability: string) {
    super(`Feed "${feedId}" has no ${capability} capability`);
    this.name = 'CapabilityRefused';
  }
}
