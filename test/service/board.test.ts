// The dispatch board (GET /dispatch/board): open requests by next due time with yesterday's
// undispatched ones first, SLA colours, paging, technicians' load and location, who may see it,
// and that the first page walks migration 0008's index instead of sorting.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, MutableClock, type TestApp } from '../harness.js';
import { boardRunQuery } from '../../src/modules/service/board.js';
import { ok, seedService, user } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
const clock = new MutableClock(Date.parse('2026-11-26T15:00:00+08:00'));
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
let tech3: Awaited<ReturnType<typeof user>>;
const wo: Record<string, { id: number; version: number; number: string }> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedService(t);
  tech3 = await user(t, 'tech3', ['technician'], s.st1.id);
  const create = async (body: object = {}) => ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, siteId: s.site1.id, serviceType: 'C', category: 'body', fault: '车门异响', ...body }));
  // Thursday 15:00: one request left undispatched, one dispatched to tech1 (in charge) and tech2.
  wo.oldNew = await create({ fault: '昨天未派' });
  wo.oldDispatched = await create({ fault: '昨天已派', category: 'engine' });
  wo.oldDispatched = ok(await s.dispatcher.api.post(`/work-orders/${wo.oldDispatched.id}/assign`, { technicianIds: [s.tech1.id, s.tech2.id], leadId: s.tech1.id, version: wo.oldDispatched.version }), 200);
  // Friday 09:00: a contract customer's request (1 h arrival), a plain one, and a cancelled one.
  clock.t = Date.parse('2026-11-27T09:00:00+08:00');
  wo.contract = await create({ customerId: s.cust2.id, siteId: s.site2.id, serviceType: 'B', fault: '合同客户' });
  wo.today = await create({ fault: '今天的' });
  const gone = await create({ fault: '已取消' });
  ok(await s.dispatcher.api.post(`/work-orders/${gone.id}/transition`, { to: 'cancelled', version: gone.version }), 200);
  clock.t = Date.parse('2026-11-27T09:50:00+08:00');
});
afterAll(async () => t?.close());

describe('GET /dispatch/board', () => {
  it('lists yesterday’s undispatched request first, then open work orders by next due time, with colours', async () => {
    const b = ok(await s.dispatcher.api.get('/dispatch/board'), 200);
    expect(b.today).toBe('2026-11-27');
    const numbers = b.items.map((i: { id: number }) => i.id);
    expect(numbers[0]).toBe(wo.oldNew.id);
    expect(b.items[0].rollover).toBe(true);
    expect(numbers).not.toContain(undefined);
    expect(numbers).toHaveLength(4); // the cancelled one is not on the board
    const rest = b.items.slice(1);
    expect(rest.every((i: { rollover: boolean }) => !i.rollover)).toBe(true);
    const dues = rest.map((i: { nextDueAt: string | null }) => (i.nextDueAt ? Date.parse(i.nextDueAt) : Infinity));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    // The contract request is due at 10:00 (1 h arrival): 10 minutes left of 60 is "near".
    const contract = b.items.find((i: { id: number }) => i.id === wo.contract.id);
    expect(contract).toMatchObject({ nextDueAt: '2026-11-27T10:00:00.000+08:00', customerName: '洛阳旅游客运', siteName: '洛阳车场', contract: true });
    expect(contract.sla.status).toBe('near');
    expect(rest.map((i: { id: number }) => i.id)).toEqual([wo.oldDispatched.id, wo.contract.id, wo.today.id]);
    const dispatched = b.items.find((i: { id: number }) => i.id === wo.oldDispatched.id);
    expect(dispatched.technicians).toEqual([
      { userId: s.tech1.id, displayName: 'tech1', inCharge: true },
      { userId: s.tech2.id, displayName: 'tech2', inCharge: false },
    ]);
    expect(dispatched.distanceKm).toBeGreaterThan(9.5);
    // Thursday's engine request: written contact within 12 h, due Friday 03:00, now breached.
    expect(dispatched.sla.response).toBe('breached');
    clock.t = Date.parse('2026-11-27T10:30:00+08:00');
    const later = ok(await s.dispatcher.api.get('/dispatch/board'), 200);
    expect(later.items.find((i: { id: number }) => i.id === wo.contract.id).sla.status).toBe('breached');
    clock.t = Date.parse('2026-11-27T09:50:00+08:00');
  });

  it('pages through the same order with a cursor, technicians on the first page only', async () => {
    const all = ok(await s.dispatcher.api.get('/dispatch/board'), 200).items.map((i: { id: number }) => i.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null; technicians: unknown[] } = ok(await s.dispatcher.api.get(`/dispatch/board?limit=1${cursor ? `&cursor=${cursor}` : ''}`), 200);
      if (pages > 0) expect(page.technicians).toEqual([]);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toEqual(all);
    expect((await s.dispatcher.api.get('/dispatch/board?cursor=bogus')).body.error.code).toBe('invalid_cursor');
    expect((await s.dispatcher.api.get(`/dispatch/board?cursor=${Buffer.from('["C",1,2]').toString('base64url')}`)).status).toBe(400);
    const st2 = ok(await s.dispatcher.api.get(`/dispatch/board?stationId=${s.st2.id}`), 200);
    expect(st2.items.map((i: { id: number }) => i.id)).toEqual([wo.contract.id]);
  });

  it('shows technicians with their open work orders and where they are', async () => {
    let b = ok(await s.manager.api.get('/dispatch/board'), 200);
    const tech = (id: number) => b.technicians.find((x: { userId: number }) => x.userId === id);
    expect(tech(s.tech1.id)).toMatchObject({ openWorkOrders: 1, location: null });
    expect(tech(tech3.id)).toMatchObject({ openWorkOrders: 0, location: { kind: 'station', name: '郑州服务站', latitude: 34.7466, longitude: 113.6253 } });
    expect(b.technicians.some((x: { userId: number }) => x.userId === s.dispatcher.id)).toBe(false);
    // tech1 accepts and sets off: now located at the job's site.
    let w = ok(await s.tech1.api.post(`/work-orders/${wo.oldDispatched.id}/transition`, { to: 'accepted', version: wo.oldDispatched.version }), 200);
    w = ok(await s.tech1.api.post(`/work-orders/${w.id}/transition`, { to: 'en_route', version: w.version }), 200);
    b = ok(await s.manager.api.get('/dispatch/board'), 200);
    expect(tech(s.tech1.id).location).toMatchObject({ kind: 'site', workOrderId: w.id, status: 'en_route', name: '郑州公交集团 · 二马路停车场', latitude: 34.8366 });
    expect(tech(s.tech2.id).location).toMatchObject({ kind: 'site', workOrderId: w.id });
  });

  it('the work-order list filters by service type, priority and number or fault text (the desk list screen)', async () => {
    const ids = async (qs: string) => ok(await s.dispatcher.api.get(`/work-orders?${qs}`), 200).items.map((i: { id: number }) => i.id);
    expect(await ids('serviceType=B')).toEqual([wo.contract.id]);
    expect(await ids('open=true&priority=normal')).toHaveLength(4);
    expect(await ids('priority=urgent')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('昨天未')}`)).toEqual([wo.oldNew.id]);
    expect(await ids(`q=${wo.today.number.toLowerCase()}`)).toEqual([wo.today.id]);
    expect(await ids('q=100%25')).toEqual([]);
    expect((await s.dispatcher.api.get('/work-orders?serviceType=E')).status).toBe(400);
  });

  it('is for the desk only', async () => {
    expect((await s.tech1.api.get('/dispatch/board')).status).toBe(403);
    expect((await s.station1.api.get('/dispatch/board')).status).toBe(403);
    expect((await s.keeper.api.get('/dispatch/board')).status).toBe(403);
    expect((await t.api.get('/dispatch/board')).status).toBe(200);
  });

  it('walks the partial due-time indexes of migration 0008 instead of sorting', async () => {
    const ctx = { dialect };
    const today = Date.parse('2026-11-27T00:00:00+08:00');
    for (const [phase, index] of [['A', 'work_orders_board_new'], ['B', 'work_orders_board_open']] as const) {
      const q = boardRunQuery(ctx, phase, today, undefined, [1, 1], 51).compile(t.handle.db);
      const plan = await t.handle.db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') {
          // A tiny table is cheaper to sort; forbid that to see whether the index fits at all.
          await sql`set local enable_seqscan = off`.execute(trx);
          await sql`set local enable_sort = off`.execute(trx);
          const r = await trx.executeQuery<{ 'QUERY PLAN': string }>({ ...q, sql: `explain ${q.sql}`, query: q.query });
          return r.rows.map((x) => x['QUERY PLAN']).join('\n');
        }
        const r = await trx.executeQuery<{ detail: string }>({ ...q, sql: `explain query plan ${q.sql}`, query: q.query });
        return r.rows.map((x) => x.detail).join('\n');
      });
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/TEMP B-TREE|Sort\b/i);
    }
  });
});
