// What the poller stores of a provider's normalized event: titles and summaries without bidi or control characters,
// and a link only when it goes to a provider's own https site, so every reader of the log (window, notifications,
// CLI) gets clean text. The payload stays untouched: it is the service's own record.
import type { NormalizedEvent } from '../model.ts';
import { isLinkToHosts } from './provider-links.ts';
import { stripUnsafe } from './untrusted-text.ts';

/** `linkHosts`: the providers' link domains (ProviderRegistry.linkHosts). */
export function storableEvent(event: NormalizedEvent, linkHosts: readonly string[]): NormalizedEvent {
  return {
    ...event,
    title: { ru: stripUnsafe(event.title.ru), en: stripUnsafe(event.title.en) },
    summary: { ru: stripUnsafe(event.summary.ru), en: stripUnsafe(event.summary.en) },
    link: isLinkToHosts(event.link, linkHosts) ? event.link : null,
  };
}
