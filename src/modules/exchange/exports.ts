// Every list as .xlsx (R-INV-19): the same list functions as the JSON routes (so the same
// filters and the same station / own-holding scoping), paged through to the end.
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { listParts, type PartQuery } from '../catalog/parts.js';
import { listSuppliers } from '../catalog/suppliers.js';
import { listDocuments, listHoldings, listMoves, listStock, type StockQuery } from '../inventory/ledger.queries.js';
import { purchaseGroups } from '../inventory/shortages.js';
import { issueStats, type GroupBy } from '../reports/issue-stats.js';
import { writeSheet, type ExportColumn } from './xlsx.js';
import './errors.js';
import { DOCUMENT_STATUS_LABEL, DOCUMENT_TYPE_LABEL } from '../inventory/labels.js';

export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 500;

type Page<T> = { items: T[]; nextCursor: string | null };

/** Follows the cursor to the end; past MAX_EXPORT_ROWS the caller must narrow the filters. */
async function collect<T>(page: (limit: number, cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(PAGE, cursor);
    out.push(...p.items);
    if (out.length > MAX_EXPORT_ROWS) throw new AppError('export_too_large', { max: MAX_EXPORT_ROWS });
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

type Table = 'parts' | 'locations' | 'users' | 'suppliers' | 'lots' | 'documents';
const LABEL_COLUMNS = {
  parts: ['code', 'name'],
  locations: ['code', 'name'],
  users: ['username', 'display_name'],
  suppliers: ['code', 'name'],
  lots: ['lot_no', 'lot_no'],
  documents: ['number', 'number'],
} as const;

/** Codes and names of the rows an export refers to by id, fetched in chunks. */
async function labels(ctx: Ctx, table: Table, ids: Iterable<number | null | undefined>): Promise<Map<number, { code: string; name: string }>> {
  const uniq = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
  const [codeCol, nameCol] = LABEL_COLUMNS[table];
  const out = new Map<number, { code: string; name: string }>();
  for (let i = 0; i < uniq.length; i += PAGE) {
    const rows = (await ctx.db
      .selectFrom(table)
      .select(['id', `${codeCol} as code`, `${nameCol} as name`] as never)
      .where('id', 'in', uniq.slice(i, i + PAGE))
      .execute()) as unknown as { id: number; code: string; name: string }[];
    for (const r of rows) out.set(r.id, { code: r.code, name: r.name });
  }
  return out;
}

const text = <R>(header: string, width: number, value: (r: R) => string | number | null | undefined): ExportColumn<R> => ({ header, width, kind: 'text', value });
const qty = <R>(header: string, value: (r: R) => number | null | undefined): ExportColumn<R> => ({ header, width: 12, kind: 'qty', value });
const money = <R>(header: string, value: (r: R) => string | null | undefined): ExportColumn<R> => ({ header, width: 14, kind: 'money', value });
const int = <R>(header: string, value: (r: R) => number | null | undefined): ExportColumn<R> => ({ header, width: 10, kind: 'int', value });

const MOVE_KIND: Record<string, string> = {
  receipt: '入库',
  issue: '领料',
  return: '退料',
  consume: '消耗',
  scrap: '报废',
  transfer_out: '调拨出',
  transfer_in: '调拨入',
  transfer_loss: '调拨差异',
  count_gain: '盘盈',
  count_loss: '盘亏',
  opening: '期初',
  reversal: '冲销',
  old_part_in: '旧件入库',
  old_part_out: '旧件处理',
};


const SOURCE: Record<string, string> = { shortage: '缺件申请', work_order: '缺件待修', alarm: '低于报警值' };

/** Parts; the first columns are the import columns, so an export can be edited and re-imported. */
export async function exportParts(ctx: Ctx, q: Omit<PartQuery, 'limit' | 'cursor'>) {
  const rows = await collect((limit, cursor) => listParts(ctx, { ...q, limit, cursor }));
  type R = (typeof rows)[number];
  return writeSheet<R>('配件', [
    text('编码', 18, (r) => r.code),
    text('名称', 28, (r) => r.name),
    text('规格', 20, (r) => r.spec),
    text('单位', 8, (r) => r.unit),
    text('分类', 14, (r) => r.category),
    text('条码', 18, (r) => r.barcode),
    money('销售价', (r) => r.salePrice),
    qty('报警值', (r) => r.alarmQty),
    text('已归档', 8, (r) => (r.archived ? '是' : '')),
  ], rows);
}

export async function exportSuppliers(ctx: Ctx, q: { q?: string }) {
  const rows = await collect((limit, cursor) => listSuppliers(ctx, { ...q, limit, cursor }));
  type R = (typeof rows)[number];
  return writeSheet<R>('供应商', [text('编码', 16, (r) => r.code), text('名称', 30, (r) => r.name), text('联系人', 14, (r) => r.contact), text('电话', 18, (r) => r.phone)], rows);
}

/** Stock by lot or part; by lot its first columns are those of the opening-stock import. */
export async function exportStock(ctx: Ctx, q: Omit<StockQuery, 'limit' | 'cursor'>) {
  const rows = await collect((limit, cursor) => listStock(ctx, { ...q, limit, cursor }));
  const locs = await labels(ctx, 'locations', rows.map((r) => r.locationId));
  type R = (typeof rows)[number];
  return writeSheet<R>('库存', [
    text('仓库编码', 12, (r) => locs.get(r.locationId)?.code),
    text('配件编码', 18, (r) => r.partCode),
    qty('数量', (r) => r.onHand),
    money('单价', (r) => r.unitCost),
    text('批号', 14, (r) => r.lotNo),
    text('仓库名称', 16, (r) => locs.get(r.locationId)?.name),
    text('配件名称', 28, (r) => r.partName),
    qty('预留', (r) => r.reserved),
    qty('可用', (r) => r.available),
    money('金额', (r) => r.value),
    text('低于报警值', 10, (r) => (r.belowAlarm ? '是' : '')),
  ], rows);
}

export async function exportHoldings(ctx: Ctx, q: { userId?: number; partId?: number }) {
  const rows = await collect((limit, cursor) => listHoldings(ctx, { ...q, limit, cursor }));
  const users = await labels(ctx, 'users', rows.map((r) => r.userId));
  type R = (typeof rows)[number];
  return writeSheet<R>('员工持有', [
    text('员工', 14, (r) => users.get(r.userId)?.name),
    text('配件编码', 18, (r) => r.partCode),
    text('配件名称', 28, (r) => r.partName),
    text('批号', 14, (r) => r.lotNo),
    qty('数量', (r) => r.qty),
    money('单价', (r) => r.unitCost),
    money('金额', (r) => r.value),
  ], rows);
}

export async function exportMoves(ctx: Ctx, q: { partId?: number; locationId?: number; documentId?: number; from?: string; to?: string }) {
  const rows = await collect((limit, cursor) => listMoves(ctx, { ...q, limit, cursor }));
  const docs = await labels(ctx, 'documents', rows.map((r) => r.documentId));
  const parts = await labels(ctx, 'parts', rows.map((r) => r.partId));
  const locs = await labels(ctx, 'locations', rows.flatMap((r) => [r.fromLocationId, r.toLocationId]));
  const lots = await labels(ctx, 'lots', rows.map((r) => r.lotId));
  const users = await labels(ctx, 'users', rows.flatMap((r) => [r.userId, r.postedBy]));
  type R = (typeof rows)[number];
  return writeSheet<R>('出入库流水', [
    int('流水号', (r) => r.id),
    text('单号', 18, (r) => docs.get(r.documentId)?.code),
    text('类型', 10, (r) => MOVE_KIND[r.kind] ?? r.kind),
    text('配件编码', 18, (r) => parts.get(r.partId)?.code),
    text('配件名称', 28, (r) => parts.get(r.partId)?.name),
    text('批号', 14, (r) => lots.get(r.lotId)?.code),
    text('从', 16, (r) => locs.get(r.fromLocationId)?.name),
    text('到', 16, (r) => locs.get(r.toLocationId)?.name),
    qty('数量', (r) => r.qty),
    money('单价', (r) => r.unitCost),
    text('员工', 12, (r) => (r.userId === null ? null : users.get(r.userId)?.name)),
    int('工单', (r) => r.workOrderId),
    int('冲销流水号', (r) => r.reversesMoveId),
    text('时间', 26, (r) => r.postedAt),
    text('操作人', 12, (r) => users.get(r.postedBy)?.name),
  ], rows);
}

export async function exportDocuments(ctx: Ctx, q: { type?: string; status?: string; q?: string; userId?: number; from?: string; to?: string }) {
  const rows = await collect((limit, cursor) => listDocuments(ctx, { ...q, limit, cursor }));
  const locs = await labels(ctx, 'locations', rows.flatMap((r) => [r.fromLocationId, r.toLocationId]));
  const users = await labels(ctx, 'users', rows.flatMap((r) => [r.userId, r.createdBy]));
  const sups = await labels(ctx, 'suppliers', rows.map((r) => r.supplierId));
  type R = (typeof rows)[number];
  return writeSheet<R>('单据', [
    text('单号', 18, (r) => r.number),
    text('类型', 12, (r) => DOCUMENT_TYPE_LABEL[r.type as keyof typeof DOCUMENT_TYPE_LABEL] ?? r.type),
    text('状态', 10, (r) => DOCUMENT_STATUS_LABEL[r.status as keyof typeof DOCUMENT_STATUS_LABEL] ?? r.status),
    text('从', 16, (r) => (r.fromLocationId === null ? null : locs.get(r.fromLocationId)?.name)),
    text('到', 16, (r) => (r.toLocationId === null ? null : locs.get(r.toLocationId)?.name)),
    text('员工', 12, (r) => (r.userId === null ? null : users.get(r.userId)?.name)),
    text('供应商', 20, (r) => (r.supplierId === null ? null : sups.get(r.supplierId)?.name)),
    int('工单', (r) => r.workOrderId),
    money('金额', (r) => r.totalCost),
    text('原因', 10, (r) => r.reason),
    text('备注', 30, (r) => r.remark),
    text('制单人', 12, (r) => users.get(r.createdBy)?.name),
    text('制单时间', 26, (r) => r.createdAt),
    text('过账时间', 26, (r) => r.postedAt),
  ], rows);
}

const GROUP_LABEL: Record<GroupBy, string> = { employee: '员工', part: '配件', workOrder: '工单', station: '服务站' };

/** Issue statistics (R-INV-10) with a totals row. */
export async function exportIssueStats(ctx: Ctx, q: { from?: string; to?: string; groupBy: GroupBy }) {
  const { items, totals } = await issueStats(ctx, q);
  type R = (typeof items)[number];
  return writeSheet<R>(
    '领取统计',
    [
      text(GROUP_LABEL[q.groupBy], 24, (r) => r.label),
      qty('领取数量', (r) => r.issuedQty),
      qty('退回数量', (r) => r.returnedQty),
      qty('消耗数量', (r) => r.consumedQty),
      qty('报废数量', (r) => r.scrappedQty),
      qty('净领取', (r) => r.netQty),
      money('成本', (r) => r.cost),
      money('销售额', (r) => r.saleValue),
      money('利润', (r) => r.profit),
    ],
    items,
    { key: null, label: '合计', ...totals },
  );
}

/** The purchase list (R-INV-6), one row per part, grouped by supplier. */
export async function exportPurchaseList(ctx: Ctx) {
  const groups = await purchaseGroups(ctx);
  const rows = groups.flatMap((g) => g.lines.map((l) => ({ ...l, supplierCode: g.supplierCode, supplierName: g.supplierName })));
  type R = (typeof rows)[number];
  return writeSheet<R>('采购单', [
    text('供应商编码', 14, (r) => r.supplierCode),
    text('供应商名称', 24, (r) => r.supplierName),
    text('配件编码', 18, (r) => r.partCode),
    text('配件名称', 28, (r) => r.partName),
    text('规格', 20, (r) => r.spec),
    text('单位', 8, (r) => r.unit),
    qty('数量', (r) => r.qty),
    text('来源', 24, (r) => r.sources.map((s) => SOURCE[s] ?? s).join('、')),
    money('最近成本', (r) => r.lastCost),
  ], rows);
}
