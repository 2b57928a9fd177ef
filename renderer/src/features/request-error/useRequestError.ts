// The last request that failed, for the error banner; `report` is the rejection handler every data hook is given.
import { useCallback, useState } from 'react';

export function useRequestError(): { error: string | null; report(err: unknown): void; clear(): void } {
  const [error, setError] = useState<string | null>(null);
  const report = useCallback((err: unknown) => setError(err instanceof Error ? err.message : String(err)), []);
  const clear = useCallback(() => setError(null), []);
  return { error, report, clear };
}
