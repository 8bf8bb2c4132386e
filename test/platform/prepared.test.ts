// Prepared queries (src/platform/db/prepared.ts): built once per shape, then only the parameters
// change. Each must send exactly the SQL and parameters Kysely would have built for those values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { createTestApp, dialect, type TestApp } from '../harness.js';
import { prepared } from '../../src/platform/db/prepared.js';
import type { Db } from '../../src/db.js';

describe(`prepared queries (${dialect})`, () => {
  let t: TestApp;
  let db: Db;
  const sent: CompiledQuery[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    db = t.handle.db as Db;
  });
  afterAll(async () => t?.close());

  /** The same query run through `prepared`, with what it sends recorded. */
  function both<P, R>(build: Parameters<typeof prepared<P, R>>[0]) {
    const p = prepared(build);
    return async (values: P) => {
      const spy = new Proxy(db, {
        get(target, prop, recv) {
          if (prop === 'executeQuery') return (q: CompiledQuery) => (sent.push(q), target.executeQuery(q));
          const v = Reflect.get(target, prop, recv) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      sent.length = 0;
      const rows = await p(spy as Db, values);
      const direct = build(db, values, dialect).compile();
      expect({ sql: sent[0]!.sql, parameters: sent[0]!.parameters }).toEqual({ sql: direct.sql, parameters: direct.parameters });
      return rows;
    };
  }

  it('fills new values into the SQL built the first time', async () => {
    const byCode = both((d, p: { code: string }) => d.selectFrom('locations').select(['code', 'kind']).where('code', '=', p.code));
    const all = await db.selectFrom('locations').select(['code', 'kind']).orderBy('id').execute();
    expect(all.length).toBeGreaterThan(1);
    for (const loc of all) expect(await byCode({ code: loc.code })).toEqual([loc]);
    expect(await byCode({ code: 'NO-SUCH' })).toEqual([]);
  });

  it('keeps constants the builder wrote, and a list of another length is another shape', async () => {
    const kinds = both((d, p: { ids: number[] }) => d.selectFrom('locations').select('id').where('id', 'in', p.ids).where('is_real', '=', 0 as never).orderBy('id'));
    const ids = (await db.selectFrom('locations').select('id').where('is_real', '=', 0 as never).orderBy('id').execute()).map((r) => r.id);
    expect(await kinds({ ids: ids.slice(0, 1) })).toEqual(ids.slice(0, 1).map((id) => ({ id })));
    expect(await kinds({ ids })).toEqual(ids.map((id) => ({ id })));
    expect(await kinds({ ids: [...ids, -1] })).toEqual(ids.map((id) => ({ id })));
  });

  it('writes rows whose columns differ (undefined leaves a column out, null writes NULL)', async () => {
    const ins = both((d, rows: { code: string; name: string; phone?: string | null }[]) => d.insertInto('suppliers').values(rows.map((r) => ({ ...r, created_at: 1, updated_at: 1 })) as never).returning(['code', 'phone']));
    expect(await ins([{ code: 'PQ-1', name: '甲', phone: '123' }])).toEqual([{ code: 'PQ-1', phone: '123' }]);
    expect(await ins([{ code: 'PQ-2', name: '乙', phone: null }])).toEqual([{ code: 'PQ-2', phone: null }]);
    expect(await ins([{ code: 'PQ-3', name: '丙', phone: undefined }])).toEqual([{ code: 'PQ-3', phone: null }]);
    expect(await ins([{ code: 'PQ-4', name: '丁' }, { code: 'PQ-5', name: '戊' }])).toEqual([{ code: 'PQ-4', phone: null }, { code: 'PQ-5', phone: null }]);
  });
});

// Named statements on PostgreSQL (src/platform/db/connect.ts): another process adding a column to
// a table a named statement reads must not break the app (a migration during a rolling upgrade).
describe.skipIf(dialect !== 'postgres')('named statements after a schema change by another process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ poolSize: 1 }); // one connection: every call reuses its named statements
  });
  afterAll(async () => t?.close());

  it('a read outside a transaction and a transaction both go on working', async () => {
    const db = t.handle.db as Db;
    const byCode = prepared((d, p: { code: string }) => d.selectFrom('locations').selectAll().where('code', '=', p.code));
    const code = (await db.selectFrom('locations').select('code').executeTakeFirstOrThrow()).code;
    expect(await byCode(db, { code })).toHaveLength(1);
    const inTx = () => inTransaction(db, 'postgres', async (trx) => (await byCode(trx as Db, { code }))[0]);
    expect(await inTx()).toBeDefined();

    const other = new pg.Client({ connectionString: t.handle.url });
    await other.connect();
    try {
      await other.query('alter table locations add column drill_note text');
      const row = (await byCode(db, { code }))[0] as Record<string, unknown>;
      expect(row).toHaveProperty('drill_note', null);
      await other.query('alter table locations add column drill_note2 text');
      expect(await inTx()).toHaveProperty('drill_note2', null);
    } finally {
      await other.query('alter table locations drop column if exists drill_note, drop column if exists drill_note2');
      await other.end();
    }
  });
});
