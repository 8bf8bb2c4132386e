import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { updateEach } from '../../platform/db/bulk.js';
import { lineValue, sumValues, toMilli } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { documentView, getDocument, insertDocument } from './documents.js';
import { lockLevels, postMoves, type MoveSpec } from './ledger.js';
import { getStore, virtualLocation } from './locations.js';

/**
 * Opens a count sheet (盤點, R-INV-15) for a store: one line per lot with stock (or of the
 * chosen parts), holding the system quantity at this moment.
 */
export async function createCount(ctx: Ctx, input: { locationId: number; partIds?: number[]; remark?: string | null }) {
  const store = await getStore(ctx, input.locationId);
  let q = ctx.db
    .selectFrom('lot_balances as b')
    .innerJoin('lots as l', 'l.id', 'b.lot_id')
    .select(['b.part_id', 'b.lot_id', 'b.on_hand', 'l.unit_cost'])
    .where('b.location_id', '=', store.id);
  if (input.partIds?.length) q = q.where('b.part_id', 'in', input.partIds);
  else q = q.where('b.on_hand', '>', 0);
  const rows = await q.orderBy('b.part_id').orderBy('b.lot_id').limit(5000).execute();
  // A sheet without a line could only be cancelled: say so instead of opening one.
  if (rows.length === 0) throw new AppError('nothing_to_count', { parts: input.partIds?.length ?? 0 });
  const { doc, lines } = await insertDocument(
    ctx,
    { type: 'count', status: 'draft', from_location_id: store.id, to_location_id: store.id, user_id: null, supplier_id: null, work_order_id: null, reservation_id: null, related_document_id: null, reason: null, remark: input.remark ?? null, station_id: store.kind === 'station' ? store.id : store.station_id, posted_at: null },
    rows.map((r) => ({ part_id: r.part_id, lot_id: r.lot_id, qty: r.on_hand, unit_cost: r.unit_cost, sale_price: null, lot_is_new: null, received_qty: null, counted_qty: null, note: null })),
  );
  await audit(ctx, 'create', 'count', doc.id, null, { number: doc.number, lines: lines.length });
  return documentView(ctx, doc, lines);
}

/** What each of the lots holds at the store now, in one query (none for no lots). */
async function lotStock(ctx: Ctx, locationId: number, lotIds: readonly number[]): Promise<Map<number, number>> {
  if (lotIds.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('lot_balances').select(['lot_id', 'on_hand']).where('location_id', '=', locationId).where('lot_id', 'in', [...new Set(lotIds)]).execute();
  return new Map(rows.map((b) => [b.lot_id, b.on_hand]));
}

async function openCount(ctx: Ctx, id: number) {
  const { doc, lines } = await getDocument(ctx, id, { forDecision: true });
  if (doc.type !== 'count') throw new AppError('not_found');
  await getStore(ctx, doc.from_location_id!);
  return { doc, lines };
}

/**
 * Records counted quantities on a draft count. Each recorded line's system quantity becomes the
 * lot's stock at this moment: the store keeps working while a count is under way, and what was
 * issued or received between opening the sheet and recording it is already in the shelf the
 * keeper counted, so the variance is counted − system when recorded, not when the sheet was opened.
 */
export async function recordCount(ctx: Ctx, id: number, input: { version: number; lines: { lineId: number; countedQty: number; note?: string | null }[] }) {
  const { doc, lines } = await openCount(ctx, id);
  if (doc.status !== 'draft') throw new AppError('count_not_open', { status: doc.status });
  if (doc.version !== input.version) throw new AppError('version_conflict');
  const byId = new Map(lines.map((x) => [x.id, x]));
  const counted = input.lines.map((l, i) => {
    const line = byId.get(l.lineId);
    if (!line) throw new AppError('unknown_line', { lineId: l.lineId });
    return { id: l.lineId, lotId: line.lot_id!, counted_qty: toMilli(l.countedQty, `lines.${i}.countedQty`, { allowZero: true }), note: l.note ?? null };
  });
  const stock = await lotStock(ctx, doc.from_location_id!, counted.map((c) => c.lotId));
  // A line recorded twice in one request keeps its last value, as one update after another would.
  const rows = [...new Map(counted.map((c) => [c.id, { id: c.id, qty: stock.get(c.lotId) ?? 0, counted_qty: c.counted_qty, note: c.note }])).values()];
  await updateEach(ctx.db, 'document_lines', { qty: 'bigint', counted_qty: 'bigint', note: 'text' }, rows);
  const updated = await ctx.db.updateTable('documents').set({ version: doc.version + 1, status: 'pending_approval' }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await audit(ctx, 'record', 'count', id, null, { lines: input.lines.length });
  return documentView(ctx, updated, (await getDocument(ctx, id)).lines);
}

/** A manager approves: variances (counted − system when recorded) post as adjustments. */
export async function approveCount(ctx: Ctx, id: number, note: string | null, version?: number) {
  const { doc, lines } = await openCount(ctx, id);
  if (doc.status !== 'pending_approval') throw new AppError('document_not_pending');
  if (version !== undefined && doc.version !== version) throw new AppError('version_conflict');
  const adjust = await virtualLocation(ctx, 'adjustment');
  const store = doc.from_location_id!;
  await lockLevels(ctx, lines.flatMap((l) => [{ locationId: store, partId: l.part_id! }, { locationId: adjust, partId: l.part_id! }]));
  const moves: MoveSpec[] = [];
  const losing = lines.filter((l) => l.counted_qty !== null && l.counted_qty < l.qty);
  // What the losing lots hold now (read after the locks, all in one query): a loss cannot take more.
  const held = await lotStock(ctx, store, losing.map((l) => l.lot_id!));
  for (const l of lines) {
    if (l.counted_qty === null) continue;
    const variance = l.counted_qty - l.qty;
    if (variance === 0) continue;
    const base = { partId: l.part_id!, lotId: l.lot_id!, unitCost: l.unit_cost!, lineId: l.id, stationId: doc.station_id };
    if (variance > 0) moves.push({ ...base, kind: 'count_gain', from: adjust, to: store, qty: variance });
    else {
      const onHand = held.get(l.lot_id!) ?? 0;
      if (onHand < -variance) {
        const part = await ctx.db.selectFrom('parts').select('code').where('id', '=', l.part_id!).executeTakeFirstOrThrow();
        throw new AppError('insufficient_stock', { partId: l.part_id, partCode: part.code, available: onHand / 1000, requested: -variance / 1000 });
      }
      // Two lines of one lot (not made by counts, but possible) take from the same stock.
      held.set(l.lot_id!, onHand + variance);
      moves.push({ ...base, kind: 'count_loss', from: store, to: adjust, qty: -variance });
    }
  }
  const now = ctx.clock.now();
  await postMoves(ctx, doc.id, moves, now);
  const updated = await ctx.db
    .updateTable('documents')
    .set({ status: 'posted', posted_at: now, decided_by: ctx.actor.id, decided_at: now, decision_note: note, version: doc.version + 1, total_cost: sumValues(moves.map((m) => (m.kind === 'count_gain' ? 1 : -1) * lineValue(m.qty, m.unitCost))) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'approve', 'count', id, { status: doc.status }, { status: 'posted', variances: moves.length });
  return documentView(ctx, updated, lines);
}

/**
 * The keeper drops a draft sheet (opened for the wrong store or parts, or overtaken by a new
 * one): it is cancelled, nothing was counted or moved. A submitted sheet is the manager's
 * (approve or reject).
 */
export async function cancelCount(ctx: Ctx, id: number, version: number) {
  const { doc, lines } = await openCount(ctx, id);
  if (doc.status !== 'draft') throw new AppError('count_not_open', { status: doc.status });
  if (doc.version !== version) throw new AppError('version_conflict');
  const updated = await ctx.db.updateTable('documents').set({ status: 'cancelled', version: doc.version + 1 }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await audit(ctx, 'cancel', 'count', id, { status: doc.status }, { status: 'cancelled' });
  return documentView(ctx, updated, lines);
}

export async function rejectCount(ctx: Ctx, id: number, note: string | null, version?: number) {
  const { doc, lines } = await openCount(ctx, id);
  if (doc.status !== 'pending_approval' && doc.status !== 'draft') throw new AppError('document_not_pending');
  if (version !== undefined && doc.version !== version) throw new AppError('version_conflict');
  const now = ctx.clock.now();
  const updated = await ctx.db.updateTable('documents').set({ status: 'rejected', decided_by: ctx.actor.id, decided_at: now, decision_note: note, version: doc.version + 1 }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await audit(ctx, 'reject', 'count', id, { status: doc.status }, { status: 'rejected' });
  return documentView(ctx, updated, lines);
}
