import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

// Service operations (R-SVC-1 … R-SVC-6): customers, sites, contacts, product models, installed
// units, the calls log, work orders with their events and technicians, SLA policies (as data,
// docs/decisions/0007) and breaches. Calendar days are 'YYYY-MM-DD' text, coordinates integer
// micro-degrees, instants epoch ms.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('customers'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('contract', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('station_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_station').on('customers').columns(['station_id', 'code']).execute();

  await withId(db, db.schema.createTable('customer_sites'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('lat_e6', 'integer')
    .addColumn('lng_e6', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_sites_customer').on('customer_sites').columns(['customer_id', 'id']).execute();

  await withId(db, db.schema.createTable('customer_contacts'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_contacts_customer').on('customer_contacts').columns(['customer_id', 'id']).execute();

  await withId(db, db.schema.createTable('product_models'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('years_free', 'integer', (c) => c.notNull())
    .addColumn('years_parts_at_cost', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warranty_km', 'integer')
    .addColumn('warranty_hours', 'integer')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('installed_units'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('model_id', 'integer', (c) => c.notNull().references('product_models.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('site_id', 'integer', (c) => c.references('customer_sites.id'))
    .addColumn('sale_date', 'text')
    .addColumn('acceptance_date', 'text')
    .addColumn('dealer_station_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('installed_units_customer').on('installed_units').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('installed_units_dealer').on('installed_units').columns(['dealer_station_id', 'id']).execute();

  // Station coordinates for SLA distances: inventory locations carry none.
  await db.schema
    .createTable('station_geo')
    .addColumn('location_id', 'integer', (c) => c.primaryKey().references('locations.id'))
    .addColumn('lat_e6', 'integer', (c) => c.notNull())
    .addColumn('lng_e6', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('service_calls'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('caller_phone', 'text')
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('installed_units.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('work_order_id', 'integer')
    .addColumn('station_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('service_calls_time').on('service_calls').columns(['received_at', 'id']).execute();

  await withId(db, db.schema.createTable('work_orders'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('service_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('fault', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('site_id', 'integer', (c) => c.references('customer_sites.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('installed_units.id'))
    .addColumn('call_id', 'integer', (c) => c.references('service_calls.id'))
    .addColumn('station_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('distance_m', 'integer')
    .addColumn('contract', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lead_technician_id', 'integer', (c) => c.references('users.id'))
    .addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_started_at', 'bigint', (c) => c.notNull())
    .addColumn('response_due_at', 'bigint')
    .addColumn('arrival_due_at', 'bigint')
    .addColumn('resolution_due_at', 'bigint')
    .addColumn('response_policy_id', 'integer')
    .addColumn('arrival_policy_id', 'integer')
    .addColumn('resolution_policy_id', 'integer')
    .addColumn('loaner_if_unresolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('responded_at', 'bigint')
    .addColumn('arrived_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('work_orders_status').on('work_orders').columns(['status', 'id']).execute();
  await db.schema.createIndex('work_orders_station').on('work_orders').columns(['station_id', 'id']).execute();
  await db.schema.createIndex('work_orders_customer').on('work_orders').columns(['customer_id', 'id']).execute();

  await db.schema
    .createTable('work_order_technicians')
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('is_lead', 'integer', (c) => c.notNull())
    .addColumn('assigned_by', 'integer', (c) => c.notNull())
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_order_technicians_pk', ['work_order_id', 'user_id'])
    .execute();
  await db.schema.createIndex('work_order_technicians_user').on('work_order_technicians').columns(['user_id', 'work_order_id']).execute();

  await withId(db, db.schema.createTable('work_order_events'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_order_events_wo').on('work_order_events').columns(['work_order_id', 'id']).execute();

  await withId(db, db.schema.createTable('sla_policies'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service_type', 'text')
    .addColumn('categories', 'text')
    .addColumn('min_km', 'integer')
    .addColumn('max_km', 'integer')
    .addColumn('contract', 'integer')
    .addColumn('response_minutes', 'integer')
    .addColumn('arrival_minutes', 'integer')
    .addColumn('resolution_minutes', 'integer')
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('loaner_if_unresolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('sla_breaches'))
    .addColumn('work_order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('met_at', 'bigint')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('sla_breaches_once', ['work_order_id', 'cycle', 'target'])
    .execute();

  // The old rules as default policies (issue #4); every row is editable data.
  const now = Date.now();
  const H = 60;
  const defaults = [
    { code: 'NEAR-100KM', name: '100 公里内 24 小时到达', max_km: 100, arrival_minutes: 24 * H, clock: 'wall' },
    { code: 'FAR-100KM', name: '100 公里外 12 小时内答复', min_km: 100, response_minutes: 12 * H, clock: 'wall' },
    { code: 'ENGINE-CHASSIS', name: '发动机/底盘故障 12 小时内书面联系', categories: 'engine,chassis', response_minutes: 12 * H, clock: 'wall' },
    { code: 'CONTRACT-1H', name: '合同客户 1 小时到达、12 小时修复，否则提供备机', contract: 1, arrival_minutes: H, resolution_minutes: 12 * H, loaner_if_unresolved: 1, clock: 'wall' },
    { code: 'CITY-6BH', name: '市区 6 个工作小时到达', max_km: 30, arrival_minutes: 6 * H, clock: 'business' },
    { code: 'SUBURB-7BH', name: '郊区 7 个工作小时到达', min_km: 30, max_km: 100, arrival_minutes: 7 * H, clock: 'business' },
  ];
  for (const p of defaults) {
    await db
      .insertInto('sla_policies')
      .values({ service_type: null, categories: null, min_km: null, max_km: null, contract: null, response_minutes: null, arrival_minutes: null, resolution_minutes: null, loaner_if_unresolved: 0, note: null, active: 1, version: 1, created_at: now, updated_at: now, ...p })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sla_breaches', 'sla_policies', 'work_order_events', 'work_order_technicians', 'work_orders', 'service_calls', 'station_geo', 'installed_units', 'product_models', 'customer_contacts', 'customer_sites', 'customers']) {
    await db.schema.dropTable(t).execute();
  }
}
