// The phone view opens without a network (docs/decisions/0010-offline-technician-view.md): after
// one visit online the service worker holds the app shell; offline the technician RELOADS /m and
// sees today's jobs and the job from the phone's cache, changes the report ("离线 — 1 项待同步"),
// reloads again with the change still queued, and back online it reaches the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { shot, type Running } from './harness.js';
import { get, newJob, startPhoneAndDesk, type PhoneAndDesk } from './phone.js';

let phone: PhoneAndDesk;
let app: Running;
let techCtx: BrowserContext;
let tech: Page;
let admin: Page;
let techId = 0;
let wo: { id: number; number: string };

const report = (id: number) => get(admin, `/work-orders/${id}/report`);
const jobCard = (id: number) => tech.locator(`[data-testid="job"][data-id="${id}"]`);

beforeAll(async () => {
  phone = await startPhoneAndDesk();
  ({ app, techCtx, tech, admin, techId } = phone);
  wo = await newJob(phone, '液压泵压力不足（e2e 离线重新打开）', ['accepted', 'en_route', 'on_site']);
});

afterAll(async () => phone?.close());

describe('the phone view reloaded offline', () => {
  it('serves the service worker uncached, for the whole app, under the CSP', async () => {
    const r = await tech.request.get(`${app.baseUrl}/sw.js`);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(r.headers()['cache-control']).toBe('no-cache');
    expect(r.headers()['content-security-policy']).toMatch(/worker-src 'self'/);
    const body = await r.text();
    expect(body).toMatch(/const VERSION = "[0-9a-f]{12}"/);
    expect(body).toContain('"/index.html"');
    expect(body).toMatch(/"\/assets\/MobilePage-[^"]+\.js"/);
  });

  it('one visit online installs the worker and precaches the shell', async () => {
    await tech.goto(`${app.baseUrl}/m`);
    await jobCard(wo.id).waitFor();
    expect(await tech.evaluate(() => Promise.race([navigator.serviceWorker.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('not ready'), 15_000))]))).toBe('ready');
    // The first page load is not controlled yet (clients.claim takes it over, or the next load is).
    if (!(await tech.evaluate(() => !!navigator.serviceWorker.controller))) await tech.reload();
    await expect.poll(() => tech.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    const cache = await tech.evaluate(async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith('aftersales-shell-'));
      const keys = names.length ? (await (await caches.open(names[0])).keys()).map((r) => new URL(r.url).pathname) : [];
      return { names, keys };
    });
    expect(cache.names).toHaveLength(1);
    expect(cache.keys).toContain('/index.html');
    expect(cache.keys.some((k) => /^\/assets\/MobilePage-/.test(k))).toBe(true);
    expect(cache.keys.some((k) => k.startsWith('/api/'))).toBe(false);
    // The job opened once online: its report is in the phone's read cache.
    await jobCard(wo.id).getByTestId('job-detail').click();
    await tech.waitForURL(new RegExp(`/m/jobs/${wo.id}$`));
    await tech.getByTestId('report').waitFor();
    await tech.getByTestId('report-cause').fill('液压泵内泄');
    await expect.poll(async () => (await report(wo.id)).cause).toBe('液压泵内泄');
    await tech.getByTestId('back').click();
    await tech.waitForURL(/\/m$/);
    await jobCard(wo.id).waitFor();
  });

  it('offline, a reload opens /m from the cache; the job and a queued change survive another reload', async () => {
    await techCtx.setOffline(true);
    // Emulated offline reaches the worker too: a fetch the worker passes on fails (no 404 from the server).
    expect(await tech.evaluate(() => fetch('/assets/no-such-file.js').then((r) => `http ${r.status}`, () => 'failed'))).toBe('failed');
    // /api is never answered by the worker: offline it fails at once, for the outbox to queue.
    const api = await tech.evaluate(async () => {
      const t0 = performance.now();
      const r = await fetch('/api/v1/me').then((x) => `http ${x.status}`, () => 'failed');
      return { r, ms: performance.now() - t0 };
    });
    expect(api.r).toBe('failed');
    expect(api.ms).toBeLessThan(2000);

    const nav = await tech.reload();
    expect(nav?.fromServiceWorker()).toBe(true);
    const card = jobCard(wo.id);
    await card.waitFor();
    expect(await card.innerText()).toContain(wo.number);
    await expect.poll(() => card.getByTestId('job-status').getAttribute('data-status')).toBe('on_site');
    await expect.poll(() => tech.getByTestId('offline-banner').count()).toBe(1);
    await shot(tech, 'mobile-reload-offline.png');

    await card.getByTestId('job-detail').click();
    await tech.waitForURL(new RegExp(`/m/jobs/${wo.id}$`));
    await tech.getByTestId('report').waitFor();
    expect(await tech.getByTestId('report-cause').inputValue()).toBe('液压泵内泄');
    await tech.getByTestId('report-actions').fill('更换液压泵密封件');
    await expect.poll(() => tech.getByTestId('offline-banner').innerText()).toMatch(/离线 — 1 项待同步/);
    expect((await report(wo.id)).actions).toBeNull();

    // The job page itself reloaded offline: the change is still queued and shown.
    await tech.reload();
    await tech.getByTestId('report').waitFor();
    await expect.poll(() => tech.getByTestId('report-actions').inputValue()).toBe('更换液压泵密封件');
    await expect.poll(() => tech.getByTestId('offline-banner').innerText()).toMatch(/离线 — 1 项待同步/);
  });

  it('back online the queued change reaches the server', async () => {
    await techCtx.setOffline(false);
    await expect.poll(() => tech.getByTestId('offline-banner').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await report(wo.id)).actions, { timeout: 15_000 }).toBe('更换液压泵密封件');
    expect((await report(wo.id)).cause).toBe('液压泵内泄');
    expect(await tech.evaluate((u) => localStorage.getItem(`aftersales.m.outbox.${u}`), techId)).toBe('[]');
  });
});
