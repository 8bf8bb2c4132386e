import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { formatFen, formatLineValue, formatMilliFen, fromMilli, toMilli } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { stockScope } from './locations.js';

/** A part's stock by store and its lots with what each still holds (part detail screen). */
export async function partStock(ctx: Ctx, partId: number) {
  let levels = ctx.db
    .selectFrom('stock_levels as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .leftJoin('part_alarms as a', (j) => j.onRef('a.part_id', '=', 's.part_id').onRef('a.location_id', '=', 's.location_id'))
    .select(['s.location_id', 'l.code', 'l.name', 'l.kind', 'l.station_id', 's.on_hand', 's.reserved', 's.value', 'a.alarm_qty'])
    .where('s.part_id', '=', partId)
    .where('l.is_real', '=', 1)
    .where((eb) => eb.or([eb('s.on_hand', '<>', 0), eb('s.reserved', '<>', 0), eb('a.alarm_qty', 'is not', null)]));
  const visible = stockScope(ctx.actor);
  if (visible) levels = levels.where(visible);
  const rows = await levels.orderBy('l.kind').orderBy('l.code').execute();
  const lots = await ctx.db
    .selectFrom('lots as t')
    .leftJoin('suppliers as s', 's.id', 't.supplier_id')
    .select(['t.id', 't.lot_no', 't.supplier_id', 's.name as supplier_name', 't.unit_cost', 't.received_at'])
    .where('t.part_id', '=', partId)
    .orderBy('t.received_at')
    .execute();
  const held = await ctx.db
    .selectFrom('lot_balances as b')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .select(['b.lot_id', 'b.on_hand'])
    .where('b.part_id', '=', partId)
    .where('l.is_real', '=', 1)
    .execute();
  return {
    stock: rows.map((r) => ({
      locationId: r.location_id,
      locationCode: r.code,
      locationName: r.name,
      kind: r.kind,
      onHand: fromMilli(r.on_hand),
      reserved: fromMilli(r.reserved),
      available: fromMilli(r.on_hand - r.reserved),
      value: formatMilliFen(r.value),
      alarmQty: r.alarm_qty === null ? null : fromMilli(r.alarm_qty),
      belowAlarm: r.alarm_qty !== null && r.on_hand - r.reserved < r.alarm_qty,
    })),
    lots: lots.map((l) => {
      const onHand = held.filter((h) => h.lot_id === l.id).reduce((s, h) => s + h.on_hand, 0);
      return { id: l.id, lotNo: l.lot_no, supplierId: l.supplier_id, supplierName: l.supplier_name, unitCost: formatFen(l.unit_cost), receivedAt: isoInZone(l.received_at, ctx.timeZone), onHand: fromMilli(onHand), value: formatLineValue(onHand, l.unit_cost) };
    }),
  };
}

/** Sets (or clears, with null) the alarm threshold of a part at one store (R-CAT-1 报警值). */
export async function setPartAlarm(ctx: Ctx, partId: number, locationId: number, alarmQty: number | null) {
  const part = await ctx.db.selectFrom('parts').select('id').where('id', '=', partId).executeTakeFirst();
  if (!part) throw new AppError('unknown_part', { partId });
  const loc = await ctx.db.selectFrom('locations').select(['id', 'is_real']).where('id', '=', locationId).executeTakeFirst();
  if (!loc || !loc.is_real) throw new AppError('unknown_location', { locationId });
  if (alarmQty === null) {
    await ctx.db.deleteFrom('part_alarms').where('part_id', '=', partId).where('location_id', '=', locationId).execute();
  } else {
    const qty = toMilli(alarmQty, 'alarmQty', { allowZero: true });
    await ctx.db
      .insertInto('part_alarms')
      .values({ part_id: partId, location_id: locationId, alarm_qty: qty })
      .onConflict((oc) => oc.columns(['part_id', 'location_id']).doUpdateSet({ alarm_qty: qty }))
      .execute();
  }
  await audit(ctx, 'set_alarm', 'part', partId, null, { locationId, alarmQty });
}
