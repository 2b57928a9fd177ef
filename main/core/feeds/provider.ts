// The interface every event-feed provider implements, and what the poller hands it.
import type { z } from 'zod';
import type { FeedError, LocalizedText, NormalizedEvent, StartPosition } from '../model.ts';
import { statusError, type HttpClient, type HttpResponse, type StatusErrorOptions } from '../http/http-client.ts';
import type { Logger } from '../ports.ts';

/** The part of the HTTP client providers use. */
export type ProviderHttp = Pick<HttpClient, 'send' | 'open'>;

/** What a provider gets for each call: its feed's validated settings, the secret, a clock and a cancel signal. */
export interface ProviderContext<Settings> {
  feedId: string;
  settings: Settings;
  /** The feed's secret (token, key), or null when the provider needs none. Never log it. */
  secret: string | null;
  /** The provider's extra named secrets (see Provider.extraSecrets), each null when not set. */
  secrets: Readonly<Record<string, string | null>>;
  /** The HTTP client, bound to this provider's limit of requests in flight per origin. */
  http: ProviderHttp;
  signal: AbortSignal;
  now(): number;
  log: Logger;
}

/** One page of a feed: raw events in feed order, the cursor to store after them, and whether more is waiting. */
export interface FeedPage<Raw> {
  events: Raw[];
  /** The cursor to persist once this page is stored; providers return the old one when the page is empty. */
  cursor: string | null;
  more: boolean;
  /** Something the user should know, e.g. "the server forgot our position: there may be a gap", in both languages. */
  note?: LocalizedText;
}

/** Where a feed's first sync begins. */
export interface StartPoint {
  /** The cursor to read from; null means the provider's own beginning. */
  cursor: string | null;
  /**
   * Drop events that occurred before this instant. Used when the API cannot seek to a time:
   * the poller then reads forward and stores only what is new.
   */
  skipBefore: number | null;
}

/** A provider's API client and normalizer (its module, provider-module.ts, holds the rest of what Feedbell knows of it). */
export interface Provider<Settings = unknown, Raw = unknown> {
  /** Validates and fills in defaults for a feed's provider-specific settings. */
  readonly settingsSchema: z.ZodType<Settings>;
  /** Whether a feed of this provider needs a secret. */
  readonly needsSecret: boolean;
  /**
   * At most this many requests in flight to one origin, across all feeds of this provider (default 2). The poller
   * applies it; after a 429 the origin is served one request at a time for a while.
   */
  readonly maxRequestsPerOrigin?: number;
  /** Names of optional extra secrets (e.g. "apikey"), read into ProviderContext.secrets. */
  readonly extraSecrets?: readonly string[];
  /** Resolves a start position into a cursor; may call the API (Diadoc's GetLastEvent). */
  start(ctx: ProviderContext<Settings>, position: StartPosition): Promise<StartPoint>;
  /** Fetches the page after `cursor`. Throws FeedError for anything that is not a page. */
  fetchPage(ctx: ProviderContext<Settings>, cursor: string | null): Promise<FeedPage<Raw>>;
  /** Turns a raw event into the stored record. Must not throw on unknown types or states (invariant 4). */
  normalize(raw: Raw, settings: Settings): NormalizedEvent;
  /**
   * Streaming mode, where the API has one (Evotor): delivers pages as they arrive until the signal aborts
   * or the stream ends (resolve) or fails (throw FeedError). The poller reconnects with backoff.
   */
  stream?(ctx: ProviderContext<Settings>, cursor: string | null, onPage: (page: FeedPage<Raw>) => Promise<void>): Promise<void>;
  /** One authenticated request that proves the settings and secret work; throws FeedError otherwise. */
  check?(ctx: ProviderContext<Settings>): Promise<void>;
}

/** A provider whose settings and raw types are no longer known statically (the registry's element type). */
// oxlint-disable-next-line typescript/no-explicit-any -- the registry holds providers of different setting types
export type AnyProvider = Provider<any, any>;

/**
 * A provider's non-success answer as the typed error the poller understands: the feed's secret (or `secrets`) scrubbed
 * from the server's words, a Retry-After measured from the feed's clock (or `now`, e.g. the server's Date).
 */
export function providerStatusError(
  ctx: Pick<ProviderContext<unknown>, 'secret' | 'now'>,
  res: HttpResponse,
  options: Omit<StatusErrorOptions, 'secrets' | 'now'> & Partial<Pick<StatusErrorOptions, 'secrets' | 'now'>>,
): FeedError {
  return statusError(res, { ...options, secrets: options.secrets ?? [ctx.secret], now: options.now ?? ctx.now() });
}
