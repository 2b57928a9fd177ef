// Entry point of the log window. The boot request goes first (boot.ts, imported first so it is sent before the rest of
// the bundle is set up); the window renders once it has answered, with its rows in the first render.
import { booting } from './boot.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { findBridge } from './bridge.ts';
import { createTranslator } from './i18n/translator.ts';

const container = document.getElementById('root');
if (!container) throw new Error('No #root element');

if (findBridge()) {
  void booting.then((boot) =>
    createRoot(container).render(
      <StrictMode>
        <App boot={boot} />
      </StrictMode>,
    ),
  );
} else {
  // Opened outside Feedbell (no preload and no test bridge): say so instead of failing silently.
  container.textContent = createTranslator('ru').t.window.noBridge;
  container.className = 'no-bridge';
}
