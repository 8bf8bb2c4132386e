// What a printed slip shows (R-INV-12), gathered once and rendered by html.ts and pdf.ts.
// Amounts are computed here in integers (milli × fen) and arrive at the renderers as text.
import type { Ctx } from '../../db.js';
import { isoInZone } from '../../platform/clock.js';
import { formatMilliFen, fromMilli, lineValue, toFen, toMilli } from '../../platform/numbers.js';
import { getDocument } from '../inventory/documents.js';
import { readDocument } from '../inventory/ledger.queries.js';
import { purchaseGroups } from '../inventory/shortages.js';
import type { DocumentType } from '../inventory/tables.js';
import { DOCUMENT_STATUS_LABEL, DOCUMENT_TYPE_LABEL } from '../inventory/labels.js';

export const COMPANY_TITLE = 'Aftersales 售后服务与配件管理';

export interface SlipLine {
  no: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  lot: string;
  qty: string;
  unitCost: string;
  amount: string;
}

export interface SlipSection {
  heading: string | null;
  lines: SlipLine[];
}

export interface Slip {
  title: string;
  number: string;
  /** Shown next to the number: status and when. */
  status: string;
  date: string;
  fields: { label: string; value: string }[];
  sections: SlipSection[];
  totalQty: string;
  totalAmount: string;
  signatures: string[];
}

const SIGNATURES: Partial<Record<DocumentType, string[]>> = {
  receipt: ['经手人', '送货人', '仓管'],
  issue: ['经手人', '领料人', '仓管'],
  return: ['经手人', '退料人', '仓管'],
  write_off: ['经手人', '使用人', '审核'],
  transfer: ['经手人', '发货仓管', '收货人'],
  transfer_receipt: ['经手人', '发货仓管', '收货人'],
};

const EMPLOYEE_LABEL: Partial<Record<DocumentType, string>> = { issue: '领料人', return: '退料人', write_off: '使用人' };

/** "2026-11-27 21:42" in the installation's zone. */
function localTime(ms: number, timeZone: string): string {
  return isoInZone(ms, timeZone).slice(0, 16).replace('T', ' ');
}

function qtyText(milli: number): string {
  return String(fromMilli(milli));
}

/** A document as a slip; out-of-scope or unknown ids are not_found (readDocument checks scope). */
export async function documentSlip(ctx: Ctx, id: number): Promise<Slip> {
  await readDocument(ctx, id);
  const { doc, lines } = await getDocument(ctx, id);
  const partIds = [...new Set(lines.flatMap((l) => (l.part_id == null ? [] : [l.part_id])))];
  const lotIds = [...new Set(lines.flatMap((l) => (l.lot_id == null ? [] : [l.lot_id])))];
  const locIds = [doc.from_location_id, doc.to_location_id].filter((x): x is number => x != null);
  const userIds = [doc.user_id, doc.created_by].filter((x): x is number => x != null);
  const [parts, lots, locs, users, supplier] = await Promise.all([
    partIds.length ? ctx.db.selectFrom('parts').select(['id', 'code', 'name', 'spec', 'unit']).where('id', 'in', partIds).execute() : [],
    lotIds.length ? ctx.db.selectFrom('lots').select(['id', 'lot_no', 'unit_cost']).where('id', 'in', lotIds).execute() : [],
    locIds.length ? ctx.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', locIds).execute() : [],
    userIds.length ? ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [],
    doc.supplier_id == null ? undefined : ctx.db.selectFrom('suppliers').select(['name']).where('id', '=', doc.supplier_id).executeTakeFirst(),
  ]);
  const part = new Map(parts.map((p) => [p.id, p]));
  const lot = new Map(lots.map((l) => [l.id, l]));
  const locName = (lid: number | null) => (lid == null ? '' : (locs.find((l) => l.id === lid)?.name ?? ''));
  const userName = (uid: number | null) => (uid == null ? '' : (users.find((u) => u.id === uid)?.display_name ?? ''));

  let totalQty = 0;
  let totalValue = 0;
  let anyCost = false;
  const slipLines = lines.map((l, i): SlipLine => {
    const p = l.part_id == null ? undefined : part.get(l.part_id);
    const t = l.lot_id == null ? undefined : lot.get(l.lot_id);
    // A pending issue has no cost yet; a chosen lot already knows its cost.
    const cost = l.unit_cost ?? t?.unit_cost ?? null;
    const value = cost == null ? null : lineValue(l.qty, cost);
    totalQty += l.qty;
    if (value != null) {
      totalValue += value;
      anyCost = true;
    }
    return {
      no: i + 1,
      code: p?.code ?? '',
      name: p?.name ?? l.note ?? '',
      spec: p?.spec ?? '',
      unit: p?.unit ?? '',
      lot: t?.lot_no ?? '',
      qty: qtyText(l.qty),
      unitCost: cost == null ? '' : formatMilliFen(cost * 1000),
      amount: value == null ? '' : formatMilliFen(value),
    };
  });

  const fields: Slip['fields'] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) fields.push({ label, value });
  };
  add('发出库位', locName(doc.from_location_id));
  add('接收库位', locName(doc.to_location_id));
  add(EMPLOYEE_LABEL[doc.type] ?? '员工', userName(doc.user_id));
  add('供应商', supplier?.name);
  add('工单', doc.work_order_id == null ? null : `#${doc.work_order_id}`);
  add('原因', doc.reason === 'consumed' ? '维修耗用' : doc.reason === 'scrapped' ? '报废' : doc.reason);
  add('制单人', userName(doc.created_by));
  add('备注', doc.remark);

  return {
    title: DOCUMENT_TYPE_LABEL[doc.type] ?? '单据',
    number: doc.number,
    status: DOCUMENT_STATUS_LABEL[doc.status] ?? doc.status,
    date: localTime(doc.posted_at ?? doc.created_at, ctx.timeZone),
    fields,
    sections: [{ heading: null, lines: slipLines }],
    totalQty: qtyText(totalQty),
    totalAmount: anyCost ? formatMilliFen(totalValue) : '',
    signatures: SIGNATURES[doc.type] ?? ['经手人', '审核', '仓管'],
  };
}

/** The purchase list (採购单) as a slip, one section per supplier; its number is the print time. */
export async function purchaseListSlip(ctx: Ctx): Promise<Slip> {
  const groups = await purchaseGroups(ctx);
  const now = ctx.clock.now();
  const date = localTime(now, ctx.timeZone);
  let no = 0;
  let totalQty = 0;
  let totalValue = 0;
  const sections = groups.map((g): SlipSection => ({
    heading: g.supplierName ? `供应商：${g.supplierName}${g.supplierCode ? `（${g.supplierCode}）` : ''}` : '供应商：未指定',
    lines: g.lines.map((l) => {
      const qty = toMilli(l.qty, 'qty', { allowZero: true });
      const cost = l.lastCost == null ? null : toFen(l.lastCost);
      const value = cost == null ? null : lineValue(qty, cost);
      totalQty += qty;
      totalValue += value ?? 0;
      return { no: ++no, code: l.partCode ?? '', name: l.partName, spec: l.spec ?? '', unit: l.unit ?? '', lot: '', qty: qtyText(qty), unitCost: l.lastCost ?? '', amount: value == null ? '' : formatMilliFen(value) };
    }),
  }));
  return {
    title: '采购单',
    number: `CG-${date.replace(/[- :]/g, '').slice(0, 12)}`,
    status: '待采购',
    date,
    fields: [{ label: '制单人', value: ctx.actor.displayName }],
    sections,
    totalQty: qtyText(totalQty),
    totalAmount: formatMilliFen(totalValue),
    signatures: ['制单', '审核', '采购'],
  };
}
