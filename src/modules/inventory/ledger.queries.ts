// The ledger's read side: stock, holdings, moves, documents. Reads come from balance rows
// (never from summing history) except "as of" a past date, which folds the moves.
import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone, parseInstant } from '../../platform/clock.js';
import { formatFen, formatLineValue, formatMilliFen, fromMilli } from '../../platform/numbers.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { documentView } from './documents.js';
import { isOwnHoldingOnly, isStationScoped, stockScope } from './locations.js';
import type { MovesRow } from './tables.js';

/** A query time: ISO 8601, or a bare day in the installation's zone (`from` starts it, `to`/`asOf` end it). */
function parseTime(ctx: Pick<Ctx, 'timeZone'>, s: string | undefined, field: string, edge: 'start' | 'end' = 'end'): number | undefined {
  if (!s) return undefined;
  const t = parseInstant(s, ctx.timeZone, edge);
  if (Number.isNaN(t)) throw new AppError('invalid_date', { field });
  return t;
}
export { parseTime };

export interface StockQuery {
  partId?: number;
  locationId?: number;
  category?: string;
  asOf?: string;
  groupBy?: 'lot' | 'part';
  limit: number;
  cursor?: string;
}

export interface StockRow {
  partId: number;
  partCode: string;
  partName: string;
  locationId: number;
  lotId: number | null;
  lotNo?: string;
  onHand: number;
  reserved: number;
  available: number;
  value: string;
  unitCost?: string;
  belowAlarm?: boolean;
}

/**
 * Reserved is held per part and store; by lot it is shown on the lots FIFO would pick first
 * (rows in lot order), each lot taking what is left of it up to its own quantity.
 */
function spreadReserved(reserved: Map<string, number>) {
  return (locationId: number, partId: number, onHand: number) => {
    const k = `${locationId}:${partId}`;
    const left = reserved.get(k) ?? 0;
    const take = Math.min(left, onHand);
    reserved.set(k, left - take);
    return take;
  };
}

/**
 * What was reserved at `asOf` per store and part (milli-units), for the stores and parts of a page:
 * reservations open then, less what issues against them had taken by then (an issue releases
 * up to what is open), and requisitions waiting for a manager then (R-INV-5, R-INV-16).
 */
async function reservedAsOf(ctx: Ctx, asOf: number, rows: readonly { location_id: number; part_id: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (rows.length === 0) return out;
  const locations = [...new Set(rows.map((r) => r.location_id))];
  const parts = [...new Set(rows.map((r) => r.part_id))];
  const open = ctx.db
    .selectFrom('reservations as r')
    .innerJoin('reservation_lines as rl', 'rl.reservation_id', 'r.id')
    .select((eb) => [
      'r.location_id',
      'rl.part_id',
      sql<number>`cast(sum(rl.qty) as bigint)`.as('qty'),
      eb
        .selectFrom('documents as d')
        .innerJoin('moves as m', 'm.document_id', 'd.id')
        .select(sql<number>`cast(coalesce(sum(m.qty), 0) as bigint)`.as('taken'))
        .whereRef('d.reservation_id', '=', 'r.id')
        .whereRef('m.part_id', '=', 'rl.part_id')
        .where('m.kind', '=', 'issue')
        .where('m.posted_at', '<=', asOf)
        .as('taken'),
    ])
    .where('r.location_id', 'in', locations)
    .where('rl.part_id', 'in', parts)
    .where('r.created_at', '<=', asOf)
    .where((eb) => eb.or([eb('r.closed_at', 'is', null), eb('r.closed_at', '>', asOf)]))
    .groupBy(['r.id', 'r.location_id', 'rl.part_id']);
  const waiting = ctx.db
    .selectFrom('documents as d')
    .innerJoin('document_lines as dl', 'dl.document_id', 'd.id')
    .select(['d.from_location_id as location_id', 'dl.part_id', sql<number>`cast(sum(dl.qty) as bigint)`.as('qty'), sql<number>`0`.as('taken')])
    .where('d.type', '=', 'issue')
    .where('d.from_location_id', 'in', locations)
    .where('dl.part_id', 'in', parts)
    .where('d.created_at', '<=', asOf)
    .where((eb) => eb.or([eb('d.status', '=', 'pending_approval'), eb('d.decided_at', '>', asOf)]))
    .groupBy(['d.from_location_id', 'dl.part_id'])
    .$narrowType<{ location_id: number; part_id: number }>();
  for (const r of await open.unionAll(waiting).execute()) {
    const k = `${r.location_id}:${r.part_id}`;
    out.set(k, (out.get(k) ?? 0) + Math.max(0, Number(r.qty) - Number(r.taken ?? 0)));
  }
  return out;
}

/** Stock by location, part and lot (R-INV-11): on hand, reserved, available, value. */
export async function listStock(ctx: Ctx, query: StockQuery): Promise<{ items: StockRow[]; nextCursor: string | null }> {
  const asOf = parseTime(ctx, query.asOf, 'asOf');
  const after = decodeCursor(query.cursor, 'nnn');
  const visible = stockScope(ctx.actor);
  const byPart = query.groupBy === 'part';

  // The real locations (in scope) as a literal IN list, not a join or a subquery: both engines then walk the
  // balance table's (location_id, part_id[, lot_id]) index in page order, skip the virtual
  // locations' rows by seeking, and stop after limit + 1 rows. A join makes SQLite sort every
  // balance, and PostgreSQL merge-join through the virtual rows (1.7 s / 0.4 s → ms at 1M moves).
  let realQ = ctx.db.selectFrom('locations as l').select('l.id').where('l.is_real', '=', 1);
  if (visible) realQ = realQ.where(visible);
  if (query.locationId) realQ = realQ.where('l.id', '=', query.locationId);
  const real = (await realQ.orderBy('l.id').execute()).map((l) => l.id);
  if (real.length === 0) return { items: [], nextCursor: null };

  if (asOf !== undefined) {
    // Fold the ledger up to asOf (+ moves in, − moves out) per real location and lot, then name
    // the groups: joining parts and lots after the fold, not to each of the moves before it.
    const signed = ctx.db
      .selectFrom('moves')
      .select(['to_location_id as location_id', 'part_id', 'lot_id', 'qty', 'unit_cost'])
      .where('posted_at', '<=', asOf)
      .where('to_location_id', 'in', real)
      .unionAll(ctx.db.selectFrom('moves').select(['from_location_id as location_id', 'part_id', 'lot_id', sql<number>`-qty`.as('qty'), 'unit_cost']).where('posted_at', '<=', asOf).where('from_location_id', 'in', real));
    let folded = ctx.db
      .selectFrom(signed.as('m'))
      .select(['m.location_id', 'm.part_id', byPart ? sql<number>`0`.as('lot_id') : 'm.lot_id', sql<number>`cast(sum(m.qty) as bigint)`.as('on_hand'), sql<number>`cast(sum(m.qty * m.unit_cost) as bigint)`.as('value')])
      .groupBy(byPart ? ['m.location_id', 'm.part_id'] : ['m.location_id', 'm.part_id', 'm.lot_id'])
      .having(sql`sum(m.qty)`, '<>', 0);
    if (query.partId) folded = folded.where('m.part_id', '=', query.partId);
    if (after) folded = folded.having(sql`(m.location_id, m.part_id, ${sql.raw(byPart ? '0' : 'm.lot_id')})`, '>', sql`(${after[0]}, ${after[1]}, ${after[2]})`);
    let q = ctx.db
      .selectFrom(folded.as('f'))
      .innerJoin('parts as p', 'p.id', 'f.part_id')
      .leftJoin('lots as t', 't.id', 'f.lot_id')
      .select(['f.location_id', 'f.part_id', 'f.lot_id', 'f.on_hand', 'f.value', 't.lot_no', 't.unit_cost', 'p.code', 'p.name', 'p.alarm_qty']);
    if (query.category) q = q.where('p.category', '=', query.category);
    const rows = await q.orderBy('f.location_id').orderBy('f.part_id').orderBy('f.lot_id').limit(query.limit + 1).execute();
    const spread = spreadReserved(await reservedAsOf(ctx, asOf, rows.slice(0, query.limit)));
    return toPage(
      rows,
      query.limit,
      (r) => {
        const onHand = Number(r.on_hand);
        const reserved = spread(r.location_id, r.part_id, onHand);
        const lot = byPart ? {} : { lotNo: r.lot_no ?? undefined, unitCost: formatFen(Number(r.unit_cost)) };
        return { partId: r.part_id, partCode: r.code, partName: r.name, locationId: r.location_id, lotId: byPart ? null : r.lot_id, ...lot, onHand: fromMilli(onHand), reserved: fromMilli(reserved), available: fromMilli(onHand - reserved), value: formatMilliFen(Number(r.value)), belowAlarm: r.alarm_qty != null && onHand - reserved < r.alarm_qty };
      },
      (r) => [r.location_id, r.part_id, byPart ? 0 : r.lot_id],
    );
  }


  if (byPart) {
    let q = ctx.db
      .selectFrom('stock_levels as s')
      .innerJoin('parts as p', 'p.id', 's.part_id')
      .select(['s.location_id', 's.part_id', 's.on_hand', 's.reserved', 's.value', 'p.alarm_qty', 'p.code', 'p.name'])
      .where('s.location_id', 'in', real)
      .where((eb) => eb.or([eb('s.on_hand', '<>', 0), eb('s.reserved', '<>', 0)]));
    if (query.partId) q = q.where('s.part_id', '=', query.partId);
    if (query.category) q = q.where('p.category', '=', query.category);
    if (after) q = q.where(sql<boolean>`(s.location_id, s.part_id) > (${after[0]}, ${after[1]})`);
    const rows = await q.orderBy('s.location_id').orderBy('s.part_id').limit(query.limit + 1).execute();
    return toPage(
      rows,
      query.limit,
      (r) => ({ partId: r.part_id, partCode: r.code, partName: r.name, locationId: r.location_id, lotId: null, onHand: fromMilli(r.on_hand), reserved: fromMilli(r.reserved), available: fromMilli(r.on_hand - r.reserved), value: formatMilliFen(r.value), belowAlarm: r.alarm_qty != null && r.on_hand - r.reserved < r.alarm_qty }),
      (r) => [r.location_id, r.part_id, 0],
    );
  }

  let q = ctx.db
    .selectFrom('lot_balances as b')
    .innerJoin('lots as t', 't.id', 'b.lot_id')
    .innerJoin('stock_levels as s', (j) => j.onRef('s.location_id', '=', 'b.location_id').onRef('s.part_id', '=', 'b.part_id'))
    .innerJoin('parts as p', 'p.id', 'b.part_id')
    .select(['b.location_id', 'b.part_id', 'b.lot_id', 'b.on_hand', 't.unit_cost', 't.lot_no', 's.reserved', 'p.code', 'p.name'])
    .where('b.location_id', 'in', real)
    .where('b.on_hand', '<>', 0);
  if (query.partId) q = q.where('b.part_id', '=', query.partId);
  if (query.category) q = q.where('p.category', '=', query.category);
  if (after) q = q.where(sql<boolean>`(b.location_id, b.part_id, b.lot_id) > (${after[0]}, ${after[1]}, ${after[2]})`);
  const rows = await q.orderBy('b.location_id').orderBy('b.part_id').orderBy('b.lot_id').limit(query.limit + 1).execute();
  const spread = spreadReserved(new Map(rows.map((r) => [`${r.location_id}:${r.part_id}`, r.reserved])));
  return toPage(
    rows,
    query.limit,
    (r) => {
      const res = spread(r.location_id, r.part_id, r.on_hand);
      return { partId: r.part_id, partCode: r.code, partName: r.name, locationId: r.location_id, lotId: r.lot_id, lotNo: r.lot_no, onHand: fromMilli(r.on_hand), reserved: fromMilli(res), available: fromMilli(r.on_hand - res), value: formatLineValue(r.on_hand, r.unit_cost), unitCost: formatFen(r.unit_cost) };
    },
    (r) => [r.location_id, r.part_id, r.lot_id],
  );
}

/** What each employee holds, by lot and value (R-INV-9). */
export async function listHoldings(ctx: Ctx, query: { userId?: number; partId?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'nnn');
  let q = ctx.db
    .selectFrom('lot_balances as b')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .innerJoin('lots as t', 't.id', 'b.lot_id')
    .innerJoin('parts as p', 'p.id', 'b.part_id')
    .select(['l.user_id', 'l.station_id', 'b.part_id', 'b.lot_id', 'b.on_hand', 't.unit_cost', 't.lot_no', 'p.code', 'p.name', 'p.spec', 'p.unit'])
    .where('l.kind', '=', 'holding')
    .where('b.on_hand', '>', 0);
  if (isOwnHoldingOnly(ctx.actor)) {
    if (query.userId !== undefined && query.userId !== ctx.actor.id) throw new AppError('own_holding_only');
    q = q.where('l.user_id', '=', ctx.actor.id);
  } else if (query.userId !== undefined) q = q.where('l.user_id', '=', query.userId);
  if (isStationScoped(ctx.actor)) q = q.where('l.station_id', '=', ctx.actor.stationId);
  if (query.partId) q = q.where('b.part_id', '=', query.partId);
  if (after) q = q.where(sql<boolean>`(l.user_id, b.part_id, b.lot_id) > (${after[0]}, ${after[1]}, ${after[2]})`);
  const rows = await q.orderBy('l.user_id').orderBy('b.part_id').orderBy('b.lot_id').limit(query.limit + 1).execute();
  return toPage(
    rows,
    query.limit,
    (r) => ({ userId: r.user_id!, partId: r.part_id, partCode: r.code, partName: r.name, spec: r.spec, unit: r.unit, lotId: r.lot_id, lotNo: r.lot_no, qty: fromMilli(r.on_hand), unitCost: formatFen(r.unit_cost), value: formatLineValue(r.on_hand, r.unit_cost) }),
    (r) => [r.user_id, r.part_id, r.lot_id],
  );
}

/** A move as the API shows it (GET /moves, and the counter-move of POST /moves/:id/reverse). */
export function moveView(ctx: Pick<Ctx, 'timeZone'>, m: Omit<MovesRow, 'line_id' | 'sale_price' | 'station_id'>) {
  return { id: m.id, documentId: m.document_id, kind: m.kind, partId: m.part_id, lotId: m.lot_id, fromLocationId: m.from_location_id, toLocationId: m.to_location_id, qty: fromMilli(m.qty), unitCost: formatFen(m.unit_cost), userId: m.user_id, workOrderId: m.work_order_id, reversesMoveId: m.reverses_move_id, postedAt: isoInZone(m.posted_at, ctx.timeZone), postedBy: m.posted_by };
}

/** The ledger itself, newest first. */
export async function listMoves(ctx: Ctx, query: { partId?: number; locationId?: number; documentId?: number; workOrderId?: number; from?: string; to?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  const from = parseTime(ctx, query.from, 'from', 'start');
  const to = parseTime(ctx, query.to, 'to');
  let q = ctx.db.selectFrom('moves as m').selectAll('m');
  if (query.partId) q = q.where('m.part_id', '=', query.partId);
  if (query.locationId) q = q.where((eb) => eb.or([eb('m.from_location_id', '=', query.locationId!), eb('m.to_location_id', '=', query.locationId!)]));
  if (query.documentId) q = q.where('m.document_id', '=', query.documentId);
  if (query.workOrderId) q = q.where('m.work_order_id', '=', query.workOrderId);
  if (from !== undefined) q = q.where('m.posted_at', '>=', from);
  if (to !== undefined) q = q.where('m.posted_at', '<=', to);
  if (isStationScoped(ctx.actor)) {
    const s = ctx.actor.stationId;
    q = q.where((eb) =>
      eb.or([
        eb('m.station_id', '=', s),
        eb.exists(eb.selectFrom('locations as l').select('l.id').where((e2) => e2.or([e2('l.id', '=', e2.ref('m.from_location_id')), e2('l.id', '=', e2.ref('m.to_location_id'))])).where((e2) => e2.or([e2('l.id', '=', s), e2('l.station_id', '=', s)]))),
      ]),
    );
  }
  if (isOwnHoldingOnly(ctx.actor)) q = q.where('m.user_id', '=', ctx.actor.id);
  if (after) q = q.where('m.id', '<', Number(after[0]));
  const rows = await q.orderBy('m.id', 'desc').limit(query.limit + 1).execute();
  return toPage(
    rows,
    query.limit,
    (m) => moveView(ctx, m),
    (m) => [m.id],
  );
}

function documentScope(ctx: Ctx, d: { station_id: number | null; user_id: number | null; created_by: number }): boolean {
  if (isStationScoped(ctx.actor) && d.station_id !== ctx.actor.stationId) return false;
  if (isOwnHoldingOnly(ctx.actor) && d.user_id !== ctx.actor.id && d.created_by !== ctx.actor.id) return false;
  return true;
}

export async function listDocuments(ctx: Ctx, query: { type?: string; status?: string; q?: string; userId?: number; from?: string; to?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  const from = parseTime(ctx, query.from, 'from', 'start');
  const to = parseTime(ctx, query.to, 'to');
  let q = ctx.db.selectFrom('documents').selectAll();
  if (query.type) q = q.where('type', '=', query.type as never);
  if (query.status) q = q.where('status', '=', query.status as never);
  if (query.userId) q = q.where('user_id', '=', query.userId);
  if (query.q) q = q.where('number', 'like', `%${query.q.replace(/[\\%_]/g, '')}%`);
  if (from !== undefined) q = q.where('created_at', '>=', from);
  if (to !== undefined) q = q.where('created_at', '<=', to);
  if (isStationScoped(ctx.actor)) q = q.where('station_id', '=', ctx.actor.stationId);
  if (isOwnHoldingOnly(ctx.actor)) q = q.where((eb) => eb.or([eb('user_id', '=', ctx.actor.id), eb('created_by', '=', ctx.actor.id)]));
  if (after) q = q.where('id', '<', Number(after[0]));
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1).execute();
  // Lines come with the page (one query): approvals and receiving screens show them in the list.
  const ids = rows.slice(0, query.limit).map((d) => d.id);
  const lines = ids.length ? await linesWithParts(ctx).where('l.document_id', 'in', ids).orderBy('l.line_no').orderBy('l.id').execute() : [];
  const byDoc = new Map<number, typeof lines>();
  for (const l of lines) byDoc.set(l.document_id, [...(byDoc.get(l.document_id) ?? []), l]);
  return toPage(rows, query.limit, (d) => documentView(ctx, d, byDoc.get(d.id) ?? []), (d) => [d.id]);
}

/** Document lines with the code, name and unit of their part (one join, so lists need no per-row lookups). */
function linesWithParts(ctx: Ctx) {
  return ctx.db
    .selectFrom('document_lines as l')
    .leftJoin('parts as p', 'p.id', 'l.part_id')
    .selectAll('l')
    .select(['p.code as part_code', 'p.name as part_name', 'p.unit as part_unit']);
}

/** One document with its lines and remark history; out-of-scope documents look missing. */
export async function readDocument(ctx: Ctx, id: number) {
  const doc = await ctx.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!doc) throw new AppError('not_found');
  if (!documentScope(ctx, doc)) throw new AppError('not_found');
  const lines = await linesWithParts(ctx).where('l.document_id', '=', id).orderBy('l.line_no').orderBy('l.id').execute();
  const remarks = await ctx.db.selectFrom('document_remarks').selectAll().where('document_id', '=', id).orderBy('id').execute();
  return {
    ...documentView(ctx, doc, lines),
    remarkHistory: remarks.map((r) => ({ remark: r.remark, previous: r.previous, changedBy: r.changed_by, changedAt: isoInZone(r.changed_at, ctx.timeZone) })),
  };
}
