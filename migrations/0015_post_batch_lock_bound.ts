import type { Kysely } from 'kysely';
import * as batch from './0013_post_batch_function.js';

// Migration 0013 was changed after it had run on development databases: the 200 ms lock bound
// of aftersales_post_batch was added inside it (session 12), so a PostgreSQL database migrated
// before that change keeps the function without the bound. This re-creates the function as
// 0013 now defines it (create or replace: a no-op on a database that has it already).
export async function up(db: Kysely<any>): Promise<void> {
  await batch.up(db);
}

// The function with the bound is what 0013 makes: there is nothing older to go back to.
export async function down(): Promise<void> {}
