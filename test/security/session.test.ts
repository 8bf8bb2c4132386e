// Sessions under attack (R-PLT-1, API.md "Auth"): cookie flags, bearer and cookie, CSRF on
// cookie writes, logout and logout-all, fixation, expiry, disabled users, the login lock, and
// the security headers on every kind of response.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/platform/http/server.js';
import { ADMIN_PASSWORD, Api, cookieApi, createTestApp, loginRaw, MutableClock, sessionCookieOf, type TestApp } from '../harness.js';

const DAY = 24 * 3600 * 1000;
const PASSWORD = 'sess-pass-123';
const CJK = /[\u4e00-\u9fff]/;

let t: TestApp;
let clock: MutableClock;
let n = 0;

/** A fresh user (own login-failure counter and sessions) for each test. */
async function newUser(roles: string[] = ['warehouse_keeper']): Promise<{ id: number; username: string; version: number }> {
  const username = `sess${++n}`;
  const r = await t.api.post('/users', { username, password: PASSWORD, displayName: `会话用户${n}`, roles });
  expect(r.status).toBe(201);
  return r.body;
}

beforeAll(async () => {
  clock = new MutableClock();
  t = await createTestApp({ clock });
});
afterAll(async () => t?.close());

describe('login cookie and credentials', () => {
  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ (no Secure on plain http)', async () => {
    const u = await newUser();
    const r = await loginRaw(t.app, u.username, PASSWORD);
    expect(r.statusCode).toBe(200);
    const raw = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(raw).toBeDefined();
    expect(raw).toMatch(/;\s*HttpOnly/i);
    expect(raw).toMatch(/;\s*SameSite=Lax/i);
    expect(raw).toMatch(/;\s*Path=\/(;|$)/i);
    expect(sessionCookieOf(r)).toBe(r.json().token);
  });

  it('accepts the token as a bearer header and as the cookie', async () => {
    const u = await newUser();
    const token = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    expect((await new Api(t.app, token).get('/me')).body.username).toBe(u.username);
    const viaCookie = await cookieApi(t.app, token).get('/me');
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.username).toBe(u.username);
  });

  it('refuses a garbage, an over-long and an empty bearer token with 401 unauthenticated', async () => {
    for (const token of ['garbage', 'x'.repeat(5000), '', '\u202e🔑']) {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      expect(r.statusCode, JSON.stringify(token).slice(0, 40)).toBe(401);
      expect(r.json().error.code).toBe('unauthenticated');
    }
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  let token: string;
  beforeAll(async () => {
    await newUser(['admin']);
    token = (await loginRaw(t.app, `sess${n}`, PASSWORD)).json().token;
  });
  const part = (code: string) => ({ code, name: '防伪测试件', unit: '个' });

  it('passes with X-Requested-With: aftersales and no Origin, or our own Origin', async () => {
    const c = cookieApi(t.app, token);
    expect((await c.post('/parts', part('CSRF-1'), { 'x-requested-with': 'aftersales' })).status).toBe(201);
    const own = { 'x-requested-with': 'aftersales', host: 'aftersales.example:8080', origin: 'http://aftersales.example:8080' };
    expect((await c.post('/parts', part('CSRF-2'), own)).status).toBe(201);
  });

  it('refuses a cookie POST without X-Requested-With: 403 csrf_failed, nothing written', async () => {
    const c = cookieApi(t.app, token);
    for (const h of [{}, { 'x-requested-with': 'XMLHttpRequest' }, { 'x-requested-with': 'AFTERSALES ' }] as Record<string, string>[]) {
      const r = await c.post('/parts', part('CSRF-NO'), h);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('csrf_failed');
    }
    expect((await t.api.get('/parts?q=CSRF-NO')).body.items).toEqual([]);
  });

  it('refuses a cookie write from a foreign Origin: 403 csrf_failed, on POST, PATCH, PUT and DELETE', async () => {
    const c = cookieApi(t.app, token);
    const h = { 'x-requested-with': 'aftersales', origin: 'https://evil.example' };
    const p = (await t.api.post('/parts', part('CSRF-3'))).body;
    const results = [
      await c.post('/parts', part('CSRF-EVIL'), h),
      await c.patch(`/parts/${p.id}`, { version: p.version, name: '被改了' }, h),
      await c.req('PUT', `/parts/${p.id}/alarms/1`, { alarmQty: 1 }, h),
      await c.req('DELETE', `/parts/${p.id}`, undefined, h),
    ];
    for (const r of results) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('csrf_failed');
    }
    expect((await t.api.get(`/parts/${p.id}`)).body.name).toBe('防伪测试件');
  });

  // Known bug B5 (reported): `new URL(origin)` throws on these and the request ends in a 500.
  // Remove `.fails` when server.ts parses the Origin safely.
  it('refuses an opaque or malformed Origin (sandboxed frames send "null") with 403, never 500', async () => {
    const c = cookieApi(t.app, token);
    for (const origin of ['null', 'not a url', 'http://', 'file://']) {
      const r = await c.post('/parts', part('CSRF-NULL'), { 'x-requested-with': 'aftersales', origin });
      expect(r.status, `Origin: ${origin}`).toBe(403);
      expect(r.body.error.code).toBe('csrf_failed');
    }
  });

  it('does not ask bearer clients for the CSRF header (a cross-site page cannot set Authorization)', async () => {
    const r = await new Api(t.app, token).post('/parts', part('CSRF-BEARER'), { origin: 'https://evil.example' });
    expect(r.status).toBe(201);
  });
});

describe('ending sessions', () => {
  it('logout ends the session: the old token is 401 afterwards, by bearer and by cookie', async () => {
    const u = await newUser();
    const token = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const api = new Api(t.app, token);
    expect((await api.post('/auth/logout')).status).toBe(200);
    expect((await api.get('/me')).status).toBe(401);
    expect((await cookieApi(t.app, token).get('/me')).status).toBe(401);
  });

  it('logout by cookie clears the cookie and ends that session', async () => {
    const u = await newUser();
    const token = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `${SESSION_COOKIE}=${token}`, 'x-requested-with': 'aftersales' } });
    expect(r.statusCode).toBe(200);
    const cleared = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    expect((await new Api(t.app, token).get('/me')).status).toBe(401);
  });

  it('POST /auth/logout-all ends every session of that user and no one else', async () => {
    const u = await newUser();
    const other = await newUser();
    const a = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const b = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const o = (await loginRaw(t.app, other.username, PASSWORD)).json().token as string;
    expect((await new Api(t.app, a).post('/auth/logout-all')).status).toBe(200);
    expect((await new Api(t.app, a).get('/me')).status).toBe(401);
    expect((await new Api(t.app, b).get('/me')).status).toBe(401);
    expect((await new Api(t.app, o).get('/me')).status).toBe(200);
  });

  it('a session cookie planted before login is not promoted: login issues a new token (fixation)', async () => {
    const attacker = await newUser();
    const victim = await newUser(['admin']);
    const planted = (await loginRaw(t.app, attacker.username, PASSWORD)).json().token as string;
    for (const cookie of [planted, 'attacker-chosen-value-0123456789']) {
      const r = await loginRaw(t.app, victim.username, PASSWORD, { cookie: `${SESSION_COOKIE}=${cookie}` });
      expect(r.statusCode).toBe(200);
      const issued = sessionCookieOf(r);
      expect(issued).toBeDefined();
      expect(issued).not.toBe(cookie);
      expect(r.json().token).not.toBe(cookie);
    }
    // The planted token still belongs to the attacker, not to the victim who logged in over it.
    expect((await cookieApi(t.app, planted).get('/me')).body.username).toBe(attacker.username);
    expect((await cookieApi(t.app, 'attacker-chosen-value-0123456789').get('/me')).status).toBe(401);
  });

  it('a session expires after 7 days: 401 on the test clock, and a fresh login works', async () => {
    const u = await newUser();
    const token = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const api = new Api(t.app, token);
    clock.advance(7 * DAY - 60_000);
    expect((await api.get('/me')).status).toBe(200);
    clock.advance(60_001);
    const r = await api.get('/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    expect((await cookieApi(t.app, token).get('/me')).status).toBe(401);
    expect((await loginRaw(t.app, u.username, PASSWORD)).statusCode).toBe(200);
    // The admin's own session expired with everyone else's.
    t.api = await t.login('admin', ADMIN_PASSWORD);
  });

  it('disabling a user is 401 at once on every open session, and the login is refused', async () => {
    const u = await newUser();
    const token = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    expect((await new Api(t.app, token).get('/me')).status).toBe(200);
    const d = await t.api.patch(`/users/${u.id}`, { version: u.version, disabled: true });
    expect(d.status).toBe(200);
    expect((await new Api(t.app, token).get('/me')).status).toBe(401);
    expect((await cookieApi(t.app, token).get('/me')).status).toBe(401);
    const again = await loginRaw(t.app, u.username, PASSWORD);
    expect(again.statusCode).toBeGreaterThanOrEqual(401);
    expect(again.statusCode).toBeLessThan(500);
    expect(['user_disabled', 'invalid_credentials']).toContain(again.json().error.code);
  });
});

describe('sessions resolved recently (decisions/0017)', () => {
  it('a change to the user through this process is seen by the next request (roles)', async () => {
    const u = await newUser();
    const token = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const api = new Api(t.app, token);
    expect((await api.get('/me')).body.roles).toEqual(['warehouse_keeper']);
    const r = await t.api.patch(`/users/${u.id}`, { version: u.version, roles: ['finance'] });
    expect(r.status).toBe(200);
    expect((await api.get('/me')).body.roles).toEqual(['finance']);
    expect((await api.post('/issues', {})).status).toBe(403);
  });

  it('a logout or a disable made by another process takes effect here within a second', async () => {
    const u = await newUser();
    const token = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const other = (await loginRaw(t.app, u.username, PASSWORD)).json().token as string;
    const api = new Api(t.app, token);
    const otherApi = new Api(t.app, other);
    expect((await api.get('/me')).status).toBe(200);
    expect((await otherApi.get('/me')).status).toBe(200);
    // Another process: the rows change under this one, which is not told.
    const sessions = await t.handle.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute();
    expect(sessions).toHaveLength(2);
    const tokenHash = crypto.createHash('sha256').update(token).digest('base64url');
    await t.handle.db.deleteFrom('sessions').where('id', '=', tokenHash).execute();
    expect((await api.get('/me')).status).toBe(200);
    clock.advance(1000);
    expect((await api.get('/me')).status).toBe(401);
    expect((await otherApi.get('/me')).status).toBe(200);
    await t.handle.db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute();
    clock.advance(1000);
    expect((await otherApi.get('/me')).status).toBe(401);
  });

  it('a made-up token is looked up every time and never kept', async () => {
    for (let i = 0; i < 3; i++) expect((await new Api(t.app, 'made-up-token-0123456789').get('/me')).status).toBe(401);
  });
});

describe('login lock', () => {
  it('5 wrong passwords lock the account (429 login_locked, Chinese message) until 15 min pass', async () => {
    const u = await newUser();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await loginRaw(t.app, u.username, `wrong-${i}-password`);
      expect(r.statusCode).toBeLessThan(500);
      codes.push(r.json().error.code);
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('invalid_credentials'));
    // The fifth failure either answers login_locked itself or locks for the next attempt.
    const right = await loginRaw(t.app, u.username, PASSWORD);
    expect(right.statusCode).toBe(429);
    const body = right.json();
    expect(body.error.code).toBe('login_locked');
    expect(body.error.message).toMatch(CJK);
    expect(Object.keys(body.error)).toEqual(expect.arrayContaining(['code', 'message', 'details']));
    clock.advance(14 * 60_000);
    expect((await loginRaw(t.app, u.username, PASSWORD)).statusCode).toBe(429);
    clock.advance(2 * 60_000);
    const after = await loginRaw(t.app, u.username, PASSWORD);
    expect(after.statusCode).toBe(200);
    // A success resets the counter: one more wrong password is a plain 401, not a lock.
    expect((await loginRaw(t.app, u.username, 'wrong-again-pw')).json().error.code).toBe('invalid_credentials');
  });

  it('the lock message follows Accept-Language', async () => {
    const u = await newUser();
    for (let i = 0; i < 5; i++) await loginRaw(t.app, u.username, `wrong-${i}-password`);
    const en = await loginRaw(t.app, u.username, PASSWORD, { 'accept-language': 'en' });
    expect(en.json().error.code).toBe('login_locked');
    expect(en.json().error.message).toMatch(/locked/i);
    clock.advance(16 * 60_000);
  });

  it('an unknown user name fails like a wrong password (no user enumeration)', async () => {
    const r = await loginRaw(t.app, 'no-such-user-here', 'whatever-pass');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('invalid_credentials');
  });
});

describe('security headers', () => {
  const check = (h: Record<string, unknown>, what: string) => {
    const csp = String(h['content-security-policy'] ?? '');
    expect(csp, `${what}: content-security-policy`).toMatch(/default-src 'self'/);
    expect(csp, `${what}: no inline scripts`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(h['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
    const frames = String(h['x-frame-options'] ?? '') + csp;
    expect(frames, `${what}: framing`).toMatch(/SAMEORIGIN|DENY|frame-ancestors/i);
    expect(h['referrer-policy'], `${what}: referrer-policy`).toBeTruthy();
    expect(h['x-powered-by'], `${what}: no x-powered-by`).toBeUndefined();
  };

  it('are present on a 2xx, a 404, a 401, a 403, a 400, a 413 and the OpenAPI document', async () => {
    const anon = new Api(t.app, null);
    const keeper = await newUser();
    const kApi = new Api(t.app, (await loginRaw(t.app, keeper.username, PASSWORD)).json().token);
    const cases: [string, Promise<{ status: number; headers: Record<string, unknown> }>, number][] = [
      ['GET /me', t.api.get('/me'), 200],
      ['unknown API route', t.api.get('/no-such-route'), 404],
      ['unknown record', t.api.get('/parts/999999'), 404],
      ['anonymous', anon.get('/me'), 401],
      ['forbidden', kApi.post('/users', {}), 403],
      ['validation', t.api.post('/parts', { code: 1 }), 400],
      ['openapi', t.api.get('/openapi.json'), 200],
    ];
    for (const [what, p, status] of cases) {
      const r = await p;
      expect(r.status, what).toBe(status);
      check(r.headers, what);
    }
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/parts', headers: { authorization: `Bearer ${t.api.token}`, 'content-type': 'application/json' }, payload: `{"code":"${'x'.repeat(5 * 1024 * 1024)}"}` });
    expect(big.statusCode).toBe(413);
    check(big.headers, '413');
    const root404 = await t.app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(root404.statusCode).toBe(404);
    check(root404.headers, 'non-v1 404');
  });

  // Known bug B1 (reported): Fastify answers a malformed %-escape itself, before any hook runs.
  // Remove `.fails` when createServer sets frameworkErrors.
  it('are present on the 400 for a malformed URL escape, with an {error} body', async () => {
    const r = await t.api.get('/parts/%ff');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    check(r.headers, 'bad URL');
  });
});
