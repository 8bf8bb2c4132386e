import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone, parseInstant } from '../../platform/clock.js';
import { fromMilli, toMilli } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { assertWorkOrderRef, checkLineCount, loadParts } from './documents.js';
import { adjustReserved, assertAvailable, lockLevels, nextNumber } from './ledger.js';
import { NUMBER_PREFIX, sumLines } from './ledger.rules.js';
import { assertEmployeeInScope, assertStationScope, getLocation, getStore, isOwnHoldingOnly, isStationScoped } from './locations.js';
import type { ReservationLinesRow, ReservationsRow } from './tables.js';

export interface ReservationInput {
  locationId: number;
  forUserId?: number | null;
  forLocationId?: number | null;
  expiresAt?: string | null;
  workOrderId?: number | null;
  remark?: string | null;
  lines: { partId: number; qty: number }[];
}

type LineWithPart = ReservationLinesRow & { part_code?: string; part_name?: string };

export function reservationView(ctx: Pick<Ctx, 'timeZone'>, r: ReservationsRow, lines: LineWithPart[]) {
  return {
    id: r.id,
    number: r.number,
    locationId: r.location_id,
    forUserId: r.for_user_id,
    forLocationId: r.for_location_id,
    status: r.status,
    expiresAt: r.expires_at === null ? null : isoInZone(r.expires_at, ctx.timeZone),
    remark: r.remark,
    workOrderId: r.work_order_id,
    createdBy: r.created_by,
    createdAt: isoInZone(r.created_at, ctx.timeZone),
    version: r.version,
    lines: lines.map((l) => ({ id: l.id, partId: l.part_id, ...(l.part_code !== undefined ? { partCode: l.part_code, partName: l.part_name } : {}), qty: fromMilli(l.qty), openQty: fromMilli(l.open_qty) })),
  };
}

/** Holds quantities for an employee or a station (R-INV-5); they stop being available to others. */
export async function createReservation(ctx: Ctx, input: ReservationInput) {
  checkLineCount(input.lines);
  if ((input.forUserId == null) === (input.forLocationId == null)) throw new AppError('reservation_target');
  const store = await getStore(ctx, input.locationId, ['warehouse', 'station']);
  if (input.forUserId != null) {
    if (isOwnHoldingOnly(ctx.actor) && input.forUserId !== ctx.actor.id) throw new AppError('own_holding_only');
    const u = await ctx.db.selectFrom('users').select(['id', 'disabled', 'station_id']).where('id', '=', input.forUserId).executeTakeFirst();
    if (!u || u.disabled) throw new AppError('unknown_user', { userId: input.forUserId });
    assertEmployeeInScope(ctx.actor, u);
  } else {
    if (isOwnHoldingOnly(ctx.actor)) throw new AppError('own_holding_only');
    const target = await getLocation(ctx, input.forLocationId!);
    if (target.kind !== 'station') throw new AppError('wrong_location_kind', { kind: target.kind });
    assertStationScope(ctx.actor, target);
  }
  let expiresAt: number | null = null;
  if (input.expiresAt) {
    expiresAt = parseInstant(input.expiresAt, ctx.timeZone, 'end');
    if (Number.isNaN(expiresAt)) throw new AppError('invalid_date', { field: 'expiresAt' });
    if (expiresAt <= ctx.clock.now()) throw new AppError('expiry_in_past', { field: 'expiresAt' });
  }
  const lines = sumLines(input.lines.map((l, i) => ({ partId: l.partId, qty: toMilli(l.qty, `lines.${i}.qty`) })));
  await assertWorkOrderRef(ctx, input.workOrderId);
  const parts = await loadParts(ctx, lines.map((l) => l.partId));
  const levels = await lockLevels(ctx, lines.map((l) => ({ locationId: store.id, partId: l.partId })));
  for (const l of lines) assertAvailable(levels, store.id, l.partId, l.qty, parts.get(l.partId)!.code);
  const now = ctx.clock.now();
  const res = await ctx.db
    .insertInto('reservations')
    .values({
      number: await nextNumber(ctx, NUMBER_PREFIX.reservation),
      location_id: store.id,
      for_user_id: input.forUserId ?? null,
      for_location_id: input.forLocationId ?? null,
      status: 'open',
      expires_at: expiresAt,
      remark: input.remark ?? null,
      work_order_id: input.workOrderId ?? null,
      station_id: input.forLocationId ?? (isStationScoped(ctx.actor) ? ctx.actor.stationId : null),
      created_by: ctx.actor.id,
      created_at: now,
      closed_at: null,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const rows = await ctx.db
    .insertInto('reservation_lines')
    .values(lines.map((l) => ({ reservation_id: res.id, part_id: l.partId, qty: l.qty, open_qty: l.qty })))
    .returningAll()
    .execute();
  await adjustReserved(ctx, store.id, lines.map((l) => ({ partId: l.partId, delta: l.qty })));
  await audit(ctx, 'create', 'reservation', res.id, null, { number: res.number });
  return reservationView(ctx, res, rows);
}

/** Releases what is still open on a reservation and closes it as cancelled or expired. */
async function closeReservation(ctx: Ctx, res: ReservationsRow, status: 'cancelled' | 'expired') {
  const lines = await ctx.db.selectFrom('reservation_lines').selectAll().where('reservation_id', '=', res.id).execute();
  await lockLevels(ctx, lines.map((l) => ({ locationId: res.location_id, partId: l.part_id })));
  await adjustReserved(ctx, res.location_id, lines.map((l) => ({ partId: l.part_id, delta: -l.open_qty })));
  await ctx.db.updateTable('reservation_lines').set({ open_qty: 0 }).where('reservation_id', '=', res.id).execute();
  const after = await ctx.db
    .updateTable('reservations')
    .set({ status, closed_at: ctx.clock.now(), version: res.version + 1 })
    .where('id', '=', res.id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, status === 'cancelled' ? 'cancel' : 'expire', 'reservation', res.id, { status: res.status }, { status });
  return reservationView(ctx, after, lines.map((l) => ({ ...l, open_qty: 0 })));
}

/**
 * A reservation row. `forDecision`: the caller is about to release or close it; on PostgreSQL the
 * row is locked first (before any stock level, the order every caller keeps), so a cancel and an
 * issue against the same reservation, or two cancels, take turns and the second sees what the
 * first left open.
 */
export async function reservationRow(ctx: Ctx, id: number, opts: { forDecision?: boolean } = {}) {
  return ctx.db
    .selectFrom('reservations')
    .selectAll()
    .where('id', '=', id)
    .$if(!!opts.forDecision && ctx.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function getReservation(ctx: Ctx, id: number, opts: { forDecision?: boolean } = {}) {
  const res = await reservationRow(ctx, id, opts);
  if (!res) throw new AppError('not_found');
  if (isStationScoped(ctx.actor) && res.station_id !== ctx.actor.stationId && res.for_location_id !== ctx.actor.stationId) throw new AppError('not_found');
  if (isOwnHoldingOnly(ctx.actor) && res.for_user_id !== ctx.actor.id && res.created_by !== ctx.actor.id) throw new AppError('not_found');
  return res;
}

export async function cancelReservation(ctx: Ctx, id: number) {
  const res = await getReservation(ctx, id, { forDecision: true });
  if (res.status !== 'open') throw new AppError('reservation_not_open', { status: res.status });
  return closeReservation(ctx, res, 'cancelled');
}

/** Expires open reservations past their time; run by the scheduler, idempotent across processes. */
export async function expireReservations(ctx: Ctx): Promise<number> {
  const due = await ctx.db.selectFrom('reservations').select('id').where('status', '=', 'open').where('expires_at', '<=', ctx.clock.now()).orderBy('id').limit(200).execute();
  let expired = 0;
  for (const { id } of due) {
    // Locked and read again: an issue or a cancel may have closed it since the list was read.
    const r = await reservationRow(ctx, id, { forDecision: true });
    if (r?.status !== 'open') continue;
    await closeReservation(ctx, r, 'expired');
    expired++;
  }
  return expired;
}

export async function listReservations(ctx: Ctx, q: { status?: string; forUserId?: number; limit: number; cursor?: string }) {
  let query = ctx.db.selectFrom('reservations').selectAll();
  if (q.status) query = query.where('status', '=', q.status as never);
  if (q.forUserId) query = query.where('for_user_id', '=', q.forUserId);
  if (isStationScoped(ctx.actor)) query = query.where((eb) => eb.or([eb('station_id', '=', ctx.actor.stationId), eb('for_location_id', '=', ctx.actor.stationId)]));
  if (isOwnHoldingOnly(ctx.actor)) query = query.where((eb) => eb.or([eb('for_user_id', '=', ctx.actor.id), eb('created_by', '=', ctx.actor.id)]));
  const after = decodeCursor(q.cursor, 'n');
  if (after) query = query.where('id', '<', Number(after[0]));
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  const ids = rows.slice(0, q.limit).map((r) => r.id);
  // Part code and name joined in, so the list needs no per-line lookups.
  const lines = ids.length
    ? await ctx.db.selectFrom('reservation_lines as l').innerJoin('parts as p', 'p.id', 'l.part_id').selectAll('l').select(['p.code as part_code', 'p.name as part_name']).where('l.reservation_id', 'in', ids).orderBy('l.id').execute()
    : [];
  return toPage(rows, q.limit, (r) => reservationView(ctx, r, lines.filter((l) => l.reservation_id === r.id)), (r) => [r.id]);
}
