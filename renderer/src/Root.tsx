// The window's whole tree, the same for the first screen main draws (first-screen.tsx) and for the window's own render
// (start.tsx), which takes the drawn screen over only when the two trees are identical.
import { StrictMode, useEffect } from 'react';
import { WINDOW_READY_MARK } from '../../preload/contract.ts';
import { App } from './App.tsx';
import type { Boot } from './boot.ts';
import { drawAt } from './features/sidebar/useNow.ts';

export function Root({ boot }: { boot: Boot | null }) {
  useEffect(() => {
    // Once the drawn screen is taken over, clocks in views opened later start from the real time.
    drawAt(null);
    // The window answers the person from here on (User Timing; npm run bench reads it).
    performance.mark(WINDOW_READY_MARK);
  }, []);
  return (
    <StrictMode>
      <App boot={boot} />
    </StrictMode>
  );
}
