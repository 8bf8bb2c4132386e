// Issue statistics (R-INV-10) against hand-computed figures: every kind, a return credited
// back, and a reversed issue counted negative; by employee and by part, with and without a range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedBasics, type TestApp } from '../../../test/harness.js';

let now = Date.UTC(2026, 9, 1, 2, 0, 0); // 2026-10-01 10:00 Beijing
const clock = { now: () => now };
let t: TestApp;
let s: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedBasics(t, { qty: 100, unitCost: '1200.00', salePrice: '1800.00' });
  const { wh, tech, part } = s;
  const ok = (r: { status: number; body: unknown }) => {
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return r.body as { id: number };
  };
  ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: tech.id, lines: [{ partId: part.id, qty: 10 }] }));
  ok(await t.api.post('/returns', { fromUserId: tech.id, toLocationId: wh.id, lines: [{ partId: part.id, qty: 2 }] }));
  const customer = ok(await t.api.post('/customers', { code: 'IS-1', name: '统计测试客户' }));
  const wo = ok(await t.api.post('/work-orders', { customerId: customer.id, serviceType: 'A', category: 'engine', fault: '换件' }));
  ok(await t.api.post('/write-offs', { userId: tech.id, reason: 'consumed', workOrderId: wo.id, lines: [{ partId: part.id, qty: 3 }] }));
  ok(await t.api.post('/write-offs', { userId: tech.id, reason: 'scrapped', lines: [{ partId: part.id, qty: 1 }] }));
  now = Date.UTC(2026, 9, 3, 2); // a wrong issue two days later, reversed
  const wrong = ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: tech.id, lines: [{ partId: part.id, qty: 4 }] }));
  const move = (await t.api.get(`/moves?documentId=${wrong.id}`)).body.items[0];
  ok(await t.api.post(`/moves/${move.id}/reverse`, { reason: '领错了' }));
});
afterAll(async () => t?.close());

const expected = { issuedQty: 10, returnedQty: 2, consumedQty: 3, scrappedQty: 1, netQty: 8, cost: '9600.00', saleValue: '14400.00', profit: '4800.00' };

describe('issue statistics (R-INV-10)', () => {
  it('sums each kind per employee; returns credit cost and sale, a reversal cancels its issue', async () => {
    const r = await t.api.get('/reports/issue-stats?groupBy=employee');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([{ key: s.tech.id, label: '张师傅', ...expected }]);
    expect(r.body.totals).toEqual(expected);
  });

  it('gives the same figures per part', async () => {
    const r = await t.api.get('/reports/issue-stats?groupBy=part');
    expect(r.body.items).toEqual([{ key: s.part.id, label: expect.stringContaining('LT-001'), ...expected }]);
  });

  it('limits to a date range', async () => {
    const first = (await t.api.get('/reports/issue-stats?groupBy=employee&to=2026-10-02')).body.items;
    expect(first).toEqual([{ key: s.tech.id, label: '张师傅', ...expected }]);
    const later = (await t.api.get('/reports/issue-stats?groupBy=employee&from=2026-10-02T00:00:00%2B08:00')).body.items;
    expect(later).toEqual([{ key: s.tech.id, label: '张师傅', issuedQty: 0, returnedQty: 0, consumedQty: 0, scrappedQty: 0, netQty: 0, cost: '0.00', saleValue: '0.00', profit: '0.00' }]);
  });
});

describe('group labels', () => {
  it('are read in chunks, every key labelled across chunk edges (100,000 parts exceed one statement)', async () => {
    const { labelsOf } = await import('./issue-stats.js');
    const users = (await t.api.get('/users')).body.items as { id: number; displayName: string }[];
    const ctx = { db: t.handle.db, dialect: t.handle.dialect } as Parameters<typeof labelsOf>[0];
    const labels = await labelsOf(ctx, 'employee', users.map((u) => u.id), 2);
    expect(users.length).toBeGreaterThan(2);
    for (const u of users) expect(labels.get(u.id)).toBe(u.displayName);
  });
});

describe('paging (API.md: ?limit= and ?cursor=)', () => {
  it('pages the groups in key order, the one without a key last, each page with the totals of all', async () => {
    const all = (await t.api.get('/reports/issue-stats?groupBy=workOrder&limit=500')).body;
    expect(all.items.map((r: { key: number | null }) => r.key)).toEqual([expect.any(Number), null]);
    expect(all.nextCursor).toBeNull();
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: unknown[]; nextCursor: string | null; totals: unknown } } = await t.api.get(`/reports/issue-stats?groupBy=workOrder&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(1);
      expect(r.body.totals).toEqual(expected);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items);
  });

  it('refuses a cursor it did not give with 400 invalid_cursor', async () => {
    for (const cursor of ['bogus', Buffer.from('["x"]').toString('base64url')]) {
      const r = await t.api.get(`/reports/issue-stats?groupBy=part&cursor=${cursor}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_cursor');
    }
  });
});
