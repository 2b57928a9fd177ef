// Retries of one request-shaped step (a page, a start position) after a failure that usually passes by itself:
// 429, 5xx, a reset or a timeout. Bounded in tries and in time, so a sync still ends; the service's Retry-After
// is honoured up to a cap, and when it asks for longer the error says how long.
import { FeedError } from '../model.ts';
import type { Clock, Logger } from '../ports.ts';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  tries: number;
  /** No retry starts later than this after the first try began. */
  budgetMs: number;
  /** The longest Retry-After waited for inside a sync; a longer one ends the sync with the error. */
  maxWaitMs: number;
  /** First backoff without Retry-After; doubles per retry, scaled by a random 50–100 %. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { tries: 3, budgetMs: 60_000, maxWaitMs: 30_000, baseDelayMs: 2_000 };

const TRANSIENT = new Set(['rate-limit', 'server', 'network']);

export function isTransient(error: FeedError): boolean {
  return TRANSIENT.has(error.kind) && error.name !== 'AbortError';
}

export interface RetryDeps {
  clock: Clock;
  signal: AbortSignal;
  random: () => number;
  log: Logger;
  feedId: string;
  policy?: RetryPolicy;
}

/** "45 s", "3 min", "2 h 5 min": how long, in the words of the error messages. */
export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Runs `step`, retrying transient failures within the policy; the last failure is thrown, saying what was tried. */
export async function withTransientRetry<T>(step: () => Promise<T>, deps: RetryDeps): Promise<T> {
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  const began = deps.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof FeedError) || !isTransient(err) || deps.signal.aborted) throw err;
      const asked = err.retryAfterMs;
      const wait = asked ?? Math.round(policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + deps.random() * 0.5));
      const elapsed = deps.clock.now() - began;
      const retry =
        attempt < policy.tries && elapsed + wait <= policy.budgetMs && (asked === undefined || asked <= policy.maxWaitMs);
      if (!retry) throw withOutcome(err, attempt, asked);
      deps.log.info('transient failure: trying again', { feedId: deps.feedId, kind: err.kind, attempt, waitMs: wait });
      await deps.clock.sleep(wait, deps.signal);
    }
  }
}

/** The same error, its message ending with how many tries were made and how long the service asked to wait. */
function withOutcome(err: FeedError, tries: number, askedMs: number | undefined): FeedError {
  const parts = [
    tries > 1 ? `tried ${tries} times` : null,
    askedMs === undefined ? null : `the service asked to wait ${formatWait(askedMs)}`,
  ].filter(Boolean);
  if (parts.length === 0) return err;
  const message = `${err.message} (${parts.join('; ')})`;
  return new FeedError(err.kind, message, {
    ...(err.hint ? { hint: err.hint } : {}),
    ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
    ...(err.detail ? { detail: err.detail } : {}),
    cause: err,
  });
}
