// The ledger under contention (R-INV-3, R-INV-12): 200 concurrent one-piece issues against 100 in
// stock issue exactly 100, in one process and (PostgreSQL) across three app processes.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, dialect, freshDatabaseUrl, seedBasics, type TestApp } from '../harness.js';
import { checkLedger } from '../../src/modules/inventory/check.js';
import { postBatchStats } from '../../src/modules/inventory/posting.js';
import { connect } from '../../src/platform/db/connect.js';
import type { Database } from '../../src/db.js';
import { callJson, runCli, startServerProcess, type ServerProcess } from '../processes.js';


function tally(statuses: { status: number; code?: string }[]) {
  const ok = statuses.filter((s) => s.status === 201).length;
  const short = statuses.filter((s) => s.status === 409 && s.code === 'insufficient_stock').length;
  const server = statuses.filter((s) => s.status >= 500);
  const other = statuses.filter((s) => s.status !== 201 && !(s.status === 409 && s.code === 'insufficient_stock'));
  return { ok, short, server, other };
}

describe(`in-process concurrency (${dialect})`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedBasics(t, { qty: 100 });
  });
  afterAll(async () => t?.close());

  it('200 concurrent issues of 1 against 100 in stock: exactly 100 succeed', async () => {
    const body = { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] };
    const results = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const r = await t.api.post('/issues', body);
        return { status: r.status, code: r.body?.error?.code as string | undefined };
      }),
    );
    const { ok, short, server, other } = tally(results);
    expect(server).toEqual([]);
    expect(other).toEqual([]);
    expect(ok).toBe(100);
    expect(short).toBe(100);
    const check = await checkLedger(t.handle.db);
    expect(check.problems).toEqual([]);
    const stock = (await t.api.get(`/stock?partId=${s.part.id}&locationId=${s.wh.id}&groupBy=part`)).body.items;
    expect(stock.reduce((n: number, i: { onHand: number }) => n + i.onHand, 0)).toBe(0);
    const held = (await t.api.get(`/holdings?userId=${s.tech.id}&partId=${s.part.id}`)).body.items;
    expect(held.reduce((n: number, i: { qty: number }) => n + i.qty, 0)).toBe(100);
  });

  it.skipIf(dialect !== 'postgres')('PostgreSQL group commit: issues racing in one process share aftersales_post_batch statements, and one posting that fails fails only its own request', async () => {
    expect((await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ partId: s.part.id, qty: 39, unitCost: '10.00' }] })).status).toBe(201); // all 39 are issued: the next race starts from nothing again
    // A posting the database refuses after its checks passed (a constraint the app does not know).
    await sql`create function test_refuse_boom() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`.execute(t.handle.db);
    await sql`create trigger test_refuse_boom before insert on documents for each row when (new.remark = 'boom') execute function test_refuse_boom()`.execute(t.handle.db);
    try {
      const before = postBatchStats(t.handle.db);
      const send = (i: number) => t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, remark: i === 7 ? 'boom' : null, lines: [{ partId: s.part.id, qty: 1 }] });
      const rs = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i)));
      const after = postBatchStats(t.handle.db);
      expect(rs.map((r, i) => (i === 7 ? r.status >= 500 : r.status === 201))).toEqual(rs.map(() => true));
      // 39 issues landed through fewer statements than issues (the refused one was also sent alone).
      expect(after.postings - before.postings).toBeGreaterThanOrEqual(39);
      expect(after.batches - before.batches).toBeLessThan(after.postings - before.postings);
      expect(await t.handle.db.selectFrom('documents').select('id').where('remark', '=', 'boom').execute()).toEqual([]);
    } finally {
      await sql`drop trigger test_refuse_boom on documents`.execute(t.handle.db);
      await sql`drop function test_refuse_boom()`.execute(t.handle.db);
    }
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });

  it.skipIf(dialect !== 'postgres')('PostgreSQL group commit: a batch waits only a moment for a row locked elsewhere; the postings queued behind it, of another part, go on, and its own waits on the transactional path', async () => {
    const rec = await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ partId: s.part.id, qty: 1, unitCost: '10.00' }, { newPart: { code: 'LOCK-B', name: '锁等待配件', unit: '个', salePrice: '20.00' }, qty: 1, unitCost: '10.00', lot: 'L-LOCK-B' }] });
    expect(rec.status).toBe(201);
    const partB = rec.body.lines[1].partId as number;
    // A long transaction elsewhere (a large receipt, say) holds the store's row of the first part.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select 1 from stock_levels where location_id = $1 and part_id = $2 for update', [s.wh.id, s.part.id]);
      let aDone = false;
      const a = t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] }).finally(() => (aDone = true));
      // Its batch is in flight, waiting for the lock.
      for (let i = 0; i < 200; i++) {
        const { rows } = await other.query<{ n: string }>("select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
        if (Number(rows[0]!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const b = await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: partB, qty: 1 }] });
      expect([b.status, aDone]).toEqual([201, false]);
      await other.query('commit');
      expect((await a).status).toBe(201);
    } finally {
      await other.end();
    }
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });

  it('the same race with an Idempotency-Key each: a key is kept for each issue that landed only, and each answers its first response again', async () => {
    expect((await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ partId: s.part.id, qty: 100, unitCost: '10.00' }] })).status).toBe(201);
    const body = { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] };
    const send = (i: number) => t.api.post('/issues', body, { 'idempotency-key': `race-key-${i}` });
    const first = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i)));
    const { ok, short, server, other } = tally(first.map((r) => ({ status: r.status, code: r.body?.error?.code })));
    expect([server, other, ok, short]).toEqual([[], [], 100, 100]);
    // On PostgreSQL most went through aftersales_post_batch, some (their check lost to a racer)
    // through the transaction: either way no key is left claimed without its answer.
    const keys = await t.handle.db.selectFrom('idempotency_keys').select(['key', 'status_code']).where('key', 'like', 'race-key-%').execute();
    expect(keys.map((k) => k.key).sort()).toEqual(first.flatMap((r, i) => (r.status === 201 ? [`race-key-${i}`] : [])).sort());
    expect(keys.every((k) => k.status_code === 201)).toBe(true);
    const again = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i)));
    for (const [i, r] of again.entries()) {
      if (first[i]!.status === 201) expect([r.status, r.headers['idempotent-replayed'], r.body]).toEqual([201, 'true', first[i]!.body]);
      else expect([r.status, r.body.error.code]).toEqual([409, 'insufficient_stock']);
    }
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });

  it.skipIf(dialect !== 'postgres')('aftersales_post_batch: a check that no longer holds gives back the key it claimed; a key already there is a replay', async () => {
    const idem = (key: string) => ({ user_id: 1, key, route: 'POST /api/v1/issues', body_hash: 'x', created_at: Date.now(), status: 201 });
    await t.handle.db.insertInto('idempotency_keys').values({ user_id: 1, key: 'keyed-there', route: 'POST /api/v1/issues', body_hash: 'x', status_code: 201, response: '{}', created_at: Date.now() }).execute();
    const check = { keys: [{ location_id: s.wh.id, part_id: s.part.id }], at: s.wh.id, need: [{ part_id: s.part.id, qty: 1_000_000_000 }], picks: [] };
    const ps = [{ check, idem: idem('keyed-check-fails') }, { check, idem: idem('keyed-there') }, { check }];
    const { rows } = await sql<{ r: unknown }>`select aftersales_post_batch(${JSON.stringify(ps)}::jsonb) as r`.execute(t.handle.db);
    expect(rows[0]!.r).toEqual([null, { replay: true }, null]);
    const keys = await t.handle.db.selectFrom('idempotency_keys').select('key').where('key', 'like', 'keyed-%').execute();
    expect(keys.map((k) => k.key)).toEqual(['keyed-there']);
  });
});




// A decision taken twice at once — two managers approving the same requisition, a transfer
// received from two phones, a reservation cancelled while it is being issued — happens once: the
// others are told it is no longer pending, and reserved quantities stay equal to what is held.
describe(`documents decided twice at once (${dialect})`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  let station: { id: number };
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedBasics(t, { qty: 1000 });
    station = (await t.api.post('/locations', { code: 'ST-C', name: '并发服务站', kind: 'station' })).body;
  });
  afterAll(async () => t?.close());

  const at = (n: number, call: () => Promise<{ status: number; body: { error?: { code: string } } }>) => Promise.all(Array.from({ length: n }, call));
  const codes = (rs: { status: number; body: { error?: { code: string } } }[]) => rs.map((r) => (r.status < 300 ? r.status : `${r.status} ${r.body.error?.code}`)).sort();
  const level = async (locationId: number) => (await t.api.get(`/stock?partId=${s.part.id}&locationId=${locationId}&groupBy=part`)).body.items[0] ?? { onHand: 0, reserved: 0 };
  const ledgerOk = async () => expect((await checkLedger(t.handle.db)).problems).toEqual([]);

  it('a requisition approved four times at once, and one approved and rejected at once, is decided once', async () => {
    expect((await t.api.post('/approval-rules', { name: '超过1万元需批准', minValue: '10000.00' })).status).toBe(201);
    const keeper = await t.login('keeper1', 'keeper-pass-1');
    const held = await keeper.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 10 }] });
    expect(held.body.status).toBe('pending_approval');
    const before = await level(s.wh.id);
    const approvals = await at(4, () => t.api.post(`/issues/${held.body.id}/approve`, {}));
    expect(codes(approvals)).toEqual([200, '409 document_not_pending', '409 document_not_pending', '409 document_not_pending']);
    const after = await level(s.wh.id);
    expect([after.onHand, after.reserved]).toEqual([before.onHand - 10, before.reserved - 10]);

    const other = await keeper.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 10 }] });
    const [a, r] = await Promise.all([t.api.post(`/issues/${other.body.id}/approve`, {}), t.api.post(`/issues/${other.body.id}/reject`, {})]);
    expect(codes([a, r])).toEqual([200, '409 document_not_pending']);
    await ledgerOk();
  });

  it('a transfer received four times at once arrives once', async () => {
    const tr = await t.api.post('/transfers', { fromLocationId: s.wh.id, toLocationId: station.id, lines: [{ partId: s.part.id, qty: 7 }] });
    expect(tr.status).toBe(201);
    const receipts = await at(4, () => t.api.post(`/transfers/${tr.body.id}/receive`, { lines: [] }));
    expect(codes(receipts)).toEqual([200, '409 transfer_not_in_transit', '409 transfer_not_in_transit', '409 transfer_not_in_transit']);
    expect((await level(station.id)).onHand).toBe(7);
    await ledgerOk();
  });

  it('a stock count approved three times at once posts its variance once', async () => {
    const c = await t.api.post('/counts', { locationId: s.wh.id });
    const line = c.body.lines[0];
    await t.api.post(`/counts/${c.body.id}/record`, { version: c.body.version, lines: [{ lineId: line.id, countedQty: line.qty - 3 }] });
    const before = await level(s.wh.id);
    const approvals = await at(3, () => t.api.post(`/counts/${c.body.id}/approve`, {}));
    expect(codes(approvals)).toEqual([200, '409 document_not_pending', '409 document_not_pending']);
    expect((await level(s.wh.id)).onHand).toBe(before.onHand - 3);
    await ledgerOk();
  });

  it('a reservation issued from and cancelled at once, or cancelled twice at once, releases what it held once', async () => {
    const body = (reservationId: number, qty: number) => ({ fromLocationId: s.wh.id, toUserId: s.tech.id, reservationId, lines: [{ partId: s.part.id, qty }] });
    for (let round = 0; round < 3; round++) {
      const res = await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 5 }] });
      expect(res.status).toBe(201);
      const [issued, cancelled] = await Promise.all([t.api.post('/issues', body(res.body.id, 3)), t.api.post(`/reservations/${res.body.id}/cancel`, {})]);
      expect([issued.status, cancelled.status].every((x) => x < 500)).toBe(true);
      expect(cancelled.status).toBe(200);
      expect((await level(s.wh.id)).reserved).toBe(0);
      await ledgerOk();
    }
    const res = await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 5 }] });
    const cancels = await at(3, () => t.api.post(`/reservations/${res.body.id}/cancel`, {}));
    expect(codes(cancels)).toEqual([200, '409 reservation_not_open', '409 reservation_not_open']);
    expect((await level(s.wh.id)).reserved).toBe(0);
    await ledgerOk();
  });
});

describe.skipIf(dialect !== 'postgres')('three app processes on one PostgreSQL database', () => {
  const servers: ServerProcess[] = [];
  let dbUrl = '';
  let drop: () => Promise<void> = async () => {};
  let token = '';
  let ids: { wh: number; tech: number; part: number } = { wh: 0, tech: 0, part: 0 };

  const call = (i: number, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    callJson(servers[i % servers.length]!.base, token, method, url, body, headers);

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl();
    dbUrl = fresh.url;
    drop = fresh.drop;
    const env = { ...process.env, DATABASE_URL: dbUrl, AFTERSALES_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'error' };
    const m = await runCli(['migrate'], env);
    if (m.code !== 0) throw new Error(`migrate failed: ${m.out}`);
    servers.push(...(await Promise.all([0, 1, 2].map(() => startServerProcess(env)))));
    const login = await fetch(`${servers[0]!.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    token = ((await login.json()) as { token: string }).token;
    const wh = await call(0, 'POST', '/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' });
    const tech = await call(0, 'POST', '/users', { username: 'tech1', password: 'tech-pass-1', displayName: '张师傅', roles: ['technician'] });
    const rec = await call(0, 'POST', '/receipts', { locationId: wh.body.id, lines: [{ newPart: { code: 'LT-001', name: '轮胎总成', unit: '条', salePrice: '1800.00' }, qty: 100, unitCost: '1200.00' }] });
    if (rec.status !== 201) throw new Error(`receipt failed: ${JSON.stringify(rec.body)}`);
    ids = { wh: wh.body.id, tech: tech.body.id, part: rec.body.lines[0].partId };
  }, 90_000);

  afterAll(async () => {
    await Promise.all(servers.map((p) => p.kill()));
    await drop();
  });

  const ledgerOk = async () => {
    const h = connect<Database>(dbUrl);
    try {
      return await checkLedger(h.db);
    } finally {
      await h.close();
    }
  };

  it('200 concurrent issues spread over 3 processes issue exactly 100', async () => {
    const body = { fromLocationId: ids.wh, toUserId: ids.tech, lines: [{ partId: ids.part, qty: 1 }] };
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const r = await call(i, 'POST', '/issues', body);
        return { status: r.status, code: r.body?.error?.code as string | undefined };
      }),
    );
    const { ok, short, server, other } = tally(results);
    expect(server).toEqual([]);
    expect(other).toEqual([]);
    expect(ok).toBe(100);
    expect(short).toBe(100);
    const check = await ledgerOk();
    expect(check.problems).toEqual([]);
    const stock = await call(1, 'GET', `/stock?partId=${ids.part}&locationId=${ids.wh}&groupBy=part`);
    expect(stock.body.items.reduce((n: number, i: { onHand: number }) => n + i.onHand, 0)).toBe(0);
  });

  it('the same Idempotency-Key sent to all three processes at once moves stock once', async () => {
    const rec = await call(0, 'POST', '/receipts', { locationId: ids.wh, lines: [{ partId: ids.part, qty: 10, unitCost: '1200.00' }] });
    expect(rec.status).toBe(201);
    const body = { fromLocationId: ids.wh, toUserId: ids.tech, lines: [{ partId: ids.part, qty: 3 }] };
    const results = await Promise.all([0, 1, 2, 0, 1, 2].map((i) => call(i, 'POST', '/issues', body, { 'idempotency-key': 'multi-proc-key-1' })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const stock = await call(2, 'GET', `/stock?partId=${ids.part}&locationId=${ids.wh}&groupBy=part`);
    expect(stock.body.items[0].onHand).toBe(7);
    const docs = await call(0, 'GET', `/moves?documentId=${results[0]!.body.id}`);
    expect(docs.body.items).toHaveLength(1);
    expect((await ledgerOk()).problems).toEqual([]);
  });

  it('a part edited from three processes with the same version changes once; the others get version_conflict', async () => {
    const part = await call(0, 'GET', `/parts/${ids.part}`);
    const results = await Promise.all([0, 1, 2, 0, 1, 2].map((i) => call(i, 'PATCH', `/parts/${ids.part}`, { version: part.body.version, spec: `规格-${i}` })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(5).fill('version_conflict'));
    const after = await call(2, 'GET', `/parts/${ids.part}`);
    expect(after.body.version).toBe(part.body.version + 1);
  });

  it('a periodic job slot is claimed by one process only', async () => {
    const { claimSlot } = await import('../../src/platform/jobs.js');
    const handles = [0, 1, 2].map(() => connect<Database>(dbUrl));
    try {
      const now = Date.now();
      const won = await Promise.all(handles.map((h) => claimSlot(h.db, 'test-job', 'slot-1', now)));
      expect(won.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
