import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.js';

// Quantities are integer thousandths, money integer fen, times epoch milliseconds (bigint).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);

  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('station_id', 'integer')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  await withId(db, db.schema.createTable('idempotency_keys'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('idempotency_user_key', ['user_id', 'key'])
    .execute();

  await withId(db, db.schema.createTable('doc_counters'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addUniqueConstraint('doc_counters_prefix_year', ['prefix', 'year'])
    .execute();

  // ── catalogue ──
  await withId(db, db.schema.createTable('suppliers'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('phone', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('parts'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('spec', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('barcode', 'text')
    .addColumn('sale_price', 'bigint')
    .addColumn('alarm_qty', 'bigint')
    .addColumn('preferred_supplier_id', 'integer', (c) => c.references('suppliers.id'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parts_barcode').on('parts').column('barcode').execute();
  await db.schema.createIndex('parts_category').on('parts').columns(['category', 'id']).execute();
  if (pg) {
    await sql`create extension if not exists pg_trgm`.execute(db).catch(() => undefined);
    await sql`create index if not exists parts_search_trgm on parts using gin (search_text gin_trgm_ops)`
      .execute(db)
      .catch(() => undefined);
  }

  await withId(db, db.schema.createTable('part_suppliers'))
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id'))
    .addColumn('price', 'bigint')
    .addColumn('supplier_part_code', 'text')
    .addUniqueConstraint('part_suppliers_pair', ['part_id', 'supplier_id'])
    .execute();

  // ── locations and the ledger ──
  await withId(db, db.schema.createTable('locations'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_real', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('station_id', 'integer')
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('locations_user').on('locations').column('user_id').unique().execute();

  await withId(db, db.schema.createTable('part_alarms'))
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('alarm_qty', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('part_alarms_pair', ['part_id', 'location_id'])
    .execute();

  await withId(db, db.schema.createTable('lots'))
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('lot_no', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'integer', (c) => c.references('suppliers.id'))
    .addColumn('supplier_key', 'integer', (c) => c.notNull())
    .addColumn('unit_cost', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('document_id', 'integer')
    .addUniqueConstraint('lots_identity', ['part_id', 'lot_no', 'supplier_key', 'unit_cost'])
    .execute();

  await withId(db, db.schema.createTable('documents'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('from_location_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('to_location_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('supplier_id', 'integer', (c) => c.references('suppliers.id'))
    .addColumn('work_order_id', 'integer')
    .addColumn('reservation_id', 'integer')
    .addColumn('related_document_id', 'integer')
    .addColumn('reason', 'text')
    .addColumn('remark', 'text')
    .addColumn('station_id', 'integer')
    .addColumn('total_cost', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('posted_at', 'bigint')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('documents_type_created').on('documents').columns(['type', 'created_at']).execute();
  await db.schema.createIndex('documents_status').on('documents').columns(['status', 'type']).execute();
  await db.schema.createIndex('documents_station').on('documents').columns(['station_id', 'id']).execute();

  await withId(db, db.schema.createTable('document_lines'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('part_id', 'integer', (c) => c.references('parts.id'))
    .addColumn('lot_id', 'integer', (c) => c.references('lots.id'))
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('unit_cost', 'bigint')
    .addColumn('sale_price', 'bigint')
    .addColumn('lot_is_new', 'integer')
    .addColumn('received_qty', 'bigint')
    .addColumn('counted_qty', 'bigint')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('document_lines_doc').on('document_lines').column('document_id').execute();

  await withId(db, db.schema.createTable('document_remarks'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('remark', 'text')
    .addColumn('previous', 'text')
    .addColumn('changed_by', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_remarks_doc').on('document_remarks').column('document_id').execute();

  // One row per move of qty of one lot from one location to another. Never updated, never
  // deleted: a correction is a counter-move (reverses_move_id, unique).
  await withId(db, db.schema.createTable('moves'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('line_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('lot_id', 'integer', (c) => c.notNull().references('lots.id'))
    .addColumn('from_location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('to_location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('unit_cost', 'bigint', (c) => c.notNull())
    .addColumn('sale_price', 'bigint')
    .addColumn('user_id', 'integer')
    .addColumn('work_order_id', 'integer')
    .addColumn('station_id', 'integer')
    .addColumn('reverses_move_id', 'integer', (c) => c.unique())
    .addColumn('posted_at', 'bigint', (c) => c.notNull())
    .addColumn('posted_by', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moves_part_time').on('moves').columns(['part_id', 'posted_at']).execute();
  await db.schema.createIndex('moves_kind_time').on('moves').columns(['kind', 'posted_at']).execute();
  await db.schema.createIndex('moves_document').on('moves').column('document_id').execute();
  await db.schema.createIndex('moves_from').on('moves').columns(['from_location_id', 'posted_at']).execute();
  await db.schema.createIndex('moves_to').on('moves').columns(['to_location_id', 'posted_at']).execute();
  await db.schema.createIndex('moves_time').on('moves').column('posted_at').execute();

  // Balances: on hand per location and lot (FIFO picking) and per location and part
  // (availability = on_hand − reserved, read from one row and locked in key order).
  await db.schema
    .createTable('lot_balances')
    .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('lot_id', 'integer', (c) => c.notNull().references('lots.id'))
    .addColumn('part_id', 'integer', (c) => c.notNull())
    .addColumn('on_hand', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('lot_balances_pk', ['location_id', 'lot_id'])
    .execute();
  await db.schema.createIndex('lot_balances_part').on('lot_balances').columns(['location_id', 'part_id', 'lot_id']).execute();

  await db.schema
    .createTable('stock_levels')
    .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('on_hand', 'bigint', (c) => c.notNull())
    .addColumn('reserved', 'bigint', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_levels_pk', ['location_id', 'part_id'])
    .execute();
  await db.schema.createIndex('stock_levels_part').on('stock_levels').columns(['part_id', 'location_id']).execute();

  // ── reservations, shortages, counts, approval rules ──
  await withId(db, db.schema.createTable('reservations'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
    .addColumn('for_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('for_location_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('remark', 'text')
    .addColumn('work_order_id', 'integer')
    .addColumn('station_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('reservations_status').on('reservations').columns(['status', 'expires_at']).execute();

  await withId(db, db.schema.createTable('reservation_lines'))
    .addColumn('reservation_id', 'integer', (c) => c.notNull().references('reservations.id'))
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('open_qty', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reservation_lines_res').on('reservation_lines').column('reservation_id').execute();

  await withId(db, db.schema.createTable('shortages'))
    .addColumn('part_id', 'integer', (c) => c.references('parts.id'))
    .addColumn('description', 'text')
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('work_order_id', 'integer')
    .addColumn('location_id', 'integer')
    .addColumn('remark', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('station_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('shortages_status').on('shortages').column('status').execute();

  await withId(db, db.schema.createTable('approval_rules'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('min_value', 'bigint')
    .addColumn('category', 'text')
    .addColumn('requester_role', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('jobs_runs'))
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('ran_at', 'bigint', (c) => c.notNull())
    .addColumn('result', 'text')
    .addUniqueConstraint('jobs_runs_slot', ['job', 'slot'])
    .execute();

  // Virtual locations of the ledger (R-INV ledger): stock comes from and goes to these.
  const now = Date.now();
  const virtual = [
    ['VIRT-SUPPLIER', '供應商', 'supplier'],
    ['VIRT-CONSUMED', '客戶/已消耗', 'consumed'],
    ['VIRT-SCRAP', '報廢', 'scrap'],
    ['VIRT-TRANSIT', '在途', 'transit'],
    ['VIRT-ADJUST', '盤點調整', 'adjustment'],
    ['VIRT-OPENING', '期初庫存', 'opening'],
  ];
  for (const [code, name, kind] of virtual) {
    await db.insertInto('locations').values({ code, name, kind, is_real: 0, created_at: now }).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('foundation migration cannot be undone');
}
