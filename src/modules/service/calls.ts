// The calls and letters log (來電來函處理記錄, R-SVC-2): every call, letter, e-mail or web form in
// time order, with the reply and status; a call can open a work order.
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { getCustomer } from './customers.js';
import { stationOf } from './shared.js';
import type { ServiceCallsRow, ServiceCallsTable } from './tables.js';
import { getUnit } from './units.js';

export function callView(c: ServiceCallsRow, timeZone: string) {
  return { id: c.id, receivedAt: isoInZone(c.received_at, timeZone), channel: c.channel, caller: c.caller, callerPhone: c.caller_phone, customerId: c.customer_id, unitId: c.unit_id, summary: c.summary, reply: c.reply, status: c.status, workOrderId: c.work_order_id, stationId: c.station_id, createdBy: c.created_by, version: c.version };
}

export interface CallInput {
  channel: ServiceCallsTable['channel'];
  caller: string;
  callerPhone?: string | null;
  customerId?: number | null;
  unitId?: number | null;
  summary: string;
  reply?: string | null;
  status?: ServiceCallsTable['status'];
  receivedAt?: number;
}

async function checkRefs(ctx: Ctx, customerId: number | null | undefined, unitId: number | null | undefined) {
  const customer = customerId != null ? await getCustomer(ctx, customerId) : null;
  if (unitId != null) {
    const unit = await getUnit(ctx, unitId);
    if (customerId != null && unit.customer_id !== customerId) throw new AppError('unit_of_other_customer');
  }
  return customer;
}

export async function getCall(ctx: Ctx, id: number): Promise<ServiceCallsRow> {
  const c = await ctx.db.selectFrom('service_calls').selectAll().where('id', '=', id).executeTakeFirst();
  const own = stationOf(ctx.actor);
  if (!c || (own !== undefined && c.station_id !== own)) throw new AppError('unknown_call', { callId: id });
  return c;
}

export async function logCall(ctx: Ctx, input: CallInput) {
  const customer = await checkRefs(ctx, input.customerId, input.unitId);
  const own = stationOf(ctx.actor);
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('service_calls')
    .values({
      received_at: input.receivedAt ?? now,
      channel: input.channel,
      caller: input.caller,
      caller_phone: input.callerPhone ?? null,
      customer_id: input.customerId ?? null,
      unit_id: input.unitId ?? null,
      summary: input.summary,
      reply: input.reply ?? null,
      status: input.status ?? (input.reply ? 'answered' : 'open'),
      work_order_id: null,
      station_id: own !== undefined ? own : (customer?.station_id ?? null),
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'service_call', row.id, null, callView(row, ctx.timeZone));
  return callView(row, ctx.timeZone);
}

export async function updateCall(ctx: Ctx, id: number, version: number, patch: Partial<Omit<CallInput, 'receivedAt'>>) {
  const before = await getCall(ctx, id);
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const merged = { customerId: patch.customerId !== undefined ? patch.customerId : before.customer_id, unitId: patch.unitId !== undefined ? patch.unitId : before.unit_id };
  if (patch.customerId !== undefined || patch.unitId !== undefined) await checkRefs(ctx, merged.customerId, merged.unitId);
  const cols: Partial<ServiceCallsRow> = {};
  if (patch.channel !== undefined) cols.channel = patch.channel;
  if (patch.caller !== undefined) cols.caller = patch.caller;
  if (patch.callerPhone !== undefined) cols.caller_phone = patch.callerPhone;
  if (patch.customerId !== undefined) cols.customer_id = patch.customerId;
  if (patch.unitId !== undefined) cols.unit_id = patch.unitId;
  if (patch.summary !== undefined) cols.summary = patch.summary;
  if (patch.reply !== undefined) cols.reply = patch.reply;
  if (patch.status !== undefined) cols.status = patch.status;
  const after = await ctx.db.updateTable('service_calls').set({ ...cols, version: version + 1, updated_at: ctx.clock.now() }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'service_call', id, callView(before, ctx.timeZone), callView(after, ctx.timeZone));
  return callView(after, ctx.timeZone);
}

/** The log newest first (time order, ties by id). */
export async function listCalls(ctx: Ctx, query: { status?: string; customerId?: number; from?: number; to?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'nn');
  let q = ctx.db.selectFrom('service_calls').selectAll();
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('station_id', '=', own);
  if (query.status) q = q.where('status', '=', query.status as never);
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  if (query.from !== undefined) q = q.where('received_at', '>=', query.from);
  if (query.to !== undefined) q = q.where('received_at', '<=', query.to);
  if (after) {
    const [t, id] = [Number(after[0]), Number(after[1])];
    q = q.where((eb) => eb.or([eb('received_at', '<', t), eb.and([eb('received_at', '=', t), eb('id', '<', id)])]));
  }
  const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (r) => callView(r, ctx.timeZone), (r) => [r.received_at, r.id]);
}
