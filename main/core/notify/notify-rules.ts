// The person's rules per feed, event type and organisation: notify, only count (stored and unread, no popup), or
// ignore (stored, but neither announced nor counted: it is marked read as it is stored).
import type { NotifyMode, NotifyRule } from '../../../preload/contract.ts';

export interface RuleSubject {
  feedId: string;
  type: string;
  /** The provider's organisation key (Diadoc's counterparty box, Extern's INN), or null when it has none. */
  organisation: string | null;
}

/**
 * The mode of the most specific rule that matches (each set field counts one; null fields match anything); among
 * equally specific ones the later wins, so a rule just added from an event's menu overrides an older one. No rule:
 * notify.
 */
export function notifyModeFor(rules: readonly NotifyRule[], subject: RuleSubject): NotifyMode {
  let best: { specificity: number; mode: NotifyMode } | null = null;
  for (const rule of rules) {
    if (rule.feedId !== null && rule.feedId !== subject.feedId) continue;
    if (rule.type !== null && rule.type !== subject.type) continue;
    if (rule.organisation !== null && rule.organisation !== subject.organisation) continue;
    const specificity = Number(rule.feedId !== null) + Number(rule.type !== null) + Number(rule.organisation !== null);
    if (best === null || specificity >= best.specificity) best = { specificity, mode: rule.mode };
  }
  return best?.mode ?? 'notify';
}
