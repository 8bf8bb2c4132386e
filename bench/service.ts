// npm run bench -- --service [--pg [URL]] [--service-orders N]
//
// Issue #4's speed targets: the SLA due-time computation (µs per work order, target < 50 µs)
// and the dispatch board's first page on 100,000 open work orders (target < 200 ms), each with
// a baseline measured in the same run: plain wall-clock additions for the same work orders (the
// floor of any due-time computation) and an authenticated GET /me through the same server.
import type { Kysely } from 'kysely';
import type { Database } from '../src/db.js';
import { mulberry32 } from '../src/platform/random.js';

/** What the service bench borrows from bench/run.ts. */
export interface BenchKit {
  freshDb(label: string, pgUrl: string | null): Promise<{ url: string; drop: () => Promise<void> }>;
  serverEnv(url: string, sync: string): Record<string, string>;
  startChild(name: string, args: string[], env: Record<string, string>, readyPath: string): Promise<{ base: string; stop: () => Promise<void> }>;
  login(base: string): Promise<string>;
  timeGet(base: string, token: string, url: string, runs?: number): Promise<{ cold: number; median: number }>;
  table(rows: string[][]): string;
}

const TARGET = { slaMicros: 50, boardMs: 200 };
const CATEGORIES = ['engine', 'chassis', 'body', 'electrical', 'maintenance'];
const OPEN = ['new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts'] as const;

interface Facts {
  serviceType: 'A' | 'B' | 'C' | 'D';
  category: string;
  distanceM: number | null;
  contract: boolean;
  startAt: number;
}

function randomFacts(n: number, now: number): Facts[] {
  const rand = mulberry32(4_100_000);
  const out: Facts[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      serviceType: (['A', 'B', 'C', 'D'] as const)[Math.floor(rand() * 4)]!,
      category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!,
      // One in ten sites without coordinates; the rest up to 400 km from their station.
      distanceM: rand() < 0.1 ? null : Math.floor(rand() * 400_000),
      contract: rand() < 0.3,
      // Logged any time over the last 60 days, including nights, weekends and holidays.
      startAt: now - Math.floor(rand() * 60 * 86_400_000),
    });
  }
  return out;
}

/** µs per due-time computation with the default policies, and the wall-clock floor. */
async function slaBench(db: Kysely<Database>, timeZone: string, n: number) {
  const { computeDueTimes } = await import('../src/modules/service/sla.rules.js');
  const { businessCalendar, policyRule } = await import('../src/modules/service/sla.js');
  const rules = (await db.selectFrom('sla_policies').selectAll().where('active', '=', 1).orderBy('id').execute()).map(policyRule);
  const cal = businessCalendar(timeZone);
  const facts = randomFacts(n, Date.now());
  // Warm up the JIT and the calendar's day cache on a slice, as a running server would be.
  for (const f of facts.slice(0, 2000)) computeDueTimes(rules, f, f.startAt, cal);
  let sink = 0;
  const t0 = performance.now();
  for (const f of facts) {
    const d = computeDueTimes(rules, f, f.startAt, cal);
    sink += d.due.arrival?.at ?? 0;
  }
  const slaMs = performance.now() - t0;
  // Floor: the same loop adding each policy's minutes on the wall clock only.
  const t1 = performance.now();
  for (const f of facts) for (const r of rules) sink += f.startAt + (r.minutes.arrival ?? 0) * 60_000;
  const floorMs = performance.now() - t1;
  if (sink === 42) console.log('');
  return { perMicros: (slaMs * 1000) / n, floorMicros: (floorMs * 1000) / n, policies: rules.length, business: rules.filter((r) => r.clock === 'business').length };
}

/** Writes N open work orders (with customers, sites, technicians) straight into the database. */
async function generateOrders(db: Kysely<Database>, timeZone: string, n: number) {
  const { computeDueTimes } = await import('../src/modules/service/sla.rules.js');
  const { businessCalendar, policyRule } = await import('../src/modules/service/sla.js');
  const rules = (await db.selectFrom('sla_policies').selectAll().where('active', '=', 1).orderBy('id').execute()).map(policyRule);
  const cal = businessCalendar(timeZone);
  const rand = mulberry32(7_700_000);
  const now = Date.now();
  const techs = 60;
  const customers = Math.max(10, Math.floor(n / 50));
  const users = [];
  for (let i = 1; i <= techs; i++) users.push({ username: `btech${i}`, password_hash: 'x', display_name: `技师${i}`, roles: 'technician', station_id: null, disabled: 0, failed_logins: 0, version: 1, created_at: now, updated_at: now });
  const techIds = (await db.insertInto('users').values(users).returning('id').execute()).map((r) => r.id);
  const cust = [];
  for (let i = 1; i <= customers; i++) cust.push({ code: `BC-${i}`, name: `基准客户${i}`, phone: null, address: null, contract: rand() < 0.3 ? 1 : 0, station_id: null, search_text: `bc-${i}`, archived: 0, version: 1, created_at: now, updated_at: now });
  const custIds: number[] = [];
  for (let i = 0; i < cust.length; i += 1000) custIds.push(...(await db.insertInto('customers').values(cust.slice(i, i + 1000)).returning('id').execute()).map((r) => r.id));
  const sites = custIds.map((id, i) => ({ customer_id: id, name: `基准车场${i}`, address: null, lat_e6: 34_000_000 + Math.floor(rand() * 2_000_000), lng_e6: 113_000_000 + Math.floor(rand() * 2_000_000), version: 1, created_at: now, updated_at: now }));
  const siteIds: number[] = [];
  for (let i = 0; i < sites.length; i += 1000) siteIds.push(...(await db.insertInto('customer_sites').values(sites.slice(i, i + 1000)).returning('id').execute()).map((r) => r.id));
  const facts = randomFacts(n, now);
  const BATCH = 400;
  for (let i = 0; i < n; i += BATCH) {
    const rows = [];
    const team: { work_order_id: number; user_id: number; is_lead: number; assigned_by: number; assigned_at: number }[] = [];
    for (let k = i; k < Math.min(n, i + BATCH); k++) {
      const f = facts[k]!;
      const c = k % custIds.length;
      const d = computeDueTimes(rules, f, f.startAt, cal);
      const status = OPEN[Math.floor(rand() * OPEN.length)]!;
      const lead = status === 'new' ? null : techIds[Math.floor(rand() * techIds.length)]!;
      rows.push({
        number: `WO-B-${String(k + 1).padStart(7, '0')}`,
        status,
        service_type: f.serviceType,
        category: f.category,
        priority: rand() < 0.1 ? 'high' : 'normal',
        fault: '基准工单',
        customer_id: custIds[c]!,
        site_id: siteIds[c]!,
        unit_id: null,
        call_id: null,
        station_id: null,
        distance_m: f.distanceM,
        contract: f.contract ? 1 : 0,
        lead_technician_id: lead,
        cycle: 0,
        sla_started_at: f.startAt,
        response_due_at: d.due.response?.at ?? null,
        arrival_due_at: d.due.arrival?.at ?? null,
        resolution_due_at: d.due.resolution?.at ?? null,
        response_policy_id: d.due.response?.policyId ?? null,
        arrival_policy_id: d.due.arrival?.policyId ?? null,
        resolution_policy_id: d.due.resolution?.policyId ?? null,
        loaner_if_unresolved: d.loanerIfUnresolved ? 1 : 0,
        responded_at: status === 'new' || status === 'dispatched' ? null : f.startAt + 600_000,
        arrived_at: status === 'on_site' || status === 'waiting_parts' ? f.startAt + 3_600_000 : null,
        resolved_at: null,
        created_by: 1,
        created_at: f.startAt,
        updated_at: f.startAt,
        version: 1,
      } as const);
    }
    const ids = (await db.insertInto('work_orders').values(rows).returning(['id', 'lead_technician_id']).execute());
    for (const r of ids) if (r.lead_technician_id !== null) team.push({ work_order_id: r.id, user_id: r.lead_technician_id, is_lead: 1, assigned_by: 1, assigned_at: now });
    if (team.length) await db.insertInto('work_order_technicians').values(team).execute();
  }
}

export async function runServiceBench(kit: BenchKit, opts: { pgUrl: string | null; orders: number; runs: number }) {
  const engine = opts.pgUrl ? 'postgres' : 'sqlite';
  console.log(`\n── service: ${engine}, ${opts.orders.toLocaleString('en')} open work orders ──`);
  const db = await kit.freshDb('service', opts.pgUrl);
  try {
    const { loadConfig } = await import('../src/platform/config.js');
    const { openDatabase, ensureAdmin } = await import('../src/main.js');
    const config = { ...loadConfig(kit.serverEnv(db.url, 'NORMAL')), databaseUrl: db.url };
    const h = await openDatabase(config);
    await ensureAdmin(h, config, () => {});
    const sla = await slaBench(h.db, config.timeZone, 100_000);
    console.log(`  SLA due times: ${sla.perMicros.toFixed(2)} µs each (${sla.policies} policies, ${sla.business} on business hours); wall-clock floor ${sla.floorMicros.toFixed(3)} µs`);
    const t = performance.now();
    await generateOrders(h.db, config.timeZone, opts.orders);
    console.log(`  generated ${opts.orders.toLocaleString('en')} open work orders in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await h.close();
    const api = await kit.startChild('api-service', ['bin/aftersales.js', 'start'], kit.serverEnv(db.url, 'NORMAL'), '/api/v1/openapi.json');
    const rows: string[][] = [['measure', 'figure', 'target', '']];
    try {
      const token = await kit.login(api.base);
      const me = await kit.timeGet(api.base, token, '/me', opts.runs);
      const probe = await fetch(`${api.base}/api/v1/dispatch/board?limit=50`, { headers: { authorization: `Bearer ${token}` } });
      const measures: [string, string][] = [['GET /work-orders (first page)', '/work-orders?limit=50']];
      if (probe.status === 200) measures.unshift(['GET /dispatch/board (first page)', '/dispatch/board?limit=50']);
      else console.log(`  GET /dispatch/board answered ${probe.status}: not measured`);
      rows.push([`[${engine}] SLA due-time computation`, `${sla.perMicros.toFixed(2)} µs (${(sla.perMicros / sla.floorMicros).toFixed(0)}× the wall-clock floor of ${sla.floorMicros.toFixed(3)} µs)`, `< ${TARGET.slaMicros} µs`, sla.perMicros < TARGET.slaMicros ? 'ok' : 'MISS']);
      rows.push([`[${engine}] baseline GET /me`, `${me.median.toFixed(1)} ms`, '', '']);
      for (const [name, url] of measures) {
        const r = await kit.timeGet(api.base, token, url, opts.runs);
        const board = name.includes('board');
        rows.push([`[${engine}, ${opts.orders.toLocaleString('en')} open] ${name}`, `${r.median.toFixed(1)} ms (first ${r.cold.toFixed(0)} ms; ${(r.median / me.median).toFixed(1)}× GET /me)`, board ? `< ${TARGET.boardMs} ms` : '', board ? (r.median < TARGET.boardMs ? 'ok' : 'MISS') : '']);
      }
    } finally {
      await api.stop();
    }
    console.log(`\n${kit.table(rows)}`);
  } finally {
    await db.drop();
  }
}
