// Issue statistics (領取統計, R-INV-10): read-only, straight from the moves.
import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { formatMilliFen, fromMilli } from '../../platform/numbers.js';
import { parseTime } from '../inventory/ledger.queries.js';
import { isStationScoped } from '../inventory/locations.js';

export type GroupBy = 'employee' | 'part' | 'workOrder' | 'station';
const COLUMN: Record<GroupBy, 'user_id' | 'part_id' | 'work_order_id' | 'station_id'> = {
  employee: 'user_id',
  part: 'part_id',
  workOrder: 'work_order_id',
  station: 'station_id',
};

export interface IssueStatRow {
  key: number | null;
  label: string;
  issuedQty: number;
  returnedQty: number;
  consumedQty: number;
  scrappedQty: number;
  netQty: number;
  cost: string;
  saleValue: string;
  profit: string;
}

/**
 * Per group: issued, returned, consumed, scrapped; net issued = issued − returned; its cost
 * (lot cost), sale value (sale price at issue) and profit, all exact. Reversals count negative.
 */
export async function issueStats(ctx: Ctx, q: { from?: string; to?: string; groupBy: GroupBy }) {
  const from = parseTime(ctx, q.from, 'from', 'start');
  const to = parseTime(ctx, q.to, 'to');
  const col = COLUMN[q.groupBy];
  // Grouped by (column, kind) only, the sign folded into the sums: SQLite then reads
  // moves_user_stats / moves_part_stats (migration 0002) in group order with no sort, and
  // PostgreSQL gets a group estimate it hashes (grouping by the sign expression too made it sort).
  const signed = sql`case when reverses_move_id is null then qty else -qty end`;
  let query = ctx.db
    .selectFrom('moves')
    .select([
      sql<number | null>`${sql.ref(col)}`.as('k'),
      'kind',
      sql<number>`cast(sum(${signed}) as bigint)`.as('qty'),
      sql<number>`cast(sum(${signed} * unit_cost) as bigint)`.as('cost'),
      sql<number>`cast(sum(${signed} * coalesce(sale_price, 0)) as bigint)`.as('sale'),
    ])
    // On SQLite `kind || ''` keeps the planner off moves_kind_time: without ANALYZE statistics
    // (a normal install has none) it would pick that index, look every row up and sort them all.
    .where(ctx.dialect === 'sqlite' ? sql<string>`kind || ''` : sql.ref('kind'), 'in', ['issue', 'return', 'consume', 'scrap'])
    .groupBy([col, 'kind']);
  if (from !== undefined) query = query.where('posted_at', '>=', from);
  if (to !== undefined) query = query.where('posted_at', '<=', to);
  if (isStationScoped(ctx.actor)) query = query.where('station_id', '=', ctx.actor.stationId);
  const rows = await query.execute();

  const acc = new Map<number | null, { issued: number; returned: number; consumed: number; scrapped: number; cost: number; sale: number }>();
  for (const r of rows) {
    const a = acc.get(r.k) ?? { issued: 0, returned: 0, consumed: 0, scrapped: 0, cost: 0, sale: 0 };
    const qty = Number(r.qty);
    if (r.kind === 'issue') {
      a.issued += qty;
      a.cost += Number(r.cost);
      a.sale += Number(r.sale);
    } else if (r.kind === 'return') {
      a.returned += qty;
      a.cost -= Number(r.cost);
      a.sale -= Number(r.sale);
    } else if (r.kind === 'consume') a.consumed += qty;
    else a.scrapped += qty;
    acc.set(r.k, a);
  }
  const keys = [...acc.keys()].filter((k): k is number => k !== null);
  const labels = await labelsOf(ctx, q.groupBy, keys);
  const items: IssueStatRow[] = [...acc.entries()]
    .map(([k, a]) => ({
      key: k,
      label: k === null ? '' : (labels.get(k) ?? String(k)),
      issuedQty: fromMilli(a.issued),
      returnedQty: fromMilli(a.returned),
      consumedQty: fromMilli(a.consumed),
      scrappedQty: fromMilli(a.scrapped),
      netQty: fromMilli(a.issued - a.returned),
      cost: formatMilliFen(a.cost),
      saleValue: formatMilliFen(a.sale),
      profit: formatMilliFen(a.sale - a.cost),
      _cost: a.cost,
    }))
    .sort((x, y) => y._cost - x._cost)
    .map(({ _cost, ...r }) => r);
  const t = [...acc.values()].reduce((s, a) => ({ issued: s.issued + a.issued, returned: s.returned + a.returned, consumed: s.consumed + a.consumed, scrapped: s.scrapped + a.scrapped, cost: s.cost + a.cost, sale: s.sale + a.sale }), { issued: 0, returned: 0, consumed: 0, scrapped: 0, cost: 0, sale: 0 });
  return {
    items,
    totals: { issuedQty: fromMilli(t.issued), returnedQty: fromMilli(t.returned), consumedQty: fromMilli(t.consumed), scrappedQty: fromMilli(t.scrapped), netQty: fromMilli(t.issued - t.returned), cost: formatMilliFen(t.cost), saleValue: formatMilliFen(t.sale), profit: formatMilliFen(t.sale - t.cost) },
  };
}

/** Key order, the rows without a key last: groups keep their place while the figures change. */
const byKey = (a: IssueStatRow, b: IssueStatRow) => (a.key === null ? 1 : b.key === null ? -1 : a.key - b.key);

/** One page of the groups in key order; the totals stay those of every group. */
export async function issueStatsPage(ctx: Ctx, q: { from?: string; to?: string; groupBy: GroupBy; limit: number; cursor?: string }) {
  const after = (decodeCursor(q.cursor, 'n')?.[0] as number | undefined) ?? null;
  const { items, totals } = await issueStats(ctx, q);
  const rest = items.filter((r) => after === null || r.key === null || r.key > after).sort(byKey);
  return { ...toPage(rest.slice(0, q.limit + 1), q.limit, (r) => r, (r) => [r.key]), totals };
}

/**
 * Display labels of group keys, read in chunks: at 10M moves there are 100,000 parts, more ids
 * than one statement may bind (PostgreSQL 65,535 parameters, SQLite 32,766).
 */
export async function labelsOf(ctx: Ctx, groupBy: GroupBy, keys: readonly number[], chunk = 5000): Promise<Map<number, string>> {
  const labels = new Map<number, string>();
  if (groupBy === 'workOrder') {
    for (const k of keys) labels.set(k, `#${k}`);
    return labels;
  }
  for (let i = 0; i < keys.length; i += chunk) {
    const ids = keys.slice(i, i + chunk);
    if (groupBy === 'employee') for (const u of await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()) labels.set(u.id, u.display_name);
    if (groupBy === 'part') for (const p of await ctx.db.selectFrom('parts').select(['id', 'code', 'name']).where('id', 'in', ids).execute()) labels.set(p.id, `${p.code} ${p.name}`);
    if (groupBy === 'station') for (const l of await ctx.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(l.id, l.name);
  }
  return labels;
}
