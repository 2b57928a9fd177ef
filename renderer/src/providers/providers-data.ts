// The providers as main describes them (providers:list): names, colours, link hosts, forms. The window reads these
// instead of knowing any provider itself. No React here: unit tests under Node import it.
import type { LocalizedText, ProviderId, ProviderInfo } from '../../../preload/contract.ts';

export interface Providers {
  list: ProviderInfo[];
  find(id: ProviderId): ProviderInfo | undefined;
  /** A provider's display name; an id main no longer lists stands for itself. */
  name(id: ProviderId): LocalizedText;
  /** Every provider's link domains: where an event's link may go. */
  linkHosts: string[];
}

export function providersOf(list: ProviderInfo[]): Providers {
  const byId = new Map(list.map((p) => [p.id, p]));
  return {
    list,
    find: (id) => byId.get(id),
    name: (id) => byId.get(id)?.name ?? { ru: id, en: id },
    linkHosts: [...new Set(list.flatMap((p) => p.linkHosts))],
  };
}
