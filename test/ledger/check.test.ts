// `aftersales check` finds what it claims to check: each invariant, broken on purpose behind the
// ledger's back, is reported — and put back, the ledger checks out again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dialect, seedBasics, type TestApp } from '../harness.js';
import { checkLedger } from '../../src/modules/inventory/check.js';

describe(`the ledger check (${dialect})`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedBasics(t, { qty: 20 });
    expect((await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 5 }] })).status).toBe(201);
    expect((await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 2 }] })).status).toBe(201);
  });
  afterAll(async () => t?.close());

  const problems = async () => (await checkLedger(t.handle.db)).problems;
  const tamper = async (statement: string, undo: string, expected: RegExp) => {
    await sql.raw(statement).execute(t.handle.db);
    try {
      expect(await problems()).toEqual([expect.stringMatching(expected)]);
    } finally {
      await sql.raw(undo).execute(t.handle.db);
    }
    expect(await problems()).toEqual([]);
  };

  it('holds on an honest ledger with a reservation open', async () => {
    expect(await problems()).toEqual([]);
  });

  it('reports a level whose reserved quantity is not what the open reservations hold', async () => {
    const where = `location_id = ${s.wh.id} and part_id = ${s.part.id}`;
    await tamper(`update stock_levels set reserved = reserved + 1000 where ${where}`, `update stock_levels set reserved = reserved - 1000 where ${where}`, /has 6000 reserved, open reservations and requisitions hold 5000/);
  });

  it('reports a level whose on-hand is not what the moves fold to', async () => {
    const where = `location_id = ${s.wh.id} and part_id = ${s.part.id}`;
    await tamper(`update stock_levels set on_hand = on_hand + 1000 where ${where}`, `update stock_levels set on_hand = on_hand - 1000 where ${where}`, /ledger says 18000/);
  });
});
