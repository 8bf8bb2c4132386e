import { sql, type QueryCreator } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteArrayFrom, jsonObjectFrom as sqliteObjectFrom } from 'kysely/helpers/sqlite';
import type { Ctx, Database } from '../../db.js';
import { yearInZone } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { updateEach } from '../../platform/db/bulk.js';
import { lineValue, milliFenToFen, sumValues, toMilli, totalValue } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { assertWorkOrderRef, checkLineCount, documentView, getDocument, insertDocument, loadParts, checkParts } from './documents.js';
import { adjustReserved, levelKey, lockForPicking, type LevelKey, lockLevels, lotsOfPartsQuery, numberSequence, pickFrom, pickLines, postMoves, sortedKeys, assertLinesAvailable, type Levels, type MoveSpec, type PartLot, type Picked, type PickLine } from './ledger.js';
import { formatNumber, NUMBER_PREFIX, sumLines } from './ledger.rules.js';
import { linesOf, postChecked, postDocument, type Keyed, type PostCheck } from './posting.js';
import { assertEmployeeInScope, checkStore, ensureHolding, foundLocation } from './locations.js';
import { reservationRow } from './reservations.js';
import type { PartsRow } from '../catalog/tables.js';
import type { ApprovalRulesRow, DocumentsRow, LocationsRow, StockLevelsRow } from './tables.js';
import { prepared } from '../../platform/db/prepared.js';
import { isRetryable } from '../../platform/db/transaction.js';

export interface IssueInput {
  fromLocationId: number;
  toUserId: number;
  workOrderId?: number | null;
  reservationId?: number | null;
  remark?: string | null;
  lines: { partId: number; qty: number; lotId?: number | null }[];
}

interface Line {
  partId: number;
  lotId?: number | null;
  qty: number;
}

/** The receiving employee and the holding location, when it exists already. */
const userWithHoldingQuery = (db: QueryCreator<Database>, id: number) =>
  db
    .selectFrom('users as u')
    .leftJoin('locations as l', 'l.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.disabled', 'u.station_id', 'l.id as holding_id'])
    .where('u.id', '=', id);
type UserWithHolding = Awaited<ReturnType<ReturnType<typeof userWithHoldingQuery>['executeTakeFirstOrThrow']>>;

function activeUser(ctx: Ctx, userId: number, u: UserWithHolding | undefined | null): UserWithHolding {
  if (!u || u.disabled) throw new AppError('unknown_user', { userId });
  assertEmployeeInScope(ctx.actor, u);
  return u;
}

/** Every column of a row type, as a list the compiler checks is complete (a JSON row must equal `select *`'s). */
type AllColumns<R, K extends readonly (keyof R & string)[]> = Exclude<keyof R, K[number]> extends never ? K : never;
const columns = <R>() => <const K extends readonly (keyof R & string)[]>(k: AllColumns<R, K>) => k;
const LOCATION_COLUMNS = columns<LocationsRow>()(['id', 'code', 'name', 'kind', 'is_real', 'user_id', 'station_id', 'archived', 'version', 'created_at']);
const PART_COLUMNS = columns<PartsRow>()(['id', 'code', 'name', 'spec', 'unit', 'category', 'barcode', 'sale_price', 'alarm_qty', 'preferred_supplier_id', 'search_text', 'archived', 'version', 'created_at', 'updated_at']);
const RULE_COLUMNS = columns<ApprovalRulesRow>()(['id', 'name', 'min_value', 'category', 'requester_role', 'active', 'created_at']);
const LEVEL_COLUMNS = columns<StockLevelsRow>()(['location_id', 'part_id', 'on_hand', 'reserved', 'value']);

type JsonHelpers = { object: typeof sqliteObjectFrom; array: typeof sqliteArrayFrom };
const PG_JSON: JsonHelpers = { object: jsonObjectFrom, array: jsonArrayFrom };
const SQLITE_JSON: JsonHelpers = { object: sqliteObjectFrom, array: sqliteArrayFrom };

/**
 * What both engines' lookup statements read, as JSON columns: the store, the employee with the
 * holding, the parts, the active approval rules and the store's lots of the parts (FIFO order).
 * The columns are listed because SQLite's JSON objects need names.
 */
const lookupColumns = (q: QueryCreator<Database>, p: { from: number; user: number; parts: number[] }, json: JsonHelpers) =>
  [
    json.object(q.selectFrom('locations').select(LOCATION_COLUMNS).where('id', '=', p.from)).as('from'),
    json.object(userWithHoldingQuery(q, p.user)).as('user'),
    json.array(q.selectFrom('parts').select(PART_COLUMNS).where('id', 'in', p.parts)).as('parts'),
    json.array(q.selectFrom('approval_rules').select(RULE_COLUMNS).where('active', '=', 1).orderBy('id')).as('rules'),
    json.array(lotsOfPartsQuery(q, { locationId: p.from, partIds: p.parts })).as('lots'),
  ] as const;

/**
 * PostgreSQL: the lookups (the lots read without a lock, for issueAtOnce) and the document's
 * number in one round trip (each is a network wait; docs/decisions/0013-one-statement-posting.md).
 * The number is drawn even when a check then fails: PostgreSQL's numbers may have gaps (decision 0004).
 */
const issueLookupsPg = prepared((db, p: { from: number; user: number; parts: number[]; seq: string }) =>
  db.selectNoFrom((eb) => [...lookupColumns(eb as unknown as QueryCreator<Database>, p, PG_JSON), sql<number>`aftersales_next_number(${p.seq})`.as('n')]),
);

/**
 * SQLite, inside the issue's write transaction: the lookups and the stock levels of the issue's
 * (location, part) pairs in one statement. Each statement costs an issue its SQLite call plus the
 * driver's JavaScript; five became one (docs/benchmarks.md, session 8). SQLite has one writer, so
 * the levels and lots read here are what the issue then changes.
 */
const issueLookupsSqlite = prepared((db, p: { from: number; user: number; parts: number[] }) =>
  db.selectNoFrom((eb) => {
    const q = eb as unknown as QueryCreator<Database>;
    const levels = q
      .selectFrom('stock_levels')
      .select(LEVEL_COLUMNS)
      .where((w) => w.or([w('location_id', '=', p.from), w('location_id', '=', w.selectFrom('locations').select('id').where('user_id', '=', p.user))]))
      .where('part_id', 'in', p.parts);
    return [...lookupColumns(q, p, SQLITE_JSON), SQLITE_JSON.array(levels).as('levels')];
  }),
);
/** A JSON column: parsed by node-postgres already, text from SQLite. */
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** Managers' requisitions need no approval (R-INV-16). */
const approves = (ctx: Ctx) => ctx.actor.roles.some((r) => r === 'service_manager' || r === 'admin');

/**
 * The checked store, employee and parts of an issue, the approval rules that could hold it, and
 * on PostgreSQL its number and the store's lots (all read before the stock rows are locked); on
 * SQLite, in the same statement, the stock levels and lots the issue will change (`held`).
 */
async function issueLookups(ctx: Ctx, input: IssueInput, partIds: number[]) {
  const kinds = ['warehouse', 'station'] as const; // old parts are not saleable stock: never issued (R-INV-17)
  const uniq = [...new Set(partIds)];
  const mayNeedApproval = input.reservationId == null && !approves(ctx);
  const p = { from: input.fromLocationId, user: input.toUserId, parts: uniq };
  const year = ctx.dialect === 'postgres' ? yearInZone(ctx.clock.now(), ctx.timeZone) : 0;
  const [r] = ctx.dialect === 'postgres' ? await issueLookupsPg(ctx.db, { ...p, seq: numberSequence(NUMBER_PREFIX.issue, year) }) : await issueLookupsSqlite(ctx.db, p);
  const found = {
    from: checkStore(ctx, foundLocation(input.fromLocationId, json<LocationsRow | null>(r!.from)), kinds),
    user: activeUser(ctx, input.toUserId, json<UserWithHolding | null>(r!.user)),
    parts: checkParts(uniq, json<PartsRow[]>(r!.parts)),
    rules: mayNeedApproval ? json<ApprovalRulesRow[]>(r!.rules) : [],
  };
  if ('n' in r!) return { ...found, number: formatNumber(NUMBER_PREFIX.issue, year, Number(r.n)) as string | undefined, lots: json<PartLot[]>(r.lots) as PartLot[] | undefined, held: undefined };
  return { ...found, number: undefined, lots: undefined, held: { levels: json<StockLevelsRow[]>(r!.levels), lots: json<PartLot[]>(r!.lots) } };
}

/**
 * lockForPicking's levels and picking from the rows issueLookups read in SQLite's write
 * transaction. A pair without a level row yet (an employee's first stock of a part) gets its row
 * made here, at zero, in one statement: with one writer nothing else can make it meanwhile.
 */
async function heldForPicking(ctx: Ctx, held: NonNullable<IssueLookups['held']>, keys: readonly LevelKey[]) {
  const levels: Levels = new Map(held.levels.map((r) => [levelKey(r.location_id, r.part_id), r]));
  const missing = sortedKeys(keys).filter((k) => !levels.has(levelKey(k.locationId, k.partId)));
  if (missing.length > 0) {
    const rows = missing.map((k) => ({ location_id: k.locationId, part_id: k.partId, on_hand: 0, reserved: 0, value: 0 }));
    await ctx.db.insertInto('stock_levels').values(rows).execute();
    for (const r of rows) levels.set(levelKey(r.location_id, r.part_id), r);
  }
  return { levels, pick: async (lines: readonly PickLine[]) => pickFrom(held.lots, lines) };
}

export type IssueLookups = Awaited<ReturnType<typeof issueLookups>>;

/** An issue's lines in thousandths, duplicate lines of one part (and lot) summed. */
function issueLines(input: IssueInput): Line[] {
  checkLineCount(input.lines);
  return sumLines(input.lines.map((l, i) => ({ partId: l.partId, lotId: l.lotId ?? null, qty: toMilli(l.qty, `lines.${i}.qty`) })));
}

/**
 * How much of each part an open reservation releases when this issue fulfils it (R-INV-5), what
 * its lines keep open after, and whether that closes it. The reservation row is locked first.
 */
async function reservationRelease(ctx: Ctx, input: IssueInput, lines: Line[]) {
  const releasing = new Map<number, number>();
  if (input.reservationId == null) return { releasing, openLeft: [], fulfilled: false };
  const res = await reservationRow(ctx, input.reservationId, { forDecision: true });
  if (!res) throw new AppError('not_found', { reservationId: input.reservationId });
  if (res.status !== 'open') throw new AppError('reservation_not_open', { status: res.status });
  // Past its time it is expired, whether or not the sweep (every minute) has closed it yet.
  if (res.expires_at !== null && res.expires_at <= ctx.clock.now()) throw new AppError('reservation_not_open', { status: 'expired' });
  if (res.location_id !== input.fromLocationId) throw new AppError('reservation_mismatch', { reason: 'location' });
  if (res.for_user_id != null && res.for_user_id !== input.toUserId) throw new AppError('reservation_mismatch', { reason: 'employee' });
  const rl = await ctx.db.selectFrom('reservation_lines').selectAll().where('reservation_id', '=', res.id).execute();
  const taken = new Set<number>();
  for (const l of lines) {
    let want = l.qty;
    for (const r of rl.filter((x) => x.part_id === l.partId && x.open_qty > 0)) {
      const take = Math.min(want, r.open_qty);
      if (take <= 0) break;
      r.open_qty -= take;
      want -= take;
      taken.add(r.id);
      releasing.set(l.partId, (releasing.get(l.partId) ?? 0) + take);
    }
  }
  if (releasing.size === 0) throw new AppError('reservation_mismatch', { reason: 'parts' });
  return { releasing, openLeft: rl.filter((r) => taken.has(r.id)).map((r) => ({ id: r.id, open_qty: r.open_qty })), fulfilled: rl.every((r) => r.open_qty === 0) };
}

/** The approval rule a requisition falls under, valued at the lots FIFO would take (R-INV-16). */
function needsApproval(ctx: Ctx, rules: readonly ApprovalRulesRow[], lines: Line[], parts: Map<number, PartsRow>, picked: Picked): { rule: string; valueMf: number } | null {
  if (rules.length === 0) return null;
  const valueMf = sumValues(picked.flatMap(({ picks }) => (picks ?? []).map((p) => lineValue(p.qty, p.unit_cost))));
  const valueFen = milliFenToFen(valueMf);
  for (const r of rules) {
    if (r.requester_role && !ctx.actor.roles.includes(r.requester_role as never)) continue;
    if (r.min_value != null && valueFen < r.min_value) continue;
    if (r.category && !lines.some((l) => parts.get(l.partId)?.category === r.category)) continue;
    return { rule: r.name, valueMf };
  }
  return null;
}

/** Builds the issue's moves from its lots (picked here unless given); throws insufficient_stock when short. */
async function planIssue(ctx: Ctx, levels: Levels, from: number, to: number, lines: Line[], parts: Map<number, PartsRow>, releasing: Map<number, number>, extra: Partial<MoveSpec>, given?: Picked) {
  assertLinesAvailable(levels, from, lines, (partId) => parts.get(partId)!.code, releasing);
  const picked = given ?? (await pickLines(ctx, from, lines));
  for (const [i, l] of lines.entries()) {
    if (!picked[i]!.picks) {
      // A line naming its lot is short of that lot: what it could take of it, not the part's stock.
      const lv = levels.get(levelKey(from, l.partId));
      const available = l.lotId != null ? picked[i]!.held : lv ? lv.on_hand - lv.reserved : 0;
      throw new AppError('insufficient_stock', { partId: l.partId, partCode: parts.get(l.partId)!.code, available: available / 1000, requested: l.qty / 1000, lotId: l.lotId });
    }
  }
  return issueMoves(from, to, lines, parts, picked, extra);
}

/** The moves of an issue's lines from their picks (every line picked). */
function issueMoves(from: number, to: number, lines: Line[], parts: Map<number, PartsRow>, picked: Picked, extra: Partial<MoveSpec>): MoveSpec[] {
  return lines.flatMap((l, i) =>
    picked[i]!.picks!.map((p): MoveSpec => ({ kind: 'issue', partId: l.partId, lotId: p.lot_id, from, to, qty: p.qty, unitCost: p.unit_cost, salePrice: parts.get(l.partId)!.sale_price, ...extra })),
  );
}

/** The issue document's fields but its type, status and cost. */
function issueDocument(input: IssueInput, from: LocationsRow, user: UserWithHolding, holding: number) {
  return {
    from_location_id: from.id,
    to_location_id: holding,
    user_id: user.id,
    supplier_id: null,
    work_order_id: input.workOrderId ?? null,
    reservation_id: input.reservationId ?? null,
    related_document_id: null,
    reason: null,
    remark: input.remark ?? null,
    station_id: from.kind === 'station' ? from.id : (from.station_id ?? user.station_id),
  };
}

const postedIssue = (base: ReturnType<typeof issueDocument>, moves: readonly MoveSpec[], now: number) => ({
  ...base,
  type: 'issue' as const,
  status: 'posted' as const,
  posted_at: now,
  total_cost: totalValue(moves),
});
const issueAudit = (moves: readonly MoveSpec[]) => ({ action: 'post', entity: 'issue', after: { lines: moves.length } });

/**
 * PostgreSQL, outside a transaction: an issue posted in one statement that takes the stock locks
 * itself (aftersales_post with a check; docs/decisions/0016-issue-in-one-statement.md). The lots
 * are read without a lock along with the lookups, the FIFO picks made from them, and the
 * function posts only if, under its locks, the stock is still available and FIFO would pick the
 * same lots. `{ lookups }` when that does not hold or the issue needs more than this path does
 * (a reservation, a chosen lot, an approval, the employee's first holding): the caller then runs
 * issueParts in a transaction with those lookups (no second number is drawn). On SQLite: `{}`.
 * With `key` the request's Idempotency-Key is claimed in the same statement (migration 0011); a
 * key used before also sends the request to the transactional path, which answers it.
 */
export async function issueAtOnce(ctx: Ctx, input: IssueInput, key?: Keyed): Promise<{ done: ReturnType<typeof documentView> } | { lookups?: IssueLookups }> {
  if (ctx.dialect !== 'postgres') return {}; // SQLite: one writer, group commit; the transaction's path
  const lines = issueLines(input);
  const lookups = await issueLookups(ctx, input, lines.map((l) => l.partId));
  const { from, user, parts, rules, number, lots } = lookups;
  const holding = user.holding_id;
  if (!lots || !number || holding == null || input.reservationId != null || lines.some((l) => l.lotId != null)) return { lookups };
  await assertWorkOrderRef(ctx, input.workOrderId);
  const picked = pickFrom(lots, lines);
  if (picked.some((p) => !p.picks) || needsApproval(ctx, rules, lines, parts, picked)) return { lookups };
  const base = issueDocument(input, from, user, holding);
  const moves = issueMoves(from.id, holding, lines, parts, picked, { userId: user.id, workOrderId: input.workOrderId ?? null, stationId: base.station_id });
  const check: PostCheck = {
    keys: lines.flatMap((l) => [{ location_id: from.id, part_id: l.partId }, { location_id: holding, part_id: l.partId }]),
    at: from.id,
    need: lines.map((l) => ({ part_id: l.partId, qty: l.qty })),
    picks: lines.flatMap((l, i) => picked[i]!.picks!.map((p, k, all) => ({ part_id: l.partId, rn: k + 1, lot_id: p.lot_id, qty: p.qty, last: k === all.length - 1 }))),
  };
  try {
    const posted = await postChecked(ctx, postedIssue(base, moves, ctx.clock.now()), moves, { number, audit: issueAudit(moves), check, key });
    return posted ? { done: documentView(ctx, posted.doc, posted.lines) } : { lookups };
  } catch (err) {
    if (isRetryable(err)) return { lookups }; // a deadlock or the like: the transaction's path retries
    throw err;
  }
}

/**
 * Issues parts from a store to an employee's holding (R-INV-3, R-INV-4), FIFO lots unless a lot
 * is chosen; fulfils a reservation when named (R-INV-5). When an approval rule applies
 * (R-INV-16) the document waits for a manager with its quantities reserved.
 */
export async function issueParts(ctx: Ctx, input: IssueInput, looked?: IssueLookups) {
  const lines = issueLines(input);
  const { from, user, parts, rules, number, held } = looked ?? (await issueLookups(ctx, input, lines.map((l) => l.partId)));
  if (input.lines.some((l) => l.lotId != null)) {
    const lotIds = [...new Set(lines.flatMap((l) => (l.lotId == null ? [] : [l.lotId])))];
    const lots = await ctx.db.selectFrom('lots').select(['id', 'part_id']).where('id', 'in', lotIds).execute();
    for (const l of lines) if (l.lotId != null && lots.find((x) => x.id === l.lotId)?.part_id !== l.partId) throw new AppError('unknown_lot', { lotId: l.lotId });
  }
  await assertWorkOrderRef(ctx, input.workOrderId);
  const holding = user.holding_id ?? (await ensureHolding(ctx, user.id, user.display_name));
  const { releasing, openLeft, fulfilled } = await reservationRelease(ctx, input, lines);
  // PostgreSQL's number came from a sequence, outside the row locks (issueLookups): the hot part's
  // lock waits for one round trip less. (SQLite's gapless counter has one writer anyway.)
  const keys = lines.flatMap((l) => [{ locationId: from.id, partId: l.partId }, { locationId: holding, partId: l.partId }]);
  const { levels, pick } = held ? await heldForPicking(ctx, held, keys) : await lockForPicking(ctx, keys, from.id);
  const now = ctx.clock.now();
  const base = issueDocument(input, from, user, holding);
  const stationId = base.station_id;

  // The lots are read once, under the locks: they value a requisition and then make the moves.
  const picked = await pick(lines);
  const approval = needsApproval(ctx, rules, lines, parts, picked);
  if (approval) {
    const rule = approval.rule;
    assertLinesAvailable(levels, from.id, lines, (partId) => parts.get(partId)!.code);
    const { doc, lines: rows } = await insertDocument(
      ctx,
      { ...base, type: 'issue', status: 'pending_approval', posted_at: null, reason: rule, total_cost: approval.valueMf },
      lines.map((l) => ({ part_id: l.partId, lot_id: l.lotId ?? null, qty: l.qty, unit_cost: null, sale_price: parts.get(l.partId)!.sale_price, lot_is_new: null, received_qty: null, counted_qty: null, note: null })),
      number,
    );
    await adjustReserved(ctx, from.id, lines.map((l) => ({ partId: l.partId, delta: l.qty })));
    await audit(ctx, 'request', 'issue', doc.id, null, { number: doc.number, rule });
    return documentView(ctx, doc, rows);
  }

  const moves = await planIssue(ctx, levels, from.id, holding, lines, parts, releasing, { userId: user.id, workOrderId: input.workOrderId ?? null, stationId }, picked);
  const { doc, lines: rows } = await postDocument(ctx, postedIssue(base, moves, now), moves, { number, audit: issueAudit(moves) });
  // The reservation's row is locked (reservationRelease), so its lines read then are current.
  await updateEach(ctx.db, 'reservation_lines', { open_qty: 'bigint' }, openLeft);
  await adjustReserved(ctx, from.id, [...releasing].map(([partId, take]) => ({ partId, delta: -take })));
  if (fulfilled) {
    await ctx.db.updateTable('reservations').set((eb) => ({ status: 'fulfilled', closed_at: now, version: eb('version', '+', 1) })).where('id', '=', input.reservationId!).execute();
  }
  return documentView(ctx, doc, rows);
}

async function pendingIssue(ctx: Ctx, id: number, version?: number): Promise<{ doc: DocumentsRow; lines: Awaited<ReturnType<typeof getDocument>>['lines'] }> {
  const { doc, lines } = await getDocument(ctx, id, { forDecision: true });
  if (doc.type !== 'issue' || doc.status !== 'pending_approval') throw new AppError('document_not_pending');
  if (version !== undefined && doc.version !== version) throw new AppError('version_conflict');
  return { doc, lines };
}

/** A manager approves a requisition (R-INV-16): its reserved quantities are issued FIFO now. */
export async function approveIssue(ctx: Ctx, id: number, note: string | null, version?: number) {
  const { doc, lines: reqLines } = await pendingIssue(ctx, id, version);
  const lines = reqLines.map((l) => ({ partId: l.part_id!, lotId: l.lot_id, qty: l.qty }));
  const parts = await loadParts(ctx, lines.map((l) => l.partId), { allowArchived: true });
  const levels = await lockLevels(ctx, lines.flatMap((l) => [{ locationId: doc.from_location_id!, partId: l.partId }, { locationId: doc.to_location_id!, partId: l.partId }]));
  const releasing = new Map(lines.map((l) => [l.partId, l.qty]));
  const moves = await planIssue(ctx, levels, doc.from_location_id!, doc.to_location_id!, lines, parts, releasing, { userId: doc.user_id, workOrderId: doc.work_order_id, stationId: doc.station_id });
  await adjustReserved(ctx, doc.from_location_id!, lines.map((l) => ({ partId: l.partId, delta: -l.qty })));
  const now = ctx.clock.now();
  await ctx.db.deleteFrom('document_lines').where('document_id', '=', doc.id).execute();
  const rows = await ctx.db
    .insertInto('document_lines')
    .values(linesOf(moves).map((l, i) => ({ ...l, document_id: doc.id, line_no: i + 1 })))
    .returningAll()
    .execute();
  const updated = await ctx.db
    .updateTable('documents')
    .set({ status: 'posted', posted_at: now, decided_by: ctx.actor.id, decided_at: now, decision_note: note, total_cost: totalValue(moves), version: doc.version + 1 })
    .where('id', '=', doc.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await postMoves(ctx, doc.id, moves.map((m, i) => ({ ...m, lineId: rows[i]!.id })), now);
  await audit(ctx, 'approve', 'issue', doc.id, { status: doc.status }, { status: 'posted', note });
  return documentView(ctx, updated, rows);
}

/** A manager rejects a requisition: its reservation is released, nothing moves. */
export async function rejectIssue(ctx: Ctx, id: number, note: string | null, version?: number) {
  const { doc, lines } = await pendingIssue(ctx, id, version);
  await lockLevels(ctx, lines.map((l) => ({ locationId: doc.from_location_id!, partId: l.part_id! })));
  await adjustReserved(ctx, doc.from_location_id!, lines.map((l) => ({ partId: l.part_id!, delta: -l.qty })));
  const now = ctx.clock.now();
  const updated = await ctx.db
    .updateTable('documents')
    .set({ status: 'rejected', decided_by: ctx.actor.id, decided_at: now, decision_note: note, version: doc.version + 1 })
    .where('id', '=', doc.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'reject', 'issue', doc.id, { status: doc.status }, { status: 'rejected', note });
  return documentView(ctx, updated, lines);
}
