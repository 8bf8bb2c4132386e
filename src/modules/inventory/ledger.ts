/**
 * The ledger's write side: every stock change goes through postMoves inside the caller's
 * transaction, after lockLevels has locked the touched (location, part) rows in key order.
 * Moves are inserted, never updated or deleted; balances follow in the same transaction.
 */
import { sql, type Insertable, type QueryCreator } from 'kysely';
import type { Ctx, Database } from '../../db.js';
import { prepared } from '../../platform/db/prepared.js';
import { AppError } from '../../platform/errors.js';
import { yearInZone } from '../../platform/clock.js';
import { exactValue, lineValue } from '../../platform/numbers.js';
import { formatNumber, pickLots, type LotStock } from './ledger.rules.js';
import type { LotBalancesTable, MoveKind, MovesTable, StockLevelsRow, StockLevelsTable } from './tables.js';

export interface LevelKey {
  locationId: number;
  partId: number;
}
export type Levels = Map<string, StockLevelsRow>;
export const levelKey = (locationId: number, partId: number) => `${locationId}:${partId}`;

const levelsForUpdate = prepared((db, ks: LevelKey[], dialect) => {
  const q = db
    .selectFrom('stock_levels')
    .selectAll()
    .where((eb) => eb.or(ks.map((k) => eb.and([eb('location_id', '=', k.locationId), eb('part_id', '=', k.partId)]))))
    .orderBy('location_id')
    .orderBy('part_id');
  return dialect === 'postgres' ? q.forUpdate() : q;
});

/**
 * Makes sure the stock_levels rows exist and locks them in (location, part) order, so two
 * transactions touching the same rows always queue instead of deadlocking.
 */
export async function lockLevels(ctx: Ctx, keys: readonly LevelKey[]): Promise<Levels> {
  const sorted = sortedKeys(keys);
  if (sorted.length === 0) return new Map();
  const select = (ks: LevelKey[]) => levelsForUpdate(ctx.db, ks);
  const rows = await select(sorted);
  if (rows.length < sorted.length) {
    // First stock of a part at a location: make the rows, then lock them too. (On PostgreSQL
    // this can lock out of key order once per new pair; a deadlock there is retried.)
    const have = new Set(rows.map((r) => levelKey(r.location_id, r.part_id)));
    const missing = sorted.filter((k) => !have.has(levelKey(k.locationId, k.partId)));
    await ctx.db
      .insertInto('stock_levels')
      .values(missing.map((k) => ({ location_id: k.locationId, part_id: k.partId, on_hand: 0, reserved: 0, value: 0 })))
      .onConflict((oc) => oc.columns(['location_id', 'part_id']).doNothing())
      .execute();
    rows.push(...(await select(missing)));
  }
  return new Map(rows.map((r) => [levelKey(r.location_id, r.part_id), r]));
}

/** The keys once each, in the (location, part) order rows are locked in. */
export function sortedKeys(keys: readonly LevelKey[]): LevelKey[] {
  const uniq = new Map<string, LevelKey>();
  for (const k of keys) uniq.set(levelKey(k.locationId, k.partId), k);
  return [...uniq.values()].sort((a, b) => a.locationId - b.locationId || a.partId - b.partId);
}

interface LockedRow {
  kind: number;
  location_id: number;
  part_id: number;
  lot_id: number | null;
  on_hand: number;
  reserved: number | null;
  value: number | null;
}

/**
 * lockLevels, for a document that then picks lots at one location: `pick` picks them from the lots
 * read after the locks are held. On PostgreSQL the locks and the lots are one round trip
 * (migration 0009's function; docs/decisions/0014-lock-and-read-in-one-round-trip.md), which
 * shortens the time a hot part's row stays locked; on SQLite `pick` reads the lots itself.
 */
export async function lockForPicking(ctx: Ctx, keys: readonly LevelKey[], pickAt: number): Promise<{ levels: Levels; pick: (lines: readonly PickLine[]) => Promise<Picked> }> {
  const reading = { pick: (lines: readonly PickLine[]) => pickLines(ctx, pickAt, lines) };
  const sorted = sortedKeys(keys);
  if (ctx.dialect !== 'postgres' || sorted.length === 0) return { levels: await lockLevels(ctx, keys), ...reading };
  const partIds = [...new Set(sorted.filter((k) => k.locationId === pickAt).map((k) => k.partId))];
  const { rows } = await sql<LockedRow>`select * from aftersales_lock_levels(${sorted.map((k) => k.locationId)}::bigint[], ${sorted.map((k) => k.partId)}::bigint[], ${pickAt}, ${partIds}::bigint[])`.execute(ctx.db);
  const levelRows = rows.filter((r) => r.kind === 0);
  if (levelRows.length !== sorted.length) throw new Error(`aftersales_lock_levels returned ${levelRows.length} of ${sorted.length} rows`);
  const levels: Levels = new Map(levelRows.map((r) => [levelKey(r.location_id, r.part_id), { location_id: r.location_id, part_id: r.part_id, on_hand: r.on_hand, reserved: r.reserved!, value: r.value! }]));
  const lots = rows.filter((r) => r.kind === 1).map((r) => ({ part_id: r.part_id, lot_id: r.lot_id!, on_hand: r.on_hand, unit_cost: r.value! }));
  return { levels, pick: async (lines) => pickFrom(lots, lines) };
}

/**
 * The lots with stock of some parts at a location, oldest first per part (FIFO, R-FIN-1).
 * aftersales_lock_levels and aftersales_post (migrations 0009, 0010) repeat this filter and order.
 */
export const lotsOfPartsQuery = (db: QueryCreator<Database>, p: { locationId: number; partIds: number[] }) =>
  db
    .selectFrom('lot_balances as b')
    .innerJoin('lots as l', 'l.id', 'b.lot_id')
    .select(['b.part_id', 'b.lot_id', 'b.on_hand', 'l.unit_cost'])
    .where('b.location_id', '=', p.locationId)
    .where('b.part_id', 'in', p.partIds)
    .where('b.on_hand', '>', 0)
    .orderBy('b.part_id')
    .orderBy('l.received_at')
    .orderBy('l.id');
const lotsOfParts = prepared(lotsOfPartsQuery);

export interface PickLine {
  partId: number;
  lotId?: number | null;
  qty: number;
}

/**
 * Picks lots at a location for a document's lines, the lots read once for all of them. Lines
 * naming a lot go first, then the FIFO lines take from what those left, so two lines of one
 * part never take the same stock twice. Per line, in the given order: its picks (null when
 * short) and what it could take when its turn came.
 */
export async function pickLines(ctx: Ctx, locationId: number, lines: readonly PickLine[]): Promise<Picked> {
  if (lines.length === 0) return [];
  return pickFrom(await lotsOfParts(ctx.db, { locationId, partIds: [...new Set(lines.map((l) => l.partId))] }), lines);
}

export type Picked = { picks: ReturnType<typeof pickLots>; held: number }[];

/** A lot with stock of a part at a location, as lotsOfPartsQuery reads it. */
export type PartLot = LotStock & { part_id: number };

/** pickLines over lots already read (oldest first per part). */
export function pickFrom(rows: readonly PartLot[], lines: readonly PickLine[]): Picked {
  const byPart = new Map<number, LotStock[]>();
  for (const r of rows) {
    let lots = byPart.get(r.part_id);
    if (!lots) byPart.set(r.part_id, (lots = []));
    lots.push({ lot_id: r.lot_id, on_hand: r.on_hand, unit_cost: r.unit_cost });
  }
  const order = lines.map((_, i) => i).sort((a, b) => Number(lines[a]!.lotId == null) - Number(lines[b]!.lotId == null));
  const out: Picked = [];
  for (const i of order) {
    const l = lines[i]!;
    const lots = byPart.get(l.partId) ?? [];
    const candidates = l.lotId == null ? lots : lots.filter((x) => x.lot_id === l.lotId);
    const held = candidates.reduce((s, x) => s + x.on_hand, 0);
    const picks = pickLots(candidates, l.qty);
    for (const p of picks ?? []) candidates.find((x) => x.lot_id === p.lot_id)!.on_hand -= p.qty;
    out[i] = { picks, held };
  }
  return out;
}

export interface MoveSpec {
  kind: MoveKind;
  partId: number;
  lotId: number;
  from: number;
  to: number;
  qty: number;
  unitCost: number;
  salePrice?: number | null;
  lineId?: number | null;
  userId?: number | null;
  workOrderId?: number | null;
  stationId?: number | null;
  reversesMoveId?: number | null;
}

/** The moves table's row of a move, but for its document and line. */
export function moveRow(ctx: Ctx, m: MoveSpec, postedAt: number) {
  return {
    kind: m.kind,
    part_id: m.partId,
    lot_id: m.lotId,
    from_location_id: m.from,
    to_location_id: m.to,
    qty: m.qty,
    unit_cost: m.unitCost,
    sale_price: m.salePrice ?? null,
    user_id: m.userId ?? null,
    work_order_id: m.workOrderId ?? null,
    station_id: m.stationId ?? null,
    reverses_move_id: m.reversesMoveId ?? null,
    posted_at: postedAt,
    posted_by: ctx.actor.id,
  };
}

/** Inserts the moves of a document and applies them to lot and part balances. */
export async function postMoves(ctx: Ctx, documentId: number, moves: readonly MoveSpec[], postedAt: number): Promise<number[]> {
  if (moves.length === 0) return [];
  const moveRows = moves.map((m) => ({ document_id: documentId, line_id: m.lineId ?? null, ...moveRow(ctx, m, postedAt) }));
  const { lots, levels } = balanceDeltas(moves);
  if (ctx.dialect === 'postgres' && lots.length > 0 && levels.length > 0) {
    // One round trip instead of three while the parts' level rows are locked: the hot part's
    // lock is held for fewer network waits (data-modifying CTEs; each touches its own table).
    const rows = await movesAndBalances(ctx.db, { moves: moveRows, lots, levels });
    return rows.map((r) => r.id);
  }
  const inserted = await insertMoves(ctx.db, moveRows);
  if (lots.length > 0) await upsertLotBalances(ctx.db, lots);
  if (levels.length > 0) await upsertStockLevels(ctx.db, levels);
  return inserted.map((r) => r.id);
}

export const lotUpsert = (qc: QueryCreator<Database>, rows: Insertable<LotBalancesTable>[]) =>
  qc
    .insertInto('lot_balances')
    .values(rows)
    .onConflict((oc) => oc.columns(['location_id', 'lot_id']).doUpdateSet((eb) => ({ on_hand: eb('lot_balances.on_hand', '+', eb.ref('excluded.on_hand')) })));
export const levelUpsert = (qc: QueryCreator<Database>, rows: Insertable<StockLevelsTable>[]) =>
  qc
    .insertInto('stock_levels')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['location_id', 'part_id']).doUpdateSet((eb) => ({
        on_hand: eb('stock_levels.on_hand', '+', eb.ref('excluded.on_hand')),
        value: eb('stock_levels.value', '+', eb.ref('excluded.value')),
      })),
    );
const insertMoves = prepared((db, rows: Insertable<MovesTable>[]) => db.insertInto('moves').values(rows).returning('id'));
const upsertLotBalances = prepared(lotUpsert);
const upsertStockLevels = prepared(levelUpsert);
const movesAndBalances = prepared((db, p: { moves: Insertable<MovesTable>[]; lots: Insertable<LotBalancesTable>[]; levels: Insertable<StockLevelsTable>[] }) =>
  db
    .with('m', (qc) => qc.insertInto('moves').values(p.moves).returning('id'))
    .with('lb', (qc) => lotUpsert(qc as unknown as QueryCreator<Database>, p.lots).returning('lot_balances.lot_id'))
    .with('sl', (qc) => levelUpsert(qc as unknown as QueryCreator<Database>, p.levels).returning('stock_levels.part_id'))
    .selectFrom('m')
    .select('id')
    .orderBy('id'),
);

/** What a set of moves does to lot and part balances, per row touched, in key order. */
export function balanceDeltas(moves: readonly MoveSpec[]) {
  const lotDelta = new Map<string, { location_id: number; lot_id: number; part_id: number; on_hand: number }>();
  const levelDelta = new Map<string, { location_id: number; part_id: number; on_hand: number; value: number }>();
  const add = (loc: number, m: MoveSpec, sign: 1 | -1) => {
    const lk = `${loc}:${m.lotId}`;
    const l = lotDelta.get(lk) ?? { location_id: loc, lot_id: m.lotId, part_id: m.partId, on_hand: 0 };
    l.on_hand += sign * m.qty;
    lotDelta.set(lk, l);
    const pk = levelKey(loc, m.partId);
    const p = levelDelta.get(pk) ?? { location_id: loc, part_id: m.partId, on_hand: 0, value: 0 };
    p.on_hand += sign * m.qty;
    p.value += sign * lineValue(m.qty, m.unitCost);
    levelDelta.set(pk, p);
  };
  for (const m of moves) {
    add(m.from, m, -1);
    add(m.to, m, 1);
  }
  // Each line's value is exact (lineValue); their sum per part and location must be too.
  for (const d of levelDelta.values()) exactValue(d.value);
  return {
    lots: [...lotDelta.values()].filter((d) => d.on_hand !== 0).sort((a, b) => a.location_id - b.location_id || a.lot_id - b.lot_id),
    levels: [...levelDelta.values()]
      .filter((d) => d.on_hand !== 0 || d.value !== 0)
      .sort((a, b) => a.location_id - b.location_id || a.part_id - b.part_id)
      .map((d) => ({ ...d, reserved: 0 })),
  };
}

/**
 * Changes the reserved quantity of locked levels rows at one location (positive reserves, negative
 * releases), all parts in one statement; changes of one part are summed first.
 */
export async function adjustReserved(ctx: Ctx, locationId: number, changes: readonly { partId: number; delta: number }[]): Promise<void> {
  const byPart = new Map<number, number>();
  for (const c of changes) byPart.set(c.partId, (byPart.get(c.partId) ?? 0) + c.delta);
  const deltas = [...byPart].filter(([, d]) => d !== 0);
  if (deltas.length === 0) return;
  const delta = sql<number>`case part_id ${sql.join(deltas.map(([p, d]) => sql`when ${p} then cast(${d} as bigint)`), sql` `)} end`;
  await ctx.db
    .updateTable('stock_levels')
    .set((eb) => ({ reserved: eb('reserved', '+', delta) }))
    .where('location_id', '=', locationId)
    .where('part_id', 'in', deltas.map(([p]) => p))
    .execute();
}

/**
 * The next document number for a prefix in the current year. SQLite has one writer, so a
 * counter row gives gapless numbers. PostgreSQL uses a sequence per prefix and year, so
 * concurrent documents do not queue on one row (migration 0003 makes missing sequences);
 * a rolled-back transaction leaves a gap
 * (docs/decisions/0004-document-numbers.md).
 */
export async function nextNumber(ctx: Ctx, prefix: string): Promise<string> {
  const year = yearInZone(ctx.clock.now(), ctx.timeZone);
  if (ctx.dialect === 'postgres') {
    const r = await sql<{ n: number }>`select aftersales_next_number(${numberSequence(prefix, year)}) as n`.execute(ctx.db);
    return formatNumber(prefix, year, Number(r.rows[0]!.n));
  }
  const r = await sql<{ last: number }>`insert into doc_counters (prefix, year, last) values (${prefix}, ${year}, 1)
    on conflict (prefix, year) do update set last = doc_counters.last + 1 returning last`.execute(ctx.db);
  return formatNumber(prefix, year, r.rows[0]!.last);
}

/** PostgreSQL's number sequence of a prefix and year (aftersales_next_number makes it when missing). */
export const numberSequence = (prefix: string, year: number) => `docseq_${prefix.toLowerCase()}_${year}`;

/** Throws insufficient_stock unless each part's lines together are available at the locked level rows. */
export function assertLinesAvailable(levels: Levels, locationId: number, lines: readonly PickLine[], codeOf: (partId: number) => string, releasing?: ReadonlyMap<number, number>): void {
  const perPart = new Map<number, number>();
  for (const l of lines) perPart.set(l.partId, (perPart.get(l.partId) ?? 0) + l.qty);
  for (const [partId, qty] of perPart) assertAvailable(levels, locationId, partId, qty, codeOf(partId), releasing?.get(partId) ?? 0);
}

/** Throws insufficient_stock unless qty is available at a locked level row. */
export function assertAvailable(levels: Levels, locationId: number, partId: number, qty: number, partCode: string, releasing = 0): void {
  const lv = levels.get(levelKey(locationId, partId));
  const avail = lv ? lv.on_hand - lv.reserved + releasing : 0;
  if (avail < qty) {
    throw new AppError('insufficient_stock', {
      partId,
      partCode,
      locationId,
      available: avail / 1000,
      requested: qty / 1000,
    });
  }
}
