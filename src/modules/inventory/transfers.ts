import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { updateEach } from '../../platform/db/bulk.js';
import { fromMilli, toMilli, totalValue } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { checkLineCount, documentView, getDocument, insertDocument, loadParts } from './documents.js';
import { assertLinesAvailable, lockForPicking, lockLevels, postMoves, type MoveSpec } from './ledger.js';
import { postDocument } from './posting.js';
import { sumLines } from './ledger.rules.js';
import { partsArrived, stationOf } from './arrivals.js';
import { assertStationScope, getLocation, getStore, virtualLocation } from './locations.js';

/** Sends stock from one store to another (R-INV-14); it sits in transit until received. */
export async function createTransfer(ctx: Ctx, input: { fromLocationId: number; toLocationId: number; remark?: string | null; lines: { partId: number; lotId?: number | null; qty: number }[] }) {
  checkLineCount(input.lines);
  if (input.fromLocationId === input.toLocationId) throw new AppError('same_location');
  const from = await getStore(ctx, input.fromLocationId);
  const to = await getLocation(ctx, input.toLocationId);
  if (!to.is_real) throw new AppError('virtual_location', { code: to.code });
  if (to.kind === 'holding') throw new AppError('wrong_location_kind', { kind: to.kind });
  const transit = await virtualLocation(ctx, 'transit');
  const lines = sumLines(input.lines.map((l, i) => ({ partId: l.partId, lotId: l.lotId ?? null, qty: toMilli(l.qty, `lines.${i}.qty`) })));
  const parts = await loadParts(ctx, lines.map((l) => l.partId));
  const { levels, pick } = await lockForPicking(ctx, lines.flatMap((l) => [{ locationId: from.id, partId: l.partId }, { locationId: transit, partId: l.partId }]), from.id);
  const stationId = to.kind === 'station' ? to.id : to.station_id;
  const moves: MoveSpec[] = [];
  assertLinesAvailable(levels, from.id, lines, (partId) => parts.get(partId)!.code);
  const picked = await pick(lines);
  for (const [i, l] of lines.entries()) {
    const { picks, held } = picked[i]!;
    if (!picks) throw new AppError('insufficient_stock', { partId: l.partId, partCode: parts.get(l.partId)!.code, available: held / 1000, requested: l.qty / 1000 });
    for (const p of picks) moves.push({ kind: 'transfer_out', partId: l.partId, lotId: p.lot_id, from: from.id, to: transit, qty: p.qty, unitCost: p.unit_cost, stationId });
  }
  const now = ctx.clock.now();
  const { doc, lines: rows } = await postDocument(
    ctx,
    { type: 'transfer', status: 'in_transit', from_location_id: from.id, to_location_id: to.id, user_id: null, supplier_id: null, work_order_id: null, reservation_id: null, related_document_id: null, reason: null, remark: input.remark ?? null, station_id: stationId, posted_at: now, total_cost: totalValue(moves) },
    moves,
    { audit: { action: 'post', entity: 'transfer' } },
  );
  return documentView(ctx, doc, rows);
}

/**
 * The receiving store confirms what arrived (配件接收). Received quantities move from transit
 * into the store; differences leave transit to the adjustment location and stay on the lines.
 */
export async function receiveTransfer(ctx: Ctx, id: number, input: { lines: { lineId: number; receivedQty: number; note?: string | null }[]; remark?: string | null }) {
  const { doc, lines } = await getDocument(ctx, id, { forDecision: true });
  if (doc.type !== 'transfer') throw new AppError('not_found');
  const to = await getLocation(ctx, doc.to_location_id!);
  assertStationScope(ctx.actor, to);
  if (doc.status !== 'in_transit') throw new AppError('transfer_not_in_transit');
  const transit = await virtualLocation(ctx, 'transit');
  const adjust = await virtualLocation(ctx, 'adjustment');
  const received = new Map<number, { qty: number; note: string | null }>();
  for (const [i, l] of input.lines.entries()) {
    const line = lines.find((x) => x.id === l.lineId);
    if (!line) throw new AppError('unknown_line', { lineId: l.lineId });
    const qty = toMilli(l.receivedQty, `lines.${i}.receivedQty`, { allowZero: true });
    if (qty > line.qty) throw new AppError('received_exceeds_sent', { lineId: l.lineId });
    received.set(line.id, { qty, note: l.note ?? null });
  }
  // Lines not mentioned arrived in full.
  await lockLevels(ctx, lines.flatMap((l) => [{ locationId: transit, partId: l.part_id! }, { locationId: to.id, partId: l.part_id! }, { locationId: adjust, partId: l.part_id! }]));
  const moves: MoveSpec[] = [];
  const now = ctx.clock.now();
  for (const l of lines) {
    const got = received.get(l.id)?.qty ?? l.qty;
    const base = { partId: l.part_id!, lotId: l.lot_id!, from: transit, unitCost: l.unit_cost!, stationId: doc.station_id, lineId: l.id };
    if (got > 0) moves.push({ ...base, kind: 'transfer_in', to: to.id, qty: got });
    if (l.qty - got > 0) moves.push({ ...base, kind: 'transfer_loss', to: adjust, qty: l.qty - got });
  }
  await updateEach(ctx.db, 'document_lines', { received_qty: 'bigint', note: 'text' }, lines.map((l) => ({ id: l.id, received_qty: received.get(l.id)?.qty ?? l.qty, note: received.get(l.id)?.note ?? l.note })));
  // The receipt (its own slip, R-INV-12) has a line per line sent, with what arrived of it; its
  // moves belong to its lines.
  const arrived = moves.filter((m) => m.kind === 'transfer_in');
  const { doc: receipt, lines: receiptLines } = await insertDocument(
    ctx,
    { type: 'transfer_receipt', status: 'posted', from_location_id: transit, to_location_id: to.id, user_id: null, supplier_id: null, work_order_id: null, reservation_id: null, related_document_id: doc.id, reason: null, remark: input.remark ?? null, station_id: doc.station_id, posted_at: now, total_cost: totalValue(arrived) },
    lines.map((l) => {
      const got = received.get(l.id)?.qty ?? l.qty;
      return { part_id: l.part_id, lot_id: l.lot_id, qty: got, unit_cost: l.unit_cost, sale_price: null, lot_is_new: null, received_qty: got, counted_qty: null, note: got === l.qty ? null : shortNote(l.qty, got, received.get(l.id)?.note) };
    }),
  );
  // By line number (insertDocument numbers them in order), not by the order RETURNING gives.
  const byNo = new Map(receiptLines.map((r) => [r.line_no, r.id]));
  const receiptLineOf = new Map(lines.map((l, i) => [l.id, byNo.get(i + 1)]));
  await postMoves(ctx, receipt.id, moves.map((m) => ({ ...m, lineId: receiptLineOf.get(m.lineId!) })), now);
  await partsArrived(ctx, { number: receipt.number, stationId: stationOf(to), lines: moves.filter((m) => m.kind === 'transfer_in').map((m) => ({ partId: m.partId, qty: m.qty })) });
  const updated = await ctx.db
    .updateTable('documents')
    .set({ status: 'received', related_document_id: receipt.id, version: doc.version + 1 })
    .where('id', '=', doc.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = await getDocument(ctx, doc.id);
  const differences = after.lines.filter((l) => l.received_qty !== l.qty).map((l) => ({ lineId: l.id, partId: l.part_id, sent: l.qty / 1000, received: (l.received_qty ?? 0) / 1000 }));
  await audit(ctx, 'receive', 'transfer', doc.id, { status: 'in_transit' }, { status: 'received', differences });
  return { ...documentView(ctx, updated, after.lines), receiptNumber: receipt.number, differences };
}

/** A receipt line's note when less arrived than was sent: "发出 6，实收 5：破损一件". */
const shortNote = (sent: number, got: number, note: string | null | undefined) => `发出 ${fromMilli(sent)}，实收 ${fromMilli(got)}${note ? `：${note}` : ''}`;
