// Backup and restore drill (issue "Proof under stress" 5): `aftersales backup` runs while a real
// server takes concurrent receipts, issues, returns and transfers; each backup is restored into
// a fresh database, `aftersales check` passes there, and the restored ledger equals the source
// up to the backup point: every restored document, line, move and lot is identical in the
// source, the restored set is closed (a document comes with all its lines and moves), every
// request answered before the backup started is in it, and none sent after it ended is.
// BACKUPS backups per database (1 in `npm test`, more in `npm run test:stress`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.js';
import { connect } from '../../src/platform/db/connect.js';
import { mulberry32 } from '../../src/platform/random.js';
import { ADMIN_PASSWORD, dialect, freshDatabaseUrl } from '../harness.js';
import { callJson, runCli, startServerProcess, type ServerProcess } from '../processes.js';

const BACKUPS = Number(process.env.BACKUP_DRILLS ?? 1);
const WORKERS = 6;
const TABLES = ['documents', 'document_lines', 'moves', 'lots'] as const;
type Table = (typeof TABLES)[number];
type Row = Record<string, unknown> & { id: number };
type Snapshot = Record<Table, Map<number, Row>>;

interface Sent {
  route: string;
  sentAt: number;
  doneAt: number;
  status: number;
  id?: number;
}

interface Taken {
  file: string;
  startedAt: number;
  endedAt: number;
}

async function snapshot(url: string): Promise<Snapshot> {
  const h = connect<Database>(url);
  try {
    const out = {} as Snapshot;
    for (const t of TABLES) {
      const rows = (await h.db.selectFrom(t).selectAll().execute()) as unknown as Row[];
      out[t] = new Map(rows.map((r) => [r.id, r]));
    }
    return out;
  } finally {
    await h.close();
  }
}

describe(`backup while writing, restore, compare (${dialect}, ${BACKUPS} backups)`, () => {
  const dbs: { url: string; drop: () => Promise<void> }[] = [];
  let env: NodeJS.ProcessEnv = {};
  let server: ServerProcess | null = null;
  let token = '';
  let dir = '';
  const ids = { wh: 0, station: 0, sup: 0, tech: 0, parts: [] as number[] };
  const setupDocs = new Set<number>();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-drill-'));
    const source = await freshDatabaseUrl();
    dbs.push(source);
    env = { ...process.env, DATABASE_URL: source.url, AFTERSALES_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'error' };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    server = await startServerProcess(env);
    token = (await callJson(server.base, '', 'POST', '/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body.token;
    const post = async (u: string, b: unknown) => (await callJson(server!.base, token, 'POST', u, b)).body;
    ids.wh = (await post('/locations', { code: 'WH', name: '总仓', kind: 'warehouse' })).id;
    ids.station = (await post('/locations', { code: 'ST', name: '服务站', kind: 'station' })).id;
    ids.sup = (await post('/suppliers', { code: 'S1', name: '宇通配件供应商' })).id;
    ids.tech = (await post('/users', { username: 'tech', password: 'tech-pass-1', displayName: '王师傅', roles: ['technician'] })).id;
    for (let i = 0; i < 6; i++) {
      const r = await post('/receipts', { locationId: ids.wh, supplierId: ids.sup, lines: [{ newPart: { code: `P${i}`, name: `配件${i}`, unit: '个' }, qty: 40, unitCost: `${10 + i}.50`, lot: `L0-${i}` }] });
      ids.parts.push(r.lines[0].partId);
      setupDocs.add(r.id);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    for (const db of dbs) await db.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const randomRequest = (rand: () => number, n: number): { route: string; body: unknown } => {
    const partId = ids.parts[Math.floor(rand() * ids.parts.length)]!;
    const pick = rand();
    if (pick < 0.3) return { route: '/receipts', body: { locationId: ids.wh, supplierId: ids.sup, lines: [{ partId, qty: 1 + Math.floor(rand() * 3), unitCost: `${(8 + rand() * 10).toFixed(2)}`, lot: `L${n % 7}` }] } };
    if (pick < 0.65) return { route: '/issues', body: { fromLocationId: ids.wh, toUserId: ids.tech, lines: [{ partId, qty: 1 }] } };
    if (pick < 0.85) return { route: '/returns', body: { fromUserId: ids.tech, toLocationId: ids.wh, lines: [{ partId, qty: 1 }] } };
    return { route: '/transfers', body: { fromLocationId: ids.wh, toLocationId: ids.station, lines: [{ partId, qty: 1 }] } };
  };

  it('each backup restores to a checked ledger equal to the source up to the backup point', async () => {
    const rand = mulberry32(Number(process.env.DRILL_SEED ?? 777));
    const sent: Sent[] = [];
    const taken: Taken[] = [];
    let stop = false;
    let n = 0;
    const s = server!;
    const workers = Array.from({ length: WORKERS }, async () => {
      while (!stop) {
        const req = randomRequest(rand, n++);
        const sentAt = Date.now();
        const r = await callJson(s.base, token, 'POST', req.route, req.body);
        const one: Sent = { route: req.route, sentAt, doneAt: Date.now(), status: r.status, id: r.status >= 200 && r.status < 300 ? r.body.id : undefined };
        sent.push(one);
        expect(r.status, `${req.route} ${JSON.stringify(r.body)}\n${s.log()}`).toBeGreaterThan(0);
        expect(r.status, `${req.route} ${JSON.stringify(r.body)}`).toBeLessThan(500);
      }
    });
    try {
      for (let b = 0; b < BACKUPS; b++) {
        await new Promise((r) => setTimeout(r, 400 + rand() * 800));
        const file = path.join(dir, `drill-${b}.${dialect === 'postgres' ? 'dump' : 'db'}`);
        // The copy's snapshot is taken after the command starts: a request answered before that
        // must be in it. (The backup file appearing is no tighter bound: the snapshot can be taken
        // as the file is created, and a poll sees the file only some milliseconds later, while
        // the server goes on answering.)
        const startedAt = Date.now();
        const out = await runCli(['backup', file], env);
        const endedAt = Date.now();
        expect(out.code, out.out).toBe(0);
        taken.push({ file, startedAt, endedAt });
      }
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      stop = true;
      await Promise.all(workers);
    }
    const source = await snapshot(env.DATABASE_URL!);
    const answered = sent.filter((x) => x.id !== undefined);
    expect(answered.length).toBeGreaterThan(20);

    for (const b of taken) {
      const target = await freshDatabaseUrl();
      dbs.push(target);
      const tenv = { ...env, DATABASE_URL: target.url };
      const restore = await runCli(['restore', b.file], tenv);
      expect(restore.code, restore.out).toBe(0);
      const check = await runCli(['check'], tenv);
      expect(check.out).toContain('ledger invariants hold');
      expect(check.code).toBe(0);

      const copy = await snapshot(target.url);
      // Identical: every restored row is in the source, column for column.
      for (const t of TABLES) {
        for (const [id, row] of copy[t]) expect(source[t].get(id), `${t} ${id} differs from the source`).toEqual(row);
      }
      // Closed: a restored document has all its lines and moves, a move its document and lot.
      const linesOf = (snap: Snapshot, doc: number) => [...snap.document_lines.values()].filter((l) => l.document_id === doc).map((l) => l.id).sort();
      const movesOf = (snap: Snapshot, doc: number) => [...snap.moves.values()].filter((m) => m.document_id === doc).map((m) => m.id).sort();
      for (const doc of copy.documents.keys()) {
        expect(movesOf(copy, doc), `moves of document ${doc}`).toEqual(movesOf(source, doc));
        expect(linesOf(copy, doc), `lines of document ${doc}`).toEqual(linesOf(source, doc));
      }
      for (const m of copy.moves.values()) {
        expect(copy.documents.has(m.document_id as number), `move ${m.id} without its document`).toBe(true);
        expect(copy.lots.has(m.lot_id as number), `move ${m.id} without its lot`).toBe(true);
      }
      // Up to the backup point: answered before it started → there; sent after it ended → not.
      const before = answered.filter((a) => a.doneAt < b.startedAt);
      const after = answered.filter((a) => a.sentAt > b.endedAt);
      expect(before.length, 'requests answered before the backup started').toBeGreaterThan(0);
      expect(after.length, 'requests sent after the backup ended').toBeGreaterThan(0);
      const missing = before.filter((a) => !copy.documents.has(a.id!));
      expect(missing.map((a) => `${a.route} → document ${a.id}`), 'answered before the backup, missing from it').toEqual([]);
      const late = after.filter((a) => copy.documents.has(a.id!));
      expect(late.map((a) => `${a.route} → document ${a.id}`), 'sent after the backup, yet in it').toEqual([]);
      for (const d of setupDocs) expect(copy.documents.has(d)).toBe(true);
    }
  }, 120_000 + BACKUPS * 60_000);
});
