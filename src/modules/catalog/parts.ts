import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError, formatMessage } from '../../platform/errors.js';
import './errors.js';
import { formatFen, fromMilli, toFen, toMilli } from '../../platform/numbers.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit, auditEach } from '../auth/audit.js';
import { chunks } from '../../platform/db/bulk.js';
import { likePattern, searchText } from './search.rules.js';
import type { PartsRow } from './tables.js';

export interface PartInput {
  code: string;
  name: string;
  spec?: string | null;
  unit: string;
  category?: string | null;
  barcode?: string | null;
  salePrice?: string | null;
  alarmQty?: number | null;
  preferredSupplierId?: number | null;
}

export function partView(p: PartsRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    spec: p.spec,
    unit: p.unit,
    category: p.category,
    barcode: p.barcode,
    salePrice: p.sale_price === null ? null : formatFen(p.sale_price),
    alarmQty: p.alarm_qty === null ? null : fromMilli(p.alarm_qty),
    preferredSupplierId: p.preferred_supplier_id,
    archived: !!p.archived,
    version: p.version,
  };
}

function columnsOf(input: Partial<PartInput>) {
  const out: Partial<PartsRow> = {};
  if (input.code !== undefined) out.code = input.code.trim();
  if (input.name !== undefined) out.name = input.name.trim();
  if (input.spec !== undefined) out.spec = input.spec;
  if (input.unit !== undefined) out.unit = input.unit;
  if (input.category !== undefined) out.category = input.category;
  if (input.barcode !== undefined) out.barcode = input.barcode || null;
  if (input.salePrice !== undefined) out.sale_price = input.salePrice === null ? null : toFen(input.salePrice, 'salePrice');
  if (input.alarmQty !== undefined) out.alarm_qty = input.alarmQty === null ? null : toMilli(input.alarmQty, 'alarmQty', { allowZero: true });
  if (input.preferredSupplierId !== undefined) out.preferred_supplier_id = input.preferredSupplierId;
  return out;
}

async function assertSupplier(ctx: Ctx, id: number | null | undefined) {
  if (id == null) return;
  const s = await ctx.db.selectFrom('suppliers').select('id').where('id', '=', id).executeTakeFirst();
  if (!s) throw new AppError('unknown_supplier', { supplierId: id });
}

/** Adds a part to the catalogue (R-CAT-1). */
export async function createPart(ctx: Ctx, input: PartInput): Promise<PartsRow> {
  return (await createParts(ctx, [input]))[0]!;
}

/**
 * Adds parts to the catalogue in a fixed number of statements however many there are (a receipt's
 * new parts, an import): the suppliers and the codes are checked in one query each, the parts
 * inserted in one, their audit records in one. Returns the rows in the order given.
 */
export async function createParts(ctx: Ctx, inputs: readonly PartInput[]): Promise<PartsRow[]> {
  if (inputs.length === 0) return [];
  const all = inputs.map((input) => {
    const cols = columnsOf(input);
    if (!cols.code || !cols.name) throw new AppError('validation_failed', { reason: 'code and name are required' });
    return cols as typeof cols & { code: string; name: string };
  });
  const suppliers = [...new Set(all.flatMap((c) => (c.preferred_supplier_id == null ? [] : [c.preferred_supplier_id])))];
  if (suppliers.length > 0) {
    const found = new Set((await ctx.db.selectFrom('suppliers').select('id').where('id', 'in', suppliers).execute()).map((s) => s.id));
    const unknown = suppliers.find((id) => !found.has(id));
    if (unknown !== undefined) throw new AppError('unknown_supplier', { supplierId: unknown });
  }
  const seen = new Set<string>();
  for (const c of all) {
    if (seen.has(c.code)) throw new AppError('duplicate', { field: 'code', value: c.code });
    seen.add(c.code);
  }
  for (const codes of chunks([...seen], 5000)) {
    const dup = await ctx.db.selectFrom('parts').select('code').where('code', 'in', codes).executeTakeFirst();
    if (dup) throw new AppError('duplicate', { field: 'code', value: dup.code });
  }
  const now = ctx.clock.now();
  const row = (cols: (typeof all)[number]) => ({
    code: cols.code,
    name: cols.name,
    spec: cols.spec ?? null,
    unit: cols.unit ?? '个',
    category: cols.category ?? null,
    barcode: cols.barcode ?? null,
    sale_price: cols.sale_price ?? null,
    alarm_qty: cols.alarm_qty ?? null,
    preferred_supplier_id: cols.preferred_supplier_id ?? null,
    search_text: searchText({ code: cols.code, name: cols.name, spec: cols.spec, barcode: cols.barcode }),
    archived: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  const rows: PartsRow[] = [];
  for (const slice of chunks(all)) rows.push(...(await ctx.db.insertInto('parts').values(slice.map(row)).returningAll().execute()));
  // RETURNING's order is not the VALUES' order (SQLite says so): matched by code, as stored.
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const ordered = all.map((c) => byCode.get(c.code.toWellFormed())!);
  for (const slice of chunks(ordered)) await auditEach(ctx, 'create', 'part', slice.map((row) => ({ id: row.id, before: null, after: partView(row) })));
  return ordered;
}

export async function updatePart(ctx: Ctx, id: number, version: number, patch: Partial<PartInput> & { archived?: boolean }) {
  const before = await ctx.db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('unknown_part', { partId: id });
  if (before.version !== version) throw new AppError('version_conflict', { partId: id, current: before.version });
  const cols = columnsOf(patch);
  await assertSupplier(ctx, patch.preferredSupplierId);
  if (cols.code && cols.code !== before.code) {
    const dup = await ctx.db.selectFrom('parts').select('id').where('code', '=', cols.code).executeTakeFirst();
    if (dup) throw new AppError('duplicate', { field: 'code', value: cols.code });
  }
  return writePartUpdate(ctx, before, cols, patch.archived);
}

/** The write of an already checked update: versioned, with its audit record. */
async function writePartUpdate(ctx: Ctx, before: PartsRow, cols: Partial<PartsRow>, archived: boolean | undefined) {
  const merged = { ...before, ...cols };
  if (archived !== undefined) merged.archived = archived ? 1 : 0;
  const after = await ctx.db
    .updateTable('parts')
    .set({
      ...cols,
      archived: merged.archived,
      search_text: searchText(merged),
      version: before.version + 1,
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict', { partId: before.id });
  await audit(ctx, 'update', 'part', before.id, partView(before), partView(after));
  return after;
}

export type BulkRow = { id: number; version: number; archived?: boolean } & Partial<PartInput>;
export interface BulkRowError {
  index: number;
  partId: number;
  code: string | null;
  field: string | null;
  error: string;
  message: string;
}

/**
 * Bulk edit (批量修改, R-INV-13): every row is checked first (existence, its version, values,
 * supplier, code clashes) and all rejected rows are answered together; nothing is written unless
 * every row passes. Reads are one query per table, not per row.
 */
export async function bulkUpdateParts(ctx: Ctx, rows: readonly BulkRow[]) {
  const ids = [...new Set(rows.map((r) => r.id))];
  const parts = new Map((await ctx.db.selectFrom('parts').selectAll().where('id', 'in', ids).execute()).map((p) => [p.id, p]));
  const supplierIds = [...new Set(rows.flatMap((r) => (r.preferredSupplierId == null ? [] : [r.preferredSupplierId])))];
  const suppliers = new Set(supplierIds.length ? (await ctx.db.selectFrom('suppliers').select('id').where('id', 'in', supplierIds).execute()).map((s) => s.id) : []);
  const newCodes = [...new Set(rows.flatMap((r) => (r.code === undefined ? [] : [r.code.trim()])))];
  const taken = new Map(newCodes.length ? (await ctx.db.selectFrom('parts').select(['id', 'code']).where('code', 'in', newCodes).execute()).map((p) => [p.code, p.id]) : []);

  const errors: BulkRowError[] = [];
  const checked: { before: PartsRow; cols: Partial<PartsRow>; archived?: boolean }[] = [];
  const seen = new Map<number, number>();
  const codesInBatch = new Map<string, number>();
  rows.forEach((row, index) => {
    const { id, version, archived, ...patch } = row;
    const before = parts.get(id);
    const fail = (error: string, field: string | null, details: Record<string, unknown> = {}) =>
      errors.push({ index, partId: id, code: before?.code ?? null, field, error, message: formatMessage(error, ctx.lang, { partId: id, field, ...details }) });
    if (!before) return fail('unknown_part', 'id');
    if (seen.has(id)) return fail('duplicate', 'id', { value: before.code });
    seen.set(id, index);
    if (before.version !== version) return fail('version_conflict', 'version', { current: before.version });
    let cols: Partial<PartsRow>;
    try {
      cols = columnsOf(patch);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return fail(err.code, typeof err.details.field === 'string' ? err.details.field : null, err.details);
    }
    if (patch.preferredSupplierId != null && !suppliers.has(patch.preferredSupplierId)) return fail('unknown_supplier', 'preferredSupplierId');
    if (cols.code !== undefined && cols.code !== before.code) {
      const owner = taken.get(cols.code) ?? codesInBatch.get(cols.code);
      if (owner !== undefined && owner !== id) return fail('duplicate', 'code', { field: 'code', value: cols.code });
      codesInBatch.set(cols.code, id);
    }
    checked.push({ before, cols, archived });
  });
  if (errors.length > 0) {
    const conflict = errors.some((e) => e.error === 'version_conflict');
    const named = errors.map((e) => e.code ?? `#${e.partId}`);
    throw new AppError(conflict ? 'bulk_update_conflict' : 'bulk_update_invalid', { count: errors.length, parts: named.slice(0, 10).join('、') + (named.length > 10 ? '…' : ''), rows: errors });
  }
  const out: PartsRow[] = [];
  for (const c of checked) out.push(await writePartUpdate(ctx, c.before, c.cols, c.archived));
  return out;
}

/** A part with no movements is deleted; one with movements is archived (R-INV-13). */
export async function deleteOrArchivePart(ctx: Ctx, id: number, version?: number) {
  const part = await ctx.db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!part) throw new AppError('unknown_part', { partId: id });
  if (version !== undefined && part.version !== version) throw new AppError('version_conflict', { partId: id });
  const used =
    (await ctx.db.selectFrom('moves').select('id').where('part_id', '=', id).limit(1).executeTakeFirst()) ??
    (await ctx.db.selectFrom('document_lines').select('id').where('part_id', '=', id).limit(1).executeTakeFirst()) ??
    (await ctx.db.selectFrom('reservation_lines').select('id').where('part_id', '=', id).limit(1).executeTakeFirst()) ??
    (await ctx.db.selectFrom('shortages').select('id').where('part_id', '=', id).limit(1).executeTakeFirst());
  if (!used) {
    await ctx.db.deleteFrom('part_suppliers').where('part_id', '=', id).execute();
    await ctx.db.deleteFrom('part_alarms').where('part_id', '=', id).execute();
    await ctx.db.deleteFrom('stock_levels').where('part_id', '=', id).execute();
    await ctx.db.deleteFrom('parts').where('id', '=', id).execute();
    await audit(ctx, 'delete', 'part', id, partView(part), null);
    return { deleted: true, archived: false };
  }
  const held = await ctx.db
    .selectFrom('stock_levels as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .select('s.part_id')
    .where('s.part_id', '=', id)
    .where('l.is_real', '=', 1)
    .where('s.on_hand', '>', 0)
    .limit(1)
    .executeTakeFirst();
  if (held) throw new AppError('part_in_use', { partId: id });
  if (!part.archived) await updatePart(ctx, id, part.version, { archived: true });
  return { deleted: false, archived: true };
}

export interface PartQuery {
  q?: string;
  category?: string;
  includeArchived?: boolean;
  limit: number;
  cursor?: string;
}

/** Pages through the catalogue by code; q matches code, name, spec, barcode, pinyin initials, either script. */
export async function listParts(ctx: Ctx, query: PartQuery) {
  const after = decodeCursor(query.cursor, 's');
  let q = ctx.db.selectFrom('parts').selectAll();
  if (query.q?.trim()) {
    const pattern = likePattern(query.q);
    q = q.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  }
  if (query.category) q = q.where('category', '=', query.category);
  if (!query.includeArchived) q = q.where('archived', '=', 0);
  if (after) q = q.where('code', '>', String(after[0]));
  const rows = await q.orderBy('code').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, partView, (r) => [r.code]);
}

export async function getPart(ctx: Ctx, id: number): Promise<PartsRow> {
  const p = await ctx.db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('unknown_part', { partId: id });
  return p;
}
