// A ProviderContext for calling a provider directly in tests and tools.
import type { ProviderContext } from '../../main/core/feeds/provider.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { silentLogger } from '../../main/core/ports.ts';

/** One client for all such contexts: it holds connections only while requests run. */
const sharedHttp = new HttpClient();

export function providerContext<S>(settings: S, overrides: Partial<ProviderContext<S>> = {}): ProviderContext<S> {
  return {
    feedId: 'test',
    settings,
    secret: null,
    secrets: {},
    http: sharedHttp,
    signal: new AbortController().signal,
    now: () => Date.now(),
    log: silentLogger,
    ...overrides,
  };
}
