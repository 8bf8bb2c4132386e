import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// The dispatch board (GET /dispatch/board) lists open work orders by their next due time: the
// earliest due time of a target not yet met (response, arrival, resolution), "never" when none.
// That is an expression; without an index in its order the first page sorts every open work
// order (100,000 in the bench). Two partial indexes on exactly that expression:
// - work_orders_board_open: every open work order in due order (the main list);
// - work_orders_board_new: the undispatched ones ("new"), which the board shows first when they
//   were logged before today (R-SVC-11: undispatched requests roll over to the next day first).
// src/modules/service/board.ts writes the same expression (nextDueSql); the planner uses an
// expression index only for the identical expression, and test/service/board.test.ts checks the
// plan. SQLite's min(a, b, c) is PostgreSQL's least(a, b, c).
// moves_work_order: a unit's service history reads the parts moved against its work orders; the
// index is partial (most moves name no work order), so issues without one pay nothing.
const NEVER = '9007199254740991';
const OPEN = "('new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts')";

function nextDue(db: Kysely<any>): string {
  const min = isPostgres(db) ? 'least' : 'min';
  return `${min}(coalesce(case when responded_at is null then response_due_at end, ${NEVER}), coalesce(case when arrived_at is null then arrival_due_at end, ${NEVER}), coalesce(case when resolved_at is null then resolution_due_at end, ${NEVER}))`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`create index work_orders_board_open on work_orders (${nextDue(db)}, id) where status in ${OPEN}`).execute(db);
  await sql.raw(`create index work_orders_board_new on work_orders (${nextDue(db)}, id) where status = 'new'`).execute(db);
  await sql.raw('create index moves_work_order on moves (work_order_id) where work_order_id is not null').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('moves_work_order').execute();
  await db.schema.dropIndex('work_orders_board_new').execute();
  await db.schema.dropIndex('work_orders_board_open').execute();
}
