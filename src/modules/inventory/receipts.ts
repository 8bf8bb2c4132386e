import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { toFen, toMilli, totalValue } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { createParts, type PartInput } from '../catalog/parts.js';
import { checkLineCount, documentView, insertDocument, loadParts } from './documents.js';
import { lockLevels, postMoves } from './ledger.js';
import { partsArrived, stationOf } from './arrivals.js';
import { ensureLots, findLots, lotKey } from './lots.js';
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

/**
 * What posting would do (R-INV-2): per line, "top up lot X" when a lot of the same part, batch,
 * supplier and unit cost exists, otherwise "new lot". Writes nothing.
 */
export async function previewReceipt(ctx: Ctx, input: ReceiptInput) {
  const { lines } = await parse(ctx, input);
  const known = await findLots(ctx, lines.flatMap((l) => (l.partId == null ? [] : [{ partId: l.partId, lotNo: l.lotNo, unitCost: l.unitCost }])), input.supplierId ?? null);
  return {
    lines: lines.map((l, i) => {
      const lotId = l.partId == null ? undefined : known.get(lotKey({ partId: l.partId, lotNo: l.lotNo, unitCost: l.unitCost }));
      return { lineNo: i + 1, partId: l.partId, newPart: l.newPart != null, lotNo: l.lotNo, action: lotId ? ('top_up' as const) : ('new_lot' as const), lotId: lotId ?? null };
    }),
  };
}

/** Posts a receipt (R-INV-1, R-INV-2): new parts are created from their lines, lots topped up or made. */
export async function postReceipt(ctx: Ctx, input: ReceiptInput) {
  const { store, lines } = await parse(ctx, input);
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
  const keyed = lines.map((l) => ({ partId: l.partId!, lotNo: l.lotNo, unitCost: l.unitCost }));
  const { lots, made } = await ensureLots(ctx, keyed, { supplierId: input.supplierId ?? null, receivedAt: now });
  // A lot this receipt made is new on every line of it.
  const resolved = keyed.map((l, i) => {
    const lotId = lots.get(lotKey(l))!;
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
      total_cost: totalValue(resolved),
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
