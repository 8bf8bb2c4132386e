import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../auth/audit.js';
import { insertDocument } from './documents.js';
import { lockLevels, postMoves } from './ledger.js';
import { moveView } from './ledger.queries.js';
import { assertStationScope, getLocation, isStationScoped, virtualLocation } from './locations.js';

/**
 * Undoes a posted move by a counter-move of the same lot, qty and cost (R-INV-13). The move
 * itself is never touched; a move can be reversed once, and a reversal not at all.
 */
export async function reverseMove(ctx: Ctx, moveId: number, reason: string) {
  const move = await ctx.db.selectFrom('moves').selectAll().where('id', '=', moveId).executeTakeFirst();
  if (!move) throw new AppError('not_found');
  if (isStationScoped(ctx.actor)) {
    const [a, b] = await Promise.all([getLocation(ctx, move.from_location_id), getLocation(ctx, move.to_location_id)]);
    if (!a.is_real || a.station_id !== ctx.actor.stationId) assertStationScope(ctx.actor, b);
    else assertStationScope(ctx.actor, a);
  }
  if (move.reverses_move_id !== null) throw new AppError('move_is_reversal');
  const levels = await lockLevels(ctx, [
    { locationId: move.from_location_id, partId: move.part_id },
    { locationId: move.to_location_id, partId: move.part_id },
  ]);
  const done = await ctx.db.selectFrom('moves').select('id').where('reverses_move_id', '=', moveId).executeTakeFirst();
  if (done) throw new AppError('move_already_reversed');
  const dest = await getLocation(ctx, move.to_location_id);
  // Transit is virtual but passes stock on: once a transfer is received the goods have left it,
  // so undoing its send would mint stock at both ends. Reverse the receipt first (R-INV-13, R-INV-14).
  const viaTransit = dest.id === (await virtualLocation(ctx, 'transit'));
  if (viaTransit) {
    const d = await ctx.db.selectFrom('documents').select('status').where('id', '=', move.document_id).executeTakeFirstOrThrow();
    if (d.status === 'in_transit') throw new AppError('transfer_in_transit');
  }
  if (dest.is_real || viaTransit) {
    const lot = await ctx.db.selectFrom('lot_balances').select('on_hand').where('location_id', '=', dest.id).where('lot_id', '=', move.lot_id).executeTakeFirst();
    const lv = levels.get(`${dest.id}:${move.part_id}`);
    const avail = Math.min(lot?.on_hand ?? 0, lv ? lv.on_hand - lv.reserved : 0);
    if (avail < move.qty) {
      const part = await ctx.db.selectFrom('parts').select('code').where('id', '=', move.part_id).executeTakeFirstOrThrow();
      throw new AppError('insufficient_stock', { partId: move.part_id, partCode: part.code, locationId: dest.id, available: avail / 1000, requested: move.qty / 1000 });
    }
  }
  const now = ctx.clock.now();
  const { doc } = await insertDocument(
    ctx,
    { type: 'reversal', status: 'posted', from_location_id: move.to_location_id, to_location_id: move.from_location_id, user_id: move.user_id, supplier_id: null, work_order_id: move.work_order_id, reservation_id: null, related_document_id: move.document_id, reason, remark: null, station_id: move.station_id, posted_at: now, total_cost: -move.qty * move.unit_cost },
    [{ part_id: move.part_id, lot_id: move.lot_id, qty: move.qty, unit_cost: move.unit_cost, sale_price: move.sale_price, lot_is_new: null, received_qty: null, counted_qty: null, note: null }],
  );
  const [id] = await postMoves(
    ctx,
    doc.id,
    [{ kind: move.kind, partId: move.part_id, lotId: move.lot_id, from: move.to_location_id, to: move.from_location_id, qty: move.qty, unitCost: move.unit_cost, salePrice: move.sale_price, userId: move.user_id, workOrderId: move.work_order_id, stationId: move.station_id, reversesMoveId: move.id }],
    now,
  );
  await audit(ctx, 'reverse', 'move', move.id, null, { reversal: id, document: doc.number, reason });
  const counter = { ...move, id: id!, document_id: doc.id, from_location_id: move.to_location_id, to_location_id: move.from_location_id, reverses_move_id: move.id, posted_at: now, posted_by: ctx.actor.id };
  return { ...moveView(ctx, counter), documentNumber: doc.number };
}

/** Edits a posted document's remark; every change is kept in document_remarks (R-INV-13). */
export async function editRemark(ctx: Ctx, documentId: number, remark: string | null, version: number) {
  const doc = await ctx.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!doc) throw new AppError('not_found');
  if (isStationScoped(ctx.actor) && doc.station_id !== ctx.actor.stationId) throw new AppError('not_found');
  if (doc.version !== version) throw new AppError('version_conflict', { current: doc.version });
  const updated = await ctx.db
    .updateTable('documents')
    .set({ remark, version: version + 1 })
    .where('id', '=', documentId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new AppError('version_conflict');
  await ctx.db.insertInto('document_remarks').values({ document_id: documentId, remark, previous: doc.remark, changed_by: ctx.actor.id, changed_at: ctx.clock.now() }).execute();
  await audit(ctx, 'edit_remark', 'document', documentId, { remark: doc.remark }, { remark });
  return updated;
}
