import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedBasics, type TestApp } from '../harness.js';
import { expireReservations } from '../../src/modules/inventory/reservations.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { SYSTEM_ACTOR } from '../../src/main.js';

// A clock the test moves forward (within the 7-day session), so "as of" and expiry can be seen.
let now = Date.UTC(2026, 9, 1, 2, 0, 0); // 2026-10-01 10:00 Beijing
const clock = { now: () => now };
let t: TestApp;
let s: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedBasics(t, { qty: 20 });
});
afterAll(async () => t?.close());

const onHand = async (q: string) => (await t.api.get(`/stock?partId=${s.part.id}&locationId=${s.wh.id}&groupBy=part${q}`)).body.items[0]?.onHand ?? 0;

describe('stock as of a date (R-INV-11)', () => {
  it('folds the ledger up to the instant asked', async () => {
    now = Date.UTC(2026, 9, 2, 2);
    await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 3 }] });
    now = Date.UTC(2026, 9, 4, 2);
    await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 4 }] });
    expect(await onHand('')).toBe(13);
    expect(await onHand('&asOf=2026-10-01')).toBe(20);
    expect(await onHand('&asOf=2026-10-03')).toBe(17);
    expect(await onHand('&asOf=2026-10-04T12:00:00%2B08:00')).toBe(13);
    // A bare day is the installation's calendar day: "from" includes the whole day.
    const issues = (await t.api.get(`/moves?partId=${s.part.id}&from=2026-10-02&to=2026-10-02`)).body.items;
    expect(issues.map((m: { qty: number }) => m.qty)).toEqual([3]);
    const bad = await t.api.get('/stock?asOf=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_date');
  });
});

describe('reservation expiry (R-INV-5)', () => {
  it('expires an open reservation past its time and releases the quantity', async () => {
    const r = await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, expiresAt: '2026-10-05T00:00:00+08:00', lines: [{ partId: s.part.id, qty: 5 }] });
    expect(r.status).toBe(201);
    const avail = async () => (await t.api.get(`/stock?partId=${s.part.id}&locationId=${s.wh.id}&groupBy=part`)).body.items[0].available;
    expect(await avail()).toBe(8);
    now = Date.UTC(2026, 9, 6);
    const ctx = { db: t.handle.db, dialect: t.handle.dialect, actor: SYSTEM_ACTOR, clock, timeZone: 'Asia/Shanghai', lang: 'zh-CN' as const };
    expect(await inTransaction(t.handle.db, t.handle.dialect, (db) => expireReservations({ ...ctx, db }))).toBe(1);
    expect((await t.api.get(`/reservations/${r.body.id}`)).body.status).toBe('expired');
    expect(await avail()).toBe(13);
  });

  it('refuses a reservation that would already have expired, holding nothing', async () => {
    const past = await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, expiresAt: '2026-10-01', lines: [{ partId: s.part.id, qty: 5 }] });
    expect([past.status, past.body.error.code]).toEqual([400, 'expiry_in_past']);
    expect((await t.api.get(`/stock?partId=${s.part.id}&locationId=${s.wh.id}&groupBy=part`)).body.items[0].reserved).toBe(0);
  });
});

describe('bulk edit and audit (R-INV-13, R-PLT-1)', () => {
  it('edits many parts at once, all or nothing', async () => {
    const a = (await t.api.post('/parts', { code: 'B-1', name: '机油滤清器', unit: '个' })).body;
    const b = (await t.api.post('/parts', { code: 'B-2', name: '空气滤清器', unit: '个' })).body;
    const ok = await t.api.post('/parts/bulk-update', { items: [{ id: a.id, version: a.version, category: '滤清器' }, { id: b.id, version: b.version, category: '滤清器' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((p: { category: string }) => p.category)).toEqual(['滤清器', '滤清器']);
    const stale = await t.api.post('/parts/bulk-update', { items: [{ id: a.id, version: a.version + 1, salePrice: '9.90' }, { id: b.id, version: b.version, salePrice: '9.90' }] });
    expect(stale.status).toBe(409);
    expect((await t.api.get(`/parts/${b.id}`)).body).toMatchObject({ salePrice: null, version: b.version + 1 });
  });

  it('records who changed what, before and after', async () => {
    const p = (await t.api.post('/parts', { code: 'A-1', name: '雨刮电机', unit: '个' })).body;
    await t.api.patch(`/parts/${p.id}`, { version: p.version, salePrice: '120.00' });
    const rows = await t.handle.db.selectFrom('audit_log').selectAll().where('entity', '=', 'part').where('entity_id', '=', p.id).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(JSON.parse(rows[1]!.before!)).toMatchObject({ salePrice: null });
    expect(JSON.parse(rows[1]!.after!)).toMatchObject({ salePrice: '120.00' });
    expect(rows[1]!.actor_id).toBe(1);
  });
});

describe('reserved as of a date (R-INV-5, R-INV-11, R-INV-16)', () => {
  it('shows what was reserved then: open reservations less what issues took, and requisitions waiting', async () => {
    const stock = async (q = '') => {
      const [row] = (await t.api.get(`/stock?partId=${s.part.id}&locationId=${s.wh.id}&groupBy=part${q}`)).body.items;
      return { onHand: row.onHand, reserved: row.reserved, available: row.available };
    };
    const seen: [number, Awaited<ReturnType<typeof stock>>][] = [];
    const step = async (at: number, act: () => Promise<unknown>) => {
      now = at;
      await act();
      seen.push([now, await stock()]);
    };
    const hour = (h: number) => Date.UTC(2026, 9, 6, h);
    let res: { id: number } = { id: 0 };
    await step(hour(2), async () => (res = (await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 5 }] })).body));
    await step(hour(3), () => t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, reservationId: res.id, lines: [{ partId: s.part.id, qty: 2 }] }));
    await step(hour(4), () => t.api.post(`/reservations/${res.id}/cancel`));
    await t.api.post('/approval-rules', { name: '单笔超过5000元需主任批准', minValue: '5000.00' });
    const keeper = await t.login('keeper1', 'keeper-pass-1');
    let req: { id: number; status: string } = { id: 0, status: '' };
    await step(hour(5), async () => (req = (await keeper.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 5 }] })).body));
    expect(req.status).toBe('pending_approval');
    await step(hour(6), () => t.api.post(`/issues/${req.id}/approve`, {}));
    expect(seen.map(([, v]) => v.reserved)).toEqual([5, 3, 0, 5, 0]);
    for (const [at, then] of seen) expect(await stock(`&asOf=${new Date(at).toISOString()}`), new Date(at).toISOString()).toEqual(then);
    expect((await stock(`&asOf=${new Date(hour(2) - 1).toISOString()}`)).reserved).toBe(0);
    // By lot: the lot's number and cost, as today's list shows them, and the reserved on the FIFO lot.
    const byLot = async (q: string) => (await t.api.get(`/stock?partId=${s.part.id}&locationId=${s.wh.id}${q}`)).body.items;
    const [today] = await byLot('');
    const [then] = await byLot(`&asOf=${new Date(hour(2)).toISOString()}`);
    expect(then).toMatchObject({ lotId: today.lotId, lotNo: today.lotNo, unitCost: today.unitCost, reserved: 5 });
  });
});
