// The providers as main describes them, for every component: a React context over providers-data.ts.
import { createContext, useContext } from 'react';
import { providersOf, type Providers } from './providers-data.ts';

export { providersOf, type Providers };

export const ProvidersContext = createContext<Providers>(providersOf([]));

export function useProviders(): Providers {
  return useContext(ProvidersContext);
}
