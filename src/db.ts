// The whole schema as Kysely sees it: each module owns its tables' types.
import type { Kysely } from 'kysely';
import type { AuthTables } from './modules/auth/tables.js';
import type { CatalogTables } from './modules/catalog/tables.js';
import type { InventoryTables } from './modules/inventory/tables.js';
import type { ServiceTables } from './modules/service/tables.js';
import type { ReportTables } from './modules/service/report-tables.js';
import type { ExtrasTables } from './modules/service/extras-tables.js';
import type { Dialect } from './platform/db/connect.js';
import type { Clock } from './platform/clock.js';
import type { Lang } from './platform/errors.js';

export interface Database extends AuthTables, CatalogTables, InventoryTables, ServiceTables, ReportTables, ExtrasTables {}
export type Db = Kysely<Database>;

export type Role =
  | 'admin'
  | 'service_manager'
  | 'dispatcher'
  | 'technician'
  | 'warehouse_keeper'
  | 'finance'
  | 'station_user';
export const ALL_ROLES: readonly Role[] = [
  'admin',
  'service_manager',
  'dispatcher',
  'technician',
  'warehouse_keeper',
  'finance',
  'station_user',
];

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  stationId: number | null;
}

/** What every business function gets first: the (transaction) handle, who acts, the clock. */
export interface Ctx {
  db: Db;
  dialect: Dialect;
  actor: Actor;
  clock: Clock;
  timeZone: string;
  lang: Lang;
}
