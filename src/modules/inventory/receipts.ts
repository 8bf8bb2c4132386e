import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { lineValue, toFen, toMilli } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { createParts, type PartInput } from '../catalog/parts.js';
import { checkLineCount, documentView, insertDocument, loadParts } from './documents.js';
import { lockLevels, postMoves } from './ledger.js';
import { partsArrived, stationOf } from './arrivals.js';
import { getStore, virtualLocation } from './locations.js';
import type { LocationsRow } from './tables.js';

export interface ReceiptLineInput {
  partId?: number;
  newPart?: PartInput;
  qty: number;
  unitCost: string;
  lot?: string;
}
export interface ReceiptInput {
  locationId: number;
  supplierId?: number | null;
  remark?: string | null;
  lines: ReceiptLineInput[];
}

interface ParsedLine {
  partId: number | null;
  newPart?: PartInput;
  qty: number;
  unitCost: number;
  lotNo: string;
}

async function parse(ctx: Ctx, input: ReceiptInput): Promise<{ store: LocationsRow; lines: ParsedLine[] }> {
  checkLineCount(input.lines);
  const store = await getStore(ctx, input.locationId);
  if (input.supplierId != null) {
    const s = await ctx.db.selectFrom('suppliers').select('id').where('id', '=', input.supplierId).executeTakeFirst();
    if (!s) throw new AppError('unknown_supplier', { supplierId: input.supplierId });
  }
  const lines = input.lines.map((l, i): ParsedLine => {
    if ((l.partId == null) === (l.newPart == null)) throw new AppError('part_or_new_part', { line: i + 1 });
    return {
      partId: l.partId ?? null,
      newPart: l.newPart,
      qty: toMilli(l.qty, `lines.${i}.qty`),
      unitCost: toFen(l.unitCost, `lines.${i}.unitCost`),
      // As the database will store it (a lone surrogate becomes U+FFFD), so lots match by it.
      lotNo: (l.lot ?? '').trim().toWellFormed(),
    };
  });
  await loadParts(ctx, lines.flatMap((l) => (l.partId == null ? [] : [l.partId])));
  return { store, lines };
}

const lotKey = (partId: number, lotNo: string, unitCost: number) => `${partId}\u0000${lotNo}\u0000${unitCost}`;

/** The lots of these lines' identities (part, batch, unit cost) from this supplier, in one query. */
async function findLots(ctx: Ctx, lines: readonly { partId: number; lotNo: string; unitCost: number }[], supplierKey: number): Promise<Map<string, number>> {
  if (lines.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('lots')
    .select(['id', 'part_id', 'lot_no', 'unit_cost'])
    .where('supplier_key', '=', supplierKey)
    .where('part_id', 'in', [...new Set(lines.map((l) => l.partId))])
    .where('lot_no', 'in', [...new Set(lines.map((l) => l.lotNo))])
    .execute();
  const wanted = new Set(lines.map((l) => lotKey(l.partId, l.lotNo, l.unitCost)));
  return new Map(rows.map((r) => [lotKey(r.part_id, r.lot_no, r.unit_cost), r.id] as const).filter(([k]) => wanted.has(k)));
}

/**
 * What posting would do (R-INV-2): per line, "top up lot X" when a lot of the same part, batch,
 * supplier and unit cost exists, otherwise "new lot". Writes nothing.
 */
export async function previewReceipt(ctx: Ctx, input: ReceiptInput) {
  const { lines } = await parse(ctx, input);
  const supplierKey = input.supplierId ?? 0;
  const known = await findLots(ctx, lines.flatMap((l) => (l.partId == null ? [] : [{ partId: l.partId, lotNo: l.lotNo, unitCost: l.unitCost }])), supplierKey);
  return {
    lines: lines.map((l, i) => {
      const lotId = l.partId == null ? undefined : known.get(lotKey(l.partId, l.lotNo, l.unitCost));
      return { lineNo: i + 1, partId: l.partId, newPart: l.newPart != null, lotNo: l.lotNo, action: lotId ? ('top_up' as const) : ('new_lot' as const), lotId: lotId ?? null };
    }),
  };
}

/** Posts a receipt (R-INV-1, R-INV-2): new parts are created from their lines, lots topped up or made. */
export async function postReceipt(ctx: Ctx, input: ReceiptInput) {
  const { store, lines } = await parse(ctx, input);
  const supplierKey = input.supplierId ?? 0;
  const fresh = lines.filter((l) => l.newPart);
  for (const [i, part] of (await createParts(ctx, fresh.map((l) => l.newPart!))).entries()) fresh[i]!.partId = part.id;
  const supplierLoc = await virtualLocation(ctx, 'supplier');
  await lockLevels(
    ctx,
    lines.flatMap((l) => [
      { locationId: input.locationId, partId: l.partId! },
      { locationId: supplierLoc, partId: l.partId! },
    ]),
  );
  const now = ctx.clock.now();
  // The lines' lots: the existing ones in one query, the missing ones made in one insert (a lot a
  // concurrent receipt made meanwhile is found again). A lot this receipt made is new on every
  // line of it.
  const keyed = lines.map((l) => ({ partId: l.partId!, lotNo: l.lotNo, unitCost: l.unitCost }));
  const lots = await findLots(ctx, keyed, supplierKey);
  const missing = [...new Map(keyed.filter((l) => !lots.has(lotKey(l.partId, l.lotNo, l.unitCost))).map((l) => [lotKey(l.partId, l.lotNo, l.unitCost), l])).values()];
  const made = new Set<number>();
  if (missing.length > 0) {
    const inserted = await ctx.db
      .insertInto('lots')
      .values(missing.map((l) => ({ part_id: l.partId, lot_no: l.lotNo, supplier_id: input.supplierId ?? null, supplier_key: supplierKey, unit_cost: l.unitCost, received_at: now, document_id: null })))
      .onConflict((oc) => oc.columns(['part_id', 'lot_no', 'supplier_key', 'unit_cost']).doNothing())
      .returning(['id', 'part_id', 'lot_no', 'unit_cost'])
      .execute();
    for (const r of inserted) {
      lots.set(lotKey(r.part_id, r.lot_no, r.unit_cost), r.id);
      made.add(r.id);
    }
    if (inserted.length < missing.length) for (const [k, id] of await findLots(ctx, missing.filter((l) => !lots.has(lotKey(l.partId, l.lotNo, l.unitCost))), supplierKey)) lots.set(k, id);
  }
  const resolved = keyed.map((l, i) => {
    const lotId = lots.get(lotKey(l.partId, l.lotNo, l.unitCost))!;
    return { partId: l.partId, lotId, isNew: made.has(lotId), qty: lines[i]!.qty, unitCost: l.unitCost };
  });
  const { doc, lines: lineRows } = await insertDocument(
    ctx,
    {
      type: 'receipt',
      status: 'posted',
      from_location_id: supplierLoc,
      to_location_id: input.locationId,
      user_id: null,
      supplier_id: input.supplierId ?? null,
      work_order_id: null,
      reservation_id: null,
      related_document_id: null,
      reason: null,
      remark: input.remark ?? null,
      // A station's own receipts must be visible to its station users (R-PLT-1 station scope).
      station_id: store.kind === 'station' ? store.id : store.station_id,
      posted_at: now,
      total_cost: resolved.reduce((s, r) => s + lineValue(r.qty, r.unitCost), 0),
    },
    resolved.map((r) => ({
      part_id: r.partId,
      lot_id: r.lotId,
      qty: r.qty,
      unit_cost: r.unitCost,
      sale_price: null,
      lot_is_new: r.isNew ? 1 : 0,
      received_qty: null,
      counted_qty: null,
      note: null,
    })),
  );
  await ctx.db.updateTable('lots').set({ document_id: doc.id }).where('document_id', 'is', null).where('id', 'in', resolved.map((r) => r.lotId)).execute();
  await postMoves(
    ctx,
    doc.id,
    resolved.map((r, i) => ({ kind: 'receipt' as const, partId: r.partId, lotId: r.lotId, from: supplierLoc, to: input.locationId, qty: r.qty, unitCost: r.unitCost, lineId: lineRows[i]!.id })),
    now,
  );
  // Work orders waiting for these parts: the service module tells their technician (issue #4).
  await partsArrived(ctx, { number: doc.number, stationId: stationOf(store), lines: resolved });
  const view = documentView(ctx, doc, lineRows);
  await audit(ctx, 'post', 'receipt', doc.id, null, { number: doc.number, lines: view.lines.length });
  return view;
}
