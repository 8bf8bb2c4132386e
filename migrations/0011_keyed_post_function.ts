import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// PostgreSQL: aftersales_post_keyed(p jsonb) is aftersales_post (migration 0010) for a request
// with an Idempotency-Key, so that those — every issue the web app sends — post in one statement
// too (docs/decisions/0016-issue-in-one-statement.md). p->'idem' holds the key's row
// (user_id, key, route, body_hash, created_at) and the answer's status.
//
// The key is claimed first, as the transactional path claims it before it locks any stock row
// (one lock order for both paths). A key already there — a retry, or a twin whose statement
// committed first (its insert made this one wait) — is not decided here: the function returns
// {"replay": true} having written nothing, and the caller takes the transactional path, which
// answers with the stored response or idempotency_key_reused. When aftersales_post's check no
// longer holds, the claim is deleted again and the function returns null. Otherwise the key's row
// keeps the posted document and its lines as {"$post": …}, from which the stored answer is made
// again on a retry.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function aftersales_post_keyed(p jsonb) returns jsonb
    language plpgsql volatile as $$
    declare
      k jsonb := p->'idem';
      kid int;
      r jsonb;
    begin
      insert into idempotency_keys (user_id, key, route, body_hash, status_code, response, created_at)
        values ((k->>'user_id')::int, k->>'key', k->>'route', k->>'body_hash', 0, '', (k->>'created_at')::bigint)
        on conflict (user_id, key) do nothing
        returning id into kid;
      if kid is null then
        return jsonb_build_object('replay', true);
      end if;
      r := aftersales_post(p - 'idem');
      if r is null then
        delete from idempotency_keys where id = kid;
        return null;
      end if;
      update idempotency_keys set status_code = (k->>'status')::int, response = jsonb_build_object('$post', r)::text where id = kid;
      return r;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists aftersales_post_keyed(jsonb)`.execute(db);
}
