// Calls, work orders, dispatch and SLA clocks through the API (R-SVC-2 … R-SVC-5): the life cycle,
// illegal moves, who sees what, breaches with their cause, reopen, concurrent dispatch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, MutableClock, type TestApp } from '../harness.js';
import { ok, seedService } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
const H = 3_600_000;
const FRIDAY_10 = Date.parse('2026-11-27T10:00:00+08:00');
const clock = new MutableClock(FRIDAY_10);
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
let partId: number;
beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedService(t);
  partId = ok(await t.api.post('/parts', { code: 'INJ-01', name: '喷油器', unit: '个' })).id;
});
afterAll(async () => t?.close());

const newOrder = (api = s.dispatcher.api, body: object = {}) => api.post('/work-orders', { customerId: s.cust1.id, siteId: s.site1.id, unitId: s.unit1.id, serviceType: 'C', category: 'engine', priority: 'high', fault: '发动机无法启动', ...body });
const move = (api: typeof t.api, wo: { id: number; version: number }, to: string, extra: object = {}) => api.post(`/work-orders/${wo.id}/transition`, { to, version: wo.version, ...extra });

describe('calls and letters log', () => {
  it('keeps entries in time order, scoped to the station, and opens a work order from a call', async () => {
    const first = ok(await s.dispatcher.api.post('/calls', { channel: 'phone', caller: '王队长', callerPhone: '13800000000', customerId: s.cust1.id, summary: '车辆无法启动' }));
    clock.advance(60_000);
    const second = ok(await s.dispatcher.api.post('/calls', { channel: 'letter', caller: '洛阳旅游客运', customerId: s.cust2.id, summary: '来函：空调不制冷', reply: '已安排' }));
    expect(first).toMatchObject({ status: 'open', stationId: s.st1.id });
    expect(second).toMatchObject({ status: 'answered', stationId: s.st2.id });
    const list = (await s.dispatcher.api.get('/calls')).body.items.map((c: { id: number }) => c.id);
    expect(list).toEqual([second.id, first.id]);
    expect((await s.station1.api.get('/calls')).body.items.map((c: { id: number }) => c.id)).toEqual([first.id]);
    expect((await s.station1.api.get(`/calls/${second.id}`)).status).toBe(404);
    const wo = ok(await newOrder(s.dispatcher.api, { callId: first.id }));
    expect((await t.api.get(`/calls/${first.id}`)).body.workOrderId).toBe(wo.id);
    const upd = await s.dispatcher.api.patch(`/calls/${second.id}`, { status: 'closed', version: second.version });
    expect(upd.body.status).toBe('closed');
    expect((await s.dispatcher.api.patch(`/calls/${second.id}`, { status: 'open', version: second.version })).status).toBe(409);
    expect((await s.dispatcher.api.post('/calls', { channel: 'pigeon', caller: 'x', summary: 'y' })).status).toBe(400);
    expect((await s.tech1.api.get('/calls')).status).toBe(403);
  });
});

describe('work orders', () => {
  it('get a yearly number and SLA due times from the policies at creation', async () => {
    clock.t = Date.parse('2026-11-27T09:00:00+08:00');
    const wo = ok(await newOrder());
    expect(wo.number).toMatch(/^WO-2026-\d{6}$/);
    expect(wo.status).toBe('new');
    expect(wo.distanceKm).toBeGreaterThan(9.5);
    expect(wo.distanceKm).toBeLessThan(10.5);
    // City (≤ 30 km): 6 business hours → Friday 16:30; engine fault: written contact within 12 h.
    expect(wo.sla.arrivalDueAt).toBe('2026-11-27T16:30:00.000+08:00');
    expect(wo.sla.responseDueAt).toBe('2026-11-27T21:00:00.000+08:00');
    expect(wo.sla.resolutionDueAt).toBeNull();
    expect(wo.sla.status).toBe('ok');
    // Contract customer, station without coordinates: 1 h arrival, 12 h fix, loaner.
    const c = ok(await newOrder(s.dispatcher.api, { customerId: s.cust2.id, siteId: s.site2.id, unitId: null, serviceType: 'B', category: 'body' }));
    expect(c).toMatchObject({ stationId: s.st2.id, distanceKm: null, contract: true });
    expect(Date.parse(c.sla.arrivalDueAt) - Date.parse(c.sla.startedAt)).toBe(H);
    expect(Date.parse(c.sla.resolutionDueAt) - Date.parse(c.sla.startedAt)).toBe(12 * H);
    expect(c.sla.loanerIfUnresolved).toBe(true);
  });

  it('a retried creation with the same Idempotency-Key makes one work order', async () => {
    const h = { 'idempotency-key': 'wo-retry-1' };
    const body = { customerId: s.cust1.id, serviceType: 'A', category: 'body', fault: '车门异响' };
    const a = await s.dispatcher.api.post('/work-orders', body, h);
    const b = await s.dispatcher.api.post('/work-orders', body, h);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.number).toBe(a.body.number);
    const n = await t.handle.db.selectFrom('work_orders').select('id').where('fault', '=', '车门异响').execute();
    expect(n).toHaveLength(1);
    expect((await s.dispatcher.api.post('/work-orders', { ...body, fault: '别的' }, h)).body.error.code).toBe('idempotency_key_reused');
  });

  it('refuse a site or unit of another customer and bad input', async () => {
    expect((await newOrder(s.dispatcher.api, { siteId: s.site2.id })).body.error.code).toBe('site_of_other_customer');
    expect((await newOrder(s.dispatcher.api, { customerId: s.cust2.id, siteId: null })).body.error.code).toBe('unit_of_other_customer');
    expect((await newOrder(s.dispatcher.api, { serviceType: 'E' })).status).toBe(400);
    expect((await newOrder(s.dispatcher.api, { fault: '' })).status).toBe(400);
    expect((await newOrder(s.dispatcher.api, { customerId: 999999 })).status).toBe(404);
    expect((await newOrder(s.tech1.api)).status).toBe(403);
  });

  it('walk new → dispatched → … → closed, each move an event with time and actor; waiting for parts makes the shortage line', async () => {
    let wo = ok(await newOrder());
    expect((await move(s.dispatcher.api, wo, 'dispatched')).body.error.code).toBe('no_technician');
    const bad = await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech2.id, version: wo.version });
    expect(bad.body.error.code).toBe('lead_not_in_team');
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.dispatcher.id], leadId: s.dispatcher.id, version: wo.version })).body.error.code).toBe('not_a_technician');
    wo = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id, s.tech2.id], leadId: s.tech1.id, version: wo.version }), 200);
    expect(wo).toMatchObject({ status: 'dispatched', leadTechnicianId: s.tech1.id, technicianIds: [s.tech1.id, s.tech2.id] });
    clock.advance(10 * 60_000);
    wo = ok(await move(s.tech1.api, wo, 'accepted'), 200);
    expect(wo.sla.respondedAt).toBe('2026-11-27T09:10:00.000+08:00');
    wo = ok(await move(s.tech1.api, wo, 'en_route'), 200);
    clock.advance(H);
    wo = ok(await move(s.tech2.api, wo, 'on_site'), 200);
    expect(wo.sla.arrival).toBe('ok');
    expect((await move(s.tech1.api, wo, 'waiting_parts')).body.error.code).toBe('parts_required');
    const wait = ok(await move(s.tech1.api, wo, 'waiting_parts', { parts: [{ partId, qty: 2 }, { description: '非标线束', qty: 1 }], note: '缺喷油器' }), 200);
    expect(wait.shortageIds).toHaveLength(2);
    const shortages = await t.handle.db.selectFrom('shortages').selectAll().where('work_order_id', '=', wo.id).orderBy('id').execute();
    expect(shortages.map((x) => [x.part_id, Number(x.qty), x.source, x.status])).toEqual([
      [partId, 2000, 'work_order', 'open'],
      [null, 1000, 'work_order', 'open'],
    ]);
    const purchase = (await t.api.get('/shortages/purchase-list')).body;
    expect(JSON.stringify(purchase)).toContain('INJ-01');
    wo = wait;
    wo = ok(await move(s.tech1.api, wo, 'on_site'), 200);
    wo = ok(await move(s.tech1.api, wo, 'resolved'), 200);
    // Signed only by the customer's signature on the service report (report-routes.ts), after the work.
    expect((await move(s.tech1.api, wo, 'signed')).body.error.code).toBe('signature_required');
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, findings: { look: '喷油器堵塞' }, cause: '油品', responsibility: 'customer', actions: '清洗喷油器', minutesSpent: 30 }), 200);
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 }), 200);
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: png, signerName: '王队长', version: 2 }), 200);
    wo = (await s.tech1.api.get(`/work-orders/${wo.id}`)).body;
    expect((await move(s.tech1.api, wo, 'closed')).body.error.code).toBe('transition_not_allowed_for_role');
    wo = ok(await move(s.dispatcher.api, wo, 'closed'), 200);
    const detail = (await s.dispatcher.api.get(`/work-orders/${wo.id}`)).body;
    expect(detail.events.map((e: { action: string; to: string }) => `${e.action}:${e.to}`)).toEqual(['create:new', 'assign:dispatched', 'transition:accepted', 'transition:en_route', 'transition:on_site', 'transition:waiting_parts', 'transition:on_site', 'transition:resolved', 'transition:signed', 'transition:closed']);
    expect(detail.events[2]).toMatchObject({ actorId: s.tech1.id, at: '2026-11-27T09:10:00.000+08:00' });
    expect(detail.events[4].actorId).toBe(s.tech2.id);
    expect(detail.technicians).toEqual([
      expect.objectContaining({ userId: s.tech1.id, inCharge: true }),
      expect.objectContaining({ userId: s.tech2.id, inCharge: false }),
    ]);
    expect(detail.breaches).toEqual([]);
    const audit = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'work_order').where('entity_id', '=', wo.id).execute();
    expect(audit.length).toBe(10);
  });

  it('illegal moves are 409 with a stable code and a translated message; nothing is written', async () => {
    const wo = ok(await newOrder());
    const before = await t.handle.db.selectFrom('work_order_events').select('id').where('work_order_id', '=', wo.id).execute();
    const sign = await move(t.api.as('en'), wo, 'signed');
    expect(sign.status).toBe(409);
    expect(sign.body.error).toMatchObject({ code: 'invalid_transition', message: 'A work order in state "new" cannot go to "signed"' });
    const tw = await move(t.api.as('zh-TW'), wo, 'closed');
    expect(tw.body.error.message).toBe('工單狀態為「new」，不能變為「closed」');
    expect((await move(t.api, wo, 'bogus')).status).toBe(400);
    const stale = await move(s.dispatcher.api, { id: wo.id, version: wo.version + 5 }, 'cancelled');
    expect(stale.body.error.code).toBe('version_conflict');
    const after = await t.handle.db.selectFrom('work_order_events').select('id').where('work_order_id', '=', wo.id).execute();
    expect(after.length).toBe(before.length);
    expect((await t.api.get(`/work-orders/${wo.id}`)).body.status).toBe('new');
    const cancelled = ok(await move(s.dispatcher.api, wo, 'cancelled'), 200);
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: cancelled.version })).body.error.code).toBe('work_order_finished');
  });

  it('a technician sees and moves only work orders assigned to them', async () => {
    let wo = ok(await newOrder());
    wo = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: wo.version }), 200);
    expect((await s.tech2.api.get(`/work-orders/${wo.id}`)).status).toBe(404);
    expect((await move(s.tech2.api, wo, 'accepted')).status).toBe(404);
    const mine = (await s.tech2.api.get('/work-orders?limit=500')).body.items.map((w: { id: number }) => w.id);
    expect(mine).not.toContain(wo.id);
    const tech1 = (await s.tech1.api.get('/work-orders?limit=500')).body.items;
    expect(tech1.map((w: { id: number }) => w.id)).toContain(wo.id);
    expect(tech1.every((w: { technicianIds: number[] }) => w.technicianIds.includes(s.tech1.id))).toBe(true);
    // Asking for another technician's list gives one's own.
    expect((await s.tech2.api.get(`/work-orders?technicianId=${s.tech1.id}`)).body.items.map((w: { id: number }) => w.id)).not.toContain(wo.id);
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: wo.version })).status).toBe(403);
  });

  it('a station user sees only its station’s work orders and cannot open one for another station’s customer', async () => {
    const own = ok(await newOrder(s.station2.api, { customerId: s.cust2.id, siteId: s.site2.id, unitId: null, stationId: s.st1.id }));
    expect(own.stationId).toBe(s.st2.id);
    const seen = (await s.station2.api.get('/work-orders?limit=500')).body.items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((w: { stationId: number }) => w.stationId === s.st2.id)).toBe(true);
    const other = (await s.dispatcher.api.get(`/work-orders?stationId=${s.st1.id}&limit=1`)).body.items[0];
    expect((await s.station2.api.get(`/work-orders/${other.id}`)).status).toBe(404);
    expect((await newOrder(s.station2.api)).body.error.code).toBe('unknown_customer');
    expect((await s.station2.api.post(`/work-orders/${own.id}/transition`, { to: 'cancelled', version: own.version })).status).toBe(403);
  });
});

describe('SLA breaches, colours and reopen', () => {
  it('a late arrival records a breach with the cause given; the periodic check records overdue targets once', async () => {
    clock.t = Date.parse('2026-11-30T09:00:00+08:00'); // Monday
    let late = ok(await newOrder(s.dispatcher.api, { category: 'body' }));
    const idle = ok(await newOrder(s.dispatcher.api, { category: 'body' }));
    expect(late.sla.arrivalDueAt).toBe('2026-11-30T16:30:00.000+08:00');
    late = ok(await s.dispatcher.api.post(`/work-orders/${late.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: late.version }), 200);
    late = ok(await move(s.tech1.api, late, 'accepted'), 200);
    late = ok(await move(s.tech1.api, late, 'en_route'), 200);
    clock.t = Date.parse('2026-11-30T15:00:00+08:00');
    const near = (await s.dispatcher.api.get(`/work-orders/${idle.id}`)).body;
    expect(near.sla).toMatchObject({ arrival: 'near', status: 'near' });
    clock.t = Date.parse('2026-11-30T17:00:00+08:00');
    const checked = await s.manager.api.post('/sla-breaches/check', {});
    expect(checked.body.recorded).toBeGreaterThanOrEqual(2);
    const seen = await t.handle.db.selectFrom('sla_breaches').select('work_order_id').where('work_order_id', 'in', [late.id, idle.id]).execute();
    expect(seen.map((r) => r.work_order_id).sort()).toEqual([late.id, idle.id].sort());
    expect((await s.manager.api.post('/sla-breaches/check', {})).body.recorded).toBe(0);
    late = ok(await move(s.tech1.api, late, 'on_site', { breachCause: '高速封路' }), 200);
    expect(late.sla.arrival).toBe('breached');
    const d = (await t.api.get(`/work-orders/${late.id}`)).body;
    expect(d.breaches).toEqual([expect.objectContaining({ target: 'arrival', cause: '高速封路', source: 'check', metAt: '2026-11-30T17:00:00.000+08:00' })]);
    expect(d.events.at(-1).data).toMatchObject({ late: 'arrival', cause: '高速封路' });
    const list = (await s.dispatcher.api.get('/work-orders?open=true&limit=500')).body.items;
    expect(list.find((w: { id: number }) => w.id === idle.id).sla.status).toBe('breached');
    const rows = await t.handle.db.selectFrom('sla_breaches').selectAll().where('work_order_id', '=', idle.id).execute();
    expect(rows.map((r) => [r.target, r.cause, r.met_at])).toEqual([['arrival', 'overdue', null]]);
  });

  it('reopen restarts the SLA clock with a new cycle', async () => {
    clock.t = Date.parse('2026-12-01T09:00:00+08:00');
    let wo = ok(await newOrder(s.dispatcher.api, { category: 'body' }));
    wo = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: wo.version }), 200);
    for (const to of ['accepted', 'en_route', 'on_site', 'resolved']) wo = ok(await move(s.tech1.api, wo, to), 200);
    clock.t = Date.parse('2026-12-02T14:00:00+08:00');
    expect((await move(s.tech1.api, wo, 'new')).body.error.code).toBe('transition_not_allowed_for_role');
    wo = ok(await move(s.manager.api, wo, 'new', { note: '客户反映故障复发' }), 200);
    expect(wo).toMatchObject({ status: 'new', cycle: 1 });
    expect(wo.sla).toMatchObject({ startedAt: '2026-12-02T14:00:00.000+08:00', arrivalDueAt: '2026-12-03T11:00:00.000+08:00', respondedAt: null, arrivedAt: null, resolvedAt: null });
    const d = (await t.api.get(`/work-orders/${wo.id}`)).body;
    expect(d.events.at(-1)).toMatchObject({ action: 'reopen', from: 'resolved', to: 'new', note: '客户反映故障复发' });
    // Still assigned: it can go straight back to dispatched.
    expect((await move(s.dispatcher.api, wo, 'dispatched')).status).toBe(200);
  });

  it('dispatchers assigning the same order at once: one wins, the others get 409, nothing mixed', async () => {
    const wo = ok(await newOrder());
    const tries = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? { api: s.dispatcher.api, tech: s.tech1.id } : { api: s.manager.api, tech: s.tech2.id }));
    const res = await Promise.all(tries.map((x) => x.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [x.tech], leadId: x.tech, version: wo.version })));
    const won = res.flatMap((r, i) => (r.status === 200 ? [tries[i]!.tech] : []));
    expect(won).toHaveLength(1);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.code === 'version_conflict')).toBe(true);
    const team = await t.handle.db.selectFrom('work_order_technicians').select('user_id').where('work_order_id', '=', wo.id).execute();
    expect(team.map((r) => r.user_id)).toEqual(won);
    const events = await t.handle.db.selectFrom('work_order_events').select('action').where('work_order_id', '=', wo.id).execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'assign']);
  });

  it('the transition table is served as data; finance and keepers read work orders but cannot change them', async () => {
    const table = (await s.tech1.api.get('/work-orders/transitions')).body.items;
    expect(table).toContainEqual({ from: ['resolved'], to: 'signed', action: 'transition', roles: ['admin', 'service_manager', 'technician'] });
    expect((await s.keeper.api.get('/work-orders?limit=1')).status).toBe(200);
    const wo = (await s.keeper.api.get('/work-orders?limit=1')).body.items[0];
    expect((await s.keeper.api.post(`/work-orders/${wo.id}/transition`, { to: 'cancelled', version: wo.version })).status).toBe(403);
    expect((await s.keeper.api.post('/work-orders', { customerId: s.cust1.id, serviceType: 'A', category: 'body', fault: 'x' })).status).toBe(403);
  });

  it('lists page with a cursor and carry due times', async () => {
    const p1 = (await s.dispatcher.api.get('/work-orders?limit=2')).body;
    expect(p1.items).toHaveLength(2);
    const p2 = (await s.dispatcher.api.get(`/work-orders?limit=2&cursor=${p1.nextCursor}`)).body;
    expect(p2.items[0].id).toBeLessThan(p1.items[1].id);
    expect(p1.items[0].sla).toHaveProperty('arrivalDueAt');
    expect((await s.dispatcher.api.get('/work-orders?cursor=%ff')).status).toBe(400);
  });
});

describe('SLA policies as data', () => {
  it('ships the defaults; managers add and edit policies with versions; bad ones are refused', async () => {
    const list = (await s.dispatcher.api.get('/sla-policies')).body.items;
    expect(list.map((p: { code: string }) => p.code)).toEqual(['NEAR-100KM', 'FAR-100KM', 'ENGINE-CHASSIS', 'CONTRACT-1H', 'CITY-6BH', 'SUBURB-7BH']);
    expect((await s.dispatcher.api.post('/sla-policies', { code: 'X', name: 'x', clock: 'wall', responseMinutes: 60 })).status).toBe(403);
    const p = ok(await s.manager.api.post('/sla-policies', { code: 'PAID-URGENT', name: '有费 2 小时答复', serviceType: 'A', responseMinutes: 120, clock: 'wall' }));
    expect((await s.manager.api.post('/sla-policies', { code: 'NONE', name: 'x', clock: 'wall' })).body.error.code).toBe('invalid_sla_policy');
    expect((await s.manager.api.post('/sla-policies', { code: 'KM', name: 'x', clock: 'wall', minKm: 50, maxKm: 10, responseMinutes: 1 })).body.error.code).toBe('invalid_sla_policy');
    clock.t = Date.parse('2026-12-04T09:00:00+08:00');
    const wo = ok(await newOrder(s.dispatcher.api, { serviceType: 'A', category: 'body' }));
    expect(wo.sla.responseDueAt).toBe('2026-12-04T11:00:00.000+08:00');
    const off = await s.manager.api.patch(`/sla-policies/${p.id}`, { active: false, version: p.version });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect((await s.manager.api.patch(`/sla-policies/${p.id}`, { active: true, version: 1 })).status).toBe(409);
    const wo2 = ok(await newOrder(s.dispatcher.api, { serviceType: 'A', category: 'body' }));
    expect(wo2.sla.responseDueAt).toBeNull();
  });

  it('station coordinates must be a station and valid', async () => {
    expect((await s.manager.api.req('PUT', `/service-stations/${s.st2.id}/coordinates`, { latitude: 34.6197, longitude: 112.454 })).status).toBe(200);
    const wh = ok(await t.api.post('/locations', { code: 'WH-X', name: '总仓', kind: 'warehouse' }));
    expect((await s.manager.api.req('PUT', `/service-stations/${wh.id}/coordinates`, { latitude: 1, longitude: 1 })).body.error.code).toBe('not_a_station');
    expect((await s.manager.api.req('PUT', `/service-stations/${s.st2.id}/coordinates`, { latitude: 1.1234567, longitude: 1 })).body.error.code).toBe('invalid_coordinates');
    const rows = (await s.tech1.api.get('/service-stations')).body.items;
    expect(rows.find((r: { stationId: number }) => r.stationId === s.st2.id)).toMatchObject({ latitude: 34.6197, longitude: 112.454 });
  });
});
