import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../db.js';
import { AppError } from '../errors.js';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** What a request's Idempotency-Key row holds but its answer: the key, the route and the body's hash. */
export interface KeyClaim {
  key: string;
  route: string;
  body_hash: string;
}

const claims = new WeakMap<FastifyRequest, KeyClaim | null>();

/**
 * The request's Idempotency-Key claim (API.md), or null without one; idempotency_key_invalid for
 * a malformed key. Hashed once per request (a PostgreSQL issue may ask twice: issueAtOnce, then
 * the transaction it falls back to).
 */
export function keyClaim(req: FastifyRequest): KeyClaim | null {
  if (!req.routeOptions.config.idempotent) throw new Error(`${req.method} ${req.routeOptions.url} uses Idempotency-Key without config.idempotent`);
  let claim = claims.get(req);
  if (claim === undefined) claims.set(req, (claim = newClaim(req)));
  return claim;
}

function newClaim(req: FastifyRequest): KeyClaim | null {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || key.length === 0 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError('idempotency_key_invalid');
  }
  const route = `${req.method} ${req.routeOptions.url}`;
  const body_hash = crypto.createHash('sha256').update(route).update('\n').update(canonical(req.body)).digest('hex');
  return { key, route, body_hash };
}

/**
 * Runs a document-creating handler at most once per Idempotency-Key (API.md), inside the
 * caller's transaction. The key row is claimed first: a concurrent twin (other process
 * included) waits on the unique index and then sees the stored response. `decode` turns a stored
 * response that is not the answer itself (PostgreSQL's one-statement issue keeps the posted rows:
 * migration 0011) back into the answer.
 */
export async function idempotent<T>(
  ctx: Ctx,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  run: () => Promise<T>,
  decode: (stored: unknown) => T = (v) => v as T,
): Promise<T> {
  const claim = keyClaim(req);
  if (claim === null) {
    const result = await run();
    reply.code(status);
    return result;
  }
  const userId = ctx.actor.id;
  const claimed = await ctx.db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, ...claim, status_code: 0, response: '', created_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) {
    const prev = await ctx.db
      .selectFrom('idempotency_keys')
      .select(['body_hash', 'status_code', 'response'])
      .where('user_id', '=', userId)
      .where('key', '=', claim.key)
      .executeTakeFirstOrThrow();
    if (prev.body_hash !== claim.body_hash) throw new AppError('idempotency_key_reused');
    reply.header('idempotent-replayed', 'true');
    reply.code(prev.status_code);
    return decode(JSON.parse(prev.response));
  }
  const result = await run();
  await ctx.db
    .updateTable('idempotency_keys')
    .set({ status_code: status, response: JSON.stringify(result) })
    .where('id', '=', claimed.id)
    .execute();
  reply.code(status);
  return result;
}
