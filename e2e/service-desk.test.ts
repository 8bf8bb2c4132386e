// The service desk in a real browser (Chinese UI, dispatcher on a desktop): log a call, open a
// service request from it (the work-order form comes prefilled), find it on the dispatch board,
// assign two technicians with one in charge, then read the work order's timeline and SLA colour
// and check every step against the API. The work-order list is also walked at 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, login, pick, shot, startApp, type Running } from './harness.js';

let app: Running;
let ctx: BrowserContext;
let phoneCtx: BrowserContext;
let page: Page;
let customer: { id: number; name: string };
let callId = 0;
const wo: { id: number; number: string } = { id: 0, number: '' };
const techs: Record<string, { id: number; displayName: string }> = {};
const CALLER = `王队长${Date.now() % 10000}`;

async function api<T = any>(p: Page, path: string): Promise<T> {
  const r = await p.request.get(`${app.baseUrl}/api/v1${path}`);
  expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
  return r.json() as Promise<T>;
}

beforeAll(async () => {
  app = await startApp();
  ctx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await ctx.newPage();
  await login(page, app.baseUrl, 'dispatcher', DEMO_PASSWORD);
  customer = (await api(page, '/customers?limit=50')).items[0];
  for (const u of (await api(page, '/users?role=technician&limit=100')).items) techs[u.username] = u;
});

afterAll(async () => {
  await phoneCtx?.close();
  await ctx?.close();
  await app?.stop();
});

describe('service desk', () => {
  it('logs a call in the calls log', async () => {
    await page.goto(`${app.baseUrl}/service/calls`);
    await page.getByTestId('call-new').click();
    await page.getByTestId('call-form').waitFor();
    await page.locator('#caller').fill(CALLER);
    await page.locator('#callerPhone').fill('13800000000');
    await pick(page, page.locator('#customerId'), customer.name, customer.name.slice(0, 2));
    await page.locator('#summary').fill('客车无法启动，仪表报警');
    await page.getByTestId('call-save').click();
    const row = page.getByTestId('calls-table').locator('tr').filter({ hasText: CALLER });
    await row.waitFor();
    const call = (await api(page, '/calls?limit=50')).items.find((c: any) => c.caller === CALLER);
    expect(call).toMatchObject({ channel: 'phone', customerId: customer.id, status: 'open', workOrderId: null });
    callId = call.id;
    await shot(page, 'service-calls.png');
  });

  it('opens a service request from the call with the form prefilled', async () => {
    await page.getByTestId(`call-open-request-${callId}`).click();
    await page.getByTestId('wo-form').waitFor();
    expect(await page.locator('#fault').inputValue()).toBe('客车无法启动，仪表报警');
    await expect.poll(() => page.getByTestId('wo-form').innerText()).toContain(customer.name);
    await page.getByTestId('wo-save').click();
    await page.waitForURL(/\/service\/work-orders\/\d+$/);
    wo.id = Number(/(\d+)$/.exec(page.url())![1]);
    wo.number = (await page.getByTestId('wo-number').innerText()).trim();
    const created = await api(page, `/work-orders/${wo.id}`);
    expect(created).toMatchObject({ number: wo.number, status: 'new', callId, customerId: customer.id, serviceType: 'C', category: 'engine', fault: '客车无法启动，仪表报警' });
    expect((await api(page, `/calls/${callId}`)).workOrderId).toBe(wo.id);
  });

  it('finds it on the dispatch board and assigns two technicians, one in charge', async () => {
    await page.goto(`${app.baseUrl}/service/board`);
    const row = page.locator(`[data-testid="board-request"][data-number="${wo.number}"]`);
    await row.waitFor();
    const board = await api(page, '/dispatch/board?limit=200');
    const item = board.items.find((i: any) => i.id === wo.id);
    expect(item).toBeTruthy();
    // The board's order is the API's: rollovers first, then by next due time.
    const shown = await page.locator('[data-testid="board-request"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
    expect(shown.slice(0, 10)).toEqual(board.items.slice(0, 10).map((i: any) => i.number));
    await row.click();
    await expect.poll(() => page.getByTestId('board-picked').innerText()).toBe(wo.number);
    await page.getByTestId('board-tech-tech01').click();
    await page.getByTestId('board-tech-tech02').click();
    await page.getByTestId('board-lead-tech01').click();
    await shot(page, 'service-board.png');
    await page.getByTestId('board-assign').click();
    await page.getByText(`${wo.number} 已派给`).waitFor();
    const after = await api(page, `/work-orders/${wo.id}`);
    expect(after).toMatchObject({ status: 'dispatched', leadTechnicianId: techs.tech01.id });
    expect([...after.technicianIds].sort()).toEqual([techs.tech01.id, techs.tech02.id].sort());
    // The board now shows the team on the request.
    await expect.poll(() => row.innerText()).toContain(`${techs.tech01.displayName}★`);
  });

  it('shows the timeline and the SLA colour on the work order', async () => {
    await page.goto(`${app.baseUrl}/service/work-orders/${wo.id}`);
    const timeline = page.getByTestId('wo-timeline');
    await expect.poll(() => timeline.locator('[data-testid="wo-event"]').count()).toBe(2);
    // The actor's name arrives with the users list (GET /users), after the events.
    await expect.poll(() => timeline.innerText()).toContain('赵丽娟');
    const text = await timeline.innerText();
    expect(text).toContain('新建');
    expect(text).toContain('已派工');
    expect(text).toContain('赵丽娟'); // the dispatcher, named as who did it
    expect(text).toContain(`${techs.tech01.displayName}（负责人）`);
    expect(await page.getByTestId('wo-team').innerText()).toBe(`${techs.tech01.displayName}（负责人）、${techs.tech02.displayName}`);
    const detail = await api(page, `/work-orders/${wo.id}`);
    expect(detail.events.map((e: any) => e.action)).toEqual(['create', 'assign']);
    const light = await page.getByTestId('wo-sla-status').getAttribute('data-light');
    expect(light).toBe(detail.sla.status);
    const color = await page.getByTestId('wo-sla-status').evaluate((e) => getComputedStyle(e).color);
    expect(color).toMatch(/rgb/);
    expect(await page.getByTestId('wo-targets').innerText()).toMatch(/到场|响应|修复/);
    // The moves from "dispatched" a dispatcher may make (accept, cancel) are offered.
    await page.getByTestId('wo-move-cancelled').waitFor();
    expect(await page.getByTestId('wo-move-accepted').count()).toBe(1);
    await shot(page, 'service-work-order.png');
  });

  it('lists work orders with due colours, also on a 360 px phone', async () => {
    await page.goto(`${app.baseUrl}/service/work-orders`);
    const row = page.locator(`[data-testid="wo-row"][data-id="${wo.id}"]`);
    await row.waitFor();
    const list = (await api(page, '/work-orders?open=true&limit=50')).items;
    const mine = list.find((w: any) => w.id === wo.id);
    expect(await row.locator('[data-testid="wo-sla"]').getAttribute('data-light')).toBe(mine.sla.status);
    await page.getByTestId('wo-search').locator('input').fill(wo.number);
    await page.getByTestId('wo-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('[data-testid="wo-row"]').count()).toBe(1);
    await shot(page, 'service-work-orders.png');
    phoneCtx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const phone = await phoneCtx.newPage();
    await login(phone, app.baseUrl, 'dispatcher', DEMO_PASSWORD);
    await phone.goto(`${app.baseUrl}/service/work-orders`);
    await phone.getByTestId('wo-list').getByText(wo.number).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(phone, 'service-work-orders-360.png');
  });

  it('shows a unit’s service history (服務憑證) as the API reports it', async () => {
    const withUnit = (await api(page, '/work-orders?limit=100')).items.find((w: any) => w.unitId !== null);
    const history = await api(page, `/units/${withUnit.unitId}/history`);
    await page.goto(`${app.baseUrl}/service/units/${withUnit.unitId}`);
    const box = page.getByTestId('unit-history');
    await box.waitFor();
    const text = await box.innerText();
    for (const w of history.workOrders) expect(text).toContain(w.number);
    await shot(page, 'service-unit-history.png');
  });
});

describe('customers past the first page', () => {
  it('a customer beyond the first 500 is found by searching the server, and lists show its name', async () => {
    // 510 more fleets, coded after every demo customer: the pickers once loaded the first 500 only.
    const post = (data: unknown) => page.request.post(`${app.baseUrl}/api/v1/customers`, { data, headers: { 'X-Requested-With': 'aftersales' } });
    for (let i = 0; i < 510; i += 30) {
      const batch = Array.from({ length: Math.min(30, 510 - i) }, (_, k) => i + k + 1);
      const made = await Promise.all(batch.map((n) => post({ code: `ZZ-${String(n).padStart(4, '0')}`, name: n === 510 ? '远郊客运测试公司' : `测试车队${n}` })));
      expect(made.every((r) => r.status() === 201)).toBe(true);
    }
    const far = (await api(page, '/customers?q=ZZ-0510')).items[0];
    expect(far.name).toBe('远郊客运测试公司');
    const first500 = (await api(page, '/customers?limit=500')).items.map((c: any) => c.id);
    expect(first500).not.toContain(far.id);

    const caller = `赵调度${Date.now() % 10000}`;
    await page.goto(`${app.baseUrl}/service/calls`);
    await page.getByTestId('call-new').click();
    await page.getByTestId('call-form').waitFor();
    await page.locator('#caller').fill(caller);
    await pick(page, page.locator('#customerId'), far.name, 'yjky'); // pinyin initials of 远郊客运
    await page.locator('#summary').fill('车门无法关闭');
    await page.getByTestId('call-save').click();
    const row = page.getByTestId('calls-table').locator('tr').filter({ hasText: caller });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain(far.name);
    const call = (await api(page, '/calls?limit=50')).items.find((c: any) => c.caller === caller);
    expect(call.customerId).toBe(far.id);
  });
});
