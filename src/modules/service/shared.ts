// Small pieces the service files share: coordinates, calendar days, station scope.
import type { Actor, Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isStationScoped } from '../inventory/locations.js';

export { isStationScoped };

/** Degrees (at most 6 decimals) as integer micro-degrees; both or neither of a pair. */
export function coordinatesE6(lat: number | null | undefined, lng: number | null | undefined): { lat: number | null; lng: number | null } | undefined {
  if (lat === undefined && lng === undefined) return undefined;
  if (lat == null && lng == null) return { lat: null, lng: null };
  if (lat == null || lng == null) throw new AppError('invalid_coordinates');
  const e6 = (x: number, max: number) => {
    const v = Math.round(x * 1e6);
    if (!Number.isFinite(x) || Math.abs(x) > max || Math.abs(v / 1e6 - x) > 1e-9) throw new AppError('invalid_coordinates');
    return v;
  };
  return { lat: e6(lat, 90), lng: e6(lng, 180) };
}

export const fromE6 = (v: number | null) => (v === null ? null : v / 1e6);

/** A calendar day 'YYYY-MM-DD' that exists. */
export function assertDay(value: string | null | undefined): string | null {
  if (value == null || value === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ok = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
  if (!ok) throw new AppError('invalid_day', { value: String(value).slice(0, 40) });
  return value;
}

/** A station user's view is its own station; others see everything (R-PLT-1). */
export function stationOf(actor: Actor): number | null | undefined {
  return isStationScoped(actor) ? actor.stationId : undefined;
}

export async function assertStation(ctx: Ctx, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const loc = await ctx.db.selectFrom('locations').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
  if (!loc || loc.kind !== 'station') throw new AppError('not_a_station', { locationId: id });
}
