// What a provider module tells the core about «Требует действия»: which stored events concern a document or docflow
// that may need the person's action, and what that subject's state becomes after each of them. The core keeps the
// states (one per feed and subject), asks the service for what the events lack, and turns states into ActionItems.
import type { ActionDeadline, ActionStep, LocalizedText } from '../../../preload/contract.ts';
import type { ProviderContext } from '../feeds/provider.ts';

/** A stored event as a tracker reads it. */
export interface TrackedEvent {
  key: number;
  feedId: string;
  id: string;
  type: string;
  /** UTC ms. */
  occurredAt: number;
  link: string | null;
  payload: unknown;
}

/** One document or docflow's state, as the provider's tracker folds its events (stored as JSON: plain data only). */
export interface SubjectState {
  /** The provider's own key of the subject: a docflow id, a message and entity id. Unique per feed. */
  subject: string;
  title: LocalizedText;
  organisation: string;
  /** What must be done now, or null when nothing is (the service shows it done): the item is then closed. */
  step: ActionStep | null;
  action: LocalizedText | null;
  /** UTC ms of the first event about it. */
  arrivedAt: number;
  /** The current step's deadline and the next step's, when known. */
  deadline: ActionDeadline | null;
  nextDeadline: ActionDeadline | null;
  /** A document to sign counts as overdue after this many days (a per-feed setting), or null. */
  overdueAfterDays: number | null;
  link: string | null;
  /** The event that opened it. */
  eventKey: number;
  /** When the service's events showed it done (UTC ms). */
  closedAt: number | null;
  /** Provider-private data the next fold needs (states seen, what the service said); plain JSON. */
  data: Record<string, unknown>;
}

/** What a fold may use besides the event: the feed's settings and what the service said about the subject. */
export interface FoldContext {
  settings: unknown;
  /** The last answer of `lookup` for this subject, kept across restarts and resyncs; null if never asked. */
  looked: Record<string, unknown> | null;
}

export interface ActionTracker {
  /**
   * Raised whenever `fold` changes what it makes of the same events: a feed whose subjects were folded by another
   * version is replayed from its stored events. 1 when absent.
   */
  readonly version?: number;
  /** The only event types that can concern a subject, when known: the others are never read for the queue. */
  readonly eventTypes?: readonly string[];
  /** The subject an event concerns when it can open or change an item; null for every other event. */
  subjectOf(event: TrackedEvent): string | null;
  /**
   * The subject's state after one more of its events (in the order stored); null while it needs nothing (and has
   * never needed anything). Pure: the same events in the same order give the same state, so a resync that replays
   * them cannot duplicate or lose an item.
   */
  fold(state: SubjectState | null, event: TrackedEvent, context: FoldContext): SubjectState | null;
  /**
   * Asks the service about an open subject when its events leave something out (Extern: the docflow, for the
   * demand's deadlines). The answer is stored and handed to later folds as `looked`; the state is folded again with it.
   * Throws FeedError like a page fetch; the core retries on a later sync.
   */
  lookup?(context: ProviderContext<unknown>, state: SubjectState): Promise<Record<string, unknown>>;
  /** Whether `lookup` should be asked (again) for this state: e.g. the deadlines are still computed, not given. */
  needsLookup?(state: SubjectState, looked: Record<string, unknown> | null): boolean;
}
