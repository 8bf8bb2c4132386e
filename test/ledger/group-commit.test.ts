// SQLite group commit (docs/decisions/0006-group-commit.md): requests that arrive together share
// one COMMIT (one fsync), and each is still answered only after that COMMIT. better-sqlite3 is
// synchronous, so a batch that started at once would always hold exactly one transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, seedBasics, type TestApp } from '../harness.js';
import { groupCommitStats } from '../../src/platform/db/transaction.js';

describe.skipIf(dialect !== 'sqlite')('group commit on SQLite', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedBasics(t, { qty: 1000 });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => t?.close());

  it('256 issues over 32 busy connections commit in fewer batches than transactions, and all land', async () => {
    const body = JSON.stringify({ fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] });
    const before = groupCommitStats(t.handle.db);
    const statuses = await burst(base, t.api.token!, body, 256);
    expect(statuses).toEqual(Array(256).fill(201));
    const after = groupCommitStats(t.handle.db);
    const transactions = after.transactions - before.transactions;
    const batches = after.batches - before.batches;
    expect(transactions).toBe(256);
    expect(batches).toBeLessThan(transactions);
    const held = (await t.api.get(`/holdings?userId=${s.tech.id}&partId=${s.part.id}`)).body.items;
    expect(held.reduce((n: number, i: { qty: number }) => n + i.qty, 0)).toBe(256);
  });
});

/**
 * n POSTs from a child process over 32 keep-alive connections, each connection sending its next
 * request as soon as its last one is answered: a busy server's steady load, as a load tester
 * applies it. (An in-process client shares the event loop and delivers its requests one loop
 * turn apart.) Returns the status codes.
 */
async function burst(base: string, token: string, body: string, n: number): Promise<number[]> {
  const script = `
    const http = require('node:http');
    const [base, token, body, n] = process.argv.slice(1);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const one = () => new Promise((resolve) => {
      const req = http.request(base + '/api/v1/issues', { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', () => resolve(0));
      req.end(body);
    });
    Promise.all(Array.from({ length: +n }, one)).then((out) => { console.log(JSON.stringify(out)); agent.destroy(); });`;
  const { execFile } = await import('node:child_process');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['-e', script, base, token, body, String(n)], { timeout: 120_000 }, (err, so) => (err ? reject(err) : resolve(so))),
  );
  return JSON.parse(stdout.trim()) as number[];
}
