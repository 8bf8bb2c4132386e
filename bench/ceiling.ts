// The "ceiling" server of the benchmark: bare Fastify whose one route writes one row in one
// transaction with the app's pragmas (src/platform/db/connect.ts). The API's issues/s are
// reported as a fraction of this server's req/s on the same machine in the same run.
// Env: CEILING_DB (sqlite file path or postgres:// URL), PORT, SYNC (FULL | NORMAL), POOL.
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import Database from 'better-sqlite3';
import pg from 'pg';

const target = process.env.CEILING_DB ?? '';
const port = Number(process.env.PORT ?? 0);
const sync = process.env.SYNC === 'NORMAL' ? 'NORMAL' : 'FULL';

const DDL = `create table if not exists bench_moves (
  id integer primary key, document_id integer not null, part_id integer not null, lot_id integer not null,
  from_location_id integer not null, to_location_id integer not null, qty bigint not null,
  unit_cost bigint not null, posted_at bigint not null)`;
const PG_DDL = DDL.replace('id integer primary key', 'id bigserial primary key');

interface Insert {
  run(n: number): Promise<number>;
  close(): Promise<void>;
}

async function openSqlite(file: string): Promise<Insert> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  db.exec(DDL);
  const stmt = db.prepare('insert into bench_moves (document_id, part_id, lot_id, from_location_id, to_location_id, qty, unit_cost, posted_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const tx = db.transaction((n: number) => Number(stmt.run(n, 1, 1, 7, 8, 1000, 1250, Date.now()).lastInsertRowid));
  return { run: async (n) => tx.immediate(n), close: async () => void db.close() };
}

async function openPostgres(url: string): Promise<Insert> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.POOL ?? 10) });
  await pool.query(PG_DDL);
  const run = async (n: number) => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      const r = await c.query<{ id: string }>(
        'insert into bench_moves (document_id, part_id, lot_id, from_location_id, to_location_id, qty, unit_cost, posted_at) values ($1, 1, 1, 7, 8, 1000, 1250, $2) returning id',
        [n, Date.now()],
      );
      await c.query('commit');
      return Number(r.rows[0]!.id);
    } catch (err) {
      await c.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  };
  return { run, close: () => pool.end() };
}

/** The ceiling's Fastify app on a database (a SQLite file path or a postgres:// URL). */
export async function ceilingApp(db: string) {
  const insert = db.startsWith('postgres') ? await openPostgres(db) : await openSqlite(db);
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => insert.close());
  let n = 0;
  app.post(
    '/issue',
    { schema: { body: { type: 'object', properties: { qty: { type: 'number' } }, required: ['qty'] } } },
    async (_req, reply) => {
      const id = await insert.run(++n);
      reply.code(201);
      return { id };
    },
  );
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const app = await ceilingApp(target);
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`ceiling ready on ${port}`);
}
