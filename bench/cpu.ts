// CPU time per request, measured in-process with app.inject (no sockets; one request at a time unless CONC):
// POST /issues through the whole app against the ceiling's bare route (bench/ceiling.ts) on the
// same database engine. CPU time is what other processes on the machine disturb least, so this
// ratio stays comparable between runs on a busy machine, where req/s does not.
// node --import tsx bench/cpu.ts [N] [sqlite|postgres]  (postgres: TEST_PG_URL or the local server)
// KEYED=1 sends each issue with its own Idempotency-Key (as the web app does).
// CONC=32 sends the issues 32 at a time (waves of concurrent requests), so that SQLite's group
// commit and PostgreSQL's batches share their commits as under the bench's 32 connections.
// CPU_PROFILE=/tmp/api.cpuprofile also writes a V8 profile of the API's measured requests only.
import crypto from 'node:crypto';
import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../src/db.js';
import { connect } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { buildApp } from '../src/app.js';
import { ensureAdmin } from '../src/main.js';
import { ceilingApp } from './ceiling.js';

const N = Number(process.argv[2] ?? 2000);
const engine = process.argv[3] ?? 'sqlite';
const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freshDb(): Promise<{ url: string; drop: () => Promise<void> }> {
  let url: string;
  let drop: () => Promise<void>;
  if (engine === 'postgres') {
  const name = `as_cpu_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  url = PG.replace(/\/[^/]*$/, `/${name}`);
  drop = async () => {
    const d = new pg.Client({ connectionString: PG });
    await d.connect();
    await d.query(`drop database if exists ${name} with (force)`);
    await d.end();
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-cpu-'));
  url = `sqlite:${path.join(dir, 'cpu.db')}`;
  drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  return { url, drop };
}

/** CPU ms (user + system) the PostgreSQL backends serving database `url` have used so far. */
async function backendCpu(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [new URL(url).pathname.slice(1)]);
  await c.end();
  const tick = 1000 / 100; // USER_HZ
  let ms = 0;
  for (const { pid } of rows) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ms += (Number(f[11]) + Number(f[12])) * tick; // utime, stime
  }
  return ms;
}

/**
 * CPU ms per request over `calls` calls of `fn` after a warm-up, each call making `per` requests;
 * on PostgreSQL also the server's.
 */
async function cpuPer(fn: () => Promise<void>, url: string, calls = N, per = 1): Promise<{ cpu: number; wall: number; server?: number }> {
  for (let i = 0; i < Math.min(300, calls); i++) await fn(); // warm up the JIT and caches
  const s0 = engine === 'postgres' ? await backendCpu(url) : 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  const c = process.cpuUsage(c0);
  const n = calls * per;
  const wall = (performance.now() - t0) / n;
  const server = engine === 'postgres' ? ((await backendCpu(url)) - s0) / n : undefined;
  return { cpu: (c.user + c.system) / 1000 / n, wall, server };
}

// The ceiling first, then the app, each on its own fresh database.
const cdb = await freshDb();
const capp = await ceilingApp(engine === 'postgres' ? cdb.url : cdb.url.slice('sqlite:'.length));
const ceiling = await cpuPer(async () => {
  const r = await capp.inject({ method: 'POST', url: '/issue', payload: { qty: 1 } });
  if (r.statusCode !== 201) throw new Error(r.body);
}, cdb.url);
await capp.close();
await cdb.drop();

const { url, drop } = await freshDb();

// SYNC=NORMAL measures both with synchronous=NORMAL (as the ceiling reads it).
const config: Config = { ...loadConfig({ AFTERSALES_SQLITE_SYNCHRONOUS: process.env.SYNC === 'NORMAL' ? 'NORMAL' : 'FULL' }), databaseUrl: url, adminPassword: 'admin-pass-123', logLevel: 'warn' };
const handle = connect<Database>(url, { synchronous: config.sqliteSynchronous });
await migrateToLatest(handle.db);
await ensureAdmin(handle, config, () => {});
const app = await buildApp({ handle, config, clock: systemClock });
await app.ready();

async function call(method: string, u: string, token: string | null, body?: unknown) {
  const r = await app.inject({ method: method as 'POST', url: `/api/v1${u}`, payload: body as never, headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (r.statusCode >= 300) throw new Error(`${method} ${u} → ${r.statusCode} ${r.body}`);
  return r.json();
}
const token = (await call('POST', '/auth/login', null, { username: 'admin', password: 'admin-pass-123' })).token as string;
const wh = await call('POST', '/locations', token, { code: 'WH-B', name: '基准总仓', kind: 'warehouse' });
const sup = await call('POST', '/suppliers', token, { code: 'S-B', name: '基准供应商' });
const tech = await call('POST', '/users', token, { username: 'btech', password: 'btech-pass-1', displayName: '基准技师', roles: ['technician'] });
const rec = await call('POST', '/receipts', token, {
  locationId: wh.id,
  supplierId: sup.id,
  lines: [{ newPart: { code: 'BENCH-1', name: '基准配件', unit: '个', salePrice: '20.00' }, qty: 10_000_000, unitCost: '12.50', lot: 'L-BENCH' }],
});
const payload = JSON.stringify({ fromLocationId: wh.id, toUserId: tech.id, lines: [{ partId: rec.lines[0].partId, qty: 1 }] });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
// KEYED=1: each issue with its own Idempotency-Key, as the web app sends them.
let sent = 0;
const issue = async () => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/issues', payload, headers: process.env.KEYED === '1' ? { ...headers, 'idempotency-key': `cpu-${++sent}` } : headers });
  if (r.statusCode !== 201) throw new Error(r.body);
};
const profiler = process.env.CPU_PROFILE ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  for (let i = 0; i < 300; i++) await issue(); // warm before the profile starts
  await profiler.post('Profiler.start');
}
const CONC = Number(process.env.CONC ?? 1);
const wave = async () => void (await Promise.all(Array.from({ length: CONC }, issue)));
const api = await cpuPer(CONC > 1 ? wave : issue, url, Math.ceil(N / CONC), CONC);
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  fs.writeFileSync(process.env.CPU_PROFILE!, JSON.stringify(profile));
}
console.log(`${engine}${engine === "sqlite" ? ` (synchronous=${config.sqliteSynchronous})` : ""}, ${N} requests each, ${CONC > 1 ? `the issues ${CONC} at a time` : 'one at a time'}:`);
const server = (r: { server?: number }) => (r.server === undefined ? '' : `, PostgreSQL backends ${r.server.toFixed(3)} ms`);
console.log(`  ceiling: CPU ${ceiling.cpu.toFixed(3)} ms/request${server(ceiling)}, wall ${ceiling.wall.toFixed(3)} ms`);
console.log(`  api:     CPU ${api.cpu.toFixed(3)} ms/issue${server(api)},   wall ${api.wall.toFixed(3)} ms  → ${(api.cpu / ceiling.cpu).toFixed(1)}× the ceiling's CPU per request`);
await app.close();
await handle.close();
await drop();
