// Kontur.Extern's tracker for «Требует действия»: an FNS or SFR demand opens an item when its docflow's first event
// arrives (send the receipt, then answer), its reply docflow's events (the опись, SFR's reply, linked by
// `related-docflow-id`) move it on and close it, and `lookup` reads the demand docflow for the service's own
// deadlines, number and web link. Deadlines the service does not give are computed (extern-demand-terms.ts).
import type { ActionTracker, SubjectState, TrackedEvent } from '../../actions/action-tracker.ts';
import { FeedError } from '../../model.ts';
import type { ProviderContext } from '../provider.ts';
import { DEMAND_EVENT_TYPES } from './extern-demand-terms.ts';
import { readDocflow } from './extern-docflow.ts';
import { applyEvent, demandSubjectOf, deriveState, type DemandData, type DemandLooked } from './extern-demand-fold.ts';
import { authHeaders, externError, parseBody, traceOf, type ExternSettings } from './extern-provider.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const dataOf = (state: SubjectState | null): DemandData | null => (state ? (state.data as unknown as DemandData) : null);

function lookedOf(looked: Record<string, unknown> | null): DemandLooked | null {
  if (!looked || typeof looked['revision'] !== 'number') return null;
  return looked as unknown as DemandLooked;
}

const revisionOf = (state: SubjectState): number => dataOf(state)?.seen.length ?? 0;

/**
 * Where the docflow is read: the event's docflow-link, but only when it is on the feed's own API origin (the
 * feed's token never goes anywhere else); otherwise `/v1/{accountId}/docflows/{docflowId}` on the feed's base URL.
 * Null when neither can be made (an event without an account id).
 */
export function docflowUrl(settings: ExternSettings, data: DemandData): URL | null {
  const base = new URL(settings.baseUrl);
  if (data.href) {
    try {
      const href = new URL(data.href);
      if (href.origin === base.origin && /\/docflows\/[^/]+\/?$/.test(href.pathname)) return href;
    } catch {
      // not a URL: build it
    }
  }
  if (!data.accountId || !GUID.test(data.accountId) || !GUID.test(data.docflowId)) return null;
  return new URL(`${settings.baseUrl.replace(/\/+$/, '')}/v1/${data.accountId}/docflows/${data.docflowId}`);
}

async function lookup(context: ProviderContext<unknown>, state: SubjectState): Promise<Record<string, unknown>> {
  const ctx = context as ProviderContext<ExternSettings>;
  const data = dataOf(state);
  const revision = revisionOf(state);
  const url = data ? docflowUrl(ctx.settings, data) : null;
  // Nothing to ask: the computed deadlines stay, and a later event of the docflow asks again.
  if (!url) return { revision, facts: null } satisfies DemandLooked as unknown as Record<string, unknown>;
  const res = await ctx.http.send({ url, headers: authHeaders(ctx), signal: ctx.signal });
  // A 404 (the docflow not visible yet, or not shared) and any other failure: the core retries on a later sync.
  if (res.status < 200 || res.status > 299) throw externError(res, ctx);
  const facts = readDocflow(parseBody(res));
  if (!facts) {
    throw new FeedError('protocol', 'Kontur.Extern sent a docflow Feedbell cannot read', { detail: traceOf(res, ctx) });
  }
  return { revision, facts } satisfies DemandLooked as unknown as Record<string, unknown>;
}

export const externActions: ActionTracker = {
  eventTypes: DEMAND_EVENT_TYPES,
  subjectOf: (event: TrackedEvent) => demandSubjectOf(event.payload),

  fold(state, event, { looked }) {
    const data = applyEvent(dataOf(state), event);
    if (!data) return state;
    return deriveState(state, data, lookedOf(looked), event);
  },

  lookup,

  /** Asked for each open demand once per revision of its events: a new event may have changed what the service says. */
  needsLookup(state, looked) {
    if (state.step === null) return false;
    const known = lookedOf(looked);
    return known === null || known.revision !== revisionOf(state);
  },
};
