// Entry point of the log window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { findBridge } from './bridge.ts';
import { createTranslator } from './i18n/translator.ts';

const container = document.getElementById('root');
if (!container) throw new Error('No #root element');

if (findBridge()) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // Opened outside Feedbell (no preload and no test bridge): say so instead of failing silently.
  container.textContent = createTranslator('ru').t.window.noBridge;
  container.className = 'no-bridge';
}
