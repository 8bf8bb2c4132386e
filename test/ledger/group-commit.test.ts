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

  it('32 issues sent at once over HTTP commit in fewer batches than transactions, and all land', async () => {
    const body = JSON.stringify({ fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] });
    const before = groupCommitStats(t.handle.db);
    const statuses = await burst(base, t.api.token!, body, 32);
    expect(statuses).toEqual(Array(32).fill(201));
    const after = groupCommitStats(t.handle.db);
    const transactions = after.transactions - before.transactions;
    const batches = after.batches - before.batches;
    expect(transactions).toBe(32);
    expect(batches).toBeLessThan(transactions);
    const held = (await t.api.get(`/holdings?userId=${s.tech.id}&partId=${s.part.id}`)).body.items;
    expect(held.reduce((n: number, i: { qty: number }) => n + i.qty, 0)).toBe(32);
  });
});

/**
 * n POSTs written at the same moment on n open connections, from a child process: busy clients
 * on other machines look like this to the server. (An in-process client shares the event loop
 * and delivers its requests one loop turn apart.) Returns the status codes.
 */
async function burst(base: string, token: string, body: string, n: number): Promise<number[]> {
  const { port } = new URL(base);
  const script = `
    const net = require('node:net');
    const [port, token, body, n] = process.argv.slice(1);
    const req = 'POST /api/v1/issues HTTP/1.1\\r\\nhost: 127.0.0.1\\r\\ncontent-type: application/json\\r\\nauthorization: Bearer ' + token +
      '\\r\\ncontent-length: ' + Buffer.byteLength(body) + '\\r\\nconnection: close\\r\\n\\r\\n' + body;
    const socks = []; const out = [];
    let open = 0;
    for (let i = 0; i < +n; i++) {
      const s = net.connect(+port, '127.0.0.1', () => { if (++open === +n) for (const x of socks) x.write(req); });
      let text = ''; s.on('data', (d) => (text += d));
      s.on('close', () => { out.push(Number(/^HTTP\\/1\\.1 (\\d+)/.exec(text)?.[1] ?? 0)); if (out.length === +n) console.log(JSON.stringify(out)); });
      socks.push(s);
    }`;
  const { execFile } = await import('node:child_process');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['-e', script, port, token, body, String(n)], { timeout: 60_000 }, (err, so) => (err ? reject(err) : resolve(so))),
  );
  return JSON.parse(stdout.trim()) as number[];
}
