import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The underlying better-sqlite3 handle (SQLite only): backups and pragmas. */
  sqlite?: Database.Database;
  pool?: pg.Pool;
  url: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  synchronous?: 'FULL' | 'NORMAL';
  poolSize?: number;
}

// int8 and numeric come back from node-postgres as strings; our integers (fen, thousandths,
// epoch ms) stay far below 2^53, so parse them as numbers and refuse anything unsafe.
function parseSafeInteger(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`integer out of safe range: ${v}`);
  return n;
}
pg.types.setTypeParser(20, parseSafeInteger);
pg.types.setTypeParser(1700, parseSafeInteger);

/**
 * Parameterised statements get a name (a hash of their text), so PostgreSQL parses and plans each
 * once per connection instead of on every call (the server shares the machine's cores with the
 * app: 339 -> 476 issues/s here). Statements without parameters (DDL, BEGIN, COMMIT) stay unnamed.
 *
 * A named statement breaks when another process changes a table it reads (a migration during a
 * rolling upgrade): PostgreSQL refuses it with "cached plan must not change result type". That
 * statement then stays unnamed on this connection; outside a transaction it is sent again at once,
 * inside one the error ends the transaction and inTransaction retries it (isRetryable).
 */
const statementNames = new Map<string, string>();
export const isStalePlan = (err: unknown): boolean => (err as { code?: string } | null)?.code === '0A000' && /cached plan/.test(String((err as Error).message));

function nameStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...a: unknown[]) => Promise<unknown>;
  const unnamed = new Set<string>();
  let inTransaction = false;
  (client as unknown as { query: (...a: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text === 'string' && /^\s*(begin|start transaction)\b/i.test(text)) inTransaction = true;
    else if (typeof text === 'string' && /^\s*(commit|rollback|end)\s*$/i.test(text)) inTransaction = false;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || rest.length > 0 || unnamed.has(text)) return query(text, values, ...rest);
    let name = statementNames.get(text);
    if (name === undefined) {
      if (statementNames.size >= 5000) return query(text, values); // unusual shapes (long lists) stay unnamed
      name = `as_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      statementNames.set(text, name);
    }
    return query({ name, text, values }).catch((err: unknown) => {
      if (!isStalePlan(err)) throw err;
      unnamed.add(text);
      if (inTransaction) throw err;
      return query(text, values);
    });
  };
}

/** Opens the database named by a `sqlite:` or `postgres://` URL (API.md conventions). */
export function connect<DB>(url: string, opts: ConnectOptions = {}): DbHandle<DB> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    pool.on('error', () => {}); // idle client errors (server restart) must not crash the process
    pool.on('connect', nameStatements);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pool, url, close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url})`);
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -32768'); // 32 MB: the read bench filled 64 MB and pushed RSS past 250 MB
  // Statement and savepoint journals in memory, not in temp files: every transaction of a group
  // commit runs in a savepoint, and the pages it first touches were copied into a temp file
  // (one moves row with its indexes: 226 µs with a file, 69 µs in memory, one per transaction).
  sqlite.pragma('temp_store = MEMORY');
  sqlite.defaultSafeIntegers(false);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, url, close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query anew; compiling the same few dozen statements
 * again on every request was about a quarter of a write request's CPU (docs/benchmarks.md).
 * Statements are kept per SQL text (the cache starts over when full); one still being
 * iterated (a streamed query) is never handed out twice. SQLite re-prepares a cached statement
 * by itself after a schema change.
 */
function withStatementCache(sqlite: Database.Database): { prepare(sql: string): Database.Statement; close(): void } {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(text) {
      const hit = cache.get(text);
      if (hit && !hit.busy) return hit;
      const stmt = sqlite.prepare(text);
      if (hit) return stmt;
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear(); // only unusual query shapes (long IN lists) get here
      cache.set(text, stmt);
      return stmt;
    },
    close: () => sqlite.close(),
  };
}
