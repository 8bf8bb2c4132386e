import type { Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.js';

// Service reports (R-SVC-7) and old parts (R-INV-17): one report per work order with its parts
// used and old parts lines, photos and the customer's signature stored in the database (blob on
// SQLite, bytea on PostgreSQL), corrections of a signed report as linked records; old parts
// handed in (one row per hand-in line, linked to its work order and ledger document) and their
// disposals. Quantities are integer thousandths, instants epoch ms.
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = isPostgres(db) ? 'bytea' : 'blob';

  await withId(db, db.schema.createTable('service_reports'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().unique().references('work_orders.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | signed
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
    .addColumn('signature', bytes as 'blob')
    .addColumn('submitted_at', 'bigint')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_at', 'bigint')
    .addColumn('signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Parts replaced (kind 'used', consumed from the lead technician's holding on submit) and old
  // parts to bring back (kind 'old').
  await withId(db, db.schema.createTable('service_report_parts'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('service_reports.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('service_report_parts_report').on('service_report_parts').columns(['report_id', 'kind', 'line_no']).execute();

  await withId(db, db.schema.createTable('report_photos'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', bytes as 'blob', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_photos_work_order').on('report_photos').columns(['work_order_id', 'id']).execute();

  await withId(db, db.schema.createTable('report_corrections'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_corrections_work_order').on('report_corrections').columns(['work_order_id', 'id']).execute();

  // One row per hand-in line: the old part sits in an old-parts location (lot per work order,
  // zero cost) until disposed; disposed_qty grows as disposals take it, oldest first.
  await withId(db, db.schema.createTable('old_part_items'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('lot_id', 'integer', (c) => c.notNull().references('lots.id'))
    .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('disposed_qty', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('technician_id', 'integer', (c) => c.references('users.id'))
    .addColumn('station_id', 'integer')
    .addColumn('handed_in_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema.createIndex('old_part_items_work_order').on('old_part_items').columns(['work_order_id', 'part_id']).execute();
  await db.schema.createIndex('old_part_items_location').on('old_part_items').columns(['location_id', 'part_id', 'id']).execute();
  await db.schema.createIndex('old_part_items_time').on('old_part_items').columns(['handed_in_at', 'id']).execute();

  await withId(db, db.schema.createTable('old_part_disposals'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('old_part_items.id'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('action', 'text', (c) => c.notNull()) // supplier_claim | scrap | refurbish
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('supplier_id', 'integer', (c) => c.references('suppliers.id'))
    .addColumn('to_location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('old_part_disposals_item').on('old_part_disposals').column('item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['old_part_disposals', 'old_part_items', 'report_corrections', 'report_photos', 'service_report_parts', 'service_reports']) {
    await db.schema.dropTable(t).execute();
  }
}
