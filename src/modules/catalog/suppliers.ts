import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { formatFen, toFen } from '../../platform/numbers.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { likePattern, searchText } from './search.rules.js';
import type { SuppliersRow } from './tables.js';

export interface SupplierInput {
  code: string;
  name: string;
  contact?: string | null;
  phone?: string | null;
}

export function supplierView(s: SuppliersRow) {
  return { id: s.id, code: s.code, name: s.name, contact: s.contact, phone: s.phone, version: s.version };
}

/** Adds a supplier (R-CAT-2). */
export async function createSupplier(ctx: Ctx, input: SupplierInput) {
  const dup = await ctx.db.selectFrom('suppliers').select('id').where('code', '=', input.code).executeTakeFirst();
  if (dup) throw new AppError('duplicate', { field: 'code', value: input.code });
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('suppliers')
    .values({
      code: input.code,
      name: input.name,
      contact: input.contact ?? null,
      phone: input.phone ?? null,
      search_text: searchText({ code: input.code, name: input.name }),
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'supplier', row.id, null, supplierView(row));
  return supplierView(row);
}

export async function updateSupplier(ctx: Ctx, id: number, version: number, patch: Partial<SupplierInput>) {
  const before = await ctx.db.selectFrom('suppliers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('unknown_supplier', { supplierId: id });
  if (before.version !== version) throw new AppError('version_conflict');
  const merged = { ...before, ...patch };
  const after = await ctx.db
    .updateTable('suppliers')
    .set({
      code: merged.code,
      name: merged.name,
      contact: merged.contact ?? null,
      phone: merged.phone ?? null,
      search_text: searchText({ code: merged.code, name: merged.name }),
      version: version + 1,
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'supplier', id, supplierView(before), supplierView(after));
  return supplierView(after);
}

export async function listSuppliers(ctx: Ctx, query: { q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 's');
  let q = ctx.db.selectFrom('suppliers').selectAll();
  if (query.q?.trim()) q = q.where(sql<boolean>`search_text like ${likePattern(query.q)} escape '\\'`);
  if (after) q = q.where('code', '>', String(after[0]));
  const rows = await q.orderBy('code').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, supplierView, (r) => [r.code]);
}

/** A part may come from several suppliers at different prices (R-CAT-2). */
export async function setPartSupplier(ctx: Ctx, partId: number, supplierId: number, price: string | null, supplierPartCode: string | null) {
  const s = await ctx.db.selectFrom('suppliers').select('id').where('id', '=', supplierId).executeTakeFirst();
  if (!s) throw new AppError('unknown_supplier', { supplierId });
  const fen = price === null ? null : toFen(price, 'price');
  await ctx.db
    .insertInto('part_suppliers')
    .values({ part_id: partId, supplier_id: supplierId, price: fen, supplier_part_code: supplierPartCode })
    .onConflict((oc) => oc.columns(['part_id', 'supplier_id']).doUpdateSet({ price: fen, supplier_part_code: supplierPartCode }))
    .execute();
  await audit(ctx, 'link', 'part_supplier', partId, null, { supplierId, price });
  return listPartSuppliers(ctx, partId);
}

export async function listPartSuppliers(ctx: Ctx, partId: number) {
  const rows = await ctx.db
    .selectFrom('part_suppliers as ps')
    .innerJoin('suppliers as s', 's.id', 'ps.supplier_id')
    .select(['s.id', 's.code', 's.name', 'ps.price', 'ps.supplier_part_code'])
    .where('ps.part_id', '=', partId)
    .orderBy('ps.price')
    .execute();
  return rows.map((r) => ({ supplierId: r.id, code: r.code, name: r.name, price: r.price === null ? null : formatFen(r.price), supplierPartCode: r.supplier_part_code }));
}
