// The ordered list of migrations. Append only; never edit a migration that has shipped.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};
