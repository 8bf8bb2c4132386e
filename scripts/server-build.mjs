#!/usr/bin/env node
/* global process, console */
// Compiles the server (src/, migrations/) to plain JavaScript in dist/ when it is missing or
// older than its sources (npm prestart). Plain node then runs it without tsx's loader thread:
// about 40 MB less memory and a faster start (docs/decisions/0008-compiled-server.md).
// bin/aftersales.js uses dist/ only while it is fresh, so an edited source is never shadowed.
//   node scripts/server-build.mjs           build if stale
//   node scripts/server-build.mjs --force   always build
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(root, 'dist/.built');
const SOURCES = ['src', 'migrations', 'package-lock.json'];

function newestMtime(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

/** True when dist/ holds a build at least as new as every source file. */
export function serverBuildFresh() {
  const built = fs.statSync(STAMP, { throwIfNoEntry: false });
  return !!built && SOURCES.every((s) => newestMtime(path.join(root, s)) <= built.mtimeMs);
}

/** Transpiles the sources into `out` (dist/ by default). */
export async function build(out = path.join(root, 'dist'), stamp = path.join(out, '.built')) {
  const started = Date.now();
  const files = SOURCES.slice(0, 2).flatMap((dir) => listTs(path.join(root, dir)));
  const esbuild = await import('esbuild');
  fs.rmSync(out, { recursive: true, force: true });
  // Transpile only, file by file, with the same ESM layout and .js import specifiers as the
  // sources; type checking is npm test's job.
  await esbuild.build({ entryPoints: files, outdir: out, outbase: root, format: 'esm', platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' });
  fs.writeFileSync(stamp, new Date().toISOString() + '\n');
  console.log(`server: compiled ${files.length} files to ${path.relative(root, out)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function listTs(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--force') || !serverBuildFresh()) await build();
}
