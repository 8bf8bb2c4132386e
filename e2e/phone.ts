// What the phone-view tests share: the app on the demo data, a 360 × 740 phone logged in as tech01
// and a desk browser as admin, API calls made from either page (with its session), and a job for
// tech01 made through the API.
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, startApp, type Running } from './harness.js';

export interface PhoneAndDesk {
  app: Running;
  techCtx: BrowserContext;
  tech: Page;
  admin: Page;
  techId: number;
  close(): Promise<void>;
}

export async function startPhoneAndDesk(): Promise<PhoneAndDesk> {
  const app = await startApp({ database: process.env.E2E_DATABASE === 'postgres' ? 'postgres' : 'sqlite' });
  const contexts: BrowserContext[] = [];
  const close = async () => {
    for (const c of contexts) await c.close();
    await app.stop();
  };
  try {
    const techCtx = await app.browser.newContext({ baseURL: app.baseUrl, viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    contexts.push(techCtx);
    const adminCtx = await app.browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    contexts.push(adminCtx);
    const tech = await techCtx.newPage();
    const admin = await adminCtx.newPage();
    await login(admin, app.baseUrl, 'admin', ADMIN_PASSWORD);
    await login(tech, app.baseUrl, 'tech01', DEMO_PASSWORD);
    const techId = (await get<{ id: number }>(tech, '/me')).id;
    return { app, techCtx, tech, admin, techId, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** An API call with the page's session; fails the test on a non-2xx. */
export async function call<T = any>(p: Page, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> {
  const r = await p.request.fetch(`/api/v1${path}`, { method, data, headers: { 'X-Requested-With': 'aftersales' } });
  expect(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`).toBe(true);
  return r.json() as Promise<T>;
}
export const get = <T = any>(p: Page, path: string) => call<T>(p, 'GET', path);

/** A work order for a demo customer with a site, assigned to the technician (dispatched), then moved on through `to`. */
export async function newJob(s: PhoneAndDesk, fault: string, to: readonly string[] = []): Promise<{ id: number; number: string }> {
  const customers = (await get(s.admin, '/customers?limit=50')).items;
  for (const c of customers) {
    const site = (await get(s.admin, `/sites?customerId=${c.id}`)).items.find((x: any) => x.latitude !== null);
    if (!site) continue;
    const wo = await call(s.admin, 'POST', '/work-orders', { customerId: c.id, siteId: site.id, serviceType: 'B', category: 'engine', priority: 'high', fault });
    const assigned = await call(s.admin, 'POST', `/work-orders/${wo.id}/assign`, { technicianIds: [s.techId], leadId: s.techId, version: wo.version });
    expect(assigned.status).toBe('dispatched');
    for (const status of to) {
      const cur = await get(s.admin, `/work-orders/${wo.id}`);
      await call(s.admin, 'POST', `/work-orders/${wo.id}/transition`, { to: status, version: cur.version });
    }
    return { id: wo.id as number, number: wo.number as string };
  }
  throw new Error('no demo customer with a site');
}
