// The providers main lists (providers:list), loaded once: the editor takes their forms, every component the rest.
import { useEffect, useMemo, useState } from 'react';
import type { ProviderInfo } from '../../../preload/contract.ts';
import { call } from '../bridge.ts';
import { providersOf, type Providers } from './providers-data.ts';

export function useProviderList(report: (err: unknown) => void): { infos: ProviderInfo[]; providers: Providers } {
  const [infos, setInfos] = useState<ProviderInfo[]>([]);
  useEffect(() => {
    call('providers:list').then(setInfos, report);
  }, [report]);
  const providers = useMemo(() => providersOf(infos), [infos]);
  return { infos, providers };
}
