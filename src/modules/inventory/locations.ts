import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor, Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../auth/audit.js';
import { REAL_KINDS } from './ledger.rules.js';
import type { LocationKind, LocationsRow } from './tables.js';
import { prepared } from '../../platform/db/prepared.js';

export type VirtualKind = 'supplier' | 'consumed' | 'scrap' | 'transit' | 'adjustment' | 'opening';
const VIRTUAL_CODES: Record<VirtualKind, string> = {
  supplier: 'VIRT-SUPPLIER',
  consumed: 'VIRT-CONSUMED',
  scrap: 'VIRT-SCRAP',
  transit: 'VIRT-TRANSIT',
  adjustment: 'VIRT-ADJUST',
  opening: 'VIRT-OPENING',
};
// Seeded by the first migration in a fixed order, so the ids are the same in every database.
const virtualIds = new Map<VirtualKind, number>();

export async function virtualLocation(ctx: Ctx, kind: VirtualKind): Promise<number> {
  const cached = virtualIds.get(kind);
  if (cached) return cached;
  const row = await ctx.db.selectFrom('locations').select('id').where('code', '=', VIRTUAL_CODES[kind]).executeTakeFirstOrThrow();
  virtualIds.set(kind, row.id);
  return row.id;
}

export function locationView(l: LocationsRow) {
  return {
    id: l.id,
    code: l.code,
    name: l.name,
    kind: l.kind,
    isReal: !!l.is_real,
    userId: l.user_id,
    stationId: l.station_id,
    archived: !!l.archived,
    version: l.version,
  };
}

/** The holding location of an employee (R-INV-9), made the first time it is needed. */
export async function ensureHolding(ctx: Ctx, userId: number, displayName?: string): Promise<number> {
  const found = await ctx.db.selectFrom('locations').select('id').where('user_id', '=', userId).executeTakeFirst();
  if (found) return found.id;
  const user = await ctx.db.selectFrom('users').select(['id', 'display_name', 'station_id']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('unknown_user', { userId });
  const row = await ctx.db
    .insertInto('locations')
    .values({
      code: `HOLD-${userId}`,
      name: `${displayName ?? user.display_name}（手中）`,
      kind: 'holding',
      is_real: 1,
      user_id: userId,
      station_id: user.station_id,
      archived: 0,
      version: 1,
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const locationById = prepared((db, p: { id: number }) => db.selectFrom('locations').selectAll().where('id', '=', p.id));

export async function getLocation(ctx: Ctx, id: number): Promise<LocationsRow> {
  const [loc] = await locationById(ctx.db, { id });
  return foundLocation(id, loc);
}

export function foundLocation(id: number, loc: LocationsRow | undefined | null): LocationsRow {
  if (!loc) throw new AppError('unknown_location', { locationId: id });
  return loc;
}

/** A real store (not a holding, not virtual) that the actor may act on. */
export async function getStore(ctx: Ctx, id: number, kinds: readonly LocationKind[] = ['warehouse', 'station', 'old_parts']) {
  return checkStore(ctx, await getLocation(ctx, id), kinds);
}

/** The checks of getStore on a location already read. */
export function checkStore(ctx: Ctx, loc: LocationsRow, kinds: readonly LocationKind[]): LocationsRow {
  if (!loc.is_real) throw new AppError('virtual_location', { code: loc.code });
  if (!kinds.includes(loc.kind)) throw new AppError('wrong_location_kind', { kind: loc.kind });
  assertStationScope(ctx.actor, loc);
  return loc;
}

/** True when the actor's only view of the world is its own station (R-PLT-1). */
export function isStationScoped(actor: Actor): boolean {
  return actor.roles.includes('station_user') && !actor.roles.some((r) => r === 'admin' || r === 'warehouse_keeper' || r === 'service_manager');
}

export function belongsToStation(loc: Pick<LocationsRow, 'id' | 'station_id'>, stationId: number | null): boolean {
  return stationId != null && (loc.id === stationId || loc.station_id === stationId);
}

export function assertStationScope(actor: Actor, loc: Pick<LocationsRow, 'id' | 'station_id'>): void {
  if (isStationScoped(actor) && !belongsToStation(loc, actor.stationId)) throw new AppError('station_scope');
}

/**
 * The stock locations (aliased `l`) an actor may read: a station's user those of its station; a
 * technician the stores and its own holding, not the other technicians' (R-PLT-1, R-INV-9).
 */
export function stockScope(actor: Actor): RawBuilder<SqlBool> | null {
  if (isStationScoped(actor)) return sql<SqlBool>`(l.id = ${actor.stationId} or l.station_id = ${actor.stationId})`;
  if (isOwnHoldingOnly(actor)) return sql<SqlBool>`(l.kind <> 'holding' or l.user_id = ${actor.id})`;
  return null;
}

/** A station's user issues and reserves only for the employees of that station (R-PLT-1). */
export function assertEmployeeInScope(actor: Actor, user: { station_id: number | null }): void {
  if (isStationScoped(actor) && user.station_id !== actor.stationId) throw new AppError('station_scope');
}

/** True when the actor may act only on its own holding (technician without a keeper's role). */
export function isOwnHoldingOnly(actor: Actor): boolean {
  return (
    actor.roles.includes('technician') &&
    !actor.roles.some((r) => r === 'admin' || r === 'warehouse_keeper' || r === 'service_manager')
  );
}

export async function createLocation(ctx: Ctx, input: { code: string; name: string; kind: 'warehouse' | 'station' | 'old_parts'; stationId?: number | null }) {
  const dup = await ctx.db.selectFrom('locations').select('id').where('code', '=', input.code).executeTakeFirst();
  if (dup) throw new AppError('duplicate', { field: 'code' });
  if (input.stationId) {
    const st = await getLocation(ctx, input.stationId);
    if (st.kind !== 'station') throw new AppError('wrong_location_kind', { kind: st.kind });
  }
  const row = await ctx.db
    .insertInto('locations')
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      is_real: REAL_KINDS.includes(input.kind) ? 1 : 0,
      user_id: null,
      station_id: input.stationId ?? null,
      archived: 0,
      version: 1,
      created_at: ctx.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'location', row.id, null, locationView(row));
  return locationView(row);
}
