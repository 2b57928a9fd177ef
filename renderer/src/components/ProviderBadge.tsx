// A provider's name in its brand-like colour.
import type { ProviderId } from '../../../preload/contract.ts';
import { useI18n } from '../i18n.ts';

export function ProviderBadge({ provider, compact = false }: { provider: ProviderId | string; compact?: boolean }) {
  const i18n = useI18n();
  return (
    <span className={`provider-badge provider-${provider}${compact ? ' compact' : ''}`} data-provider={provider}>
      {i18n.provider(provider)}
    </span>
  );
}
