// The provider registry: one line per provider; adding a provider touches nothing else.
import { FeedError, type ProviderId } from '../model.ts';
import { demoProvider } from './demo/demo-provider.ts';
import { diadocProvider } from './diadoc/diadoc-provider.ts';
import { evotorProvider } from './evotor/evotor-provider.ts';
import { externProvider } from './extern/extern-provider.ts';
import type { AnyProvider } from './provider.ts';
import { realtyProvider } from './realty/realty-provider.ts';

const PROVIDERS: Partial<Record<ProviderId, AnyProvider>> = {
  demo: demoProvider,
  diadoc: diadocProvider,
  evotor: evotorProvider,
  extern: externProvider,
  realty: realtyProvider,
};

export function findProvider(id: ProviderId): AnyProvider | undefined {
  return PROVIDERS[id];
}

export function getProvider(id: ProviderId): AnyProvider {
  const provider = PROVIDERS[id];
  if (!provider) throw new FeedError('config', `Provider "${id}" is not available in this version of Feedbell`);
  return provider;
}

export function availableProviders(): ProviderId[] {
  return Object.keys(PROVIDERS) as ProviderId[];
}
