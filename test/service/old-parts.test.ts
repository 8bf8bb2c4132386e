// Old parts (R-INV-17) through the API: handed in against a work order's service report into an
// old-parts location made on demand (never more than the report lists), listed monthly with
// their age, disposed to the supplier, scrap or a store; never issued; the ledger's invariants
// after each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/modules/inventory/check.js';
import { createTestApp, MutableClock, type Api, type TestApp } from '../harness.js';
import { ok, seedService } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
const DAY = 86_400_000;
const clock = new MutableClock(Date.parse('2026-11-20T09:00:00+08:00'));
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
let wh: { id: number };
let sup: { id: number };
let partA: number;
let partB: number;
const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function ledgerOk() {
  const r = await checkLedger(t.handle.db);
  expect(r.problems).toEqual([]);
}
async function onHand(locationId: number, partId: number): Promise<number> {
  const lv = await t.handle.db.selectFrom('stock_levels').select('on_hand').where('location_id', '=', locationId).where('part_id', '=', partId).executeTakeFirst();
  return Number(lv?.on_hand ?? 0) / 1000;
}
const move = (api: Api, wo: { id: number; version: number }, to: string) => api.post(`/work-orders/${wo.id}/transition`, { to, version: wo.version });

/** A work order on site with a submitted report: partA used and to bring back (qty). */
async function reportedOrder(oldQty: number, sign = false) {
  let wo = ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, siteId: s.site1.id, unitId: s.unit1.id, serviceType: 'C', category: 'engine', fault: '水泵漏水' }));
  wo = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: wo.version }), 200);
  for (const to of ['accepted', 'en_route', 'on_site']) wo = ok(await move(s.tech1.api, wo, to), 200);
  ok(
    await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, {
      version: 0,
      findings: { look: '水泵漏水' },
      cause: '密封圈老化',
      responsibility: 'supplier',
      actions: '更换水泵',
      minutesSpent: 60,
      partsUsed: [{ partId: partA, qty: oldQty, reason: '漏水' }],
      oldParts: [{ partId: partA, qty: oldQty }],
    }),
    200,
  );
  ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 }), 200);
  if (sign) ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '赵站长', version: 2 }), 200);
  return wo as { id: number; number: string };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedService(t);
  wh = ok(await t.api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' }));
  sup = ok(await t.api.post('/suppliers', { code: 'S1', name: '水泵供应商' }));
  const rec = ok(
    await t.api.post('/receipts', {
      locationId: wh.id,
      supplierId: sup.id,
      lines: [
        { newPart: { code: 'PMP-01', name: '水泵总成', unit: '个', salePrice: '900.00' }, qty: 20, unitCost: '500.00', lot: 'L1' },
        { newPart: { code: 'BLT-01', name: '皮带', unit: '条', salePrice: '90.00' }, qty: 20, unitCost: '30.00', lot: 'L1' },
      ],
    }),
  );
  [partA, partB] = rec.lines.map((l: { partId: number }) => l.partId);
  ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: s.tech1.id, lines: [{ partId: partA, qty: 10 }] }));
});
afterAll(async () => t?.close());

describe('old parts', () => {
  let wo: { id: number; number: string };
  let oldLoc: number;

  it('are handed in against the work order into a station old-parts location made on demand', async () => {
    wo = await reportedOrder(2, true);
    const first = ok(await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: 1 }] }));
    oldLoc = first.locationId;
    const loc = await t.handle.db.selectFrom('locations').selectAll().where('id', '=', oldLoc).executeTakeFirstOrThrow();
    expect(loc).toMatchObject({ kind: 'old_parts', is_real: 1, station_id: s.st1.id, code: 'OLD-ST-ZZ', name: '郑州服务站旧件库' });
    expect(first.items).toEqual([expect.objectContaining({ workOrderId: wo.id, workOrderNumber: wo.number, partId: partA, qty: '1', pendingQty: '1', status: 'pending', technicianId: s.tech1.id, locationId: oldLoc, ageDays: 0 })]);
    const doc = (await t.api.get(`/documents/${first.documentId}`)).body;
    expect(doc).toMatchObject({ type: 'old_parts_in', workOrderId: wo.id, toLocationId: oldLoc });
    const moves = await t.handle.db.selectFrom('moves').selectAll().where('document_id', '=', first.documentId).execute();
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ kind: 'old_part_in', work_order_id: wo.id, unit_cost: 0, to_location_id: oldLoc });
    const lot = await t.handle.db.selectFrom('lots').selectAll().where('id', '=', moves[0]!.lot_id).executeTakeFirstOrThrow();
    expect(lot).toMatchObject({ lot_no: `OLD-${wo.number}`, unit_cost: 0 });
    expect(await onHand(oldLoc, partA)).toBe(1);
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body.oldParts).toEqual([expect.objectContaining({ partId: partA, qty: '2', handedInQty: '1' })]);
    await ledgerOk();

    // The station's own user hands in the rest; a second hand-in reuses the location.
    const second = ok(await s.station1.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: '1' }] }));
    expect(second.locationId).toBe(oldLoc);
    expect(await onHand(oldLoc, partA)).toBe(2);
    await ledgerOk();
  });

  it('never more than the report lists; others cannot hand in', async () => {
    const over = await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: 1 }] });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'old_parts_exceeded', details: { expected: 2, handedIn: 2, requested: 1 } });
    expect((await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partB, qty: 1 }] })).body.error.code).toBe('old_parts_exceeded');
    expect((await s.station2.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: 1 }] })).status).toBe(404);
    expect((await s.tech1.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: 1 }] })).status).toBe(403);
    const other = await reportedOrder(1);
    expect((await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: other.id, lines: [{ partId: partA, qty: 2 }] })).body.error.code).toBe('old_parts_exceeded');
    // A hand-in into a location that is not an old-parts store is refused.
    expect((await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: other.id, lines: [{ partId: partA, qty: 1 }], toLocationId: wh.id })).body.error.code).toBe('wrong_location_kind');
    expect(await onHand(oldLoc, partA)).toBe(2);
    await ledgerOk();
  });

  it('are never issued (not saleable stock)', async () => {
    const res = await t.api.post('/issues', { fromLocationId: oldLoc, toUserId: s.tech1.id, lines: [{ partId: partA, qty: 1 }] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_location_kind');
    expect(await onHand(oldLoc, partA)).toBe(2);
  });

  it('are listed monthly with their age, scoped to the station', async () => {
    clock.advance(3 * DAY);
    const list = ok(await s.keeper.api.get('/old-parts?month=2026-11&status=pending'), 200);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toMatchObject({ workOrderId: wo.id, partCode: 'PMP-01', qty: '1', ageDays: 3, status: 'pending' });
    expect(list.nextCursor).toBeNull();
    expect(ok(await s.keeper.api.get('/old-parts?month=2026-10'), 200).items).toEqual([]);
    expect((await s.keeper.api.get('/old-parts?month=2026-13')).status).toBe(400);
    expect(ok(await s.station1.api.get('/old-parts?month=2026-11'), 200).items).toHaveLength(2);
    expect(ok(await s.station2.api.get('/old-parts?month=2026-11'), 200).items).toEqual([]);
    expect((await s.tech1.api.get('/old-parts')).status).toBe(403);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/exports/old-parts.xlsx?month=2026-11', headers: { authorization: `Bearer ${s.keeper.api.token}` } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const paged = ok(await s.keeper.api.get('/old-parts?limit=1'), 200);
    expect(paged.items).toHaveLength(1);
    expect(ok(await s.keeper.api.get(`/old-parts?limit=1&cursor=${paged.nextCursor}`), 200).items[0].id).not.toBe(paged.items[0].id);
  });

  it('are disposed oldest first: scrap, supplier claim, refurbish into a store at zero cost', async () => {
    const scrapBefore = await onHand((await t.handle.db.selectFrom('locations').select('id').where('code', '=', 'VIRT-SCRAP').executeTakeFirstOrThrow()).id, partA);
    const scrap = ok(await s.keeper.api.post('/old-parts/disposals', { locationId: oldLoc, lines: [{ partId: partA, qty: 1, action: 'scrap' }] }));
    expect(scrap.documentIds).toHaveLength(1);
    expect(scrap.disposals).toEqual([expect.objectContaining({ workOrderId: wo.id, qty: '1', action: 'scrap' })]);
    const doc = (await t.api.get(`/documents/${scrap.documentIds[0]}`)).body;
    expect(doc).toMatchObject({ type: 'old_parts_out', reason: 'scrap', fromLocationId: oldLoc });
    expect(await onHand(oldLoc, partA)).toBe(1);
    const scrapLoc = (await t.handle.db.selectFrom('locations').select('id').where('code', '=', 'VIRT-SCRAP').executeTakeFirstOrThrow()).id;
    expect(await onHand(scrapLoc, partA)).toBe(scrapBefore + 1);
    await ledgerOk();
    const disposed = ok(await s.keeper.api.get('/old-parts?month=2026-11&status=disposed'), 200).items;
    expect(disposed).toHaveLength(1);
    expect(disposed[0]).toMatchObject({ id: scrap.disposals[0].itemId, disposedQty: '1', pendingQty: '0' });

    // More than pending: refused, nothing written.
    const over = await s.keeper.api.post('/old-parts/disposals', { locationId: oldLoc, lines: [{ partId: partA, qty: 2, action: 'supplier_claim', supplierId: sup.id }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('old_parts_not_pending');
    expect((await s.keeper.api.post('/old-parts/disposals', { locationId: oldLoc, lines: [{ partId: partA, qty: 1, action: 'refurbish' }] })).body.error.code).toBe('refurbish_needs_store');
    expect((await s.keeper.api.post('/old-parts/disposals', { locationId: wh.id, lines: [{ partId: partA, qty: 1, action: 'scrap' }] })).body.error.code).toBe('wrong_location_kind');
    expect(await onHand(oldLoc, partA)).toBe(1);

    const whBefore = await onHand(wh.id, partA);
    const valueBefore = (await t.handle.db.selectFrom('stock_levels').select('value').where('location_id', '=', wh.id).where('part_id', '=', partA).executeTakeFirstOrThrow()).value;
    ok(await s.keeper.api.post('/old-parts/disposals', { locationId: oldLoc, lines: [{ partId: partA, qty: 1, action: 'refurbish', toLocationId: wh.id }] }));
    expect(await onHand(wh.id, partA)).toBe(whBefore + 1);
    expect((await t.handle.db.selectFrom('stock_levels').select('value').where('location_id', '=', wh.id).where('part_id', '=', partA).executeTakeFirstOrThrow()).value).toBe(valueBefore);
    expect(await onHand(oldLoc, partA)).toBe(0);
    expect(ok(await s.keeper.api.get('/old-parts?status=pending'), 200).items).toEqual([]);
    await ledgerOk();
  });

  it('a supplier claim goes to the supplier; the other station cannot dispose here', async () => {
    const other = await reportedOrder(1);
    ok(await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: other.id, lines: [{ partId: partA, qty: 1 }] }));
    expect((await s.station2.api.post('/old-parts/disposals', { locationId: oldLoc, lines: [{ partId: partA, qty: 1, action: 'scrap' }] })).status).toBe(403);
    const claim = ok(await s.station1.api.post('/old-parts/disposals', { locationId: oldLoc, lines: [{ partId: partA, qty: 1, action: 'supplier_claim', supplierId: sup.id }] }));
    const doc = (await t.api.get(`/documents/${claim.documentIds[0]}`)).body;
    expect(doc).toMatchObject({ type: 'old_parts_out', reason: 'supplier_claim', supplierId: sup.id });
    expect(claim.disposals[0].workOrderId).toBe(other.id);
    await ledgerOk();
  });

  it('two hand-ins at once never exceed the report together', async () => {
    const one = await reportedOrder(1);
    const results = await Promise.all([s.keeper.api, t.api, s.manager.api].map((api) => api.post('/old-parts/hand-ins', { workOrderId: one.id, lines: [{ partId: partA, qty: 1 }] })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await s.keeper.api.get(`/old-parts?workOrderId=${one.id}`)).body.items).toHaveLength(1);
    await ledgerOk();
  });
});
