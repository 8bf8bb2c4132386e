// Placeholder until the demo data set lands (see src/demo/README.md).
import type { Database } from '../db.js';
import type { Config } from '../platform/config.js';
import type { DbHandle } from '../platform/db/connect.js';

export async function loadDemo(_h: DbHandle<Database>, _c: Config, _o: { ifEmpty: boolean }): Promise<string> {
  return 'demo data not available yet';
}
