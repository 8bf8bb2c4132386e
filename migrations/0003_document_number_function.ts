import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// PostgreSQL: document numbers come from one sequence per prefix and year
// (docs/decisions/0004). The function makes a missing sequence inside its own
// subtransaction, so a race with a peer transaction (or a rollback of the one that made it)
// never aborts the caller's transaction.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function aftersales_next_number(seq text) returns bigint
    language plpgsql as $$
    begin
      return nextval(seq::regclass);
    exception when undefined_table then
      begin
        execute format('create sequence if not exists %I', seq);
      exception when duplicate_table or unique_violation then
        null;
      end;
      return nextval(seq::regclass);
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists aftersales_next_number(text)`.execute(db);
}
