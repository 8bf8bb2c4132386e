import type { Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.js';

// Service extras (R-SVC-8 … R-SVC-11, issue #4 point 3): carry-in repairs with their step log,
// loaner units and loans, charge lines and invoice requests to finance, technicians' daily
// reports, and notifications (parts arrived for a work order waiting for parts). Money integer
// fen, quantities integer thousandths, instants epoch ms, calendar days 'YYYY-MM-DD' text.
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = isPostgres(db) ? 'bytea' : 'blob';

  await withId(db, db.schema.createTable('carry_ins'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull()) // received | in_repair | inspected | returned
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('installed_units.id'))
    .addColumn('work_order_id', 'integer', (c) => c.references('work_orders.id'))
    .addColumn('station_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('fault', 'text', (c) => c.notNull())
    .addColumn('accessories', 'text')
    .addColumn('brought_by', 'text')
    .addColumn('technician_id', 'integer', (c) => c.references('users.id'))
    .addColumn('minutes_spent', 'integer')
    .addColumn('parts_text', 'text')
    .addColumn('repair_note', 'text')
    .addColumn('inspection', 'text') // pass | fail (the latest)
    .addColumn('inspection_note', 'text')
    .addColumn('inspected_by', 'integer', (c) => c.references('users.id'))
    .addColumn('inspected_at', 'bigint')
    .addColumn('signer_name', 'text')
    .addColumn('signature', bytes as 'blob')
    .addColumn('returned_at', 'bigint')
    .addColumn('returned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('carry_ins_status').on('carry_ins').columns(['status', 'id']).execute();
  await db.schema.createIndex('carry_ins_work_order').on('carry_ins').columns(['work_order_id']).execute();

  await withId(db, db.schema.createTable('carry_in_events'))
    .addColumn('carry_in_id', 'integer', (c) => c.notNull().references('carry_ins.id'))
    .addColumn('step', 'text', (c) => c.notNull()) // received | in_repair | tag | inspected | inspection_failed | returned
    .addColumn('note', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('carry_in_events_carry_in').on('carry_in_events').columns(['carry_in_id', 'id']).execute();

  await withId(db, db.schema.createTable('loaner_units'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // available | lent | maintenance
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('loaner_loans'))
    .addColumn('loaner_id', 'integer', (c) => c.notNull().references('loaner_units.id'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('due_back', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('lent_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('lent_at', 'bigint', (c) => c.notNull())
    .addColumn('returned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('returned_at', 'bigint')
    .addColumn('return_note', 'text')
    .execute();
  await db.schema.createIndex('loaner_loans_loaner').on('loaner_loans').columns(['loaner_id', 'id']).execute();
  await db.schema.createIndex('loaner_loans_open').on('loaner_loans').columns(['returned_at', 'due_back']).execute();

  // Manual charge lines; parts consumed against the work order come from the ledger when read.
  await withId(db, db.schema.createTable('charge_lines'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // labour | parts | travel
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('part_id', 'integer', (c) => c.references('parts.id'))
    .addColumn('qty', 'bigint', (c) => c.notNull()) // thousandths: hours, pieces, km (1 for a fixed amount)
    .addColumn('rate', 'bigint', (c) => c.notNull()) // fen per unit
    .addColumn('unit_cost', 'bigint') // fen per unit, our cost when it differs from the rate (parts)
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('charge_lines_work_order').on('charge_lines').columns(['work_order_id', 'id']).execute();

  await withId(db, db.schema.createTable('invoice_requests'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // requested | invoiced | rejected
    .addColumn('amount', 'bigint', (c) => c.notNull()) // fen, what the customer pays
    .addColumn('snapshot', 'text', (c) => c.notNull()) // the charges as requested (JSON)
    .addColumn('note', 'text')
    .addColumn('invoice_no', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('station_id', 'integer')
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('invoice_requests_status').on('invoice_requests').columns(['status', 'id']).execute();
  await db.schema.createIndex('invoice_requests_work_order').on('invoice_requests').columns(['work_order_id', 'id']).execute();

  await withId(db, db.schema.createTable('tech_daily_reports'))
    .addColumn('technician_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted
    .addColumn('minutes_a', 'integer', (c) => c.notNull())
    .addColumn('minutes_b', 'integer', (c) => c.notNull())
    .addColumn('minutes_c', 'integer', (c) => c.notNull())
    .addColumn('minutes_d', 'integer', (c) => c.notNull())
    .addColumn('jobs', 'integer', (c) => c.notNull())
    .addColumn('km', 'bigint', (c) => c.notNull()) // thousandths of a km
    .addColumn('lines', 'text', (c) => c.notNull()) // per work order, as generated (JSON)
    .addColumn('notes', 'text')
    .addColumn('submitted_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('tech_daily_reports_once', ['technician_id', 'day'])
    .execute();
  await db.schema.createIndex('tech_daily_reports_day').on('tech_daily_reports').columns(['day', 'technician_id']).execute();

  await withId(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // parts_arrived
    .addColumn('work_order_id', 'integer', (c) => c.references('work_orders.id'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notifications', 'tech_daily_reports', 'invoice_requests', 'charge_lines', 'loaner_loans', 'loaner_units', 'carry_in_events', 'carry_ins']) {
    await db.schema.dropTable(t).execute();
  }
}
