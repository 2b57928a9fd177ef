// Retry policies for tests: NO_RETRY shows a failure's own feed state at once (the in-run retries are tested on
// their own in test/core/transient-retry.test.ts and by the providers' reading matrices).
import type { RetryPolicy } from '../../main/core/poller/transient-retry.ts';

export const NO_RETRY: RetryPolicy = { tries: 1, budgetMs: 0, maxWaitMs: 0, baseDelayMs: 0 };
