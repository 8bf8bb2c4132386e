#!/usr/bin/env node
/* global process, console */
// Builds the web app into web/dist when it is missing or older than its sources (npm prestart),
// and reports the entry's gzip size: the script and modulepreload files index.html loads first.
//   node scripts/web-build.mjs           build if stale, then report
//   node scripts/web-build.mjs --force   always build
//   node scripts/web-build.mjs --size    only report (fails above the budget)
// After a build (or when web/dist/sw.js is missing) it writes web/dist/sw.js from web/sw.js.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web/dist');
const index = path.join(dist, 'index.html');
const manifest = path.join(dist, '.vite/manifest.json');
const SOURCES = ['web/src', 'web/index.html', 'web/sw.js', 'vite.config.ts', 'package-lock.json'];
/** The phone view's route (lazy in web/src/app/routes.tsx): precached so /m opens offline. */
const OFFLINE_ROUTES = ['src/features/mobile/MobilePage.tsx'];
const ENTRY_BUDGET = 350 * 1024; // gzip bytes (issue: entry < 350 kB gzip)

function newestMtime(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

function stale() {
  const built = fs.statSync(index, { throwIfNoEntry: false });
  if (!built || !fs.existsSync(manifest)) return true;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built.mtimeMs);
}

/** Gzip bytes of what the browser loads before the first screen renders. */
export function entrySize() {
  const html = fs.readFileSync(index, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const gz = files.map((f) => ({ file: f, bytes: zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length }));
  return { files: gz, total: gz.reduce((s, f) => s + f.bytes, 0) };
}

function build() {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    console.warn('web: vite is not installed (npm install without dev dependencies?); the API starts without the web app.');
    return false;
  }
  console.log('web: building web/dist …');
  // Always a production build, also when a test runner (NODE_ENV=test) asks for it: users get
  // production React, and the service worker registers only in production builds.
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  return true;
}

/**
 * web/dist/sw.js: the template web/sw.js with this build's version (a hash of index.html and the
 * precache list, so a new build installs a new worker and drops the old cache) and what it precaches:
 * index.html, the entry's files and the offline routes' chunks with their static imports and CSS.
 */
export function writeServiceWorker() {
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const files = new Set();
  const visit = (key) => {
    const c = m[key];
    if (!c || files.has(c.file)) return;
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
    for (const i of c.imports ?? []) visit(i);
  };
  visit('index.html');
  for (const r of OFFLINE_ROUTES) {
    if (!m[r]) throw new Error(`web: ${r} is not a chunk in the build manifest (the service worker precaches it)`);
    visit(r);
  }
  const list = ['/index.html', ...[...files].sort().map((f) => `/${f}`)];
  const html = fs.readFileSync(index);
  const version = crypto.createHash('sha256').update(html).update(JSON.stringify(list)).update(fs.readFileSync(path.join(root, 'web/sw.js'))).digest('hex').slice(0, 12);
  const template = fs.readFileSync(path.join(root, 'web/sw.js'), 'utf8');
  const out = template.replace("/* VERSION */ 'dev'", JSON.stringify(version)).replace("/* PRECACHE */ ['/index.html']", JSON.stringify(list));
  if (out.includes('/* VERSION */') || out.includes('/* PRECACHE */')) throw new Error('web/sw.js: VERSION or PRECACHE placeholder not found');
  fs.writeFileSync(path.join(dist, 'sw.js'), out);
  return { version, files: list.length };
}

const args = process.argv.slice(2);
if (!args.includes('--size')) {
  let built = false;
  if (args.includes('--force') || stale()) built = build();
  else console.log('web: web/dist is up to date');
  if (fs.existsSync(manifest) && (built || !fs.existsSync(path.join(dist, 'sw.js')))) {
    const sw = writeServiceWorker();
    console.log(`web: sw.js ${sw.version} precaches ${sw.files} files`);
  }
}
if (fs.existsSync(index)) {
  const { total } = entrySize();
  const kb = (total / 1024).toFixed(1);
  console.log(`web: entry ${kb} kB gzip (budget ${ENTRY_BUDGET / 1024} kB)`);
  if (args.includes('--size') && total > ENTRY_BUDGET) process.exit(1);
}
