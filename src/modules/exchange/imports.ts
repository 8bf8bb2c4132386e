// Excel import of parts, suppliers and opening stock with a row-by-row report (R-INV-19).
// Every row is checked before anything is written; writes go through the catalogue and the
// ledger (postReceipt), inside the caller's transaction.
import type { Ctx } from '../../db.js';
import { AppError, formatMessage } from '../../platform/errors.js';
import { formatFen, fromMilli, toFen, toMilli } from '../../platform/numbers.js';
import { createParts, type PartInput } from '../catalog/parts.js';
import { createSupplier, type SupplierInput } from '../catalog/suppliers.js';
import { postReceipt } from '../inventory/receipts.js';
import { MAX_LINES } from '../inventory/documents.js';
import { readSheet, writeSheet, type Cell, type ColumnSpec, type Sheet, type SheetRow } from './xlsx.js';
import './errors.js';

export interface CellError {
  column: string;
  field: string;
  code: string;
  message: string;
}
export interface RowReport {
  row: number;
  ok: boolean;
  errors: CellError[];
}
export interface ImportReport {
  imported: number;
  valid: number;
  failed: number;
  dryRun: boolean;
  rows: RowReport[];
  documents: string[];
}
export interface ImportOptions {
  dryRun?: boolean;
  goodRowsOnly?: boolean;
}

export const OPENING_REMARK = '期初库存';
const LOOKUP_CHUNK = 500;

/** Collects the errors of one row while its cells are converted. */
class RowCheck<K extends string> {
  readonly errors: CellError[] = [];
  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: Sheet<K>,
    readonly src: SheetRow<K>,
  ) {}

  fail(key: K, code: string, details: Record<string, unknown> = {}) {
    const column = this.sheet.headers[key];
    this.errors.push({ column, field: key, code, message: formatMessage(code, this.ctx.lang, { ...details, field: column }) });
  }

  private bad(key: K, code: string, details: Record<string, unknown> = {}): null {
    this.fail(key, code, details);
    return null;
  }

  private cell(key: K): Cell {
    return this.src.cells[key] ?? null;
  }

  text(key: K, max: number, required = false): string | null {
    const c = this.cell(key);
    if (c === null) {
      if (required) this.fail(key, 'cell_required');
      return null;
    }
    if (typeof c === 'object') return this.bad(key, 'cell_bad_value');
    const s = String(c);
    if (s.length > max) return this.bad(key, 'cell_too_long', { max });
    return s;
  }

  /** Money through toFen (≤ 2 decimals, ≥ 0): its AppError code becomes the cell's. */
  money(key: K, required = false): number | null {
    const c = this.cell(key);
    if (c === null) {
      if (required) this.fail(key, 'cell_required');
      return null;
    }
    if (typeof c === 'object') return this.bad(key, 'cell_bad_value');
    return this.convert(key, () => toFen(c, key));
  }

  /** A quantity through toMilli; text cells must be plain decimals. */
  qty(key: K, opts: { required?: boolean; allowZero?: boolean } = {}): number | null {
    const c = this.cell(key);
    if (c === null) {
      if (opts.required) this.fail(key, 'cell_required');
      return null;
    }
    if (typeof c === 'object') return this.bad(key, 'cell_bad_value');
    let n: number;
    if (typeof c === 'number') n = c;
    else if (/^[+-]?\d+(\.\d+)?$/.test(c)) n = Number(c);
    else return this.bad(key, 'cell_not_number');
    return this.convert(key, () => toMilli(n, key, { allowZero: opts.allowZero }));
  }

  private convert(key: K, fn: () => number): number | null {
    try {
      return fn();
    } catch (err) {
      if (err instanceof AppError) return this.bad(key, err.code, err.details);
      throw err;
    }
  }
}

/** Marks rows whose key repeats an earlier row of the file. */
function flagDuplicates<K extends string>(checks: RowCheck<K>[], key: K, valueOf: (c: RowCheck<K>) => string | null) {
  const first = new Map<string, number>();
  for (const c of checks) {
    const v = valueOf(c);
    if (v === null) continue;
    const at = first.get(v);
    if (at !== undefined) c.fail(key, 'duplicate_in_file', { otherRow: at });
    else first.set(v, c.src.row);
  }
}

async function existingCodes(ctx: Ctx, table: 'parts' | 'suppliers', codes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const uniq = [...new Set(codes)];
  for (let i = 0; i < uniq.length; i += LOOKUP_CHUNK) {
    const rows = await ctx.db.selectFrom(table).select('code').where('code', 'in', uniq.slice(i, i + LOOKUP_CHUNK)).execute();
    for (const r of rows) out.add(r.code);
  }
  return out;
}

/**
 * Turns checked rows into the report, and decides: all or nothing by default (any bad row →
 * 400 import_rows_invalid, nothing written), only the good rows with goodRowsOnly, nothing with dryRun.
 */
async function finish<K extends string, V>(checks: RowCheck<K>[], values: (V | null)[], opts: ImportOptions, write: (good: V[]) => Promise<string[] | void>): Promise<ImportReport> {
  const rows = checks.map((c) => ({ row: c.src.row, ok: c.errors.length === 0, errors: c.errors }));
  const good = values.filter((v, i): v is V => v !== null && rows[i]!.ok);
  const report: ImportReport = { imported: 0, valid: good.length, failed: rows.length - good.length, dryRun: !!opts.dryRun, rows, documents: [] };
  if (opts.dryRun) return report;
  if (report.failed > 0 && !opts.goodRowsOnly) throw new AppError('import_rows_invalid', { ...report });
  if (good.length > 0) report.documents = (await write(good)) ?? [];
  report.imported = good.length;
  return report;
}

const PART_COLUMNS = [
  { key: 'code', names: ['编码', '編碼', '配件编码', 'code'], required: true },
  { key: 'name', names: ['名称', '名稱', '配件名称', 'name'], required: true },
  { key: 'spec', names: ['规格', '規格', 'spec'] },
  { key: 'unit', names: ['单位', '單位', 'unit'] },
  { key: 'category', names: ['分类', '分類', 'category'] },
  { key: 'barcode', names: ['条码', '條碼', 'barcode'] },
  { key: 'salePrice', names: ['销售价', '銷售價', 'salePrice', 'sale price'] },
  { key: 'alarmQty', names: ['报警值', '報警值', 'alarmQty', 'alarm qty'] },
] as const satisfies readonly ColumnSpec<string>[];

/** Parts from a sheet (R-INV-19, R-CAT-1): code unique in the file and in the catalogue. */
export async function importParts(ctx: Ctx, bytes: Buffer, opts: ImportOptions): Promise<ImportReport> {
  type K = (typeof PART_COLUMNS)[number]['key'];
  const sheet = await readSheet<K>(bytes, PART_COLUMNS);
  const checks = sheet.rows.map((r) => new RowCheck(ctx, sheet, r));
  const values = checks.map((c): PartInput | null => {
    const code = c.text('code', 64, true);
    const name = c.text('name', 200, true);
    const spec = c.text('spec', 200);
    const unit = c.text('unit', 20) ?? '个';
    const category = c.text('category', 100);
    const barcode = c.text('barcode', 64);
    const salePrice = c.money('salePrice');
    const alarmQty = c.qty('alarmQty', { allowZero: true });
    if (code === null || name === null) return null;
    return { code, name, spec, unit, category, barcode, salePrice: salePrice === null ? null : formatFen(salePrice), alarmQty: alarmQty === null ? null : fromMilli(alarmQty) };
  });
  flagDuplicates<K>(checks, 'code', (c) => values[checks.indexOf(c)]?.code ?? null);
  const taken = await existingCodes(ctx, 'parts', values.flatMap((v) => (v ? [v.code] : [])));
  checks.forEach((c, i) => {
    const code = values[i]?.code;
    if (code && taken.has(code)) c.fail('code', 'duplicate', { value: code });
  });
  return finish(checks, values, opts, async (good) => {
    await createParts(ctx, good);
  });
}

const SUPPLIER_COLUMNS = [
  { key: 'code', names: ['编码', '編碼', '供应商编码', 'code'], required: true },
  { key: 'name', names: ['名称', '名稱', '供应商名称', 'name'], required: true },
  { key: 'contact', names: ['联系人', '聯繫人', '聯絡人', 'contact'] },
  { key: 'phone', names: ['电话', '電話', 'phone'] },
] as const satisfies readonly ColumnSpec<string>[];

/** Suppliers from a sheet (R-INV-19, R-CAT-2). */
export async function importSuppliers(ctx: Ctx, bytes: Buffer, opts: ImportOptions): Promise<ImportReport> {
  type K = (typeof SUPPLIER_COLUMNS)[number]['key'];
  const sheet = await readSheet<K>(bytes, SUPPLIER_COLUMNS);
  const checks = sheet.rows.map((r) => new RowCheck(ctx, sheet, r));
  const values = checks.map((c): SupplierInput | null => {
    const code = c.text('code', 64, true);
    const name = c.text('name', 200, true);
    const contact = c.text('contact', 100);
    const phone = c.text('phone', 50);
    return code === null || name === null ? null : { code, name, contact, phone };
  });
  flagDuplicates<K>(checks, 'code', (c) => values[checks.indexOf(c)]?.code ?? null);
  const taken = await existingCodes(ctx, 'suppliers', values.flatMap((v) => (v ? [v.code] : [])));
  checks.forEach((c, i) => {
    const code = values[i]?.code;
    if (code && taken.has(code)) c.fail('code', 'duplicate', { value: code });
  });
  return finish(checks, values, opts, async (good) => {
    for (const s of good) await createSupplier(ctx, s);
  });
}

const STOCK_COLUMNS = [
  { key: 'locationCode', names: ['仓库编码', '倉庫編碼', 'locationCode', 'location code'], required: true },
  { key: 'partCode', names: ['配件编码', '配件編碼', 'partCode', 'part code'], required: true },
  { key: 'qty', names: ['数量', '數量', 'qty', 'quantity'], required: true },
  { key: 'unitCost', names: ['单价', '單價', 'unitCost', 'unit cost'], required: true },
  { key: 'lot', names: ['批号', '批號', 'lot'] },
  { key: 'supplierCode', names: ['供应商编码', '供應商編碼', 'supplierCode', 'supplier code'] },
] as const satisfies readonly ColumnSpec<string>[];

interface OpeningLine {
  locationId: number;
  supplierId: number | null;
  partId: number;
  qty: number;
  unitCost: number;
  lot: string;
}

async function byCode<T extends { code: string }>(codes: string[], load: (chunk: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const uniq = [...new Set(codes)];
  for (let i = 0; i < uniq.length; i += LOOKUP_CHUNK) for (const r of await load(uniq.slice(i, i + LOOKUP_CHUNK))) out.set(r.code, r);
  return out;
}

const STORE_KINDS = new Set(['warehouse', 'station', 'old_parts']);

/**
 * Opening stock (期初库存, R-INV-19): posted through the ledger as receipts with remark
 * '期初库存', one per store and supplier (split every MAX_LINES lines), so balances, lots and
 * the zero-sum invariant hold exactly as for any receipt.
 */
export async function importOpeningStock(ctx: Ctx, bytes: Buffer, opts: ImportOptions): Promise<ImportReport> {
  type K = (typeof STOCK_COLUMNS)[number]['key'];
  const sheet = await readSheet<K>(bytes, STOCK_COLUMNS);
  const checks = sheet.rows.map((r) => new RowCheck(ctx, sheet, r));
  const raw = checks.map((c) => ({
    locationCode: c.text('locationCode', 64, true),
    partCode: c.text('partCode', 64, true),
    qty: c.qty('qty', { required: true }),
    unitCost: c.money('unitCost', true),
    lot: c.text('lot', 64) ?? '',
    supplierCode: c.text('supplierCode', 64),
  }));
  const locations = await byCode(raw.flatMap((r) => (r.locationCode ? [r.locationCode] : [])), (chunk) => ctx.db.selectFrom('locations').select(['id', 'code', 'kind', 'is_real']).where('code', 'in', chunk).execute());
  const parts = await byCode(raw.flatMap((r) => (r.partCode ? [r.partCode] : [])), (chunk) => ctx.db.selectFrom('parts').select(['id', 'code', 'archived']).where('code', 'in', chunk).execute());
  const suppliers = await byCode(raw.flatMap((r) => (r.supplierCode ? [r.supplierCode] : [])), (chunk) => ctx.db.selectFrom('suppliers').select(['id', 'code']).where('code', 'in', chunk).execute());

  const values = checks.map((c, i): OpeningLine | null => {
    const r = raw[i]!;
    const loc = r.locationCode ? locations.get(r.locationCode) : undefined;
    const part = r.partCode ? parts.get(r.partCode) : undefined;
    const sup = r.supplierCode ? suppliers.get(r.supplierCode) : undefined;
    if (r.locationCode && !loc) c.fail('locationCode', 'unknown_location_code', { code: r.locationCode });
    if (loc && (!loc.is_real || !STORE_KINDS.has(loc.kind))) c.fail('locationCode', 'not_a_store', { code: loc.code });
    if (r.partCode && !part) c.fail('partCode', 'unknown_part_code', { code: r.partCode });
    if (part?.archived) c.fail('partCode', 'part_archived', { partId: part.id });
    if (r.supplierCode && !sup) c.fail('supplierCode', 'unknown_supplier_code', { code: r.supplierCode });
    if (!loc || !part || r.qty === null || r.unitCost === null) return null;
    return { locationId: loc.id, supplierId: sup?.id ?? null, partId: part.id, qty: r.qty, unitCost: r.unitCost, lot: r.lot };
  });

  return finish(checks, values, opts, async (good) => {
    const groups = new Map<string, OpeningLine[]>();
    for (const l of good) {
      const k = `${l.locationId}:${l.supplierId ?? 0}`;
      const g = groups.get(k);
      if (g) g.push(l);
      else groups.set(k, [l]);
    }
    const numbers: string[] = [];
    for (const lines of groups.values()) {
      for (let i = 0; i < lines.length; i += MAX_LINES) {
        const chunk = lines.slice(i, i + MAX_LINES);
        const doc = await postReceipt(ctx, {
          locationId: chunk[0]!.locationId,
          supplierId: chunk[0]!.supplierId,
          remark: OPENING_REMARK,
          lines: chunk.map((l) => ({ partId: l.partId, qty: fromMilli(l.qty), unitCost: formatFen(l.unitCost), lot: l.lot })),
        });
        numbers.push(doc.number);
      }
    }
    return numbers;
  });
}

const TEMPLATES = { parts: PART_COLUMNS, suppliers: SUPPLIER_COLUMNS, 'opening-stock': STOCK_COLUMNS } as const;
export type TemplateName = keyof typeof TEMPLATES;

/** An empty sheet with the import's headers (required ones marked *), to fill in and upload. */
export function importTemplate(name: TemplateName): Promise<Buffer> {
  const cols = TEMPLATES[name] as readonly ColumnSpec<string>[];
  return writeSheet<never>(
    name,
    cols.map((c) => ({ header: `${c.names[0]}${c.required ? '*' : ''}`, width: 16, kind: 'text' as const, value: () => null })),
    [],
  );
}
