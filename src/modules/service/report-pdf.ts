// The service report as an A4 PDF (R-SVC-7): pdfkit with the bundled CJK font of the printing
// module, every field, parts used, old parts, photo thumbnails and the customer's signature.
// A report not yet signed prints with the watermark "草稿 / 未簽名".
import PDFDocument from 'pdfkit';
import { cjkFont } from '../printing/pdf.js';
import { COMPANY_TITLE } from '../printing/slip.data.js';
import type { ReportPrintData } from './reports.js';

const A4 = { w: 595.28, h: 841.89, margin: 40 };
const RESPONSIBILITY: Record<string, string> = { customer: '客户', manufacturer: '厂家', dealer: '经销商', supplier: '供应商', unknown: '不明' };
const STATUS: Record<string, string> = { draft: '草稿', submitted: '已提交（未签字）', signed: '已签字' };

type Doc = InstanceType<typeof PDFDocument>;

export async function renderReportPdf(data: ReportPrintData): Promise<Buffer> {
  const r = data.report;
  const doc: Doc = new PDFDocument({
    size: [A4.w, A4.h],
    margin: A4.margin,
    compress: true,
    info: { Title: `服务报告 ${data.workOrder.number}`, Subject: r.signerName ? `签字人 ${r.signerName}` : '草稿 / 未簽名', Creator: 'Aftersales' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.font(cjkFont() as never);
  const left = A4.margin;
  const width = A4.w - 2 * A4.margin;
  const signed = r.status === 'signed';

  const watermark = () => {
    if (signed) return;
    const { x, y } = doc;
    doc.save();
    doc.fillColor('#cc0000').fillOpacity(0.12).fontSize(60);
    doc.rotate(-30, { origin: [A4.w / 2, A4.h / 2] });
    doc.text('草稿 / 未簽名', 0, A4.h / 2 - 40, { width: A4.w, align: 'center', lineBreak: false });
    doc.restore();
    doc.fillColor('#000').fillOpacity(1);
    doc.x = x;
    doc.y = y;
  };
  watermark();
  doc.on('pageAdded', watermark);

  const heading = (s: string) => {
    doc.moveDown(0.6);
    doc.fontSize(12).text(s, left, doc.y, { width });
    const y = doc.y + 1;
    doc.save().lineWidth(0.6).moveTo(left, y).lineTo(left + width, y).stroke().restore();
    doc.moveDown(0.3);
  };
  const field = (label: string, value: string | null | undefined) => doc.fontSize(10).text(`${label}：${value == null || value === '' ? '—' : value}`, left, doc.y, { width });

  doc.fontSize(9).text(COMPANY_TITLE, left, A4.margin, { width });
  doc.fontSize(20).text('服务报告', left, doc.y + 4, { width, align: 'center' });
  doc.fontSize(10).text(`工单号：${data.workOrder.number}${r.cycle > 0 ? `（重开后第 ${r.cycle + 1} 次服务）` : ''}    状态：${STATUS[r.status] ?? r.status}${signed ? '' : '    草稿 / 未簽名'}`, left, doc.y + 4, { width, align: 'center' });

  heading('客户与设备');
  field('客户', data.customer ? `${data.customer.name}${data.customer.phone ? `（${data.customer.phone}）` : ''}` : null);
  field('服务地点', data.site ? `${data.site.name}${data.site.address ? ` · ${data.site.address}` : ''}` : null);
  field('设备', data.unit ? `${data.unit.model} · ${data.unit.serial}` : null);
  field('故障描述', data.workOrder.fault);
  field('服务类型 / 类别', `${data.workOrder.serviceType} / ${data.workOrder.category}`);
  field('技术员', data.technicians.join('、'));

  heading('检查与处理');
  field('听', r.findings.listen);
  field('看', r.findings.look);
  field('查', r.findings.check);
  field('原因', r.cause);
  field('责任', r.responsibility ? (RESPONSIBILITY[r.responsibility] ?? r.responsibility) : null);
  field('处理措施', r.actions);
  field('里程（km）', r.odometerKm);
  field('运行小时', r.runningHours);
  field('私自改装 / 拆修', r.tampered ? '是' : '否');
  field('用时（分钟）', r.minutesSpent == null ? null : String(r.minutesSpent));

  const table = (cols: { title: string; w: number }[], rows: string[][]) => {
    const pad = 3;
    const row = (cells: string[]) => {
      doc.fontSize(9);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: cols[i]!.w - 2 * pad }))) + 2 * pad;
      if (doc.y + h > A4.h - A4.margin) doc.addPage();
      const top = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.text(c, x + pad, top + pad, { width: cols[i]!.w - 2 * pad, lineBreak: true });
        doc.save().lineWidth(0.5).rect(x, top, cols[i]!.w, h).stroke().restore();
        x += cols[i]!.w;
      });
      doc.x = left;
      doc.y = top + h;
    };
    row(cols.map((c) => c.title));
    for (const cells of rows) row(cells);
  };

  heading(`更换配件${data.consumptionNumber ? `（核销单 ${data.consumptionNumber}）` : ''}`);
  if (r.partsUsed.length === 0) field('配件', '无');
  else
    table(
      [
        { title: '编码', w: 90 },
        { title: '名称', w: 170 },
        { title: '数量', w: 60 },
        { title: '更换原因', w: width - 320 },
      ],
      r.partsUsed.map((p) => [p.partCode, p.partName, p.qty, p.reason ?? '']),
    );

  heading('旧件交回');
  if (r.oldParts.length === 0) field('旧件', '无');
  else
    table(
      [
        { title: '编码', w: 90 },
        { title: '名称', w: 190 },
        { title: '应交回', w: 80 },
        { title: '已交回', w: width - 360 },
      ],
      r.oldParts.map((p) => [p.partCode, p.partName, p.qty, p.handedInQty]),
    );

  if (data.photos.length > 0) {
    heading('照片');
    const tw = 120;
    const th = 90;
    let x = left;
    let top = doc.y;
    for (const p of data.photos) {
      if (x + tw > left + width) {
        x = left;
        top += th + 22;
      }
      if (top + th + 20 > A4.h - A4.margin) {
        doc.addPage();
        top = doc.y;
        x = left;
      }
      try {
        doc.image(p.bytes, x, top, { fit: [tw, th], align: 'center', valign: 'center' });
      } catch {
        doc.fontSize(8).text('（图片无法显示）', x, top + th / 2, { width: tw, align: 'center' });
      }
      if (p.caption) doc.fontSize(8).text(p.caption, x, top + th + 3, { width: tw, align: 'center', lineBreak: false, ellipsis: true });
      x += tw + 10;
    }
    doc.x = left;
    doc.y = top + th + 22;
  }

  if (r.corrections.length > 0) {
    heading('更正记录');
    for (const c of r.corrections) field(`${c.createdAt.slice(0, 16).replace('T', ' ')} ${c.createdByName ?? c.createdBy}`, c.text);
  }

  if (doc.y + 140 > A4.h - A4.margin) doc.addPage();
  heading('客户签字');
  const sigTop = doc.y;
  if (data.signature) {
    try {
      doc.image(data.signature, left, sigTop, { fit: [220, 80] });
    } catch {
      doc.fontSize(9).text('（签名图片无法显示）', left, sigTop + 30);
    }
    doc.fontSize(10).text(`签字人：${r.signerName ?? ''}    时间：${(r.signedAt ?? '').slice(0, 16).replace('T', ' ')}`, left, sigTop + 86, { width });
  } else {
    doc.fontSize(12).text('草稿 / 未簽名', left, sigTop + 20, { width });
    doc.fontSize(10).text('签字人：____________    日期：____________', left, sigTop + 60, { width });
  }
  if (r.submittedAt) doc.fontSize(9).text(`提交时间：${r.submittedAt.slice(0, 16).replace('T', ' ')}`, left, doc.y + 6, { width });

  doc.end();
  await done;
  return Buffer.concat(chunks);
}
