import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { formatFen, fromMilli, toMilli } from '../../platform/numbers.js';
import { audit, auditEach } from '../auth/audit.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { isStationScoped } from './locations.js';
import { assertWorkOrderRef } from './documents.js';
import type { ShortagesRow } from './tables.js';
import type { Arrival } from './arrivals.js';

export function shortageView(ctx: Pick<Ctx, 'timeZone'>, s: ShortagesRow & { part_code?: string | null; part_name?: string | null }) {
  const names = s.part_code !== undefined ? { partCode: s.part_code, partName: s.part_name ?? null } : {};
  return { id: s.id, partId: s.part_id, ...names, description: s.description, qty: fromMilli(s.qty), workOrderId: s.work_order_id, remark: s.remark, source: s.source, status: s.status, createdBy: s.created_by, createdAt: isoInZone(s.created_at, ctx.timeZone), version: s.version };
}

/** Records demand stock cannot meet (R-INV-6): a catalogue part or free text. */
export async function createShortage(ctx: Ctx, input: { partId?: number | null; description?: string | null; qty: number; workOrderId?: number | null; remark?: string | null; source?: 'request' | 'work_order' }) {
  if (input.partId == null && !input.description?.trim()) throw new AppError('shortage_needs_part_or_description');
  await assertWorkOrderRef(ctx, input.workOrderId);
  if (input.partId != null) {
    const p = await ctx.db.selectFrom('parts').select('id').where('id', '=', input.partId).executeTakeFirst();
    if (!p) throw new AppError('unknown_part', { partId: input.partId });
  }
  const row = await ctx.db
    .insertInto('shortages')
    .values({ part_id: input.partId ?? null, description: input.description ?? null, qty: toMilli(input.qty), work_order_id: input.workOrderId ?? null, location_id: null, remark: input.remark ?? null, source: input.source ?? 'request', status: 'open', station_id: isStationScoped(ctx.actor) ? ctx.actor.stationId : null, created_by: ctx.actor.id, created_at: ctx.clock.now(), version: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'shortage', row.id, null, shortageView(ctx, row));
  return shortageView(ctx, row);
}

/** Shortage requests, newest first, with their part's code and name joined in. */
export async function listShortages(ctx: Ctx, query: { status?: string; createdBy?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('shortages as s').leftJoin('parts as p', 'p.id', 's.part_id').selectAll('s').select(['p.code as part_code', 'p.name as part_name']);
  if (query.status) q = q.where('s.status', '=', query.status as never);
  if (query.createdBy !== undefined) q = q.where('s.created_by', '=', query.createdBy);
  if (isStationScoped(ctx.actor)) q = q.where('s.station_id', '=', ctx.actor.stationId);
  if (after) q = q.where('s.id', '<', Number(after[0]));
  const rows = await q.orderBy('s.id', 'desc').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (s) => shortageView(ctx, s), (s) => [s.id]);
}

export async function closeShortage(ctx: Ctx, id: number, status: 'ordered' | 'closed', version: number) {
  const before = await ctx.db.selectFrom('shortages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found');
  const after = await ctx.db.updateTable('shortages').set({ status, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'shortage', id, shortageView(ctx, before), shortageView(ctx, after));
  return shortageView(ctx, after);
}

/**
 * Parts arriving at a store (a receipt, a transfer received at a station) fulfil the open or
 * ordered shortage requests for those parts in the same scope — the station's, or the central
 * warehouse's when the store has no station — oldest first, each one the arrived quantity fully
 * covers. They are closed, so they leave the purchase list, each with an audit record naming the
 * arriving document. Requests the quantity does not cover stay as they were.
 */
export async function fulfilShortages(ctx: Ctx, arrival: Arrival): Promise<void> {
  const arrived = new Map<number, number>();
  for (const l of arrival.lines) arrived.set(l.partId, (arrived.get(l.partId) ?? 0) + l.qty);
  if (arrived.size === 0) return;
  const waiting = await ctx.db
    .selectFrom('shortages')
    .selectAll()
    .where('part_id', 'in', [...arrived.keys()])
    .where('status', 'in', ['open', 'ordered'])
    .where((eb) => (arrival.stationId === null ? eb('station_id', 'is', null) : eb('station_id', '=', arrival.stationId)))
    .orderBy('id')
    .execute();
  const covered = waiting.filter((s) => {
    const left = arrived.get(s.part_id!)!;
    if (s.qty > left) return false;
    arrived.set(s.part_id!, left - s.qty);
    return true;
  });
  if (covered.length === 0) return;
  // Still open or ordered when updated: a receipt posted at the same moment may have closed one.
  const closed = new Set(
    (
      await ctx.db
        .updateTable('shortages')
        .set((eb) => ({ status: 'closed', version: eb('version', '+', 1) }))
        .where('id', 'in', covered.map((s) => s.id))
        .where('status', 'in', ['open', 'ordered'])
        .returning('id')
        .execute()
    ).map((r) => r.id),
  );
  await auditEach(ctx, 'fulfil', 'shortage', covered.filter((s) => closed.has(s.id)).map((s) => ({ id: s.id, before: { status: s.status }, after: { status: 'closed', arrivedWith: arrival.number } })));
}

export interface PurchaseLine {
  partId: number | null;
  partCode: string | null;
  partName: string;
  spec: string | null;
  unit: string | null;
  qty: number;
  sources: ('shortage' | 'work_order' | 'alarm')[];
  lastCost: string | null;
}

/**
 * The purchase list (採購單): open shortage requests, work orders waiting for parts and stock
 * below its alarm threshold, summed per part and grouped by the part's supplier (R-INV-6).
 * Every group, for the export and the slip; the route pages them with purchaseList.
 */
export async function purchaseGroups(ctx: Ctx) {
  const shortages = await ctx.db
    .selectFrom('shortages as s')
    .leftJoin('parts as p', 'p.id', 's.part_id')
    .select(['s.part_id', 's.description', 's.qty', 's.source', 'p.code', 'p.name', 'p.spec', 'p.unit', 'p.preferred_supplier_id'])
    .where('s.status', '=', 'open')
    .execute();
  // Below alarm: warehouse stock (all real stores, not holdings) of parts with a threshold.
  const alarms = await ctx.db
    .selectFrom('parts as p')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('stock_levels as sl')
          .innerJoin('locations as l', 'l.id', 'sl.location_id')
          .select(['sl.part_id', sql<number>`cast(sum(sl.on_hand - sl.reserved) as bigint)`.as('avail')])
          .where('l.kind', 'in', ['warehouse'])
          .groupBy('sl.part_id')
          .as('st'),
      (j) => j.onRef('st.part_id', '=', 'p.id'),
    )
    .select(['p.id', 'p.code', 'p.name', 'p.spec', 'p.unit', 'p.alarm_qty', 'p.preferred_supplier_id', 'st.avail'])
    .where('p.alarm_qty', 'is not', null)
    .where('p.archived', '=', 0)
    .where((eb) => eb.or([eb('st.avail', 'is', null), eb('st.avail', '<', eb.ref('p.alarm_qty'))]))
    .execute();

  const byPart = new Map<string, PurchaseLine & { supplierId: number | null }>();
  const add = (key: string, init: () => PurchaseLine & { supplierId: number | null }, qty: number, source: PurchaseLine['sources'][number]) => {
    const cur = byPart.get(key) ?? init();
    cur.qty += qty;
    if (!cur.sources.includes(source)) cur.sources.push(source);
    byPart.set(key, cur);
  };
  for (const s of shortages) {
    const key = s.part_id != null ? `p${s.part_id}` : `d${s.description}`;
    add(key, () => ({ partId: s.part_id, partCode: s.code, partName: s.name ?? s.description ?? '', spec: s.spec, unit: s.unit, qty: 0, sources: [], lastCost: null, supplierId: s.preferred_supplier_id }), s.qty, s.source === 'work_order' ? 'work_order' : 'shortage');
  }
  for (const a of alarms) {
    const gap = a.alarm_qty! - Number(a.avail ?? 0);
    add(`p${a.id}`, () => ({ partId: a.id, partCode: a.code, partName: a.name, spec: a.spec, unit: a.unit, qty: 0, sources: [], lastCost: null, supplierId: a.preferred_supplier_id }), gap, 'alarm');
  }
  // Thresholds set per store (part_alarms) count store by store.
  const storeAlarms = await ctx.db
    .selectFrom('part_alarms as a')
    .innerJoin('parts as p', 'p.id', 'a.part_id')
    .leftJoin('stock_levels as sl', (j) => j.onRef('sl.part_id', '=', 'a.part_id').onRef('sl.location_id', '=', 'a.location_id'))
    .select(['p.id', 'p.code', 'p.name', 'p.spec', 'p.unit', 'p.preferred_supplier_id', 'a.alarm_qty', 'sl.on_hand', 'sl.reserved'])
    .where('p.archived', '=', 0)
    .execute();
  for (const a of storeAlarms) {
    const gap = a.alarm_qty - ((a.on_hand ?? 0) - (a.reserved ?? 0));
    if (gap > 0) add(`p${a.id}`, () => ({ partId: a.id, partCode: a.code, partName: a.name, spec: a.spec, unit: a.unit, qty: 0, sources: [], lastCost: null, supplierId: a.preferred_supplier_id }), gap, 'alarm');
  }
  // Supplier: the preferred one, else the one of the newest lot; cost from that lot.
  const partIds = [...byPart.values()].flatMap((l) => (l.partId == null ? [] : [l.partId]));
  if (partIds.length > 0) {
    const lots = await ctx.db.selectFrom('lots').select(['part_id', 'supplier_id', 'unit_cost', 'received_at']).where('part_id', 'in', partIds).orderBy('received_at', 'desc').execute();
    for (const line of byPart.values()) {
      const lot = lots.find((l) => l.part_id === line.partId);
      if (lot) {
        line.supplierId ??= lot.supplier_id;
        line.lastCost = formatFen(lot.unit_cost);
      }
    }
  }
  const suppliers = await ctx.db.selectFrom('suppliers').select(['id', 'code', 'name', 'contact', 'phone']).execute();
  const groups = new Map<number | null, { supplier: (typeof suppliers)[number] | null; lines: PurchaseLine[] }>();
  for (const { supplierId, ...line } of [...byPart.values()].sort((a, b) => (a.partCode ?? '').localeCompare(b.partCode ?? ''))) {
    const g = groups.get(supplierId) ?? { supplier: suppliers.find((s) => s.id === supplierId) ?? null, lines: [] };
    g.lines.push({ ...line, qty: fromMilli(line.qty) });
    groups.set(supplierId, g);
  }
  return [...groups.values()].map((g) => ({ supplierId: g.supplier?.id ?? null, supplierCode: g.supplier?.code ?? null, supplierName: g.supplier?.name ?? null, lines: g.lines }));
}

function groupsSent(cursor: string | undefined): number {
  const after = decodeCursor(cursor, 'n');
  if (after && (after[0] as number) < 0) throw new AppError('invalid_cursor');
  return after ? (after[0] as number) : 0;
}

/** One page of the supplier groups, in the list's order; the cursor counts the groups already sent. */
export async function purchaseList(ctx: Ctx, q: { limit: number; cursor?: string }) {
  const start = groupsSent(q.cursor);
  const numbered = (await purchaseGroups(ctx)).map((g, i) => ({ g, sent: i + 1 })).slice(start, start + q.limit + 1);
  return toPage(numbered, q.limit, (x) => x.g, (x) => [x.sent]);
}
