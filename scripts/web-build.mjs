#!/usr/bin/env node
/* global process, console */
// Builds the web app into web/dist when it is missing or older than its sources (npm prestart),
// and reports the entry's gzip size: the script and modulepreload files index.html loads first.
//   node scripts/web-build.mjs           build if stale, then report
//   node scripts/web-build.mjs --force   always build
//   node scripts/web-build.mjs --size    only report (fails above the budget)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web/dist');
const index = path.join(dist, 'index.html');
const SOURCES = ['web/src', 'web/index.html', 'vite.config.ts', 'package-lock.json'];
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
  if (!built) return true;
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
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  return true;
}

const args = process.argv.slice(2);
if (!args.includes('--size')) {
  if (args.includes('--force') || stale()) build();
  else console.log('web: web/dist is up to date');
}
if (fs.existsSync(index)) {
  const { total } = entrySize();
  const kb = (total / 1024).toFixed(1);
  console.log(`web: entry ${kb} kB gzip (budget ${ENTRY_BUDGET / 1024} kB)`);
  if (args.includes('--size') && total > ENTRY_BUDGET) process.exit(1);
}
