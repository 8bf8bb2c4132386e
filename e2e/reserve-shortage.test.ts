// Reservations and shortage requests in a real browser (Chinese UI, technician on a 360 px
// phone): the technician reserves a part, the keeper fulfils it (an issue naming the
// reservation appears and the technician's holding grows), a cancelled reservation gives its
// quantity back, a short line becomes a shortage request seen in the list and in the API, and a
// refused reservation keeps what was typed and says why next to the line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, login, pick, shot, startApp, type Running } from './harness.js';

const STORE = '郑州总仓';

let app: Running;
let techCtx: BrowserContext;
let keeperCtx: BrowserContext;
let tech: Page;
let keeper: Page;
let storeId = 0;
let techId = 0;
let part: { id: number; code: string };
let reservationNumber = '';

async function api<T = any>(p: Page, path: string, data?: unknown): Promise<T> {
  const r = data === undefined ? await p.request.get(`${app.baseUrl}/api/v1${path}`) : await p.request.post(`${app.baseUrl}/api/v1${path}`, { data, headers: { 'X-Requested-With': 'aftersales' } });
  expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
  return r.json() as Promise<T>;
}

const available = async (p: Page) => (await api(p, `/stock?partId=${part.id}&locationId=${storeId}&groupBy=part`)).items[0]?.available ?? 0;
const held = async (p: Page) => (await api(p, `/holdings?userId=${techId}&limit=500`)).items.filter((h: any) => h.partId === part.id).reduce((s: number, h: any) => s + h.qty, 0);

/** Fills the reserve form's store and first line. */
async function fillReserve(p: Page, qty: string) {
  await pick(p, p.locator('#locationId'), STORE);
  await pick(p, p.locator('#lines_0_partId'), part.code, part.code);
  await p.locator('#lines_0_qty').fill(qty);
}

beforeAll(async () => {
  app = await startApp();
  techCtx = await app.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  keeperCtx = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  tech = await techCtx.newPage();
  keeper = await keeperCtx.newPage();
  await login(tech, app.baseUrl, 'tech01', DEMO_PASSWORD);
  await login(keeper, app.baseUrl, 'keeper', DEMO_PASSWORD);
  storeId = (await api(keeper, '/locations?limit=500')).items.find((l: any) => l.name === STORE).id;
  techId = (await api(tech, '/me')).id;
  const s = (await api(keeper, `/stock?locationId=${storeId}&groupBy=part&limit=200`)).items.find((x: any) => x.available >= 4 && Number.isInteger(x.available));
  const p = await api(keeper, `/parts/${s.partId}`);
  part = { id: p.id, code: p.code };
});

afterAll(async () => {
  await techCtx?.close();
  await keeperCtx?.close();
  await app?.stop();
});

describe('reserve and fulfil', () => {
  it('the technician reserves from "my parts" on a phone', async () => {
    await tech.goto(`${app.baseUrl}/my-parts`);
    await tech.getByTestId('reserve-more').click();
    await tech.waitForURL(/\/reservations/);
    await tech.getByTestId('reserve-form').waitFor();
    const before = await available(tech);
    await fillReserve(tech, '2');
    await tech.getByTestId('reserve-post').click();
    const created = tech.getByTestId('reservation-created');
    await created.waitFor();
    reservationNumber = /预订单 (\S+) 已提交/.exec(await created.innerText())![1];
    expect(await available(tech)).toBe(before - 2);
    const mine = (await api(tech, `/reservations?forUserId=${techId}&status=open&limit=50`)).items.find((r: any) => r.number === reservationNumber);
    expect(mine.lines[0]).toMatchObject({ partId: part.id, qty: 2, openQty: 2 });
    await expect.poll(() => tech.getByTestId('reservation').filter({ hasText: reservationNumber }).count()).toBe(1);
    expect(await tech.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(tech, 'web-reservations-360.png');
  });

  it('the keeper fulfils it: an issue document appears and the holding grows', async () => {
    const heldBefore = await held(keeper);
    await keeper.goto(`${app.baseUrl}/reservations`);
    const item = keeper.getByTestId('reservation').filter({ hasText: reservationNumber });
    await item.waitFor();
    await shot(keeper, 'web-reservations.png');
    await item.getByTestId('reservation-fulfil').click();
    await expect.poll(() => keeper.getByTestId('fulfil-qty-0').inputValue()).toBe('2');
    await keeper.getByTestId('fulfil-post').click();
    const result = keeper.getByText(/出库单 \S+ 已过账/);
    await result.waitFor();
    const number = /出库单 (\S+) 已过账/.exec(await result.innerText())![1];
    const doc = (await api(keeper, '/documents?type=issue&limit=50')).items.find((d: any) => d.number === number);
    expect(doc).toBeTruthy();
    expect(doc.lines.reduce((s: number, l: any) => s + (l.partId === part.id ? l.qty : 0), 0)).toBe(2);
    expect(await held(keeper)).toBe(heldBefore + 2);
    const r = (await api(keeper, `/reservations?forUserId=${techId}&limit=50`)).items.find((x: any) => x.number === reservationNumber);
    expect(r.status).toBe('fulfilled');
  });
});

describe('cancel', () => {
  it('cancelling a reservation gives the quantity back', async () => {
    const before = await available(tech);
    const r = await api(tech, '/reservations', { locationId: storeId, forUserId: techId, lines: [{ partId: part.id, qty: 1 }] });
    expect(await available(tech)).toBe(before - 1);
    await tech.goto(`${app.baseUrl}/reservations`);
    const item = tech.getByTestId('reservation').filter({ hasText: r.number });
    await item.getByTestId('reservation-cancel').click();
    await tech.getByTestId('cancel-confirm').click();
    await expect.poll(() => tech.getByTestId('reservation-notice').innerText()).toContain(`预订单 ${r.number} 已取消`);
    expect(await available(tech)).toBe(before);
    const after = (await api(tech, `/reservations?forUserId=${techId}&limit=50`)).items.find((x: any) => x.id === r.id);
    expect(after.status).toBe('cancelled');
  });
});

describe('shortage request', () => {
  it('a refused reservation keeps the typed lines and says why next to the line', async () => {
    await tech.goto(`${app.baseUrl}/reservations?new=1`);
    await tech.getByTestId('reserve-form').waitFor();
    const avail = await available(tech);
    await fillReserve(tech, String(avail + 3));
    await expect.poll(() => tech.getByTestId('availability').innerText()).toContain('缺 3');
    await tech.getByTestId('reserve-post').click();
    await expect.poll(() => tech.getByTestId('form-error').innerText()).toMatch(/库存不足：\S+ 可用 \d+，需要 \d+/);
    expect(await tech.locator('#lines_0_qty').inputValue()).toBe(String(avail + 3));
    expect(await tech.getByTestId('reserve-line-0').innerText()).toContain(part.code);
    await expect.poll(() => tech.getByTestId('reserve-line-0').locator('.ant-form-item-explain-error').innerText()).toContain('库存不足');
  });

  it('the short line becomes a shortage request, in the list and in the API', async () => {
    await tech.getByTestId('shortage-request').click();
    await tech.getByTestId('shortage-confirm').click();
    await expect.poll(() => tech.getByTestId('shortage-requested').innerText()).toContain('已申请缺件 3');
    const list = (await api(tech, '/shortages?status=open&limit=50')).items.filter((s: any) => s.partId === part.id && s.createdBy === techId);
    expect(list.map((s: any) => s.qty)).toContain(3);
    await tech.goto(`${app.baseUrl}/shortages`);
    const row = tech.getByTestId('shortage').filter({ hasText: part.code });
    await row.first().waitFor();
    expect(await row.first().getByTestId('shortage-status').innerText()).toBe('待处理');
    expect(await tech.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(tech, 'web-shortages-360.png');
  });
});
