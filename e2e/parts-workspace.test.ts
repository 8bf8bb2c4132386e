// The parts workspace in a real browser (Chinese UI), as a warehouse keeper: bulk edit of parts
// (and a stale row that makes the whole edit fail), an Excel import with a bad row (report shown
// inline, nothing imported, then the good rows only), export downloads, the purchase list by
// supplier, and stock as of a past date. Each screen is checked against what the API reports.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { DEMO_PASSWORD, login, shot, startApp, type Running } from './harness.js';

const CATEGORY = 'E2E滤清器';
const IMPORT_PREFIX = 'E2E-IMP-';

let app: Running;
let ctx: BrowserContext;
let page: Page;
let edited: { id: number; code: string; version: number }[] = [];

async function api<T = any>(path: string): Promise<T> {
  const r = await page.request.get(`${app.baseUrl}/api/v1${path}`);
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return r.json() as Promise<T>;
}

/** Text of the body cells of one column (1-based, counting the selection column) of a table. */
async function column(table: ReturnType<Page['locator']>, n: number): Promise<string[]> {
  return table.locator(`tbody tr.ant-table-row td:nth-child(${n})`).allInnerTexts();
}

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('配件');
  ws.addRow(['编码', '名称', '规格', '单位', '分类', '销售价', '报警值']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(d: Download): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await d.path())!) as never);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

beforeAll(async () => {
  app = await startApp();
  ctx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await ctx.newPage();
  await login(page, app.baseUrl, 'keeper', DEMO_PASSWORD);
  await page.waitForURL(/\/parts$/);
});

afterAll(async () => {
  await ctx?.close();
  await app?.stop();
});

describe('parts: bulk edit', () => {
  it('sets category, alarm quantity and sale price on the ticked parts in one action', async () => {
    const search = page.getByTestId('parts-search').locator('input');
    await search.fill('滤');
    await search.press('Enter');
    const table = page.getByTestId('parts-table');
    const fromApi = (await api('/parts?q=%E6%BB%A4&limit=20')).items;
    expect(fromApi.length).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => (await column(table, 2)).join(',')).toBe(fromApi.map((p: any) => p.code).join(','));
    edited = fromApi.slice(0, 3);
    for (const p of edited) await table.locator('tr', { hasText: p.code }).locator('.ant-table-selection-column input').check();
    await expect.poll(() => page.getByTestId('bulk-bar').innerText()).toContain('已选 3 个配件');
    await page.getByTestId('bulk-edit').click();
    const modal = page.locator('.ant-modal', { hasText: '批量修改 3 个配件' });
    await modal.waitFor();
    await modal.getByTestId('bulk-on-category').check();
    await modal.getByTestId('bulk-category').fill(CATEGORY);
    await modal.getByTestId('bulk-on-alarmQty').check();
    await modal.locator('[data-testid="bulk-alarm"] input, input[data-testid="bulk-alarm"]').first().fill('5000');
    await modal.getByTestId('bulk-on-salePrice').check();
    await modal.locator('[data-testid="bulk-price"] input, input[data-testid="bulk-price"]').first().fill('88.80');
    await shot(page, 'web-parts-bulk-edit.png');
    await page.getByTestId('bulk-apply').click();
    await page.getByText('已修改 3 个配件').waitFor();
    for (const p of edited) {
      const now = await api(`/parts/${p.id}`);
      expect(now).toMatchObject({ category: CATEGORY, alarmQty: 5000, salePrice: '88.80', version: p.version + 1 });
      await expect.poll(() => table.locator('tr', { hasText: p.code }).innerText()).toContain(CATEGORY);
    }
    // One audit record per part.
    edited = await Promise.all(edited.map((p) => api(`/parts/${p.id}`)));
  });

  it('a part changed meanwhile makes the whole edit fail, naming that part; nothing is saved', async () => {
    const table = page.getByTestId('parts-table');
    for (const p of edited) await table.locator('tr', { hasText: p.code }).locator('.ant-table-selection-column input').check();
    // Someone else edits the second part after the page read it.
    const other = edited[1]!;
    const r = await page.request.patch(`${app.baseUrl}/api/v1/parts/${other.id}`, { data: { version: other.version, spec: '另一人修改' }, headers: { 'X-Requested-With': 'aftersales' } });
    expect(r.status()).toBe(200);
    await page.getByTestId('bulk-edit').click();
    const modal = page.locator('.ant-modal', { hasText: '批量修改 3 个配件' });
    await modal.getByTestId('bulk-on-salePrice').check();
    await modal.locator('[data-testid="bulk-price"] input, input[data-testid="bulk-price"]').first().fill('1.00');
    await page.getByTestId('bulk-apply').click();
    const errors = modal.getByTestId('bulk-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('已被他人修改，未保存任何修改');
    expect(await errors.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).toEqual([other.code]);
    for (const p of edited) expect((await api(`/parts/${p.id}`)).salePrice).toBe('88.80');
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('button', { name: '清除选择' }).click();
  });
});

describe('parts: import from Excel', () => {
  it('shows the bad row inline and imports nothing; then imports the good rows only', async () => {
    const bytes = await workbook([
      [`${IMPORT_PREFIX}1`, '进气温度传感器', 'E2E', '个', '传感器', '45.50', 2],
      [`${IMPORT_PREFIX}2`, null, 'E2E', '个', '传感器', '12.00', null],
      [`${IMPORT_PREFIX}3`, '机油压力传感器', 'E2E', '个', '传感器', '39.90', null],
    ]);
    await page.getByTestId('parts-import').click();
    const modal = page.locator('.ant-modal', { hasText: '从 Excel 导入' });
    await modal.waitFor();
    await modal.locator('input[type=file]').setInputFiles({ name: 'parts.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    const report = modal.getByTestId('import-report');
    await report.waitFor();
    expect(await report.innerText()).toContain('1 行有误，2 行正确。默认不导入任何数据。');
    const errs = modal.getByTestId('import-errors');
    // Row 3 of the sheet (header is row 1), column 名称, message in Chinese.
    expect(await errs.locator('tbody tr.ant-table-row').first().innerText()).toMatch(/3\s+名称\s+必填/);
    await shot(page, 'web-parts-import-report.png');
    expect((await api(`/parts?q=${IMPORT_PREFIX}`)).items).toEqual([]);
    await modal.getByTestId('import-good-only').click();
    await modal.getByTestId('import-done').waitFor();
    expect(await modal.getByTestId('import-done').innerText()).toContain('已导入 2 行');
    const codes = (await api(`/parts?q=${IMPORT_PREFIX}`)).items.map((p: any) => p.code);
    expect(codes).toEqual([`${IMPORT_PREFIX}1`, `${IMPORT_PREFIX}3`]);
    await modal.locator('.ant-modal-close').click();
  });

  it('exports the parts list as .xlsx with the current search', async () => {
    const search = page.getByTestId('parts-search').locator('input');
    await search.fill(IMPORT_PREFIX);
    await search.press('Enter');
    await expect.poll(() => column(page.getByTestId('parts-table'), 2)).toEqual([`${IMPORT_PREFIX}1`, `${IMPORT_PREFIX}3`]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('parts-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^parts-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await readXlsx(download);
    expect(rows[0]).toContain('编码');
    expect(rows.slice(1).map((r) => r[0])).toEqual([`${IMPORT_PREFIX}1`, `${IMPORT_PREFIX}3`]);
    await shot(page, 'web-parts-workspace.png');
  });
});

describe('purchase list', () => {
  it('groups what to buy by supplier, as the API does, with the parts now under their alarm', async () => {
    await page.getByTestId('nav').getByText('采购清单').click();
    await page.waitForURL(/\/purchasing$/);
    const list = await api('/shortages/purchase-list?limit=500');
    expect(list.nextCursor).toBeNull();
    await expect.poll(() => page.getByTestId('purchase-group').count()).toBe(list.items.length);
    const titles = await page.getByTestId('purchase-group').locator('h5').allInnerTexts();
    expect(titles).toEqual(list.items.map((g: any) => (g.supplierName ? `${g.supplierCode} ${g.supplierName}` : '未指定供应商')));
    for (const p of edited) {
      const line = list.items.flatMap((g: any) => g.lines).find((l: any) => l.partId === p.id);
      expect(line.sources).toContain('alarm');
      const row = page.getByTestId('purchase-group').locator('tr', { hasText: p.code });
      await expect.poll(() => row.innerText()).toContain('低于报警');
    }
    await shot(page, 'web-purchase-list.png');
  });

  it('prints on A4 and exports .xlsx', async () => {
    const href = await page.getByTestId('purchase-print-a4').getAttribute('href');
    const printed = await page.request.get(`${app.baseUrl}${href}`);
    expect(printed.status()).toBe(200);
    const html = await printed.text();
    expect(html).toContain('采购单');
    for (const p of edited) expect(html).toContain(p.code);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('purchase-export').click()]);
    const rows = await readXlsx(download);
    for (const p of edited) expect(rows.some((r) => r.includes(p.code))).toBe(true);
  });

  it('marks a shortage request as ordered: it leaves the open list', async () => {
    const open = (await api('/shortages?status=open&limit=200')).items;
    expect(open.length).toBeGreaterThan(0);
    const first = open[0];
    await expect.poll(() => page.getByTestId('shortage-table').locator('tbody tr.ant-table-row').count()).toBe(open.length);
    await page.getByTestId(`shortage-ordered-${first.id}`).click();
    await expect.poll(async () => (await api('/shortages?status=open&limit=200')).items.length).toBe(open.length - 1);
    await expect.poll(() => page.getByTestId('shortage-table').locator('tbody tr.ant-table-row').count()).toBe(open.length - 1);
    expect((await api('/shortages?status=ordered&limit=200')).items.map((s: any) => s.id)).toContain(first.id);
  });
});

describe('stock', () => {
  it('shows stock as of a past date, as the API folds it, and highlights stock under its alarm', async () => {
    await page.getByTestId('nav').getByText('库存', { exact: true }).click();
    await page.waitForURL(/\/stock$/);
    const table = page.getByTestId('stock-table');
    // Today: the bulk-edited parts are under their alarm of 5000.
    await page.getByTestId('stock-category').fill(CATEGORY);
    await page.getByTestId('stock-category').press('Enter');
    const now = (await api(`/stock?groupBy=part&category=${encodeURIComponent(CATEGORY)}`)).items;
    expect(now.length).toBeGreaterThan(0);
    await expect.poll(() => table.locator('tr[data-below-alarm="true"]').count()).toBe(now.length);
    await page.getByTestId('stock-category').fill('');
    // A past date: typed into the picker.
    const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const picker = page.getByPlaceholder('截至日期');
    await picker.click();
    await picker.fill(day);
    await picker.press('Enter');
    await page.getByTestId('stock-asof-note').waitFor();
    expect(await page.getByTestId('stock-asof-note').innerText()).toContain(day);
    const past = (await api(`/stock?groupBy=part&asOf=${day}&limit=50`)).items;
    const today = (await api('/stock?groupBy=part&limit=50')).items;
    expect(past.map((r: any) => `${r.partId}:${r.onHand}`)).not.toEqual(today.map((r: any) => `${r.partId}:${r.onHand}`));
    await expect.poll(() => column(table, 1)).toEqual(past.map((r: any) => r.partCode));
    expect(await column(table, 4)).toEqual(past.map((r: any) => String(r.onHand)));
    expect(await column(table, 2)).toEqual(past.map((r: any) => expect.stringContaining(r.partName)));
    await shot(page, 'web-stock-as-of.png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stock-export').click()]);
    const rows = await readXlsx(download);
    expect(rows.length - 1).toBeGreaterThanOrEqual(past.length);
    expect(rows[1]![1]).toBe(past[0].partCode);
  });
});
