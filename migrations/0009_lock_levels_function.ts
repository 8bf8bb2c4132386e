import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// PostgreSQL: lock the stock rows a document touches and read the lots it will pick from, in one
// round trip (docs/decisions/0014-lock-and-read-in-one-round-trip.md). The lots must be read after
// the locks are held, so a single SELECT cannot do it (its snapshot is taken before it waits for
// a lock); each statement of a VOLATILE function takes a fresh snapshot. Rows come back in key
// order: the stock_levels rows (kind 0, made when missing and locked in (location, part) order
// like lockLevels), then the lots with stock at lot_location of lot_parts (kind 1, FIFO order per part).
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function aftersales_lock_levels(locs bigint[], parts bigint[], lot_location bigint, lot_parts bigint[])
    returns table (kind smallint, location_id bigint, part_id bigint, lot_id bigint, on_hand bigint, reserved bigint, value bigint)
    language plpgsql volatile as $$
    begin
      -- A first stock of a part at a location: make its row (one that a peer is making waits for
      -- the peer, so the lots below see what it received). Rows made here are this
      -- transaction's already; the others are locked in key order below.
      insert into stock_levels (location_id, part_id, on_hand, reserved, value)
        select k.l, k.p, 0, 0, 0 from unnest(locs, parts) as k(l, p)
        where not exists (select 1 from stock_levels s where s.location_id = k.l and s.part_id = k.p)
        on conflict on constraint stock_levels_pk do nothing;
      return query
        select 0::smallint, s.location_id::bigint, s.part_id::bigint, null::bigint, s.on_hand::bigint, s.reserved::bigint, s.value::bigint
        from stock_levels s
        join unnest(locs, parts) as k(l, p) on s.location_id = k.l and s.part_id = k.p
        order by s.location_id, s.part_id
        for update of s;
      if lot_location is not null then
        return query
          select 1::smallint, b.location_id::bigint, b.part_id::bigint, b.lot_id::bigint, b.on_hand::bigint, null::bigint, l.unit_cost::bigint
          from lot_balances b join lots l on l.id = b.lot_id
          where b.location_id = lot_location and b.part_id = any (lot_parts) and b.on_hand > 0
          order by b.part_id, l.received_at, l.id;
      end if;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists aftersales_lock_levels(bigint[], bigint[], bigint, bigint[])`.execute(db);
}
