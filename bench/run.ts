// npm run bench [-- --service [--pg [URL]] [--service-orders N]]   (bench/service.ts)
// npm run bench [-- --quick] [-- --check] [-- --cpu-prof DIR] [-- --modes FULL,NORMAL] [-- --no-ledger]
//               [-- --reads-only] [-- --ledger-db URL] [-- --runs N]
//               [-- --scale[=100k,1M,10M]] [-- --scale-keep DIR] [-- --pg [URL]]   (bench/scale.ts)
//
// Write throughput of the real API (POST /api/v1/issues) against a bare "ceiling" server doing
// one INSERT transaction per request, both as child processes so neither shares an event loop
// with autocannon; then read latency of /stock and /reports/issue-stats on a generated ledger.
// SQLite by default (synchronous FULL and NORMAL); DATABASE_URL=postgres://… runs the same on
// PostgreSQL in fresh databases that are dropped afterwards. docs/benchmarks.md has results.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { generateLedger, type LedgerSummary } from './ledger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --scale and --pg may come bare (all sizes; the default PostgreSQL) or with a value.
const argv = process.argv.slice(2);
const bare = { '--scale': '100k,1M,10M', '--pg': process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' } as Record<string, string>;
const args = argv.map((a, i) => (a in bare && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? `${a}=${bare[a]}` : a));
const { values: flags } = parseArgs({
  args,
  options: {
    scale: { type: 'string' },
    service: { type: 'boolean' },
    'service-orders': { type: 'string' },
    'scale-keep': { type: 'string' },
    'scale-engine': { type: 'string' },
    pg: { type: 'string' },
    quick: { type: 'boolean' },
    check: { type: 'boolean' },
    'no-ledger': { type: 'boolean' },
    // Skip the write benchmark: only the ledger reads (and the server's idle and peak RSS).
    'reads-only': { type: 'boolean' },
    // Keep the ledger in this database (sqlite:FILE or postgres://…/NAME) and reuse it when it
    // already has moves, so read-side changes can be measured without regenerating 1M moves.
    'ledger-db': { type: 'string' },
    runs: { type: 'string' },
    'cpu-prof': { type: 'string' },
    // Extra node flags for the API server child (compare V8 heap settings): --node-args '--max-semi-space-size=8'
    'node-args': { type: 'string' },
    modes: { type: 'string' },
    moves: { type: 'string' },
    duration: { type: 'string' },
    // Spread the issues over this many parts (default 1: every issue queues on one part's row).
    parts: { type: 'string' },
  },
});
const QUICK = !!flags.quick;
/** The node flags of package.json's start script (`node --max-old-space-size=… bin/aftersales.js start`). */
const START_FLAGS = (/^node\s+((?:--\S+\s+)*)bin\/aftersales\.js/.exec((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '')?.[1] ?? '').split(/\s+/).filter(Boolean);
const DURATION = Number(flags.duration ?? (QUICK ? 3 : 10));
const WARMUP = QUICK ? 1 : 3;
const CONNECTIONS = 32;
const PARTS = Math.max(1, Math.min(200, Math.trunc(Number(flags.parts ?? 1)) || 1));
const LEDGER_MOVES = Number(flags.moves ?? (QUICK ? 100_000 : 1_000_000));
const PG_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
const ENGINE = PG_URL ? 'postgres' : 'sqlite';
const MODES = PG_URL ? ['-'] : (flags.modes ?? 'FULL,NORMAL').split(',').map((m) => m.trim().toUpperCase());
const ADMIN_PASSWORD = 'bench-admin-pass-1';
const TARGET = { fullRatio: 0.8, normalRatio: 0.35, pgRatio: 0.5, p99Ratio: 1.5, halfRateP99: 10, stockMs: 150, statsMs: 1000, rssMb: 250 };

// ── processes ──

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Child {
  proc: ChildProcess;
  port: number;
  base: string;
  tail: () => string;
  stop: () => Promise<void>;
}

/** Starts a node child process and waits until its port accepts HTTP. */
async function startChild(name: string, args: string[], env: Record<string, string>, readyPath: string): Promise<Child> {
  const port = await freePort();
  // One folder per child: each thread (tsx runs a loader thread) writes its own profile.
  const nodeArgs = flags['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(flags['cpu-prof'], `${name}-${Date.now()}`)] : [];
  // The server runs with the node flags `npm start` gives it (its V8 heap cap); --node-args after them, so they win.
  if (args[0] === 'bin/aftersales.js') nodeArgs.push(...START_FLAGS, ...(flags['node-args'] ?? '').split(/\s+/).filter(Boolean));
  const proc = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((r) => proc.once('exit', () => ((exited = true), r())));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited before it was ready:\n${log}`);
    try {
      await fetch(base + readyPath);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} not ready after 60 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    proc,
    port,
    base,
    tail: () => log,
    stop: async () => {
      if (exited) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(t);
    },
  };
}

/** Peak resident set size of a process (Linux VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ── databases ──

interface FreshDb {
  url: string;
  drop: () => Promise<void>;
}

async function freshDb(label: string, pgUrl: string | null = PG_URL): Promise<FreshDb> {
  if (pgUrl) {
    const name = `as_bench_${label}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aftersales-bench-${label}-`));
  return { url: `sqlite:${path.join(dir, 'bench.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// ── HTTP helpers ──

async function call(base: string, method: string, url: string, token: string | null, body?: unknown) {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return JSON.parse(text);
}

async function login(base: string): Promise<string> {
  return (await call(base, 'POST', '/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD })).token;
}

function serverEnv(url: string, sync: string): Record<string, string> {
  return { DATABASE_URL: url, AFTERSALES_ADMIN_PASSWORD: ADMIN_PASSWORD, AFTERSALES_SQLITE_SYNCHRONOUS: sync === '-' ? 'FULL' : sync, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
}

/** Drives POST url with `body`, or with each of `body`'s bodies in turn when it is a list. */
async function load(url: string, body: string | string[], headers: Record<string, string>, duration: number, overallRate?: number): Promise<Result> {
  let i = 0;
  const bodies = typeof body === 'string' ? null : body;
  const requests = bodies ? [{ setupRequest: (req: { body?: string }) => ({ ...req, body: bodies[i++ % bodies.length] }) }] : undefined;
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: bodies ? bodies[0] : (body as string), requests, connections: CONNECTIONS, duration, overallRate, timeout: 30 });
  if (r.errors || r.non2xx) console.warn(`  ! ${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx of ${r.requests.total}`);
  return r;
}
const perSecond = (r: Result) => r['2xx'] / r.duration;

// ── the write benchmark ──

interface WriteResult {
  mode: string;
  ceilingRps: number;
  ceilingP99: number;
  apiRps: number;
  apiP99: number;
  apiErrors: number;
  halfRate: number;
  ceilingHalfP99: number;
  halfP99: number;
  halfP50: number;
  halfRps: number;
  rssMb: number | null;
}

async function writeBench(mode: string): Promise<WriteResult> {
  console.log(`\n── ${ENGINE}${mode === '-' ? '' : ` synchronous=${mode}`} ──`);
  const cdb = await freshDb('ceiling');
  const ceiling = await startChild('ceiling', ['--import', 'tsx', 'bench/ceiling.ts'], { CEILING_DB: PG_URL ? cdb.url : cdb.url.slice('sqlite:'.length), SYNC: mode }, '/');
  const cBody = JSON.stringify({ qty: 1 });
  let c: Result;
  let ch: Result;
  try {
    await load(`${ceiling.base}/issue`, cBody, {}, WARMUP);
    c = await load(`${ceiling.base}/issue`, cBody, {}, DURATION);
    // The ceiling itself at half its rate: how much of a tail the machine (fsync, autocannon on
    // the same cores) gives a route that does nothing else; context for the API's half-rate p99.
    ch = await load(`${ceiling.base}/issue`, cBody, {}, DURATION, Math.max(1, Math.round(perSecond(c) / 2)));
  } finally {
    await ceiling.stop();
    await cdb.drop();
  }
  console.log(`  ceiling: ${perSecond(c).toFixed(0)} req/s, p99 ${c.latency.p99} ms; at half that rate p50 ${ch.latency.p50} ms, p99 ${ch.latency.p99} ms`);

  const adb = await freshDb('api');
  const api = await startChild('api', ['bin/aftersales.js', 'start'], serverEnv(adb.url, mode), '/api/v1/openapi.json');
  try {
    const token = await login(api.base);
    const wh = await call(api.base, 'POST', '/locations', token, { code: 'WH-B', name: '基准总仓', kind: 'warehouse' });
    const sup = await call(api.base, 'POST', '/suppliers', token, { code: 'S-B', name: '基准供应商' });
    const tech = await call(api.base, 'POST', '/users', token, { username: 'btech', password: 'btech-pass-1', displayName: '基准技师', roles: ['technician'] });
    const rec = await call(api.base, 'POST', '/receipts', token, {
      locationId: wh.id,
      supplierId: sup.id,
      lines: Array.from({ length: PARTS }, (_, i) => ({ newPart: { code: `BENCH-${i + 1}`, name: `基准配件${i + 1}`, unit: '个', salePrice: '20.00' }, qty: Math.floor(10_000_000 / PARTS), unitCost: '12.50', lot: 'L-BENCH' })),
    });
    const bodies = (rec.lines as { partId: number }[]).map((l) => JSON.stringify({ fromLocationId: wh.id, toUserId: tech.id, lines: [{ partId: l.partId, qty: 1 }] }));
    const body = PARTS === 1 ? bodies[0]! : bodies;
    const headers = { authorization: `Bearer ${token}` };
    const url = `${api.base}/api/v1/issues`;
    await load(url, body, headers, WARMUP);
    const a = await load(url, body, headers, DURATION);
    console.log(`  api:     ${perSecond(a).toFixed(0)} issues/s, p99 ${a.latency.p99} ms`);
    const halfRate = Math.max(1, Math.round(perSecond(c) / 2));
    const h = await load(url, body, headers, DURATION, halfRate);
    console.log(`  api at ${halfRate} req/s: p50 ${h.latency.p50} ms, p99 ${h.latency.p99} ms (${perSecond(h).toFixed(0)} done/s)`);
    const rssMb = peakRssMb(api.proc.pid);
    return {
      mode,
      ceilingRps: perSecond(c),
      ceilingP99: c.latency.p99,
      apiRps: perSecond(a),
      apiP99: a.latency.p99,
      apiErrors: a.errors + a.non2xx + h.errors + h.non2xx,
      halfRate,
      ceilingHalfP99: ch.latency.p99,
      halfP99: h.latency.p99,
      halfP50: h.latency.p50,
      halfRps: perSecond(h),
      rssMb,
    };
  } catch (err) {
    console.error(api.tail());
    throw err;
  } finally {
    await api.stop();
    await adb.drop();
  }
}

// ── the read benchmark on a large ledger ──

interface ReadResult {
  ledger: LedgerSummary;
  check: string;
  timings: { name: string; cold: number; median: number }[];
  idleRssMb: number | null;
  rssMb: number | null;
}

/** Current resident set size of a process (Linux VmRSS), in MB. */
function rssMb(pid: number | undefined): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** A database named by --ledger-db: created (PostgreSQL) if missing, never dropped. */
async function keptDb(url: string): Promise<FreshDb> {
  if (url.startsWith('postgres')) {
    const u = new URL(url);
    const name = u.pathname.slice(1);
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--ledger-db: database name ${name} must be [a-z0-9_]`);
    const admin = new pg.Client({ connectionString: PG_URL ?? url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`create database ${name}`);
    await admin.end();
  } else fs.mkdirSync(path.dirname(url.slice('sqlite:'.length)), { recursive: true });
  return { url, drop: async () => {} };
}

const RUNS = Number(flags.runs ?? 5);

async function timeGet(base: string, token: string, url: string, runs = RUNS): Promise<{ cold: number; median: number }> {
  const once = async () => {
    const t = performance.now();
    await call(base, 'GET', url, token);
    return performance.now() - t;
  };
  const cold = await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  times.sort((x, y) => x - y);
  return { cold, median: times[Math.floor(runs / 2)]! };
}

async function readBench(): Promise<ReadResult> {
  console.log(`\n── ${ENGINE} ledger of ${LEDGER_MOVES.toLocaleString('en')} moves ──`);
  const db = flags['ledger-db'] ? await keptDb(flags['ledger-db']) : await freshDb('ledger');
  try {
    // Migrate and create the admin with the app's own code, then write the ledger directly.
    const { loadConfig } = await import('../src/platform/config.js');
    const { openDatabase, ensureAdmin } = await import('../src/main.js');
    const config = { ...loadConfig(serverEnv(db.url, 'NORMAL')), databaseUrl: db.url };
    const opening = performance.now();
    const h = await openDatabase(config);
    const migrated = (performance.now() - opening) / 1000;
    await ensureAdmin(h, config, () => {});
    const counts = async () => {
      const one = async (t: 'moves' | 'documents' | 'lots') => Number((await h.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      return { moves: await one('moves'), documents: await one('documents'), lots: await one('lots') };
    };
    const had = await counts();
    let ledger: LedgerSummary;
    if (had.moves > 0) {
      await h.close();
      ledger = { ...had, parts: 0, technicians: 0, seconds: 0 };
      console.log(`  reusing ${ledger.moves.toLocaleString('en')} moves in ${db.url} (opened and migrated in ${migrated.toFixed(1)} s)`);
    } else {
      await h.close();
      ledger = await generateLedger(db.url, { moves: LEDGER_MOVES, parts: QUICK ? 500 : 2000, timeZone: config.timeZone });
      console.log(`  generated ${ledger.moves.toLocaleString('en')} moves, ${ledger.documents.toLocaleString('en')} documents, ${ledger.lots.toLocaleString('en')} lots in ${ledger.seconds.toFixed(1)} s`);
    }
    let check = 'not run (--check)';
    if (flags.check || QUICK) {
      const { checkLedger } = await import('../src/modules/inventory/check.js');
      const h2 = await openDatabase(config);
      const t = performance.now();
      const r = await checkLedger(h2.db);
      await h2.close();
      check = r.ok ? `ok (${((performance.now() - t) / 1000).toFixed(1)} s)` : `FAILED: ${r.problems.slice(0, 3).join('; ')}`;
      console.log(`  check: ${check}`);
    }
    const api = await startChild('api-ledger', ['bin/aftersales.js', 'start'], serverEnv(db.url, 'FULL'), '/api/v1/openapi.json');
    try {
      // Idle: started, one login, nothing else; the libraries loaded at start-up are all there.
      await new Promise((r) => setTimeout(r, 1000));
      const token = await login(api.base);
      const idleRssMb = rssMb(api.proc.pid);
      console.log(`  server idle RSS ${idleRssMb?.toFixed(0)} MB`);
      const timings: ReadResult['timings'] = [];
      for (const [name, url] of [
        ['GET /stock (limit 50)', '/stock?limit=50'],
        ['GET /stock?groupBy=part', '/stock?limit=50&groupBy=part'],
        ['issue-stats groupBy=employee', '/reports/issue-stats?groupBy=employee'],
        ['issue-stats groupBy=part', '/reports/issue-stats?groupBy=part'],
      ] as const) {
        const t = await timeGet(api.base, token, url);
        timings.push({ name, ...t });
        console.log(`  ${name}: median ${t.median.toFixed(1)} ms (first ${t.cold.toFixed(1)} ms)`);
      }
      return { ledger, check, timings, idleRssMb, rssMb: peakRssMb(api.proc.pid) };
    } finally {
      await api.stop();
    }
  } finally {
    await db.drop();
  }
}

// ── report ──

const pass = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}

function report(writes: WriteResult[], reads: ReadResult | null) {
  const rows: string[][] = [['measure', 'figure', 'target', '']];
  for (const w of writes) {
    const tag = w.mode === '-' ? 'postgres' : w.mode;
    const ratio = w.apiRps / w.ceilingRps;
    const need = PG_URL ? TARGET.pgRatio : w.mode === 'FULL' ? TARGET.fullRatio : TARGET.normalRatio;
    rows.push([`[${tag}] ceiling`, `${w.ceilingRps.toFixed(0)} req/s, p99 ${w.ceilingP99} ms`, '', '']);
    rows.push([`[${tag}] API issues/s`, `${w.apiRps.toFixed(0)} /s = ${pct(ratio)} of ceiling`, `≥ ${pct(need)}`, pass(ratio >= need)]);
    const p = w.apiP99 / w.ceilingP99;
    rows.push([`[${tag}] p99 API / ceiling`, `${w.apiP99} / ${w.ceilingP99} ms = ${p.toFixed(2)}×`, `≤ ${TARGET.p99Ratio}×`, pass(p <= TARGET.p99Ratio)]);
    rows.push([`[${tag}] p99 at ${w.halfRate} req/s (½ ceiling)`, `${w.halfP99} ms (p50 ${w.halfP50} ms, ${w.halfRps.toFixed(0)} done/s; ceiling ${w.ceilingHalfP99} ms)`, `< ${TARGET.halfRateP99} ms`, pass(w.halfP99 < TARGET.halfRateP99)]);
    rows.push([`[${tag}] server peak RSS`, w.rssMb == null ? 'n/a' : `${w.rssMb.toFixed(0)} MB`, `< ${TARGET.rssMb} MB`, pass(w.rssMb != null && w.rssMb < TARGET.rssMb)]);
    if (w.apiErrors) rows.push([`[${tag}] API errors`, String(w.apiErrors), '0', 'MISS']);
  }
  if (reads) {
    const n = reads.ledger.moves.toLocaleString('en');
    for (const t of reads.timings) {
      const limit = t.name.startsWith('GET /stock') ? TARGET.stockMs : TARGET.statsMs;
      rows.push([`[${n} moves] ${t.name}`, `${t.median.toFixed(1)} ms (first ${t.cold.toFixed(0)} ms)`, `< ${limit} ms`, pass(t.median < limit)]);
    }
    rows.push([`[${n} moves] server idle RSS`, reads.idleRssMb == null ? 'n/a' : `${reads.idleRssMb.toFixed(0)} MB`, '', '']);
    rows.push([`[${n} moves] server peak RSS`, reads.rssMb == null ? 'n/a' : `${reads.rssMb.toFixed(0)} MB`, `< ${TARGET.rssMb} MB`, pass(reads.rssMb != null && reads.rssMb < TARGET.rssMb)]);
    rows.push([`[${n} moves] ledger check`, reads.check, 'ok', '']);
  }
  console.log(`\nAftersales benchmark — ${ENGINE}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per measure${QUICK ? ' (quick)' : ''}\n`);
  console.log(table(rows));
}

// The server children run as `npm start` runs them: compiled to dist/ (decisions/0008).
{
  // @ts-expect-error: a plain .mjs script without type declarations
  const { serverBuildFresh, build } = await import('../scripts/server-build.mjs');
  if (!(serverBuildFresh as () => boolean)()) await (build as () => Promise<void>)();
}

if (flags.service) {
  const { runServiceBench } = await import('./service.js');
  const pgUrl = flags.pg ?? PG_URL;
  await runServiceBench({ freshDb, serverEnv, startChild, login, timeGet, table }, { pgUrl, orders: Number(flags['service-orders'] ?? 100_000), runs: RUNS });
} else if (flags.scale !== undefined) {
  const { runScale } = await import('./scale.js');
  const pgUrl = flags.pg ?? [process.env.TEST_PG_URL, process.env.DATABASE_URL].find((u) => u?.startsWith('postgres')) ?? null;
  await runScale(
    { startChild, call, login, serverEnv, peakRssMb, rssMb },
    { sizes: flags.scale, engines: flags['scale-engine'], keepDir: flags['scale-keep'], pgUrl, duration: flags.duration ? Number(flags.duration) : undefined, runs: flags.runs ? Number(flags.runs) : undefined, check: !!flags.check },
  );
} else {
  const writes: WriteResult[] = [];
  if (!flags['reads-only']) for (const mode of MODES) writes.push(await writeBench(mode));
  const reads = flags['no-ledger'] ? null : await readBench();
  report(writes, reads);
}
