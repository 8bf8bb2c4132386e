import { sql, type Kysely } from 'kysely';
import type { Dialect } from './connect.js';

export class RetryExhaustedError extends Error {
  constructor(public readonly cause: unknown) {
    super('transaction retries exhausted');
  }
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01', '55P03']);
const MAX_ATTEMPTS = 30;

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && RETRYABLE_PG_CODES.has(code);
}

/**
 * Runs `fn` in one transaction on one connection. SQLite: BEGIN IMMEDIATE so the write lock
 * is taken up front (no upgrade deadlocks). PostgreSQL: READ COMMITTED with row locks taken in
 * key order by the callers; serialization failures and deadlocks are retried with jittered
 * backoff, then surface as RetryExhaustedError (mapped to 503, never 500).
 */
export async function inTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: Dialect,
  fn: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.connection().execute(async (conn) => {
        await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
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
