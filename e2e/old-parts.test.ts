// Old parts in a real browser (R-INV-17, Chinese UI): a signed service report lists an old part
// to bring back; the keeper finds the work order on 旧件 › 旧件交回, hands in one of the two,
// and a post that a second desk made stale is refused with the server's message (409
// old_parts_exceeded); on 每月旧件处理 both hand-ins show with their work order, the keeper
// ticks them and scraps them. Checked through the API: the ledger moves (into the old-parts
// store at zero cost, out to VIRT-SCRAP), the old-parts store's stock back to 0, and GET
// /old-parts showing them disposed. E2E_DATABASE=postgres runs it on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, pick, shot, startApp, type Running } from './harness.js';

const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const TECH = 'tech01';

let app: Running;
let keeperCtx: BrowserContext;
let adminCtx: BrowserContext;
let keeper: Page;
let admin: Page;
let wo: { id: number; number: string };
let part: { id: number; code: string };

async function api<T = any>(p: Page, path: string, data?: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  const r = data === undefined ? await p.request.get(`${app.baseUrl}/api/v1${path}`) : await p.request.fetch(`${app.baseUrl}/api/v1${path}`, { method, data, headers: { 'X-Requested-With': 'aftersales' } });
  expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
  return r.json() as Promise<T>;
}

beforeAll(async () => {
  app = await startApp({ database: process.env.E2E_DATABASE === 'postgres' ? 'postgres' : 'sqlite' });
  const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
  [keeperCtx, adminCtx] = await Promise.all([app.browser.newContext(desk), app.browser.newContext(desk)]);
  [keeper, admin] = await Promise.all([keeperCtx.newPage(), adminCtx.newPage()]);
  await login(keeper, app.baseUrl, 'keeper', DEMO_PASSWORD);
  await login(admin, app.baseUrl, 'admin', ADMIN_PASSWORD);

  // A signed service report of a work order of a new customer, with 2 old parts to bring back.
  const tech = (await api(admin, '/users?role=technician&limit=500')).items.find((u: any) => u.username === TECH);
  const p = (await api(admin, '/parts?limit=5')).items[0];
  part = { id: p.id, code: p.code };
  const customer = await api(admin, '/customers', { code: 'C-E2E-OLD', name: '旧件测试客运公司' });
  let w = await api(admin, '/work-orders', { customerId: customer.id, serviceType: 'C', category: 'engine', fault: '旧件交回浏览器测试' });
  w = await api(admin, `/work-orders/${w.id}/assign`, { technicianIds: [tech.id], leadId: tech.id, version: w.version });
  for (const to of ['accepted', 'en_route', 'on_site']) w = await api(admin, `/work-orders/${w.id}/transition`, { to, version: w.version });
  const report = await api(
    admin,
    `/work-orders/${w.id}/report`,
    { version: 0, findings: { listen: '异响', look: '漏油', check: '缸垫损坏' }, cause: '缸垫老化', responsibility: 'manufacturer', actions: '更换缸垫', minutesSpent: 60, oldParts: [{ partId: part.id, qty: 2 }] },
    'PUT',
  );
  expect(report.missing).toEqual([]);
  await api(admin, `/work-orders/${w.id}/report/submit`, { version: report.version });
  const signed = await api(admin, `/work-orders/${w.id}/report/sign`, { signature: PNG_1PX, signerName: '刘队长', version: report.version + 1 });
  expect(signed).toMatchObject({ status: 'signed', workOrderStatus: 'signed' });
  wo = { id: w.id, number: w.number };
});

afterAll(async () => {
  await Promise.all([keeperCtx?.close(), adminCtx?.close()]);
  await app?.stop();
});

describe('旧件', () => {
  let handInNumber = '';
  let oldLocationId = 0;

  it('the keeper finds the work order and hands in one old part; a stale second post is refused with the server message', async () => {
    await keeper.goto(`${app.baseUrl}/parts`);
    await keeper.getByTestId('nav').getByText('旧件', { exact: true }).click();
    await keeper.waitForURL(/\/old-parts/);
    // Search by number; click only once the list has settled on the one match (it reloads as one types).
    const woInput = keeper.getByTestId('op-wo').locator('input');
    await woInput.click();
    await woInput.fill(wo.number);
    const options = keeper.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect.poll(() => options.allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringContaining(wo.number)]);
    await options.first().click();
    const row = keeper.locator(`[data-testid="op-lines"] tr[data-row-key="${part.id}"]`);
    await expect.poll(() => row.locator('td').nth(2).innerText()).toBe('2'); // expected
    await expect.poll(() => row.locator('.ant-input-number-input').inputValue()).toBe('2'); // proposes what is pending
    await row.locator('.ant-input-number-input').fill('1');
    await shot(keeper, 'old-parts-hand-in.png');
    await keeper.getByTestId('op-post').click();
    await expect.poll(() => keeper.getByTestId('op-done').innerText()).toMatch(/旧件交回单 JJ\S+ 已过账/);
    handInNumber = /旧件交回单 (\S+) 已过账/.exec(await keeper.getByTestId('op-done').innerText())![1]!;
    await expect.poll(() => row.locator('td').nth(3).innerText()).toBe('1'); // handed in
    await expect.poll(() => keeper.getByText(handInNumber).count()).toBeGreaterThan(1); // the hand-in history under the lines
    await shot(keeper, 'old-parts-hand-in-posted.png');

    // The ledger: VIRT-CONSUMED → the old-parts store, zero cost, linked to the work order.
    const doc = (await api(admin, `/documents?q=${encodeURIComponent(handInNumber)}&limit=10`)).items.find((d: any) => d.number === handInNumber);
    expect(doc).toMatchObject({ type: 'old_parts_in', status: 'posted', workOrderId: wo.id });
    const inMoves = (await api(admin, `/moves?documentId=${doc.id}&limit=50`)).items;
    expect(inMoves).toHaveLength(1);
    expect(inMoves[0]).toMatchObject({ kind: 'old_part_in', partId: part.id, qty: 1, workOrderId: wo.id, toLocationId: doc.toLocationId });
    expect(Number(inMoves[0].unitCost)).toBe(0);
    oldLocationId = doc.toLocationId;

    // Another desk hands in the last one meanwhile; this page still offers 1 → 409 in Chinese.
    await api(admin, '/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: part.id, qty: 1 }] });
    await row.locator('.ant-input-number-input').fill('1');
    await keeper.getByTestId('op-post').click();
    await expect.poll(() => keeper.getByTestId('op-error').innerText()).toMatch(new RegExp(`旧件 ${part.code} 超出服务报告数量：应交回 2，已交回 2，本次 1`));
    const errText = await keeper.getByTestId('op-error').innerText();
    expect(errText).not.toMatch(/old_parts_exceeded|HTTP/);
    expect((await api(admin, `/old-parts?workOrderId=${wo.id}`)).items).toHaveLength(2); // nothing more written
    await keeper.reload();
    await expect.poll(() => keeper.locator(`[data-testid="op-lines"] tr[data-row-key="${part.id}"]`).innerText()).toContain('已全部交回');
  });

  it('the monthly list shows both hand-ins with their work order; the keeper scraps them', async () => {
    await keeper.getByTestId('op-tab-disposal').click();
    const rows = keeper.locator('[data-testid="op-list"] tbody tr.ant-table-row').filter({ hasText: wo.number });
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.first().getByRole('link', { name: wo.number }).count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toContain(part.code);
    await expect.poll(() => rows.first().innerText()).toContain('待处理');
    for (const r of await rows.all()) await r.getByRole('checkbox').check();
    await expect.poll(() => keeper.getByText('已选 2 项').count()).toBe(1);
    await shot(keeper, 'old-parts-disposal.png');
    if (process.env.E2E_SCREENSHOTS === '1') {
      // What 打印 prints: the shell, the filters and the tick boxes are hidden by the print CSS.
      await keeper.emulateMedia({ media: 'print' });
      await shot(keeper, 'old-parts-print.png');
      await keeper.emulateMedia({ media: 'screen' });
    }
    await keeper.getByTestId('op-dispose').click();
    const modal = keeper.locator('.ant-modal').filter({ hasText: '处理 2 项旧件' });
    await modal.getByText('报废', { exact: true }).click();
    await shot(keeper, 'old-parts-dispose-modal.png');
    await modal.getByTestId('op-dispose-ok').click();
    await expect.poll(() => keeper.getByText('已处理 2 项').count()).toBe(1);
    // The pending list no longer has them; "已处理" shows them.
    await expect.poll(() => rows.count()).toBe(0);
    await pick(keeper, keeper.getByTestId('op-status').locator('input'), '已处理');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.first().innerText()).toContain('已处理');

    // The API: disposed, the ledger moved them out to VIRT-SCRAP, the old-parts store holds none.
    const items = (await api(admin, `/old-parts?workOrderId=${wo.id}`)).items;
    expect(items.map((i: any) => [i.status, i.disposedQty, i.pendingQty])).toEqual([
      ['disposed', '1', '0'],
      ['disposed', '1', '0'],
    ]);
    const scrap = (await api(admin, '/locations?includeVirtual=true&limit=500')).items.find((l: any) => l.code === 'VIRT-SCRAP');
    const moves = (await api(admin, `/moves?partId=${part.id}&locationId=${oldLocationId}&limit=100`)).items;
    const out = moves.filter((m: any) => m.kind === 'old_part_out');
    expect(out.reduce((s: number, m: any) => s + m.qty, 0)).toBe(2);
    expect(out.every((m: any) => m.fromLocationId === oldLocationId && m.toLocationId === scrap.id && m.workOrderId === wo.id)).toBe(true);
    const stock = (await api(admin, `/stock?partId=${part.id}&locationId=${oldLocationId}&groupBy=part`)).items;
    expect(stock.reduce((s: number, x: any) => s + x.onHand, 0)).toBe(0);
  });

  it('works at 360 px wide (both tabs)', async () => {
    const phone = await app.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    try {
      const p = await phone.newPage();
      await login(p, app.baseUrl, 'keeper', DEMO_PASSWORD);
      await p.goto(`${app.baseUrl}/old-parts?tab=hand-in&workOrderId=${wo.id}`);
      await expect.poll(() => p.locator(`[data-testid="op-lines"] [data-row-key="${part.id}"]`).innerText()).toContain('已全部交回');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(p, 'old-parts-hand-in-360.png');
      await p.goto(`${app.baseUrl}/old-parts?tab=disposal`);
      await p.locator('[data-testid="op-list"] [data-row-key]').first().waitFor(); // the demo's pending old parts
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(p, 'old-parts-disposal-360.png');
      await pick(p, p.getByTestId('op-status').locator('input'), '已处理');
      await expect.poll(() => p.locator('[data-testid="op-list"] [data-row-key]').filter({ hasText: wo.number }).count()).toBe(2);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await phone.close();
    }
  });
});
