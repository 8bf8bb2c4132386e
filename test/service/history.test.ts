// A unit's service history (GET /units/:id/history, 服務憑證): its work orders with team and
// events, the parts issued against them, and who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, MutableClock, type TestApp } from '../harness.js';
import { ok, seedService } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
const clock = new MutableClock(Date.parse('2026-11-27T09:00:00+08:00'));
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
let woId = 0;
let otherId = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedService(t);
  const wh = ok(await t.api.post('/locations', { code: 'WH-1', name: '总仓', kind: 'warehouse' }));
  const part = ok(await t.api.post('/parts', { code: 'INJ-01', name: '喷油器', unit: '个' }));
  ok(await t.api.post('/receipts', { locationId: wh.id, lines: [{ partId: part.id, qty: 5, unitCost: '100.00' }] }));
  let wo = ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, unitId: s.unit1.id, serviceType: 'C', category: 'engine', fault: '发动机无法启动' }));
  woId = wo.id;
  wo = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id, s.tech2.id], leadId: s.tech1.id, version: wo.version }), 200);
  clock.advance(600_000);
  ok(await s.tech1.api.post(`/work-orders/${wo.id}/transition`, { to: 'accepted', version: wo.version, note: '马上出发' }), 200);
  // Likely parts issued to the technician before leaving, against the work order.
  ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: s.tech1.id, workOrderId: wo.id, lines: [{ partId: part.id, qty: 2 }] }));
  // Another work order of the same unit, assigned to tech2 only.
  const other = ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, unitId: s.unit1.id, serviceType: 'A', category: 'body', fault: '车窗异响' }));
  otherId = other.id;
  ok(await s.dispatcher.api.post(`/work-orders/${other.id}/assign`, { technicianIds: [s.tech2.id], leadId: s.tech2.id, version: other.version }), 200);
});
afterAll(async () => t?.close());

describe('GET /units/:id/history', () => {
  it('lists every work order of the unit with team, events and parts', async () => {
    const h = ok(await s.dispatcher.api.get(`/units/${s.unit1.id}/history`), 200);
    expect(h.unit.serial).toBe('LZYTBTD68K1000001');
    expect(h.model.code).toBe('ZK6122');
    expect(h.customer.name).toBe('郑州公交集团');
    expect(h.workOrders.map((w: { id: number }) => w.id)).toEqual([otherId, woId]);
    const w = h.workOrders[1];
    expect(w.technicians).toEqual([
      { userId: s.tech1.id, displayName: 'tech1', inCharge: true },
      { userId: s.tech2.id, displayName: 'tech2', inCharge: false },
    ]);
    expect(w.events.map((e: { action: string; to: string }) => `${e.action}:${e.to}`)).toEqual(['create:new', 'assign:dispatched', 'transition:accepted']);
    expect(w.events[2]).toMatchObject({ actorId: s.tech1.id, actorName: 'tech1', note: '马上出发', at: '2026-11-27T09:10:00.000+08:00' });
    expect(w.parts).toEqual([expect.objectContaining({ kind: 'issue', partCode: 'INJ-01', partName: '喷油器', qty: 2, from: '总仓' })]);
    expect(w.parts[0].documentNumber).toMatch(/\S/);
    expect(w.report).toBeNull();
    expect(w.charges).toMatchObject({ invoiceStatus: null, charged: expect.stringMatching(/^\d+\.\d\d$/) });
    expect(h.workOrders[0].parts).toEqual([]);
  });

  it('shows a technician only their work orders and hides other stations’ units', async () => {
    const tech1 = ok(await s.tech1.api.get(`/units/${s.unit1.id}/history`), 200);
    expect(tech1.workOrders.map((w: { id: number }) => w.id)).toEqual([woId]);
    const tech2 = ok(await s.tech2.api.get(`/units/${s.unit1.id}/history`), 200);
    expect(tech2.workOrders).toHaveLength(2);
    expect(ok(await s.station1.api.get(`/units/${s.unit1.id}/history`), 200).workOrders).toHaveLength(2);
    expect((await s.station2.api.get(`/units/${s.unit1.id}/history`)).status).toBe(404);
    expect((await s.keeper.api.get(`/units/${s.unit1.id}/history`)).status).toBe(403);
    expect((await t.api.get('/units/999999/history')).status).toBe(404);
  });
});
