import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { toMilli, totalValue } from '../../platform/numbers.js';
import { assertWorkOrderRef, checkLineCount, documentView, loadParts } from './documents.js';
import { lockForPicking, type MoveSpec } from './ledger.js';
import { postDocument } from './posting.js';
import { sumLines } from './ledger.rules.js';
import { assertStationScope, getStore, isOwnHoldingOnly, virtualLocation } from './locations.js';
import type { MoveKind } from './tables.js';

interface HoldingLine {
  partId: number;
  lotId?: number | null;
  qty: number;
}

/** The holding of an employee the actor may act on: technicians only their own (R-PLT-1). */
async function holdingOf(ctx: Ctx, userId: number) {
  if (isOwnHoldingOnly(ctx.actor) && userId !== ctx.actor.id) throw new AppError('own_holding_only');
  const loc = await ctx.db.selectFrom('locations').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!loc) {
    const u = await ctx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!u) throw new AppError('unknown_user', { userId });
    return null; // a user who never held anything
  }
  assertStationScope(ctx.actor, loc);
  return loc;
}

async function moveFromHolding(
  ctx: Ctx,
  kind: MoveKind,
  userId: number,
  to: number,
  rawLines: readonly HoldingLine[],
  doc: { type: 'return' | 'write_off'; reason: string | null; workOrderId: number | null; remark: string | null },
) {
  checkLineCount(rawLines);
  const lines = sumLines(rawLines.map((l, i) => ({ partId: l.partId, lotId: l.lotId ?? null, qty: toMilli(l.qty, `lines.${i}.qty`) })));
  const holding = await holdingOf(ctx, userId);
  const parts = await loadParts(ctx, lines.map((l) => l.partId), { allowArchived: true });
  if (!holding) {
    const l = lines[0]!;
    throw new AppError('insufficient_holding', { partId: l.partId, partCode: parts.get(l.partId)!.code, held: 0, requested: l.qty / 1000 });
  }
  const { pick } = await lockForPicking(ctx, lines.flatMap((l) => [{ locationId: holding.id, partId: l.partId }, { locationId: to, partId: l.partId }]), holding.id);
  const moves: MoveSpec[] = [];
  const picked = await pick(lines);
  for (const [i, l] of lines.entries()) {
    const { picks, held } = picked[i]!;
    if (!picks) throw new AppError('insufficient_holding', { partId: l.partId, partCode: parts.get(l.partId)!.code, held: held / 1000, requested: l.qty / 1000 });
    for (const p of picks) {
      moves.push({ kind, partId: l.partId, lotId: p.lot_id, from: holding.id, to, qty: p.qty, unitCost: p.unit_cost, salePrice: parts.get(l.partId)!.sale_price, userId, workOrderId: doc.workOrderId, stationId: holding.station_id });
    }
  }
  const now = ctx.clock.now();
  const { doc: row, lines: rows } = await postDocument(
    ctx,
    {
      type: doc.type,
      status: 'posted',
      from_location_id: holding.id,
      to_location_id: to,
      user_id: userId,
      supplier_id: null,
      work_order_id: doc.workOrderId,
      reservation_id: null,
      related_document_id: null,
      reason: doc.reason,
      remark: doc.remark,
      station_id: holding.station_id,
      posted_at: now,
      total_cost: totalValue(moves),
    },
    moves,
    { audit: { action: 'post', entity: doc.type, after: { lines: moves.length } } },
  );
  return documentView(ctx, row, rows);
}

/** Parts go back from an employee to a store, lot and cost preserved (R-INV-7). */
export async function returnParts(ctx: Ctx, input: { fromUserId: number; toLocationId: number; remark?: string | null; lines: HoldingLine[] }) {
  const store = await getStore(ctx, input.toLocationId);
  return moveFromHolding(ctx, 'return', input.fromUserId, store.id, input.lines, { type: 'return', reason: null, workOrderId: null, remark: input.remark ?? null });
}

/** Consumed (against a work order) or scrapped, any quantity, many lines at once (R-INV-8). */
export async function writeOff(ctx: Ctx, input: { userId: number; reason: 'consumed' | 'scrapped'; workOrderId?: number | null; remark?: string | null; lines: HoldingLine[] }) {
  await assertWorkOrderRef(ctx, input.workOrderId);
  const to = await virtualLocation(ctx, input.reason === 'consumed' ? 'consumed' : 'scrap');
  return moveFromHolding(ctx, input.reason === 'consumed' ? 'consume' : 'scrap', input.userId, to, input.lines, {
    type: 'write_off',
    reason: input.reason,
    workOrderId: input.workOrderId ?? null,
    remark: input.remark ?? null,
  });
}
