import type { Kysely } from 'kysely';

// Issue statistics (R-INV-10) group the whole ledger by employee or by part, and kind. SQLite
// has no hash aggregate: without an index in group order it sorts every move (1–2.5 s at 1M
// moves). These indexes lead with (group column, kind) and carry every column the report reads,
// so the report is one ordered index scan with no table lookups and no sort; posted_at third
// still serves date ranges (skip-scan) and a part's history. moves_part_stats takes over
// moves_part_time's lookups by part, so that one is dropped: one index more on moves, not two.
// station_id is carried for a station user's report, which filters on it.
const CARRIED = ['kind', 'posted_at', 'reverses_move_id', 'qty', 'unit_cost', 'sale_price', 'station_id'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('moves_user_stats').on('moves').columns(['user_id', ...CARRIED]).execute();
  await db.schema.createIndex('moves_part_stats').on('moves').columns(['part_id', ...CARRIED]).execute();
  await db.schema.dropIndex('moves_part_time').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('moves_part_time').on('moves').columns(['part_id', 'posted_at']).execute();
  await db.schema.dropIndex('moves_part_stats').execute();
  await db.schema.dropIndex('moves_user_stats').execute();
}
