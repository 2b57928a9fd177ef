// The providers main lists (providers:list), loaded once: the editor takes their forms, every component the rest.
import { useEffect, useMemo, useState } from 'react';
import type { ProviderInfo } from '../../../preload/contract.ts';
import { call } from '../bridge.ts';
import { providersOf, type Providers } from './providers-data.ts';

/** `initial`: the list already at hand (the boot's); without it the list is asked for. */
export function useProviderList(
  report: (err: unknown) => void,
  initial?: ProviderInfo[],
): { infos: ProviderInfo[]; providers: Providers } {
  const [infos, setInfos] = useState<ProviderInfo[]>(initial ?? []);
  const have = initial !== undefined;
  useEffect(() => {
    if (!have) call('providers:list').then(setInfos, report);
  }, [report, have]);
  const providers = useMemo(() => providersOf(infos), [infos]);
  return { infos, providers };
}
