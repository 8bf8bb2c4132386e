// A unit's service history (服務憑證, R-SVC-1): every work order of the unit with its team and
// events, the parts moved against those work orders (moves.work_order_id), the service report's
// summary and the charges (totals, invoice request); surveys have no table yet. Read-only; the
// caller sees only what it may see (unit and work-order scope).
import type { Ctx } from '../../db.js';
import { isoInZone } from '../../platform/clock.js';
import { fromMilli } from '../../platform/numbers.js';
import { computeCharges } from './charges.js';
import { customerView } from './customers.js';
import { stationOf } from './shared.js';
import { actsAsTechnicianOnly } from './transitions.rules.js';
import { getModel, getUnit, modelView, unitView } from './units.js';
import { workOrderView } from './work-orders.js';

/** At most this many work orders (newest first); a unit has tens in its life, not thousands. */
const MAX_ORDERS = 500;

export async function unitHistory(ctx: Ctx, unitId: number) {
  const unit = await getUnit(ctx, unitId);
  const model = await getModel(ctx, unit.model_id);
  const customer = await ctx.db.selectFrom('customers').selectAll().where('id', '=', unit.customer_id).executeTakeFirstOrThrow();
  const iso = (ms: number | null) => (ms === null ? null : isoInZone(ms, ctx.timeZone));

  let q = ctx.db.selectFrom('work_orders').selectAll().where('unit_id', '=', unit.id);
  // The same scope as the work-order list: a station its own, a technician those assigned to them.
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('station_id', '=', own);
  if (actsAsTechnicianOnly(ctx.actor.roles)) q = q.where('id', 'in', ctx.db.selectFrom('work_order_technicians').select('work_order_id').where('user_id', '=', ctx.actor.id));
  const orders = await q.orderBy('id', 'desc').limit(MAX_ORDERS).execute();
  const ids = orders.map((w) => w.id);

  const team = ids.length
    ? await ctx.db.selectFrom('work_order_technicians as t').innerJoin('users as u', 'u.id', 't.user_id').select(['t.work_order_id', 't.user_id', 't.is_lead', 'u.display_name']).where('t.work_order_id', 'in', ids).orderBy('t.user_id').execute()
    : [];
  const events = ids.length
    ? await ctx.db.selectFrom('work_order_events as e').leftJoin('users as u', 'u.id', 'e.actor_id').select(['e.id', 'e.work_order_id', 'e.action', 'e.from_status', 'e.to_status', 'e.note', 'e.actor_id', 'u.display_name', 'e.at']).where('e.work_order_id', 'in', ids).orderBy('e.id').execute()
    : [];
  const moves = ids.length
    ? await ctx.db
        .selectFrom('moves as m')
        .innerJoin('parts as p', 'p.id', 'm.part_id')
        .innerJoin('documents as d', 'd.id', 'm.document_id')
        .innerJoin('locations as lf', 'lf.id', 'm.from_location_id')
        .innerJoin('locations as lt', 'lt.id', 'm.to_location_id')
        .select(['m.id', 'm.work_order_id', 'm.kind', 'm.part_id', 'p.code', 'p.name', 'm.qty', 'm.document_id', 'd.number', 'lf.name as from_name', 'lt.name as to_name', 'm.posted_at', 'm.reverses_move_id'])
        .where('m.work_order_id', 'in', ids)
        .orderBy('m.id')
        .execute()
    : [];
  const reports = ids.length
    ? await ctx.db
        .selectFrom('service_reports')
        .select(['work_order_id', 'cycle', 'status', 'cause', 'responsibility', 'actions', 'minutes_spent', 'signer_name', 'submitted_at', 'signed_at'])
        .where('work_order_id', 'in', ids)
        .orderBy('cycle')
        .execute()
    : [];
  const reportOf = new Map(reports.map((r) => [r.work_order_id, r])); // the latest cycle's
  // Charges (R-SVC-10) as charges.ts prices them: totals by kind and the invoice request's state.
  const charges = new Map<number, Awaited<ReturnType<typeof computeCharges>>['view']>();
  for (const w of orders) charges.set(w.id, (await computeCharges(ctx, w)).view);

  return {
    unit: unitView(unit),
    model: modelView(model),
    customer: customerView(customer),
    workOrders: orders.map((w) => {
      const mine = team.filter((t) => t.work_order_id === w.id);
      const report = reportOf.get(w.id);
      return {
        ...workOrderView(ctx, w, mine.map((t) => t.user_id)),
        technicians: mine.map((t) => ({ userId: t.user_id, displayName: t.display_name, inCharge: !!t.is_lead })),
        events: events
          .filter((e) => e.work_order_id === w.id)
          .map((e) => ({ id: e.id, action: e.action, from: e.from_status, to: e.to_status, note: e.note, actorId: e.actor_id, actorName: e.display_name ?? null, at: isoInZone(e.at, ctx.timeZone) })),
        parts: moves
          .filter((m) => m.work_order_id === w.id)
          .map((m) => ({ moveId: m.id, kind: m.kind, partId: m.part_id, partCode: m.code, partName: m.name, qty: fromMilli(m.qty), documentId: m.document_id, documentNumber: m.number, from: m.from_name, to: m.to_name, postedAt: isoInZone(m.posted_at, ctx.timeZone), reversesMoveId: m.reverses_move_id })),
        report: report
          ? { status: report.status, cause: report.cause, responsibility: report.responsibility, actions: report.actions, minutesSpent: report.minutes_spent, signerName: report.signer_name, submittedAt: iso(report.submitted_at), signedAt: iso(report.signed_at) }
          : null,
        charges: (() => {
          const c = charges.get(w.id)!;
          return { ...c.totals, lines: c.lines.length, invoiceStatus: c.invoiceRequest?.status ?? null };
        })(),
      };
    }),
  };
}
