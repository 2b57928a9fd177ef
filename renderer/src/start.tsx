// React and the whole window, loaded by main.tsx once it knows how to start: taking over the first screen main drew
// (hydration), or rendering the window from app:boot's answer.
import { createRoot, hydrateRoot } from 'react-dom/client';
import type { Boot } from './boot.ts';
import { Root } from './Root.tsx';
import { drawAt } from './features/sidebar/useNow.ts';

/** Takes over the screen main drew from `boot`'s data: the same tree, so React keeps the drawn elements. */
export function takeOver(container: HTMLElement, boot: Boot): void {
  drawAt(boot.data.now);
  hydrateRoot(container, <Root boot={boot} />, {
    // A drawn screen that differs from the window's (the clock turned a minute in between): React draws it anew. Noted,
    // since the head start is lost; a test keeps the two the same.
    onRecoverableError: (error) => console.warn('Feedbell: the first screen was drawn again:', error),
  });
}

export function render(container: HTMLElement, boot: Boot | null): void {
  createRoot(container).render(<Root boot={boot} />);
}
