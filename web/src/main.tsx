import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The app shell's service worker (web/sw.js; docs/decisions/0010-offline-technician-view.md), so the
// technician's phone view opens without a network after one visit. Built apps only (`vite build`
// mode; not env.PROD, which follows NODE_ENV: a build run under vitest has NODE_ENV=test), never the
// dev server (no sw.js there); browsers allow it on https and localhost only. A failure changes nothing.
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  });
}

