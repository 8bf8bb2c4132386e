// Test harness: a fresh database per test file on the dialect named by TEST_DB (sqlite by
// default, or postgres), the real app built on it, and a small API helper over app.inject().
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database, Db } from '../src/db.js';
import { connect, type DbHandle } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { systemClock, type Clock } from '../src/platform/clock.js';
import { buildApp } from '../src/app.js';
import { ensureAdmin } from '../src/main.js';
import type { App } from '../src/platform/http/types.js';

export const dialect = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const ADMIN_PASSWORD = 'admin-pass-123';

/** A new empty database URL; the returned drop() removes it. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `as_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    return {
      url,
      drop: async () => {
        const c = new pg.Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-'));
  return { url: `sqlite:${path.join(dir, 'test.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestApp {
  app: App;
  handle: DbHandle<Database>;
  config: Config;
  url: string;
  api: Api;
  login(username: string, password: string): Promise<Api>;
  close(): Promise<void>;
}

export async function createTestApp(opts: { clock?: Clock; poolSize?: number; wrapDb?: (db: Db) => Db } = {}): Promise<TestApp> {
  const { url, drop } = await freshDatabaseUrl();
  const config: Config = { ...loadConfig({}), databaseUrl: url, adminPassword: ADMIN_PASSWORD, sqliteSynchronous: 'NORMAL', logLevel: 'error' };
  const raw = connect<Database>(url, { synchronous: 'NORMAL', poolSize: opts.poolSize });
  await migrateToLatest(raw.db);
  await ensureAdmin(raw, config, () => {});
  const handle: DbHandle<Database> = opts.wrapDb ? { ...raw, db: opts.wrapDb(raw.db) } : raw;
  const app = await buildApp({ handle, config, clock: opts.clock ?? systemClock });
  await app.ready();
  const login = async (username: string, password: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.body}`);
    return new Api(app, r.json().token);
  };
  const api = await login('admin', ADMIN_PASSWORD);
  return {
    app,
    handle,
    config,
    url,
    api,
    login,
    close: async () => {
      await app.close();
      await raw.close();
      await drop();
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** Calls the API as one user (bearer token). */
export class Api {
  constructor(
    readonly app: App,
    readonly token: string | null,
    readonly lang = 'zh-CN',
  ) {}
  async req<T = any>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const r = await this.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      payload: payload as never,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), 'accept-language': this.lang, ...headers },
    });
    let body: unknown = r.body;
    try {
      body = r.json();
    } catch {
      /* not JSON */
    }
    return { status: r.statusCode, body: body as T, headers: r.headers };
  }
  get<T = any>(url: string) {
    return this.req<T>('GET', url);
  }
  post<T = any>(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.req<T>('POST', url, payload ?? {}, headers);
  }
  patch<T = any>(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.req<T>('PATCH', url, payload ?? {}, headers);
  }
  as(lang: string) {
    return new Api(this.app, this.token, lang);
  }
}

/** Sets up a warehouse, a supplier, a technician and a part with stock. */
export async function seedBasics(t: TestApp, opts: { qty?: number; unitCost?: string; salePrice?: string } = {}) {
  const { api } = t;
  const wh = (await api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' })).body;
  const sup = (await api.post('/suppliers', { code: 'S1', name: '宇通配件供应商' })).body;
  const tech = (await api.post('/users', { username: 'tech1', password: 'tech-pass-1', displayName: '张师傅', roles: ['technician'] })).body;
  const keeper = (await api.post('/users', { username: 'keeper1', password: 'keeper-pass-1', displayName: '李仓管', roles: ['warehouse_keeper'] })).body;
  const rec = await api.post('/receipts', {
    locationId: wh.id,
    supplierId: sup.id,
    lines: [{ newPart: { code: 'LT-001', name: '轮胎总成', spec: '295/80R22.5', unit: '条', salePrice: opts.salePrice ?? '1800.00' }, qty: opts.qty ?? 100, unitCost: opts.unitCost ?? '1200.00', lot: 'L1' }],
  });
  if (rec.status !== 201) throw new Error(`seed receipt failed: ${JSON.stringify(rec.body)}`);
  return { wh, sup, tech, keeper, part: { id: rec.body.lines[0].partId as number }, receipt: rec.body };
}

/** Counts the SQL statements the app executes (query budgets): reset, make a request, read n. */
export interface StatementCounter {
  n: number;
  reset(): void;
}

/** A TestApp whose database handle counts every executed statement (Kysely plugin). */
export async function createCountingTestApp(opts: { clock?: Clock } = {}): Promise<TestApp & { counter: StatementCounter }> {
  const counter: StatementCounter = {
    n: 0,
    reset() {
      this.n = 0;
    },
  };
  const t = await createTestApp({
    ...opts,
    wrapDb: (db) =>
      db.withPlugin({
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          counter.n++;
          return args.result;
        },
      }),
  });
  return { ...t, counter };
}

/** A clock tests move by hand (session expiry, login lock). */
export class MutableClock implements Clock {
  constructor(public t = Date.now()) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** POST /auth/login with extra headers (e.g. a planted cookie); the raw inject response. */
export function loginRaw(app: App, username: string, password: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });
}

/** The session token a response sets, if any. */
export function sessionCookieOf(r: { cookies: { name: string; value: string }[] }): string | undefined {
  return r.cookies.find((c) => c.name === 'aftersales_session')?.value;
}

/** Calls the API as a browser would: session cookie, no Authorization header. */
export class CookieApi extends Api {
  constructor(
    app: App,
    readonly cookieToken: string,
  ) {
    super(app, null);
  }
  override req<T = any>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    return super.req<T>(method, url, payload, { cookie: `aftersales_session=${this.cookieToken}`, ...headers });
  }
}

export function cookieApi(app: App, token: string): CookieApi {
  return new CookieApi(app, token);
}
