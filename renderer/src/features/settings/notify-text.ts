// A notification rule read as a sentence («Диадок · Основной ящик · УПД — только счётчик»), and the rules with one
// added. Pure: unit tests under Node import it.
import type { EventTypeInfo, FeedStatus, NotifyRule } from '../../../../preload/contract.ts';
import type { Providers } from '../../providers/providers-data.ts';
import type { Translator } from '../../i18n/translator.ts';

export interface RuleContext {
  feeds: readonly FeedStatus[];
  types: readonly EventTypeInfo[];
  providers: Providers;
}

/** A type's name as the type filter shows it; the stored code where the service gave none. */
export function typeName(type: string, types: readonly EventTypeInfo[], i18n: Translator): string {
  const known = types.find((t) => t.type === type);
  return known?.name ? i18n.text(known.name) : type;
}

/** A feed as a rule names it: «Диадок · Основной ящик»; the service only once when the feed's name says it already. */
export function feedWords(feed: FeedStatus, providers: Providers, i18n: Translator): string {
  const service = i18n.text(providers.name(feed.provider));
  return feed.name.toLocaleLowerCase().includes(service.toLocaleLowerCase()) ? feed.name : `${service} · ${feed.name}`;
}

/** A rule as a sentence: service · feed · type · organisation — mode. */
export function ruleWords(rule: NotifyRule, context: RuleContext, i18n: Translator): string {
  const { t } = i18n;
  const feed = rule.feedId === null ? null : context.feeds.find((f) => f.id === rule.feedId);
  const parts: string[] = [];
  if (feed) parts.push(feedWords(feed, context.providers, i18n));
  else parts.push(rule.feedId === null ? t.notify.anyFeed : rule.feedId);
  parts.push(rule.type === null ? t.notify.anyType : typeName(rule.type, context.types, i18n));
  if (rule.organisation !== null) parts.push(t.notify.organisationOf(rule.organisation));
  return `${parts.join(' · ')} — ${t.notify.mode[rule.mode]}`;
}

/** The rules with `rule` added; one with the same feed, type and organisation is replaced (the newer wins). */
export function withRule(rules: readonly NotifyRule[], rule: NotifyRule): NotifyRule[] {
  const same = (r: NotifyRule) => r.feedId === rule.feedId && r.type === rule.type && r.organisation === rule.organisation;
  return [...rules.filter((r) => !same(r)), rule];
}
