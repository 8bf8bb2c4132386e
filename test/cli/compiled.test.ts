// The compiled server (`npm start` transpiles src/ and migrations/ to dist/ and runs it on plain
// node, docs/decisions/0008-compiled-server.md): the transpiled output migrates a new database,
// passes the ledger check and answers HTTP like the sources do. Built into its own folder so
// the other tests' child processes never see a half-written dist/.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, freshDatabaseUrl } from '../harness.js';
import { ROOT, freePort, waitListening } from '../processes.js';
// @ts-expect-error: a plain .mjs script without type declarations
import { build } from '../../scripts/server-build.mjs';

const OUT = path.join(ROOT, `dist-test-${process.pid}`);
const SLOW = 120_000;

function node(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: SLOW }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr }),
    ),
  );
}

describe(`compiled server (${dialect})`, () => {
  let db: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    await (build as (out: string) => Promise<void>)(OUT);
    db = await freshDatabaseUrl();
  }, SLOW);
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(OUT, { recursive: true, force: true });
  });

  it('migrates, checks and serves from plain JavaScript', { timeout: SLOW }, async () => {
    const cli = path.join(OUT, 'src/cli.js');
    const env = { DATABASE_URL: db.url, AFTERSALES_ADMIN_PASSWORD: 'admin-pass-123' };
    expect((await node([cli, 'migrate'], env)).code).toBe(0);
    const check = await node([cli, 'check'], env);
    expect(check.out).toMatch(/ledger invariants hold/);
    const port = await freePort();
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [cli, 'start'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (b) => (log += b));
    child.stderr.on('data', (b) => (log += b));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitListening(base, child, () => log);
      const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-123' }) });
      expect(r.status).toBe(200);
      expect(typeof ((await r.json()) as { token: unknown }).token).toBe('string');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
