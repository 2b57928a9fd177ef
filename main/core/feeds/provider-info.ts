// What the window learns of the providers (providers:list): each module's name, colour, link hosts and feed form.
import type { ProviderInfo } from '../../../preload/contract.ts';
import { capabilitiesInfo } from './capabilities/capability-router.ts';
import type { ProviderModule } from './provider-module.ts';
import type { ProviderRegistry } from './registry.ts';

export function providerInfo(module: ProviderModule): ProviderInfo {
  return {
    id: module.id,
    name: module.name,
    accent: module.accent,
    linkHosts: [...module.linkHosts],
    typeNames: structuredClone({ ...module.typeNames }),
    sample: module.sampleFeed !== undefined,
    capabilities: capabilitiesInfo(module.capabilities),
    ...structuredClone(module.form),
  };
}

/** Every registered provider, in the registry's order. */
export function providerInfos(registry: ProviderRegistry): ProviderInfo[] {
  return registry.all().map(providerInfo);
}
