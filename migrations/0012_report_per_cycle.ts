import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.js';

// A service report per SLA cycle of its work order (work_orders.cycle, +1 on each reopen), not
// one per work order: a work order reopened after its report was signed needs a new report, a new
// signature and its own parts, photos and old parts to close again, while the signed one stays as
// it was. service_reports gets `cycle` and UNIQUE (work_order_id, cycle) in place of UNIQUE
// (work_order_id); report_photos, report_corrections and old_part_items record the cycle they
// belong to. Existing rows are cycle 0 — the only cycle a report could be written in before.
//
// SQLite cannot drop a column's UNIQUE: the table is rebuilt (create, copy, drop, rename) in one
// transaction with foreign keys off, then checked (service_report_parts refers to it by name).
export async function up(db: Kysely<any>): Promise<void> {
  for (const t of ['report_photos', 'report_corrections', 'old_part_items']) {
    await db.schema.alterTable(t).addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  }
  if (isPostgres(db)) {
    await sql`alter table service_reports drop constraint service_reports_work_order_id_key`.execute(db);
    await sql`alter table service_reports add column cycle integer not null default 0`.execute(db);
    await sql`alter table service_reports add constraint service_reports_work_order_cycle unique (work_order_id, cycle)`.execute(db);
    return;
  }
  const columns = sql.raw(
    'id, work_order_id, status, findings_listen, findings_look, findings_check, cause, responsibility, actions, odometer_milli, running_hours_milli, tampered, minutes_spent, consumption_document_id, signer_name, signature, submitted_at, submitted_by, signed_at, signed_by, created_by, created_at, updated_at, version',
  );
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await withId(trx, trx.schema.createTable('service_reports_next'))
        .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
        .addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('findings_listen', 'text')
        .addColumn('findings_look', 'text')
        .addColumn('findings_check', 'text')
        .addColumn('cause', 'text')
        .addColumn('responsibility', 'text')
        .addColumn('actions', 'text')
        .addColumn('odometer_milli', 'bigint')
        .addColumn('running_hours_milli', 'bigint')
        .addColumn('tampered', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('minutes_spent', 'integer')
        .addColumn('consumption_document_id', 'integer', (c) => c.references('documents.id'))
        .addColumn('signer_name', 'text')
        .addColumn('signature', 'blob')
        .addColumn('submitted_at', 'bigint')
        .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
        .addColumn('signed_at', 'bigint')
        .addColumn('signed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint('service_reports_work_order_cycle', ['work_order_id', 'cycle'])
        .execute();
      await sql`insert into service_reports_next (${columns}) select ${columns} from service_reports`.execute(trx);
      await sql`drop table service_reports`.execute(trx);
      await sql`alter table service_reports_next rename to service_reports`.execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length) throw new Error(`0012: foreign keys broken by the rebuild: ${JSON.stringify(broken.rows.slice(0, 5))}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['report_photos', 'report_corrections', 'old_part_items']) await db.schema.alterTable(t).dropColumn('cycle').execute();
  if (isPostgres(db)) {
    await sql`alter table service_reports drop constraint service_reports_work_order_cycle`.execute(db);
    await sql`alter table service_reports drop column cycle`.execute(db);
    await sql`alter table service_reports add constraint service_reports_work_order_id_key unique (work_order_id)`.execute(db);
    return;
  }
  throw new Error('0012 down: not supported on SQLite (restore the backup taken before the upgrade)');
}
