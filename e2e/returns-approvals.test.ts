// Returns, write-offs and approvals in a real browser (Chinese UI): the keeper returns several
// lines of a technician's holding to the store at once, then writes lines off as consumed and as
// scrapped; a requisition caught by an approval rule waits in 审批, where the service manager
// approves one (it posts: moves exist, the holding grows) and rejects another with a note (its
// reservation is released). Every step is checked in what the page says and what the API reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, pick, startApp, type Running } from './harness.js';

const STORE = '郑州总仓';
const TECH = 'tech02';

let app: Running;
let keeperCtx: BrowserContext;
let managerCtx: BrowserContext;
let adminCtx: BrowserContext;
let keeper: Page;
let manager: Page;
let admin: Page;
let storeId = 0;
let storeLabel = '';
let techId = 0;
let techLabel = '';
/** One holding row (part + lot) per chosen part, each held at least 5. */
let rows: { partId: number; lotId: number; code: string }[] = [];

async function api<T = any>(p: Page, path: string, data?: unknown): Promise<T> {
  const r = data === undefined ? await p.request.get(`${app.baseUrl}/api/v1${path}`) : await p.request.post(`${app.baseUrl}/api/v1${path}`, { data, headers: { 'X-Requested-With': 'aftersales' } });
  expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
  return r.json() as Promise<T>;
}

/** The technician's holding, per part and lot. */
async function holdings(): Promise<Map<string, number>> {
  const items = (await api(keeper, `/holdings?userId=${techId}&limit=500`)).items as { partId: number; lotId: number; qty: number }[];
  return new Map(items.map((h) => [`${h.partId}-${h.lotId}`, h.qty]));
}
const heldOf = (m: Map<string, number>, r: { partId: number; lotId: number }) => m.get(`${r.partId}-${r.lotId}`) ?? 0;
const storeStock = async (partId: number) => (await api(keeper, `/stock?partId=${partId}&locationId=${storeId}&groupBy=part`)).items[0] as { onHand: number; available: number; reserved: number };

/** Ticks a holding row on the 返还与核销 page and types its quantity. */
async function tick(p: Page, row: { partId: number; lotId: number }, qty: number) {
  const tr = p.locator(`tr[data-row-key="${row.partId}-${row.lotId}"]`);
  await tr.getByRole('checkbox').check();
  await tr.locator('.ant-input-number-input').fill(String(qty));
}
const heldCell = (p: Page, row: { partId: number; lotId: number }) => p.locator(`tr[data-row-key="${row.partId}-${row.lotId}"] td`).nth(3);

async function openFor(p: Page) {
  await p.goto(`${app.baseUrl}/returns-write-offs`);
  await pick(p, p.getByTestId('rw-employee').locator('input'), techLabel, TECH);
  await p.locator(`tr[data-row-key="${rows[0]!.partId}-${rows[0]!.lotId}"]`).waitFor();
}

beforeAll(async () => {
  app = await startApp();
  const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
  [keeperCtx, managerCtx, adminCtx] = await Promise.all([app.browser.newContext(desk), app.browser.newContext(desk), app.browser.newContext(desk)]);
  [keeper, manager, admin] = await Promise.all([keeperCtx.newPage(), managerCtx.newPage(), adminCtx.newPage()]);
  await login(keeper, app.baseUrl, 'keeper', DEMO_PASSWORD);
  await login(manager, app.baseUrl, 'manager', DEMO_PASSWORD);
  await login(admin, app.baseUrl, 'admin', ADMIN_PASSWORD);
  const store = (await api(keeper, '/locations?limit=500')).items.find((l: any) => l.name === STORE);
  storeId = store.id;
  storeLabel = `${store.code} ${store.name}`;
  const tech = (await api(keeper, '/users?role=technician&limit=500')).items.find((u: any) => u.username === TECH);
  techId = tech.id;
  techLabel = `${tech.displayName}（${TECH}）`;

  // Three parts with plenty in the store; the manager issues 10 of each (a manager's issue never
  // waits for approval), so the technician surely holds them.
  const stock = (await api(keeper, `/stock?locationId=${storeId}&groupBy=part&limit=200`)).items.filter((x: any) => x.available >= 25 && Number.isInteger(x.available));
  expect(stock.length).toBeGreaterThanOrEqual(3);
  const parts = stock.slice(0, 3).map((s: any) => ({ id: s.partId as number, code: s.partCode as string }));
  await api(manager, '/issues', { fromLocationId: storeId, toUserId: techId, lines: parts.map((p: { id: number }) => ({ partId: p.id, qty: 10 })) });
  const held = (await api(keeper, `/holdings?userId=${techId}&limit=500`)).items as { partId: number; lotId: number; qty: number }[];
  rows = parts.map((p: { id: number; code: string }) => {
    const best = held.filter((h) => h.partId === p.id).sort((a, b) => b.qty - a.qty)[0]!;
    expect(best.qty, `${p.code} held in one lot`).toBeGreaterThanOrEqual(5);
    return { partId: p.id, lotId: best.lotId, code: p.code };
  });
});

afterAll(async () => {
  await Promise.all([keeperCtx?.close(), managerCtx?.close(), adminCtx?.close()]);
  await app?.stop();
});

describe('返还与核销', () => {
  it('the keeper returns several lines at once: the holding shrinks and the store grows by exactly those quantities', async () => {
    const [a, b] = [rows[0]!, rows[1]!];
    const before = await holdings();
    const stockA = await storeStock(a.partId);
    const stockB = await storeStock(b.partId);
    await openFor(keeper);
    await tick(keeper, a, 2);
    await tick(keeper, b, 3);
    await pick(keeper, keeper.getByTestId('rw-to').locator('input'), storeLabel);
    await keeper.getByTestId('rw-post').click();
    await expect.poll(() => keeper.getByTestId('rw-done').innerText()).toMatch(/返还单 \S+ 已过账/);
    const number = /返还单 (\S+) 已过账/.exec(await keeper.getByTestId('rw-done').innerText())![1]!;
    // The table refreshes to what is left.
    await expect.poll(() => heldCell(keeper, a).innerText()).toBe(String(heldOf(before, a) - 2));
    await expect.poll(() => heldCell(keeper, b).innerText()).toBe(String(heldOf(before, b) - 3));

    const after = await holdings();
    expect(heldOf(after, a)).toBe(heldOf(before, a) - 2);
    expect(heldOf(after, b)).toBe(heldOf(before, b) - 3);
    expect(heldOf(after, rows[2]!)).toBe(heldOf(before, rows[2]!));
    expect((await storeStock(a.partId)).onHand).toBe(stockA.onHand + 2);
    expect((await storeStock(b.partId)).onHand).toBe(stockB.onHand + 3);
    const doc = (await api(keeper, `/documents?type=return&q=${encodeURIComponent(number)}&limit=10`)).items.find((d: any) => d.number === number);
    expect(doc).toMatchObject({ type: 'return', status: 'posted', userId: techId, toLocationId: storeId });
    expect(doc.lines.map((l: any) => [l.partId, l.lotId, l.qty]).sort()).toEqual([[a.partId, a.lotId, 2], [b.partId, b.lotId, 3]].sort());
  });

  it('writes off several lines as consumed in one action, then several as scrapped', async () => {
    const [a, b, c] = [rows[0]!, rows[1]!, rows[2]!];
    const before = await holdings();
    await openFor(keeper);
    await keeper.getByTestId('rw-mode').getByText('核销', { exact: true }).click();
    await tick(keeper, a, 1);
    await tick(keeper, c, 2);
    await keeper.getByTestId('rw-reason').getByText('已使用（消耗）').click();
    await keeper.getByTestId('rw-post').click();
    await expect.poll(() => keeper.getByTestId('rw-done').innerText()).toMatch(/核销单 \S+ 已过账/);
    const consumed = /核销单 (\S+) 已过账/.exec(await keeper.getByTestId('rw-done').innerText())![1]!;
    await expect.poll(() => heldCell(keeper, c).innerText()).toBe(String(heldOf(before, c) - 2));

    await tick(keeper, b, 1);
    await tick(keeper, c, 1);
    await keeper.getByTestId('rw-reason').getByText('报废').click();
    await keeper.getByTestId('rw-post').click();
    await expect.poll(() => keeper.getByTestId('rw-done').innerText()).not.toContain(consumed);
    const scrapped = /核销单 (\S+) 已过账/.exec(await keeper.getByTestId('rw-done').innerText())![1]!;
    await expect.poll(() => heldCell(keeper, c).innerText()).toBe(String(heldOf(before, c) - 3));

    const after = await holdings();
    expect(heldOf(after, a)).toBe(heldOf(before, a) - 1);
    expect(heldOf(after, b)).toBe(heldOf(before, b) - 1);
    expect(heldOf(after, c)).toBe(heldOf(before, c) - 3);
    const docs = (await api(keeper, `/documents?type=write_off&userId=${techId}&limit=50`)).items;
    const dc = docs.find((d: any) => d.number === consumed);
    const ds = docs.find((d: any) => d.number === scrapped);
    expect(dc).toMatchObject({ type: 'write_off', status: 'posted', reason: 'consumed' });
    expect(ds).toMatchObject({ type: 'write_off', status: 'posted', reason: 'scrapped' });
    expect(dc.lines.map((l: any) => [l.partId, l.lotId, l.qty]).sort()).toEqual([[a.partId, a.lotId, 1], [c.partId, c.lotId, 2]].sort());
    expect(ds.lines.map((l: any) => [l.partId, l.lotId, l.qty]).sort()).toEqual([[b.partId, b.lotId, 1], [c.partId, c.lotId, 1]].sort());
  });
});

describe('审批', () => {
  let approveDoc: { id: number; number: string };
  let rejectDoc: { id: number; number: string };
  const note = '本月已超领，请先返还旧件';

  it("a rule for the keeper's requisitions holds them in pending_approval with the quantities reserved", async () => {
    await api(admin, '/approval-rules', { name: 'e2e 仓管领料需审批', requesterRole: 'warehouse_keeper' });
    expect((await api(keeper, '/approval-rules')).items.some((r: any) => r.requesterRole === 'warehouse_keeper' && r.active)).toBe(true);
    const [a, b] = [rows[0]!, rows[1]!];
    const availA = (await storeStock(a.partId)).available;
    const availB = (await storeStock(b.partId)).available;
    approveDoc = await api(keeper, '/issues', { fromLocationId: storeId, toUserId: techId, lines: [{ partId: a.partId, qty: 2 }] });
    rejectDoc = await api(keeper, '/issues', { fromLocationId: storeId, toUserId: techId, lines: [{ partId: b.partId, qty: 4 }] });
    expect((approveDoc as any).status).toBe('pending_approval');
    expect((rejectDoc as any).status).toBe('pending_approval');
    expect((await storeStock(a.partId)).available).toBe(availA - 2);
    expect((await storeStock(b.partId)).available).toBe(availB - 4);
  });

  it('the service manager approves one and rejects the other with a note', async () => {
    const [a, b] = [rows[0]!, rows[1]!];
    const heldBefore = await holdings();
    const totalHeld = (m: Map<string, number>, partId: number) => [...m].filter(([k]) => k.startsWith(`${partId}-`)).reduce((s, [, q]) => s + q, 0);
    const stockA = await storeStock(a.partId);
    const stockB = await storeStock(b.partId);

    await manager.goto(`${app.baseUrl}/approvals`);
    const first = manager.getByTestId('approval').filter({ hasText: approveDoc.number });
    const second = manager.getByTestId('approval').filter({ hasText: rejectDoc.number });
    await first.waitFor();
    await second.waitFor();
    await expect.poll(() => first.innerText()).toContain(`${a.code}`);
    expect(await first.innerText()).toContain('× 2');
    await expect.poll(() => second.innerText()).toContain('× 4');

    await first.getByTestId('approve').click();
    await expect.poll(() => manager.getByText(`${approveDoc.number} 已批准`).count()).toBe(1);
    await expect.poll(() => manager.getByTestId('approval').filter({ hasText: approveDoc.number }).count()).toBe(0);

    await second.getByPlaceholder('审批意见').fill(note);
    await second.getByTestId('reject').click();
    await expect.poll(() => manager.getByText(`${rejectDoc.number} 已驳回`).count()).toBe(1);
    await expect.poll(() => manager.getByTestId('approval').filter({ hasText: rejectDoc.number }).count()).toBe(0);

    // Approved: posted, its moves are in the ledger, the holding grew, the store gave 2.
    const posted = await api(manager, `/documents/${approveDoc.id}`);
    expect(posted).toMatchObject({ status: 'posted', decisionNote: null });
    const moves = (await api(manager, `/moves?documentId=${approveDoc.id}&limit=50`)).items;
    expect(moves.reduce((s: number, m: any) => s + (m.partId === a.partId ? m.qty : 0), 0)).toBe(2);
    const heldAfter = await holdings();
    expect(totalHeld(heldAfter, a.partId)).toBe(totalHeld(heldBefore, a.partId) + 2);
    const nowA = await storeStock(a.partId);
    expect(nowA.onHand).toBe(stockA.onHand - 2);
    expect(nowA.available).toBe(stockA.available); // was reserved, now issued

    // Rejected: nothing moved, the note is kept, the reservation is released.
    const rejected = await api(manager, `/documents/${rejectDoc.id}`);
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: note });
    expect((await api(manager, `/moves?documentId=${rejectDoc.id}&limit=50`)).items).toHaveLength(0);
    expect(totalHeld(heldAfter, b.partId)).toBe(totalHeld(heldBefore, b.partId));
    const nowB = await storeStock(b.partId);
    expect(nowB.onHand).toBe(stockB.onHand);
    expect(nowB.available).toBe(stockB.available + 4);
    expect((await api(manager, '/approvals?limit=100')).items.some((d: any) => d.id === approveDoc.id || d.id === rejectDoc.id)).toBe(false);
  });
});
