// Whether main answers. The window asks it a cheap question now and then (and at once after a failed request); while
// it does not answer, the window says so instead of showing an empty list and stale feed states, and keeps trying.
// When main answers again, `onRestored` reloads what the window shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../bridge.ts';

/** How often to ask while connected, and while the connection is lost. */
const CHECK_MS = 5000;
const RETRY_MS = 2000;

export interface Connection {
  lost: boolean;
  /** When the next retry is due, while lost. */
  retrying: boolean;
  /** Ask now (a request failed, or the user pressed «Повторить»). */
  check(): void;
}

export function useConnection(onRestored: () => void): Connection {
  const [lost, setLost] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const lostRef = useRef(false);
  const busy = useRef(false);
  const restored = useRef(onRestored);
  useEffect(() => {
    restored.current = onRestored;
  }, [onRestored]);

  const check = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    setRetrying(lostRef.current);
    call('app:info').then(
      () => {
        busy.current = false;
        setRetrying(false);
        if (lostRef.current) {
          lostRef.current = false;
          setLost(false);
          restored.current();
        }
      },
      () => {
        busy.current = false;
        setRetrying(false);
        lostRef.current = true;
        setLost(true);
      },
    );
  }, []);

  useEffect(() => {
    const timer = setInterval(check, lost ? RETRY_MS : CHECK_MS);
    return () => clearInterval(timer);
  }, [lost, check]);

  return { lost, retrying, check };
}
