// The dispatch board (派工看板, R-SVC-4, R-SVC-11): open requests by their next due time, the
// undispatched ones logged before today first (they roll over), and the technicians with
// today's load and where they are. Read-only.
import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../../db.js';
import { dayEdgeInZone, isoInZone } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/paging.js';
import { localDay } from './calendar.js';
import { fromE6 } from './shared.js';
import type { WorkOrdersRow } from './tables.js';
import { workOrderView } from './work-orders.js';

/** "No due time left": sorts after every real instant (Number.MAX_SAFE_INTEGER). */
export const NEVER = 9007199254740991;
const OPEN_LIST = "('new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts')";

/**
 * The next due time of a work order: the earliest due time of a target not yet met. The same
 * text as migration 0008's partial indexes (work_orders_board_open / _new), column names
 * unqualified, so the planner walks the index in this order instead of sorting.
 */
export function nextDueSql(dialect: Ctx['dialect'], prefix = ''): RawBuilder<number> {
  const min = dialect === 'postgres' ? 'least' : 'min';
  const p = prefix ? `${prefix}.` : '';
  return sql.raw<number>(
    `${min}(coalesce(case when ${p}responded_at is null then ${p}response_due_at end, ${NEVER}), coalesce(case when ${p}arrived_at is null then ${p}arrival_due_at end, ${NEVER}), coalesce(case when ${p}resolved_at is null then ${p}resolution_due_at end, ${NEVER}))`,
  );
}

export interface BoardQuery {
  stationId?: number;
  limit: number;
  cursor?: string;
}

type Row = WorkOrdersRow & { next_due: number };

/**
 * One run of the board in (next due, id) order: A the rollover, B every other open work order.
 * Status literals (not parameters) so the planner can match the partial indexes' WHERE; on
 * SQLite the index is named (INDEXED BY): without statistics it would rather look the status up
 * in work_orders_status and sort every open work order.
 */
export function boardRunQuery(ctx: Pick<Ctx, 'dialect'>, phase: 'A' | 'B', todayStart: number, stationId: number | undefined, from: [number, number] | null, n: number) {
  const due = nextDueSql(ctx.dialect);
  const sqlite = ctx.dialect !== 'postgres';
  const table = sql.raw(phase === 'A' ? `work_orders${sqlite ? ' indexed by work_orders_board_new' : ''}` : `work_orders${sqlite ? ' indexed by work_orders_board_open' : ''}`);
  const scope =
    phase === 'A' ? sql`status = 'new' and sla_started_at < ${todayStart}` : sql`status in ${sql.raw(OPEN_LIST)} and not (status = 'new' and sla_started_at < ${todayStart})`;
  const station = stationId ? sql` and station_id = ${stationId}` : sql``;
  const after = from ? sql` and (${due}, id) > (${from[0]}, ${from[1]})` : sql``;
  return sql<Row>`select *, ${due} as next_due from ${table} where ${scope}${station}${after} order by ${due}, id limit ${n}`;
}

/**
 * One page of the board. Two runs over the indexes: first the rollover (status new, SLA clock
 * started before today's midnight), then every other open work order; each in (next due, id)
 * order. The cursor names the run and the last key.
 */
async function boardRows(ctx: Ctx, query: BoardQuery, todayStart: number): Promise<{ rows: (Row & { rollover: boolean })[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, 'snn') as ['A' | 'B', number, number] | null;
  if (after && ((after[0] !== 'A' && after[0] !== 'B') || typeof after[1] !== 'number' || typeof after[2] !== 'number')) throw new AppError('invalid_cursor');
  const run = async (phase: 'A' | 'B', from: [number, number] | null, n: number) => (await boardRunQuery(ctx, phase, todayStart, query.stationId, from, n).execute(ctx.db)).rows;
  const want = query.limit + 1;
  const out: (Row & { rollover: boolean })[] = [];
  if (!after || after[0] === 'A') {
    for (const r of await run('A', after ? [after[1], after[2]] : null, want)) out.push({ ...r, rollover: true });
  }
  if (out.length < want) {
    const from = after && after[0] === 'B' ? ([after[1], after[2]] as [number, number]) : null;
    for (const r of await run('B', from, want - out.length)) out.push({ ...r, rollover: false });
  }
  const more = out.length > query.limit;
  const page = more ? out.slice(0, query.limit) : out;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor([last.rollover ? 'A' : 'B', Number(last.next_due), last.id]) : null };
}

/** Technicians (enabled users with the role) with their open work orders and where they are. */
export async function technicianLoad(ctx: Ctx) {
  const users = await ctx.db
    .selectFrom('users as u')
    .leftJoin('locations as l', 'l.id', 'u.station_id')
    .leftJoin('station_geo as g', 'g.location_id', 'u.station_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.station_id', 'l.name as station_name', 'g.lat_e6', 'g.lng_e6'])
    .where('u.disabled', '=', 0)
    .where('u.roles', 'like', '%technician%')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
  const techs = users.filter((u) => u.roles.split(',').includes('technician'));
  if (techs.length === 0) return [];
  // One pass over the open work orders' (status, id) index and the team's primary key, no table
  // rows read: the count, and the latest en-route / on-site job (where the technician is now).
  const load = await ctx.db
    .selectFrom('work_orders as w')
    .innerJoin('work_order_technicians as t', 't.work_order_id', 'w.id')
    .select(['t.user_id'])
    .select((eb) => [eb.fn.countAll<number>().as('open'), sql<number | null>`max(case when w.status in ('en_route', 'on_site') then w.id end)`.as('work_order_id')])
    .where(sql.raw<boolean>(`w.status in ${OPEN_LIST}`))
    .groupBy('t.user_id')
    .execute();
  const current = load.filter((l) => l.work_order_id !== null);
  const woIds = current.map((c) => Number(c.work_order_id));
  const jobs = woIds.length
    ? await ctx.db
        .selectFrom('work_orders as w')
        .leftJoin('customer_sites as s', 's.id', 'w.site_id')
        .leftJoin('customers as c', 'c.id', 'w.customer_id')
        .select(['w.id', 'w.number', 'w.status', 'w.site_id', 's.name as site_name', 's.address', 's.lat_e6', 's.lng_e6', 'c.name as customer_name'])
        .where('w.id', 'in', woIds)
        .execute()
    : [];
  const loadOf = new Map(load.map((l) => [l.user_id, l]));
  const jobOf = new Map(current.map((c) => [c.user_id, jobs.find((j) => j.id === Number(c.work_order_id))]));
  return techs.map((u) => {
    const l = loadOf.get(u.id);
    const job = jobOf.get(u.id);
    const location = job
      ? { kind: 'site' as const, workOrderId: job.id, workOrderNumber: job.number, status: job.status, name: [job.customer_name, job.site_name].filter(Boolean).join(' · ') || null, address: job.address, latitude: fromE6(job.lat_e6), longitude: fromE6(job.lng_e6) }
      : u.station_id !== null
        ? { kind: 'station' as const, workOrderId: null, workOrderNumber: null, status: null, name: u.station_name, address: null, latitude: fromE6(u.lat_e6), longitude: fromE6(u.lng_e6) }
        : null;
    return { userId: u.id, username: u.username, displayName: u.display_name, stationId: u.station_id, openWorkOrders: Number(l?.open ?? 0), location };
  });
}

/** GET /dispatch/board: a page of open requests and, on the first page, the technicians. */
export async function dispatchBoard(ctx: Ctx, query: BoardQuery) {
  const now = ctx.clock.now();
  const today = localDay(now, ctx.timeZone);
  const todayStart = dayEdgeInZone(today, ctx.timeZone, 'start');
  const { rows, nextCursor } = await boardRows(ctx, query, todayStart);
  const ids = rows.map((r) => r.id);
  const team = ids.length
    ? await ctx.db.selectFrom('work_order_technicians as t').innerJoin('users as u', 'u.id', 't.user_id').select(['t.work_order_id', 't.user_id', 't.is_lead', 'u.display_name']).where('t.work_order_id', 'in', ids).orderBy('t.user_id').execute()
    : [];
  const customerIds = [...new Set(rows.map((r) => r.customer_id))];
  const siteIds = [...new Set(rows.map((r) => r.site_id).filter((x): x is number => x !== null))];
  const customers = customerIds.length ? await ctx.db.selectFrom('customers').select(['id', 'name']).where('id', 'in', customerIds).execute() : [];
  const sites = siteIds.length ? await ctx.db.selectFrom('customer_sites').select(['id', 'name', 'address', 'lat_e6', 'lng_e6']).where('id', 'in', siteIds).execute() : [];
  const customerName = new Map(customers.map((c) => [c.id, c.name]));
  const siteOf = new Map(sites.map((s) => [s.id, s]));
  const items = rows.map((r) => {
    const mine = team.filter((t) => t.work_order_id === r.id);
    const site = r.site_id === null ? undefined : siteOf.get(r.site_id);
    const { next_due: _n, rollover: _r, ...row } = r;
    return {
      ...workOrderView(ctx, row, mine.map((t) => t.user_id)),
      customerName: customerName.get(r.customer_id) ?? '',
      siteName: site?.name ?? null,
      siteAddress: site?.address ?? null,
      latitude: site ? fromE6(site.lat_e6) : null,
      longitude: site ? fromE6(site.lng_e6) : null,
      nextDueAt: Number(r.next_due) >= NEVER ? null : isoInZone(Number(r.next_due), ctx.timeZone),
      rollover: r.rollover,
      technicians: mine.map((t) => ({ userId: t.user_id, displayName: t.display_name, inCharge: !!t.is_lead })),
    };
  });
  const technicians = query.cursor ? [] : await technicianLoad(ctx);
  return { asOf: isoInZone(now, ctx.timeZone), today, items, nextCursor, technicians };
}
