// Entry point of the log window, kept small so it runs at once. When main drew the first screen into the page
// (first-screen.tsx), that screen is painted first, and only then is React fetched (start.tsx) to take it over with the
// data it was drawn from: fetching and compiling it while the page was parsed (modulepreload) held the first paint back
// by a third on this machine's two cores. Otherwise the boot request goes first (boot.ts, imported first so it is on
// its way before React is even loaded) and the window renders once it has answered.
import { booting, drawn } from './boot.ts';
import { findBridge } from './bridge.ts';

/** Resolves once the browser had a chance to paint (a hidden window gets no frames: then after a short wait). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(fallback);
          resolve();
        }, 0),
      ),
    );
  });
}

const container = document.getElementById('root');
if (!container) throw new Error('No #root element');

if (!findBridge()) {
  // Opened outside Feedbell (no preload and no test bridge): say so instead of failing silently.
  void import('./i18n/translator.ts').then(({ createTranslator }) => {
    container.textContent = createTranslator('ru').t.window.noBridge;
    container.className = 'no-bridge';
  });
} else if (drawn && container.firstElementChild) {
  const boot = drawn;
  void afterPaint()
    .then(() => import('./start.tsx'))
    .then((start) => start.takeOver(container, boot));
} else {
  void Promise.all([import('./start.tsx'), booting]).then(([start, boot]) => start.render(container, boot));
}
