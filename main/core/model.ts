// Domain types of the core: normalized events, feed configuration, typed feed errors.
import type { FeedErrorKind, LocalizedText, ProviderId } from '../../preload/contract.ts';
import { StorageError } from './store/storage-error.ts';

export type { FeedErrorKind, LocalizedText, ProviderId };

/** A provider's event turned into the record Feedbell stores (DESIGN.md section 4). */
export interface NormalizedEvent {
  /** The provider's own event id; unique per feed. */
  id: string;
  type: string;
  /** UTC epoch milliseconds. */
  occurredAt: number;
  title: LocalizedText;
  summary: LocalizedText;
  link: string | null;
  /** The untouched raw event. */
  payload: unknown;
}

/** Where a feed with no stored cursor starts reading. */
export type StartPosition = { kind: 'now' } | { kind: 'beginning' } | { kind: 'date'; at: number };

/** One feed as configured by the user (the app's settings and the CLI's config file share this shape). */
export interface FeedConfig {
  id: string;
  provider: ProviderId;
  name: string;
  enabled: boolean;
  /** Seconds between polls once caught up. */
  intervalSec: number;
  start: StartPosition;
  /** Provider-specific settings, validated by the provider's own schema. */
  settings: Record<string, unknown>;
}

/** An error every layer understands; the poller maps `kind` to a feed state and a retry policy. */
export class FeedError extends Error {
  readonly kind: FeedErrorKind;
  readonly hint: string | undefined;
  /** Server-requested wait before the next try, in ms (Retry-After). */
  readonly retryAfterMs: number | undefined;
  /** Provider error code, trace id and the like; never a secret. */
  readonly detail: string | undefined;

  constructor(
    kind: FeedErrorKind,
    message: string,
    options: { hint?: string; retryAfterMs?: number; detail?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedError';
    this.kind = kind;
    this.hint = options.hint;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
  }
}

/** Kinds the poller does not retry by itself: they need the user to act. */
export const KINDS_NEEDING_USER: ReadonlySet<FeedErrorKind> = new Set(['auth', 'subscription', 'forbidden', 'config']);

/** Turns anything thrown into a FeedError, without leaking unknown detail into the message. */
export function toFeedError(err: unknown): FeedError {
  if (err instanceof FeedError) return err;
  if (err instanceof StorageError) return new FeedError('storage', err.message, { hint: err.hint, cause: err });
  const sqlite = err as { code?: unknown; errstr?: unknown } | null;
  // Before the network codes below: node:sqlite's ERR_SQLITE_ERROR is not a network problem.
  if (sqlite?.code === 'ERR_SQLITE_ERROR') {
    return new FeedError('storage', `The event log failed: ${String(sqlite.errstr ?? (err as Error).message)}`, { cause: err });
  }
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    return new FeedError('network', 'Request timed out or was cancelled', { cause: err });
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR)/.test(code)) {
    return new FeedError('network', `Network error (${code})`, { cause: err });
  }
  return new FeedError('protocol', err instanceof Error ? err.message : String(err), { cause: err });
}
