// Query budgets of the stock endpoints (STACK-NOTES performance): each request executes a bounded
// number of SQL statements, and a document's do not grow with its lines (no N+1: the lots of all
// lines are read in one query, lines and lots written in one statement each) — issues, receipts
// (with new parts too), returns, write-offs, transfers and their receipt, reservations, issues
// against one and their cancel, counts recorded and approved. Lists do not grow with their items.
// The measured counts are printed with QUERY_BUDGET_REPORT=1. The clock stands still, so a session
// once resolved is reused (decisions/0017) and the counts are those of a client's steady state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountingTestApp, dialect, MutableClock, type Res, type StatementCounter, type TestApp } from '../harness.js';

let t: TestApp & { counter: StatementCounter };
let wh: number;
let tech: number;
let parts: number[];
const measured: Record<string, number> = {};

/** Runs one request and returns its response with the number of statements it executed. */
async function measure(label: string, fn: () => Promise<Res>): Promise<{ res: Res; n: number }> {
  t.counter.reset();
  const res = await fn();
  const n = t.counter.n;
  measured[label] = n;
  return { res, n };
}

beforeAll(async () => {
  t = await createCountingTestApp({ clock: new MutableClock() });
  wh = (await t.api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' })).body.id;
  tech = (await t.api.post('/users', { username: 'tech1', password: 'tech-pass-1', displayName: '张师傅', roles: ['technician'] })).body.id;
  const rec = await t.api.post('/receipts', {
    locationId: wh,
    lines: Array.from({ length: 50 }, (_, i) => ({ newPart: { code: `QB-${i}`, name: `配件${i}`, unit: '个', salePrice: '20.00' }, qty: 100, unitCost: '10.00', lot: 'A' })),
  });
  expect(rec.status).toBe(201);
  parts = rec.body.lines.map((l: { partId: number }) => l.partId);
  // A second lot for the first 20 parts so FIFO picks may span lots.
  await t.api.post('/receipts', { locationId: wh, lines: parts.slice(0, 20).map((partId) => ({ partId, qty: 5, unitCost: '11.00', lot: 'B' })) });
});
afterAll(async () => {
  if (process.env.QUERY_BUDGET_REPORT) console.log(`statements per request (${dialect}):`, measured);
  await t?.close();
});

describe(`query budgets (${dialect})`, () => {
  it('POST /issues: one line ≤ 20 statements, and twenty lines no more than one (lots read once for all lines)', async () => {
    // The first document of a prefix and year makes its PostgreSQL sequence once per process.
    expect((await t.api.post('/issues', { fromLocationId: wh, toUserId: tech, lines: [{ partId: parts[49], qty: 1 }] })).status).toBe(201);
    const one = await measure('POST /issues (1 line)', () => t.api.post('/issues', { fromLocationId: wh, toUserId: tech, lines: [{ partId: parts[0], qty: 1 }] }));
    expect(one.res.status).toBe(201);
    expect(one.n).toBeLessThanOrEqual(20);
    // PostgreSQL: each statement is a round trip. The lookups with the number and the lots, then
    // aftersales_post, which locks, checks and posts outside a transaction (decisions 0013, 0014,
    // 0016); the holding's first stock of a part costs nothing more (its level row is made in the
    // same call). The session was resolved by an earlier request (decisions/0017).
    if (dialect === 'postgres') expect(one.n).toBeLessThanOrEqual(2);
    // SQLite: BEGIN and the group commit's savepoint, one lookup statement (store, employee,
    // parts, rules, levels and lots), the number, the document, lines, moves, lot and level
    // balances, the audit record, RELEASE and COMMIT; here also the holding's first level row of
    // the part.
    else expect(one.n).toBeLessThanOrEqual(13);
    // With an Idempotency-Key (every issue the web app sends): on PostgreSQL still the lookups and
    // one call, which claims the key first (aftersales_post_batch, migration 0013); on SQLite the
    // key's claim and its answer are two statements more.
    const keyed = await measure('POST /issues (1 line, Idempotency-Key)', () => t.api.post('/issues', { fromLocationId: wh, toUserId: tech, lines: [{ partId: parts[0], qty: 1 }] }, { 'idempotency-key': 'budget-1' }));
    expect(keyed.res.status).toBe(201);
    expect(keyed.n).toBeLessThanOrEqual(dialect === 'postgres' ? 2 : one.n + 2);
    const twenty = await measure('POST /issues (20 lines)', () => t.api.post('/issues', { fromLocationId: wh, toUserId: tech, lines: parts.slice(0, 20).map((partId) => ({ partId, qty: 2 })) }));
    expect(twenty.res.status).toBe(201);
    expect(twenty.n).toBeLessThanOrEqual(one.n);
  });

  it("POST /issues by a keeper under an approval rule: the rules are read before the stock locks and the lots once", async () => {
    expect((await t.api.post('/users', { username: 'keeper1', password: 'keeper-pass-1', displayName: '李库管', roles: ['warehouse_keeper'] })).status).toBe(201);
    expect((await t.api.post('/approval-rules', { name: '单笔超过500元需主任批准', minValue: '500.00' })).status).toBe(201);
    const keeper = await t.login('keeper1', 'keeper-pass-1');
    expect((await keeper.get('/me')).status).toBe(200);
    const admin = await measure('POST /issues (admin)', () => t.api.post('/issues', { fromLocationId: wh, toUserId: tech, lines: [{ partId: parts[1], qty: 1 }] }));
    const posted = await measure('POST /issues (keeper, under the rule)', () => keeper.post('/issues', { fromLocationId: wh, toUserId: tech, lines: [{ partId: parts[1], qty: 1 }] }));
    expect(posted.res.body.status).toBe('posted');
    // Both engines read the rules in the lookup statement.
    expect(posted.n).toBeLessThanOrEqual(admin.n);
    const held = await measure('POST /issues (keeper, held for approval)', () => keeper.post('/issues', { fromLocationId: wh, toUserId: tech, lines: parts.slice(0, 20).map((partId) => ({ partId, qty: 3 })) }));
    expect(held.res.body.status).toBe('pending_approval');
    // The reservation of all twenty lines is one statement. PostgreSQL: a held requisition takes the
    // transaction's path with the lookups already made (BEGIN, locks with the lots, the document and
    // its lines, the reservation, the audit record, COMMIT).
    expect(held.n).toBeLessThanOrEqual(dialect === 'postgres' ? 9 : admin.n + 3);
  });

  it('GET /stock with 50 items ≤ 3 statements (by part and by lot)', async () => {
    const byPart = await measure('GET /stock?groupBy=part', () => t.api.get(`/stock?locationId=${wh}&groupBy=part&limit=50`));
    expect(byPart.res.body.items).toHaveLength(50);
    expect(byPart.n).toBeLessThanOrEqual(3);
    const byLot = await measure('GET /stock (lots)', () => t.api.get(`/stock?locationId=${wh}&limit=50`));
    expect(byLot.res.body.items).toHaveLength(50);
    expect(byLot.n).toBeLessThanOrEqual(3);
  });

  it('GET /holdings ≤ 3 statements', async () => {
    const h = await measure('GET /holdings', () => t.api.get('/holdings?limit=50'));
    expect(h.res.body.items.length).toBeGreaterThanOrEqual(20);
    expect(h.n).toBeLessThanOrEqual(3);
  });

  it('GET /parts ≤ 3 statements', async () => {
    const p = await measure('GET /parts', () => t.api.get('/parts?limit=50'));
    expect(p.res.status).toBe(200);
    expect(p.res.body.items).toHaveLength(50);
    expect(p.n).toBeLessThanOrEqual(3);
  });

  it('GET /moves and GET /documents ≤ 3 statements', async () => {
    const m = await measure('GET /moves', () => t.api.get('/moves?limit=50'));
    expect(m.res.body.items.length).toBeGreaterThan(20);
    expect(m.n).toBeLessThanOrEqual(3);
    const d = await measure('GET /documents', () => t.api.get('/documents?limit=50'));
    expect(d.res.status).toBe(200);
    expect(d.n).toBeLessThanOrEqual(3);
  });

  // Every other stock-core document: twenty lines cost no more statements than one (plus a small
  // constant where a line kind adds one statement, never one per line).
  const lines = (n: number, qty = 1) => parts.slice(20, 20 + n).map((partId) => ({ partId, qty }));
  const scales = async (label: string, make: (n: number) => Promise<Res>, status = 201) => {
    const one = await measure(`${label} (1 line)`, () => make(1));
    expect(one.res.status, JSON.stringify(one.res.body)).toBe(status);
    const twenty = await measure(`${label} (20 lines)`, () => make(20));
    expect(twenty.res.status, JSON.stringify(twenty.res.body)).toBe(status);
    expect(twenty.n, `${label}: ${one.n} statements for one line, ${twenty.n} for twenty`).toBeLessThanOrEqual(one.n + 1);
    return { one, twenty };
  };

  it('POST /receipts, /returns, /write-offs: twenty lines ≈ one line', async () => {
    await scales('POST /receipts', (n) => t.api.post('/receipts', { locationId: wh, lines: lines(n).map((l) => ({ ...l, qty: 5, unitCost: '12.00', lot: `R${n}` })) }));
    await scales('POST /receipts (new parts)', (n) => t.api.post('/receipts', { locationId: wh, lines: Array.from({ length: n }, (_, i) => ({ newPart: { code: `NEW-${n}-${i}`, name: `新配件${i}`, unit: '个' }, qty: 3, unitCost: '9.00' })) }));
    await t.api.post('/issues', { fromLocationId: wh, toUserId: tech, lines: lines(20, 4) });
    await scales('POST /returns', (n) => t.api.post('/returns', { fromUserId: tech, toLocationId: wh, lines: lines(n) }));
    await scales('POST /write-offs', (n) => t.api.post('/write-offs', { userId: tech, reason: 'consumed', lines: lines(n) }));
  });

  it('POST /transfers and its receipt (with differences): twenty lines ≈ one line', async () => {
    const station = (await t.api.post('/locations', { code: 'ST-QB', name: '预算服务站', kind: 'station' })).body.id;
    const sent: Record<number, Res> = {};
    await scales('POST /transfers', async (n) => (sent[n] = await t.api.post('/transfers', { fromLocationId: wh, toLocationId: station, lines: lines(n, 2) })));
    await scales('POST /transfers/:id/receive', (n) => t.api.post(`/transfers/${sent[n]!.body.id}/receive`, { lines: sent[n]!.body.lines.map((l: { id: number }) => ({ lineId: l.id, receivedQty: 1, note: '短少一件' })) }), 200);
  });

  it('POST /reservations, an issue against one, its cancel: twenty lines ≈ one line', async () => {
    const made: Record<number, Res> = {};
    await scales('POST /reservations', async (n) => (made[n] = await t.api.post('/reservations', { locationId: wh, forUserId: tech, lines: lines(n, 2) })));
    await scales('POST /issues (against a reservation)', (n) => t.api.post('/issues', { fromLocationId: wh, toUserId: tech, reservationId: made[n]!.body.id, lines: lines(n, 1) }));
    await scales('POST /reservations/:id/cancel', (n) => t.api.post(`/reservations/${made[n]!.body.id}/cancel`, {}), 200);
  });

  it('a stock count recorded and approved: twenty lines ≈ one line', async () => {
    const counts: Record<number, Res> = {};
    for (const n of [1, 20]) {
      counts[n] = await t.api.post('/counts', { locationId: wh, partIds: parts.slice(20, 20 + n) });
      expect(counts[n]!.status).toBe(201);
    }
    await scales('POST /counts/:id/record', async (n) => {
      const c = counts[n]!.body;
      return t.api.post(`/counts/${c.id}/record`, { version: c.version, lines: c.lines.map((l: { id: number; qty: number }, i: number) => ({ lineId: l.id, countedQty: l.qty + (i % 2 ? 1 : -1) })) });
    }, 200);
    await scales('POST /counts/:id/approve', (n) => t.api.post(`/counts/${counts[n]!.body.id}/approve`, {}), 200);
  });

  it('lists cost the same for one item as for fifty; a document with twenty lines as with one', async () => {
    await t.api.post('/shortages', { partId: parts[0], qty: 2 });
    await t.api.post('/shortages', { description: '非标件', qty: 1 });
    for (const url of ['/reservations', '/approvals', '/documents', '/moves', '/stock', '/holdings', '/parts', '/shortages', '/suppliers', '/locations', '/reports/issue-stats?groupBy=part', '/reports/issue-stats?groupBy=employee']) {
      const sep = url.includes('?') ? '&' : '?';
      const one = await measure(`GET ${url} (limit 1)`, () => t.api.get(`${url}${sep}limit=1`));
      expect(one.res.status, url).toBe(200);
      const fifty = await measure(`GET ${url} (limit 50)`, () => t.api.get(`${url}${sep}limit=50`));
      expect(fifty.n, `${url}: ${one.n} statements for one item, ${fifty.n} for fifty`).toBeLessThanOrEqual(Math.max(one.n, 4));
    }
    // The purchase list: its three sources, the parts and the suppliers, however many lines.
    const list = await measure('GET /shortages/purchase-list', () => t.api.get('/shortages/purchase-list'));
    expect(list.n).toBeLessThanOrEqual(6);
    for (const partId of parts.slice(30, 45)) await t.api.post('/shortages', { partId, qty: 1 });
    const longer = await measure('GET /shortages/purchase-list (15 more lines)', () => t.api.get('/shortages/purchase-list'));
    expect(longer.n).toBe(list.n);
    const docs = (await t.api.get('/documents?limit=100')).body.items as { id: number; type: string }[];
    const receipts = docs.filter((d) => d.type === 'receipt');
    const sizes = await Promise.all(receipts.map(async (d) => ({ id: d.id, n: (await t.api.get(`/documents/${d.id}`)).body.lines.length as number })));
    const small = sizes.find((x) => x.n === 1)!;
    const big = sizes.find((x) => x.n >= 20)!;
    const a = await measure('GET /documents/:id (1 line)', () => t.api.get(`/documents/${small.id}`));
    const b = await measure('GET /documents/:id (20+ lines)', () => t.api.get(`/documents/${big.id}`));
    expect(b.n).toBeLessThanOrEqual(a.n);
  });
});
