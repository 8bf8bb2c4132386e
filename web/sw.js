/* global self, caches, fetch, URL, Request */
// The app shell's service worker (docs/decisions/0010-offline-technician-view.md). This file is a
// template: scripts/web-build.mjs writes web/dist/sw.js from it with the build's VERSION and
// PRECACHE list (index.html, the entry's script/style files and the phone view's chunks).
//   install   precache the shell into `aftersales-shell-<version>`
//   activate  drop every older `aftersales-shell-*` cache, take over open pages
//   fetch     /api/* is never touched (straight to the network: offline it fails at once and the
//             phone's outbox queues the change; the phone keeps its own read cache);
//             /assets/* (content-hashed names) cache first, cached when first fetched;
//             page loads network first, the cached index.html when the network is down.
const VERSION = /* VERSION */ 'dev';
const PRECACHE = /* PRECACHE */ ['/index.html'];
const CACHE = `aftersales-shell-${VERSION}`;
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache, so the shell is the one on the server now.
      await cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('aftersales-shell-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
  return res;
}

async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    // Every client-side route answers the same index.html: keep the newest one for offline.
    if (res.ok && res.type === 'basic' && (res.headers.get('content-type') ?? '').startsWith('text/html')) await cache.put(SHELL, res.clone());
    return res;
  } catch (err) {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
});
