// Daily reports (R-SVC-11): a technician's day (技術員日報表) generated from their work orders'
// events — time travelling and on site by service type A/B/C/D, jobs, km (the station-to-site
// distance there and back per trip) — editable as a draft, then submitted and locked; and the
// service manager's roll-up (服務主任日報表) of every technician's day, with the undispatched
// requests rolled over from earlier days listed first.
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { dayEdgeInZone, isoInZone } from '../../platform/clock.js';
import { fromMilli, toMilli } from '../../platform/numbers.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { localDay } from './calendar.js';
import { assertDay } from './shared.js';
import type { ServiceType } from './tables.js';
import { actsAsTechnicianOnly } from './transitions.rules.js';
import type { TechDailyReportsRow } from './extras-tables.js';
import './extras-errors.js';

const WORKING = new Set(['en_route', 'on_site']);
const TYPES: readonly ServiceType[] = ['A', 'B', 'C', 'D'];

export interface DayLine {
  workOrderId: number;
  number: string;
  serviceType: ServiceType;
  minutes: number;
  km: number; // thousandths
  status: string;
}
export interface DayFigures {
  minutes: Record<ServiceType, number>;
  jobs: number;
  km: number; // thousandths
  lines: DayLine[];
}

/** Pure: minutes working (travelling or on site) within [start, end) from a work order's status changes in time order. */
export function workingMs(events: readonly { to: string | null; at: number }[], start: number, end: number): number {
  let total = 0;
  let since: number | null = null;
  for (const e of events) {
    if (e.to === null) continue;
    const working = WORKING.has(e.to);
    if (working && since === null) since = e.at;
    else if (!working && since !== null) {
      total += Math.max(0, Math.min(e.at, end) - Math.max(since, start));
      since = null;
    }
  }
  if (since !== null) total += Math.max(0, end - Math.max(since, start));
  return total;
}

/** A technician's day as the events tell it. */
export async function dayFigures(ctx: Ctx, technicianId: number, day: string): Promise<DayFigures> {
  const start = dayEdgeInZone(day, ctx.timeZone, 'start');
  const end = Math.min(dayEdgeInZone(day, ctx.timeZone, 'end') + 1, Math.max(ctx.clock.now(), start));
  const mine = ctx.db.selectFrom('work_order_technicians').select('work_order_id').where('user_id', '=', technicianId);
  const active = ctx.db.selectFrom('work_order_events').select('work_order_id').where('at', '>=', start).where('at', '<', end + 1);
  const orders = await ctx.db.selectFrom('work_orders').select(['id', 'number', 'service_type', 'distance_m', 'status']).where('id', 'in', mine).where('id', 'in', active).orderBy('id').execute();
  const figures: DayFigures = { minutes: { A: 0, B: 0, C: 0, D: 0 }, jobs: 0, km: 0, lines: [] };
  if (orders.length === 0) return figures;
  const events = await ctx.db.selectFrom('work_order_events').select(['work_order_id', 'to_status', 'at']).where('work_order_id', 'in', orders.map((o) => o.id)).where('at', '<', end + 1).orderBy('at').orderBy('id').execute();
  for (const o of orders) {
    const evs = events.filter((e) => e.work_order_id === o.id).map((e) => ({ to: e.to_status, at: Number(e.at) }));
    const minutes = Math.round(workingMs(evs, start, end) / 60_000);
    const trips = evs.filter((e) => e.to === 'en_route' && e.at >= start && e.at < end).length;
    const km = trips * 2 * (o.distance_m ?? 0); // metres × 2 per trip = thousandths of a km there and back
    const status = [...evs].reverse().find((e) => e.to !== null)?.to ?? o.status;
    figures.minutes[o.service_type] += minutes;
    figures.km += km;
    figures.jobs += 1;
    figures.lines.push({ workOrderId: o.id, number: o.number, serviceType: o.service_type, minutes, km, status });
  }
  return figures;
}

type ReportWithName = TechDailyReportsRow & { technician_name?: string | null };

function figuresView(f: DayFigures) {
  const total = TYPES.reduce((s, t) => s + f.minutes[t], 0);
  return { minutes: { ...f.minutes }, totalMinutes: total, jobs: f.jobs, km: fromMilli(f.km), lines: f.lines.map((l) => ({ ...l, km: fromMilli(l.km) })) };
}

export function dailyReportView(ctx: Pick<Ctx, 'timeZone'>, r: ReportWithName) {
  const f: DayFigures = { minutes: { A: r.minutes_a, B: r.minutes_b, C: r.minutes_c, D: r.minutes_d }, jobs: r.jobs, km: Number(r.km), lines: JSON.parse(r.lines) as DayLine[] };
  return {
    id: r.id,
    technicianId: r.technician_id,
    technicianName: r.technician_name ?? null,
    day: r.day,
    status: r.status,
    ...figuresView(f),
    notes: r.notes,
    submittedAt: r.submitted_at === null ? null : isoInZone(r.submitted_at, ctx.timeZone),
    updatedAt: isoInZone(r.updated_at, ctx.timeZone),
    version: r.version,
  };
}

/** A technician acts for themselves; the desk for any technician. */
function technicianFor(ctx: Ctx, technicianId: number | undefined | null): number {
  if (actsAsTechnicianOnly(ctx.actor.roles)) return ctx.actor.id;
  if (technicianId == null) throw new AppError('validation_failed', { reason: 'technicianId is required' });
  return technicianId;
}

async function assertTechnician(ctx: Ctx, userId: number) {
  const u = await ctx.db.selectFrom('users').select(['roles']).where('id', '=', userId).executeTakeFirst();
  if (!u || !u.roles.split(',').includes('technician')) throw new AppError('not_a_technician', { userId });
}

async function getReport(ctx: Ctx, id: number): Promise<ReportWithName> {
  const r = await ctx.db.selectFrom('tech_daily_reports as r').innerJoin('users as u', 'u.id', 'r.technician_id').selectAll('r').select('u.display_name as technician_name').where('r.id', '=', id).executeTakeFirst();
  if (!r || (actsAsTechnicianOnly(ctx.actor.roles) && r.technician_id !== ctx.actor.id)) throw new AppError('unknown_daily_report', { reportId: id });
  return r;
}

export async function readDailyReport(ctx: Ctx, id: number) {
  return dailyReportView(ctx, await getReport(ctx, id));
}

/** Generates the day's draft (or returns the one there; regenerate refreshes a draft from the events). */
export async function generateDailyReport(ctx: Ctx, input: { day: string; technicianId?: number | null; regenerate?: boolean }) {
  const day = assertDay(input.day)!;
  const techId = technicianFor(ctx, input.technicianId);
  await assertTechnician(ctx, techId);
  const existing = await ctx.db.selectFrom('tech_daily_reports').selectAll().where('technician_id', '=', techId).where('day', '=', day).executeTakeFirst();
  if (existing && !input.regenerate) return { created: false, report: await readDailyReport(ctx, existing.id) };
  if (existing?.status === 'submitted') throw new AppError('daily_report_submitted');
  const f = await dayFigures(ctx, techId, day);
  const now = ctx.clock.now();
  const cols = { minutes_a: f.minutes.A, minutes_b: f.minutes.B, minutes_c: f.minutes.C, minutes_d: f.minutes.D, jobs: f.jobs, km: f.km, lines: JSON.stringify(f.lines), updated_at: now };
  let id: number;
  if (existing) {
    const after = await ctx.db.updateTable('tech_daily_reports').set({ ...cols, version: existing.version + 1 }).where('id', '=', existing.id).where('version', '=', existing.version).returningAll().executeTakeFirst();
    if (!after) throw new AppError('version_conflict');
    id = after.id;
    await audit(ctx, 'regenerate', 'daily_report', id, dailyReportView(ctx, existing), dailyReportView(ctx, after));
  } else {
    const row = await ctx.db.insertInto('tech_daily_reports').values({ technician_id: techId, day, status: 'draft', ...cols, notes: null, submitted_at: null, created_at: now, version: 1 }).returningAll().executeTakeFirstOrThrow();
    id = row.id;
    await audit(ctx, 'create', 'daily_report', id, null, dailyReportView(ctx, row));
  }
  return { created: !existing, report: await readDailyReport(ctx, id) };
}

const MAX_DAY_MINUTES = 24 * 60;

/** Edits a draft: minutes per service type, jobs, km, notes. */
export async function updateDailyReport(ctx: Ctx, id: number, input: { version: number; minutes?: Partial<Record<ServiceType, number>>; jobs?: number; km?: number; notes?: string | null }) {
  const before = await getReport(ctx, id);
  if (before.status === 'submitted') throw new AppError('daily_report_submitted');
  if (before.version !== input.version) throw new AppError('version_conflict', { current: before.version });
  const set: Partial<TechDailyReportsRow> = {};
  const m = input.minutes ?? {};
  if (m.A !== undefined) set.minutes_a = m.A;
  if (m.B !== undefined) set.minutes_b = m.B;
  if (m.C !== undefined) set.minutes_c = m.C;
  if (m.D !== undefined) set.minutes_d = m.D;
  const total = (set.minutes_a ?? before.minutes_a) + (set.minutes_b ?? before.minutes_b) + (set.minutes_c ?? before.minutes_c) + (set.minutes_d ?? before.minutes_d);
  if (total > MAX_DAY_MINUTES) throw new AppError('validation_failed', { reason: 'more than 24 hours in a day' });
  if (input.jobs !== undefined) set.jobs = input.jobs;
  if (input.km !== undefined) set.km = toMilli(input.km, 'km', { allowZero: true });
  if (input.notes !== undefined) set.notes = input.notes?.trim() || null;
  const after = await ctx.db.updateTable('tech_daily_reports').set({ ...set, version: before.version + 1, updated_at: ctx.clock.now() }).where('id', '=', id).where('version', '=', input.version).where('status', '=', 'draft').returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'daily_report', id, dailyReportView(ctx, before), dailyReportView(ctx, after));
  return readDailyReport(ctx, id);
}

/** Submits the day: locked from then on. */
export async function submitDailyReport(ctx: Ctx, id: number, input: { version: number }) {
  const before = await getReport(ctx, id);
  if (before.status === 'submitted') throw new AppError('daily_report_submitted');
  if (before.version !== input.version) throw new AppError('version_conflict', { current: before.version });
  const now = ctx.clock.now();
  const after = await ctx.db.updateTable('tech_daily_reports').set({ status: 'submitted', submitted_at: now, updated_at: now, version: before.version + 1 }).where('id', '=', id).where('version', '=', input.version).where('status', '=', 'draft').returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'submit', 'daily_report', id, dailyReportView(ctx, before), dailyReportView(ctx, after));
  return readDailyReport(ctx, id);
}

/** Reports by day and/or technician, newest first (a technician sees their own). */
export async function listDailyReports(ctx: Ctx, query: { day?: string; technicianId?: number; status?: 'draft' | 'submitted'; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('tech_daily_reports as r').innerJoin('users as u', 'u.id', 'r.technician_id').selectAll('r').select('u.display_name as technician_name');
  const day = assertDay(query.day);
  if (day) q = q.where('r.day', '=', day);
  const tech = actsAsTechnicianOnly(ctx.actor.roles) ? ctx.actor.id : query.technicianId;
  if (tech !== undefined) q = q.where('r.technician_id', '=', tech);
  if (query.status) q = q.where('r.status', '=', query.status);
  if (after) q = q.where('r.id', '<', Number(after[0]));
  const rows = await q.orderBy('r.id', 'desc').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (r) => dailyReportView(ctx, r), (r) => [r.id]);
}

/**
 * The service manager's roll-up of a day: undispatched requests first (those logged before the
 * day roll over and lead), then every active technician with their report — submitted, draft, or
 * (none yet) figures generated from the events for the view only — and the day's totals.
 */
export async function dailyRollUp(ctx: Ctx, dayInput?: string | null) {
  const day = assertDay(dayInput) ?? localDay(ctx.clock.now(), ctx.timeZone);
  const start = dayEdgeInZone(day, ctx.timeZone, 'start');
  const end = dayEdgeInZone(day, ctx.timeZone, 'end');
  const pending = await ctx.db
    .selectFrom('work_orders as w')
    .innerJoin('customers as c', 'c.id', 'w.customer_id')
    .select(['w.id', 'w.number', 'w.service_type', 'w.priority', 'w.category', 'w.fault', 'w.created_at', 'c.name as customer_name'])
    .where('w.status', '=', 'new')
    .where('w.created_at', '<=', end)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .limit(500)
    .execute();
  const undispatched = pending.map((w) => ({ workOrderId: w.id, number: w.number, serviceType: w.service_type, priority: w.priority, category: w.category, fault: w.fault, customerName: w.customer_name, createdAt: isoInZone(Number(w.created_at), ctx.timeZone), rollover: Number(w.created_at) < start }));
  undispatched.sort((a, b) => Number(b.rollover) - Number(a.rollover));
  const techs = (await ctx.db.selectFrom('users').select(['id', 'display_name', 'roles']).where('disabled', '=', 0).orderBy('id').execute()).filter((u) => u.roles.split(',').includes('technician'));
  const reports = await ctx.db.selectFrom('tech_daily_reports').selectAll().where('day', '=', day).execute();
  const totals: DayFigures = { minutes: { A: 0, B: 0, C: 0, D: 0 }, jobs: 0, km: 0, lines: [] };
  const technicians = [];
  for (const u of techs) {
    const r = reports.find((x) => x.technician_id === u.id);
    const f: DayFigures = r ? { minutes: { A: r.minutes_a, B: r.minutes_b, C: r.minutes_c, D: r.minutes_d }, jobs: r.jobs, km: Number(r.km), lines: JSON.parse(r.lines) as DayLine[] } : await dayFigures(ctx, u.id, day);
    for (const t of TYPES) totals.minutes[t] += f.minutes[t];
    totals.jobs += f.jobs;
    totals.km += f.km;
    technicians.push({ technicianId: u.id, technicianName: u.display_name, reportId: r?.id ?? null, status: r ? r.status : ('missing' as const), ...figuresView(f), notes: r?.notes ?? null });
  }
  const { lines: _l, ...tot } = figuresView(totals);
  return { day, undispatched, technicians, totals: tot };
}
