import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedBasics, type TestApp } from '../harness.js';
import { checkLedger } from '../../src/modules/inventory/check.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedBasics>>;
let station: { id: number };
beforeAll(async () => {
  t = await createTestApp();
  s = await seedBasics(t, { qty: 50 });
  station = (await t.api.post('/locations', { code: 'ST-BJ', name: '北京服务站', kind: 'station' })).body;
});
afterAll(async () => t?.close());

const avail = async (partId: number, locationId: number) => (await t.api.get(`/stock?partId=${partId}&locationId=${locationId}&groupBy=part`)).body.items[0]?.available ?? 0;

describe('reservations (R-INV-5)', () => {
  it('reserved stock is not available; fulfilment issues it; cancel releases', async () => {
    const r = await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 10 }] });
    expect(r.status).toBe(201);
    expect(r.body.number).toMatch(/^YD-/);
    expect(await avail(s.part.id, s.wh.id)).toBe(40);
    const other = await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.keeper.id, lines: [{ partId: s.part.id, qty: 41 }] });
    expect(other.body.error.code).toBe('insufficient_stock');
    const ful = await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, reservationId: r.body.id, lines: [{ partId: s.part.id, qty: 10 }] });
    expect(ful.status).toBe(201);
    expect((await t.api.get(`/reservations/${r.body.id}`)).body.status).toBe('fulfilled');
    expect(await avail(s.part.id, s.wh.id)).toBe(40);
    const r2 = await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 5 }] });
    expect(await avail(s.part.id, s.wh.id)).toBe(35);
    const c = await t.api.post(`/reservations/${r2.body.id}/cancel`);
    expect(c.body.status).toBe('cancelled');
    expect(await avail(s.part.id, s.wh.id)).toBe(40);
    const again = await t.api.post(`/reservations/${r2.body.id}/cancel`);
    expect(again.body.error.code).toBe('reservation_not_open');
  });
});

describe('transfers to a station (R-INV-14)', () => {
  it('goes in transit, is received with a difference recorded', async () => {
    const tr = await t.api.post('/transfers', { fromLocationId: s.wh.id, toLocationId: station.id, lines: [{ partId: s.part.id, qty: 6 }] });
    expect(tr.status).toBe(201);
    expect(tr.body.status).toBe('in_transit');
    expect(await avail(s.part.id, station.id)).toBe(0);
    const rec = await t.api.post(`/transfers/${tr.body.id}/receive`, { lines: [{ lineId: tr.body.lines[0].id, receivedQty: 5, note: '破损一件' }] });
    expect(rec.status).toBe(200);
    expect(rec.body.status).toBe('received');
    expect(rec.body.differences).toEqual([expect.objectContaining({ sent: 6, received: 5 })]);
    expect(await avail(s.part.id, station.id)).toBe(5);
    // The receipt is a document of its own, with its lines (what arrived) and their moves.
    const receipt = (await t.api.get(`/documents?type=transfer_receipt&limit=500`)).body.items.find((d: { number: string }) => d.number === rec.body.receiptNumber);
    const full = (await t.api.get(`/documents/${receipt.id}`)).body;
    expect(full.lines).toEqual([expect.objectContaining({ partId: s.part.id, qty: 5, receivedQty: 5, unitCost: '1200.00', note: '发出 6，实收 5：破损一件' })]);
    expect(full.totalCost).toBe('6000.00');
    const slip = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${receipt.id}/print`, headers: { authorization: `Bearer ${t.api.token}` } });
    expect(slip.body).toContain('轮胎总成');
    expect(slip.body).toContain('6000.00');
    const twice = await t.api.post(`/transfers/${tr.body.id}/receive`, { lines: [] });
    expect(twice.body.error.code).toBe('transfer_not_in_transit');
  });
});

describe('approvals (R-INV-16)', () => {
  it('holds a requisition above the rule for a manager, who approves it', async () => {
    await t.api.post('/approval-rules', { name: '单笔超过5000元需主任批准', minValue: '5000.00' });
    const keeper = await t.login('keeper1', 'keeper-pass-1');
    const req = await keeper.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 5 }] });
    expect(req.status).toBe(201);
    expect(req.body.status).toBe('pending_approval');
    const before = await avail(s.part.id, s.wh.id);
    expect((await t.api.get('/approvals')).body.items.map((d: { id: number }) => d.id)).toContain(req.body.id);
    const denied = await keeper.post(`/issues/${req.body.id}/approve`, {});
    expect(denied.status).toBe(403);
    const ok = await t.api.post(`/issues/${req.body.id}/approve`, { note: '同意' });
    expect(ok.body.status).toBe('posted');
    expect(await avail(s.part.id, s.wh.id)).toBe(before);
    const small = await keeper.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] });
    expect(small.body.status).toBe('posted');
  });
});

describe('stock count (R-INV-15)', () => {
  it('posts variances on approval', async () => {
    const c = await t.api.post('/counts', { locationId: s.wh.id });
    expect(c.status).toBe(201);
    const line = c.body.lines[0];
    const rec = await t.api.post(`/counts/${c.body.id}/record`, { version: c.body.version, lines: [{ lineId: line.id, countedQty: line.qty - 2 }] });
    expect(rec.body.status).toBe('pending_approval');
    const before = await avail(s.part.id, s.wh.id);
    const ap = await t.api.post(`/counts/${c.body.id}/approve`, {});
    expect(ap.body.status).toBe('posted');
    expect(await avail(s.part.id, s.wh.id)).toBe(before - 2);
  });

  it('a negative count is refused as negative (zero is a count), in the user language, with nothing recorded', async () => {
    const c = await t.api.post('/counts', { locationId: s.wh.id, partIds: [s.part.id] });
    const line = c.body.lines[0];
    const neg = await t.api.post(`/counts/${c.body.id}/record`, { version: c.body.version, lines: [{ lineId: line.id, countedQty: -1 }] }, { 'accept-language': 'zh-CN' });
    expect(neg.status).toBe(400);
    expect(neg.body.error.code).toBe('negative_quantity');
    expect(neg.body.error.message).toBe('数量不能为负数');
    const still = await t.api.get(`/documents/${c.body.id}`);
    expect([still.body.status, still.body.version, still.body.lines[0].countedQty]).toEqual(['draft', c.body.version, undefined]);
    const zero = await t.api.post(`/counts/${c.body.id}/record`, { version: c.body.version, lines: [{ lineId: line.id, countedQty: 0 }] });
    expect(zero.status).toBe(200);
    expect(zero.body.lines[0].countedQty).toBe(0);
    expect((await t.api.post(`/counts/${c.body.id}/reject`, {})).status).toBe(200);
  });

  it('the keeper cancels a draft sheet with its version; a submitted one is the manager\'s', async () => {
    const keeper = await t.login('keeper1', 'keeper-pass-1');
    const c = await keeper.post('/counts', { locationId: s.wh.id, partIds: [s.part.id] });
    expect(c.status).toBe(201);
    const stale = await keeper.post(`/counts/${c.body.id}/cancel`, { version: c.body.version + 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
    const tech = await t.login('tech1', 'tech-pass-1');
    expect((await tech.post(`/counts/${c.body.id}/cancel`, { version: c.body.version })).status).toBe(403);
    const ok = await keeper.post(`/counts/${c.body.id}/cancel`, { version: c.body.version });
    expect([ok.status, ok.body.status, ok.body.version]).toEqual([200, 'cancelled', c.body.version + 1]);
    const again = await keeper.post(`/counts/${c.body.id}/record`, { version: ok.body.version, lines: [{ lineId: c.body.lines[0].id, countedQty: 1 }] });
    expect([again.status, again.body.error.code]).toEqual([409, 'count_not_open']);
    const trail = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'count').where('entity_id', '=', c.body.id).orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['create', 'cancel']);

    const sub = await keeper.post('/counts', { locationId: s.wh.id, partIds: [s.part.id] });
    const rec = await keeper.post(`/counts/${sub.body.id}/record`, { version: sub.body.version, lines: [{ lineId: sub.body.lines[0].id, countedQty: sub.body.lines[0].qty }] });
    const late = await keeper.post(`/counts/${sub.body.id}/cancel`, { version: rec.body.version });
    expect([late.status, late.body.error.code]).toEqual([409, 'count_not_open']);
    expect((await t.api.post(`/counts/${sub.body.id}/reject`, {})).body.status).toBe('rejected');
  });

  it('a sheet with nothing to count is not opened', async () => {
    const never = await t.api.post('/parts', { code: 'PD-NONE', name: '从未入库的配件', unit: '个' });
    const before = await t.handle.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'count').executeTakeFirstOrThrow();
    const r = await t.api.post('/counts', { locationId: s.wh.id, partIds: [never.body.id] });
    expect([r.status, r.body.error.code]).toEqual([409, 'nothing_to_count']);
    const after = await t.handle.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'count').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('what moves while the count is under way is not a variance: the system quantity is the one when the count is recorded', async () => {
    const c = await t.api.post('/counts', { locationId: s.wh.id, partIds: [s.part.id] });
    expect(c.status).toBe(201);
    const line = c.body.lines[0];
    const opened = line.qty;
    // The store keeps working: 4 issued after the sheet was opened, before the shelf was counted.
    expect((await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, lotId: line.lotId, qty: 4 }] })).status).toBe(201);
    // The shelf holds exactly what the ledger says now, plus one found piece.
    const rec = await t.api.post(`/counts/${c.body.id}/record`, { version: c.body.version, lines: [{ lineId: line.id, countedQty: opened - 4 + 1 }] });
    expect(rec.status).toBe(200);
    expect(rec.body.lines[0].qty).toBe(opened - 4);
    const before = await avail(s.part.id, s.wh.id);
    const ap = await t.api.post(`/counts/${c.body.id}/approve`, {});
    expect(ap.body.status).toBe('posted');
    expect(await avail(s.part.id, s.wh.id)).toBe(before + 1);
  });
});

describe('shortages and the purchase list (R-INV-6)', () => {
  it('gathers shortage requests and stock under alarm, grouped by supplier', async () => {
    await t.api.post('/shortages', { description: '左后视镜总成（新款）', qty: 2 });
    const part = (await t.api.get(`/parts/${s.part.id}`)).body;
    await t.api.patch(`/parts/${s.part.id}`, { version: part.version, alarmQty: 1000 });
    const list = (await t.api.get('/shortages/purchase-list')).body;
    const lines = list.items.flatMap((g: { lines: unknown[] }) => g.lines);
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ partName: '左后视镜总成（新款）', qty: 2 }), expect.objectContaining({ partId: s.part.id, sources: ['alarm'] })]));
    const g = list.items.find((x: { lines: { partId: number }[] }) => x.lines.some((l) => l.partId === s.part.id));
    expect(g.supplierName).toBe('宇通配件供应商');
  });

  it('pages the supplier groups in the list\'s order, and refuses a cursor it did not give', async () => {
    const sup = (await t.api.post('/suppliers', { code: 'S2', name: '滤清器供应商' })).body;
    const part = (await t.api.post('/parts', { code: 'PL-01', name: '空气滤芯', unit: '个', preferredSupplierId: sup.id })).body;
    await t.api.post('/shortages', { partId: part.id, qty: 1 });
    const all = (await t.api.get('/shortages/purchase-list?limit=500')).body;
    expect(all.items.map((g: { supplierCode: string | null }) => g.supplierCode)).toEqual([null, 'S1', 'S2']);
    expect(all.nextCursor).toBeNull();
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: unknown[]; nextCursor: string | null } } = await t.api.get(`/shortages/purchase-list?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(1);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items);
    for (const bad of ['bogus', Buffer.from('[-1]').toString('base64url'), Buffer.from('["S1"]').toString('base64url')]) {
      const r = await t.api.get(`/shortages/purchase-list?cursor=${bad}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_cursor');
    }
  });

  it('lists one requester\'s shortage requests with createdBy', async () => {
    const tech = await t.login('tech1', 'tech-pass-1');
    const mine = (await tech.post('/shortages', { description: '雨刮电机', qty: 1 })).body;
    const all = (await t.api.get('/shortages?limit=200')).body.items as { id: number; createdBy: number }[];
    expect(all.some((x) => x.createdBy !== s.tech.id)).toBe(true);
    const filtered = (await t.api.get(`/shortages?createdBy=${s.tech.id}`)).body.items as { id: number; createdBy: number }[];
    expect(filtered.map((x) => x.id)).toEqual([mine.id]);
  });

  it('closes the requests an arrival covers, oldest first, in the arrival\'s own scope', async () => {
    const part = (await t.api.post('/parts', { code: 'SH-01', name: '刹车片', unit: '套' })).body;
    const ordered = (await t.api.post('/shortages', { partId: part.id, qty: 3 })).body;
    expect((await t.api.patch(`/shortages/${ordered.id}`, { status: 'ordered', version: ordered.version })).status).toBe(200);
    const big = (await t.api.post('/shortages', { partId: part.id, qty: 10 })).body;
    const small = (await t.api.post('/shortages', { partId: part.id, qty: 2 })).body;
    const text = (await t.api.post('/shortages', { description: '刹车片（非标）', qty: 1 })).body;
    // A station's request waits for stock at that station, not in the central warehouse.
    await t.api.post('/users', { username: 'bjuser', password: 'station-pass-1', displayName: '北京站', roles: ['station_user'], stationId: station.id });
    const bj = await t.login('bjuser', 'station-pass-1');
    const atStation = (await bj.post('/shortages', { partId: part.id, qty: 1 })).body;

    const rec = await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ partId: part.id, qty: 4, unitCost: '80.00' }, { partId: part.id, qty: 2, unitCost: '80.00' }] });
    expect(rec.status).toBe(201);
    const status = async (id: number) => (await t.api.get('/shortages?limit=200')).body.items.find((x: { id: number }) => x.id === id).status;
    // 6 arrived: the ordered 3 is covered, the 10 is not (it stays), the later 2 is.
    expect([await status(ordered.id), await status(big.id), await status(small.id), await status(text.id), await status(atStation.id)]).toEqual(['closed', 'open', 'closed', 'open', 'open']);
    const lines = (await t.api.get('/shortages/purchase-list')).body.items.flatMap((g: { lines: { partId: number | null; qty: number }[] }) => g.lines);
    expect(lines.find((l: { partId: number | null }) => l.partId === part.id).qty).toBe(11);
    const trail = await t.handle.db.selectFrom('audit_log').selectAll().where('entity', '=', 'shortage').where('entity_id', '=', ordered.id).where('action', '=', 'fulfil').execute();
    expect(JSON.parse(trail[0]!.after!)).toEqual({ status: 'closed', arrivedWith: rec.body.number });

    // The station's request closes when the part is received at the station.
    const tr = await t.api.post('/transfers', { fromLocationId: s.wh.id, toLocationId: station.id, lines: [{ partId: part.id, qty: 1 }] });
    expect((await t.api.post(`/transfers/${tr.body.id}/receive`, { lines: [] })).status).toBe(200);
    expect([await status(atStation.id), await status(big.id)]).toEqual(['closed', 'open']);
  });
});

describe('catalogue', () => {
  it('finds parts by pinyin initials and either script; archives a used part, deletes an unused one', async () => {
    expect((await t.api.get('/parts?q=ltzc')).body.items.map((p: { code: string }) => p.code)).toContain('LT-001');
    expect((await t.api.get('/parts?q=輪胎')).body.items.map((p: { code: string }) => p.code)).toContain('LT-001');
    const unused = (await t.api.post('/parts', { code: 'X-1', name: '雨刮片', unit: '片' })).body;
    expect((await t.api.req('DELETE', `/parts/${unused.id}`)).body).toEqual({ deleted: true, archived: false });
    const detail = (await t.api.get(`/parts/${s.part.id}`)).body;
    expect(detail.lots[0]).toMatchObject({ lotNo: 'L1', unitCost: '1200.00' });
    expect(detail.stock.length).toBeGreaterThan(0);
  });

  it('a part that another writer has just come to use is not deleted: 409 concurrent_change, never a 500', async () => {
    const part = (await t.api.post('/parts', { code: 'X-2', name: '雨刮臂', unit: '个' })).body;
    // What a receipt committing between the delete's check and its DELETE leaves: a row referring
    // to the part that the check did not see (here written straight, so the order is certain).
    await t.handle.db.insertInto('lots').values({ part_id: part.id, lot_no: 'R', supplier_id: null, supplier_key: 0, unit_cost: 100, received_at: Date.now(), document_id: null }).execute();
    const r = await t.api.req('DELETE', `/parts/${part.id}`, undefined, { 'accept-language': 'zh-CN' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('concurrent_change');
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await t.api.get(`/parts/${part.id}`)).status).toBe(200);
  });

  it('refuses a stale version with 409 version_conflict', async () => {
    const p = (await t.api.get(`/parts/${s.part.id}`)).body;
    expect((await t.api.patch(`/parts/${s.part.id}`, { version: p.version, spec: 'A' })).status).toBe(200);
    const stale = await t.api.patch(`/parts/${s.part.id}`, { version: p.version, spec: 'B' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
  });

  it('edits a remark with history', async () => {
    const doc = s.receipt;
    const r = await t.api.patch(`/documents/${doc.id}/remark`, { remark: '第一次备注', version: 1 });
    expect(r.status).toBe(200);
    const d = (await t.api.get(`/documents/${doc.id}`)).body;
    expect(d.remarkHistory).toEqual([expect.objectContaining({ remark: '第一次备注', previous: null })]);
  });

  it('keeps the ledger invariants', async () => {
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });
});

describe('who may act for whom (R-PLT-1, R-INV-9)', () => {
  it("a station's user issues and reserves only for its own employees; a technician sees only its own holding", async () => {
    const gz = (await t.api.post('/locations', { code: 'ST-GZ', name: '广州服务站', kind: 'station' })).body;
    const user = (username: string, roles: string[], stationId: number) => t.api.post('/users', { username, password: 'scope-pass-1', displayName: username, roles, stationId });
    const notAStation = await user('whscope', ['station_user'], s.wh.id);
    expect([notAStation.status, notAStation.body.error.code]).toEqual([409, 'wrong_location_kind']);
    await user('bjscope', ['station_user'], station.id);
    const bjTech = (await user('bjtech', ['technician'], station.id)).body;
    const gzTech = (await user('gztech', ['technician'], gz.id)).body;
    const tr = (await t.api.post('/transfers', { fromLocationId: s.wh.id, toLocationId: station.id, lines: [{ partId: s.part.id, qty: 3 }] })).body;
    await t.api.post(`/transfers/${tr.id}/receive`, { lines: [{ lineId: tr.lines[0].id, receivedQty: 3 }] });
    const bj = await t.login('bjscope', 'scope-pass-1');
    const issue = (toUserId: number) => bj.post('/issues', { fromLocationId: station.id, toUserId, lines: [{ partId: s.part.id, qty: 1 }] });
    for (const toUserId of [gzTech.id, s.keeper.id]) expect((await issue(toUserId)).body.error.code).toBe('station_scope');
    expect((await issue(bjTech.id)).status).toBe(201);
    const reserveFor = await bj.post('/reservations', { locationId: station.id, forUserId: gzTech.id, lines: [{ partId: s.part.id, qty: 1 }] });
    expect([reserveFor.status, reserveFor.body.error.code]).toEqual([403, 'station_scope']);
    const gzt = await t.login('gztech', 'scope-pass-1');
    const forStation = await gzt.post('/reservations', { locationId: s.wh.id, forLocationId: station.id, lines: [{ partId: s.part.id, qty: 1 }] });
    expect(forStation.body.error.code).toBe('own_holding_only');
    // The other technician's holding is not in the technician's stock list, by filter or at all.
    const bjHolding = (await t.api.get(`/holdings?userId=${bjTech.id}`)).body.items[0];
    expect(bjHolding).toMatchObject({ partId: s.part.id, qty: 1 });
    const heldAt = (await t.api.get(`/stock?partId=${s.part.id}`)).body.items.filter((r: { onHand: number }) => r.onHand > 0).map((r: { locationId: number }) => r.locationId);
    const seen = (await gzt.get(`/stock?partId=${s.part.id}&limit=500`)).body.items.map((r: { locationId: number }) => r.locationId);
    expect(seen).toEqual(expect.arrayContaining([s.wh.id, station.id]));
    expect(seen.length).toBeLessThan(heldAt.length);
    for (const q of ['', '&asOf=2999-01-01', '&groupBy=part']) {
      const own = (await gzt.get(`/stock?partId=${s.part.id}${q}&limit=500`)).body.items;
      const holdings = (await t.api.get('/locations?includeVirtual=true&limit=500')).body.items.filter((l: { kind: string; userId?: number }) => l.kind === 'holding');
      const others = holdings.filter((l: { userId?: number }) => l.userId !== gzTech.id).map((l: { id: number }) => l.id);
      expect(own.filter((r: { locationId: number }) => others.includes(r.locationId)), q).toEqual([]);
    }
  });

  it('a shortage request honours Idempotency-Key: once per key, and the key with another body is refused', async () => {
    const body = { partId: s.part.id, qty: 2, remark: '重试' };
    const key = { 'idempotency-key': 'shortage-retry-1' };
    const first = await t.api.post('/shortages', body, key);
    const again = await t.api.post('/shortages', body, key);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await t.api.post('/shortages', { ...body, qty: 3 }, key);
    expect([other.status, other.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    const mine = (await t.api.get('/shortages?limit=500')).body.items.filter((x: { remark: string }) => x.remark === '重试');
    expect(mine).toHaveLength(1);
  });

  it('a reservation past its time cannot be issued against, even before the sweep closes it', async () => {
    const r = (await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, expiresAt: new Date(Date.now() + 1000).toISOString(), lines: [{ partId: s.part.id, qty: 1 }] })).body;
    await new Promise((ok) => setTimeout(ok, 1100));
    const late = await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, reservationId: r.id, lines: [{ partId: s.part.id, qty: 1 }] });
    expect([late.status, late.body.error.code, late.body.error.details.status]).toEqual([409, 'reservation_not_open', 'expired']);
  });
});
