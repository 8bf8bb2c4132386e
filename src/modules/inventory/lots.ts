// Lots by their identity — part, batch number, supplier, unit cost (the lots_identity constraint):
// found for a whole document in one query, the missing ones made in one insert.
import type { Ctx } from '../../db.js';

export interface LotIdentity {
  partId: number;
  lotNo: string;
  unitCost: number;
}

export const lotKey = (l: LotIdentity) => `${l.partId}\u0000${l.lotNo}\u0000${l.unitCost}`;

/** The existing lots of these identities from this supplier (null: none), keyed by lotKey. */
export async function findLots(ctx: Ctx, wanted: readonly LotIdentity[], supplierId: number | null): Promise<Map<string, number>> {
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('lots')
    .select(['id', 'part_id', 'lot_no', 'unit_cost'])
    .where('supplier_key', '=', supplierId ?? 0)
    .where('part_id', 'in', [...new Set(wanted.map((l) => l.partId))])
    .where('lot_no', 'in', [...new Set(wanted.map((l) => l.lotNo))])
    .execute();
  const keys = new Set(wanted.map(lotKey));
  return new Map(rows.map((r) => [lotKey({ partId: r.part_id, lotNo: r.lot_no, unitCost: r.unit_cost }), r.id] as const).filter(([k]) => keys.has(k)));
}

/**
 * The lots of these identities, made when missing (received now, from this supplier): `made` holds
 * the ones this call created. A lot a concurrent transaction made meanwhile is found again after
 * the insert skipped it (on conflict do nothing waits for that transaction on PostgreSQL).
 */
export async function ensureLots(ctx: Ctx, wanted: readonly LotIdentity[], from: { supplierId: number | null; receivedAt: number }): Promise<{ lots: Map<string, number>; made: Set<number> }> {
  const lots = await findLots(ctx, wanted, from.supplierId);
  const missing = [...new Map(wanted.filter((l) => !lots.has(lotKey(l))).map((l) => [lotKey(l), l])).values()];
  const made = new Set<number>();
  if (missing.length === 0) return { lots, made };
  const inserted = await ctx.db
    .insertInto('lots')
    .values(missing.map((l) => ({ part_id: l.partId, lot_no: l.lotNo, supplier_id: from.supplierId, supplier_key: from.supplierId ?? 0, unit_cost: l.unitCost, received_at: from.receivedAt, document_id: null })))
    .onConflict((oc) => oc.columns(['part_id', 'lot_no', 'supplier_key', 'unit_cost']).doNothing())
    .returning(['id', 'part_id', 'lot_no', 'unit_cost'])
    .execute();
  for (const r of inserted) {
    lots.set(lotKey({ partId: r.part_id, lotNo: r.lot_no, unitCost: r.unit_cost }), r.id);
    made.add(r.id);
  }
  if (inserted.length < missing.length) for (const [k, id] of await findLots(ctx, missing.filter((l) => !lots.has(lotKey(l))), from.supplierId)) lots.set(k, id);
  return { lots, made };
}
