// The technician's phone view (/m, R-SVC-12) on a 360 × 740 phone: today's job with its SLA
// colour, call and navigate links; accept → en route → on site; the service report filled in,
// the network cut mid-report (typing goes on, "离线 — N 项待同步"), back online it syncs and the
// server has it; submit, an empty signature refused, sign, the PDF. Then a conflict: the desk saves
// the report while the phone is offline — the phone shows mine vs the server's and keeps mine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { pick, shot, SHOTS, type Running } from './harness.js';
import { call, get, newJob, startPhoneAndDesk, type PhoneAndDesk } from './phone.js';

const STORE = '郑州总仓';

let phone: PhoneAndDesk;
let app: Running;
let techCtx: BrowserContext;
let tech: Page;
let admin: Page;
let techId = 0;
let part: { id: number; code: string };
let woA: { id: number; number: string };
let woB: { id: number; number: string };

const status = async (id: number) => (await get(admin, `/work-orders/${id}`)).status;
const report = (id: number) => get(admin, `/work-orders/${id}/report`);

/** An antd input by test id, wherever antd put the attribute (the input or its wrapper). */
const field = (id: string) => tech.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
/** A screenshot of one element (the report card is taller than the phone), when screenshots are asked for. */
async function shotOf(testId: string, name: string) {
  if (!SHOTS) return;
  await tech.waitForTimeout(300);
  await tech.getByTestId(testId).screenshot({ path: path.join(SHOTS, name) });
}

const jobCard = (id: number) => tech.locator(`[data-testid="job"][data-id="${id}"]`);

beforeAll(async () => {
  phone = await startPhoneAndDesk();
  ({ app, techCtx, tech, admin, techId } = phone);
  // Two units of a part issued to the technician: the part the report uses.
  const storeId = (await get(admin, '/locations?limit=500')).items.find((l: any) => l.name === STORE).id;
  const stock = (await get(admin, `/stock?locationId=${storeId}&groupBy=part&limit=200`)).items.find((x: any) => x.available >= 3 && Number.isInteger(x.available));
  const p = await get(admin, `/parts/${stock.partId}`);
  part = { id: p.id, code: p.code };
  await call(admin, 'POST', '/issues', { fromLocationId: storeId, toUserId: techId, lines: [{ partId: part.id, qty: 2 }] });
  woA = await newJob(phone, '发动机异响，怠速抖动（e2e 手机端）');
  woB = await newJob(phone, '空调不制冷（e2e 冲突）');
});

afterAll(async () => phone?.close());

describe('the technician phone view', () => {
  it('offers /m on a phone, and lists today’s job with SLA colour, call and navigate', async () => {
    await tech.goto(`${app.baseUrl}/my-parts`);
    await tech.getByTestId('offer-mobile').click();
    await tech.waitForURL(/\/m$/);
    const card = jobCard(woA.id);
    await card.waitFor();
    await expect.poll(() => card.getByTestId('job-status').getAttribute('data-status')).toBe('dispatched');
    expect(await card.getByTestId('sla-tag').getAttribute('data-light')).toMatch(/ok|near|breached/);
    expect(await card.getByTestId('call').getAttribute('href')).toMatch(/^tel:\d{11}$/);
    expect(await card.getByTestId('navigate').getAttribute('href')).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=\d+\.\d+,\d+\.\d+&name=/);
    expect(await tech.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(tech, 'mobile-jobs.png');
  });

  it('accept → en route → on site, each on the server', async () => {
    const card = jobCard(woA.id);
    await card.getByTestId('step-accepted').click();
    await expect.poll(() => status(woA.id)).toBe('accepted');
    await card.getByTestId('step-en_route').click();
    await expect.poll(() => status(woA.id)).toBe('en_route');
    await card.getByTestId('job-detail').click();
    await tech.waitForURL(new RegExp(`/m/jobs/${woA.id}$`));
    await tech.getByTestId('job-card').getByTestId('step-on_site').click();
    await expect.poll(() => status(woA.id)).toBe('on_site');
    await expect.poll(() => tech.getByTestId('job-card').getByTestId('job-status').getAttribute('data-status')).toBe('on_site');
    expect(await tech.getByTestId('job-card').getByTestId('step-waiting_parts').count()).toBe(1);
  });

  it('the report keeps going offline and syncs when the network is back', async () => {
    await tech.getByTestId('report-findings-listen').fill('怠速时发动机左侧有金属敲击声');
    await tech.getByTestId('report-findings-look').fill('皮带张紧轮有磨损痕迹');
    await tech.getByTestId('report-cause').fill('张紧轮轴承磨损');
    await expect.poll(async () => (await report(woA.id)).cause).toBe('张紧轮轴承磨损');

    await techCtx.setOffline(true);
    await tech.getByTestId('report-actions').fill('更换张紧轮，调整皮带张力');
    await pick(tech, tech.getByTestId('report-responsibility'), '厂家');
    await tech.getByTestId('report-odometerKm').fill('125400');
    await field('report-minutesSpent').fill('75');
    await tech.getByTestId('add-used').click();
    await pick(tech, tech.getByTestId('used-part-0'), part.code);
    await field('used-qty-0').fill('1');
    await tech.getByTestId('used-row').first().getByPlaceholder('更换原因').fill('轴承磨损');
    await tech.getByTestId('old-same').click();
    // A 2400 × 1800 photo from the "camera": it is queued at most 1280 px wide.
    const png = await tech.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 2400;
      c.height = 1800;
      const g = c.getContext('2d')!;
      g.fillStyle = '#4a7';
      g.fillRect(0, 0, 2400, 1800);
      g.fillStyle = '#fff';
      g.font = '200px sans-serif';
      g.fillText('e2e', 800, 900);
      return c.toDataURL('image/png').split(',')[1];
    });
    await tech.getByTestId('photo-input').setInputFiles({ name: 'camera.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await expect.poll(() => tech.getByTestId('photo').count()).toBe(1);

    const banner = tech.getByTestId('offline-banner');
    await expect.poll(() => banner.innerText()).toMatch(/离线 — [1-9]\d* 项待同步/);
    // The report's edits go out as one PUT about 0.8 s after the last keystroke: wait for it.
    const outbox = () => tech.evaluate((u) => JSON.parse(localStorage.getItem(`aftersales.m.outbox.${u}`) ?? '[]'), techId);
    await expect.poll(async () => [...new Set((await outbox()).map((e: any) => e.kind))].sort()).toEqual(['photo', 'report']);
    const pending = await outbox();
    expect(pending.every((e: any) => e.idempotencyKey && e.createdAt && e.method && e.url)).toBe(true);
    const queuedPhoto = pending.find((e: any) => e.kind === 'photo').body.dataUrl as string;
    expect(queuedPhoto.startsWith('data:image/jpeg;base64,')).toBe(true);
    const size = await tech.evaluate(async (src) => {
      const i = new Image();
      i.src = src;
      await i.decode();
      return [i.naturalWidth, i.naturalHeight];
    }, queuedPhoto);
    expect(size).toEqual([1280, 960]);
    // Nothing reached the server yet.
    expect((await report(woA.id)).actions).toBeNull();
    await tech.evaluate(() => window.scrollTo(0, 0));
    await shot(tech, 'mobile-offline.png');

    await techCtx.setOffline(false);
    await expect.poll(() => tech.getByTestId('offline-banner').count()).toBe(0);
    await expect.poll(() => tech.getByTestId('sync-banner').count()).toBe(0);
    const r = await report(woA.id);
    expect(r).toMatchObject({
      status: 'draft',
      findings: { listen: '怠速时发动机左侧有金属敲击声', look: '皮带张紧轮有磨损痕迹', check: null },
      cause: '张紧轮轴承磨损',
      actions: '更换张紧轮，调整皮带张力',
      responsibility: 'manufacturer',
      minutesSpent: 75,
      missing: [],
    });
    expect(Number(r.odometerKm)).toBe(125400);
    expect(r.partsUsed.map((p: any) => [p.partId, Number(p.qty), p.reason])).toEqual([[part.id, 1, '轴承磨损']]);
    expect(r.oldParts.map((p: any) => [p.partId, Number(p.qty)])).toEqual([[part.id, 1]]);
    expect(r.photos).toHaveLength(1);
    expect(await tech.evaluate(() => localStorage.getItem('aftersales.m.draft.' + location.pathname.split('/').pop()))).toBeNull();
    await shotOf('report', 'mobile-report.png');
  });

  it('submit resolves the job; an empty signature is refused; signing locks it with a PDF', async () => {
    const heldBefore = (await get(admin, `/holdings?userId=${techId}&partId=${part.id}`)).items.reduce((s: number, h: any) => s + h.qty, 0);
    await tech.getByTestId('report-submit').click();
    await expect.poll(() => tech.evaluate((u) => localStorage.getItem(`aftersales.m.outbox.${u}`), techId)).toBe('[]');
    expect(await tech.getByTestId('failed-card').count(), await tech.locator('[data-testid="failed-card"], [data-testid="conflict-card"]').allInnerTexts().then((x) => x.join('\n'))).toBe(0);
    await expect.poll(() => status(woA.id)).toBe('resolved');
    expect((await report(woA.id)).status).toBe('submitted');
    const heldAfter = (await get(admin, `/holdings?userId=${techId}&partId=${part.id}`)).items.reduce((s: number, h: any) => s + h.qty, 0);
    expect(heldAfter).toBe(heldBefore - 1);
    await tech.getByTestId('sign-section').waitFor();
    expect(await tech.getByTestId('report-cause').isDisabled()).toBe(true);

    await tech.getByTestId('signer-name').fill('杜队长');
    await tech.getByTestId('sign').click();
    await tech.getByTestId('signature-empty').waitFor();
    expect((await report(woA.id)).status).toBe('submitted');

    const pad = tech.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await tech.mouse.move(box.x + 30, box.y + 120);
    await tech.mouse.down();
    for (let i = 1; i <= 12; i++) await tech.mouse.move(box.x + 30 + i * 20, box.y + 120 - Math.sin(i / 2) * 50);
    await tech.mouse.up();
    await expect.poll(() => tech.getByTestId('signature-empty').count()).toBe(0);
    await shotOf('sign-section', 'mobile-sign.png');
    await tech.getByTestId('sign').click();
    await expect.poll(() => status(woA.id)).toBe('signed');
    const signed = await report(woA.id);
    expect(signed).toMatchObject({ status: 'signed', signerName: '杜队长', hasSignature: true });
    await tech.getByTestId('signed').waitFor();
    const href = await tech.getByTestId('report-pdf').getAttribute('href');
    expect(href).toBe(`/api/v1/work-orders/${woA.id}/report.pdf`);
    const pdf = await tech.request.get(`${app.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await tech.getByTestId('signed').scrollIntoViewIfNeeded();
    if (SHOTS) await tech.screenshot({ path: path.join(SHOTS, 'mobile-signed.png') });
  });

  it('a report saved at the desk while the phone was offline is a conflict; keep mine wins', async () => {
    // The job is on site (the dispatcher moved it along), the phone saved a first draft.
    for (const to of ['accepted', 'en_route', 'on_site']) {
      const w = await get(admin, `/work-orders/${woB.id}`);
      await call(admin, 'POST', `/work-orders/${woB.id}/transition`, { to, version: w.version });
    }
    await tech.goto(`${app.baseUrl}/m/jobs/${woB.id}`);
    await expect.poll(() => tech.getByTestId('job-card').getByTestId('job-status').getAttribute('data-status')).toBe('on_site');
    await tech.getByTestId('report').waitFor();
    await tech.getByTestId('report-cause').fill('冷媒不足');
    await expect.poll(async () => (await report(woB.id)).cause).toBe('冷媒不足');

    await techCtx.setOffline(true);
    await tech.getByTestId('report-cause').fill('冷媒泄漏，管路接头松动');
    await expect.poll(() => tech.getByTestId('offline-banner').innerText()).toContain('离线 — 1 项待同步');
    const server = await report(woB.id);
    await call(admin, 'PUT', `/work-orders/${woB.id}/report`, { cause: '压缩机故障（服务台）', version: server.version });

    await techCtx.setOffline(false);
    const card = tech.getByTestId('conflict-card');
    await card.waitFor();
    expect(await card.getByTestId('conflict-mine').first().innerText()).toBe('冷媒泄漏，管路接头松动');
    expect(await card.getByTestId('conflict-theirs').first().innerText()).toBe('压缩机故障（服务台）');
    expect(await tech.getByTestId('stuck-banner').count()).toBe(1);
    await shot(tech, 'mobile-conflict.png');

    await card.getByTestId('keep-mine').click();
    await expect.poll(async () => (await report(woB.id)).cause).toBe('冷媒泄漏，管路接头松动');
    await expect.poll(() => tech.getByTestId('conflict-card').count()).toBe(0);
    expect(await tech.getByTestId('report-cause').inputValue()).toBe('冷媒泄漏，管路接头松动');
  });

  it('discard mine shows the server copy', async () => {
    await techCtx.setOffline(true);
    await tech.getByTestId('report-actions').fill('补充冷媒');
    await expect.poll(() => tech.getByTestId('offline-banner').innerText()).toContain('1 项待同步');
    const server = await report(woB.id);
    await call(admin, 'PUT', `/work-orders/${woB.id}/report`, { actions: '更换压缩机（服务台）', version: server.version });
    await techCtx.setOffline(false);
    const card = tech.getByTestId('conflict-card');
    await card.waitFor();
    await card.getByTestId('discard-mine').click();
    await expect.poll(() => tech.getByTestId('report-actions').inputValue()).toBe('更换压缩机（服务台）');
    expect((await report(woB.id)).actions).toBe('更换压缩机（服务台）');
  });

  it('waiting for parts takes the missing part and quantity; the parts arriving resume the job', async () => {
    const card = tech.getByTestId('job-card');
    await card.getByTestId('step-waiting_parts').click();
    await tech.getByTestId('waiting-form').waitFor();
    await tech.getByTestId('waiting-desc-0').fill('空调压缩机离合器（目录外）');
    await field('waiting-qty-0').fill('1');
    await tech.getByTestId('waiting-submit').click();
    await expect.poll(() => status(woB.id)).toBe('waiting_parts');
    const events = (await get(admin, `/work-orders/${woB.id}`)).events;
    expect(events.at(-1)).toMatchObject({ from: 'on_site', to: 'waiting_parts' });
    expect((events.at(-1).data.shortageIds as number[]).length).toBe(1);
    await expect.poll(() => card.getByTestId('step-on_site').innerText()).toMatch(/配件已到/);
    await card.getByTestId('step-on_site').click();
    await expect.poll(() => status(woB.id)).toBe('on_site');
  });

  it('the parts I hold read from the cache when offline', async () => {
    await tech.goto(`${app.baseUrl}/m?tab=parts`);
    await expect.poll(() => tech.getByTestId('held-part').filter({ hasText: part.code }).count()).toBe(1);
    await techCtx.setOffline(true);
    await tech.getByTestId('mobile-tabs').getByText('今日工单').click();
    await expect.poll(() => tech.getByTestId('job').count()).toBeGreaterThan(0);
    await tech.getByTestId('mobile-tabs').getByText('我手中的配件').click();
    await expect.poll(() => tech.getByTestId('held-part').filter({ hasText: part.code }).count()).toBe(1);
    await expect.poll(() => tech.getByTestId('offline-banner').count()).toBe(1);
    await shot(tech, 'mobile-parts.png');
    await techCtx.setOffline(false);
  });
});
