// PostgreSQL's one-statement issue (issueAtOnce, aftersales_post with a check; decision 0016)
// reads the lots without a lock and posts only if its picks still hold under the locks. Here the
// stock changes in the window between that read and the posting call, on purpose: the call must
// write nothing and the issue must take the locking path, with FIFO and availability as of then.
// (SQLite has one writer and always takes the locking path: nothing to race there.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, seedBasics, type TestApp } from '../harness.js';
import { checkLedger } from '../../src/modules/inventory/check.js';

describe.skipIf(dialect !== 'postgres')('an issue whose unlocked read goes stale before it posts (postgres)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  let lotA: number;
  let lotB: number;
  /** Runs once, right after the next issue's lookups (with the lots) came back. */
  let inWindow: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    t = await createTestApp({
      wrapDb: (db) =>
        db.withPlugin({
          transformQuery: (args) => args.node,
          transformResult: async (args) => {
            const row = args.result.rows[0] as Record<string, unknown> | undefined;
            if (inWindow && row && 'lots' in row && 'rules' in row) {
              const act = inWindow;
              inWindow = null;
              await act();
            }
            return args.result;
          },
        }),
    });
    s = await seedBasics(t, { qty: 2, unitCost: '100.00' });
    lotA = s.receipt.lines[0].lotId;
    const b = await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ partId: s.part.id, qty: 10, unitCost: '120.00', lot: 'L2' }] });
    lotB = b.body.lines[0].lotId;
  });
  afterAll(async () => t?.close());

  const issue = (qty: number) => t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty }] });

  it('a lot taken meanwhile: FIFO picks again under the lock, and the number drawn first is kept', async () => {
    let taken: number | null = null;
    inWindow = async () => {
      // Another issue (a chosen lot: the locking path) takes one of lot A's two.
      const r = await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, lotId: lotA, qty: 1 }] });
      expect(r.status).toBe(201);
      taken = Number(r.body.number.slice(-6));
    };
    const r = await issue(3);
    expect(inWindow).toBeNull();
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // The stale picks were A × 2 + B × 1; as of the lock, A has one left.
    expect(r.body.lines.map((l: { lotId: number; qty: number }) => [l.lotId, l.qty])).toEqual([
      [lotA, 1],
      [lotB, 2],
    ]);
    expect(r.body.totalCost).toBe('340.00');
    // Its number was drawn before the other issue's, and no other number was drawn for it.
    expect(Number(r.body.number.slice(-6))).toBe(taken! - 1);
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });

  it('stock reserved meanwhile: the issue is refused as short, and nothing of it is written', async () => {
    const before = (await t.api.get(`/documents?type=issue&limit=100`)).body.items.length;
    inWindow = async () => {
      const r = await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 7 }] });
      expect(r.status).toBe(201);
    };
    const r = await issue(2); // 8 on hand: 2 were available at the read, 1 after the reservation
    expect(inWindow).toBeNull();
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('insufficient_stock');
    expect((await t.api.get(`/documents?type=issue&limit=100`)).body.items.length).toBe(before);
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });
});
