// Query budget of the old-parts documents (R-INV-17): handing in and disposing of twenty parts
// costs no more statements than one (their lots found and made at once, the pending items read
// once, the items and disposal records written in one statement each).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/modules/inventory/check.js';
import { createCountingTestApp, dialect, MutableClock, type Res, type StatementCounter, type TestApp } from '../harness.js';
import { ok, seedService } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
let t: TestApp & { counter: StatementCounter };
let s: Awaited<ReturnType<typeof seedService>>;
let parts: number[];

async function measure(fn: () => Promise<Res>): Promise<{ res: Res; n: number }> {
  t.counter.reset();
  const res = await fn();
  return { res, n: t.counter.n };
}

/** A work order on site whose submitted report used and brings back one of each part. */
async function reportedOrder(ids: number[]) {
  const api = s.tech1.api;
  let wo = ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, siteId: s.site1.id, unitId: s.unit1.id, serviceType: 'C', category: 'engine', fault: '多处漏油' }));
  wo = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: wo.version }), 200);
  for (const to of ['accepted', 'en_route', 'on_site']) wo = ok(await api.post(`/work-orders/${wo.id}/transition`, { to, version: wo.version }), 200);
  const used = ids.map((partId) => ({ partId, qty: 1 }));
  ok(await api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, findings: { look: '漏油' }, cause: '老化', responsibility: 'supplier', actions: '更换', minutesSpent: 30, partsUsed: used.map((u) => ({ ...u, reason: '老化' })), oldParts: used }), 200);
  ok(await api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 }), 200);
  return wo as { id: number };
}

beforeAll(async () => {
  t = await createCountingTestApp({ clock: new MutableClock(Date.parse('2026-11-20T09:00:00+08:00')) });
  s = await seedService(t);
  const wh = ok(await t.api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' }));
  const rec = ok(await t.api.post('/receipts', { locationId: wh.id, lines: Array.from({ length: 20 }, (_, i) => ({ newPart: { code: `OP-${i}`, name: `旧件配件${i}`, unit: '个' }, qty: 10, unitCost: '50.00', lot: 'L1' })) }));
  parts = rec.lines.map((l: { partId: number }) => l.partId);
  ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: s.tech1.id, lines: parts.map((partId) => ({ partId, qty: 3 })) }));
});
afterAll(async () => t?.close());

describe(`old parts query budget (${dialect})`, () => {
  it('hands in and disposes of twenty parts in no more statements than one', async () => {
    // The first hand-in makes the station's old-parts location: not part of the measure.
    const first = ok(await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: (await reportedOrder([parts[0]!])).id, lines: [{ partId: parts[0], qty: 1 }] }));
    const one = await reportedOrder([parts[1]!]);
    const twenty = await reportedOrder(parts);
    const in1 = await measure(() => s.keeper.api.post('/old-parts/hand-ins', { workOrderId: one.id, lines: [{ partId: parts[1], qty: 1 }] }));
    expect(in1.res.status, JSON.stringify(in1.res.body)).toBe(201);
    const in20 = await measure(() => s.keeper.api.post('/old-parts/hand-ins', { workOrderId: twenty.id, lines: parts.map((partId) => ({ partId, qty: 1 })) }));
    expect(in20.res.status, JSON.stringify(in20.res.body)).toBe(201);
    expect(in20.n, `hand-in: ${in1.n} statements for one line, ${in20.n} for twenty`).toBeLessThanOrEqual(in1.n + 1);

    const loc = first.locationId as number;
    const out1 = await measure(() => s.keeper.api.post('/old-parts/disposals', { locationId: loc, lines: [{ partId: parts[0], qty: 1, action: 'scrap' }] }));
    expect(out1.res.status, JSON.stringify(out1.res.body)).toBe(201);
    // Twenty parts, the second from two work orders' hand-ins (two items, oldest first).
    const out20 = await measure(() => s.keeper.api.post('/old-parts/disposals', { locationId: loc, lines: parts.map((partId, i) => ({ partId, qty: i === 1 ? 2 : 1, action: 'scrap' })) }));
    expect(out20.res.status, JSON.stringify(out20.res.body)).toBe(201);
    expect(out20.res.body.disposals).toHaveLength(21);
    expect(out20.n, `disposal: ${out1.n} statements for one line, ${out20.n} for twenty`).toBeLessThanOrEqual(out1.n + 1);
    const pending = (await s.keeper.api.get(`/old-parts?locationId=${loc}&status=pending`)).body.items;
    expect(pending).toEqual([]);
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });
});
