// Deny by default, proven route by route (R-PLT-1): every API route is called by every role and
// anonymously; the expected outcome is derived from the route's own config.access, so a new
// route is covered the moment it is registered.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RouteOptions } from 'fastify';
import { ALL_ROLES, type Role } from '../../src/db.js';
import type { Access } from '../../src/platform/http/types.js';
import { Api, createTestApp, type TestApp } from '../harness.js';

const collected = vi.hoisted(() => [] as { method: string; url: string; access: unknown }[]);

// Collect every route with its config as buildApp registers it.
vi.mock('../../src/platform/http/server.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/platform/http/server.js')>();
  return {
    ...m,
    createServer: async (...args: Parameters<typeof m.createServer>) => {
      const app = await m.createServer(...args);
      app.addHook('onRoute', (r: RouteOptions) => {
        const methods = Array.isArray(r.method) ? r.method : [r.method];
        for (const method of methods) collected.push({ method: String(method).toUpperCase(), url: r.url, access: (r.config as { access?: unknown } | undefined)?.access });
      });
      return app;
    },
  };
});

interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

const PASSWORD = 'role-pass-123';
let t: TestApp;
let routes: RouteInfo[];
const apis = new Map<Role, Api>();
const users = new Map<Role, { id: number }>();

function concrete(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, '1');
}

async function call(api: Api, r: RouteInfo) {
  const url = concrete(r.url).replace(/^\/api\/v1/, '');
  return api.req(r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
}

beforeAll(async () => {
  // The matrix logs in ~30 times within a minute; the login limiter is not under test here.
  process.env.AFTERSALES_LOGIN_RATE = '1000';
  t = await createTestApp();
  const station = (await t.api.post('/locations', { code: 'ST-MX', name: '矩阵网点', kind: 'station' })).body;
  for (const role of ALL_ROLES) {
    const u = await t.api.post('/users', { username: `mx_${role}`, password: PASSWORD, displayName: role, roles: [role], ...(role === 'station_user' ? { stationId: station.id } : {}) });
    if (u.status !== 201) throw new Error(`user ${role}: ${JSON.stringify(u.body)}`);
    users.set(role, u.body);
    apis.set(role, await t.login(`mx_${role}`, PASSWORD));
  }
  const seen = new Set<string>();
  routes = [];
  for (const c of collected) {
    if (!c.url.startsWith('/api/v1/') || c.method === 'HEAD') continue;
    const k = `${c.method} ${c.url}`;
    if (seen.has(k)) continue;
    seen.add(k);
    routes.push({ method: c.method, url: c.url, access: c.access as Access });
  }
  // Logging out ends the caller's session: those routes go last.
  routes.sort((a, b) => Number(a.url.includes('/auth/logout')) - Number(b.url.includes('/auth/logout')));
});
afterAll(async () => t?.close());

describe('route × role matrix', () => {
  it('collects every API route, each with an access list', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    expect(routes.some((r) => r.url === '/api/v1/issues' && r.method === 'POST')).toBe(true);
  });

  it('anonymous callers get 401 except on public routes', async () => {
    const anon = new Api(t.app, null);
    const wrong: string[] = [];
    for (const r of routes) {
      const res = await call(anon, r);
      if (r.access === 'public') {
        if (res.status === 401 || res.status >= 500) wrong.push(`${r.method} ${r.url} public → ${res.status}`);
      } else if (res.status !== 401 || res.body?.error?.code !== 'unauthenticated') wrong.push(`${r.method} ${r.url} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('each role is refused (403 forbidden) exactly where config.access leaves it out, and never gets a 5xx', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const r of routes) {
      if (r.access === 'public') continue;
      for (const role of ALL_ROLES) {
        const allowed = r.access === 'authenticated' || (r.access as readonly Role[]).includes(role);
        const api = r.url.includes('/auth/logout') ? await t.login(`mx_${role}`, PASSWORD) : apis.get(role)!;
        const res = await call(api, r);
        calls++;
        const code = res.body?.error?.code;
        if (res.status >= 500) wrong.push(`${role} ${r.method} ${r.url} → ${res.status} ${code}`);
        else if (allowed && (res.status === 401 || (res.status === 403 && code === 'forbidden'))) wrong.push(`${role} ${r.method} ${r.url} allowed but ${res.status} ${code}`);
        else if (!allowed && (res.status !== 403 || code !== 'forbidden')) wrong.push(`${role} ${r.method} ${r.url} not allowed but ${res.status} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(ALL_ROLES.length * 40);
  });
});

describe('object-level scope', () => {
  let o: TestApp;
  let wh: { id: number };
  let st1: { id: number };
  let st2: { id: number };
  let partId: number;
  let techA: { id: number };
  let techB: { id: number };
  let apiA: Api;
  let stUser1: Api;
  let st2Receipt: { id: number };
  let st1Receipt: { id: number };

  beforeAll(async () => {
    o = await createTestApp();
    wh = (await o.api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' })).body;
    st1 = (await o.api.post('/locations', { code: 'ST1', name: '郑州网点', kind: 'station' })).body;
    st2 = (await o.api.post('/locations', { code: 'ST2', name: '洛阳网点', kind: 'station' })).body;
    techA = (await o.api.post('/users', { username: 'techA', password: PASSWORD, displayName: '张师傅', roles: ['technician'] })).body;
    techB = (await o.api.post('/users', { username: 'techB', password: PASSWORD, displayName: '王师傅', roles: ['technician'] })).body;
    await o.api.post('/users', { username: 'st1user', password: PASSWORD, displayName: '郑州站', roles: ['station_user'], stationId: st1.id });
    const rec = await o.api.post('/receipts', { locationId: wh.id, lines: [{ newPart: { code: 'FL-01', name: '机油滤清器', unit: '个', salePrice: '80.00' }, qty: 50, unitCost: '40.00' }] });
    partId = rec.body.lines[0].partId;
    st1Receipt = (await o.api.post('/receipts', { locationId: st1.id, lines: [{ partId, qty: 5, unitCost: '40.00' }] })).body;
    st2Receipt = (await o.api.post('/receipts', { locationId: st2.id, lines: [{ partId, qty: 7, unitCost: '40.00' }] })).body;
    for (const u of [techA, techB]) {
      const r = await o.api.post('/issues', { fromLocationId: wh.id, toUserId: u.id, lines: [{ partId, qty: 3 }] });
      expect(r.status).toBe(201);
    }
    apiA = await o.login('techA', PASSWORD);
    stUser1 = await o.login('st1user', PASSWORD);
  });
  afterAll(async () => o?.close());

  it("a technician cannot return or read another technician's holding", async () => {
    const ret = await apiA.post('/returns', { fromUserId: techB.id, toLocationId: wh.id, lines: [{ partId, qty: 1 }] });
    expect(ret.status).toBe(403);
    expect(ret.body.error.code).toBe('own_holding_only');
    const wo = await apiA.post('/write-offs', { userId: techB.id, reason: 'consumed', lines: [{ partId, qty: 1 }] });
    expect(wo.status).toBe(403);
    expect(wo.body.error.code).toBe('own_holding_only');
    const other = await apiA.get(`/holdings?userId=${techB.id}`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('own_holding_only');
    const mine = await apiA.get('/holdings');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((h: { userId: number }) => h.userId === techA.id)).toBe(true);
    // Their own holding they may return.
    expect((await apiA.post('/returns', { fromUserId: techA.id, toLocationId: wh.id, lines: [{ partId, qty: 1 }] })).status).toBe(201);
  });

  it("a station user sees neither another station's stock nor its documents", async () => {
    const stock = await stUser1.get('/stock?limit=200');
    expect(stock.status).toBe(200);
    const locs = new Set(stock.body.items.map((i: { locationId: number }) => i.locationId));
    expect([...locs]).toEqual([st1.id]);
    expect((await stUser1.get(`/stock?locationId=${st2.id}`)).body.items).toEqual([]);
    const doc = await stUser1.get(`/documents/${st2Receipt.id}`);
    expect(doc.status).toBe(404);
    const list = await stUser1.get('/documents?limit=200');
    expect(list.body.items.some((d: { id: number }) => d.id === st2Receipt.id)).toBe(false);
    // Its own station's receipt it does see.
    expect((await stUser1.get(`/documents/${st1Receipt.id}`)).status).toBe(200);
    expect(list.body.items.some((d: { id: number }) => d.id === st1Receipt.id)).toBe(true);
  });

  it("a disabled user's token stops working at once", async () => {
    const api = await o.login('techB', PASSWORD);
    expect((await api.get('/me')).status).toBe(200);
    const u = (await o.api.get('/users?q=techB')).body.items[0];
    const p = await o.api.patch(`/users/${u.id}`, { disabled: true, version: u.version });
    expect(p.status).toBe(200);
    const after = await api.get('/me');
    expect(after.status).toBe(401);
    expect((await api.get('/holdings')).status).toBe(401);
  });
});
