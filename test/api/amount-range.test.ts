// Values past 2^53 thousandths of a fen (about 90 billion yuan) no longer fit the app's exact
// integers: a posting that would need one is refused whole with 409 amount_out_of_range, never a
// 500, and the stock it leaves stays readable (migration 0014, src/platform/numbers.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedBasics, type TestApp } from '../harness.js';
import { checkLedger } from '../../src/modules/inventory/check.js';
import { formatLineValue } from '../../src/platform/numbers.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  t = await createTestApp();
  s = await seedBasics(t);
});
afterAll(async () => t?.close());

const newPart = async (code: string) => (await t.api.post('/parts', { code, name: `大额${code}`, unit: '个' })).body as { id: number };
const count = async (table: 'documents' | 'moves') => Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('amounts beyond the exact range', () => {
  it('refuses a receipt line whose own value is too large, writing nothing', async () => {
    const part = await newPart('BIG-1');
    const before = { docs: await count('documents'), moves: await count('moves') };
    const r = await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ partId: part.id, qty: 999999999.999, unitCost: '999999999.99' }] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('amount_out_of_range');
    expect(r.body.error.message).toContain('900 亿元');
    expect(await t.api.as('en').post('/receipts', { locationId: s.wh.id, lines: [{ partId: part.id, qty: 999999999.999, unitCost: '999999999.99' }] })).toMatchObject({ status: 409 });
    expect({ docs: await count('documents'), moves: await count('moves') }).toEqual(before);
  });

  it('refuses the receipt that would take a balance past the range, and the stock stays readable', async () => {
    const part = await newPart('BIG-2');
    const line = { partId: part.id, qty: 1000000000, unitCost: '46.00', lot: 'BIG' };
    const first = await t.api.post('/receipts', { locationId: s.wh.id, lines: [line] });
    expect(first.status).toBe(201);
    const second = await t.api.post('/receipts', { locationId: s.wh.id, lines: [line] });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('amount_out_of_range');
    const stock = await t.api.get(`/stock?partId=${part.id}`);
    expect(stock.status).toBe(200);
    expect(stock.body.items).toEqual([expect.objectContaining({ onHand: 1000000000, value: '46000000000.00' })]);
    expect((await t.api.get(`/parts/${part.id}`)).status).toBe(200);
    expect((await t.api.get(`/stock?locationId=${s.wh.id}&limit=500`)).status).toBe(200);
    // An issue of it still works: the holding's balance is within the range too.
    const issue = await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: part.id, qty: 10 }] });
    expect(issue.status).toBe(201);
    expect((await checkLedger(t.handle.db)).ok).toBe(true);
  });

  it('refuses a document whose total is too large even when each balance fits', async () => {
    const [a, b] = [await newPart('BIG-3'), await newPart('BIG-4')];
    const before = await count('documents');
    const lines = [a, b].map((p) => ({ partId: p.id, qty: 1000000000, unitCost: '46.00' }));
    const r = await t.api.post('/receipts', { locationId: s.wh.id, lines });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('amount_out_of_range');
    expect(await count('documents')).toBe(before);
  });

  it('formats a value past 2^53 exactly for display', () => {
    expect(formatLineValue(999999999999, 99999999999)).toBe('999999999989000000.00');
    expect(formatLineValue(-2000000000000, 4600)).toBe('-92000000000.00');
    expect(formatLineValue(1500, 1)).toBe('0.02');
  });
});
