import type { Insertable } from 'kysely';
import type { Ctx } from '../../db.js';
import { prepared } from '../../platform/db/prepared.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { formatFen, formatMilliFen, fromMilli } from '../../platform/numbers.js';
import { nextNumber } from './ledger.js';
import { NUMBER_PREFIX } from './ledger.rules.js';
import type { DocumentLinesRow, DocumentLinesTable, DocumentsRow, DocumentsTable, DocumentType } from './tables.js';
import type { PartsRow } from '../catalog/tables.js';

export const MAX_LINES = 500;

export type NewDocument = Omit<DocumentsRow, 'id' | 'number' | 'created_by' | 'created_at' | 'version' | 'total_cost' | 'decided_by' | 'decided_at' | 'decision_note'> &
  Partial<Pick<DocumentsRow, 'total_cost'>>;
export type NewLine = Omit<DocumentLinesRow, 'id' | 'document_id' | 'line_no'> & { line_no?: number };

const insertDocumentRow = prepared((db, row: Insertable<DocumentsTable>) => db.insertInto('documents').values(row).returningAll());
const insertLineRows = prepared((db, rows: Insertable<DocumentLinesTable>[]) => db.insertInto('document_lines').values(rows).returningAll());

/**
 * Numbers and inserts a document with its lines; returns the row and the line ids in order.
 * `number` is one drawn earlier with numberFor (before taking row locks).
 */
export async function insertDocument(ctx: Ctx, doc: NewDocument, lines: readonly NewLine[], number?: string) {
  number ??= await numberFor(ctx, doc.type);
  const [row] = await insertDocumentRow(ctx.db, { ...doc, total_cost: doc.total_cost ?? 0, number, created_by: ctx.actor.id, created_at: ctx.clock.now(), version: 1 });
  let lineRows: DocumentLinesRow[] = [];
  if (lines.length > 0) lineRows = await insertLineRows(ctx.db, lines.map((l, i) => ({ ...l, document_id: row!.id, line_no: l.line_no ?? i + 1 })));
  return { doc: row!, lines: lineRows };
}

/** The next number of a document type (RK-2026-000123, …). */
export function numberFor(ctx: Ctx, type: DocumentType): Promise<string> {
  return nextNumber(ctx, NUMBER_PREFIX[type as keyof typeof NUMBER_PREFIX]);
}

const partsByIds = prepared((db, p: { ids: number[] }) => db.selectFrom('parts').selectAll().where('id', 'in', p.ids));

/** Loads the parts named by lines; unknown → 404 unknown_part, archived → 409. */
export async function loadParts(ctx: Ctx, ids: readonly number[], opts: { allowArchived?: boolean } = {}): Promise<Map<number, PartsRow>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  return checkParts(uniq, await partsByIds(ctx.db, { ids: uniq }), opts);
}

/** The checks of loadParts on rows already read for the distinct ids `uniq`. */
export function checkParts(uniq: readonly number[], rows: readonly PartsRow[], opts: { allowArchived?: boolean } = {}): Map<number, PartsRow> {
  const map = new Map(rows.map((p) => [p.id, p]));
  for (const id of uniq) {
    const p = map.get(id);
    if (!p) throw new AppError('unknown_part', { partId: id });
    if (p.archived && !opts.allowArchived) throw new AppError('part_archived', { partId: id });
  }
  return map;
}

/** A document's work-order reference must name a work order (the foreign key of R-INV-4). */
export async function assertWorkOrderRef(ctx: Ctx, workOrderId: number | null | undefined): Promise<void> {
  if (workOrderId == null) return;
  const w = await ctx.db.selectFrom('work_orders').select('id').where('id', '=', workOrderId).executeTakeFirst();
  if (!w) throw new AppError('unknown_work_order', { workOrderId });
}

export function checkLineCount(lines: readonly unknown[]): void {
  if (lines.length === 0) throw new AppError('empty_document');
  if (lines.length > MAX_LINES) throw new AppError('too_many_lines', { max: MAX_LINES });
}

/** A line as read by the list and detail queries, which join its part's code, name and unit. */
export type LineWithPart = DocumentLinesRow & { part_code?: string | null; part_name?: string | null; part_unit?: string | null };

export function lineView(l: LineWithPart) {
  return {
    id: l.id,
    lineNo: l.line_no,
    partId: l.part_id,
    ...(l.part_code !== undefined ? { partCode: l.part_code, partName: l.part_name ?? null, unit: l.part_unit ?? null } : {}),
    lotId: l.lot_id,
    qty: fromMilli(l.qty),
    unitCost: l.unit_cost === null ? null : formatFen(l.unit_cost),
    salePrice: l.sale_price === null ? null : formatFen(l.sale_price),
    lotIsNew: l.lot_is_new === null ? undefined : !!l.lot_is_new,
    receivedQty: l.received_qty === null ? undefined : fromMilli(l.received_qty),
    countedQty: l.counted_qty === null ? undefined : fromMilli(l.counted_qty),
    note: l.note,
  };
}

export function documentView(ctx: Pick<Ctx, 'timeZone'>, d: DocumentsRow, lines: readonly LineWithPart[]) {
  const t = (ms: number | null) => (ms === null ? null : isoInZone(ms, ctx.timeZone));
  return {
    id: d.id,
    type: d.type,
    number: d.number,
    status: d.status,
    fromLocationId: d.from_location_id,
    toLocationId: d.to_location_id,
    userId: d.user_id,
    supplierId: d.supplier_id,
    workOrderId: d.work_order_id,
    reservationId: d.reservation_id,
    relatedDocumentId: d.related_document_id,
    reason: d.reason,
    remark: d.remark,
    stationId: d.station_id,
    totalCost: formatMilliFen(d.total_cost),
    createdBy: d.created_by,
    createdAt: t(d.created_at)!,
    postedAt: t(d.posted_at),
    decidedBy: d.decided_by,
    decidedAt: t(d.decided_at),
    decisionNote: d.decision_note,
    version: d.version,
    lines: lines.map(lineView),
  };
}

/**
 * A document and its lines. `forDecision`: the caller is about to change the document's state
 * (approve, reject, receive, record): on PostgreSQL its row is locked first, so a second decision
 * taken at the same moment waits and then sees the first one's outcome (the lines are read after
 * the lock, in a fresh snapshot). SQLite runs one writing transaction at a time anyway.
 */
export async function getDocument(ctx: Ctx, id: number, opts: { forDecision?: boolean } = {}) {
  const doc = await ctx.db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', id)
    .$if(!!opts.forDecision && ctx.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!doc) throw new AppError('not_found');
  const lines = await ctx.db.selectFrom('document_lines').selectAll().where('document_id', '=', id).orderBy('line_no').orderBy('id').execute();
  return { doc, lines };
}

export type { DocumentType };
