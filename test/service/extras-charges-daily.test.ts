// Charges and invoice requests (R-SVC-10), technicians' daily reports and the manager's roll-up
// (R-SVC-11), and the parts-arrived notification (issue #4): exact totals in fen, who pays by
// service type and warranty, the lock once invoiced, finance's inbox, the events-to-hours
// arithmetic, submission locking, and the receipt hook telling the technician and dispatchers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, MutableClock, type TestApp } from '../harness.js';
import { ok, seedService, user } from './fixtures.js';
import { priceLine } from '../../src/modules/service/charges.js';
import { workingMs } from '../../src/modules/service/daily-reports.js';
import type { WarrantyResult } from '../../src/modules/service/warranty.rules.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
const clock = new MutableClock(Date.parse('2026-11-27T10:00:00+08:00'));
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
let finance: Awaited<ReturnType<typeof user>>;
let wh: { id: number };
let partId: number;
beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedService(t);
  finance = await user(t, 'fin1', ['finance']);
  wh = ok(await t.api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' }));
  const rec = ok(await t.api.post('/receipts', { locationId: wh.id, lines: [{ newPart: { code: 'FLT-01', name: '机油滤清器', unit: '个', salePrice: '150.00' }, qty: 10, unitCost: '100.00' }] }));
  partId = rec.lines[0].partId;
});
afterAll(async () => t?.close());

type Wo = { id: number; version: number; number: string };
const newOrder = async (body: object = {}): Promise<Wo> => ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, siteId: s.site1.id, serviceType: 'A', category: 'engine', fault: '机油压力低', ...body }));
const assign = async (wo: Wo): Promise<Wo> => ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: wo.version }), 200);
const move = async (wo: Wo, to: string, extra: object = {}): Promise<Wo> => ok(await s.tech1.api.post(`/work-orders/${wo.id}/transition`, { to, version: wo.version, ...extra }), 200);
const chargeRows = async () => (await t.handle.db.selectFrom('charge_lines').select('id').execute()).length;

describe('pricing rule', () => {
  it('charges by service type, and for paid work by the warranty cover', () => {
    const inW: WarrantyResult = { status: 'in', parts: 'manufacturer', labour: 'manufacturer', reasons: [], freeEndsOn: null, partsAtCostEndsOn: null };
    const partial: WarrantyResult = { ...inW, status: 'partial', parts: 'customer_at_cost' };
    expect(priceLine('A', null, 'labour', 1000, 1000)).toEqual({ payer: 'customer', charged: 1000 });
    expect(priceLine('A', inW, 'parts', 1500, 1000)).toEqual({ payer: 'manufacturer', charged: 0 });
    expect(priceLine('A', partial, 'parts', 1500, 1000)).toEqual({ payer: 'customer', charged: 1000 });
    expect(priceLine('A', partial, 'travel', 500, 500)).toEqual({ payer: 'manufacturer', charged: 0 });
    expect(priceLine('B', null, 'parts', 1500, 1000)).toEqual({ payer: 'contract', charged: 0 });
    expect(priceLine('C', null, 'labour', 1500, 1500)).toEqual({ payer: 'manufacturer', charged: 0 });
    expect(priceLine('D', null, 'travel', 1500, 1500)).toEqual({ payer: 'internal', charged: 0 });
  });
});

describe('charges and invoice requests', () => {
  it('adds labour, travel and ledger parts exactly, requests an invoice, finance invoices it', async () => {
    let wo = await newOrder();
    wo = await assign(wo);
    // Two filters issued against the work order and consumed: they appear as a parts line.
    ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: s.tech1.id, workOrderId: wo.id, lines: [{ partId, qty: 2 }] }));
    ok(await t.api.post('/write-offs', { userId: s.tech1.id, reason: 'consumed', workOrderId: wo.id, lines: [{ partId, qty: 2 }] }));
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: 2.5, rate: '80.00' }));
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', description: '复检', qty: 0.333, rate: '33.33' }));
    ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'travel', qty: 36.5, rate: '1.20' }));
    const c = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'travel', description: '过路费', qty: 1, rate: '50' }));
    expect(c.lines.map((l: { source: string; kind: string; listAmount: string; charged: string; cost: string }) => [l.source, l.kind, l.listAmount, l.charged, l.cost])).toEqual([
      ['ledger', 'parts', '300.00', '300.00', '200.00'],
      ['manual', 'labour', '200.00', '200.00', '200.00'],
      ['manual', 'labour', '11.10', '11.10', '11.10'], // 0.333 h × 33.33 = 11.09889 → 11.10
      ['manual', 'travel', '43.80', '43.80', '43.80'],
      ['manual', 'travel', '50.00', '50.00', '50.00'],
    ]);
    expect(c.totals).toEqual({ list: '604.90', cost: '504.90', charged: '604.90', labour: '211.10', parts: '300.00', travel: '93.80' });
    expect(c.locked).toBe(false);

    // Bad input: 400/404, nothing written.
    const n = await chargeRows();
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: 1, rate: '1.234' })).body.error.code).toBe('invalid_money');
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: -1, rate: '10' })).status).toBe(400);
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: 1 })).body.error.code).toBe('validation_failed');
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'tips', qty: 1, rate: '10' })).status).toBe(400);
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'parts', partId: 999999, qty: 1 })).status).toBe(404);
    expect((await finance.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: 1, rate: '10' })).status).toBe(403);
    expect((await s.tech2.api.get(`/work-orders/${wo.id}/charges`)).status).toBe(404);
    expect(await chargeRows()).toBe(n);

    // The request snapshots the amount and locks the lines.
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/invoice-requests`, {})).status).toBe(403);
    const req = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/invoice-requests`, { note: '月结' }));
    expect(req).toMatchObject({ status: 'requested', amount: '604.90', workOrderNumber: wo.number, customerName: '郑州公交集团' });
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: 1, rate: '10' })).body.error.code).toBe('charges_locked');
    expect((await s.dispatcher.api.req('DELETE', `/work-orders/${wo.id}/charges/${c.lines[1].id}`)).body.error.code).toBe('charges_locked');
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/invoice-requests`, {})).body.error.code).toBe('invoice_already_requested');
    expect(await chargeRows()).toBe(n);

    const inbox = (await finance.api.get('/invoice-requests?status=requested')).body.items;
    expect(inbox.map((r: { id: number }) => r.id)).toEqual([req.id]);
    expect((await s.dispatcher.api.post(`/invoice-requests/${req.id}/invoice`, { version: req.version, invoiceNo: 'FP001' })).status).toBe(403);
    expect((await finance.api.post(`/invoice-requests/${req.id}/invoice`, { version: req.version, invoiceNo: '' })).status).toBe(400);
    const done = ok(await finance.api.post(`/invoice-requests/${req.id}/invoice`, { version: req.version, invoiceNo: 'FP-20261127-001' }), 200);
    expect(done).toMatchObject({ status: 'invoiced', invoiceNo: 'FP-20261127-001', decidedBy: finance.id });
    expect((await finance.api.post(`/invoice-requests/${req.id}/reject`, { version: done.version, reason: 'x' })).body.error.code).toBe('invoice_request_decided');
    expect((await s.dispatcher.api.get(`/work-orders/${wo.id}/charges`)).body).toMatchObject({ locked: true, invoiceRequest: { status: 'invoiced' } });
  });

  it('a rejected request unlocks the lines; contract and warranty work charge nothing but keep the cost', async () => {
    let wo = await newOrder();
    const c = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: 1, rate: '100' }));
    const req = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/invoice-requests`, {}));
    ok(await finance.api.post(`/invoice-requests/${req.id}/reject`, { version: req.version, reason: '客户名称有误' }), 200);
    ok(await s.dispatcher.api.req('DELETE', `/work-orders/${wo.id}/charges/${c.lines[0].id}`), 200);
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/invoice-requests`, {})).body.error.code).toBe('nothing_to_invoice');

    wo = await newOrder({ customerId: s.cust2.id, siteId: s.site2.id, serviceType: 'B' });
    const b = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'parts', partId, qty: 1 }));
    expect(b.lines[0]).toMatchObject({ description: '机油滤清器', rate: '150.00', listAmount: '150.00', cost: '100.00', payer: 'contract', charged: '0.00' });
    expect(b.totals).toMatchObject({ charged: '0.00', cost: '100.00' });
    expect((await s.dispatcher.api.post(`/work-orders/${wo.id}/invoice-requests`, {})).body.error.code).toBe('nothing_to_invoice');

    // Paid work on a unit inside its free years: the warranty pays parts and labour.
    wo = await newOrder({ unitId: s.unit1.id });
    const w = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/charges`, { kind: 'labour', qty: 1, rate: '100' }));
    expect(w.warranty).toMatchObject({ status: 'in', applied: true });
    expect(w.lines[0]).toMatchObject({ payer: 'manufacturer', charged: '0.00', cost: '100.00' });
  });
});

describe('parts-arrival notification', () => {
  it('a receipt of a part a waiting work order lacks tells its lead technician and the dispatchers', async () => {
    const other = ok(await t.api.post('/parts', { code: 'PUMP-01', name: '机油泵', unit: '个' }));
    let wo = await assign(await newOrder());
    for (const to of ['accepted', 'en_route', 'on_site']) wo = await move(wo, to);
    wo = await move(wo, 'waiting_parts', { parts: [{ partId: other.id, qty: 1 }] });
    // An unrelated receipt tells nobody.
    ok(await t.api.post('/receipts', { locationId: wh.id, lines: [{ partId, qty: 1, unitCost: '100.00' }] }));
    expect((await s.tech1.api.get('/notifications')).body).toMatchObject({ items: [], unread: 0 });
    ok(await s.keeper.api.post('/receipts', { locationId: wh.id, lines: [{ partId: other.id, qty: 3, unitCost: '420.00' }] }));
    const mine = (await s.tech1.api.get('/notifications')).body;
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'parts_arrived', workOrderId: wo.id, read: false });
    expect(mine.items[0].message).toContain(wo.number);
    expect(mine.items[0].message).toContain('机油泵 ×3');
    expect((await s.dispatcher.api.get('/notifications')).body.unread).toBe(1);
    expect((await s.tech2.api.get('/notifications')).body.unread).toBe(0);
    expect((await s.tech1.api.as('en').get('/notifications')).body.items[0].message).toMatch(/^Parts for work order/);
    // Reading: only one's own.
    expect((await s.tech2.api.post(`/notifications/${mine.items[0].id}/read`)).status).toBe(404);
    ok(await s.tech1.api.post(`/notifications/${mine.items[0].id}/read`), 200);
    const after = (await s.tech1.api.get('/notifications')).body;
    expect(after).toMatchObject({ unread: 0, items: [{ id: mine.items[0].id, read: true }] });
    // A failing receipt (unknown part on line 2) writes no notification either.
    const before = (await t.handle.db.selectFrom('notifications').select('id').execute()).length;
    expect((await t.api.post('/receipts', { locationId: wh.id, lines: [{ partId: other.id, qty: 1, unitCost: '1' }, { partId: 999999, qty: 1, unitCost: '1' }] })).status).toBe(404);
    expect((await t.handle.db.selectFrom('notifications').select('id').execute()).length).toBe(before);
  });
});

describe('parts arriving at a station', () => {
  it("a transfer received at the work order's station tells its technician; one received at another station does not", async () => {
    const valve = ok(await t.api.post('/parts', { code: 'VALVE-01', name: '节温器', unit: '个' }));
    ok(await t.api.post('/receipts', { locationId: wh.id, lines: [{ partId: valve.id, qty: 4, unitCost: '60.00' }] }));
    let wo = await assign(await newOrder()); // customer 1: station 1's work order
    for (const to of ['accepted', 'en_route', 'on_site']) wo = await move(wo, to);
    wo = await move(wo, 'waiting_parts', { parts: [{ partId: valve.id, qty: 1 }] });
    const unread = async () => (await s.tech1.api.get('/notifications')).body.unread as number;
    const before = await unread();

    const send = async (toLocationId: number) => {
      const tr = ok(await t.api.post('/transfers', { fromLocationId: wh.id, toLocationId, lines: [{ partId: valve.id, qty: 1 }] }));
      return ok(await t.api.post(`/transfers/${tr.id}/receive`, { lines: [] }), 200);
    };
    await send(s.st2.id);
    expect(await unread()).toBe(before);
    const got = await send(s.st1.id);
    expect(await unread()).toBe(before + 1);
    const note = (await s.tech1.api.get('/notifications')).body.items[0];
    expect(note).toMatchObject({ kind: 'parts_arrived', workOrderId: wo.id });
    expect(note.message).toContain(got.receiptNumber);
    expect(note.message).toContain('节温器 ×1');
  });
});

describe('daily reports', () => {
  it('counts working time between travelling and leaving site, clipped to the day', () => {
    const at = (h: number) => h * 3_600_000;
    expect(workingMs([{ to: 'accepted', at: at(1) }, { to: 'en_route', at: at(2) }, { to: 'on_site', at: at(3) }, { to: 'resolved', at: at(5) }], 0, at(24))).toBe(at(3));
    expect(workingMs([{ to: 'en_route', at: at(-2) }, { to: 'waiting_parts', at: at(1) }, { to: 'on_site', at: at(20) }], 0, at(24))).toBe(at(5));
  });

  it('generates a technician day from the events, edits the draft, submits and locks it; the roll-up lists rollovers first', async () => {
    clock.t = Date.parse('2026-11-29T16:00:00+08:00');
    const stale = await newOrder({ fault: '昨日未派工' });
    clock.t = Date.parse('2026-11-30T08:00:00+08:00');
    const fresh = await newOrder({ fault: '今日新报修' });
    let wo = await assign(await newOrder({ fault: '空调不制冷' }));
    clock.t = Date.parse('2026-11-30T09:10:00+08:00');
    wo = await move(wo, 'accepted');
    clock.t = Date.parse('2026-11-30T09:30:00+08:00');
    wo = await move(wo, 'en_route');
    clock.t = Date.parse('2026-11-30T10:30:00+08:00');
    wo = await move(wo, 'on_site');
    clock.t = Date.parse('2026-11-30T12:00:00+08:00');
    wo = await move(wo, 'resolved');
    clock.t = Date.parse('2026-11-30T18:00:00+08:00');

    const distanceM = (await t.handle.db.selectFrom('work_orders').select('distance_m').where('id', '=', wo.id).executeTakeFirstOrThrow()).distance_m!;
    const r = ok(await s.tech1.api.post('/daily-reports', { day: '2026-11-30' }));
    expect(r).toMatchObject({ technicianId: s.tech1.id, day: '2026-11-30', status: 'draft', minutes: { A: 150, B: 0, C: 0, D: 0 }, totalMinutes: 150, jobs: 1, km: (2 * distanceM) / 1000 });
    expect(r.lines).toEqual([expect.objectContaining({ workOrderId: wo.id, serviceType: 'A', minutes: 150, status: 'resolved' })]);
    expect((await s.tech1.api.post('/daily-reports', { day: '2026-11-30' })).status).toBe(200);
    expect((await s.tech1.api.post('/daily-reports', { day: '2026-11-31' })).body.error.code).toBe('invalid_day');
    expect((await s.tech2.api.get(`/daily-reports/${r.id}`)).status).toBe(404);
    expect((await s.manager.api.post('/daily-reports', { day: '2026-11-30' })).body.error.code).toBe('validation_failed');

    const edited = ok(await s.tech1.api.patch(`/daily-reports/${r.id}`, { version: r.version, minutes: { A: 160, D: 30 }, notes: '下午整理工具' }), 200);
    expect(edited).toMatchObject({ minutes: { A: 160, D: 30 }, totalMinutes: 190, notes: '下午整理工具' });
    expect((await s.tech1.api.patch(`/daily-reports/${r.id}`, { version: r.version, notes: 'x' })).body.error.code).toBe('version_conflict');
    expect((await s.tech1.api.patch(`/daily-reports/${r.id}`, { version: edited.version, minutes: { A: 1440, B: 10 } })).status).toBe(400);
    const sub = ok(await s.tech1.api.post(`/daily-reports/${r.id}/submit`, { version: edited.version }), 200);
    expect(sub.status).toBe('submitted');
    expect((await s.tech1.api.patch(`/daily-reports/${r.id}`, { version: sub.version, notes: 'x' })).body.error.code).toBe('daily_report_submitted');
    expect((await s.tech1.api.post('/daily-reports', { day: '2026-11-30', regenerate: true })).body.error.code).toBe('daily_report_submitted');
    expect((await s.tech1.api.post(`/daily-reports/${r.id}/submit`, { version: sub.version })).status).toBe(409);

    expect((await s.tech1.api.get('/daily-reports/roll-up?day=2026-11-30')).status).toBe(403);
    const roll = ok(await s.manager.api.get('/daily-reports/roll-up?day=2026-11-30'), 200);
    const ids = roll.undispatched.map((u: { workOrderId: number }) => u.workOrderId);
    expect(ids.indexOf(stale.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(roll.undispatched.find((u: { workOrderId: number }) => u.workOrderId === stale.id).rollover).toBe(true);
    expect(roll.undispatched.find((u: { workOrderId: number }) => u.workOrderId === fresh.id).rollover).toBe(false);
    expect(roll.technicians.map((x: { technicianId: number; status: string; totalMinutes: number }) => [x.technicianId, x.status, x.totalMinutes])).toEqual([
      [s.tech1.id, 'submitted', 190],
      [s.tech2.id, 'missing', 0],
    ]);
    expect(roll.totals).toMatchObject({ minutes: { A: 160, B: 0, C: 0, D: 30 }, jobs: 1 });
  });
});
