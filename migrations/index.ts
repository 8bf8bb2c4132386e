// The ordered list of migrations. Append only; never edit a migration that has shipped.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_stats_indexes.js';
import * as m0003 from './0003_document_number_function.js';
import * as m0004 from './0004_virtual_location_names.js';
import * as m0005 from './0005_service.js';
import * as m0006 from './0006_service_reports.js';
import * as m0007 from './0007_service_extras.js';
import * as m0008 from './0008_dispatch_indexes.js';
import * as m0009 from './0009_lock_levels_function.js';
import * as m0010 from './0010_post_function.js';
import * as m0011 from './0011_keyed_post_function.js';
import * as m0012 from './0012_report_per_cycle.js';
import * as m0013 from './0013_post_batch_function.js';
import * as m0014 from './0014_balance_range.js';
import * as m0015 from './0015_post_batch_lock_bound.js';
import * as m0016 from './0016_reservation_documents_index.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_stats_indexes': m0002,
  '0003_document_number_function': m0003,
  '0004_virtual_location_names': m0004,
  '0005_service': m0005,
  '0006_service_reports': m0006,
  '0007_service_extras': m0007,
  '0008_dispatch_indexes': m0008,
  '0009_lock_levels_function': m0009,
  '0010_post_function': m0010,
  '0011_keyed_post_function': m0011,
  '0012_report_per_cycle': m0012,
  '0013_post_batch_function': m0013,
  '0014_balance_range': m0014,
  '0015_post_batch_lock_bound': m0015,
  '0016_reservation_documents_index': m0016,
};
