// The window's first screen as HTML, drawn by main (main/platform/first-screen.ts loads this module's build) from the
// same data the window's app:boot would get, so the rows are on screen as soon as the page is parsed, before the
// bundle has run. The window then takes this HTML over (hydrateRoot in main.tsx) with the same data.
// Runs in Node: nothing in the first render may touch window, document or storage (effects do that afterwards).
import { renderToString } from 'react-dom/server';
import type { DrawnBoot } from '../../preload/contract.ts';
import { drawnBoot } from './boot.ts';
import { Root } from './Root.tsx';
import { drawAt } from './features/sidebar/useNow.ts';

export function renderFirstScreen(drawn: DrawnBoot): string {
  drawAt(drawn.data.now);
  try {
    return renderToString(<Root boot={drawnBoot(drawn)} />);
  } finally {
    drawAt(null);
  }
}
