import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// Balances stay within what the app's numbers hold exactly (integers up to 2^53 − 1): a stock
// level's quantities and value (thousandths of a fen: 2^53 − 1 is about 90 billion yuan) and a lot
// balance's quantity. The sums are made in SQL, where they would go on past 2^53 and then be read
// back as inexact numbers (SQLite) or refused when read (PostgreSQL, connect.ts) — every later
// read of that part's stock failing. A posting that would take a balance past the bound fails
// instead: PostgreSQL by a CHECK constraint, SQLite (which cannot add one to a table) by triggers;
// the HTTP layer answers either with 409 amount_out_of_range.
const MAX = '9007199254740991';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table stock_levels add constraint stock_levels_in_range
      check (abs(on_hand) <= ${sql.raw(MAX)} and abs(reserved) <= ${sql.raw(MAX)} and abs(value) <= ${sql.raw(MAX)})`.execute(db);
    await sql`alter table lot_balances add constraint lot_balances_in_range check (abs(on_hand) <= ${sql.raw(MAX)})`.execute(db);
    return;
  }
  const levels = sql.raw(`abs(new.on_hand) > ${MAX} or abs(new.reserved) > ${MAX} or abs(new.value) > ${MAX}`);
  const lots = sql.raw(`abs(new.on_hand) > ${MAX}`);
  for (const [table, when] of [['stock_levels', levels], ['lot_balances', lots]] as const) {
    for (const op of ['insert', 'update'] as const) {
      await sql`create trigger ${sql.raw(`${table}_in_range_${op}`)} before ${sql.raw(op)} on ${sql.raw(table)}
        when ${when} begin select raise(abort, 'amount_out_of_range'); end`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table stock_levels drop constraint stock_levels_in_range`.execute(db);
    await sql`alter table lot_balances drop constraint lot_balances_in_range`.execute(db);
    return;
  }
  for (const t of ['stock_levels_in_range_insert', 'stock_levels_in_range_update', 'lot_balances_in_range_insert', 'lot_balances_in_range_update']) {
    await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
  }
}
