// Service extras in a real browser (Chinese UI): a carry-in repair walked through every step by
// the people who do them — the dispatcher receives it (the receipt number SX-… appears and
// prints), names the technician and fills the repair tag, the service manager passes the
// inspection, the dispatcher hands it back against a drawn signature — and a work order's
// charges: a labour line, the invoice request, finance invoicing it. Each step is checked against
// the API. With E2E_SCREENSHOTS=1 the screens go to docs/screenshots (also the technician's daily
// report at 360 px and the manager's roll-up).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, pick, settled, shot, startApp, type Running } from './harness.js';

let app: Running;
let ctxs: BrowserContext[] = [];
let dispatcher: Page;
let manager: Page;
let finance: Page;

async function api<T = any>(p: Page, path: string, data?: unknown): Promise<T> {
  const r = data === undefined ? await p.request.get(`${app.baseUrl}/api/v1${path}`) : await p.request.post(`${app.baseUrl}/api/v1${path}`, { data, headers: { 'X-Requested-With': 'aftersales' } });
  expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
  return r.json() as Promise<T>;
}

beforeAll(async () => {
  app = await startApp();
  const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
  ctxs = await Promise.all([app.browser.newContext(desk), app.browser.newContext(desk), app.browser.newContext(desk)]);
  [dispatcher, manager, finance] = await Promise.all(ctxs.map((c) => c.newPage())) as [Page, Page, Page];
  await login(dispatcher, app.baseUrl, 'dispatcher', DEMO_PASSWORD);
  await login(manager, app.baseUrl, 'manager', DEMO_PASSWORD);
  await login(finance, app.baseUrl, 'finance', DEMO_PASSWORD);
});

afterAll(async () => {
  await Promise.all(ctxs.map((c) => c.close()));
  await app?.stop();
});

async function openCarryIn(p: Page, number: string) {
  await p.goto(`${app.baseUrl}/carry-ins`);
  await p.getByTestId(`carry-row-${number}`).click();
  await settled(p.getByTestId('carry-detail'));
}

/** The status tag, or the step's error when the server refused it (so a failure says why). */
const statusOrError = (p: Page) => async () => (await p.getByTestId('carry-error').count()) ? `error: ${await p.getByTestId('carry-error').textContent()}` : p.getByTestId('carry-status').textContent();

describe('携回修护', () => {
  it('receive → start → repair tag → inspection → return against a signature', async () => {
    const d = dispatcher;
    await d.goto(`${app.baseUrl}/carry-ins`);
    await d.getByTestId('carry-new').click();
    await pick(d, d.getByTestId('carry-customer').locator('input'), /./);
    await d.getByTestId('carry-item').fill('仪表总成');
    await d.getByTestId('carry-fault').fill('仪表盘背光不亮');
    await d.getByTestId('carry-create').click();
    const numberEl = d.getByTestId('carry-number');
    await expect.poll(async () => (await numberEl.textContent()) ?? '').toMatch(/^SX-\d{4}-\d{6}$/);
    const number = (await numberEl.textContent())!;
    await settled(d.getByTestId('carry-detail'));
    const created = (await api(d, '/carry-ins?limit=5')).items.find((c: any) => c.number === number);
    expect(created.status).toBe('received');
    await shot(d, 'service-extras-carry-in-received.png');
    // The receipt prints.
    const receipt = await d.request.get(`${app.baseUrl}/api/v1/carry-ins/${created.id}/receipt`);
    expect(await receipt.text()).toContain(number);

    await pick(d, d.getByTestId('carry-tech').locator('input'), '张伟');
    await d.getByTestId('carry-start').click();
    await expect.poll(statusOrError(d)).toBe('修护中');
    await d.getByTestId('carry-minutes').fill('90');
    await d.getByTestId('carry-parts').fill('仪表保险丝 ×1');
    await d.getByTestId('carry-save-tag').click();
    await expect.poll(async () => (await api(d, `/carry-ins/${created.id}`)).tag.minutesSpent).toBe(90);

    await openCarryIn(manager, number);
    await manager.getByTestId('carry-pass').click();
    await expect.poll(statusOrError(manager)).toBe('已检验');

    await openCarryIn(d, number);
    await d.getByTestId('carry-signer').fill('王队长');
    const pad = d.locator('canvas').first();
    const box = (await pad.boundingBox())!;
    await d.mouse.move(box.x + 20, box.y + 40);
    await d.mouse.down();
    for (let i = 1; i <= 12; i++) await d.mouse.move(box.x + 20 + i * 15, box.y + 40 + (i % 2) * 30);
    await d.mouse.up();
    await d.getByTestId('carry-return').click();
    await expect.poll(statusOrError(d)).toBe('已取回');
    const done = await api(d, `/carry-ins/${created.id}`);
    expect(done).toMatchObject({ status: 'returned', returned: { signerName: '王队长' } });
    expect(done.log.map((e: any) => e.step)).toEqual(['received', 'in_repair', 'tag', 'inspected', 'returned']);
    await shot(d, 'service-extras-carry-in-returned.png');
  });
});

describe('收费与开票', () => {
  it('a labour line on a paid work order, the invoice request, finance invoices it', async () => {
    const d = dispatcher;
    const orders = (await api(d, '/work-orders?limit=200')).items as any[];
    // A paid work order the warranty does not cover (labour is charged to the customer).
    let wo: any = null;
    for (const w of orders.filter((x) => x.serviceType === 'A' && x.status !== 'cancelled')) {
      const c = await api(d, `/work-orders/${w.id}/charges`);
      if ((!c.warranty || c.warranty.status === 'out') && !c.locked) {
        wo = w;
        break;
      }
    }
    expect(wo, 'a paid work order out of warranty in the demo').toBeTruthy();
    await d.goto(`${app.baseUrl}/charges?workOrder=${wo.id}`);
    await d.getByTestId('charge-qty').fill('2.5');
    await d.getByTestId('charge-rate').fill('80');
    await d.getByTestId('charge-add').click();
    await expect.poll(async () => (await api(d, `/work-orders/${wo.id}/charges`)).lines.some((l: any) => l.kind === 'labour' && l.listAmount === '200.00')).toBe(true);
    const before = await api(d, `/work-orders/${wo.id}/charges`);
    await expect.poll(async () => d.getByTestId('charges-total').textContent()).toBe(`¥${before.totals.charged.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
    await shot(d, 'service-extras-charges.png');
    await d.getByTestId('invoice-request').click();
    await d.getByTestId('charges-locked').waitFor();
    const req = (await api(finance, '/invoice-requests?status=requested')).items.find((r: any) => r.workOrderId === wo.id);
    expect(req.amount).toBe(before.totals.charged);

    await finance.goto(`${app.baseUrl}/invoice-requests`);
    await finance.getByTestId(`invoice-text-${req.id}`).fill('FP-E2E-0001').catch(async (e) => {
      await finance.screenshot({ path: '/tmp/h2-fin-fail.png' });
      throw e;
    });
    await shot(finance, 'service-extras-invoice-inbox.png');
    await finance.getByTestId(`invoice-do-${req.id}`).click();
    await expect.poll(async () => (await api(finance, `/invoice-requests/${req.id}`)).status).toBe('invoiced');
    expect((await api(finance, `/invoice-requests/${req.id}`)).invoiceNo).toBe('FP-E2E-0001');
  });

  it('the technician daily report at 360 px and the manager roll-up render', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    ctxs.push(ctx);
    const tech = await ctx.newPage();
    await login(tech, app.baseUrl, 'tech01', DEMO_PASSWORD).catch(async (e) => {
      await tech.screenshot({ path: '/tmp/h2-login-fail.png' });
      console.log(app.log().slice(-3000));
      throw e;
    });
    await tech.goto(`${app.baseUrl}/daily-report`);
    await tech.getByTestId('daily-generate').click().catch(async (e) => {
      await tech.screenshot({ path: '/tmp/h2-daily-fail.png' });
      throw e;
    });
    await tech.getByTestId('daily-report').waitFor();
    expect(await tech.getByTestId('daily-status').textContent()).toBe('草稿');
    const width = await tech.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await shot(tech, 'service-extras-daily-report-360.png');
    await manager.goto(`${app.baseUrl}/daily-roll-up`);
    await manager.getByTestId('rollup-technicians').locator('tr.ant-table-row').first().waitFor();
    await shot(manager, 'service-extras-roll-up.png');
  });
});

describe('到货通知', () => {
  it('a receipt of a part a waiting work order lacks rings the dispatcher\'s bell; clicking reads it', async () => {
    const adminCtx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    ctxs.push(adminCtx);
    const admin = await adminCtx.newPage();
    await login(admin, app.baseUrl, 'admin', ADMIN_PASSWORD);
    // A work order of our own waiting for a catalogue part.
    const customer = (await api(dispatcher, '/customers?limit=1')).items[0];
    const tech = (await api(dispatcher, '/users?role=technician&limit=500')).items.find((u: any) => u.username === 'tech01');
    const part = (await api(admin, '/parts?limit=1')).items[0];
    let wo = await api(dispatcher, '/work-orders', { customerId: customer.id, serviceType: 'A', category: 'body', fault: '等待配件（浏览器测试）' });
    wo = await api(dispatcher, `/work-orders/${wo.id}/assign`, { technicianIds: [tech.id], leadId: tech.id, version: wo.version });
    for (const to of ['accepted', 'en_route', 'on_site']) wo = await api(dispatcher, `/work-orders/${wo.id}/transition`, { to, version: wo.version });
    wo = await api(dispatcher, `/work-orders/${wo.id}/transition`, { to: 'waiting_parts', version: wo.version, parts: [{ partId: part.id, qty: 1 }] });
    const target = { partId: part.id as number };
    const store = (await api(admin, '/locations?limit=500')).items.find((l: any) => l.kind === 'warehouse' && l.isReal !== false);
    const before = (await api(dispatcher, '/notifications')).unread as number;
    await api(admin, '/receipts', { locationId: store.id, lines: [{ partId: target.partId, qty: 5, unitCost: '10.00' }] });
    expect((await api(dispatcher, '/notifications')).unread).toBe(before + 1);
    await dispatcher.goto(`${app.baseUrl}/carry-ins`);
    await dispatcher.getByTestId('notifications-bell').click();
    await dispatcher.getByTestId('notification').first().waitFor();
    await shot(dispatcher, 'service-extras-notifications.png');
    await dispatcher.getByTestId('notification').first().click();
    await expect.poll(async () => (await api(dispatcher, '/notifications')).unread).toBe(before);
  });
});
