// The demo data set (aftersales demo, start --demo): a coach maker's after-sales network with
// four months of history, all of it posted through the real business functions under a
// simulated clock, so the ledger, documents, audit log and numbering are what real use leaves.
import { sql } from 'kysely';
import type { Database } from '../db.js';
import type { Config } from '../platform/config.js';
import type { DbHandle } from '../platform/db/connect.js';
import { inTransaction } from '../platform/db/transaction.js';
import { formatMilliFen } from '../platform/numbers.js';
import { COMPANY, DEMO_PASSWORD, PEOPLE, STORES, SUPPLIERS, allParts } from './catalog.js';
import { Simulation, type Scale } from './simulation.js';

// Any constant works: it only has to be the same in every process that loads the demo.
const DEMO_LOCK = 7_302_611;

/** Loads the demo once (R-PLT-5); refuses politely when it is already there or would collide. */
export async function loadDemo(h: DbHandle<Database>, config: Config, opts: { ifEmpty: boolean }): Promise<string> {
  const scale: Scale = process.env.AFTERSALES_DEMO_SCALE === 'small' ? 'small' : 'full';
  const started = Date.now();
  // One transaction: a failure leaves nothing half-loaded, and a second loader waits, then sees it.
  const result = await inTransaction(h.db, h.dialect, async (db) => {
    if (h.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${DEMO_LOCK})`.execute(db);
    const loaded = await db.selectFrom('locations').select('id').where('code', '=', STORES[0].code).executeTakeFirst();
    if (loaded) return { message: '演示数据已存在，未重复导入。 / Demo data is already loaded; nothing was changed.' };
    if (opts.ifEmpty) {
      const used = await db.selectFrom('parts').select('id').limit(1).executeTakeFirst();
      if (used) return { message: '数据库已有业务数据，未导入演示数据。 / The database already holds data; demo data was not loaded.' };
    }
    const clash = await collisions(db);
    if (clash.length) return { message: `无法导入演示数据：以下编码或用户名已被占用 / Cannot load the demo, these codes or usernames are taken: ${clash.join(', ')}` };
    const sim = new Simulation(db, h.dialect, config.timeZone, scale);
    await sim.run();
    return { message: null };
  });
  if (result.message) return result.message;
  return summary(h, config, scale, Date.now() - started);
}

async function collisions(db: DbHandle<Database>['db']): Promise<string[]> {
  const users = await db.selectFrom('users').select('username').where('username', 'in', PEOPLE.map((p) => p.username)).execute();
  const locs = await db.selectFrom('locations').select('code').where('code', 'in', STORES.map((s) => s.code)).execute();
  const sups = await db.selectFrom('suppliers').select('code').where('code', 'in', SUPPLIERS.map((s) => s.code)).execute();
  const codes = allParts(() => 0).map((p) => p.code);
  const parts = await db.selectFrom('parts').select('code').where('code', 'in', codes).limit(5).execute();
  return [...users.map((u) => u.username), ...locs.map((l) => l.code), ...sups.map((s) => s.code), ...parts.map((p) => p.code)];
}

async function count(h: DbHandle<Database>, table: 'parts' | 'suppliers' | 'moves' | 'lots' | 'documents' | 'audit_log'): Promise<number> {
  const r = await h.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function summary(h: DbHandle<Database>, config: Config, scale: Scale, ms: number): Promise<string> {
  const docs = await h.db.selectFrom('documents').select(['type', 'status', sql<number>`count(*)`.as('n')]).groupBy(['type', 'status']).execute();
  const n = (type: string, status?: string) => docs.filter((d) => d.type === type && (!status || d.status === status)).reduce((s, d) => s + Number(d.n), 0);
  const res = await h.db.selectFrom('reservations').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
  const r = (status: string) => Number(res.find((x) => x.status === status)?.n ?? 0);
  const shortages = await h.db.selectFrom('shortages').select(sql<number>`count(*)`.as('n')).where('status', '=', 'open').executeTakeFirstOrThrow();
  const value = await h.db
    .selectFrom('stock_levels as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .select(sql<number>`cast(coalesce(sum(s.value), 0) as bigint)`.as('v'))
    .where('l.is_real', '=', 1)
    .executeTakeFirstOrThrow();
  const wos = await h.db.selectFrom('work_orders').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
  const w = (...statuses: string[]) => wos.filter((x) => statuses.includes(x.status)).reduce((s, x) => s + Number(x.n), 0);
  const calls = await h.db.selectFrom('service_calls').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const people = PEOPLE.filter((p) => !p.username.startsWith('tech'))
    .map((p) => `    ${p.username.padEnd(11)} ${p.name}  ${p.roles.join(',')}${p.station ? ` (${STORES.find((s) => s.code === p.station)!.name})` : ''}`)
    .join('\n');
  const techs = PEOPLE.filter((p) => p.username.startsWith('tech'))
    .map((p) => `${p.username} ${p.name}${p.station ? `@${STORES.find((s) => s.code === p.station)!.name}` : ''}`)
    .join('，');
  return `已导入演示数据 / Demo data loaded: ${COMPANY}${scale === 'small' ? '（精简版 / small）' : ''}, ${Math.round(ms / 100) / 10}s, 时区 ${config.timeZone}
  库位 stores: ${STORES.map((s) => `${s.code} ${s.name}`).join('，')}
  配件 parts: ${await count(h, 'parts')}，供应商 suppliers: ${await count(h, 'suppliers')}，批次 lots: ${await count(h, 'lots')}
  2026-08 至 2026-11 业务 history: 入库 receipts ${n('receipt')}，出库 issues ${n('issue', 'posted')}（待审批 pending ${n('issue', 'pending_approval')}，驳回 rejected ${n('issue', 'rejected')}），返还 returns ${n('return')}，核销/报废 write-offs ${n('write_off')}，调拨 transfers ${n('transfer')}（在途 in transit ${n('transfer', 'in_transit')}）
  预订 reservations: 未结 open ${r('open')}，已领 fulfilled ${r('fulfilled')}，取消 cancelled ${r('cancelled')}；缺件 open shortages ${Number(shortages.n)}
  服务 service: 来电 calls ${Number(calls.n)}，工单 work orders ${w('new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts', 'resolved', 'signed', 'closed', 'cancelled')}（进行中 open ${w('new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts')}，已完工 done ${w('resolved', 'signed', 'closed')}，取消 cancelled ${w('cancelled')}）
  流水 moves: ${await count(h, 'moves')}，库存金额 stock value: ¥${formatMilliFen(Number(value.v))}
演示账号 / demo logins (密码 password: ${DEMO_PASSWORD}):
${people}
    技师 technicians: ${techs}
    admin       系统管理员 (首次启动时设置的密码 / the password set at first start)`;
}
