import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// PostgreSQL: posting a stock document is one call of aftersales_post(p jsonb)
// (docs/decisions/0016-issue-in-one-statement.md). It inserts the document, its lines, the moves
// (each tied to its line by line_no), applies the lot and level balance deltas and writes the
// audit record; it returns the document row with its lines as JSON.
//
// With p->'check' it first takes the stock locks itself and verifies, under them, that what the
// caller computed from an unlocked read is still true: the level rows of `keys` are made when
// missing and locked in (location, part) order (as lockLevels and aftersales_lock_levels do);
// at location `at` each `need` part has that much available (on hand − reserved); and the lots
// FIFO would take now are exactly the caller's `picks` (the k-th lot with stock of the part,
// oldest first, is the picked lot; every picked lot but the last is taken whole, the last has at
// least what is taken). When any of it no longer holds the function returns null, having written
// nothing; the caller then takes the locking path. Each statement of a VOLATILE function takes a
// fresh snapshot, so the checks read what the locks protect. Called outside a transaction, the
// locks are held for this one statement and its commit only.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function aftersales_post(p jsonb) returns jsonb
    language plpgsql volatile as $$
    declare
      c jsonb := p->'check';
      d documents;
      lines jsonb;
    begin
      if c is not null then
        insert into stock_levels (location_id, part_id, on_hand, reserved, value)
          select k.location_id, k.part_id, 0, 0, 0 from jsonb_to_recordset(c->'keys') as k(location_id int, part_id int)
          where not exists (select 1 from stock_levels s where s.location_id = k.location_id and s.part_id = k.part_id)
          on conflict on constraint stock_levels_pk do nothing;
        perform 1 from stock_levels s
          join jsonb_to_recordset(c->'keys') as k(location_id int, part_id int) on s.location_id = k.location_id and s.part_id = k.part_id
          order by s.location_id, s.part_id
          for update of s;
        if exists (
          select 1 from jsonb_to_recordset(c->'need') as n(part_id int, qty bigint)
          left join stock_levels s on s.location_id = (c->>'at')::int and s.part_id = n.part_id
          where coalesce(s.on_hand - s.reserved, 0) < n.qty
        ) then
          return null;
        end if;
        if exists (
          with f as (
            select b.part_id, b.lot_id, b.on_hand, row_number() over (partition by b.part_id order by l.received_at, l.id) as rn
            from lot_balances b join lots l on l.id = b.lot_id
            where b.location_id = (c->>'at')::int and b.on_hand > 0
              and b.part_id in (select (x->>'part_id')::int from jsonb_array_elements(c->'picks') x)
          )
          select 1 from jsonb_to_recordset(c->'picks') as e(part_id int, rn int, lot_id int, qty bigint, last boolean)
          left join f on f.part_id = e.part_id and f.rn = e.rn
          where f.lot_id is distinct from e.lot_id or (e.last and f.on_hand < e.qty) or (not e.last and f.on_hand <> e.qty)
        ) then
          return null;
        end if;
      end if;

      insert into documents
        select r.* from jsonb_populate_record(null::documents, p->'doc' || jsonb_build_object('id', nextval('documents_id_seq'))) r
        returning * into d;
      with l as (
        insert into document_lines
          select r.* from jsonb_array_elements(p->'lines') x,
            jsonb_populate_record(null::document_lines, x || jsonb_build_object('id', nextval('document_lines_id_seq'), 'document_id', d.id)) r
          returning *
      ), m as (
        insert into moves
          select r.* from jsonb_array_elements(p->'moves') x,
            jsonb_populate_record(null::moves, (x - 'line_no') || jsonb_build_object('id', nextval('moves_id_seq'), 'document_id', d.id,
              'line_id', (select l.id from l where l.line_no = (x->>'line_no')::int))) r
          returning 1
      )
      select jsonb_agg(to_jsonb(l) order by l.line_no) into lines from l;
      insert into lot_balances (location_id, lot_id, part_id, on_hand)
        select x.location_id, x.lot_id, x.part_id, x.on_hand from jsonb_to_recordset(p->'lots') as x(location_id int, lot_id int, part_id int, on_hand bigint)
        on conflict (location_id, lot_id) do update set on_hand = lot_balances.on_hand + excluded.on_hand;
      insert into stock_levels (location_id, part_id, on_hand, reserved, value)
        select x.location_id, x.part_id, x.on_hand, 0, x.value from jsonb_to_recordset(p->'levels') as x(location_id int, part_id int, on_hand bigint, value bigint)
        on conflict (location_id, part_id) do update set on_hand = stock_levels.on_hand + excluded.on_hand, value = stock_levels.value + excluded.value;
      insert into audit_log
        select r.* from jsonb_populate_record(null::audit_log, p->'audit' || jsonb_build_object('id', nextval('audit_log_id_seq'), 'entity_id', d.id)) r;
      return to_jsonb(d) || jsonb_build_object('lines', coalesce(lines, '[]'::jsonb));
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists aftersales_post(jsonb)`.execute(db);
}
