// Keeps what the window shows current with main: when main answers again after a lost connection, and when something
// changed in main between the boot's answer (app:boot) and the hooks' own subscriptions, everything is asked for again.
// A failed request may mean main is gone: the connection is checked at once, and the window says that instead.
import { useCallback, useEffect, useRef } from 'react';
import type { Boot } from '../../boot.ts';
import { useConnection, type Connection } from './useConnection.ts';

export interface StayCurrentDeps {
  boot: Boot | null;
  /** The failed request's words, or null. */
  error: string | null;
  clearError(): void;
  /** Each asks main again for one part of what is shown. */
  reloads: (() => void)[];
}

export function useStayCurrent({ boot, error, clearError, reloads }: StayCurrentDeps): {
  connection: Connection;
  failure: string | null;
} {
  const latest = useRef(reloads);
  useEffect(() => {
    latest.current = reloads;
  });
  const restore = useCallback(() => {
    clearError();
    for (const reload of latest.current) reload();
  }, [clearError]);
  const connection = useConnection(restore);
  // Runs after the features' hooks have subscribed (a component's hooks' effects run first, in order).
  useEffect(() => {
    if (boot?.settle()) restore();
  }, [boot, restore]);
  const { check } = connection;
  useEffect(() => {
    if (error !== null) check();
  }, [error, check]);
  return { connection, failure: error };
}
