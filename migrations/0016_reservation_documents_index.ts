import type { Kysely } from 'kysely';

// Stock as of a past date shows what was reserved then: an open reservation less what the issues
// against it had taken by then (ledger.queries.ts, reservedAsOf). Those issues are found by their
// reservation_id; a partial index, so the issues that fulfil no reservation (most) pay nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('documents_reservation').on('documents').column('reservation_id').where('reservation_id', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_reservation').execute();
}
