// A slip as a standalone printable page (R-INV-12). The CSP allows only same-origin scripts,
// so there is no inline script: the QR is inline SVG and the print button loads print.js.
import QRCode from 'qrcode';
import { COMPANY_TITLE, type Slip } from './slip.data.js';

export type Paper = 'a4' | '80mm';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes user text (names, remarks, codes can hold markup). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

export const PRINT_JS = "document.getElementById('print-btn')?.addEventListener('click', () => window.print());\n";

const BASE_CSS = `
*{box-sizing:border-box}
body{font-family:"Noto Sans SC","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#000;margin:0;padding:16px;background:#eee}
.sheet{background:#fff;margin:0 auto;padding:12mm}
.head{display:flex;justify-content:space-between;align-items:flex-start;gap:8px}
.company{font-size:13px}
h1{font-size:22px;margin:4px 0;letter-spacing:4px}
.num{font-family:monospace;font-size:14px}
.qr svg{width:84px;height:84px;display:block}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:2px 16px;margin:8px 0;font-size:13px}
.fields b{font-weight:normal;color:#444}
table{width:100%;border-collapse:collapse;font-size:12px}
th,td{border:1px solid #000;padding:3px 4px;vertical-align:top}
th{background:#f0f0f0}
td.n{text-align:right;white-space:nowrap}
tr.sec td{font-weight:bold;background:#fafafa}
.total td{font-weight:bold}
.sign{display:flex;justify-content:space-between;margin-top:28px;font-size:13px}
.sign span{flex:1}
.toolbar{text-align:center;margin:12px}
.toolbar button{font-size:16px;padding:6px 24px}
@media print{body{background:#fff;padding:0}.sheet{margin:0;padding:0}.toolbar{display:none}}
`;

const A4_CSS = `@page{size:A4;margin:12mm}.sheet{width:210mm;min-height:297mm}@media print{.sheet{width:auto;min-height:0}}`;

// Receipt printers: one column, the line table becomes stacked rows.
const MM80_CSS = `@page{size:80mm auto;margin:3mm}
.sheet{width:80mm;padding:3mm}
@media print{.sheet{width:auto}}
.head{flex-direction:column;align-items:center;text-align:center}
h1{font-size:18px}
.fields{grid-template-columns:1fr;font-size:12px}
table.lines thead{display:none}
table.lines td{border:none;padding:1px 0}
table.lines tr.item{display:block;border-bottom:1px dashed #000;padding:2px 0}
table.lines tr.item td{display:inline}
table.lines tr.item td.x{display:none}
table.lines tr.item td.name{display:block;font-weight:bold}
table.lines tr.item td{margin-right:6px}
table.lines tr.item td.lot:not(:empty)::before{content:"批次 "}
table.lines tr.item td.n{display:inline-block}
tr.sec td, .total td{display:block;border:none}
.sign{flex-direction:column;gap:18px}
`;

function row(cells: { v: string; cls?: string }[]): string {
  return cells.map((c) => `<td${c.cls ? ` class="${c.cls}"` : ''}>${esc(c.v)}</td>`).join('');
}

/** The full page for one slip on the given paper. */
export async function renderSlipHtml(slip: Slip, paper: Paper): Promise<string> {
  const qr = await QRCode.toString(slip.number, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const fields = slip.fields.map((f) => `<div><b>${esc(f.label)}：</b>${esc(f.value)}</div>`).join('');
  const body = slip.sections
    .map((s) => {
      const head = s.heading ? `<tr class="sec"><td colspan="9">${esc(s.heading)}</td></tr>` : '';
      const items = s.lines
        .map(
          (l) =>
            `<tr class="item">${row([
              { v: String(l.no), cls: 'x' },
              { v: l.code, cls: 'code' },
              { v: l.name, cls: 'name' },
              { v: l.spec },
              { v: l.unit },
              { v: l.lot, cls: 'lot' },
              { v: l.qty, cls: 'n' },
              { v: l.unitCost ? `¥${l.unitCost}` : '', cls: 'n' },
              { v: l.amount ? `¥${l.amount}` : '', cls: 'n' },
            ])}</tr>`,
        )
        .join('');
      return head + items;
    })
    .join('');
  const total = `<tr class="total"><td colspan="6">合计</td><td class="n">${esc(slip.totalQty)}</td><td></td><td class="n">${slip.totalAmount ? `¥${esc(slip.totalAmount)}` : ''}</td></tr>`;
  const signs = slip.signatures.map((s) => `<span>${esc(s)}：__________</span>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(slip.title)} ${esc(slip.number)}</title>
<style>${BASE_CSS}${paper === 'a4' ? A4_CSS : MM80_CSS}</style>
<script src="/api/v1/print.js" defer></script>
</head><body>
<div class="toolbar"><button type="button" id="print-btn">打印</button></div>
<div class="sheet paper-${paper}">
<div class="head"><div><div class="company">${esc(COMPANY_TITLE)}</div><h1>${esc(slip.title)}</h1>
<div class="num">单号：${esc(slip.number)}</div><div>${esc(slip.status)} · ${esc(slip.date)}</div></div>
<div class="qr">${qr}</div></div>
<div class="fields">${fields}</div>
<table class="lines"><thead><tr><th>序号</th><th>编码</th><th>名称</th><th>规格</th><th>单位</th><th>批次</th><th>数量</th><th>单价</th><th>金额</th></tr></thead>
<tbody>${body}${total}</tbody></table>
<div class="sign">${signs}</div>
</div></body></html>`;
}
