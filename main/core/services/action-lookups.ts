// The queue's questions to the services (Extern: the demand's docflow, for its deadlines): asked after a page is
// stored and again after each later run while they fail, one at a time per feed and a few per run, never in the way
// of the feed's own polling (its cursor has moved on before any of them is asked).
import type { SubjectState } from '../actions/action-tracker.ts';
import type { ActionTracker } from '../actions/action-tracker.ts';
import type { ProviderContext } from '../feeds/provider.ts';
import { FeedError, type FeedConfig } from '../model.ts';
import type { Logger } from '../ports.ts';

/** At most this many lookups per feed each time it is considered (after a page, after a run). */
export const LOOKUPS_PER_ROUND = 10;

export interface ActionLookupsOptions {
  /** The context the feed's own requests run with (the poller's), or null when the feed is gone. */
  context(feedId: string, signal: AbortSignal): Promise<ProviderContext<unknown> | null>;
  /** The service answered: store it and fold the subject again with it. */
  answered(feed: FeedConfig, subject: string, looked: Record<string, unknown>): Promise<void>;
  log: Logger;
}

export class ActionLookups {
  readonly #d: ActionLookupsOptions;
  readonly #abort = new AbortController();
  /** Per feed, the chain of lookups in flight, and the subjects queued on it. */
  readonly #chains = new Map<string, Promise<void>>();
  readonly #queued = new Set<string>();

  constructor(options: ActionLookupsOptions) {
    this.#d = options;
  }

  /** Asks about those of these open subjects the tracker wants asked about (a few per call; the rest next time). */
  consider(
    feed: FeedConfig,
    tracker: ActionTracker,
    subjects: readonly { state: SubjectState; looked: Record<string, unknown> | null }[],
  ): void {
    const lookup = tracker.lookup;
    if (!lookup || this.#abort.signal.aborted) return;
    let asked = 0;
    for (const { state, looked } of subjects) {
      if (asked >= LOOKUPS_PER_ROUND) break;
      if (state.step === null || state.closedAt !== null) continue;
      const wanted = tracker.needsLookup ? tracker.needsLookup(state, looked) : looked === null;
      const key = `${feed.id}\u0000${state.subject}`;
      if (!wanted || this.#queued.has(key)) continue;
      this.#queued.add(key);
      asked++;
      const previous = this.#chains.get(feed.id) ?? Promise.resolve();
      const next = previous.then(() => this.#ask(feed, lookup.bind(tracker), state)).finally(() => this.#queued.delete(key));
      this.#chains.set(feed.id, next);
      void next.finally(() => {
        if (this.#chains.get(feed.id) === next) this.#chains.delete(feed.id);
      });
    }
  }

  async #ask(feed: FeedConfig, lookup: NonNullable<ActionTracker['lookup']>, state: SubjectState): Promise<void> {
    if (this.#abort.signal.aborted) return;
    try {
      const context = await this.#d.context(feed.id, this.#abort.signal);
      if (!context) return;
      const looked = await lookup(context, state);
      if (this.#abort.signal.aborted) return;
      await this.#d.answered(feed, state.subject, looked);
    } catch (err) {
      // Kept as it was (computed deadlines); asked again after the feed's next run. Only the kind is logged: a
      // service's message may quote what it was sent.
      if (!this.#abort.signal.aborted)
        this.#d.log.warn('actions: the service did not answer about an item; asking again after the next sync', {
          feedId: feed.id,
          kind: err instanceof FeedError ? err.kind : 'unknown',
        });
    }
  }

  /** Resolves when nothing is being asked. */
  async idle(): Promise<void> {
    for (let rounds = 0; this.#chains.size > 0 && rounds < 100; rounds++) await Promise.all(this.#chains.values());
  }

  /** Aborts what is in flight and asks nothing more. */
  async stop(): Promise<void> {
    this.#abort.abort(new DOMException('The core is stopping', 'AbortError'));
    await this.idle();
  }
}
