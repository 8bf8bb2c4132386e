// Browser-test harness: builds web/dist if stale, gives each test file the small demo in a temp
// SQLite database (a copy of the one global-setup.ts loaded) or a PostgreSQL database of its own,
// starts `node bin/aftersales.js start` on a free port, and launches Debian Chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import pg from 'pg';
import { inject } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_PASSWORD = 'e2e-admin-pass-1';
export const DEMO_PASSWORD = 'demo1234';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots go to docs/screenshots only when asked (E2E_SCREENSHOTS=1), to keep test runs clean. */
export const SHOTS = process.env.E2E_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Running {
  baseUrl: string;
  browser: Browser;
  log: () => string;
  stop(): Promise<void>;
}

export type E2eDatabase = 'sqlite' | 'postgres';
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Whether the browser tests can run on PostgreSQL here. In CI an unreachable server is an error
 * (the tests must run there); on a laptop without one the PostgreSQL walk is skipped with a notice.
 */
export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL} and CI requires the PostgreSQL browser tests: ${String(e)}`);
    console.warn(`NOTICE: PostgreSQL not reachable at ${PG_ADMIN_URL}: the PostgreSQL browser walk is SKIPPED on this machine (CI runs it).`);
    return false;
  }
}

async function pgAdmin(sql: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The web app built into web/dist unless it is up to date. */
export function buildWeb() {
  const build = spawnSync(process.execPath, ['scripts/web-build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`web build failed:\n${build.stdout}\n${build.stderr}`);
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) throw new Error('web/dist/index.html missing after build');
}

/** The server's environment for a database and port (the demo load's too). */
function appEnv(databaseUrl: string, port = 0): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    AFTERSALES_ADMIN_PASSWORD: ADMIN_PASSWORD,
    AFTERSALES_DEMO_SCALE: 'small',
    AFTERSALES_SQLITE_SYNCHRONOUS: 'NORMAL',
    LOG_LEVEL: 'warn',
  };
}

/** Loads the small demo into a new database, as `aftersales demo` does. */
export function loadDemo(databaseUrl: string) {
  const demo = spawnSync(process.execPath, ['bin/aftersales.js', 'demo'], { cwd: ROOT, env: appEnv(databaseUrl), encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`demo load failed:\n${demo.stdout}\n${demo.stderr}`);
}

/** The app as a user gets it: built web app, demo data, real server process, a browser. */
export async function startApp(opts: { database?: E2eDatabase } = {}): Promise<Running> {
  buildWeb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-e2e-'));
  const port = await freePort();
  const pgName = opts.database === 'postgres' ? `as_e2e_${process.pid}_${port}` : null;
  const databaseUrl = pgName ? PG_ADMIN_URL.replace(/\/[^/]*$/, `/${pgName}`) : `sqlite:${path.join(dir, 'e2e.db')}`;
  const template = pgName ? '' : inject('demoSqlite');
  if (pgName) await pgAdmin(`create database ${pgName}`);
  if (template) {
    fs.copyFileSync(template, path.join(dir, 'e2e.db'));
    if (fs.existsSync(`${template}-wal`)) fs.copyFileSync(`${template}-wal`, path.join(dir, 'e2e.db-wal'));
  } else loadDemo(databaseUrl);
  const env = appEnv(databaseUrl, port);

  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/aftersales.js', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${baseUrl}/api/v1/me`);
      if (r.status === 401) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // Every page asks for less motion, so the app drops antd's zoom and slide animations (App.tsx):
  // on a slow machine a click can otherwise pass Playwright's stability check between two slow
  // frames of a dialog opening and land beside its target.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options) => newContext({ reducedMotion: 'reduce', ...options });
  return {
    baseUrl,
    browser,
    log: () => output,
    stop: async () => {
      await browser.close().catch(() => {});
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (pgName) await pgAdmin(`drop database if exists ${pgName} with (force)`);
    },
  };
}

/** Logs in through the login page. */
export async function login(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Opens an antd Select (by its input locator), optionally types a search, and clicks the option. */
/**
 * Chooses an option of an antd Select (input: its search input, or any element of the select) and
 * checks the select then shows it. On a busy machine a click can land while the list is still
 * opening or re-rendering with search results and choose nothing; then it tries again (3 times).
 */
export async function pick(page: Page, input: ReturnType<Page['locator']>, optionText: string | RegExp, search?: string) {
  const select = input.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const shows = (texts: string[]) => texts.some((t) => (typeof optionText === 'string' ? t.includes(optionText) : optionText.test(t)));
  let seen: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await input.click();
    if (search !== undefined) await input.fill(search);
    await open.locator('.ant-select-item-option').filter({ hasText: optionText }).first().click();
    await open.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    seen = [await select.innerText()]; // what the closed select shows (its dropdown is elsewhere)
    if (shows(seen)) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`pick: chose ${String(optionText)} three times, the select shows ${JSON.stringify(seen)}`);
}

/**
 * Waits until an element stops moving (its box the same over 150 ms), e.g. the contents of an
 * antd Drawer while it slides in: on a busy machine a click can pass Playwright's own stability
 * check between two slow frames of the slide and land beside the button.
 */
export async function settled(target: ReturnType<Page['locator']>) {
  let last = '';
  for (let i = 0; i < 100; i++) {
    const box = JSON.stringify(await target.boundingBox());
    if (box === last && box !== 'null') return;
    last = box;
    await target.page().waitForTimeout(150);
  }
  throw new Error(`settled: the element kept moving for 15 s (${last})`);
}

export async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500); // let antd's open/close animations finish
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
}
