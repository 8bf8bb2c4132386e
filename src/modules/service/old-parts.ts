// Old parts (R-INV-17): the replaced part comes back from the customer (VIRT-CONSUMED) into an
// old-parts location (kind 'old_parts', real, zero cost, one lot per work order), linked to its
// work order — never more than the service report lists. Each month they are disposed: back to
// the supplier for a claim (VIRT-SUPPLIER), scrapped (VIRT-SCRAP) or refurbished into a store at
// zero cost. Old parts are never issued (inventory issues refuse an old-parts source).
import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { dayEdgeInZone, isoInZone } from '../../platform/clock.js';
import { fromMilli } from '../../platform/numbers.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { checkLineCount, loadParts } from '../inventory/documents.js';
import { lockLevels, nextNumber, pickLines, type MoveSpec } from '../inventory/ledger.js';
import { postDocument } from '../inventory/posting.js';
import { createLocation, getLocation, getStore, virtualLocation } from '../inventory/locations.js';
import { sumLines } from '../inventory/ledger.rules.js';
import { ensureLots, lotKey } from '../inventory/lots.js';
import { updateEach } from '../../platform/db/bulk.js';
import type { DisposalAction, OldPartItemsRow } from './report-tables.js';
import './report-errors.js';
import '../exchange/errors.js';
import { qtyMilli } from './reports.js';
import { stationOf } from './shared.js';
import { getWorkOrder } from './work-orders.js';

const DAY = 86_400_000;
/** Advisory-lock class of the old-parts location's creation (any constant, the same everywhere). */
const OLD_PARTS_LOCK = 7_302_617;

/** The old-parts location of a station (or the central one), made the first time it is needed. */
export async function oldPartsLocation(ctx: Ctx, stationId: number | null): Promise<number> {
  // Two first hand-ins for one station at once would both create it: on PostgreSQL the second
  // waits here for the first's commit and then finds it (SQLite has one writer anyway).
  if (ctx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${OLD_PARTS_LOCK}, ${stationId ?? 0})`.execute(ctx.db);
  let q = ctx.db.selectFrom('locations').select('id').where('kind', '=', 'old_parts').where('archived', '=', 0);
  q = stationId == null ? q.where('station_id', 'is', null) : q.where('station_id', '=', stationId);
  const found = await q.orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const station = stationId == null ? null : await getLocation(ctx, stationId);
  const base = station ? `OLD-${station.code}` : 'OLD-MAIN';
  let code = base;
  for (let n = 2; await ctx.db.selectFrom('locations').select('id').where('code', '=', code).executeTakeFirst(); n++) code = `${base}-${n}`;
  const created = await createLocation(ctx, { code, name: station ? `${station.name}旧件库` : '旧件库', kind: 'old_parts', stationId });
  return created.id;
}

function itemView(ctx: Ctx, i: OldPartItemsRow & { part_code: string; part_name: string; wo_number: string; tech_name: string | null; location_name: string; document_number: string }) {
  const qty = Number(i.qty);
  const disposed = Number(i.disposed_qty);
  return {
    id: i.id,
    partId: i.part_id,
    partCode: i.part_code,
    partName: i.part_name,
    qty: String(fromMilli(qty)),
    disposedQty: String(fromMilli(disposed)),
    pendingQty: String(fromMilli(qty - disposed)),
    status: disposed >= qty ? ('disposed' as const) : ('pending' as const),
    workOrderId: i.work_order_id,
    workOrderNumber: i.wo_number,
    technicianId: i.technician_id,
    technicianName: i.tech_name,
    locationId: i.location_id,
    locationName: i.location_name,
    lotId: i.lot_id,
    documentId: i.document_id,
    documentNumber: i.document_number,
    handedInAt: isoInZone(i.handed_in_at, ctx.timeZone),
    ageDays: Math.max(0, Math.floor((ctx.clock.now() - i.handed_in_at) / DAY)),
  };
}

function itemsQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('old_part_items as i')
    .innerJoin('parts as p', 'p.id', 'i.part_id')
    .innerJoin('work_orders as w', 'w.id', 'i.work_order_id')
    .innerJoin('locations as l', 'l.id', 'i.location_id')
    .innerJoin('documents as d', 'd.id', 'i.document_id')
    .leftJoin('users as u', 'u.id', 'i.technician_id')
    .selectAll('i')
    .select(['p.code as part_code', 'p.name as part_name', 'w.number as wo_number', 'u.display_name as tech_name', 'l.name as location_name', 'd.number as document_number']);
}

/** Old parts brought back for a work order go into an old-parts location (R-INV-17). */
export async function handInOldParts(ctx: Ctx, input: { workOrderId: number; lines: { partId: number; qty: number | string }[]; toLocationId?: number | null; remark?: string | null }) {
  checkLineCount(input.lines);
  const wo = await getWorkOrder(ctx, input.workOrderId);
  const lines = sumLines(input.lines.map((l, i) => ({ partId: l.partId, qty: qtyMilli(l.qty, `lines.${i}.qty`) })));
  const parts = await loadParts(ctx, lines.map((l) => l.partId), { allowArchived: true });
  // What the work order's reports list to bring back, per cycle (a reopened work order has a
  // report per visit), and what came back against each. A hand-in goes to the oldest cycle still
  // owed that part; together they never exceed the reports.
  const reports = await ctx.db.selectFrom('service_reports').select(['id', 'cycle']).where('work_order_id', '=', wo.id).orderBy('cycle').execute();
  // Concurrent hand-ins of one work order queue here (SQLite: the write lock the transaction holds).
  if (ctx.dialect === 'postgres' && reports.length) await ctx.db.selectFrom('service_reports').select('id').where('id', 'in', reports.map((r) => r.id)).orderBy('id').forUpdate().execute();
  const old = reports.length ? await ctx.db.selectFrom('service_report_parts').select(['report_id', 'part_id', 'qty']).where('report_id', 'in', reports.map((r) => r.id)).where('kind', '=', 'old').execute() : [];
  const back = reports.length ? await ctx.db.selectFrom('old_part_items').select(['cycle', 'part_id', 'qty']).where('work_order_id', '=', wo.id).execute() : [];
  const handed = new Map<string, number>(); // `${cycle}:${partId}` → thousandths
  for (const b of back) handed.set(`${b.cycle}:${b.part_id}`, (handed.get(`${b.cycle}:${b.part_id}`) ?? 0) + Number(b.qty));
  // Still owed, oldest cycle first: a report's old lines are one per part (saveReport sums them).
  const owed = reports.flatMap((r) =>
    old.filter((o) => o.report_id === r.id).map((o) => ({ cycle: r.cycle, partId: o.part_id, qty: Number(o.qty) - (handed.get(`${r.cycle}:${o.part_id}`) ?? 0) })),
  );
  const allocations: { partId: number; cycle: number; qty: number }[] = [];
  for (const l of lines) {
    let rest = l.qty;
    for (const o of owed.filter((x) => x.partId === l.partId && x.qty > 0)) {
      const take = Math.min(rest, o.qty);
      if (take > 0) allocations.push({ partId: l.partId, cycle: o.cycle, qty: take });
      rest -= take;
    }
    if (rest > 0) {
      const sum = (rows: readonly { part_id: number; qty: number }[]) => rows.filter((r) => r.part_id === l.partId).reduce((n, r) => n + Number(r.qty), 0);
      throw new AppError('old_parts_exceeded', { partId: l.partId, partCode: parts.get(l.partId)!.code, expected: fromMilli(sum(old)), handedIn: fromMilli(sum(back)), requested: fromMilli(l.qty) });
    }
  }
  const to = input.toLocationId != null ? (await getStore(ctx, input.toLocationId, ['old_parts'])).id : await oldPartsLocation(ctx, wo.station_id);
  const from = await virtualLocation(ctx, 'consumed');
  const now = ctx.clock.now();
  // One zero-cost lot per part and work order (its number is the lot number), all in one go.
  const lotOf = (partId: number) => ({ partId, lotNo: `OLD-${wo.number}`, unitCost: 0 });
  const { lots: byKey } = await ensureLots(ctx, lines.map((l) => lotOf(l.partId)), { supplierId: null, receivedAt: now });
  const lots = new Map(lines.map((l) => [l.partId, byKey.get(lotKey(lotOf(l.partId)))!]));
  const number = await nextNumber(ctx, 'JJ');
  await lockLevels(ctx, lines.flatMap((l) => [{ locationId: from, partId: l.partId }, { locationId: to, partId: l.partId }]));
  const moves: MoveSpec[] = lines.map((l) => ({ kind: 'old_part_in', partId: l.partId, lotId: lots.get(l.partId)!, from, to, qty: l.qty, unitCost: 0, userId: wo.lead_technician_id, workOrderId: wo.id, stationId: wo.station_id }));
  const { doc } = await postDocument(
    ctx,
    {
      type: 'old_parts_in',
      status: 'posted',
      from_location_id: from,
      to_location_id: to,
      user_id: wo.lead_technician_id,
      supplier_id: null,
      work_order_id: wo.id,
      reservation_id: null,
      related_document_id: null,
      reason: null,
      remark: input.remark?.trim() || wo.number,
      station_id: wo.station_id,
      posted_at: now,
      total_cost: 0,
    },
    moves,
    { number, audit: { action: 'post', entity: 'old_parts_in', after: { workOrderId: wo.id, lines: moves.length } } },
  );
  const items = await ctx.db
    .insertInto('old_part_items')
    .values(allocations.map((l) => ({ work_order_id: wo.id, cycle: l.cycle, part_id: l.partId, lot_id: lots.get(l.partId)!, location_id: to, qty: l.qty, disposed_qty: 0, document_id: doc.id, technician_id: wo.lead_technician_id, station_id: wo.station_id, handed_in_at: now, created_by: ctx.actor.id })))
    .returning('id')
    .execute();
  const full = await itemsQuery(ctx).where('i.id', 'in', items.map((i) => i.id)).orderBy('i.id').execute();
  const result = { documentId: doc.id, documentNumber: doc.number, workOrderId: wo.id, locationId: to, items: full.map((i) => itemView(ctx, i)) };
  return result;
}

export interface OldPartsQuery {
  month?: string;
  status?: 'pending' | 'disposed';
  locationId?: number;
  workOrderId?: number;
  limit: number;
  cursor?: string;
}

/** The monthly disposal list: hand-ins of the month, oldest first, with their age in days. */
export async function listOldParts(ctx: Ctx, query: OldPartsQuery) {
  let q = itemsQuery(ctx);
  if (query.month !== undefined) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(query.month);
    if (!m) throw new AppError('invalid_month', { value: String(query.month).slice(0, 20) });
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
    q = q.where('i.handed_in_at', '>=', dayEdgeInZone(`${query.month}-01`, ctx.timeZone, 'start')).where('i.handed_in_at', '<', dayEdgeInZone(next, ctx.timeZone, 'start'));
  }
  if (query.status === 'pending') q = q.where(sql<boolean>`i.disposed_qty < i.qty`);
  if (query.status === 'disposed') q = q.where(sql<boolean>`i.disposed_qty >= i.qty`);
  if (query.locationId) q = q.where('i.location_id', '=', query.locationId);
  if (query.workOrderId) q = q.where('i.work_order_id', '=', query.workOrderId);
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = own === null ? q.where(sql<boolean>`1 = 0`) : q.where('i.station_id', '=', own);
  const after = decodeCursor(query.cursor, 'n');
  if (after) q = q.where('i.id', '>', Number(after[0]));
  const rows = await q.orderBy('i.id').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (r) => itemView(ctx, r), (r) => [r.id]);
}

export interface DisposalLine {
  partId: number;
  qty: number | string;
  action: DisposalAction;
  supplierId?: number | null;
  toLocationId?: number | null;
}

/** Disposes old parts out of one old-parts location, the oldest hand-ins first. */
export async function disposeOldParts(ctx: Ctx, input: { locationId: number; lines: DisposalLine[]; remark?: string | null }) {
  checkLineCount(input.lines);
  const loc = await getStore(ctx, input.locationId, ['old_parts']);
  const parts = await loadParts(ctx, input.lines.map((l) => l.partId), { allowArchived: true });
  // Resolve each line's destination; lines with the same action and destination share a document.
  // The suppliers named and the stores refurbished into are checked once each, not per line.
  const named = [...new Set(input.lines.flatMap((l) => (l.action === 'supplier_claim' && l.supplierId != null ? [l.supplierId] : [])))];
  const suppliers = new Set(named.length ? (await ctx.db.selectFrom('suppliers').select('id').where('id', 'in', named).execute()).map((s) => s.id) : []);
  const stores = new Map<number, number>();
  const groups = new Map<string, { action: DisposalAction; to: number; supplierId: number | null; lines: { partId: number; qty: number }[] }>();
  for (const [i, l] of input.lines.entries()) {
    const qty = qtyMilli(l.qty, `lines.${i}.qty`);
    let to: number;
    let supplierId: number | null = null;
    if (l.action === 'supplier_claim') {
      to = await virtualLocation(ctx, 'supplier');
      if (l.supplierId != null) {
        if (!suppliers.has(l.supplierId)) throw new AppError('unknown_supplier', { supplierId: l.supplierId });
        supplierId = l.supplierId;
      }
    } else if (l.action === 'scrap') to = await virtualLocation(ctx, 'scrap');
    else {
      if (l.toLocationId == null) throw new AppError('refurbish_needs_store');
      if (!stores.has(l.toLocationId)) stores.set(l.toLocationId, (await getStore(ctx, l.toLocationId, ['warehouse', 'station'])).id);
      to = stores.get(l.toLocationId)!;
    }
    const key = `${l.action}:${to}:${supplierId ?? ''}`;
    const g = groups.get(key) ?? { action: l.action, to, supplierId, lines: [] };
    g.lines.push({ partId: l.partId, qty });
    groups.set(key, g);
  }
  const keys = [...groups.values()].flatMap((g) => g.lines.flatMap((l) => [{ locationId: loc.id, partId: l.partId }, { locationId: g.to, partId: l.partId }]));
  await lockLevels(ctx, keys);
  const now = ctx.clock.now();
  const taken = new Map<number, number>(); // item id → taken in this request
  const documentIds: number[] = [];
  const disposals: { itemId: number; workOrderId: number; partId: number; qty: string; action: DisposalAction; documentId: number }[] = [];
  const rows: { item_id: number; document_id: number; action: DisposalAction; qty: number; supplier_id: number | null; to_location_id: number; created_by: number; created_at: number }[] = [];
  // The items still pending of every part disposed, oldest first, read once after the locks.
  const pendingItems = await ctx.db
    .selectFrom('old_part_items')
    .selectAll()
    .where('location_id', '=', loc.id)
    .where('part_id', 'in', [...new Set(input.lines.map((l) => l.partId))])
    .where(sql<boolean>`disposed_qty < qty`)
    .orderBy('handed_in_at')
    .orderBy('id')
    .execute();
  for (const g of groups.values()) {
    const moves: MoveSpec[] = [];
    const allocations: { itemId: number; workOrderId: number; qty: number; lotId: number; partId: number }[] = [];
    for (const l of sumLines(g.lines)) {
      const pending = pendingItems.filter((p) => p.part_id === l.partId);
      let left = l.qty;
      const open = pending.map((p) => ({ p, free: Number(p.qty) - Number(p.disposed_qty) - (taken.get(p.id) ?? 0) })).filter((x) => x.free > 0);
      const total = open.reduce((s, x) => s + x.free, 0);
      if (total < l.qty) throw new AppError('old_parts_not_pending', { partId: l.partId, partCode: parts.get(l.partId)!.code, pending: fromMilli(total), requested: fromMilli(l.qty) });
      for (const { p, free } of open) {
        if (left <= 0) break;
        const take = Math.min(left, free);
        allocations.push({ itemId: p.id, workOrderId: p.work_order_id, qty: take, lotId: p.lot_id, partId: l.partId });
        taken.set(p.id, (taken.get(p.id) ?? 0) + take);
        left -= take;
      }
    }
    // The ledger must hold each lot too (a transfer or count may have moved it meanwhile): the
    // lots of the group are picked together, after the previous group's moves were posted.
    const perLot = new Map<number, { partId: number; qty: number }>();
    for (const a of allocations) perLot.set(a.lotId, { partId: a.partId, qty: (perLot.get(a.lotId)?.qty ?? 0) + a.qty });
    const lotLines = [...perLot].map(([lotId, { partId, qty }]) => ({ partId, lotId, qty }));
    const picked = await pickLines(ctx, loc.id, lotLines);
    const cost = new Map<number, number>();
    for (const [i, { picks, held }] of picked.entries()) {
      const l = lotLines[i]!;
      if (!picks) throw new AppError('old_parts_not_pending', { partId: l.partId, partCode: parts.get(l.partId)!.code, pending: fromMilli(held), requested: fromMilli(l.qty) });
      cost.set(l.lotId, picks[0]!.unit_cost);
    }
    for (const a of allocations) {
      moves.push({ kind: 'old_part_out', partId: a.partId, lotId: a.lotId, from: loc.id, to: g.to, qty: a.qty, unitCost: cost.get(a.lotId)!, userId: null, workOrderId: a.workOrderId, stationId: loc.station_id });
    }
    const { doc } = await postDocument(
      ctx,
      {
        type: 'old_parts_out',
        status: 'posted',
        from_location_id: loc.id,
        to_location_id: g.to,
        user_id: null,
        supplier_id: g.supplierId,
        work_order_id: null,
        reservation_id: null,
        related_document_id: null,
        reason: g.action,
        remark: input.remark?.trim() || null,
        station_id: loc.station_id,
        posted_at: now,
        total_cost: 0,
      },
      moves,
      { number: await nextNumber(ctx, 'JC'), audit: { action: 'post', entity: 'old_parts_out', after: { action: g.action, lines: moves.length } } },
    );
    for (const a of allocations) {
      rows.push({ item_id: a.itemId, document_id: doc.id, action: g.action, qty: a.qty, supplier_id: g.supplierId, to_location_id: g.to, created_by: ctx.actor.id, created_at: now });
      disposals.push({ itemId: a.itemId, workOrderId: a.workOrderId, partId: a.partId, qty: String(fromMilli(a.qty)), action: g.action, documentId: doc.id });
    }
    documentIds.push(doc.id);
  }
  // The items' disposed quantities (read after the level locks, so current) and the disposal
  // records, one statement each.
  await updateEach(ctx.db, 'old_part_items', { disposed_qty: 'bigint' }, pendingItems.filter((p) => taken.has(p.id)).map((p) => ({ id: p.id, disposed_qty: Number(p.disposed_qty) + taken.get(p.id)! })));
  if (rows.length > 0) await ctx.db.insertInto('old_part_disposals').values(rows).execute();
  return { documentIds, disposals };
}

/** The disposal list as .xlsx (R-INV-19): the same filters and scope as GET /old-parts, to the end. */
export async function exportOldParts(ctx: Ctx, query: Omit<OldPartsQuery, 'limit' | 'cursor'>): Promise<Buffer> {
  const rows: ReturnType<typeof itemView>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOldParts(ctx, { ...query, limit: 500, cursor });
    rows.push(...page.items);
    if (rows.length > 100_000) throw new AppError('export_too_large', { max: 100_000 });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const { writeSheet } = await import('../exchange/xlsx.js');
  type R = (typeof rows)[number];
  const col = (header: string, width: number, kind: 'text' | 'qty' | 'int', value: (r: R) => string | number | null) => ({ header, width, kind, value });
  return writeSheet<R>(
    '旧件',
    [
      col('配件编码', 14, 'text', (r) => r.partCode),
      col('配件名称', 20, 'text', (r) => r.partName),
      col('数量', 10, 'qty', (r) => r.qty),
      col('已处理', 10, 'qty', (r) => r.disposedQty),
      col('待处理', 10, 'qty', (r) => r.pendingQty),
      col('工单', 18, 'text', (r) => r.workOrderNumber),
      col('技术员', 12, 'text', (r) => r.technicianName),
      col('旧件库', 16, 'text', (r) => r.locationName),
      col('交回单', 18, 'text', (r) => r.documentNumber),
      col('交回时间', 18, 'text', (r) => r.handedInAt.slice(0, 16).replace('T', ' ')),
      col('库龄（天）', 10, 'int', (r) => r.ageDays),
      col('状态', 8, 'text', (r) => (r.status === 'pending' ? '待处理' : '已处理')),
    ],
    rows,
  );
}
