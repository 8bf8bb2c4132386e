// Crash safety (issue "Proof under stress" 1): drive receipts, issues, returns and transfers
// at a real server, kill -9 it at a random moment, restart, and check that every request that
// got a 2xx is in the ledger exactly once, that requests left without an answer land exactly
// once when retried with their Idempotency-Key, and that `aftersales check` passes.
// KILLS kill points per database (2 in `npm test`, 20 in `npm run test:stress`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.js';
import { connect } from '../../src/platform/db/connect.js';
import { mulberry32 } from '../../src/platform/random.js';
import { ADMIN_PASSWORD, dialect, freshDatabaseUrl } from '../harness.js';
import { callJson, runCli, startServerProcess, type ServerProcess } from '../processes.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 2);
const WORKERS = 8;

interface Sent {
  key: string;
  route: string;
  body: unknown;
  status: number; // 0: no answer before the kill
  id?: number;
}

describe(`kill -9 under load (${dialect}, ${KILLS} kill points)`, () => {
  let url = '';
  let drop: () => Promise<void> = async () => {};
  let env: NodeJS.ProcessEnv = {};
  let server: ServerProcess | null = null;
  let token = '';
  const ids = { wh: 0, station: 0, tech: 0, parts: [] as number[] };
  const sent: Sent[] = [];

  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl());
    env = { ...process.env, DATABASE_URL: url, AFTERSALES_ADMIN_PASSWORD: ADMIN_PASSWORD, AFTERSALES_SQLITE_SYNCHRONOUS: 'FULL', LOG_LEVEL: 'error' };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    server = await startServerProcess(env);
    const login = await callJson(server.base, '', 'POST', '/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    token = login.body.token;
    const post = async (u: string, b: unknown) => (await callJson(server!.base, token, 'POST', u, b)).body;
    ids.wh = (await post('/locations', { code: 'WH', name: '总仓', kind: 'warehouse' })).id;
    ids.station = (await post('/locations', { code: 'ST', name: '服务站', kind: 'station' })).id;
    ids.tech = (await post('/users', { username: 'tech', password: 'tech-pass-1', displayName: '王师傅', roles: ['technician'] })).id;
    for (let i = 0; i < 5; i++) {
      const r = await post('/receipts', { locationId: ids.wh, lines: [{ newPart: { code: `P${i}`, name: `配件${i}`, unit: '个' }, qty: 50, unitCost: '10.00' }] });
      ids.parts.push(r.lines[0].partId);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    await drop();
  });

  const randomRequest = (rand: () => number, n: number): Omit<Sent, 'status'> => {
    const partId = ids.parts[Math.floor(rand() * ids.parts.length)]!;
    const key = `crash-${n}-${Math.floor(rand() * 1e9)}`;
    const pick = rand();
    if (pick < 0.3) return { key, route: '/receipts', body: { locationId: ids.wh, lines: [{ partId, qty: 1 + Math.floor(rand() * 3), unitCost: '10.00' }] } };
    if (pick < 0.65) return { key, route: '/issues', body: { fromLocationId: ids.wh, toUserId: ids.tech, lines: [{ partId, qty: 1 }] } };
    if (pick < 0.85) return { key, route: '/returns', body: { fromUserId: ids.tech, toLocationId: ids.wh, lines: [{ partId, qty: 1 }] } };
    return { key, route: '/transfers', body: { fromLocationId: ids.wh, toLocationId: ids.station, lines: [{ partId, qty: 1 }] } };
  };

  it('keeps every answered request exactly once and the ledger whole', async () => {
    const rand = mulberry32(Number(process.env.CRASH_SEED ?? 4242));
    let n = 0;
    for (let k = 0; k < KILLS; k++) {
      let stop = false;
      const s = server!;
      const workers = Array.from({ length: WORKERS }, async () => {
        while (!stop) {
          const req = randomRequest(rand, n++);
          const r = await callJson(s.base, token, 'POST', req.route, req.body, { 'idempotency-key': req.key });
          sent.push({ ...req, status: r.status, id: r.status >= 200 && r.status < 300 ? r.body.id : undefined });
          if (r.status === 0) return; // the server is gone
          expect(r.status, `${req.route} ${JSON.stringify(r.body)}\n${s.log()}`).toBeLessThan(500);
        }
      });
      await new Promise((r) => setTimeout(r, 300 + rand() * 1200));
      await s.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      server = await startServerProcess(env);
      // Unanswered requests: retried with their key, each lands at most once.
      for (const req of sent.filter((x) => x.status === 0)) {
        const r = await callJson(server.base, token, 'POST', req.route, req.body, { 'idempotency-key': req.key });
        expect(r.status, JSON.stringify(r.body)).toBeGreaterThan(0);
        expect(r.status).toBeLessThan(500);
        req.status = r.status;
        req.id = r.status < 300 ? r.body.id : undefined;
      }
    }
    const answered = sent.filter((x) => x.status >= 200 && x.status < 300);
    expect(answered.length).toBeGreaterThan(KILLS);
    // Each 2xx is there, with its moves; a retry of an answered key returns the same document.
    const h = connect<Database>(url);
    try {
      const docs = await h.db.selectFrom('documents').select(['id', 'type']).where('type', 'in', ['receipt', 'issue', 'return', 'transfer']).execute();
      const byId = new Set(docs.map((d) => d.id));
      for (const a of answered) expect(byId.has(a.id!), `document ${a.id} of ${a.route} is missing`).toBe(true);
      // Exactly once: the documents made by this test are the answered requests, no more (setup made 5 receipts).
      expect(docs.length).toBe(answered.length + ids.parts.length);
      expect(new Set(answered.map((a) => a.id)).size).toBe(answered.length);
    } finally {
      await h.close();
    }
    for (const a of answered.slice(0, 10)) {
      const r = await callJson(server!.base, token, 'POST', a.route, a.body, { 'idempotency-key': a.key });
      expect(r.body.id).toBe(a.id);
    }
    await server!.kill('SIGTERM');
    server = null;
    const check = await runCli(['check'], env);
    expect(check.out).toContain('ledger invariants hold');
    expect(check.code).toBe(0);
  }, 60_000 + KILLS * 60_000);
});
