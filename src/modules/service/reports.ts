// The service report (R-SVC-7): findings (listen / look / check), cause, responsibility, actions,
// parts replaced (consumed from the lead technician's holding on submit, R-INV-8), old parts to
// bring back (R-INV-17), time spent, photos, the customer's signature. Draft → submitted (parts
// written off, work order resolved, one transaction) → signed (locked, work order signed).
// A signed report never changes; corrections are linked records. A work order has one report
// per SLA cycle (work_orders.cycle): reopened, it gets a new report to write, sign and close with,
// its photos and old parts its own; the earlier reports stay as they were (?cycle= reads them).
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { fromMilli, toMilli } from '../../platform/numbers.js';
import { audit } from '../auth/audit.js';
import { loadParts } from '../inventory/documents.js';
import { writeOff } from '../inventory/holdings.js';
import type { ReportStatus, Responsibility, ServiceReportPartsRow, ServiceReportsRow } from './report-tables.js';
import './report-errors.js';
import type { WorkOrderStatus, WorkOrdersRow } from './tables.js';
import { actsAsTechnicianOnly } from './transitions.rules.js';
import { getWorkOrder, transitionWorkOrder } from './work-orders.js';

/** Work-order states in which the draft may be edited (resolved: resolved by hand, report still to write). */
export const EDITABLE_STATUSES: readonly WorkOrderStatus[] = ['accepted', 'en_route', 'on_site', 'waiting_parts', 'resolved'];
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 512 * 1024;
export const MAX_PHOTOS = 20;
export const MAX_REPORT_LINES = 100;
export const RESPONSIBILITIES: readonly Responsibility[] = ['customer', 'manufacturer', 'dealer', 'supplier', 'unknown'];

type Qty = number | string;
export interface ReportInput {
  version: number;
  findings?: { listen?: string | null; look?: string | null; check?: string | null } | null;
  cause?: string | null;
  responsibility?: Responsibility | null;
  actions?: string | null;
  odometerKm?: Qty | null;
  runningHours?: Qty | null;
  tampered?: boolean;
  minutesSpent?: number | null;
  partsUsed?: { partId: number; qty: Qty; reason?: string | null }[];
  oldParts?: { partId: number; qty: Qty }[];
}

const DECIMAL = /^\d{1,12}(\.\d{1,3})?$/;

/** A quantity given as a JSON number or a decimal string, as integer thousandths. */
export function qtyMilli(v: Qty, field: string, opts: { allowZero?: boolean } = {}): number {
  if (typeof v === 'string') {
    const s = v.trim();
    if (!DECIMAL.test(s)) throw new AppError('invalid_quantity', { field });
    return toMilli(Number(s), field, opts);
  }
  return toMilli(v, field, opts);
}
const qtyText = (milli: number) => String(fromMilli(milli));
const blank = (s: string | null | undefined) => s == null || s.trim() === '';
const clean = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

/** The report of a work order's cycle (its current one by default). */
export async function reportRow(ctx: Ctx, wo: Pick<WorkOrdersRow, 'id' | 'cycle'>, cycle = wo.cycle): Promise<ServiceReportsRow | undefined> {
  return ctx.db.selectFrom('service_reports').selectAll().where('work_order_id', '=', wo.id).where('cycle', '=', cycle).executeTakeFirst();
}

type LineRow = ServiceReportPartsRow & { part_code: string; part_name: string };
async function reportLines(ctx: Ctx, reportId: number | undefined): Promise<LineRow[]> {
  if (reportId === undefined) return [];
  return ctx.db
    .selectFrom('service_report_parts as l')
    .innerJoin('parts as p', 'p.id', 'l.part_id')
    .selectAll('l')
    .select(['p.code as part_code', 'p.name as part_name'])
    .where('l.report_id', '=', reportId)
    .orderBy('l.kind')
    .orderBy('l.line_no')
    .execute();
}

/** Old parts handed in per part for a work order's report of `cycle` (thousandths). */
export async function handedInOf(ctx: Ctx, workOrderId: number, cycle: number): Promise<Map<number, number>> {
  const rows = await ctx.db.selectFrom('old_part_items').select(['part_id', 'qty']).where('work_order_id', '=', workOrderId).where('cycle', '=', cycle).execute();
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.part_id, (out.get(r.part_id) ?? 0) + Number(r.qty));
  return out;
}

/** The field names still needed before submit; [] = complete. */
export function missingOf(r: ServiceReportsRow | undefined, lines: readonly Pick<ServiceReportPartsRow, 'kind' | 'reason'>[]): string[] {
  const m: string[] = [];
  if (!r || (blank(r.findings_listen) && blank(r.findings_look) && blank(r.findings_check))) m.push('findings');
  if (!r || blank(r.cause)) m.push('cause');
  if (!r?.responsibility) m.push('responsibility');
  if (!r || blank(r.actions)) m.push('actions');
  if (r?.minutes_spent == null) m.push('minutesSpent');
  lines.filter((l) => l.kind === 'used').forEach((l, i) => blank(l.reason) && m.push(`partsUsed.${i}.reason`));
  return m;
}

export const photoUrl = (id: number) => `/report-photos/${id}`;

/**
 * The report of `cycle` (the work order's current one by default) as the API shows it; a cycle
 * without one shows an empty draft at version 0. `cycles` lists the cycles that have a report.
 */
export async function reportView(ctx: Ctx, wo: WorkOrdersRow, row?: ServiceReportsRow, cycle = row?.cycle ?? wo.cycle) {
  row ??= await reportRow(ctx, wo, cycle);
  const iso = (ms: number | null | undefined) => (ms == null ? null : isoInZone(ms, ctx.timeZone));
  const lines = await reportLines(ctx, row?.id);
  const handed = await handedInOf(ctx, wo.id, cycle);
  const photos = await ctx.db.selectFrom('report_photos').select(['id', 'caption']).where('work_order_id', '=', wo.id).where('cycle', '=', cycle).orderBy('id').execute();
  const corrections = await ctx.db
    .selectFrom('report_corrections as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select(['c.id', 'c.text', 'c.created_by', 'c.created_at', 'u.display_name'])
    .where('c.work_order_id', '=', wo.id)
    .where('c.cycle', '=', cycle)
    .orderBy('c.id')
    .execute();
  // Never reopened: the report read, if any, is the only one.
  const cycles = wo.cycle === 0 ? (row ? [{ cycle: 0 }] : []) : await ctx.db.selectFrom('service_reports').select('cycle').where('work_order_id', '=', wo.id).orderBy('cycle').execute();
  const status: ReportStatus = row?.status ?? 'draft';
  return {
    workOrderId: wo.id,
    workOrderNumber: wo.number,
    workOrderStatus: wo.status,
    cycle,
    current: cycle === wo.cycle,
    cycles: cycles.map((c) => c.cycle),
    status,
    findings: { listen: row?.findings_listen ?? null, look: row?.findings_look ?? null, check: row?.findings_check ?? null },
    cause: row?.cause ?? null,
    responsibility: row?.responsibility ?? null,
    actions: row?.actions ?? null,
    odometerKm: row?.odometer_milli == null ? null : qtyText(Number(row.odometer_milli)),
    runningHours: row?.running_hours_milli == null ? null : qtyText(Number(row.running_hours_milli)),
    tampered: !!row?.tampered,
    minutesSpent: row?.minutes_spent ?? null,
    partsUsed: lines.filter((l) => l.kind === 'used').map((l) => ({ partId: l.part_id, partCode: l.part_code, partName: l.part_name, qty: qtyText(Number(l.qty)), reason: l.reason })),
    oldParts: lines.filter((l) => l.kind === 'old').map((l) => ({ partId: l.part_id, partCode: l.part_code, partName: l.part_name, qty: qtyText(Number(l.qty)), handedInQty: qtyText(handed.get(l.part_id) ?? 0) })),
    photos: photos.map((p) => ({ id: p.id, caption: p.caption, url: photoUrl(p.id), src: `/api/v1${photoUrl(p.id)}` })),
    missing: status === 'draft' ? missingOf(row, lines) : [],
    consumptionDocumentId: row?.consumption_document_id ?? null,
    signerName: row?.signer_name ?? null,
    signedAt: iso(row?.signed_at),
    submittedAt: iso(row?.submitted_at),
    hasSignature: !!row?.signature,
    corrections: corrections.map((c) => ({ id: c.id, text: c.text, createdBy: c.created_by, createdByName: c.display_name ?? null, createdAt: isoInZone(c.created_at, ctx.timeZone) })),
    version: row?.version ?? 0,
  };
}
export type ReportView = Awaited<ReturnType<typeof reportView>>;

/** The cycle asked for (the current one when none), one the work order has been through. */
function cycleOf(wo: WorkOrdersRow, cycle: number | undefined): number {
  if (cycle !== undefined && (cycle < 0 || cycle > wo.cycle)) throw new AppError('unknown_report_cycle', { cycle, current: wo.cycle });
  return cycle ?? wo.cycle;
}

export async function readReport(ctx: Ctx, workOrderId: number, cycle?: number) {
  const wo = await getWorkOrder(ctx, workOrderId);
  return reportView(ctx, wo, undefined, cycleOf(wo, cycle));
}

function assertVersion(row: ServiceReportsRow | undefined, version: number) {
  const current = row?.version ?? 0;
  if (version !== current) throw new AppError('stale_version', { current });
}
function assertNotLocked(row: ServiceReportsRow | undefined, allowSubmitted = false) {
  if (row && (row.status === 'signed' || (row.status === 'submitted' && !allowSubmitted))) throw new AppError('report_locked', { status: row.status });
}

/** Validates the editable fields into column values (only those given). */
function columnsOf(input: ReportInput): Partial<ServiceReportsRow> {
  const set: Partial<ServiceReportsRow> = {};
  if (input.findings != null) {
    if (input.findings.listen !== undefined) set.findings_listen = clean(input.findings.listen);
    if (input.findings.look !== undefined) set.findings_look = clean(input.findings.look);
    if (input.findings.check !== undefined) set.findings_check = clean(input.findings.check);
  }
  if (input.cause !== undefined) set.cause = clean(input.cause);
  if (input.actions !== undefined) set.actions = clean(input.actions);
  if (input.responsibility !== undefined) {
    if (input.responsibility !== null && !RESPONSIBILITIES.includes(input.responsibility)) throw new AppError('invalid_report_field', { field: 'responsibility' });
    set.responsibility = input.responsibility;
  }
  if (input.odometerKm !== undefined) set.odometer_milli = input.odometerKm === null || input.odometerKm === '' ? null : qtyMilli(input.odometerKm, 'odometerKm', { allowZero: true });
  if (input.runningHours !== undefined) set.running_hours_milli = input.runningHours === null || input.runningHours === '' ? null : qtyMilli(input.runningHours, 'runningHours', { allowZero: true });
  if (input.tampered !== undefined) set.tampered = input.tampered ? 1 : 0;
  if (input.minutesSpent !== undefined) {
    if (input.minutesSpent !== null && (!Number.isInteger(input.minutesSpent) || input.minutesSpent < 0 || input.minutesSpent > 100_000)) throw new AppError('invalid_report_field', { field: 'minutesSpent' });
    set.minutes_spent = input.minutesSpent;
  }
  return set;
}

/** Saves the draft (any of the editable fields); version 0 makes it. */
export async function saveReport(ctx: Ctx, workOrderId: number, input: ReportInput) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const row = await reportRow(ctx, wo);
  assertNotLocked(row);
  if (!EDITABLE_STATUSES.includes(wo.status)) throw new AppError('report_not_editable', { status: wo.status });
  assertVersion(row, input.version);
  const set = columnsOf(input);
  const used = input.partsUsed?.map((l, i) => ({ partId: l.partId, qty: qtyMilli(l.qty, `partsUsed.${i}.qty`), reason: clean(l.reason) }));
  let old: { partId: number; qty: number }[] | undefined;
  if (input.oldParts) {
    const merged = new Map<number, number>();
    input.oldParts.forEach((l, i) => merged.set(l.partId, (merged.get(l.partId) ?? 0) + qtyMilli(l.qty, `oldParts.${i}.qty`)));
    old = [...merged].map(([partId, qty]) => ({ partId, qty }));
  }
  if ((used?.length ?? 0) > MAX_REPORT_LINES || (old?.length ?? 0) > MAX_REPORT_LINES) throw new AppError('too_many_lines', { max: MAX_REPORT_LINES });
  const partIds = [...(used ?? []), ...(old ?? [])].map((l) => l.partId);
  const parts = await loadParts(ctx, partIds, { allowArchived: true });
  if (old) {
    // Old parts already handed in cannot fall below what came back.
    const handed = await handedInOf(ctx, wo.id, wo.cycle);
    for (const [partId, qty] of handed) {
      const want = old.find((l) => l.partId === partId)?.qty ?? 0;
      if (want < qty) throw new AppError('old_parts_exceeded', { partId, partCode: parts.get(partId)?.code ?? partId, expected: fromMilli(want), handedIn: fromMilli(qty), requested: 0 });
    }
  }
  const before = row ? await reportView(ctx, wo, row) : null;
  const now = ctx.clock.now();
  let saved: ServiceReportsRow | undefined;
  if (!row) {
    saved = await ctx.db
      .insertInto('service_reports')
      .values({
        work_order_id: wo.id,
        cycle: wo.cycle,
        status: 'draft',
        findings_listen: null,
        findings_look: null,
        findings_check: null,
        cause: null,
        responsibility: null,
        actions: null,
        odometer_milli: null,
        running_hours_milli: null,
        tampered: 0,
        minutes_spent: null,
        consumption_document_id: null,
        signer_name: null,
        signature: null,
        submitted_at: null,
        submitted_by: null,
        signed_at: null,
        signed_by: null,
        ...set,
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .onConflict((oc) => oc.columns(['work_order_id', 'cycle']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!saved) throw new AppError('stale_version', { current: 1 });
  } else {
    saved = await ctx.db
      .updateTable('service_reports')
      .set({ ...set, updated_at: now, version: row.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (!saved) throw new AppError('stale_version', { current: row.version + 1 });
  }
  const replace = async (kind: 'used' | 'old', lines: { partId: number; qty: number; reason?: string | null }[]) => {
    await ctx.db.deleteFrom('service_report_parts').where('report_id', '=', saved.id).where('kind', '=', kind).execute();
    if (lines.length === 0) return;
    await ctx.db
      .insertInto('service_report_parts')
      .values(lines.map((l, i) => ({ report_id: saved.id, kind, line_no: i + 1, part_id: l.partId, qty: l.qty, reason: l.reason ?? null })))
      .execute();
  };
  if (used) await replace('used', used);
  if (old) await replace('old', old);
  const view = await reportView(ctx, wo, saved);
  await audit(ctx, row ? 'update' : 'create', 'service_report', saved.id, before, view);
  return view;
}

const DATA_URL = /^data:image\/(jpeg|jpg|png);base64,([A-Za-z0-9+/]*={0,2})$/;

/** A base64 data URL of a JPEG or PNG image: its type and bytes (the bytes' signature is checked). */
export function decodeImage(dataUrl: string, opts: { types: readonly ('jpeg' | 'png')[]; maxBytes: number; error: 'invalid_photo' | 'invalid_signature'; tooLarge: 'photo_too_large' | 'invalid_signature' }) {
  const m = DATA_URL.exec(dataUrl.replace(/\s+/g, ''));
  if (!m) throw new AppError(opts.error);
  const type = m[1] === 'png' ? 'png' : 'jpeg';
  if (!opts.types.includes(type)) throw new AppError(opts.error);
  if (Math.floor((m[2]!.length * 3) / 4) - 2 > opts.maxBytes) throw new AppError(opts.tooLarge, { maxMb: opts.maxBytes / 1024 / 1024 });
  const bytes = Buffer.from(m[2]!, 'base64');
  if (bytes.length > opts.maxBytes) throw new AppError(opts.tooLarge, { maxMb: opts.maxBytes / 1024 / 1024 });
  const isPng = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if ((type === 'png' && !isPng) || (type === 'jpeg' && !isJpeg)) throw new AppError(opts.error);
  return { mime: type === 'png' ? 'image/png' : 'image/jpeg', bytes };
}

/** Adds a photo (JPEG/PNG ≤ 2 MB); allowed until the report is signed. */
export async function addPhoto(ctx: Ctx, workOrderId: number, input: { dataUrl: string; caption?: string | null }) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const row = await reportRow(ctx, wo);
  assertNotLocked(row, true);
  const { mime, bytes } = decodeImage(input.dataUrl, { types: ['jpeg', 'png'], maxBytes: MAX_PHOTO_BYTES, error: 'invalid_photo', tooLarge: 'photo_too_large' });
  const count = await ctx.db.selectFrom('report_photos').select((eb) => eb.fn.countAll<number>().as('n')).where('work_order_id', '=', wo.id).where('cycle', '=', wo.cycle).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_PHOTOS) throw new AppError('too_many_photos', { max: MAX_PHOTOS });
  const photo = await ctx.db
    .insertInto('report_photos')
    .values({ work_order_id: wo.id, cycle: wo.cycle, mime, bytes, size: bytes.length, caption: clean(input.caption), created_by: ctx.actor.id, created_at: ctx.clock.now() })
    .returning(['id', 'caption'])
    .executeTakeFirstOrThrow();
  const view = { id: photo.id, caption: photo.caption, url: photoUrl(photo.id), src: `/api/v1${photoUrl(photo.id)}` };
  await audit(ctx, 'add_photo', 'service_report', row?.id ?? null, null, { workOrderId: wo.id, photoId: photo.id, mime, size: bytes.length });
  return view;
}

/** A photo's bytes, if the actor may see its work order. */
export async function readPhoto(ctx: Ctx, id: number) {
  const p = await ctx.db.selectFrom('report_photos').select(['id', 'work_order_id', 'mime', 'bytes']).where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('unknown_photo', { photoId: id });
  try {
    await getWorkOrder(ctx, p.work_order_id);
  } catch {
    throw new AppError('unknown_photo', { photoId: id });
  }
  return { mime: p.mime, bytes: Buffer.from(p.bytes) };
}

/**
 * Submits a complete report. In the caller's transaction: the report is marked submitted (the
 * version guard first), the parts used are written off from the lead technician's holding as
 * consumed against the work order, and the work order goes on_site → resolved.
 */
export async function submitReport(ctx: Ctx, workOrderId: number, input: { version: number }) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const row = await reportRow(ctx, wo);
  assertNotLocked(row);
  assertVersion(row, input.version);
  const lines = await reportLines(ctx, row?.id);
  const missing = missingOf(row, lines);
  if (!row || missing.length) throw new AppError('report_incomplete', { missing, fields: missing.join(', ') });
  if (wo.status !== 'on_site' && wo.status !== 'resolved') throw new AppError('invalid_transition', { from: wo.status, to: 'resolved' });
  if (wo.lead_technician_id === null) throw new AppError('no_technician');
  if (actsAsTechnicianOnly(ctx.actor.roles) && ctx.actor.id !== wo.lead_technician_id) throw new AppError('not_lead_technician');
  const before = await reportView(ctx, wo, row);
  const now = ctx.clock.now();
  const marked = await ctx.db
    .updateTable('service_reports')
    .set({ status: 'submitted', submitted_at: now, submitted_by: ctx.actor.id, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
  if (!marked) throw new AppError('stale_version', { current: row.version + 1 });
  let saved = marked;
  const used = lines.filter((l) => l.kind === 'used');
  if (used.length > 0) {
    const doc = await writeOff(ctx, {
      userId: wo.lead_technician_id,
      reason: 'consumed',
      workOrderId: wo.id,
      remark: `${wo.number} 服务报告`,
      lines: used.map((l) => ({ partId: l.part_id, qty: fromMilli(Number(l.qty)) })),
    });
    saved = await ctx.db.updateTable('service_reports').set({ consumption_document_id: doc.id }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  }
  let current = wo;
  if (wo.status === 'on_site') {
    await transitionWorkOrder(ctx, wo.id, { to: 'resolved', version: wo.version, note: '服务报告已提交' });
    current = (await ctx.db.selectFrom('work_orders').selectAll().where('id', '=', wo.id).executeTakeFirstOrThrow()) as WorkOrdersRow;
  }
  const view = await reportView(ctx, current, saved);
  await audit(ctx, 'submit', 'service_report', row.id, before, view);
  return view;
}

/** The customer signs a submitted report on the phone: the report locks, the work order is signed. */
export async function signReport(ctx: Ctx, workOrderId: number, input: { signature: string; signerName: string; version: number }) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const row = await reportRow(ctx, wo);
  if (row?.status === 'signed') throw new AppError('report_locked', { status: row.status });
  if (!row || row.status !== 'submitted' || wo.status !== 'resolved') throw new AppError('report_not_submitted');
  assertVersion(row, input.version);
  const name = input.signerName.trim();
  if (!name) throw new AppError('invalid_signature');
  const { bytes } = decodeImage(input.signature, { types: ['png'], maxBytes: MAX_SIGNATURE_BYTES, error: 'invalid_signature', tooLarge: 'invalid_signature' });
  const now = ctx.clock.now();
  const saved = await ctx.db
    .updateTable('service_reports')
    .set({ status: 'signed', signer_name: name, signature: bytes, signed_at: now, signed_by: ctx.actor.id, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('status', '=', 'submitted')
    .returningAll()
    .executeTakeFirst();
  if (!saved) throw new AppError('stale_version', { current: row.version + 1 });
  await transitionWorkOrder(ctx, wo.id, { to: 'signed', version: wo.version, note: `客户签字：${name}` }, { signedReport: true });
  const current = (await ctx.db.selectFrom('work_orders').selectAll().where('id', '=', wo.id).executeTakeFirstOrThrow()) as WorkOrdersRow;
  const view = await reportView(ctx, current, saved);
  await audit(ctx, 'sign', 'service_report', row.id, { status: row.status, version: row.version }, { status: 'signed', signerName: name, signedAt: view.signedAt, version: saved.version });
  return view;
}

/** A correction of a submitted or signed report: a linked record, the report itself is unchanged. */
export async function addCorrection(ctx: Ctx, workOrderId: number, input: { text: string }) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const row = await reportRow(ctx, wo);
  if (!row || row.status === 'draft') throw new AppError('report_not_submitted');
  const text = input.text.trim();
  if (!text) throw new AppError('invalid_report_field', { field: 'text' });
  const c = await ctx.db
    .insertInto('report_corrections')
    .values({ work_order_id: wo.id, cycle: wo.cycle, text, created_by: ctx.actor.id, created_at: ctx.clock.now() })
    .returningAll()
    .executeTakeFirstOrThrow();
  const view = { id: c.id, text: c.text, createdBy: c.created_by, createdByName: ctx.actor.displayName, createdAt: isoInZone(c.created_at, ctx.timeZone) };
  await audit(ctx, 'correct', 'service_report', row.id, null, { workOrderId: wo.id, ...view });
  return view;
}

/** Everything the PDF prints: the report, the work order's parties, the signature and photos. */
export async function reportPrintData(ctx: Ctx, workOrderId: number, cycle?: number) {
  const wo = await getWorkOrder(ctx, workOrderId);
  const c = cycleOf(wo, cycle);
  const row = await reportRow(ctx, wo, c);
  const report = await reportView(ctx, wo, row, c);
  const customer = await ctx.db.selectFrom('customers').select(['name', 'phone']).where('id', '=', wo.customer_id).executeTakeFirst();
  const site = wo.site_id == null ? undefined : await ctx.db.selectFrom('customer_sites').select(['name', 'address']).where('id', '=', wo.site_id).executeTakeFirst();
  const unit = wo.unit_id == null ? undefined : await ctx.db.selectFrom('installed_units as u').innerJoin('product_models as m', 'm.id', 'u.model_id').select(['u.serial', 'm.name as model']).where('u.id', '=', wo.unit_id).executeTakeFirst();
  const team = await ctx.db
    .selectFrom('work_order_technicians as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.display_name', 't.is_lead'])
    .where('t.work_order_id', '=', wo.id)
    .orderBy('t.is_lead', 'desc')
    .orderBy('t.user_id')
    .execute();
  const doc = report.consumptionDocumentId == null ? undefined : await ctx.db.selectFrom('documents').select('number').where('id', '=', report.consumptionDocumentId).executeTakeFirst();
  const photos = await ctx.db.selectFrom('report_photos').select(['caption', 'mime', 'bytes']).where('work_order_id', '=', wo.id).where('cycle', '=', report.cycle).orderBy('id').limit(6).execute();
  return {
    report,
    workOrder: { number: wo.number, fault: wo.fault, serviceType: wo.service_type, category: wo.category, createdAt: isoInZone(wo.created_at, ctx.timeZone) },
    customer: customer ? { name: customer.name, phone: customer.phone } : null,
    site: site ? { name: site.name, address: site.address } : null,
    unit: unit ? { serial: unit.serial, model: unit.model } : null,
    technicians: team.map((t) => `${t.display_name}${t.is_lead ? '（负责）' : ''}`),
    consumptionNumber: doc?.number ?? null,
    signature: row?.signature ? Buffer.from(row.signature) : null,
    photos: photos.map((p) => ({ caption: p.caption, bytes: Buffer.from(p.bytes) })),
  };
}
export type ReportPrintData = Awaited<ReturnType<typeof reportPrintData>>;
