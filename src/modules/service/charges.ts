// Charges of a work order (R-SVC-10): labour (hours × rate), parts (consumed against the work order
// in the ledger at the part's sale price, plus manual lines) and travel (km × rate or a fixed
// amount). Who pays follows the service type: A paid charges the customer, except what the unit's
// warranty (R-SVC-6) covers — parts and labour free, or parts at cost; B contract, C warranty and D
// internal charge nothing, but their cost is still recorded. Amounts are integer fen throughout.
// An invoice request (requested → invoiced / rejected) hands the amount to finance and locks the lines.
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { formatFen, fromMilli, lineValue, milliFenToFen, toFen, toMilli } from '../../platform/numbers.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { localDay } from './calendar.js';
import { stationOf } from './shared.js';
import type { WorkOrdersRow } from './tables.js';
import { checkWarranty, type WarrantyResult } from './warranty.rules.js';
import { getWorkOrder } from './work-orders.js';
import type { ChargeKind, ChargeLinesRow, InvoiceRequestsRow, InvoiceStatus } from './extras-tables.js';
import './extras-errors.js';

export type Payer = 'customer' | 'manufacturer' | 'contract' | 'internal';

export interface ChargeRow {
  id: number | null;
  source: 'manual' | 'ledger';
  kind: ChargeKind;
  description: string;
  partId: number | null;
  qty: number; // thousandths
  rate: number; // fen per unit
  list: number; // fen: qty × rate
  cost: number; // fen: our cost
  charged: number; // fen: what the customer pays
  payer: Payer;
}

/** Pure: who pays a line and how much the customer is charged (fen). */
export function priceLine(serviceType: WorkOrdersRow['service_type'], warranty: WarrantyResult | null, kind: ChargeKind, list: number, cost: number): { payer: Payer; charged: number } {
  if (serviceType === 'D') return { payer: 'internal', charged: 0 };
  if (serviceType === 'B') return { payer: 'contract', charged: 0 };
  if (serviceType === 'C') return { payer: 'manufacturer', charged: 0 };
  if (!warranty) return { payer: 'customer', charged: list };
  if (kind === 'parts') {
    if (warranty.parts === 'manufacturer') return { payer: 'manufacturer', charged: 0 };
    if (warranty.parts === 'customer_at_cost') return { payer: 'customer', charged: Math.min(cost, list) };
    return { payer: 'customer', charged: list };
  }
  // Labour and travel follow the labour cover.
  return warranty.labour === 'manufacturer' ? { payer: 'manufacturer', charged: 0 } : { payer: 'customer', charged: list };
}

const amount = (qtyMilli: number, fen: number) => milliFenToFen(lineValue(qtyMilli, fen));

/** The warranty result for the work order's unit as of the day it was logged, with the report's facts. */
async function warrantyOf(ctx: Ctx, wo: WorkOrdersRow): Promise<WarrantyResult | null> {
  if (wo.unit_id === null) return null;
  const unit = await ctx.db.selectFrom('installed_units as u').innerJoin('product_models as m', 'm.id', 'u.model_id').select(['u.sale_date', 'm.years_free', 'm.years_parts_at_cost', 'm.warranty_km', 'm.warranty_hours']).where('u.id', '=', wo.unit_id).executeTakeFirst();
  if (!unit) return null;
  const report = await ctx.db.selectFrom('service_reports').select(['odometer_milli', 'running_hours_milli', 'tampered']).where('work_order_id', '=', wo.id).orderBy('cycle', 'desc').limit(1).executeTakeFirst();
  return checkWarranty(
    { yearsFree: unit.years_free, yearsPartsAtCost: unit.years_parts_at_cost, warrantyKm: unit.warranty_km, warrantyHours: unit.warranty_hours },
    {
      saleDate: unit.sale_date,
      asOf: localDay(wo.created_at, ctx.timeZone),
      odometerKm: report?.odometer_milli == null ? null : report.odometer_milli / 1000,
      runningHours: report?.running_hours_milli == null ? null : report.running_hours_milli / 1000,
      tampered: !!report?.tampered,
    },
  );
}

/** Parts consumed against the work order in the ledger (net of reversals), per part. */
async function ledgerParts(ctx: Ctx, workOrderId: number) {
  const moves = await ctx.db
    .selectFrom('moves as m')
    .innerJoin('parts as p', 'p.id', 'm.part_id')
    .select(['m.part_id', 'm.qty', 'm.unit_cost', 'm.reverses_move_id', 'p.code', 'p.name', 'p.sale_price'])
    .where('m.work_order_id', '=', workOrderId)
    .where('m.kind', '=', 'consume')
    .orderBy('m.id')
    .execute();
  const byPart = new Map<number, { partId: number; code: string; name: string; salePrice: number | null; qty: number; costMilliFen: number }>();
  for (const m of moves) {
    const sign = m.reverses_move_id === null ? 1 : -1;
    const p = byPart.get(m.part_id) ?? { partId: m.part_id, code: m.code, name: m.name, salePrice: m.sale_price, qty: 0, costMilliFen: 0 };
    p.qty += sign * Number(m.qty);
    p.costMilliFen += sign * lineValue(Number(m.qty), Number(m.unit_cost));
    byPart.set(m.part_id, p);
  }
  return [...byPart.values()].filter((p) => p.qty > 0);
}

async function latestRequest(ctx: Ctx, workOrderId: number) {
  return ctx.db.selectFrom('invoice_requests').selectAll().where('work_order_id', '=', workOrderId).orderBy('id', 'desc').executeTakeFirst();
}

const isLocking = (r: InvoiceRequestsRow | undefined) => !!r && (r.status === 'requested' || r.status === 'invoiced');

function lineOut(l: ChargeRow, partCode: string | null) {
  return {
    id: l.id,
    source: l.source,
    kind: l.kind,
    description: l.description,
    partId: l.partId,
    partCode,
    qty: fromMilli(l.qty),
    rate: formatFen(l.rate),
    listAmount: formatFen(l.list),
    cost: formatFen(l.cost),
    payer: l.payer,
    charged: formatFen(l.charged),
  };
}

/** Computes a work order's charges: lines, totals, warranty and the latest invoice request. */
export async function computeCharges(ctx: Ctx, wo: WorkOrdersRow) {
  const warranty = wo.service_type === 'A' || wo.service_type === 'C' ? await warrantyOf(ctx, wo) : null;
  const applied = wo.service_type === 'A' ? warranty : null;
  const rows: { row: ChargeRow; partCode: string | null }[] = [];
  for (const p of await ledgerParts(ctx, wo.id)) {
    const cost = milliFenToFen(p.costMilliFen);
    const rate = p.salePrice ?? Math.round(cost * 1000 / p.qty); // no sale price: at cost
    const list = p.salePrice === null ? cost : amount(p.qty, rate);
    rows.push({ row: { id: null, source: 'ledger', kind: 'parts', description: p.name, partId: p.partId, qty: p.qty, rate, list, cost, ...priceLine(wo.service_type, applied, 'parts', list, cost) }, partCode: p.code });
  }
  const manual = await ctx.db.selectFrom('charge_lines as c').leftJoin('parts as p', 'p.id', 'c.part_id').selectAll('c').select('p.code as part_code').where('c.work_order_id', '=', wo.id).orderBy('c.id').execute();
  for (const c of manual) {
    const list = amount(Number(c.qty), Number(c.rate));
    const cost = c.unit_cost === null ? list : amount(Number(c.qty), Number(c.unit_cost));
    rows.push({ row: { id: c.id, source: 'manual', kind: c.kind, description: c.description, partId: c.part_id, qty: Number(c.qty), rate: Number(c.rate), list, cost, ...priceLine(wo.service_type, applied, c.kind, list, cost) }, partCode: c.part_code });
  }
  const sum = (f: (r: ChargeRow) => number, kind?: ChargeKind) => rows.filter((r) => !kind || r.row.kind === kind).reduce((s, r) => s + f(r.row), 0);
  const request = await latestRequest(ctx, wo.id);
  return {
    fen: { charged: sum((r) => r.charged), list: sum((r) => r.list), cost: sum((r) => r.cost) },
    view: {
      workOrderId: wo.id,
      workOrderNumber: wo.number,
      serviceType: wo.service_type,
      warranty: warranty ? { status: warranty.status, parts: warranty.parts, labour: warranty.labour, reasons: [...warranty.reasons], applied: applied !== null } : null,
      lines: rows.map((r) => lineOut(r.row, r.partCode)),
      totals: {
        list: formatFen(sum((r) => r.list)),
        cost: formatFen(sum((r) => r.cost)),
        charged: formatFen(sum((r) => r.charged)),
        labour: formatFen(sum((r) => r.charged, 'labour')),
        parts: formatFen(sum((r) => r.charged, 'parts')),
        travel: formatFen(sum((r) => r.charged, 'travel')),
      },
      locked: isLocking(request),
      invoiceRequest: request ? invoiceView(ctx, request) : null,
    },
  };
}

export async function readCharges(ctx: Ctx, workOrderId: number) {
  return (await computeCharges(ctx, await getWorkOrder(ctx, workOrderId))).view;
}

export interface ChargeLineInput {
  kind: ChargeKind;
  description?: string | null;
  partId?: number | null;
  qty: number;
  rate?: string | null;
  unitCost?: string | null;
}

const DEFAULT_DESCRIPTION: Record<ChargeKind, string> = { labour: '工时费', parts: '配件', travel: '交通费' };

/** Adds a manual line (labour, parts or travel) while no invoice is requested. */
export async function addChargeLine(ctx: Ctx, workOrderId: number, input: ChargeLineInput) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const req = await latestRequest(ctx, wo.id);
  if (isLocking(req)) throw new AppError('charges_locked', { status: req!.status });
  const qty = toMilli(input.qty, 'qty');
  let rate = input.rate == null ? null : toFen(input.rate, 'rate');
  let unitCost = input.unitCost == null ? null : toFen(input.unitCost, 'unitCost');
  let description = input.description?.trim() || '';
  if (input.partId != null) {
    if (input.kind !== 'parts') throw new AppError('validation_failed', { reason: 'partId only on parts lines' });
    const part = await ctx.db.selectFrom('parts').select(['id', 'name', 'sale_price']).where('id', '=', input.partId).executeTakeFirst();
    if (!part) throw new AppError('unknown_part', { partId: input.partId });
    rate ??= part.sale_price;
    description ||= part.name;
    if (unitCost === null) {
      const lot = await ctx.db.selectFrom('lots').select('unit_cost').where('part_id', '=', part.id).orderBy('received_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      unitCost = lot?.unit_cost ?? null;
    }
  }
  if (rate === null) throw new AppError('validation_failed', { reason: 'rate is required' });
  if (input.kind !== 'parts' && unitCost !== null) unitCost = null;
  const row = await ctx.db
    .insertInto('charge_lines')
    .values({ work_order_id: wo.id, kind: input.kind, description: description || DEFAULT_DESCRIPTION[input.kind], part_id: input.partId ?? null, qty, rate, unit_cost: unitCost, created_by: ctx.actor.id, created_at: ctx.clock.now() })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'charge_line', row.id, null, chargeLineAudit(row));
  return readCharges(ctx, wo.id);
}

const chargeLineAudit = (r: ChargeLinesRow) => ({ workOrderId: r.work_order_id, kind: r.kind, description: r.description, partId: r.part_id, qty: fromMilli(Number(r.qty)), rate: formatFen(Number(r.rate)) });

/** Removes a manual line while no invoice is requested. */
export async function removeChargeLine(ctx: Ctx, workOrderId: number, lineId: number) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const line = await ctx.db.selectFrom('charge_lines').selectAll().where('id', '=', lineId).where('work_order_id', '=', wo.id).executeTakeFirst();
  if (!line) throw new AppError('unknown_charge_line', { lineId });
  const req = await latestRequest(ctx, wo.id);
  if (isLocking(req)) throw new AppError('charges_locked', { status: req!.status });
  await ctx.db.deleteFrom('charge_lines').where('id', '=', lineId).execute();
  await audit(ctx, 'delete', 'charge_line', lineId, chargeLineAudit(line), null);
  return readCharges(ctx, wo.id);
}

type RequestWithNames = InvoiceRequestsRow & { work_order_number?: string; customer_name?: string; requested_by_name?: string | null };

export function invoiceView(ctx: Pick<Ctx, 'timeZone'>, r: RequestWithNames) {
  const snap = JSON.parse(r.snapshot) as { lines?: unknown[]; totals?: unknown };
  return {
    id: r.id,
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number ?? null,
    customerName: r.customer_name ?? null,
    status: r.status,
    amount: formatFen(Number(r.amount)),
    lines: (snap.lines ?? []) as Record<string, unknown>[],
    note: r.note,
    invoiceNo: r.invoice_no,
    rejectReason: r.reject_reason,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name ?? null,
    requestedAt: isoInZone(r.requested_at, ctx.timeZone),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : isoInZone(r.decided_at, ctx.timeZone),
    version: r.version,
  };
}

/** Asks finance to invoice what the customer owes; one open or invoiced request per work order. */
export async function requestInvoice(ctx: Ctx, workOrderId: number, input: { note?: string | null }) {
  const wo = await getWorkOrder(ctx, workOrderId);
  if (wo.status === 'cancelled') throw new AppError('work_order_finished', { status: wo.status });
  const { fen, view } = await computeCharges(ctx, wo);
  if (view.invoiceRequest && isLocking(await latestRequest(ctx, wo.id))) throw new AppError('invoice_already_requested', { status: view.invoiceRequest.status });
  if (fen.charged <= 0) throw new AppError('nothing_to_invoice');
  const row = await ctx.db
    .insertInto('invoice_requests')
    .values({
      work_order_id: wo.id,
      status: 'requested',
      amount: fen.charged,
      snapshot: JSON.stringify({ lines: view.lines, totals: view.totals, warranty: view.warranty }),
      note: input.note?.trim() || null,
      invoice_no: null,
      reject_reason: null,
      station_id: wo.station_id,
      requested_by: ctx.actor.id,
      requested_at: ctx.clock.now(),
      decided_by: null,
      decided_at: null,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'request', 'invoice_request', row.id, null, { workOrderId: wo.id, amount: formatFen(fen.charged) });
  return readInvoiceRequest(ctx, row.id);
}

function requestsQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('invoice_requests as r')
    .innerJoin('work_orders as w', 'w.id', 'r.work_order_id')
    .innerJoin('customers as c', 'c.id', 'w.customer_id')
    .leftJoin('users as u', 'u.id', 'r.requested_by')
    .selectAll('r')
    .select(['w.number as work_order_number', 'c.name as customer_name', 'u.display_name as requested_by_name']);
}

export async function readInvoiceRequest(ctx: Ctx, id: number) {
  const r = await requestsQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  const own = stationOf(ctx.actor);
  if (!r || (own !== undefined && r.station_id !== own)) throw new AppError('unknown_invoice_request', { requestId: id });
  return invoiceView(ctx, r);
}

/** Finance's inbox: requests by status, oldest waiting first. */
export async function listInvoiceRequests(ctx: Ctx, query: { status?: InvoiceStatus; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = requestsQuery(ctx);
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('r.station_id', '=', own);
  if (query.status) q = q.where('r.status', '=', query.status);
  if (after) q = q.where('r.id', '>', Number(after[0]));
  const rows = await q.orderBy('r.id').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (r) => invoiceView(ctx, r), (r) => [r.id]);
}

/** Finance records the invoice number, or rejects the request (the lines unlock). */
export async function decideInvoiceRequest(ctx: Ctx, id: number, input: { version: number; decision: 'invoiced' | 'rejected'; invoiceNo?: string | null; reason?: string | null }) {
  const before = await ctx.db.selectFrom('invoice_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('unknown_invoice_request', { requestId: id });
  if (before.status !== 'requested') throw new AppError('invoice_request_decided', { status: before.status });
  if (before.version !== input.version) throw new AppError('version_conflict', { current: before.version });
  const invoiceNo = input.invoiceNo?.trim() || null;
  const reason = input.reason?.trim() || null;
  if (input.decision === 'invoiced' && !invoiceNo) throw new AppError('validation_failed', { reason: 'invoiceNo is required' });
  if (input.decision === 'rejected' && !reason) throw new AppError('validation_failed', { reason: 'reason is required' });
  const after = await ctx.db
    .updateTable('invoice_requests')
    .set({ status: input.decision, invoice_no: input.decision === 'invoiced' ? invoiceNo : null, reject_reason: input.decision === 'rejected' ? reason : null, decided_by: ctx.actor.id, decided_at: ctx.clock.now(), version: input.version + 1 })
    .where('id', '=', id)
    .where('version', '=', input.version)
    .where('status', '=', 'requested')
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, input.decision === 'invoiced' ? 'invoice' : 'reject', 'invoice_request', id, invoiceView(ctx, before), invoiceView(ctx, after));
  return readInvoiceRequest(ctx, id);
}
