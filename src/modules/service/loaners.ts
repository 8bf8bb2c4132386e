// Loaner units (備機, R-SVC-9): a pool of units (available / lent / maintenance), lent against a
// work order with a due-back day and returned; the open loans past their day are the overdue list.
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { localDay } from './calendar.js';
import { assertDay } from './shared.js';
import { getWorkOrder } from './work-orders.js';
import type { LoanerLoansRow, LoanerStatus, LoanerUnitsRow } from './extras-tables.js';
import './extras-errors.js';

type LoanWithNames = LoanerLoansRow & { work_order_number?: string | null; customer_name?: string | null; serial?: string | null; model?: string | null };

export function loanView(ctx: Pick<Ctx, 'timeZone' | 'clock'>, l: LoanWithNames) {
  const today = localDay(ctx.clock.now(), ctx.timeZone);
  return {
    id: l.id,
    loanerId: l.loaner_id,
    serial: l.serial ?? null,
    model: l.model ?? null,
    workOrderId: l.work_order_id,
    workOrderNumber: l.work_order_number ?? null,
    customerId: l.customer_id,
    customerName: l.customer_name ?? null,
    dueBack: l.due_back,
    overdue: l.returned_at === null && l.due_back < today,
    note: l.note,
    lentBy: l.lent_by,
    lentAt: isoInZone(l.lent_at, ctx.timeZone),
    returnedBy: l.returned_by,
    returnedAt: l.returned_at === null ? null : isoInZone(l.returned_at, ctx.timeZone),
    returnNote: l.return_note,
  };
}

export function loanerView(ctx: Pick<Ctx, 'timeZone' | 'clock'>, u: LoanerUnitsRow, loan?: LoanWithNames | null) {
  return { id: u.id, serial: u.serial, model: u.model, status: u.status, note: u.note, currentLoan: loan ? loanView(ctx, loan) : null, version: u.version };
}

export async function getLoaner(ctx: Ctx, id: number): Promise<LoanerUnitsRow> {
  const u = await ctx.db.selectFrom('loaner_units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw new AppError('unknown_loaner', { loanerId: id });
  return u;
}

function loansQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('loaner_loans as l')
    .innerJoin('loaner_units as u', 'u.id', 'l.loaner_id')
    .innerJoin('work_orders as w', 'w.id', 'l.work_order_id')
    .innerJoin('customers as c', 'c.id', 'l.customer_id')
    .selectAll('l')
    .select(['u.serial', 'u.model', 'w.number as work_order_number', 'c.name as customer_name']);
}

async function openLoan(ctx: Ctx, loanerId: number) {
  return loansQuery(ctx).where('l.loaner_id', '=', loanerId).where('l.returned_at', 'is', null).executeTakeFirst();
}

export async function readLoaner(ctx: Ctx, id: number) {
  const u = await getLoaner(ctx, id);
  return loanerView(ctx, u, await openLoan(ctx, id));
}

/** Adds a unit to the pool. */
export async function createLoaner(ctx: Ctx, input: { serial: string; model: string; note?: string | null }) {
  const serial = input.serial.trim();
  if (!serial || !input.model.trim()) throw new AppError('validation_failed', { reason: 'serial and model are required' });
  if (await ctx.db.selectFrom('loaner_units').select('id').where('serial', '=', serial).executeTakeFirst()) throw new AppError('duplicate', { field: 'serial' });
  const now = ctx.clock.now();
  const row = await ctx.db.insertInto('loaner_units').values({ serial, model: input.model.trim(), status: 'available', note: input.note?.trim() || null, version: 1, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'loaner', row.id, null, loanerView(ctx, row));
  return loanerView(ctx, row);
}

/** Edits model/note, or moves a unit between available and maintenance (a lent one only by return). */
export async function updateLoaner(ctx: Ctx, id: number, version: number, patch: { model?: string; note?: string | null; status?: Exclude<LoanerStatus, 'lent'> }) {
  const before = await getLoaner(ctx, id);
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  if (patch.status !== undefined && before.status === 'lent') throw new AppError('loaner_status_locked');
  if (patch.model !== undefined && !patch.model.trim()) throw new AppError('validation_failed', { reason: 'model is required' });
  const after = await ctx.db
    .updateTable('loaner_units')
    .set({ ...(patch.model !== undefined ? { model: patch.model.trim() } : {}), ...(patch.note !== undefined ? { note: patch.note?.trim() || null } : {}), ...(patch.status !== undefined ? { status: patch.status } : {}), version: version + 1, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'loaner', id, loanerView(ctx, before), loanerView(ctx, after));
  return readLoaner(ctx, id);
}

/** Lends an available unit against a work order until a day (today or later). */
export async function lendLoaner(ctx: Ctx, id: number, input: { version: number; workOrderId: number; dueBack: string; note?: string | null }) {
  const before = await getLoaner(ctx, id);
  const wo = await getWorkOrder(ctx, input.workOrderId);
  const dueBack = assertDay(input.dueBack)!;
  if (dueBack < localDay(ctx.clock.now(), ctx.timeZone)) throw new AppError('due_back_in_past');
  if (before.status !== 'available') throw new AppError('loaner_not_available', { status: before.status });
  if (before.version !== input.version) throw new AppError('version_conflict', { current: before.version });
  const now = ctx.clock.now();
  const after = await ctx.db.updateTable('loaner_units').set({ status: 'lent', version: input.version + 1, updated_at: now }).where('id', '=', id).where('version', '=', input.version).where('status', '=', 'available').returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  const loan = await ctx.db
    .insertInto('loaner_loans')
    .values({ loaner_id: id, work_order_id: wo.id, customer_id: wo.customer_id, due_back: dueBack, note: input.note?.trim() || null, lent_by: ctx.actor.id, lent_at: now, returned_by: null, returned_at: null, return_note: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'lend', 'loaner', id, loanerView(ctx, before), { ...loanerView(ctx, after), loanId: loan.id, workOrderId: wo.id, dueBack });
  return readLoaner(ctx, id);
}

/** Takes a lent unit back; it becomes available, or maintenance when it needs work. */
export async function returnLoaner(ctx: Ctx, id: number, input: { version: number; note?: string | null; toMaintenance?: boolean }) {
  const before = await getLoaner(ctx, id);
  if (before.status !== 'lent') throw new AppError('loaner_not_lent');
  if (before.version !== input.version) throw new AppError('version_conflict', { current: before.version });
  const loan = await openLoan(ctx, id);
  if (!loan) throw new AppError('loaner_not_lent');
  // The work order's scope guards who may take it back (a station sees its own).
  await getWorkOrder(ctx, loan.work_order_id);
  const now = ctx.clock.now();
  const after = await ctx.db.updateTable('loaner_units').set({ status: input.toMaintenance ? 'maintenance' : 'available', version: input.version + 1, updated_at: now }).where('id', '=', id).where('version', '=', input.version).returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await ctx.db.updateTable('loaner_loans').set({ returned_at: now, returned_by: ctx.actor.id, return_note: input.note?.trim() || null }).where('id', '=', loan.id).execute();
  await audit(ctx, 'return', 'loaner', id, loanerView(ctx, before, loan), loanerView(ctx, after));
  return readLoaner(ctx, id);
}

/** The pool by serial, each with its open loan. */
export async function listLoaners(ctx: Ctx, query: { status?: LoanerStatus; q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('loaner_units').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q?.trim()) q = q.where((eb) => eb.or([eb('serial', 'like', `%${query.q!.trim()}%`), eb('model', 'like', `%${query.q!.trim()}%`)]));
  if (after) q = q.where('id', '>', Number(after[0]));
  const rows = await q.orderBy('id').limit(query.limit + 1).execute();
  const ids = rows.map((r) => r.id);
  const loans = ids.length ? await loansQuery(ctx).where('l.loaner_id', 'in', ids).where('l.returned_at', 'is', null).execute() : [];
  const byLoaner = new Map(loans.map((l) => [l.loaner_id, l]));
  return toPage(rows, query.limit, (r) => loanerView(ctx, r, byLoaner.get(r.id)), (r) => [r.id]);
}

/** Loans, newest first: open ones, overdue ones (open and past their day), or one work order's. */
export async function listLoans(ctx: Ctx, query: { open?: boolean; overdue?: boolean; workOrderId?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = loansQuery(ctx);
  if (query.open || query.overdue) q = q.where('l.returned_at', 'is', null);
  if (query.overdue) q = q.where('l.due_back', '<', localDay(ctx.clock.now(), ctx.timeZone));
  if (query.workOrderId) q = q.where('l.work_order_id', '=', query.workOrderId);
  if (after) q = q.where('l.id', '<', Number(after[0]));
  const rows = await q.orderBy('l.id', 'desc').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (l) => loanView(ctx, l), (l) => [l.id]);
}
