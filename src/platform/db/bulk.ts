// Statements that write many rows at once, so a document's lines cost one statement, not one each.
import { sql, type Kysely } from 'kysely';

/**
 * Slices of at most `size` items: a statement's parameters are bounded (SQLite 32,766, PostgreSQL
 * 65,535), so a many-row insert of an import goes in slices of a few hundred rows.
 */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** SQL types a CASE of parameters is cast to (PostgreSQL infers no type for it). */
export type ColumnType = 'bigint' | 'integer' | 'text';

/**
 * One UPDATE giving each row its own values:
 * `update t set c = case id when 1 then cast(? as bigint) … end, … where id in (1, …)`.
 * `columns` names the columns to set and their SQL types; every row carries a value for each.
 */
export async function updateEach(db: Kysely<any>, table: string, columns: Record<string, ColumnType>, rows: readonly ({ id: number } & Record<string, unknown>)[]): Promise<void> {
  if (rows.length === 0) return;
  const sets = Object.entries(columns).map(
    ([column, type]) => sql`${sql.ref(column)} = case ${sql.ref('id')} ${sql.join(rows.map((r) => sql`when ${r.id} then cast(${r[column] ?? null} as ${sql.raw(type)})`), sql` `)} end`,
  );
  await sql`update ${sql.table(table)} set ${sql.join(sets)} where ${sql.ref('id')} in (${sql.join(rows.map((r) => r.id))})`.execute(db);
}
