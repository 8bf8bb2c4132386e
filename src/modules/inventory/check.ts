// The ledger's invariants, verified from scratch (aftersales check).
import { sql } from 'kysely';
import type { Db } from '../../db.js';

export interface CheckResult {
  ok: boolean;
  moves: number;
  problems: string[];
}

/**
 * 1. the moves of each part and lot sum to zero over all locations (each move is −qty at its
 *    source and +qty at its destination); 2. no real location (nor transit) has negative on-hand; 3. lot and
 *    part balances equal what the ledger folds to; 4. every posted document has its moves and
 *    every move its document; 5. a move is reversed at most once; 6. what each level holds
 *    reserved is what open reservations and requisitions waiting for approval hold there.
 */
export async function checkLedger(db: Db): Promise<CheckResult> {
  const problems: string[] = [];
  const moves = Number((await db.selectFrom('moves').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  const signed = db
    .selectFrom('moves')
    .select(['to_location_id as location_id', 'lot_id', 'part_id', 'qty'])
    .unionAll(db.selectFrom('moves').select(['from_location_id as location_id', 'lot_id', 'part_id', sql<number>`-qty`.as('qty')]));

  const nonZero = await db
    .selectFrom(signed.as('m'))
    .select(['m.part_id', 'm.lot_id', sql<number>`cast(sum(m.qty) as bigint)`.as('total')])
    .groupBy(['m.part_id', 'm.lot_id'])
    .having(sql`sum(m.qty)`, '<>', 0)
    .limit(20)
    .execute();
  for (const r of nonZero) problems.push(`moves of part ${r.part_id} lot ${r.lot_id} sum to ${r.total}, not 0`);

  const folded = await db
    .selectFrom(signed.as('m'))
    .select(['m.location_id', 'm.lot_id', sql<number>`cast(sum(m.qty) as bigint)`.as('qty')])
    .groupBy(['m.location_id', 'm.lot_id'])
    .execute();
  const balances = await db.selectFrom('lot_balances').select(['location_id', 'lot_id', 'on_hand']).execute();
  // Transit is virtual but only passes stock on, so it can never be short either.
  const real = new Set((await db.selectFrom('locations').select('id').where((eb) => eb.or([eb('is_real', '=', 1), eb('code', '=', 'VIRT-TRANSIT')])).execute()).map((l) => l.id));
  const bal = new Map(balances.map((b) => [`${b.location_id}:${b.lot_id}`, b.on_hand]));
  const seen = new Set<string>();
  for (const f of folded) {
    const k = `${f.location_id}:${f.lot_id}`;
    seen.add(k);
    const b = bal.get(k) ?? 0;
    if (Number(f.qty) !== b) problems.push(`lot balance ${k} is ${b}, ledger says ${f.qty}`);
    if (real.has(f.location_id) && Number(f.qty) < 0) problems.push(`negative on-hand ${f.qty} at real location ${f.location_id}, lot ${f.lot_id}`);
  }
  for (const [k, v] of bal) if (!seen.has(k) && v !== 0) problems.push(`lot balance ${k} is ${v} without moves`);

  const levelFold = await db
    .selectFrom(signed.as('m'))
    .select(['m.location_id', 'm.part_id', sql<number>`cast(sum(m.qty) as bigint)`.as('qty')])
    .groupBy(['m.location_id', 'm.part_id'])
    .execute();
  const levels = new Map((await db.selectFrom('stock_levels').select(['location_id', 'part_id', 'on_hand', 'reserved']).execute()).map((l) => [`${l.location_id}:${l.part_id}`, l]));
  for (const f of levelFold) {
    const l = levels.get(`${f.location_id}:${f.part_id}`);
    if ((l?.on_hand ?? 0) !== Number(f.qty)) problems.push(`stock level ${f.location_id}:${f.part_id} is ${l?.on_hand ?? 0}, ledger says ${f.qty}`);
  }
  for (const l of levels.values()) if (l.reserved < 0) problems.push(`negative reserved at ${l.location_id}:${l.part_id}`);
  const holds = db
    .selectFrom('reservation_lines as rl')
    .innerJoin('reservations as r', 'r.id', 'rl.reservation_id')
    .select(['r.location_id', 'rl.part_id', 'rl.open_qty as qty'])
    .where('r.status', '=', 'open')
    .unionAll(
      db
        .selectFrom('document_lines as dl')
        .innerJoin('documents as d', 'd.id', 'dl.document_id')
        .select([sql<number>`d.from_location_id`.as('location_id'), sql<number>`dl.part_id`.as('part_id'), 'dl.qty'])
        .where('d.type', '=', 'issue')
        .where('d.status', '=', 'pending_approval'),
    );
  const held = new Map(
    (await db.selectFrom(holds.as('h')).select(['h.location_id', 'h.part_id', sql<number>`cast(sum(h.qty) as bigint)`.as('qty')]).groupBy(['h.location_id', 'h.part_id']).execute()).map((h) => [`${h.location_id}:${h.part_id}`, Number(h.qty)]),
  );
  for (const [k, l] of levels) if (l.reserved !== (held.get(k) ?? 0)) problems.push(`stock level ${k} has ${l.reserved} reserved, open reservations and requisitions hold ${held.get(k) ?? 0}`);
  for (const [k, q] of held) if (q !== 0 && !levels.has(k)) problems.push(`open reservations and requisitions hold ${q} at ${k}, which has no stock level`);

  const orphanDocs = await db
    .selectFrom('documents as d')
    .select(['d.number'])
    .where('d.status', 'in', ['posted', 'in_transit', 'received'])
    .where('d.type', 'in', ['receipt', 'issue', 'return', 'write_off', 'transfer', 'reversal', 'opening', 'old_parts_in', 'old_parts_out'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('moves as m').select('m.id').whereRef('m.document_id', '=', 'd.id'))))
    .limit(20)
    .execute();
  for (const d of orphanDocs) problems.push(`posted document ${d.number} has no moves`);
  const orphanMoves = await db
    .selectFrom('moves as m')
    .leftJoin('documents as d', 'd.id', 'm.document_id')
    .select('m.id')
    .where('d.id', 'is', null)
    .limit(20)
    .execute();
  for (const m of orphanMoves) problems.push(`move ${m.id} has no document`);
  return { ok: problems.length === 0, moves, problems };
}
