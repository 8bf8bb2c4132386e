// npm run bench -- --scale[=100k,1M,10M] [--scale-keep DIR] [--pg [URL]] [--scale-engine sqlite|postgres]
//                  [--duration S] [--runs N] [--check]
//
// The scale curve (issue 5 point 6): ledgers of 100k, 1M and 10M moves (10k, 100k, 1M lots of
// 1k, 10k, 100k parts) written by bench/ledger.ts straight into the tables, then, at each size,
// issue throughput through the real HTTP API (a few clients for a few seconds, as a share of the
// ceiling server measured in the same run, as bench/run.ts reports it) and the median and p95
// of the stock, holdings and issue-statistics reads through the API. SQLite always; PostgreSQL
// too when --pg, TEST_PG_URL or DATABASE_URL names one (fresh databases, dropped at the end).
// --scale-keep DIR keeps the generated databases (SQLite files in DIR, PostgreSQL databases
// as_scale_keep_<size>) and reuses them on the next run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { generateLedger, type LedgerSummary } from './ledger.js';

/** What bench/run.ts lends: its child-process and HTTP helpers. */
export interface Harness {
  startChild(name: string, args: string[], env: Record<string, string>, readyPath: string): Promise<{ proc: { pid?: number }; base: string; tail: () => string; stop: () => Promise<void> }>;
  call(base: string, method: string, url: string, token: string | null, body?: unknown): Promise<any>;
  login(base: string): Promise<string>;
  serverEnv(url: string, sync: string): Record<string, string>;
  peakRssMb(pid: number | undefined): number | null;
  rssMb(pid: number | undefined): number | null;
}

export interface ScaleOptions {
  sizes: string;
  /** sqlite, postgres or both (the default: postgres only when pgUrl is set). */
  engines?: string;
  keepDir?: string;
  pgUrl: string | null;
  duration?: number;
  runs?: number;
  check?: boolean;
}

const CONNECTIONS = 4;
const WARMUP = 2;
const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };
/** The read a size is timed on, at most this long per query once MIN_RUNS calls are done. */
const MIN_RUNS = 5;
const QUERY_BUDGET_MS = 20_000;

const fmt = (n: number) => n.toLocaleString('en');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function parseSizes(spec: string): { label: string; moves: number }[] {
  return spec.split(',').map((s) => {
    const key = s.trim().toLowerCase();
    const moves = SIZES[key] ?? (/^\d+$/.test(key) ? Number(key) : NaN);
    if (!Number.isFinite(moves) || moves < 1000) throw new Error(`--scale: unknown size ${s} (100k, 1M, 10M or a number of moves ≥ 1000)`);
    return { label: key, moves };
  });
}

// ── databases ──

interface ScaleDb {
  url: string;
  /** A kept database's "generation finished" marker (JSON summary next to the SQLite files). */
  marker: string | null;
  reset: () => Promise<void>;
  drop: () => Promise<void>;
}

async function pgAdmin<T>(pgUrl: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

async function scaleDb(engine: 'sqlite' | 'postgres', label: string, o: ScaleOptions): Promise<ScaleDb> {
  const keep = o.keepDir ? path.resolve(o.keepDir) : null;
  if (keep) fs.mkdirSync(keep, { recursive: true });
  if (engine === 'postgres') {
    const name = keep ? `as_scale_keep_${label}` : `as_scale_${label}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    const u = new URL(o.pgUrl!);
    u.pathname = `/${name}`;
    const create = () => pgAdmin(o.pgUrl!, async (c) => {
      if (!(await c.query('select 1 from pg_database where datname = $1', [name])).rowCount) await c.query(`create database ${name}`);
    });
    const drop = () => pgAdmin(o.pgUrl!, async (c) => void (await c.query(`drop database if exists ${name} with (force)`)));
    await create();
    return {
      url: u.toString(),
      marker: keep ? path.join(keep, `${name}.json`) : null,
      reset: async () => {
        await drop();
        await create();
      },
      drop: keep ? async () => {} : drop,
    };
  }
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), `aftersales-scale-${label}-`));
  const file = path.join(dir, `scale-${label}.db`);
  const remove = () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  };
  return {
    url: `sqlite:${file}`,
    marker: keep ? `${file}.json` : null,
    reset: async () => remove(),
    drop: keep ? async () => {} : async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Free space where the databases go, in GB (the 10M-move SQLite file is several GB). */
function freeGb(dir: string): number {
  const s = fs.statfsSync(dir);
  return (s.bavail * s.bsize) / 2 ** 30;
}

// ── measures ──

interface Timing {
  name: string;
  median: number;
  p95: number;
  n: number;
  /** The read failed (a 5xx at some size is a finding of the curve, not a reason to stop it). */
  error?: string;
}

async function timeGet(h: Harness, base: string, token: string, name: string, url: string, runs: number): Promise<Timing> {
  const t0 = performance.now();
  await h.call(base, 'GET', url, token); // the first call pays for cold pages and query planning
  // A read that takes seconds at 10M moves gets 3 timed calls, not minutes of them.
  const least = performance.now() - t0 > 5000 ? 3 : MIN_RUNS;
  const times: number[] = [];
  const start = performance.now();
  while (times.length < runs && (times.length < least || performance.now() - start < QUERY_BUDGET_MS)) {
    const t = performance.now();
    await h.call(base, 'GET', url, token);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { name, median: at(0.5), p95: at(0.95), n: times.length };
}

async function hammer(url: string, body: string, headers: Record<string, string>, duration: number): Promise<Result> {
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections: CONNECTIONS, duration, timeout: 30 });
  if (r.errors || r.non2xx) console.warn(`  ! ${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx of ${r.requests.total}`);
  return r;
}
const perSecond = (r: Result) => r['2xx'] / r.duration;

async function ceiling(h: Harness, engine: 'sqlite' | 'postgres', o: ScaleOptions, duration: number): Promise<{ rps: number; p99: number }> {
  const db = await scaleDb(engine, 'ceiling', { ...o, keepDir: undefined });
  const target = engine === 'postgres' ? db.url : db.url.slice('sqlite:'.length);
  const c = await h.startChild('ceiling', ['--import', 'tsx', 'bench/ceiling.ts'], { CEILING_DB: target, SYNC: 'FULL' }, '/');
  try {
    await hammer(`${c.base}/issue`, JSON.stringify({ qty: 1 }), {}, WARMUP);
    const r = await hammer(`${c.base}/issue`, JSON.stringify({ qty: 1 }), {}, duration);
    return { rps: perSecond(r), p99: r.latency.p99 };
  } finally {
    await c.stop();
    await db.drop();
  }
}

interface SizeResult {
  label: string;
  ledger: LedgerSummary & { reused: boolean };
  phases: string[];
  check: string;
  reads: Timing[];
  issues: { rps: number; p50: number; p99: number; errors: number } | null;
  idleRssMb: number | null;
  peakRssMb: number | null;
  dbSize: string;
}

async function dbSize(engine: 'sqlite' | 'postgres', url: string, pgUrl: string | null): Promise<string> {
  if (engine === 'sqlite') {
    const f = url.slice('sqlite:'.length);
    const bytes = [f, `${f}-wal`].reduce((s, x) => s + (fs.existsSync(x) ? fs.statSync(x).size : 0), 0);
    return `${(bytes / 2 ** 30).toFixed(2)} GB`;
  }
  const name = new URL(url).pathname.slice(1);
  const bytes = await pgAdmin(pgUrl!, async (c) => Number((await c.query('select pg_database_size($1) as b', [name])).rows[0].b));
  return `${(bytes / 2 ** 30).toFixed(2)} GB`;
}

async function oneSize(h: Harness, engine: 'sqlite' | 'postgres', size: { label: string; moves: number }, o: ScaleOptions, duration: number): Promise<SizeResult> {
  console.log(`\n── ${engine}: ${fmt(size.moves)} moves ──`);
  const lots = Math.round(size.moves / 10);
  const parts = Math.max(100, Math.round(lots / 10));
  const db = await scaleDb(engine, size.label, o);
  const phases: string[] = [];
  const phase = (what: string, ms: number) => {
    phases.push(`${what} ${secs(ms)}`);
    console.log(`  ${what}: ${secs(ms)}`);
  };
  try {
    if (size.moves >= 5_000_000 && engine === 'sqlite') {
      const free = freeGb(path.dirname(db.url.slice('sqlite:'.length)));
      console.log(`  free disk: ${free.toFixed(0)} GB`);
      if (free < 15) throw new Error(`only ${free.toFixed(1)} GB free for a ${fmt(size.moves)}-move SQLite ledger (needs ~10 GB with its WAL and index builds)`);
    }
    const { loadConfig } = await import('../src/platform/config.js');
    const { openDatabase, ensureAdmin } = await import('../src/main.js');
    const config = { ...loadConfig(h.serverEnv(db.url, 'NORMAL')), databaseUrl: db.url };
    const reusable = db.marker && fs.existsSync(db.marker);
    let ledger: SizeResult['ledger'];
    if (reusable) {
      ledger = { ...(JSON.parse(fs.readFileSync(db.marker!, 'utf8')) as LedgerSummary), reused: true };
      const handle = await openDatabase(config); // migrates a kept database made by older code
      await handle.close();
      console.log(`  reusing ${fmt(ledger.moves)} moves (${db.url})`);
    } else {
      await db.reset(); // a kept database without its marker is a generation that did not finish
      const handle = await openDatabase(config);
      await ensureAdmin(handle, config, () => {});
      await handle.close();
      const t0 = performance.now();
      let last = t0;
      const summary = await generateLedger(db.url, {
        moves: size.moves,
        lots,
        parts,
        timeZone: config.timeZone,
        movesPerTransaction: Math.max(50_000, Math.min(1_000_000, size.moves / 10)),
        progress: (what) => {
          const now = performance.now();
          console.log(`  … ${what} (+${secs(now - last)}, ${secs(now - t0)} in all, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB)`);
          last = now;
        },
      });
      ledger = { ...summary, reused: false };
      phase(`generated ${fmt(summary.moves)} moves, ${fmt(summary.documents)} documents, ${fmt(summary.lots)} lots, ${fmt(summary.parts)} parts`, summary.seconds * 1000);
      if (db.marker) fs.writeFileSync(db.marker, JSON.stringify(summary));
    }
    let check = 'not run';
    if (o.check || size.moves <= 100_000) {
      const { checkLedger } = await import('../src/modules/inventory/check.js');
      const handle = await openDatabase(config);
      const t = performance.now();
      const r = await checkLedger(handle.db);
      await handle.close();
      check = r.ok ? 'ok' : `FAILED: ${r.problems.slice(0, 3).join('; ')}`;
      phase(`ledger check ${check}`, performance.now() - t);
    }
    const size_ = await dbSize(engine, db.url, o.pgUrl);
    const api = await h.startChild(`api-scale-${size.label}`, ['bin/aftersales.js', 'start'], h.serverEnv(db.url, 'FULL'), '/api/v1/openapi.json');
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const token = await h.login(api.base);
      const idleRssMb = h.rssMb(api.proc.pid);
      const techs = await h.call(api.base, 'GET', '/users?limit=500', token);
      const tech = (techs.items as { id: number; username: string }[]).find((u) => u.username === 'btech1');
      const reads: Timing[] = [];
      const t = performance.now();
      for (const [name, url] of [
        ['GET /stock (by lot)', '/stock?limit=50'],
        ['GET /stock?groupBy=part', '/stock?limit=50&groupBy=part'],
        ['GET /holdings (all)', '/holdings?limit=50'],
        ['GET /holdings?userId= (one technician)', `/holdings?limit=50&userId=${tech?.id ?? 0}`],
        ['issue-stats groupBy=employee', '/reports/issue-stats?groupBy=employee'],
        ['issue-stats groupBy=part', '/reports/issue-stats?groupBy=part'],
      ] as const) {
        try {
          const r = await timeGet(h, api.base, token, name, url, o.runs ?? 20);
          reads.push(r);
          console.log(`  ${name}: median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${r.n} calls)`);
        } catch (err) {
          const error = /→ (\d{3})/.exec((err as Error).message)?.[1] ?? 'failed';
          reads.push({ name, median: NaN, p95: NaN, n: 0, error });
          console.log(`  ${name}: FAILED ${(err as Error).message.slice(0, 300)}`);
        }
      }
      phase('reads', performance.now() - t);

      // Throughput: one hot part received through the API, issued one unit at a time.
      const t2 = performance.now();
      const suffix = crypto.randomBytes(3).toString('hex');
      const wh = await h.call(api.base, 'POST', '/locations', token, { code: `WH-S-${suffix}`, name: `规模总仓${suffix}`, kind: 'warehouse' });
      const sup = await h.call(api.base, 'POST', '/suppliers', token, { code: `S-S-${suffix}`, name: `规模供应商${suffix}` });
      const rec = await h.call(api.base, 'POST', '/receipts', token, {
        locationId: wh.id,
        supplierId: sup.id,
        lines: [{ newPart: { code: `SCALE-${suffix}`, name: '规模配件', unit: '个', salePrice: '20.00' }, qty: 1_000_000, unitCost: '12.50', lot: 'L-SCALE' }],
      });
      const body = JSON.stringify({ fromLocationId: wh.id, toUserId: tech?.id, lines: [{ partId: rec.lines[0].partId, qty: 1 }] });
      const url = `${api.base}/api/v1/issues`;
      const headers = { authorization: `Bearer ${token}` };
      await hammer(url, body, headers, WARMUP);
      const a = await hammer(url, body, headers, duration);
      const issues = { rps: perSecond(a), p50: a.latency.p50, p99: a.latency.p99, errors: a.errors + a.non2xx };
      console.log(`  issues: ${issues.rps.toFixed(0)}/s, p50 ${issues.p50} ms, p99 ${issues.p99} ms (${CONNECTIONS} connections, ${duration} s)`);
      phase('issue throughput', performance.now() - t2);
      return { label: size.label, ledger, phases, check, reads, issues, idleRssMb, peakRssMb: h.peakRssMb(api.proc.pid), dbSize: size_ };
    } catch (err) {
      console.error(api.tail());
      throw err;
    } finally {
      await api.stop();
    }
  } finally {
    await db.drop();
  }
}

// ── report ──

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

function report(engine: string, ceil: { rps: number; p99: number }, results: SizeResult[], duration: number) {
  const ms = (x: number) => (x < 10 ? x.toFixed(1) : fmt(Math.round(x)));
  const rows: string[][] = [['measure', ...results.map((r) => `${fmt(r.ledger.moves)} moves`)]];
  rows.push(['lots / parts', ...results.map((r) => `${fmt(r.ledger.lots)} / ${fmt(r.ledger.parts)}`)]);
  rows.push(['database size', ...results.map((r) => r.dbSize)]);
  rows.push(['generated in', ...results.map((r) => (r.ledger.reused ? 'reused' : secs(r.ledger.seconds * 1000)))]);
  rows.push(['ledger check', ...results.map((r) => r.check)]);
  rows.push([`issues/s (${CONNECTIONS} conn., ${duration} s) / ceiling ${fmt(Math.round(ceil.rps))}`, ...results.map((r) => (r.issues ? `${fmt(Math.round(r.issues.rps))} = ${((100 * r.issues.rps) / ceil.rps).toFixed(0)} %` : 'n/a'))]);
  rows.push(['issue p50 / p99 ms', ...results.map((r) => (r.issues ? `${r.issues.p50} / ${r.issues.p99}` : 'n/a'))]);
  for (let i = 0; i < results[0]!.reads.length; i++) {
    rows.push([`${results[0]!.reads[i]!.name} median / p95 ms`, ...results.map((r) => (r.reads[i]!.error ? `error ${r.reads[i]!.error}` : `${ms(r.reads[i]!.median)} / ${ms(r.reads[i]!.p95)}`))]);
  }
  rows.push(['server idle / peak RSS MB', ...results.map((r) => `${r.idleRssMb?.toFixed(0) ?? '?'} / ${r.peakRssMb?.toFixed(0) ?? '?'}`)]);
  const errors = results.filter((r) => r.issues?.errors);
  console.log(`\nScale curve — ${engine}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ceiling ${fmt(Math.round(ceil.rps))} req/s (p99 ${ceil.p99} ms)\n`);
  console.log(table(rows));
  if (errors.length) console.log(`\n! issue errors at ${errors.map((r) => `${r.label}: ${r.issues!.errors}`).join(', ')}`);
}

export async function runScale(h: Harness, o: ScaleOptions): Promise<void> {
  const sizes = parseSizes(o.sizes);
  const duration = o.duration ?? 8;
  const engines = (o.engines ? o.engines.split(',').map((e) => e.trim()) : o.pgUrl ? ['sqlite', 'postgres'] : ['sqlite']) as ('sqlite' | 'postgres')[];
  for (const e of engines) if (e !== 'sqlite' && e !== 'postgres') throw new Error(`--scale-engine: ${e} is not sqlite or postgres`);
  if (engines.includes('postgres') && !o.pgUrl) throw new Error('--scale-engine postgres needs --pg URL, TEST_PG_URL or DATABASE_URL');
  const started = performance.now();
  console.log(`scale curve: ${sizes.map((s) => fmt(s.moves)).join(', ')} moves on ${engines.join(' and ')}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const engine of engines) {
    console.log(`\n══ ${engine} ══`);
    const ceil = await ceiling(h, engine, o, duration);
    console.log(`  ceiling: ${ceil.rps.toFixed(0)} req/s, p99 ${ceil.p99} ms (${CONNECTIONS} connections)`);
    const results: SizeResult[] = [];
    for (const size of sizes) {
      try {
        results.push(await oneSize(h, engine, size, o, duration));
      } catch (err) {
        // A size that fails (disk, time) is reported, and the sizes done so far still printed.
        console.error(`  ${engine} ${size.label} failed: ${(err as Error).message}`);
        break;
      }
    }
    if (results.length) report(engine, ceil, results, duration);
  }
  console.log(`\nscale curve done in ${secs(performance.now() - started)}`);
}
