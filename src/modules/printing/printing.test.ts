// Printable slips (R-INV-12): HTML and PDF, A4 and 80 mm, scope and escaping.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedBasics, type Api, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let issue: { id: number; number: string };
let tech1: Api;
let tech2: Api;

async function raw(api: Api, url: string) {
  const r = await api.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${api.token}` } });
  return { status: r.statusCode, type: String(r.headers['content-type'] ?? ''), body: r.rawPayload, text: r.body, headers: r.headers };
}

beforeAll(async () => {
  t = await createTestApp();
  const s = await seedBasics(t);
  const rec = await t.api.post('/receipts', {
    locationId: s.wh.id,
    supplierId: s.sup.id,
    remark: '备注<b>粗</b>',
    lines: [{ newPart: { code: 'BR-02', name: '<script>alert(1)</script>刹车片', spec: 'φ410', unit: '套' }, qty: 5, unitCost: '88.50', lot: 'L9' }],
  });
  expect(rec.status).toBe(201);
  const customer = await t.api.post('/customers', { code: 'PR-1', name: '打印测试客户' });
  const wo = await t.api.post('/work-orders', { customerId: customer.body.id, serviceType: 'A', category: 'chassis', fault: '前轮胎磨损' });
  expect(wo.status).toBe(201);
  const r = await t.api.post('/issues', {
    fromLocationId: s.wh.id,
    toUserId: s.tech.id,
    workOrderId: wo.body.id,
    remark: '更换前轮胎',
    lines: [
      { partId: s.part.id, qty: 2 },
      { partId: rec.body.lines[0].partId, qty: 1.5 },
    ],
  });
  expect(r.status).toBe(201);
  issue = r.body;
  await t.api.post('/users', { username: 'tech2', password: 'tech-pass-2', displayName: '王师傅', roles: ['technician'] });
  tech1 = await t.login('tech1', 'tech-pass-1');
  tech2 = await t.login('tech2', 'tech-pass-2');
  await t.api.post('/shortages', { partId: s.part.id, qty: 3 });
});
afterAll(() => t.close());

describe('document slips', () => {
  it('renders an issue slip as escaped HTML with the number, Chinese text and a QR', async () => {
    const r = await raw(t.api, `/documents/${issue.id}/print`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.text).toContain(issue.number);
    expect(r.text).toContain('出库单');
    expect(r.text).toContain('轮胎总成');
    expect(r.text).toContain('张师傅');
    expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;刹车片');
    expect(r.text).not.toContain('<script>alert');
    expect(r.text).toContain('<svg');
    expect(r.text).toContain('@page{size:A4');
    if (process.env.PRINT_SAMPLES) fs.writeFileSync(path.join(process.env.PRINT_SAMPLES, 'slip-issue-a4.html'), r.text);
    // 2 × 1200.00 + 1.5 × 88.50 = 2532.75
    expect(r.text).toContain('¥2532.75');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('renders 80 mm HTML', async () => {
    const r = await raw(t.api, `/documents/${issue.id}/print?paper=80mm`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('@page{size:80mm auto');
  });

  it('renders PDF on A4 and 80 mm paper', async () => {
    for (const paper of ['a4', '80mm']) {
      const r = await raw(t.api, `/documents/${issue.id}/print?format=pdf&paper=${paper}`);
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/pdf');
      expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(r.body.length).toBeLessThan(300 * 1024);
      if (process.env.PRINT_SAMPLES) fs.writeFileSync(path.join(process.env.PRINT_SAMPLES, `slip-issue-${paper}.pdf`), r.body);
    }
  });

  it('prints receipts too', async () => {
    const docs = await t.api.get('/documents?type=receipt');
    const r = await raw(t.api, `/documents/${docs.body.items[0].id}/print?format=pdf`);
    expect(r.status).toBe(200);
    const h = await raw(t.api, `/documents/${docs.body.items[0].id}/print`);
    expect(h.text).toContain('入库单');
    expect(h.text).toContain('宇通配件供应商');
    expect(h.text).toContain('备注&lt;b&gt;粗&lt;/b&gt;');
  });

  it('breaks long A4 slips over pages and keeps one 80 mm page', async () => {
    const wh = (await t.api.get('/locations?kind=warehouse')).body.items[0];
    const lines = Array.from({ length: 60 }, (_, i) => ({ newPart: { code: `MP-${i}`, name: `滤清器${i}号 长名称测试用配件`, unit: '个' }, qty: 1, unitCost: '10.00' }));
    const rec = await t.api.post('/receipts', { locationId: wh.id, lines });
    expect(rec.status).toBe(201);
    const pages = (buf: Buffer) => (buf.toString('latin1').match(/\/Type \/Page\n/g) ?? []).length;
    const a4 = await raw(t.api, `/documents/${rec.body.id}/print?format=pdf`);
    expect(pages(a4.body)).toBeGreaterThan(1);
    if (process.env.PRINT_SAMPLES) fs.writeFileSync(path.join(process.env.PRINT_SAMPLES, 'long-a4.pdf'), a4.body);
    const roll = await raw(t.api, `/documents/${rec.body.id}/print?format=pdf&paper=80mm`);
    expect(pages(roll.body)).toBe(1);
  });

  it('is 404 for unknown ids and for documents out of the caller scope', async () => {
    expect((await raw(t.api, '/documents/999999/print')).status).toBe(404);
    expect((await raw(tech2, `/documents/${issue.id}/print`)).status).toBe(404);
    expect((await raw(tech2, `/documents/${issue.id}/print?format=pdf`)).status).toBe(404);
    expect((await raw(tech1, `/documents/${issue.id}/print`)).status).toBe(200);
  });

  it('rejects bad query values with a 400', async () => {
    const r = await t.api.get(`/documents/${issue.id}/print?format=docx`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
  });

  it('serves the print button script publicly', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/print.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('javascript');
    const spec = await t.api.get('/openapi.json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toContain('/api/v1/documents/{id}/print');
  });
});

describe('purchase list', () => {
  it('prints as HTML and PDF for purchasing roles only', async () => {
    const h = await raw(t.api, '/shortages/purchase-list/print?paper=80mm');
    expect(h.status).toBe(200);
    expect(h.text).toContain('采购单');
    expect(h.text).toContain('轮胎总成');
    const p = await raw(t.api, '/shortages/purchase-list/print?format=pdf');
    expect(p.status).toBe(200);
    expect(p.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await raw(tech1, '/shortages/purchase-list/print')).status).toBe(403);
  });
});
