// The parts and stock workspace in a real browser (Chinese UI): a warehouse keeper searches a
// part by pinyin initials, receives a line, issues it to a technician and sees the slip link,
// checks the stock page; a technician on a 360 px phone sees 我的配件. Every screen is checked
// against what the API reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, login, pick, shot, startApp, type Running } from './harness.js';

const PART_CODE = '3100-0010'; // 轮胎 in the demo catalogue (pinyin initials "lt")
const STORE = '郑州总仓';
const LOT = 'E2E-001';

let app: Running;
let ctx: BrowserContext;
let page: Page;
let partId: number;
let techHeldBefore = 0;
const held = (items: any[]) => items.filter((h) => h.partId === partId).reduce((n, h) => n + h.qty, 0);

/** A JSON GET with the page's session cookie. */
async function api<T = any>(p: Page, path: string): Promise<T> {
  const r = await p.request.get(`${app.baseUrl}/api/v1${path}`);
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return r.json() as Promise<T>;
}

beforeAll(async () => {
  app = await startApp();
  ctx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await ctx.newPage();
});

afterAll(async () => {
  await ctx?.close();
  await app?.stop();
});

describe('warehouse keeper: receive, issue, stock', () => {
  let storeId: number;
  let onHandBefore: number;

  it('logs in and gets the keeper navigation in Chinese', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL(/\/login$/);
    await expect.poll(() => page.getByRole('button', { name: /登\s*录/ }).isVisible()).toBe(true);
    await shot(page, 'web-login.png');
    await login(page, app.baseUrl, 'keeper', DEMO_PASSWORD);
    await page.waitForURL(/\/parts$/);
    const nav = page.getByTestId('nav');
    for (const item of ['配件', '入库', '出库', '库存']) await expect.poll(() => nav.getByText(item, { exact: true }).count()).toBe(1);
    expect(await nav.getByText('我的配件').count()).toBe(0);
    const me = await api(page, '/me');
    expect(me.username).toBe('keeper');
    expect(await page.getByTestId('user-menu').innerText()).toContain(me.displayName);
  });

  it('finds a part by pinyin initials and shows its detail', async () => {
    const search = page.getByTestId('parts-search').locator('input');
    await search.fill('lt');
    await search.press('Enter');
    const row = page.locator('tr', { hasText: PART_CODE });
    await row.waitFor();
    const fromApi = await api(page, '/parts?q=lt&limit=20');
    const part = fromApi.items.find((p: any) => p.code === PART_CODE);
    expect(part.name).toBe('轮胎');
    partId = part.id;
    // Every row the page shows is one the API returned for "lt".
    // The code is the first column after the row-selection checkboxes (bulk edit).
    const codes = await page.locator('.ant-table-tbody tr.ant-table-row td.ant-table-selection-column + td').allInnerTexts();
    expect(codes.length).toBe(fromApi.items.length);
    expect(new Set(codes)).toEqual(new Set(fromApi.items.map((p: any) => p.code)));
    await row.click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('各库位库存').waitFor();
    await drawer.getByText('出入库流水').waitFor();
    const detail = await api(page, `/parts/${partId}`);
    storeId = detail.stock.find((s: any) => s.locationName === STORE)?.locationId;
    expect(storeId).toBeTruthy();
    await expect.poll(() => page.getByTestId('part-stock').innerText()).toContain(STORE);
    await page.waitForTimeout(300);
    await shot(page, 'web-part-detail.png');
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await shot(page, 'web-parts.png');
  });

  it('receives a line: preview says new lot, a bad quantity shows the server message on the field, then posts', async () => {
    onHandBefore = (await api(page, `/stock?partId=${partId}&locationId=${storeId}&groupBy=part`)).items[0]?.onHand ?? 0;
    await page.getByTestId('nav').getByText('入库', { exact: true }).click();
    await page.waitForURL(/\/receipts\/new$/);
    await pick(page, page.locator('#locationId'), STORE);
    await pick(page, page.locator('#lines_0_partId'), PART_CODE, 'lt');
    await page.locator('#lines_0_qty').fill('0');
    await page.locator('#lines_0_unitCost').fill('3000.00');
    await page.locator('#lines_0_lot').fill(LOT);

    // The server rejects qty 0 with details.field = lines.0.qty: shown at the field, input kept.
    await page.getByTestId('receipt-preview').click();
    await page.getByTestId('form-error').waitFor();
    expect(await page.getByTestId('form-error').innerText()).toContain('数量必须大于零');
    await expect.poll(() => page.getByTestId('receipt-line-0').locator('.ant-form-item-explain-error').allInnerTexts()).toContain('数量必须大于零');
    expect(await page.locator('#lines_0_lot').inputValue()).toBe(LOT);
    expect(await page.locator('#lines_0_unitCost').inputValue()).toBe('3000.00');

    await page.locator('#lines_0_qty').fill('5');
    await page.getByTestId('receipt-preview').click();
    await expect.poll(() => page.getByTestId('receipt-preview-0').innerText()).toBe(`新批次 ${LOT}`);
    await shot(page, 'web-receipt.png');

    await page.getByTestId('receipt-post').click();
    await page.getByText(/入库单 .+ 已过账/).waitFor();
    const a4 = await page.getByTestId('print-a4').getAttribute('href');
    expect(a4).toMatch(/^\/api\/v1\/documents\/\d+\/print\?format=html&paper=a4$/);
    expect(await page.getByTestId('print-pdf').getAttribute('href')).toMatch(/format=pdf/);
    const after = (await api(page, `/stock?partId=${partId}&locationId=${storeId}&groupBy=part`)).items[0].onHand;
    expect(after).toBe(onHandBefore + 5);
    const lot = (await api(page, `/parts/${partId}`)).lots.find((l: any) => l.lotNo === LOT);
    expect(lot.onHand).toBe(5);
  });

  it('issues two to a technician, with the store availability shown, and links the slip', async () => {
    await page.getByTestId('nav').getByText('出库', { exact: true }).click();
    await page.waitForURL(/\/issues\/new$/);
    await pick(page, page.locator('#fromLocationId'), STORE);
    await pick(page, page.locator('#toUserId'), '张伟');
    await pick(page, page.locator('#lines_0_partId'), PART_CODE, 'lt');
    const available = (await api(page, `/stock?partId=${partId}&locationId=${storeId}&groupBy=part`)).items[0].available;
    await expect.poll(() => page.getByTestId('availability').innerText()).toBe(`可用 ${available}`);
    await page.locator('#lines_0_qty').fill('2');
    const tech = (await api(page, '/users?role=technician&limit=500')).items.find((u: any) => u.username === 'tech01');
    techHeldBefore = held((await api(page, `/holdings?userId=${tech.id}&partId=${partId}&limit=500`)).items);
    await shot(page, 'web-issue.png');
    await page.getByTestId('issue-post').click();
    await page.getByText(/出库单 .+ 已过账/).waitFor();
    const slip = await page.getByTestId('print-80mm').getAttribute('href');
    expect(slip).toMatch(/^\/api\/v1\/documents\/\d+\/print\?format=html&paper=80mm$/);
    const printed = await page.request.get(`${app.baseUrl}${slip}`);
    expect(printed.status()).toBe(200);
    expect(await printed.text()).toContain('张伟');
    await shot(page, 'web-issue-posted.png');
  });

  it('shows the new quantity on the stock page, as the API reports it', async () => {
    await page.getByTestId('nav').getByText('库存', { exact: true }).click();
    await page.waitForURL(/\/stock$/);
    await pick(page, page.locator('[data-testid="stock-location"] input'), STORE);
    const api0 = (await api(page, `/stock?partId=${partId}&locationId=${storeId}&groupBy=part`)).items[0];
    expect(api0.onHand).toBe(onHandBefore + 5 - 2);
    const row = page.getByTestId('stock-table').locator('tr.ant-table-row', { hasText: PART_CODE });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toContain('轮胎');
    expect(cells[2]).toBe(STORE);
    expect(cells[3]).toBe(String(api0.onHand));
    expect(cells[5]).toBe(String(api0.available));
    // Below-alarm rows are marked the way the API flags them.
    const page1 = await api(page, `/stock?locationId=${storeId}&groupBy=part&limit=50`);
    const flagged = page1.items.filter((i: any) => i.belowAlarm).length;
    await expect.poll(() => page.getByTestId('stock-table').locator('tr[data-below-alarm="true"]').count()).toBe(flagged);
    await shot(page, 'web-stock.png');
  });

  it('switches language from the user menu; server errors follow it', async () => {
    await chooseLanguage(page, '语言', '繁體中文');
    await expect.poll(() => page.getByTestId('nav').innerText()).toContain('庫存');
    await page.getByTestId('nav').getByText('入庫', { exact: true }).click();
    await pick(page, page.locator('#locationId'), STORE);
    await pick(page, page.locator('#lines_0_partId'), PART_CODE, 'lt');
    await page.locator('#lines_0_qty').fill('0');
    await page.locator('#lines_0_unitCost').fill('1.00');
    await page.getByTestId('receipt-preview').click();
    await expect.poll(() => page.getByTestId('form-error').innerText()).toContain('數量必須大於零');
    await chooseLanguage(page, '語言', '简体中文');
    await expect.poll(() => page.getByTestId('nav').innerText()).toContain('库存');
  });

  it('logs out from the user menu', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login$/);
    const r = await page.request.get(`${app.baseUrl}/api/v1/me`);
    expect(r.status()).toBe(401);
  });
});

/**
 * User menu → 语言 (a hover submenu) → a language. On a slow machine the submenu can close while
 * the pointer travels to it (it animates, and the page re-renders after a language change): the
 * menu is opened again, up to three times.
 */
async function chooseLanguage(p: Page, submenu: string, language: string) {
  for (let attempt = 1; ; attempt++) {
    await p.getByTestId('user-menu').click();
    await p.getByText(submenu, { exact: true }).hover();
    try {
      await p.getByText(language, { exact: true }).click({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await p.keyboard.press('Escape');
      await p.mouse.move(0, 0);
    }
  }
}

describe('technician on a phone', () => {
  it('sees 我的配件 with the issued lot and its value at 360 px', async () => {
    const phone = await app.browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const p = await phone.newPage();
      await login(p, app.baseUrl, 'tech01', DEMO_PASSWORD);
      await p.waitForURL(/\/my-parts$/);
      await p.getByText('我的配件').first().waitFor();
      const me = await api(p, '/me');
      const holdings = (await api(p, `/holdings?userId=${me.id}&limit=500`)).items;
      // The issue took the oldest lots first (FIFO); the technician now holds two more.
      expect(held(holdings)).toBe(techHeldBefore + 2);
      const lotNo = holdings.find((h: any) => h.partId === partId).lotNo;
      const item = p.getByTestId('holding').filter({ hasText: lotNo });
      await item.first().waitFor();
      expect(await item.first().innerText()).toContain('轮胎');
      expect(await p.getByTestId('holding').count()).toBe(holdings.length);
      // Total value = the sum of the API's values, in fen.
      const fen = holdings.reduce((s: number, h: any) => s + Math.round(Number(h.value) * 100), 0);
      const total = `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
      await expect.poll(() => p.getByTestId('holdings-total').innerText()).toContain(total);
      // The page fits the phone: no horizontal scrolling.
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(p, 'web-my-parts-360.png');
      // Navigation: a technician has 我的配件/预订/返还 and no stock or receipt screens.
      await p.getByTestId('nav-toggle').click();
      const nav = p.locator('.ant-drawer [data-testid="nav"]');
      await nav.waitFor();
      const menu = await nav.locator('.ant-menu-item').allInnerTexts();
      expect(menu).toEqual(expect.arrayContaining(['配件', '我的配件', '预订', '返还', '缺件申请', '手机端']));
      for (const desk of ['入库', '出库', '库存', '单据', '审批', '派工看板']) expect(menu).not.toContain(desk);
      await shot(p, 'web-nav-360.png');
    } finally {
      await phone.close();
    }
  });
});
