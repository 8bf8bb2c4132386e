import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';
import * as keyed from './0011_keyed_post_function.js';

// PostgreSQL: aftersales_post_batch(ps jsonb) posts a batch of checked postings — the requests
// that queued in one app process while its previous batch was in flight — in one statement, so
// one commit (one WAL flush) and one round trip serve them all, and a hot part's level row is
// locked once per batch instead of once per issue (docs/decisions/0020-group-commit-on-postgresql.md).
// It replaces aftersales_post_keyed (migration 0011): a posting alone is a batch of one.
//
// ps is an array of aftersales_post arguments, each with `check`, and with `idem` (the key's row
// and the answer's status, as 0011 had it) when the request carried an Idempotency-Key. Locks are
// taken in the order every other path takes them: first the keys, in (user_id, key) order (the
// transactional path claims its key before any stock lock), then the level rows of all the
// checks, made when missing and locked in (location, part) order. Then each posting in turn:
// aftersales_post with its check (cheap to lock again what this transaction holds), whose
// checks see the postings before it in the batch. The answer is an array, one element per
// posting, as 0011 answered one: the document with its lines; null when the check no longer
// held (its key's claim deleted again, nothing of it written); {"replay": true} when its key was
// there already. An error in any posting fails the whole statement: the caller then posts each
// alone. A batch waits at most 200 ms for any lock (lock_timeout, for this statement only): a
// long transaction holding one part's rows (a large receipt, say) would otherwise hold up every
// posting queued behind the batch, of any part; past that the statement fails with 55P03 and each
// of its requests takes the transactional path, which waits only for its own rows.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function aftersales_post_batch(ps jsonb) returns jsonb
    language plpgsql volatile as $$
    declare
      n int := jsonb_array_length(ps);
      kids int[] := array_fill(null::int, array[n]);
      answers jsonb[] := array_fill(null::jsonb, array[n]);
      e record;
      kid int;
      p jsonb;
      r jsonb;
    begin
      perform set_config('lock_timeout', '200ms', true);
      for e in
        select (x.i)::int as i, x.v->'idem' as k from jsonb_array_elements(ps) with ordinality as x(v, i)
        where x.v ? 'idem'
        order by (x.v->'idem'->>'user_id')::int, x.v->'idem'->>'key'
      loop
        insert into idempotency_keys (user_id, key, route, body_hash, status_code, response, created_at)
          values ((e.k->>'user_id')::int, e.k->>'key', e.k->>'route', e.k->>'body_hash', 0, '', (e.k->>'created_at')::bigint)
          on conflict (user_id, key) do nothing
          returning id into kid;
        kids[e.i] := kid;
      end loop;

      insert into stock_levels (location_id, part_id, on_hand, reserved, value)
        select distinct k.location_id, k.part_id, 0::bigint, 0::bigint, 0::bigint
        from jsonb_array_elements(ps) x, jsonb_to_recordset(x->'check'->'keys') as k(location_id int, part_id int)
        where not exists (select 1 from stock_levels s where s.location_id = k.location_id and s.part_id = k.part_id)
        on conflict on constraint stock_levels_pk do nothing;
      perform 1 from stock_levels s
        join (select distinct k.location_id, k.part_id
              from jsonb_array_elements(ps) x, jsonb_to_recordset(x->'check'->'keys') as k(location_id int, part_id int)) k
          on s.location_id = k.location_id and s.part_id = k.part_id
        order by s.location_id, s.part_id
        for update of s;

      for i in 1..n loop
        p := ps->(i - 1);
        if p ? 'idem' and kids[i] is null then
          answers[i] := jsonb_build_object('replay', true);
          continue;
        end if;
        r := aftersales_post(p - 'idem');
        if p ? 'idem' then
          if r is null then
            delete from idempotency_keys where id = kids[i];
          else
            update idempotency_keys set status_code = (p->'idem'->>'status')::int, response = jsonb_build_object('$post', r)::text where id = kids[i];
          end if;
        end if;
        answers[i] := r;
      end loop;
      return to_jsonb(answers);
    end
    $$`.execute(db);
  await sql`drop function if exists aftersales_post_keyed(jsonb)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await keyed.up(db);
  await sql`drop function if exists aftersales_post_batch(jsonb)`.execute(db);
}
