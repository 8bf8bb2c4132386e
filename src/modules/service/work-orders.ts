// Service requests and work orders (R-SVC-3, R-SVC-4): create with SLA due times, move through the
// transition table (every move an event with time and actor), assign technicians with one in charge.
// Technicians see only work orders assigned to them, station users only their station's.
import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { nextNumber } from '../inventory/ledger.js';
import { createShortage } from '../inventory/shortages.js';
import { getCall } from './calls.js';
import { getCustomer, getSite } from './customers.js';
import { assertStation, stationOf } from './shared.js';
import { breachView, computeSla, recordLateMilestone, stationToSiteMeters } from './sla.js';
import { targetLight, worstLight, type DueTimes } from './sla.rules.js';
import type { ServiceType, WorkOrderStatus, WorkOrdersRow } from './tables.js';
import { actsAsTechnicianOnly, checkTransition, milestoneOf, OPEN_STATUSES, TRANSITIONS } from './transitions.rules.js';
import { getUnit } from './units.js';
import { likePattern } from '../catalog/search.rules.js';
import './report-errors.js';

export type Priority = WorkOrdersRow['priority'];

export function workOrderView(ctx: Pick<Ctx, 'timeZone' | 'clock'>, w: WorkOrdersRow, technicianIds: number[] = []) {
  const iso = (ms: number | null) => (ms === null ? null : isoInZone(ms, ctx.timeZone));
  const now = ctx.clock.now();
  const light = {
    response: targetLight(now, w.sla_started_at, w.response_due_at, w.responded_at),
    arrival: targetLight(now, w.sla_started_at, w.arrival_due_at, w.arrived_at),
    resolution: targetLight(now, w.sla_started_at, w.resolution_due_at, w.resolved_at),
  };
  // A finished or cancelled order's open targets no longer tick.
  const live = OPEN_STATUSES.includes(w.status) || w.status === 'resolved';
  const shown = live ? light : { response: w.responded_at === null ? null : light.response, arrival: w.arrived_at === null ? null : light.arrival, resolution: w.resolved_at === null ? null : light.resolution };
  return {
    id: w.id,
    number: w.number,
    status: w.status,
    serviceType: w.service_type,
    category: w.category,
    priority: w.priority,
    fault: w.fault,
    customerId: w.customer_id,
    siteId: w.site_id,
    unitId: w.unit_id,
    callId: w.call_id,
    stationId: w.station_id,
    distanceKm: w.distance_m === null ? null : Math.round(w.distance_m / 100) / 10,
    contract: !!w.contract,
    leadTechnicianId: w.lead_technician_id,
    technicianIds,
    cycle: w.cycle,
    sla: {
      startedAt: isoInZone(w.sla_started_at, ctx.timeZone),
      responseDueAt: iso(w.response_due_at),
      arrivalDueAt: iso(w.arrival_due_at),
      resolutionDueAt: iso(w.resolution_due_at),
      respondedAt: iso(w.responded_at),
      arrivedAt: iso(w.arrived_at),
      resolvedAt: iso(w.resolved_at),
      loanerIfUnresolved: !!w.loaner_if_unresolved,
      response: shown.response,
      arrival: shown.arrival,
      resolution: shown.resolution,
      status: worstLight([shown.response, shown.arrival, shown.resolution]),
    },
    createdAt: isoInZone(w.created_at, ctx.timeZone),
    updatedAt: isoInZone(w.updated_at, ctx.timeZone),
    version: w.version,
  };
}

async function technicianIdsOf(ctx: Ctx, ids: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (ids.length === 0) return out;
  const rows = await ctx.db.selectFrom('work_order_technicians').select(['work_order_id', 'user_id']).where('work_order_id', 'in', ids).orderBy('user_id').execute();
  for (const r of rows) out.set(r.work_order_id, [...(out.get(r.work_order_id) ?? []), r.user_id]);
  return out;
}

/** The work order, if the actor may see it; otherwise not-found (its existence is not disclosed). */
export async function getWorkOrder(ctx: Ctx, id: number): Promise<WorkOrdersRow> {
  const w = await ctx.db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!w) throw new AppError('unknown_work_order', { workOrderId: id });
  const own = stationOf(ctx.actor);
  if (own !== undefined && w.station_id !== own) throw new AppError('unknown_work_order', { workOrderId: id });
  if (actsAsTechnicianOnly(ctx.actor.roles)) {
    const mine = await ctx.db.selectFrom('work_order_technicians').select('user_id').where('work_order_id', '=', id).where('user_id', '=', ctx.actor.id).executeTakeFirst();
    if (!mine) throw new AppError('unknown_work_order', { workOrderId: id });
  }
  return w;
}

async function event(ctx: Ctx, workOrderId: number, action: string, from: string | null, to: string | null, note?: string | null, data?: unknown) {
  await ctx.db
    .insertInto('work_order_events')
    .values({ work_order_id: workOrderId, action, from_status: from, to_status: to, note: note ?? null, data: data === undefined ? null : JSON.stringify(data), actor_id: ctx.actor.id || null, at: ctx.clock.now() })
    .execute();
}

/** The columns of an SLA cycle starting at `now` (a new order, a reopened one): due times, their policies, no milestone met. */
function freshSlaCycle(sla: DueTimes, now: number) {
  return {
    sla_started_at: now,
    response_due_at: sla.due.response?.at ?? null,
    arrival_due_at: sla.due.arrival?.at ?? null,
    resolution_due_at: sla.due.resolution?.at ?? null,
    response_policy_id: sla.due.response?.policyId ?? null,
    arrival_policy_id: sla.due.arrival?.policyId ?? null,
    resolution_policy_id: sla.due.resolution?.policyId ?? null,
    loaner_if_unresolved: sla.loanerIfUnresolved ? 1 : 0,
    responded_at: null,
    arrived_at: null,
    resolved_at: null,
  } satisfies Partial<WorkOrdersRow>;
}

export interface WorkOrderInput {
  customerId: number;
  siteId?: number | null;
  unitId?: number | null;
  callId?: number | null;
  stationId?: number | null;
  serviceType: ServiceType;
  category: string;
  priority?: Priority;
  fault: string;
}

/** Logs a service request as a work order (WO-2026-000123) with its SLA due times (R-SVC-5). */
export async function createWorkOrder(ctx: Ctx, input: WorkOrderInput) {
  const customer = await getCustomer(ctx, input.customerId);
  if (input.siteId != null && (await getSite(ctx, input.siteId)).customer_id !== customer.id) throw new AppError('site_of_other_customer');
  let siteId = input.siteId ?? null;
  if (input.unitId != null) {
    const unit = await getUnit(ctx, input.unitId);
    if (unit.customer_id !== customer.id) throw new AppError('unit_of_other_customer');
    siteId ??= unit.site_id;
  }
  const call = input.callId != null ? await getCall(ctx, input.callId) : null;
  const own = stationOf(ctx.actor);
  const stationId = own !== undefined ? own : (input.stationId ?? customer.station_id);
  await assertStation(ctx, stationId);
  const category = input.category.trim().toLowerCase();
  if (!category || !input.fault.trim()) throw new AppError('validation_failed', { reason: 'category and fault are required' });
  const now = ctx.clock.now();
  const distance = await stationToSiteMeters(ctx, stationId, siteId);
  const sla = await computeSla(ctx, { serviceType: input.serviceType, category, distanceM: distance, contract: !!customer.contract }, now);
  const row = await ctx.db
    .insertInto('work_orders')
    .values({
      number: await nextNumber(ctx, 'WO'),
      status: 'new',
      service_type: input.serviceType,
      category,
      priority: input.priority ?? 'normal',
      fault: input.fault,
      customer_id: customer.id,
      site_id: siteId,
      unit_id: input.unitId ?? null,
      call_id: call?.id ?? null,
      station_id: stationId,
      distance_m: distance,
      contract: customer.contract,
      lead_technician_id: null,
      cycle: 0,
      ...freshSlaCycle(sla, now),
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (call) await ctx.db.updateTable('service_calls').set({ work_order_id: row.id, version: call.version + 1, updated_at: now }).where('id', '=', call.id).execute();
  await event(ctx, row.id, 'create', null, 'new', null, { policies: { response: row.response_policy_id, arrival: row.arrival_policy_id, resolution: row.resolution_policy_id } });
  const view = workOrderView(ctx, row);
  await audit(ctx, 'create', 'work_order', row.id, null, view);
  return view;
}

export interface TransitionInput {
  to: WorkOrderStatus;
  version: number;
  note?: string | null;
  /** Why a target was reached late (recorded with the breach). */
  breachCause?: string | null;
  /** For waiting_parts: the missing parts; each becomes a shortage line (R-INV-6). */
  parts?: { partId?: number | null; description?: string | null; qty: number }[];
}

/** Moves a work order along the transition table; late milestones record a breach with its cause. */
export async function transitionWorkOrder(ctx: Ctx, id: number, input: TransitionInput, via: { signedReport?: boolean } = {}) {
  const before = await getWorkOrder(ctx, id);
  const check = checkTransition(before.status, input.to, ctx.actor.roles);
  if (!check.ok) throw new AppError(check.code, { from: before.status, to: input.to });
  // Signed only by the customer's signature on the service report (reports.ts signReport).
  if (input.to === 'signed' && !via.signedReport) throw new AppError('signature_required');
  if (before.version !== input.version) throw new AppError('version_conflict', { current: before.version });
  if (input.to === 'dispatched') {
    const team = await ctx.db.selectFrom('work_order_technicians').select('user_id').where('work_order_id', '=', id).limit(1).executeTakeFirst();
    if (!team) throw new AppError('no_technician');
  }
  if (input.to === 'waiting_parts' && !input.parts?.length) throw new AppError('parts_required');
  const now = ctx.clock.now();
  const set: Partial<WorkOrdersRow> = { status: input.to, version: before.version + 1, updated_at: now };
  const milestone = milestoneOf(input.to);
  if (check.rule.action === 'reopen') {
    const customer = await ctx.db.selectFrom('customers').select('contract').where('id', '=', before.customer_id).executeTakeFirstOrThrow();
    const sla = await computeSla(ctx, { serviceType: before.service_type, category: before.category, distanceM: before.distance_m, contract: !!customer.contract }, now);
    Object.assign(set, {
      cycle: before.cycle + 1,
      ...freshSlaCycle(sla, now),
    });
  } else if (milestone === 'response' && before.responded_at === null) set.responded_at = now;
  else if (milestone === 'arrival' && before.arrived_at === null) set.arrived_at = now;
  else if (milestone === 'resolution' && before.resolved_at === null) set.resolved_at = now;
  // The version guard first: a concurrent writer makes this update miss, before anything else is written.
  const after = await ctx.db.updateTable('work_orders').set(set).where('id', '=', id).where('version', '=', input.version).returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  let late = false;
  if (milestone && check.rule.action !== 'reopen' && before[milestone === 'response' ? 'responded_at' : milestone === 'arrival' ? 'arrived_at' : 'resolved_at'] === null) {
    late = await recordLateMilestone(ctx, before, milestone, now, input.breachCause);
  }
  const shortages = [];
  if (input.to === 'waiting_parts') {
    for (const p of input.parts ?? []) shortages.push(await createShortage(ctx, { partId: p.partId ?? null, description: p.description ?? null, qty: p.qty, workOrderId: id, source: 'work_order', remark: before.number }));
  }
  await event(ctx, id, check.rule.action, before.status, input.to, input.note, { ...(late ? { late: milestone, cause: input.breachCause?.trim() || 'late' } : {}), ...(shortages.length ? { shortageIds: shortages.map((s) => s.id) } : {}) });
  const team = (await technicianIdsOf(ctx, [id])).get(id) ?? [];
  const view = workOrderView(ctx, after, team);
  await audit(ctx, check.rule.action, 'work_order', id, workOrderView(ctx, before, team), view);
  return { ...view, shortageIds: shortages.map((s) => s.id) };
}

/** Assigns one or more technicians, one in charge (R-SVC-4); a new order becomes dispatched. */
export async function assignWorkOrder(ctx: Ctx, id: number, input: { technicianIds: number[]; leadId: number; version: number; note?: string | null }) {
  const before = await getWorkOrder(ctx, id);
  if (!OPEN_STATUSES.includes(before.status)) throw new AppError('work_order_finished', { status: before.status });
  if (before.version !== input.version) throw new AppError('version_conflict', { current: before.version });
  const ids = [...new Set(input.technicianIds)];
  if (!ids.includes(input.leadId)) throw new AppError('lead_not_in_team');
  const users = await ctx.db.selectFrom('users').select(['id', 'roles', 'disabled']).where('id', 'in', ids).execute();
  for (const uid of ids) {
    const u = users.find((x) => x.id === uid);
    if (!u || u.disabled || !u.roles.split(',').includes('technician')) throw new AppError('not_a_technician', { userId: uid });
  }
  const now = ctx.clock.now();
  const to: WorkOrderStatus = before.status === 'new' ? 'dispatched' : before.status;
  const after = await ctx.db
    .updateTable('work_orders')
    .set({ lead_technician_id: input.leadId, status: to, version: before.version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', input.version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  const previous = (await technicianIdsOf(ctx, [id])).get(id) ?? [];
  await ctx.db.deleteFrom('work_order_technicians').where('work_order_id', '=', id).execute();
  await ctx.db
    .insertInto('work_order_technicians')
    .values(ids.map((uid) => ({ work_order_id: id, user_id: uid, is_lead: uid === input.leadId ? 1 : 0, assigned_by: ctx.actor.id, assigned_at: now })))
    .execute();
  await event(ctx, id, 'assign', before.status, to, input.note, { technicianIds: ids, leadId: input.leadId, previous });
  const view = workOrderView(ctx, after, ids.sort((a, b) => a - b));
  await audit(ctx, 'assign', 'work_order', id, { ...workOrderView(ctx, before, previous) }, view);
  return view;
}

/** One work order with its team, its events in time order and its breaches. */
export async function readWorkOrder(ctx: Ctx, id: number) {
  const w = await getWorkOrder(ctx, id);
  const team = await ctx.db.selectFrom('work_order_technicians as t').innerJoin('users as u', 'u.id', 't.user_id').select(['t.user_id', 't.is_lead', 't.assigned_at', 'u.display_name']).where('t.work_order_id', '=', id).orderBy('t.user_id').execute();
  const events = await ctx.db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', id).orderBy('id').execute();
  const breaches = await ctx.db.selectFrom('sla_breaches').selectAll().where('work_order_id', '=', id).orderBy('id').execute();
  return {
    ...workOrderView(ctx, w, team.map((t) => t.user_id)),
    technicians: team.map((t) => ({ userId: t.user_id, displayName: t.display_name, inCharge: !!t.is_lead, assignedAt: isoInZone(t.assigned_at, ctx.timeZone) })),
    events: events.map((e) => ({ id: e.id, action: e.action, from: e.from_status, to: e.to_status, note: e.note, data: e.data === null ? null : (JSON.parse(e.data) as Record<string, unknown>), actorId: e.actor_id, at: isoInZone(e.at, ctx.timeZone) })),
    breaches: breaches.map((b) => breachView(b, ctx.timeZone)),
  };
}

export interface WorkOrderQuery {
  status?: WorkOrderStatus;
  open?: boolean;
  stationId?: number;
  customerId?: number;
  unitId?: number;
  technicianId?: number;
  serviceType?: ServiceType;
  priority?: Priority;
  /** Part of the number or of the fault text. */
  q?: string;
  limit: number;
  cursor?: string;
}

/** Newest first; each row carries its due times and colours (ok / near / breached). */
export async function listWorkOrders(ctx: Ctx, query: WorkOrderQuery) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('work_orders as w').selectAll('w');
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('w.station_id', '=', own);
  const techId = actsAsTechnicianOnly(ctx.actor.roles) ? ctx.actor.id : query.technicianId;
  if (techId !== undefined) q = q.where('w.id', 'in', ctx.db.selectFrom('work_order_technicians').select('work_order_id').where('user_id', '=', techId));
  if (query.status) q = q.where('w.status', '=', query.status);
  if (query.open) q = q.where('w.status', 'in', OPEN_STATUSES);
  if (query.stationId) q = q.where('w.station_id', '=', query.stationId);
  if (query.customerId) q = q.where('w.customer_id', '=', query.customerId);
  if (query.unitId) q = q.where('w.unit_id', '=', query.unitId);
  if (query.serviceType) q = q.where('w.service_type', '=', query.serviceType);
  if (query.priority) q = q.where('w.priority', '=', query.priority);
  if (query.q?.trim()) {
    const p = likePattern(query.q);
    q = q.where(sql<boolean>`(lower(w.number) like ${p} escape '\\' or lower(w.fault) like ${p} escape '\\')`);
  }
  if (after) q = q.where('w.id', '<', Number(after[0]));
  const rows = await q.orderBy('w.id', 'desc').limit(query.limit + 1).execute();
  const teams = await technicianIdsOf(ctx, rows.slice(0, query.limit).map((r) => r.id));
  return toPage(rows, query.limit, (r) => workOrderView(ctx, r, teams.get(r.id) ?? []), (r) => [r.id]);
}

/** The transition table as the API shows it (the web app greys out moves the user cannot make). */
export function transitionTable() {
  return TRANSITIONS.map((r) => ({ from: [...r.from], to: r.to, action: r.action, roles: [...r.roles] }));
}
