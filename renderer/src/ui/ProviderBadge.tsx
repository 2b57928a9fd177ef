// A provider's name in its colour (the accent its module names; the stylesheet maps accents to colours).
import type { ProviderId } from '../../../preload/contract.ts';
import { useI18n } from '../i18n/I18nContext.ts';
import { useProviders } from '../providers/ProvidersContext.ts';

export function ProviderBadge({ provider, compact = false }: { provider: ProviderId; compact?: boolean }) {
  const i18n = useI18n();
  const providers = useProviders();
  const label = i18n.text(providers.name(provider));
  const accent = providers.find(provider)?.accent ?? 'slate';
  return (
    <span className={`provider-badge accent-${accent}${compact ? ' compact' : ''}`} data-provider={provider} title={label}>
      {label}
    </span>
  );
}
