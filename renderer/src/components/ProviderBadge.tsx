// A service's name in its brand-like colour. Demo events imitate the real services, so they wear that service's colour.
import { PROVIDER_IDS, type ProviderId } from '../../../preload/contract.ts';
import { useI18n } from '../i18n.ts';

/** The service an event comes from or, for the demo feed, the one it imitates (its type's prefix, e.g. "diadoc.utd"). */
export function serviceOf(provider: ProviderId | string, type?: string): string {
  if (provider !== 'demo' || !type) return provider;
  const prefix = type.split('.')[0] ?? '';
  return prefix !== 'demo' && (PROVIDER_IDS as readonly string[]).includes(prefix) ? prefix : provider;
}

export function ProviderBadge({ provider, type, compact = false }: { provider: ProviderId | string; type?: string; compact?: boolean }) {
  const i18n = useI18n();
  const service = serviceOf(provider, type);
  const label = i18n.provider(service);
  return (
    <span
      className={`provider-badge provider-${service}${compact ? ' compact' : ''}`}
      data-provider={provider}
      title={service === provider ? label : `${i18n.provider(provider)}: ${label}`}
    >
      {label}
    </span>
  );
}
