// The real CLI as a child process: demo data, ledger check, backup, restore into a new database
// (R-PLT-5, R-PLT-6). The dialect follows TEST_DB like every other test.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, freshDatabaseUrl } from '../harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SLOW = 180_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(url: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/aftersales.js'), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, AFTERSALES_ADMIN_PASSWORD: 'admin-pass-123', AFTERSALES_DEMO_SCALE: 'small' }, timeout: SLOW },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

function movesOf(check: Run): number {
  const m = /ledger invariants hold: (\d+) moves/.exec(check.stdout);
  if (!m) throw new Error(`check did not pass:\n${check.stdout}\n${check.stderr}`);
  return Number(m[1]);
}

const dbs: { url: string; drop: () => Promise<void> }[] = [];
let dir: string;
let source: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-cli-'));
  const db = await freshDatabaseUrl();
  dbs.push(db);
  source = db.url;
});
afterAll(async () => {
  for (const db of dbs) await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`CLI on ${dialect}`, () => {
  let moves = 0;

  it('loads the demo once, and the ledger check passes', { timeout: SLOW }, async () => {
    const demo = await cli(source, 'demo');
    expect(demo.stderr).not.toMatch(/Error/);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('演示账号 / demo logins');
    expect(demo.stdout).toMatch(/keeper\s+王建国/);
    expect(demo.stdout).toContain('demo1234');
    const check = await cli(source, 'check');
    expect(check.code).toBe(0);
    moves = movesOf(check);
    expect(moves).toBeGreaterThan(100);

    const again = await cli(source, 'demo');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already loaded');
  });

  it('backs up, restores into a new database, and the copy checks out', { timeout: SLOW }, async () => {
    expect(moves).toBeGreaterThan(0);
    const file = path.join(dir, dialect === 'postgres' ? 'backup.dump' : 'backup.db');
    const backup = await cli(source, 'backup', file);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]); // no -wal, -shm or partial files

    const target = await freshDatabaseUrl();
    dbs.push(target);
    const restore = await cli(target.url, 'restore', file);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const check = await cli(target.url, 'check');
    expect(check.code).toBe(0);
    expect(movesOf(check)).toBe(moves);
  });

  it('refuses a file that is not a backup, with a plain message', { timeout: SLOW }, async () => {
    const bogus = path.join(dir, 'not-a-backup.txt');
    fs.writeFileSync(bogus, 'hello');
    const r = await cli(source, 'restore', bogus);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a (SQLite database file|pg_dump custom-format archive)/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for an operator's mistake
  });
});
