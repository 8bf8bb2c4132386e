// Workbook plumbing for R-INV-19: reading a header-mapped sheet and writing a safe one.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_ROWS = 20_000;

/** A cell as the importer sees it: text, a number, nothing, or something it cannot read. */
export type Cell = string | number | null | { unreadable: true };

export interface ColumnSpec<K extends string> {
  key: K;
  /** Accepted header texts: zh-CN, zh-TW, English; compared after normalising. */
  names: readonly string[];
  required?: boolean;
}

export interface SheetRow<K extends string> {
  /** The row number as Excel shows it. */
  row: number;
  cells: Partial<Record<K, Cell>>;
}

export interface Sheet<K extends string> {
  /** The header text each mapped column had in the file, for error reports. */
  headers: Record<K, string>;
  rows: SheetRow<K>[];
}

// Headers are matched loosely: case, spaces, a required-marker "*" and a unit in brackets
// ("销售价(元)") do not matter.
function normaliseHeader(s: string): string {
  return s
    .replace(/[（(][^）)]*[)）]\s*$/, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

const INJECTION = /^[=+\-@\t\r]/;

/** Text that a spreadsheet could take for a formula gets a leading apostrophe (CSV/formula injection). */
export function safeText(s: string): string {
  return INJECTION.test(s) ? `'${s}` : s;
}

/** The inverse of safeText, so an exported sheet imports back to the same text. */
function unsafeText(s: string): string {
  return s.startsWith("'") && INJECTION.test(s.slice(1)) ? s.slice(1) : s;
}

function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { unreadable: true };
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || v instanceof Date) return { unreadable: true };
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as ExcelJS.CellValue);
  // A formula counts by its cached result; the formula itself is never evaluated.
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  return { unreadable: true };
}

function clean(c: Cell): Cell {
  if (typeof c !== 'string') return c;
  const t = unsafeText(c.trim()).trim();
  return t === '' ? null : t;
}

const MAX_UNZIPPED = 200 * 1024 * 1024;

/**
 * Reads the zip's central directory before inflating anything, so a small upload that would
 * expand to gigabytes (a zip bomb) is refused instead of exhausting memory.
 */
function assertSaneZip(b: Buffer): void {
  const min = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('invalid_xlsx');
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new AppError('invalid_xlsx');
    const size = b.readUInt32LE(p + 24);
    if (size === 0xffffffff) throw new AppError('invalid_xlsx'); // zip64: never needed for a sheet this size
    total += size;
    if (total > MAX_UNZIPPED) throw new AppError('invalid_xlsx', { reason: 'too large when unzipped' });
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
}

/** Loads the first sheet of an .xlsx and maps its columns by header; file-level problems throw. */
export async function readSheet<K extends string>(bytes: Buffer, columns: readonly ColumnSpec<K>[]): Promise<Sheet<K>> {
  if (bytes.length < 22) throw new AppError('invalid_xlsx');
  assertSaneZip(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_xlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.actualRowCount === 0) throw new AppError('import_empty');

  let headerRow = 0;
  const byIndex = new Map<number, K>();
  const headers = {} as Record<K, string>;
  // The header is the first non-empty row among the first ten (a title row above it is allowed).
  for (let r = 1; r <= Math.min(10, ws.rowCount) && headerRow === 0; r++) {
    const row = ws.getRow(r);
    row.eachCell((cell, col) => {
      const text = plain(cell.value);
      if (typeof text !== 'string') return;
      const n = normaliseHeader(text);
      const spec = columns.find((c) => c.names.some((name) => normaliseHeader(name) === n));
      if (spec && !(spec.key in headers)) {
        byIndex.set(col, spec.key);
        headers[spec.key] = text.trim();
      }
    });
    if (byIndex.size > 0) headerRow = r;
  }
  const missing = columns.filter((c) => c.required && !(c.key in headers)).map((c) => c.names[0]!);
  if (missing.length > 0) throw new AppError('import_missing_columns', { columns: missing.join('、') });
  for (const c of columns) if (!(c.key in headers)) headers[c.key] = c.names[0]!;

  const rows: SheetRow<K>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Partial<Record<K, Cell>> = {};
    let any = false;
    for (const [col, key] of byIndex) {
      const c = clean(plain(row.getCell(col).value));
      cells[key] = c;
      if (c !== null) any = true;
    }
    if (!any) continue;
    if (rows.length >= MAX_IMPORT_ROWS) throw new AppError('import_too_many_rows', { max: MAX_IMPORT_ROWS });
    rows.push({ row: r, cells });
  }
  if (rows.length === 0) throw new AppError('import_empty');
  return { headers, rows };
}

export type ColumnKind = 'text' | 'qty' | 'money' | 'int';

export interface ExportColumn<R> {
  header: string;
  width: number;
  kind: ColumnKind;
  value: (r: R) => string | number | null | undefined;
}

const NUM_FMT: Record<ColumnKind, string> = { text: '@', qty: 'General', money: '0.00', int: '0' };

/** Money and quantities arrive as exact decimal strings or numbers and become numeric cells. */
function cellValue(kind: ColumnKind, v: string | number | null | undefined): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'money' || kind === 'qty' || kind === 'int') {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : safeText(String(v));
  }
  return safeText(String(v));
}

/**
 * One sheet with a frozen, filterable Chinese header row; returns the .xlsx bytes. Written with
 * exceljs's streaming writer, each row committed as it is added: the in-memory workbook held every
 * cell as an object and took 1.7 GB of heap for an export of 100,000 rows × 12 columns (the
 * exports' limit), the streaming one keeps only the zipped bytes.
 */
export async function writeSheet<R>(title: string, columns: readonly ExportColumn<R>[], rows: Iterable<R>, footer?: R): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(out, 'end');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Aftersales';
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, style: { numFmt: NUM_FMT[c.kind] } }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of rows) ws.addRow(columns.map((c) => cellValue(c.kind, c.value(r)))).commit();
  if (footer) {
    const row = ws.addRow(columns.map((c) => cellValue(c.kind, c.value(footer))));
    row.font = { bold: true };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
