import { sql, type Kysely } from 'kysely';
import { isStalePlan, type Dialect } from './connect.js';

export class RetryExhaustedError extends Error {
  constructor(public readonly cause: unknown) {
    super('transaction retries exhausted');
  }
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01', '55P03']);
const MAX_ATTEMPTS = 30;

/** A serialization failure, deadlock or lock timeout on PostgreSQL, or a stale plan: worth another try. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return (typeof code === 'string' && RETRYABLE_PG_CODES.has(code)) || isStalePlan(err);
}

const MAX_BATCH = 64;

interface Job {
  fn: (trx: Kysely<any>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  result?: unknown;
}

/**
 * Group commit for SQLite (docs/decisions/0006-group-commit.md). SQLite has one writer, so
 * transactions run one after another anyway; the batcher runs the ones that queue up while a
 * transaction is in flight inside one BEGIN IMMEDIATE … COMMIT, each in its own savepoint.
 * A failing transaction rolls back to its savepoint only; every caller is answered after the
 * COMMIT (so a 2xx is durable with synchronous=FULL), and if the COMMIT fails, all of them fail.
 * One fsync then serves many requests.
 */
class SqliteBatcher {
  private queue: Job[] = [];
  private draining = false;
  /** Committed batches and the transactions they carried (for tests and diagnostics). */
  readonly stats = { batches: 0, transactions: 0 };

  constructor(private readonly db: Kysely<any>) {}

  run<T>(fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.draining) return;
      this.draining = true;
      // Start on the next turn of the event loop, not now: better-sqlite3 is synchronous, so a
      // batch started here would run to its COMMIT in microtasks before the requests already
      // read from the sockets got their turn, and every batch would hold one transaction.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.db.connection().execute((conn) => this.batch(conn));
    } finally {
      this.draining = false;
    }
  }

  private async batch(conn: Kysely<any>): Promise<void> {
    const done: Job[] = [];
    try {
      await sql.raw('begin immediate').execute(conn);
    } catch (err) {
      for (const job of this.queue.splice(0)) job.reject(err);
      return;
    }
    try {
      while (this.queue.length > 0 && done.length < MAX_BATCH) {
        const job = this.queue.shift()!;
        await sql.raw('savepoint tx').execute(conn);
        try {
          job.result = await job.fn(conn);
          await sql.raw('release tx').execute(conn);
          done.push(job);
        } catch (err) {
          await sql.raw('rollback to tx').execute(conn);
          await sql.raw('release tx').execute(conn);
          job.reject(err);
        }
      }
      await sql.raw('commit').execute(conn);
      this.stats.batches++;
      this.stats.transactions += done.length;
    } catch (err) {
      try {
        await sql.raw('rollback').execute(conn);
      } catch {
        /* nothing to roll back */
      }
      for (const job of done) job.reject(err);
      return;
    }
    for (const job of done) job.resolve(job.result);
  }
}

const batchers = new WeakMap<object, SqliteBatcher>();

/** How many COMMITs carried how many transactions on this SQLite handle so far. */
export function groupCommitStats(db: Kysely<any>): { batches: number; transactions: number } {
  return { ...(batchers.get(db)?.stats ?? { batches: 0, transactions: 0 }) };
}

/**
 * Runs `fn` in one transaction on one connection. SQLite: group-committed BEGIN IMMEDIATE
 * batches (the write lock is taken up front, no upgrade deadlocks). PostgreSQL: READ COMMITTED
 * with row locks taken in key order by the callers; serialization failures and deadlocks are
 * retried with jittered backoff, then surface as RetryExhaustedError (503, never 500).
 * Inside `fn`, use only the handle it is given: the outer one waits for this transaction.
 */
export async function inTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: Dialect,
  fn: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (dialect === 'sqlite') {
    let b = batchers.get(db);
    if (!b) batchers.set(db, (b = new SqliteBatcher(db)));
    return b.run(fn as (trx: Kysely<any>) => Promise<T>);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.connection().execute(async (conn) => {
        await sql.raw('begin').execute(conn);
        try {
          const result = await fn(conn);
          await sql.raw('commit').execute(conn);
          return result;
        } catch (err) {
          try {
            await sql.raw('rollback').execute(conn);
          } catch {
            /* the connection may be gone; the server rolls back on its own */
          }
          throw err;
        }
      });
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (attempt >= MAX_ATTEMPTS) throw new RetryExhaustedError(err);
      const backoff = Math.min(200, 2 ** Math.min(attempt, 7)) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, backoff));
    }
  }
}
