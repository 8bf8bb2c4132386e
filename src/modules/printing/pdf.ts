// A slip as PDF (R-INV-12), in process: pdfkit with the bundled Noto Sans SC (subset on embed),
// no browser and no system font. Layout is computed first as drawing operations so an 80 mm
// receipt page can be exactly as tall as its content.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { COMPANY_TITLE, type Slip, type SlipLine } from './slip.data.js';
import type { Paper } from './html.js';

const A4 = { w: 595.28, h: 841.89, margin: 40 };
const MM80 = { w: 226.77, margin: 8 };

type Align = 'left' | 'right' | 'center';
type Op =
  | { t: 'text'; x: number; y: number; w: number; s: string; size: number; align: Align; bold?: boolean }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; dash?: boolean }
  | { t: 'qr'; x: number; y: number; size: number; text: string };

type Doc = InstanceType<typeof PDFDocument>;

let cachedFont: unknown = null;

/** The parsed CJK font, shared by all documents: parsing and subsetting a fresh 8 MB CFF font costs ~0.5 s. */
export function cjkFont(): unknown {
  if (cachedFont) return cachedFont;
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const file = path.join(path.dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf');
  // pdfkit accepts a fontkit font object as a font source; taking it from a probe document
  // avoids depending on fontkit directly.
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(fs.readFileSync(file));
  cachedFont = (probe as unknown as { _font: { font: unknown } })._font.font;
  return cachedFont;
}

/** Lays text out and records where it goes; measuring uses the real font. */
class Layout {
  pages: Op[][] = [[]];
  y: number;
  constructor(
    readonly doc: Doc,
    readonly left: number,
    readonly width: number,
    top: number,
  ) {
    this.y = top;
  }
  get ops() {
    return this.pages[this.pages.length - 1];
  }
  measure(s: string, size: number): number {
    return this.doc.fontSize(size).widthOfString(s);
  }
  /** Greedy wrap by character (CJK has no spaces to break at); keeps explicit newlines. */
  wrap(s: string, width: number, size: number): string[] {
    const out: string[] = [];
    for (const para of s.split(/\r?\n/)) {
      let cur = '';
      for (const ch of para) {
        if (cur && this.measure(cur + ch, size) > width) {
          out.push(cur);
          cur = ch;
        } else cur += ch;
      }
      out.push(cur);
    }
    return out;
  }
  text(s: string, x: number, w: number, size: number, align: Align = 'left', opts: { bold?: boolean; advance?: boolean } = {}): number {
    const lines = this.wrap(s, w, size);
    const lh = size * 1.35;
    lines.forEach((line, i) => this.ops.push({ t: 'text', x, y: this.y + i * lh, w, s: line, size, align, bold: opts.bold }));
    const h = lines.length * lh;
    if (opts.advance !== false) this.y += h;
    return h;
  }
  line(x1: number, x2: number, y = this.y, dash = false) {
    this.ops.push({ t: 'line', x1, y1: y, x2, y2: y, dash });
  }
}

interface Column {
  title: string;
  w: number;
  align: Align;
  get: (l: SlipLine) => string;
}

const A4_COLUMNS: Column[] = [
  { title: '序号', w: 26, align: 'center', get: (l) => String(l.no) },
  { title: '编码', w: 62, align: 'left', get: (l) => l.code },
  { title: '名称', w: 100, align: 'left', get: (l) => l.name },
  { title: '规格', w: 70, align: 'left', get: (l) => l.spec },
  { title: '单位', w: 28, align: 'center', get: (l) => l.unit },
  { title: '批次', w: 52, align: 'left', get: (l) => l.lot },
  { title: '数量', w: 45, align: 'right', get: (l) => l.qty },
  { title: '单价', w: 60, align: 'right', get: (l) => l.unitCost },
  { title: '金额', w: A4.w - 2 * A4.margin - 443, align: 'right', get: (l) => l.amount },
];

function layoutA4(doc: Doc, slip: Slip): Op[][] {
  const L = new Layout(doc, A4.margin, A4.w - 2 * A4.margin, A4.margin);
  const left = A4.margin;
  const right = A4.w - A4.margin;
  const bottom = A4.h - A4.margin - 14;
  const qrSize = 72;
  L.ops.push({ t: 'qr', x: right - qrSize, y: A4.margin - 6, size: qrSize, text: slip.number });
  L.text(COMPANY_TITLE, left, L.width - qrSize, 10);
  L.y += 4;
  L.text(slip.title, left, L.width, 20, 'center', { bold: true });
  L.y += 4;
  L.text(`单号：${slip.number}`, left, L.width - qrSize, 10);
  L.text(`${slip.status} · ${slip.date}`, left, L.width - qrSize, 10);
  L.y = Math.max(L.y, A4.margin - 6 + qrSize) + 6;
  // Fields in two columns, each row as tall as its taller cell.
  const half = L.width / 2;
  for (let i = 0; i < slip.fields.length; i += 2) {
    const row = slip.fields.slice(i, i + 2);
    const h = row.map((f, j) => L.text(`${f.label}：${f.value}`, left + j * half, half - 8, 9.5, 'left', { advance: false }));
    L.y += Math.max(...h);
  }
  L.y += 6;

  const size = 8.5;
  const pad = 3;
  const drawRow = (cells: string[], aligns: Align[], widths: number[], bold = false) => {
    const wrapped = cells.map((c, i) => L.wrap(c, widths[i] - 2 * pad, size));
    const h = Math.max(...wrapped.map((w) => w.length)) * size * 1.35 + 2 * pad;
    if (L.y + h > bottom) {
      L.pages.push([]);
      L.y = A4.margin;
      if (!bold) drawRow(A4_COLUMNS.map((c) => c.title), A4_COLUMNS.map(() => 'center'), A4_COLUMNS.map((c) => c.w), true);
    }
    let x = left;
    const top = L.y;
    wrapped.forEach((lines, i) => {
      lines.forEach((s, k) => L.ops.push({ t: 'text', x: x + pad, y: top + pad + k * size * 1.35, w: widths[i] - 2 * pad, s, size, align: aligns[i], bold }));
      L.ops.push({ t: 'line', x1: x, y1: top, x2: x, y2: top + h });
      x += widths[i];
    });
    L.ops.push({ t: 'line', x1: right, y1: top, x2: right, y2: top + h });
    L.ops.push({ t: 'line', x1: left, y1: top, x2: right, y2: top });
    L.ops.push({ t: 'line', x1: left, y1: top + h, x2: right, y2: top + h });
    L.y = top + h;
  };
  const widths = A4_COLUMNS.map((c) => c.w);
  drawRow(A4_COLUMNS.map((c) => c.title), A4_COLUMNS.map(() => 'center'), widths, true);
  for (const s of slip.sections) {
    if (s.heading) drawRow([s.heading], ['left'], [L.width]);
    for (const l of s.lines) drawRow(A4_COLUMNS.map((c) => c.get(l)), A4_COLUMNS.map((c) => c.align), widths);
  }
  const before = widths.slice(0, 6).reduce((a, b) => a + b, 0);
  drawRow(['合计', slip.totalQty, '', slip.totalAmount], ['left', 'right', 'right', 'right'], [before, widths[6], widths[7], widths[8]], true);

  if (L.y + 40 > bottom) {
    L.pages.push([]);
    L.y = A4.margin;
  }
  L.y += 24;
  const cell = L.width / slip.signatures.length;
  slip.signatures.forEach((s, i) => L.text(`${s}：____________`, left + i * cell, cell, 10, 'left', { advance: false }));
  // Page numbers go on last, once the count is known.
  const n = L.pages.length;
  L.pages.forEach((ops, i) => ops.push({ t: 'text', x: left, y: A4.h - A4.margin, w: L.width, s: `${slip.number}  第 ${i + 1} / ${n} 页`, size: 8, align: 'right' }));
  return L.pages;
}

function layout80(doc: Doc, slip: Slip): { pages: Op[][]; height: number } {
  const L = new Layout(doc, MM80.margin, MM80.w - 2 * MM80.margin, MM80.margin);
  const left = MM80.margin;
  const right = MM80.w - MM80.margin;
  L.text(COMPANY_TITLE, left, L.width, 8, 'center');
  L.text(slip.title, left, L.width, 15, 'center', { bold: true });
  L.text(`单号：${slip.number}`, left, L.width, 9, 'center');
  L.text(`${slip.status} · ${slip.date}`, left, L.width, 8, 'center');
  const qrSize = 84;
  L.y += 3;
  L.ops.push({ t: 'qr', x: (MM80.w - qrSize) / 2, y: L.y, size: qrSize, text: slip.number });
  L.y += qrSize + 4;
  for (const f of slip.fields) L.text(`${f.label}：${f.value}`, left, L.width, 8.5);
  L.y += 3;
  L.line(left, right, L.y, true);
  L.y += 4;
  for (const s of slip.sections) {
    if (s.heading) {
      L.text(s.heading, left, L.width, 9, 'left', { bold: true });
      L.y += 2;
    }
    for (const l of s.lines) {
      L.text(`${l.no}. ${l.code} ${l.name}`.trim(), left, L.width, 9, 'left', { bold: true });
      const detail = [l.spec, l.lot ? `批次 ${l.lot}` : ''].filter(Boolean).join('  ');
      if (detail) L.text(detail, left, L.width, 8);
      const qty = `${l.qty} ${l.unit}${l.unitCost ? ` × ¥${l.unitCost}` : ''}`;
      const amount = l.amount ? `¥${l.amount}` : '';
      const aw = amount ? L.measure(amount, 8.5) + 4 : 0;
      L.text(amount, left, L.width, 8.5, 'right', { advance: false });
      L.text(qty, left, L.width - aw, 8.5);
      L.y += 2;
      L.line(left, right, L.y, true);
      L.y += 3;
    }
  }
  L.text(`合计数量：${slip.totalQty}`, left, L.width, 9.5, 'left', { bold: true, advance: false });
  L.text(slip.totalAmount ? `¥${slip.totalAmount}` : '', left, L.width, 9.5, 'right', { bold: true });
  L.y += 6;
  for (const s of slip.signatures) {
    L.y += 14;
    L.text(`${s}：`, left, L.width, 9, 'left', { advance: false });
    L.line(left + 44, right, L.y + 11);
    L.y += 14;
  }
  return { pages: L.pages, height: Math.ceil(L.y + MM80.margin + 6) };
}

function draw(doc: Doc, ops: Op[]) {
  for (const op of ops) {
    if (op.t === 'text') {
      if (!op.s) continue;
      doc.fontSize(op.size);
      const w = doc.widthOfString(op.s);
      const x = op.align === 'right' ? op.x + op.w - w : op.align === 'center' ? op.x + (op.w - w) / 2 : op.x;
      // The font has one weight: bold is simulated by stroking the glyph outlines.
      if (op.bold) doc.lineWidth(op.size / 30).text(op.s, x, op.y, { lineBreak: false, fill: true, stroke: true });
      else doc.text(op.s, x, op.y, { lineBreak: false });
    } else if (op.t === 'line') {
      doc.save().lineWidth(0.6);
      if (op.dash) doc.dash(2, { space: 2 });
      doc.moveTo(op.x1, op.y1).lineTo(op.x2, op.y2).stroke().restore();
    } else {
      const qr = QRCode.create(op.text, { errorCorrectionLevel: 'M' });
      const n = qr.modules.size;
      const cell = op.size / (n + 2);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(op.x + (c + 1) * cell, op.y + (r + 1) * cell, cell, cell);
      }
      doc.fill('#000');
    }
  }
}

/** Renders one slip to a PDF buffer on A4 (paged) or 80 mm roll paper (one page, content height). */
export async function renderSlipPdf(slip: Slip, paper: Paper): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: `${slip.title} ${slip.number}`, Creator: 'Aftersales' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.font(cjkFont() as never);
  if (paper === 'a4') {
    for (const ops of layoutA4(doc, slip)) {
      doc.addPage({ size: [A4.w, A4.h], margin: 0 });
      draw(doc, ops);
    }
  } else {
    const { pages, height } = layout80(doc, slip);
    doc.addPage({ size: [MM80.w, height], margin: 0 });
    draw(doc, pages[0]);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
