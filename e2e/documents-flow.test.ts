// Documents, transfers and statistics in a real browser (Chinese UI): a keeper sends a part to
// a station, the station's user receives it one piece short and sees the difference; a manager
// sees the issue statistics chart and table; the keeper reverses a move from 单据 and the API
// then shows the counter-move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, login, pick, shot, startApp, type Running } from './harness.js';

const PART_CODE = '3100-0010'; // 轮胎 in the demo catalogue
const FROM = '郑州总仓';
const STATION = '北京服务站';

let app: Running;
let ctx: BrowserContext;
let page: Page;
let transferNumber = '';
let receiptNumber = '';

async function api<T = any>(p: Page, path: string, init?: { method: 'POST'; data: unknown }): Promise<T> {
  const r = init ? await p.request.post(`${app.baseUrl}/api/v1${path}`, { data: init.data, headers: { 'X-Requested-With': 'aftersales' } }) : await p.request.get(`${app.baseUrl}/api/v1${path}`);
  expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
  return r.json() as Promise<T>;
}

beforeAll(async () => {
  app = await startApp();
  ctx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await ctx.newPage();
  await login(page, app.baseUrl, 'keeper', DEMO_PASSWORD);
});

afterAll(async () => {
  await ctx?.close();
  await app?.stop();
});

describe('transfer to a station and receive it with a difference', () => {
  it('keeper sends three pieces from the warehouse to the station', async () => {
    const nav = page.getByTestId('nav');
    for (const item of ['单据', '调拨', '调拨收货', '返还与核销', '领取统计']) await expect.poll(() => nav.getByText(item, { exact: true }).count()).toBe(1);
    expect(await nav.getByText('审批', { exact: true }).count()).toBe(0);
    await nav.getByText('调拨', { exact: true }).click();
    await page.waitForURL(/\/transfers\/new$/);
    await pick(page, page.locator('#fromLocationId'), FROM);
    await pick(page, page.locator('#toLocationId'), STATION);
    await pick(page, page.locator('#lines_0_partId'), PART_CODE, 'lt');
    await page.locator('#lines_0_qty').fill('3');
    await shot(page, 'web-transfer.png');
    await page.getByTestId('transfer-post').click();
    const done = page.getByText(/调拨单 .+ 已发出，在途/);
    await done.waitFor();
    transferNumber = /调拨单 (\S+) 已发出/.exec(await done.innerText())![1];
    const list = await api(page, `/documents?type=transfer&status=in_transit&limit=100`);
    const doc = list.items.find((d: any) => d.number === transferNumber);
    expect(doc.lines[0].qty).toBe(3);
  });

  it('the station user receives two of three and sees the difference', async () => {
    const sctx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const p = await sctx.newPage();
      await login(p, app.baseUrl, 'station_bj', DEMO_PASSWORD);
      await p.getByTestId('nav').getByText('调拨收货', { exact: true }).click();
      await p.waitForURL(/\/transfers\/receive$/);
      const card = p.getByTestId('transfer-card').filter({ hasText: transferNumber });
      await card.waitFor();
      const input = card.locator('input[data-testid="received-1"], [data-testid="received-1"] input').first();
      await expect.poll(() => input.inputValue()).toBe('3');
      await input.fill('2');
      await shot(p, 'web-transfer-receive.png');
      await card.getByTestId('receive-post').click();
      const result = p.getByTestId('receive-result');
      await result.waitFor();
      await expect.poll(() => p.getByTestId('difference').first().innerText()).toMatch(/轮胎：发出 3，实收 2，差 -1/);
      receiptNumber = /收货单 (\S+)/.exec(await result.innerText())![1];
      await shot(p, 'web-transfer-received.png');
      const doc = (await api(p, `/documents?type=transfer&limit=100`)).items.find((d: any) => d.number === transferNumber);
      expect(doc.status).not.toBe('in_transit');
      const detail = await api(p, `/documents/${doc.id}`);
      expect(detail.lines[0].receivedQty).toBe(2);
    } finally {
      await sctx.close();
    }
  });
});

describe('statistics for a manager', () => {
  it('shows the chart above the table, rows as the API reports them', async () => {
    const mctx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const p = await mctx.newPage();
      await login(p, app.baseUrl, 'manager', DEMO_PASSWORD);
      const nav = p.getByTestId('nav');
      await nav.getByText('审批', { exact: true }).click();
      await p.waitForURL(/\/approvals$/);
      await p.locator('.ant-list').first().waitFor();
      await p.waitForTimeout(500);
      await shot(p, 'web-approvals.png');
      await nav.getByText('领取统计', { exact: true }).click();
      await p.waitForURL(/\/stats\/issues$/);
      const chart = p.getByTestId('stats-chart');
      await chart.locator('canvas').waitFor();
      const rows = p.getByTestId('stats-table').locator('tr.ant-table-row');
      await rows.first().waitFor();
      const chartBox = (await chart.boundingBox())!;
      const tableBox = (await p.getByTestId('stats-table').boundingBox())!;
      expect(chartBox.height).toBeGreaterThan(200);
      expect(chartBox.y + chartBox.height).toBeLessThanOrEqual(tableBox.y + 1);
      const href = (await p.getByTestId('stats-export').getAttribute('href'))!;
      expect(href).toMatch(/^\/api\/v1\/exports\/issue-stats\.xlsx\?groupBy=employee&from=/);
      const query = href.split('?')[1];
      const stats = await api(p, `/reports/issue-stats?${query}&limit=500`);
      expect(stats.items.length).toBeGreaterThan(0);
      expect(stats.nextCursor).toBeNull();
      await expect.poll(() => rows.count()).toBe(stats.items.length);
      // The API pages in key order; the page shows the largest cost first.
      const top = [...stats.items].sort((a: any, b: any) => Number(b.cost) - Number(a.cost))[0];
      const first = await rows.first().locator('td').allInnerTexts();
      expect(first[0]).toBe(top.label);
      expect(first[1]).toBe(String(top.issuedQty));
      await p.waitForTimeout(800); // the chart animates in
      await shot(p, 'web-stats.png');
      const xlsx = await p.request.get(`${app.baseUrl}${href}`);
      expect(xlsx.status()).toBe(200);
    } finally {
      await mctx.close();
    }
  });
});

describe('a stock count (盘点) by the keeper', () => {
  it('opens a sheet for the store, scans a part to its lines, enters one piece over, and submits it for approval', async () => {
    await page.getByTestId('nav').getByText('盘点', { exact: true }).click();
    await page.waitForURL(/\/counts$/);
    await pick(page, page.getByTestId('counts-store').locator('input'), FROM);
    await page.getByTestId('counts-open').click();
    const done = page.getByTestId('counts-done');
    await done.waitFor();
    const number = /(PD-\S+) 已开单/.exec(await done.innerText())![1];
    const sheet = page.getByTestId('count-sheet');
    await sheet.getByText(number).waitFor();
    const list = await api(page, `/documents?type=count&status=draft&limit=100`);
    const opened = list.items.find((d: any) => d.number === number);
    const doc = await api(page, `/documents/${opened.id}`);
    // On the shelf: the tyre's barcode scanned into 定位 (a wedge scanner types it and Enter).
    const part = (await api(page, `/parts?q=${PART_CODE}`)).items.find((x: any) => x.code === PART_CODE);
    expect(part.barcode).toBeTruthy();
    const first = doc.lines.find((l: any) => l.partId === part.id);
    const locate = page.getByTestId('count-locate').locator('input');
    await locate.click();
    await page.keyboard.type(part.barcode, { delay: 5 });
    await page.keyboard.press('Enter');
    const rows = sheet.locator('tr[data-testid^="count-line-"]');
    await expect.poll(async () => (await rows.allInnerTexts()).every((r) => r.includes(PART_CODE))).toBe(true);
    expect(await rows.count()).toBe(doc.lines.filter((l: any) => l.partId === part.id).length);
    // The cursor is in the first line's count: type it and Enter, and it is back in 定位.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('count-qty');
    await page.keyboard.type(String(first.qty + 1));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('count-line-0').innerText()).toContain('+1');
    await expect.poll(() => locate.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'web-count.png');
    await page.getByTestId('count-record').click();
    await page.getByText(`${number} 已提交，待主管审批`).waitFor();
    const recorded = await api(page, `/documents/${opened.id}`);
    expect(recorded.status).toBe('pending_approval');
    expect(recorded.lines.find((l: any) => l.id === first.id).countedQty).toBe(first.qty + 1);
    expect(recorded.lines.filter((l: any) => l.countedQty !== undefined)).toHaveLength(1);
  });

  it('opens a sheet for one chosen part only, then cancels it (作废); the API shows it cancelled', async () => {
    await page.goto(`${app.baseUrl}/counts`);
    await pick(page, page.getByTestId('counts-store').locator('input'), FROM);
    const parts = page.getByTestId('counts-parts');
    await parts.click();
    await page.keyboard.type(PART_CODE, { delay: 5 });
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: PART_CODE }).first().click();
    await page.keyboard.press('Escape');
    await expect.poll(() => parts.innerText()).toContain(PART_CODE);
    await page.getByTestId('counts-open').click();
    const number = /(PD-\S+) 已开单/.exec(await page.getByTestId('counts-done').innerText())![1]!;
    const part = (await api(page, `/parts?q=${PART_CODE}`)).items.find((x: any) => x.code === PART_CODE);
    const opened = (await api(page, `/documents?type=count&status=draft&limit=100`)).items.find((d: any) => d.number === number);
    const doc = await api(page, `/documents/${opened.id}`);
    expect(doc.lines.length).toBeGreaterThan(0);
    expect(doc.lines.every((l: any) => l.partId === part.id)).toBe(true);
    const sheet = page.getByTestId('count-sheet');
    await sheet.getByText(number).waitFor();
    expect(await sheet.locator('tr[data-testid^="count-line-"]').count()).toBe(doc.lines.length);
    await sheet.getByTestId('count-cancel').click();
    await page.getByTestId('count-cancel-ok').click();
    await page.getByText(`${number} 已作废`).waitFor();
    await sheet.waitFor({ state: 'detached' });
    expect((await api(page, `/documents/${opened.id}`)).status).toBe('cancelled');
  });
});

describe('a stock count in the approvals inbox', () => {
  it('the manager sees the recorded variance and approves it; the API then shows the count posted and the stock one less', async () => {
    const store = (await api(page, '/locations?limit=500')).items.find((l: any) => l.name === FROM);
    const part = (await api(page, `/parts?q=${PART_CODE}`)).items.find((x: any) => x.code === PART_CODE);
    const count = await api(page, '/counts', { method: 'POST', data: { locationId: store.id, partIds: [part.id] } });
    const line = count.lines.find((l: any) => l.qty >= 1);
    await api(page, `/counts/${count.id}/record`, { method: 'POST', data: { version: count.version, lines: [{ lineId: line.id, countedQty: line.qty - 1 }] } });
    const stockOf = async () => (await api(page, `/stock?locationId=${store.id}&partId=${part.id}&groupBy=part`)).items[0].onHand as number;
    const before = await stockOf();
    const mctx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const p = await mctx.newPage();
      await login(p, app.baseUrl, 'manager', DEMO_PASSWORD);
      await p.getByTestId('nav').getByText('审批', { exact: true }).click();
      await p.waitForURL(/\/approvals$/);
      const item = p.getByTestId('approval').filter({ hasText: count.number });
      await item.waitFor();
      expect(await item.innerText()).toContain('盘点单');
      expect(await item.getByTestId('count-summary').innerText()).toBe('已盘 1 行，其中 1 行有差异');
      const variance = await item.getByTestId('count-variance').innerText();
      expect(variance).toContain(PART_CODE);
      expect(variance).toContain(`系统 ${line.qty} → 实盘 ${line.qty - 1}`);
      expect(variance).toContain('-1');
      await shot(p, 'web-approvals-count.png');
      await item.getByTestId('approve').click();
      await p.getByText(`${count.number} 已批准`).waitFor();
      const doc = await api(page, `/documents/${count.id}`);
      expect(doc.status).toBe('posted');
      expect(await stockOf()).toBe(before - 1);
    } finally {
      await mctx.close();
    }
  });
});

describe('documents: reverse a move with a reason', () => {
  it('keeper reverses the station receipt move and the API shows the counter-move', async () => {
    await page.getByTestId('nav').getByText('返还与核销', { exact: true }).click();
    await page.waitForURL(/\/returns-write-offs$/);
    // Whoever holds parts at the end of the demo (finished jobs consume what their reports list).
    const holder = (await api(page, '/holdings?limit=1')).items[0];
    const who = (await api(page, '/users?role=technician&limit=100')).items.find((u: any) => u.id === holder.userId);
    await pick(page, page.locator('[data-testid="rw-employee"] input'), who.displayName);
    await page.getByTestId('rw-holdings').locator('tr.ant-table-row').first().waitFor();
    await shot(page, 'web-returns-write-offs.png');

    await page.getByTestId('nav').getByText('单据', { exact: true }).click();
    await page.waitForURL(/\/documents$/);
    await pick(page, page.locator('[data-testid="doc-type"] input'), '调拨收货单');
    const row = page.getByTestId('doc-table').locator('tr.ant-table-row', { hasText: receiptNumber });
    await row.waitFor();
    await shot(page, 'web-documents.png');
    await row.click();
    const drawer = page.locator('.ant-drawer-open');
    const inRow = drawer.getByTestId('doc-moves').locator('tr.ant-table-row', { hasText: '调入' });
    await inRow.waitFor();
    await drawer.getByText('重新打印').waitFor();
    expect(await drawer.getByTestId('print-a4').getAttribute('href')).toMatch(/^\/api\/v1\/documents\/\d+\/print\?format=html&paper=a4$/);
    const docId = Number(/documents\/(\d+)\//.exec((await drawer.getByTestId('print-a4').getAttribute('href'))!)![1]);
    const moves = (await api(page, `/moves?documentId=${docId}`)).items;
    const original = moves.find((m: any) => m.kind === 'transfer_in');
    expect(original.qty).toBe(2);
    await page.waitForTimeout(300);
    await shot(page, 'web-document-detail.png');

    await inRow.getByTestId('reverse-move').click();
    // An empty reason is refused next to the field; then a real one posts the reversal.
    await page.getByTestId('reverse-ok').click();
    await expect.poll(() => page.getByTestId('reverse-error').innerText()).toContain('请输入冲销原因');
    await page.getByTestId('reverse-reason').fill('收货数量录错');
    await page.getByTestId('reverse-ok').click();
    const notice = drawer.getByTestId('doc-notice');
    await notice.waitFor();
    const reversalNumber = /冲销单 (\S+)/.exec(await notice.innerText())![1];

    const found = (await api(page, `/documents?q=${encodeURIComponent(reversalNumber)}&limit=10`)).items.find((d: any) => d.number === reversalNumber);
    expect(found.type).toBe('reversal');
    const counter = (await api(page, `/moves?documentId=${found.id}`)).items;
    expect(counter).toHaveLength(1);
    expect(counter[0].reversesMoveId).toBe(original.id);
    expect(counter[0].fromLocationId).toBe(original.toLocationId);
    expect(counter[0].toLocationId).toBe(original.fromLocationId);
    expect(counter[0].qty).toBe(original.qty);

    // Reversing it again is refused with the server's message in the dialog.
    await inRow.getByTestId('reverse-move').click();
    await page.getByTestId('reverse-reason').fill('再来一次');
    await page.getByTestId('reverse-ok').click();
    await page.getByTestId('reverse-error').waitFor();
    expect((await page.getByTestId('reverse-error').innerText()).length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
  });
});
