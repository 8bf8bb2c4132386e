// The SLA engine's database side (R-SVC-5, docs/decisions/0007): policies as rows, station
// coordinates, due times of a work order, breaches recorded with their cause.
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { chineseCalendar, DEFAULT_WORKING_HOURS, type BusinessCalendar } from './calendar.js';
import { coordinatesE6, fromE6 } from './shared.js';
import { computeDueTimes, greatCircleMeters, SLA_TARGETS, type DueTimes, type PolicyRule, type SlaFacts } from './sla.rules.js';
import type { ServiceType, SlaBreachesRow, SlaPoliciesRow, SlaTarget, WorkOrdersRow } from './tables.js';
import { OPEN_STATUSES } from './transitions.rules.js';

const calendars = new Map<string, BusinessCalendar>();

/** The installation's business calendar; working hours from AFTERSALES_WORKING_HOURS (default 08:30–12:00, 13:30–17:30). */
export function businessCalendar(timeZone: string): BusinessCalendar {
  const hours = process.env.AFTERSALES_WORKING_HOURS || DEFAULT_WORKING_HOURS;
  const key = `${timeZone}|${hours}`;
  let cal = calendars.get(key);
  if (!cal) calendars.set(key, (cal = chineseCalendar(timeZone, hours)));
  return cal;
}

export function policyView(p: SlaPoliciesRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    serviceType: p.service_type,
    categories: p.categories === null ? null : p.categories.split(','),
    minKm: p.min_km,
    maxKm: p.max_km,
    contract: p.contract === null ? null : !!p.contract,
    responseMinutes: p.response_minutes,
    arrivalMinutes: p.arrival_minutes,
    resolutionMinutes: p.resolution_minutes,
    clock: p.clock,
    loanerIfUnresolved: !!p.loaner_if_unresolved,
    note: p.note,
    active: !!p.active,
    version: p.version,
  };
}

export function policyRule(p: SlaPoliciesRow): PolicyRule {
  return {
    id: p.id,
    serviceType: p.service_type,
    categories: p.categories === null ? null : p.categories.split(','),
    minKm: p.min_km,
    maxKm: p.max_km,
    contract: p.contract === null ? null : !!p.contract,
    minutes: { response: p.response_minutes, arrival: p.arrival_minutes, resolution: p.resolution_minutes },
    clock: p.clock,
    loanerIfUnresolved: !!p.loaner_if_unresolved,
  };
}

export interface PolicyInput {
  code: string;
  name: string;
  serviceType?: ServiceType | null;
  categories?: string[] | null;
  minKm?: number | null;
  maxKm?: number | null;
  contract?: boolean | null;
  responseMinutes?: number | null;
  arrivalMinutes?: number | null;
  resolutionMinutes?: number | null;
  clock: 'wall' | 'business';
  loanerIfUnresolved?: boolean;
  note?: string | null;
  active?: boolean;
}

function policyColumns(p: Partial<PolicyInput>): Partial<SlaPoliciesRow> {
  const out: Partial<SlaPoliciesRow> = {};
  if (p.code !== undefined) out.code = p.code.trim();
  if (p.name !== undefined) out.name = p.name.trim();
  if (p.serviceType !== undefined) out.service_type = p.serviceType;
  if (p.categories !== undefined) {
    const cats = p.categories?.map((c) => c.trim().toLowerCase()).filter(Boolean) ?? [];
    if (cats.some((c) => c.includes(','))) throw new AppError('invalid_sla_policy', { reason: 'categories' });
    out.categories = cats.length ? cats.join(',') : null;
  }
  if (p.minKm !== undefined) out.min_km = p.minKm;
  if (p.maxKm !== undefined) out.max_km = p.maxKm;
  if (p.contract !== undefined) out.contract = p.contract === null ? null : p.contract ? 1 : 0;
  if (p.responseMinutes !== undefined) out.response_minutes = p.responseMinutes;
  if (p.arrivalMinutes !== undefined) out.arrival_minutes = p.arrivalMinutes;
  if (p.resolutionMinutes !== undefined) out.resolution_minutes = p.resolutionMinutes;
  if (p.clock !== undefined) out.clock = p.clock;
  if (p.loanerIfUnresolved !== undefined) out.loaner_if_unresolved = p.loanerIfUnresolved ? 1 : 0;
  if (p.note !== undefined) out.note = p.note;
  if (p.active !== undefined) out.active = p.active ? 1 : 0;
  return out;
}

function assertPolicy(p: Pick<SlaPoliciesRow, 'code' | 'name' | 'min_km' | 'max_km' | 'response_minutes' | 'arrival_minutes' | 'resolution_minutes'>) {
  if (!p.code || !p.name) throw new AppError('invalid_sla_policy', { reason: 'code and name are required' });
  if (p.response_minutes === null && p.arrival_minutes === null && p.resolution_minutes === null) throw new AppError('invalid_sla_policy', { reason: 'no target' });
  if (p.min_km !== null && p.max_km !== null && p.min_km >= p.max_km) throw new AppError('invalid_sla_policy', { reason: 'minKm ≥ maxKm' });
}

export async function createPolicy(ctx: Ctx, input: PolicyInput) {
  const cols = policyColumns(input);
  const now = ctx.clock.now();
  const values = { service_type: null, categories: null, min_km: null, max_km: null, contract: null, response_minutes: null, arrival_minutes: null, resolution_minutes: null, loaner_if_unresolved: 0, note: null, active: 1, ...cols, code: cols.code!, name: cols.name!, clock: cols.clock!, version: 1, created_at: now, updated_at: now };
  assertPolicy(values);
  if (await ctx.db.selectFrom('sla_policies').select('id').where('code', '=', values.code).executeTakeFirst()) throw new AppError('duplicate', { field: 'code' });
  const row = await ctx.db.insertInto('sla_policies').values(values).returningAll().executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'sla_policy', row.id, null, policyView(row));
  return policyView(row);
}

export async function updatePolicy(ctx: Ctx, id: number, version: number, patch: Partial<PolicyInput>) {
  const before = await ctx.db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('unknown_sla_policy', { policyId: id });
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const cols = policyColumns(patch);
  assertPolicy({ ...before, ...cols });
  if (cols.code && cols.code !== before.code && (await ctx.db.selectFrom('sla_policies').select('id').where('code', '=', cols.code).executeTakeFirst())) {
    throw new AppError('duplicate', { field: 'code' });
  }
  const after = await ctx.db.updateTable('sla_policies').set({ ...cols, version: version + 1, updated_at: ctx.clock.now() }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'sla_policy', id, policyView(before), policyView(after));
  return policyView(after);
}

export async function listPolicies(ctx: Ctx, query: { includeInactive?: boolean; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('sla_policies').selectAll();
  if (!query.includeInactive) q = q.where('active', '=', 1);
  if (after) q = q.where('id', '>', Number(after[0]));
  const rows = await q.orderBy('id').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, policyView, (r) => [r.id]);
}

// ── station coordinates ──
export async function setStationCoordinates(ctx: Ctx, locationId: number, latitude: number, longitude: number) {
  const loc = await ctx.db.selectFrom('locations').select(['id', 'kind']).where('id', '=', locationId).executeTakeFirst();
  if (!loc || loc.kind !== 'station') throw new AppError('not_a_station', { locationId });
  const c = coordinatesE6(latitude, longitude)!;
  const before = await ctx.db.selectFrom('station_geo').selectAll().where('location_id', '=', locationId).executeTakeFirst();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('station_geo')
    .values({ location_id: locationId, lat_e6: c.lat!, lng_e6: c.lng!, updated_at: now })
    .onConflict((oc) => oc.column('location_id').doUpdateSet({ lat_e6: c.lat!, lng_e6: c.lng!, updated_at: now }))
    .execute();
  const view = { stationId: locationId, latitude: fromE6(c.lat), longitude: fromE6(c.lng) };
  await audit(ctx, before ? 'update' : 'create', 'station_geo', locationId, before ? { latitude: fromE6(before.lat_e6), longitude: fromE6(before.lng_e6) } : null, view);
  return view;
}

export async function listStationCoordinates(ctx: Ctx, query: { limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('locations as l').leftJoin('station_geo as g', 'g.location_id', 'l.id').select(['l.id', 'l.code', 'l.name', 'g.lat_e6', 'g.lng_e6']).where('l.kind', '=', 'station');
  if (after) q = q.where('l.id', '>', Number(after[0]));
  const rows = await q.orderBy('l.id').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (r) => ({ stationId: r.id, code: r.code, name: r.name, latitude: fromE6(r.lat_e6), longitude: fromE6(r.lng_e6) }), (r) => [r.id]);
}

/** Great-circle metres from the station to the site, or null when either lacks coordinates. */
export async function stationToSiteMeters(ctx: Ctx, stationId: number | null, siteId: number | null): Promise<number | null> {
  if (stationId === null || siteId === null) return null;
  const st = await ctx.db.selectFrom('station_geo').select(['lat_e6', 'lng_e6']).where('location_id', '=', stationId).executeTakeFirst();
  const site = await ctx.db.selectFrom('customer_sites').select(['lat_e6', 'lng_e6']).where('id', '=', siteId).executeTakeFirst();
  if (!st || !site || site.lat_e6 === null || site.lng_e6 === null) return null;
  return greatCircleMeters(st.lat_e6, st.lng_e6, site.lat_e6, site.lng_e6);
}

/** Due times of a work order logged (or reopened) at `startAt`, from the active policies. */
export async function computeSla(ctx: Ctx, facts: SlaFacts, startAt: number): Promise<DueTimes> {
  const rows = await ctx.db.selectFrom('sla_policies').selectAll().where('active', '=', 1).orderBy('id').execute();
  return computeDueTimes(rows.map(policyRule), facts, startAt, businessCalendar(ctx.timeZone));
}

const DUE_COLUMN = { response: 'response_due_at', arrival: 'arrival_due_at', resolution: 'resolution_due_at' } as const;
const MET_COLUMN = { response: 'responded_at', arrival: 'arrived_at', resolution: 'resolved_at' } as const;

/**
 * A target reached late: the breach is recorded (or, if the periodic check saw it first, completed)
 * with the cause the user gave, else "late".
 */
export async function recordLateMilestone(ctx: Ctx, wo: WorkOrdersRow, target: SlaTarget, at: number, cause: string | null | undefined): Promise<boolean> {
  const due = wo[DUE_COLUMN[target]];
  if (due === null || at <= due) return false;
  const why = cause?.trim() || 'late';
  await ctx.db
    .insertInto('sla_breaches')
    .values({ work_order_id: wo.id, cycle: wo.cycle, target, due_at: due, detected_at: at, met_at: at, cause: why, source: 'transition' })
    .onConflict((oc) => oc.columns(['work_order_id', 'cycle', 'target']).doUpdateSet(cause?.trim() ? { met_at: at, cause: why } : { met_at: at }))
    .execute();
  return true;
}

/** The periodic check: every open target past its due time gets a breach row (cause "overdue"), once. */
export async function recordOverdueBreaches(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  let n = 0;
  for (const target of SLA_TARGETS) {
    const due = DUE_COLUMN[target];
    const rows = await ctx.db
      .selectFrom('work_orders')
      .select(['id', 'cycle', due])
      .where('status', 'in', OPEN_STATUSES)
      .where(due, '<', now)
      .where(MET_COLUMN[target], 'is', null)
      .execute();
    for (const r of rows) {
      const ins = await ctx.db
        .insertInto('sla_breaches')
        .values({ work_order_id: r.id, cycle: r.cycle, target, due_at: (r as Record<string, number>)[due]!, detected_at: now, met_at: null, cause: 'overdue', source: 'check' })
        .onConflict((oc) => oc.columns(['work_order_id', 'cycle', 'target']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (ins) n++;
    }
  }
  return n;
}

export function breachView(b: SlaBreachesRow, timeZone: string) {
  return { target: b.target, cycle: b.cycle, dueAt: isoInZone(b.due_at, timeZone), detectedAt: isoInZone(b.detected_at, timeZone), metAt: b.met_at === null ? null : isoInZone(b.met_at, timeZone), cause: b.cause, source: b.source };
}
