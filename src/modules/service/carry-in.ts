// Carry-in repair (攜回修護, R-SVC-8): a product the customer brings in gets a receipt numbered
// SX-2026-000001 (領取收據), an in/out log of timestamped steps by whom, a repair tag (time, parts,
// technician), the supervisor's inspection and the return against the customer's signature.
// Steps go received → in_repair → inspected → returned; a failed inspection goes back to repair.
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { nextNumber } from '../inventory/ledger.js';
import { getCustomer } from './customers.js';
import { stationOf } from './shared.js';
import { actsAsTechnicianOnly } from './transitions.rules.js';
import { getUnit } from './units.js';
import { getWorkOrder } from './work-orders.js';
import type { Slip } from '../printing/slip.data.js';
import type { CarryInsRow, CarryInStatus, CarryInStep } from './extras-tables.js';
import './extras-errors.js';

export const CARRY_IN_PREFIX = 'SX';
const MAX_SIGNATURE_BYTES = 512 * 1024;

/** Which status each step needs and leads to (the step order as data). */
export const CARRY_IN_STEPS: Record<'start' | 'tag' | 'inspect' | 'return', { from: readonly CarryInStatus[] }> = {
  start: { from: ['received'] },
  tag: { from: ['in_repair'] },
  inspect: { from: ['in_repair'] },
  return: { from: ['inspected'] },
};

function assertStep(row: CarryInsRow, step: keyof typeof CARRY_IN_STEPS) {
  if (!CARRY_IN_STEPS[step].from.includes(row.status)) throw new AppError('carry_in_invalid_step', { status: row.status, step });
}

export function carryInView(ctx: Pick<Ctx, 'timeZone'>, r: CarryInsRow, names: { customerName?: string; technicianName?: string | null; workOrderNumber?: string | null } = {}) {
  const t = (ms: number | null) => (ms === null ? null : isoInZone(ms, ctx.timeZone));
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    customerId: r.customer_id,
    customerName: names.customerName ?? null,
    unitId: r.unit_id,
    workOrderId: r.work_order_id,
    workOrderNumber: names.workOrderNumber ?? null,
    stationId: r.station_id,
    item: r.item,
    fault: r.fault,
    accessories: r.accessories,
    broughtBy: r.brought_by,
    tag: { technicianId: r.technician_id, technicianName: names.technicianName ?? null, minutesSpent: r.minutes_spent, partsText: r.parts_text, note: r.repair_note },
    inspection: r.inspection === null ? null : { result: r.inspection, note: r.inspection_note, by: r.inspected_by, at: t(r.inspected_at) },
    returned: r.returned_at === null ? null : { signerName: r.signer_name ?? '', at: t(r.returned_at)!, by: r.returned_by, signatureUrl: `/carry-ins/${r.id}/signature` },
    createdBy: r.created_by,
    createdAt: t(r.created_at)!,
    updatedAt: t(r.updated_at)!,
    version: r.version,
  };
}

/** The carry-in if the actor may see it: station users their station's; technicians theirs or unassigned ones. */
export async function getCarryIn(ctx: Ctx, id: number): Promise<CarryInsRow> {
  const r = await ctx.db.selectFrom('carry_ins').selectAll().where('id', '=', id).executeTakeFirst();
  const own = stationOf(ctx.actor);
  const hidden = !r || (own !== undefined && r.station_id !== own) || (actsAsTechnicianOnly(ctx.actor.roles) && r.technician_id !== null && r.technician_id !== ctx.actor.id);
  if (hidden) throw new AppError('unknown_carry_in', { carryInId: id });
  return r;
}

async function logStep(ctx: Ctx, id: number, step: CarryInStep, note?: string | null) {
  await ctx.db.insertInto('carry_in_events').values({ carry_in_id: id, step, note: note?.trim() || null, actor_id: ctx.actor.id || null, at: ctx.clock.now() }).execute();
}

async function update(ctx: Ctx, before: CarryInsRow, version: number, set: Partial<CarryInsRow>, step: CarryInStep, note?: string | null) {
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const after = await ctx.db
    .updateTable('carry_ins')
    .set({ ...set, version: before.version + 1, updated_at: ctx.clock.now() })
    .where('id', '=', before.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await logStep(ctx, before.id, step, note);
  await audit(ctx, step, 'carry_in', before.id, carryInView(ctx, before), carryInView(ctx, after));
  return readCarryIn(ctx, before.id);
}

export interface CarryInInput {
  customerId?: number | null;
  unitId?: number | null;
  workOrderId?: number | null;
  item: string;
  fault: string;
  accessories?: string | null;
  broughtBy?: string | null;
  note?: string | null;
}

/** Receives a product: the customer's receipt number (SX-…) and the first log line. */
export async function receiveCarryIn(ctx: Ctx, input: CarryInInput) {
  const wo = input.workOrderId != null ? await getWorkOrder(ctx, input.workOrderId) : null;
  const unit = input.unitId != null ? await getUnit(ctx, input.unitId) : null;
  const customerId = input.customerId ?? wo?.customer_id ?? unit?.customer_id;
  if (customerId == null) throw new AppError('validation_failed', { reason: 'customerId, unitId or workOrderId is required' });
  const customer = await getCustomer(ctx, customerId);
  if (wo && wo.customer_id !== customer.id) throw new AppError('validation_failed', { reason: 'the work order belongs to another customer' });
  if (unit && unit.customer_id !== customer.id) throw new AppError('unit_of_other_customer');
  if (!input.item.trim() || !input.fault.trim()) throw new AppError('validation_failed', { reason: 'item and fault are required' });
  const own = stationOf(ctx.actor);
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('carry_ins')
    .values({
      number: await nextNumber(ctx, CARRY_IN_PREFIX),
      status: 'received',
      customer_id: customer.id,
      unit_id: unit?.id ?? wo?.unit_id ?? null,
      work_order_id: wo?.id ?? null,
      station_id: own !== undefined ? own : (wo?.station_id ?? customer.station_id),
      item: input.item.trim(),
      fault: input.fault.trim(),
      accessories: input.accessories?.trim() || null,
      brought_by: input.broughtBy?.trim() || null,
      technician_id: null,
      minutes_spent: null,
      parts_text: null,
      repair_note: null,
      inspection: null,
      inspection_note: null,
      inspected_by: null,
      inspected_at: null,
      signer_name: null,
      signature: null,
      returned_at: null,
      returned_by: null,
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await logStep(ctx, row.id, 'received', input.note);
  await audit(ctx, 'receive', 'carry_in', row.id, null, carryInView(ctx, row));
  return readCarryIn(ctx, row.id);
}

async function assertTechnician(ctx: Ctx, userId: number) {
  const u = await ctx.db.selectFrom('users').select(['id', 'roles', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!u || u.disabled || !u.roles.split(',').includes('technician')) throw new AppError('not_a_technician', { userId });
}

/** Starts the repair; a technician starting takes it, the desk names one. */
export async function startRepair(ctx: Ctx, id: number, input: { version: number; technicianId?: number | null; note?: string | null }) {
  const before = await getCarryIn(ctx, id);
  assertStep(before, 'start');
  const techId = actsAsTechnicianOnly(ctx.actor.roles) ? ctx.actor.id : (input.technicianId ?? before.technician_id);
  if (techId == null) throw new AppError('repair_tag_incomplete');
  await assertTechnician(ctx, techId);
  return update(ctx, before, input.version, { status: 'in_repair', technician_id: techId }, 'in_repair', input.note);
}

/** Fills the repair tag (修護卡): time spent, parts used (text), a note; only while in repair. */
export async function saveRepairTag(ctx: Ctx, id: number, input: { version: number; minutesSpent?: number | null; partsText?: string | null; note?: string | null; technicianId?: number | null }) {
  const before = await getCarryIn(ctx, id);
  assertStep(before, 'tag');
  const set: Partial<CarryInsRow> = {};
  if (input.minutesSpent !== undefined) set.minutes_spent = input.minutesSpent;
  if (input.partsText !== undefined) set.parts_text = input.partsText?.trim() || null;
  if (input.note !== undefined) set.repair_note = input.note?.trim() || null;
  if (input.technicianId != null && !actsAsTechnicianOnly(ctx.actor.roles)) {
    await assertTechnician(ctx, input.technicianId);
    set.technician_id = input.technicianId;
  }
  return update(ctx, before, input.version, set, 'tag');
}

/** The supervisor's inspection (service manager): pass → ready to return, fail → back to repair. */
export async function inspectCarryIn(ctx: Ctx, id: number, input: { version: number; result: 'pass' | 'fail'; note?: string | null }) {
  const before = await getCarryIn(ctx, id);
  assertStep(before, 'inspect');
  if (before.technician_id === null || before.minutes_spent === null) throw new AppError('repair_tag_incomplete');
  const set: Partial<CarryInsRow> = { inspection: input.result, inspection_note: input.note?.trim() || null, inspected_by: ctx.actor.id, inspected_at: ctx.clock.now() };
  if (input.result === 'pass') set.status = 'inspected';
  return update(ctx, before, input.version, set, input.result === 'pass' ? 'inspected' : 'inspection_failed', input.note);
}

function decodePng(dataUrl: string): Buffer {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
  const bytes = m ? Buffer.from(m[1]!, 'base64') : null;
  const png = bytes && bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!bytes || !png || bytes.length > MAX_SIGNATURE_BYTES) throw new AppError('carry_in_signature_invalid');
  return bytes;
}

/** Hands the product back against the customer's signature (name + drawn PNG). */
export async function returnCarryIn(ctx: Ctx, id: number, input: { version: number; signerName: string; signature: string; note?: string | null }) {
  const before = await getCarryIn(ctx, id);
  assertStep(before, 'return');
  if (!input.signerName.trim()) throw new AppError('validation_failed', { reason: 'signerName is required' });
  const signature = decodePng(input.signature);
  return update(ctx, before, input.version, { status: 'returned', signer_name: input.signerName.trim(), signature, returned_at: ctx.clock.now(), returned_by: ctx.actor.id }, 'returned', input.note);
}

/** One carry-in with names and its in/out log in time order. */
export async function readCarryIn(ctx: Ctx, id: number) {
  const r = await getCarryIn(ctx, id);
  const [customer, tech, wo, events] = await Promise.all([
    ctx.db.selectFrom('customers').select('name').where('id', '=', r.customer_id).executeTakeFirst(),
    r.technician_id === null ? undefined : ctx.db.selectFrom('users').select('display_name').where('id', '=', r.technician_id).executeTakeFirst(),
    r.work_order_id === null ? undefined : ctx.db.selectFrom('work_orders').select('number').where('id', '=', r.work_order_id).executeTakeFirst(),
    ctx.db.selectFrom('carry_in_events as e').leftJoin('users as u', 'u.id', 'e.actor_id').select(['e.id', 'e.step', 'e.note', 'e.actor_id', 'e.at', 'u.display_name']).where('e.carry_in_id', '=', id).orderBy('e.id').execute(),
  ]);
  return {
    ...carryInView(ctx, r, { customerName: customer?.name, technicianName: tech?.display_name ?? null, workOrderNumber: wo?.number ?? null }),
    log: events.map((e) => ({ id: e.id, step: e.step, note: e.note, actorId: e.actor_id, actorName: e.display_name ?? null, at: isoInZone(e.at, ctx.timeZone) })),
  };
}

/** Newest first, in the actor's scope. */
export async function listCarryIns(ctx: Ctx, query: { status?: CarryInStatus; workOrderId?: number; customerId?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('carry_ins as r').innerJoin('customers as c', 'c.id', 'r.customer_id').leftJoin('users as u', 'u.id', 'r.technician_id').leftJoin('work_orders as w', 'w.id', 'r.work_order_id').selectAll('r').select(['c.name as customer_name', 'u.display_name as technician_name', 'w.number as work_order_number']);
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('r.station_id', '=', own);
  if (actsAsTechnicianOnly(ctx.actor.roles)) q = q.where((eb) => eb.or([eb('r.technician_id', '=', ctx.actor.id), eb('r.technician_id', 'is', null)]));
  if (query.status) q = q.where('r.status', '=', query.status);
  if (query.workOrderId) q = q.where('r.work_order_id', '=', query.workOrderId);
  if (query.customerId) q = q.where('r.customer_id', '=', query.customerId);
  if (after) q = q.where('r.id', '<', Number(after[0]));
  const rows = await q.orderBy('r.id', 'desc').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, (r) => carryInView(ctx, r, { customerName: r.customer_name, technicianName: r.technician_name, workOrderNumber: r.work_order_number }), (r) => [r.id]);
}

/** The customer's signature as PNG bytes (only once returned). */
export async function carryInSignature(ctx: Ctx, id: number): Promise<Buffer> {
  const r = await getCarryIn(ctx, id);
  if (!r.signature) throw new AppError('not_found');
  return Buffer.from(r.signature);
}

const STATUS_LABEL: Record<CarryInStatus, string> = { received: '已接收', in_repair: '修护中', inspected: '已检验', returned: '已取回' };

/** The customer's receipt (領取收據) as a printable slip: what was brought in, with what, when. */
export async function carryInSlip(ctx: Ctx, id: number): Promise<Slip> {
  const r = await readCarryIn(ctx, id);
  const unit = r.unitId === null ? undefined : await ctx.db.selectFrom('installed_units').select('serial').where('id', '=', r.unitId).executeTakeFirst();
  const local = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  return {
    title: '携回修护领取收据',
    number: r.number,
    status: STATUS_LABEL[r.status],
    date: local(r.createdAt),
    fields: [
      { label: '客户', value: r.customerName ?? '' },
      { label: '送修人', value: r.broughtBy ?? '' },
      { label: '工单', value: r.workOrderNumber ?? '—' },
      { label: '设备序列号', value: unit?.serial ?? '—' },
      { label: '故障描述', value: r.fault },
      { label: '随附配件', value: r.accessories ?? '无' },
      ...(r.returned ? [{ label: '取回', value: `${r.returned.signerName} ${local(r.returned.at)}` }] : []),
    ],
    sections: [{ heading: null, lines: [{ no: 1, code: unit?.serial ?? '', name: r.item, spec: r.accessories ?? '', unit: '件', lot: '', qty: '1', unitCost: '', amount: '' }] }],
    totalQty: '1',
    totalAmount: '',
    signatures: ['客户签收', '接收人'],
  };
}
