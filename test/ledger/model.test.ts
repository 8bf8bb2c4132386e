// Model-based proof of the ledger (R-INV-1..14): random sequences of receipts, issues, returns,
// write-offs, reservations, transfers and reversals run against the API and a plain model of
// per-location, per-lot quantities. Every command's outcome (2xx vs 409 code) must match what
// the model predicts, and after each run the ledger check holds and GET /stock equals the model.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, type Api, type TestApp } from '../harness.js';
import { checkLedger } from '../../src/modules/inventory/check.js';

interface ModelMove {
  id: number;
  documentId: number;
  kind: string;
  from: number;
  to: number;
  lot: number;
  part: number;
  qty: number;
  reversed: boolean;
  isReversal: boolean;
}
interface Model {
  parts: number[];
  lots: Map<string, number>; // `${location}:${lot}` → milli
  lotPart: Map<number, number>;
  reserved: Map<string, number>; // `${location}:${part}` → milli
  reservations: { id: number; loc: number; part: number; qty: number; open: boolean }[];
  transfers: { id: number; lines: { lineId: number; qty: number }[]; open: boolean }[];
  moves: ModelMove[];
}
interface Env {
  api: Api;
  wh: number;
  st: number;
  transit: number;
  techs: number[];
  holdings: number[];
}

let t: TestApp;
let env: Env;
let partSeq = 0;

const COSTS = ['10.00', '12.50', '9.99'];
const milli = (n: number) => n * 500; // quantities are drawn in halves
const qtyOf = (n: number) => n / 2;

function onHand(m: Model, loc: number, part: number): number {
  let s = 0;
  for (const [k, q] of m.lots) {
    const [l, lot] = k.split(':').map(Number);
    if (l === loc && m.lotPart.get(lot!) === part) s += q;
  }
  return s;
}
const reservedAt = (m: Model, loc: number, part: number) => m.reserved.get(`${loc}:${part}`) ?? 0;
const avail = (m: Model, loc: number, part: number) => onHand(m, loc, part) - reservedAt(m, loc, part);
const lotAt = (m: Model, loc: number, lot: number) => m.lots.get(`${loc}:${lot}`) ?? 0;
/** The lots of a part with stock at a location. */
const lotsOf = (m: Model, loc: number, part: number) => [...m.lotPart].filter(([lot, p]) => p === part && lotAt(m, loc, lot) > 0).map(([lot]) => lot);

/** Folds the document's moves (as the server posted them) into the model and returns them. */
async function applyDocument(m: Model, documentId: number): Promise<ModelMove[]> {
  const r = await env.api.get(`/moves?documentId=${documentId}&limit=500`);
  expect(r.status).toBe(200);
  const out: ModelMove[] = [];
  for (const mv of r.body.items as { id: number; kind: string; fromLocationId: number; toLocationId: number; lotId: number; partId: number; qty: number; reversesMoveId: number | null }[]) {
    const q = Math.round(mv.qty * 1000);
    m.lotPart.set(mv.lotId, mv.partId);
    m.lots.set(`${mv.fromLocationId}:${mv.lotId}`, lotAt(m, mv.fromLocationId, mv.lotId) - q);
    m.lots.set(`${mv.toLocationId}:${mv.lotId}`, lotAt(m, mv.toLocationId, mv.lotId) + q);
    const mm = { id: mv.id, documentId, kind: mv.kind, from: mv.fromLocationId, to: mv.toLocationId, lot: mv.lotId, part: mv.partId, qty: q, reversed: false, isReversal: mv.reversesMoveId !== null };
    m.moves.push(mm);
    out.push(mm);
  }
  return out;
}

function expectOutcome(r: { status: number; body: any }, ok: boolean, okStatus: number, errCode: string, label: string) {
  const got = r.status === okStatus ? 'ok' : `${r.status} ${r.body?.error?.code}`;
  expect(got, label).toBe(ok ? 'ok' : `409 ${errCode}`);
}

const sum = (ms: ModelMove[]) => ms.reduce((s, x) => s + x.qty, 0);

type Cmd = fc.AsyncCommand<Model, Env>;
const stats = new Map<string, number>();
const cmd = (label: string, check: (m: Model) => boolean, run: (m: Model) => Promise<void>): Cmd => ({
  check,
  run: async (m) => {
    await run(m);
    const k = label.replace(/\(.*$/, '');
    stats.set(k, (stats.get(k) ?? 0) + 1);
  },
  toString: () => label,
});

const partIdx = fc.nat({ max: 1 });
const qtyN = fc.integer({ min: 1, max: 24 });

const baseCommands = [
  fc.tuple(partIdx, qtyN, fc.nat({ max: 2 }), fc.boolean()).map(([p, n, c, toStation]) =>
    cmd(`Receipt(p${p}, ${qtyOf(n)}, ${COSTS[c]}, ${toStation ? 'ST' : 'WH'})`, () => true, async (m) => {
      const loc = toStation ? env.st : env.wh;
      const r = await env.api.post('/receipts', { locationId: loc, lines: [{ partId: m.parts[p], qty: qtyOf(n), unitCost: COSTS[c], lot: `L${c}` }] });
      expectOutcome(r, true, 201, '', 'receipt');
      const ms = await applyDocument(m, r.body.id);
      expect(sum(ms)).toBe(milli(n));
      expect(ms.every((x) => x.to === loc)).toBe(true);
    }),
  ),
  fc.tuple(partIdx, qtyN, fc.nat({ max: 1 }), fc.boolean()).map(([p, n, tech, fromStation]) =>
    cmd(`Issue(p${p}, ${qtyOf(n)}, tech${tech}, ${fromStation ? 'ST' : 'WH'})`, () => true, async (m) => {
      const from = fromStation ? env.st : env.wh;
      const ok = avail(m, from, m.parts[p]!) >= milli(n);
      const r = await env.api.post('/issues', { fromLocationId: from, toUserId: env.techs[tech], lines: [{ partId: m.parts[p], qty: qtyOf(n) }] });
      expectOutcome(r, ok, 201, 'insufficient_stock', 'issue');
      if (!ok) return;
      const ms = await applyDocument(m, r.body.id);
      expect(sum(ms)).toBe(milli(n));
      expect(ms.every((x) => x.from === from && x.to === env.holdings[tech])).toBe(true);
    }),
  ),
  fc.tuple(fc.nat({ max: 1 }), partIdx, qtyN).map(([tech, p, n]) =>
    cmd(`Return(tech${tech}, p${p}, ${qtyOf(n)})`, () => true, async (m) => {
      const ok = onHand(m, env.holdings[tech]!, m.parts[p]!) >= milli(n);
      const r = await env.api.post('/returns', { fromUserId: env.techs[tech], toLocationId: env.wh, lines: [{ partId: m.parts[p], qty: qtyOf(n) }] });
      expectOutcome(r, ok, 201, 'insufficient_holding', 'return');
      if (ok) expect(sum(await applyDocument(m, r.body.id))).toBe(milli(n));
    }),
  ),
  fc.tuple(fc.nat({ max: 1 }), partIdx, qtyN, fc.constantFrom('consumed', 'scrapped')).map(([tech, p, n, reason]) =>
    cmd(`WriteOff(tech${tech}, p${p}, ${qtyOf(n)}, ${reason})`, () => true, async (m) => {
      const ok = onHand(m, env.holdings[tech]!, m.parts[p]!) >= milli(n);
      const r = await env.api.post('/write-offs', { userId: env.techs[tech], reason, lines: [{ partId: m.parts[p], qty: qtyOf(n) }] });
      expectOutcome(r, ok, 201, 'insufficient_holding', 'write-off');
      if (ok) expect(sum(await applyDocument(m, r.body.id))).toBe(milli(n));
    }),
  ),
  fc.tuple(partIdx, qtyN).map(([p, n]) =>
    cmd(`Reserve(p${p}, ${qtyOf(n)})`, () => true, async (m) => {
      const part = m.parts[p]!;
      const ok = avail(m, env.wh, part) >= milli(n);
      const r = await env.api.post('/reservations', { locationId: env.wh, forUserId: env.techs[0], lines: [{ partId: part, qty: qtyOf(n) }] });
      expectOutcome(r, ok, 201, 'insufficient_stock', 'reserve');
      if (!ok) return;
      m.reserved.set(`${env.wh}:${part}`, reservedAt(m, env.wh, part) + milli(n));
      m.reservations.push({ id: r.body.id, loc: env.wh, part, qty: milli(n), open: true });
    }),
  ),
  fc.nat().map((i) =>
    cmd(`CancelReservation(#${i})`, (m) => m.reservations.length > 0, async (m) => {
      const res = m.reservations[i % m.reservations.length]!;
      const r = await env.api.post(`/reservations/${res.id}/cancel`);
      expectOutcome(r, res.open, 200, 'reservation_not_open', 'cancel');
      if (!res.open) return;
      res.open = false;
      m.reserved.set(`${res.loc}:${res.part}`, reservedAt(m, res.loc, res.part) - res.qty);
    }),
  ),
  fc.tuple(partIdx, qtyN).map(([p, n]) =>
    cmd(`Transfer(p${p}, ${qtyOf(n)}, WH→ST)`, () => true, async (m) => {
      const ok = avail(m, env.wh, m.parts[p]!) >= milli(n);
      const r = await env.api.post('/transfers', { fromLocationId: env.wh, toLocationId: env.st, lines: [{ partId: m.parts[p], qty: qtyOf(n) }] });
      expectOutcome(r, ok, 201, 'insufficient_stock', 'transfer');
      if (!ok) return;
      const ms = await applyDocument(m, r.body.id);
      expect(ms.every((x) => x.to === env.transit)).toBe(true);
      m.transfers.push({ id: r.body.id, lines: r.body.lines.map((l: { id: number; qty: number }) => ({ lineId: l.id, qty: Math.round(l.qty * 1000) })), open: true });
    }),
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 6 })).map(([i, short]) =>
    cmd(`Receive(#${i}, short ${qtyOf(short)})`, (m) => m.transfers.length > 0, async (m) => {
      const tr = m.transfers[i % m.transfers.length]!;
      const first = tr.lines[0]!;
      const got = Math.max(0, first.qty - milli(short));
      const r = await env.api.post(`/transfers/${tr.id}/receive`, { lines: [{ lineId: first.lineId, receivedQty: got / 1000 }] });
      expectOutcome(r, tr.open, 200, 'transfer_not_in_transit', 'receive');
      if (!tr.open) return;
      tr.open = false;
      const ms = await applyDocument(m, r.body.relatedDocumentId);
      const sent = tr.lines.reduce((s, l) => s + l.qty, 0);
      expect(sum(ms.filter((x) => x.to === env.st))).toBe(sent - (first.qty - got));
      expect(sum(ms)).toBe(sent);
    }),
  ),
  fc.nat().map((i) =>
    cmd(`Reverse(#${i})`, (m) => m.moves.length > 0, async (m) => {
      const mv = m.moves[i % m.moves.length]!;
      const real = new Set([env.wh, env.st, ...env.holdings]);
      let expected: string | null = null;
      if (mv.isReversal) expected = 'move_is_reversal';
      else if (mv.reversed) expected = 'move_already_reversed';
      else if (mv.to === env.transit && m.transfers.find((x) => x.id === mv.documentId)?.open) expected = 'transfer_in_transit';
      else if (real.has(mv.to) && Math.min(lotAt(m, mv.to, mv.lot), avail(m, mv.to, mv.part)) < mv.qty) expected = 'insufficient_stock';
      else if (mv.to === env.transit && Math.min(lotAt(m, mv.to, mv.lot), onHand(m, mv.to, mv.part)) < mv.qty) expected = 'insufficient_stock';
      const r = await env.api.post(`/moves/${mv.id}/reverse`, { reason: '录入错误' });
      expectOutcome(r, expected === null, 201, expected ?? '', `reverse ${mv.kind} ${mv.from}→${mv.to}`);
      if (expected !== null) return;
      mv.reversed = true;
      const ms = await applyDocument(m, r.body.documentId);
      expect(ms).toHaveLength(1);
      expect(ms[0]).toMatchObject({ from: mv.to, to: mv.from, lot: mv.lot, qty: mv.qty, isReversal: true });
    }),
  ),
  // A line naming a lot and a FIFO line of the same part: the FIFO line takes only what the
  // named lot's line left, and both count against the part's availability together.
  fc.tuple(partIdx, fc.nat({ max: 3 }), qtyN, qtyN).map(([p, li, n1, n2]) =>
    cmd(`IssueLotAndFifo(p${p}, lot#${li}, ${qtyOf(n1)}+${qtyOf(n2)})`, (m) => lotsOf(m, env.wh, m.parts[p]!).length > 0, async (m) => {
      const part = m.parts[p]!;
      const lots = lotsOf(m, env.wh, part);
      const lot = lots[li % lots.length]!;
      const ok = lotAt(m, env.wh, lot) >= milli(n1) && avail(m, env.wh, part) >= milli(n1) + milli(n2);
      const r = await env.api.post('/issues', { fromLocationId: env.wh, toUserId: env.techs[0], lines: [{ partId: part, lotId: lot, qty: qtyOf(n1) }, { partId: part, qty: qtyOf(n2) }] });
      expectOutcome(r, ok, 201, 'insufficient_stock', 'issue of a named lot and FIFO');
      if (ok) expect(sum(await applyDocument(m, r.body.id))).toBe(milli(n1) + milli(n2));
    }),
  ),
];

// Receive and cancel need an earlier transfer or reservation, a reversal an earlier move, a named
// lot an earlier receipt: give them more weight.
const lotAndFifo = baseCommands[baseCommands.length - 1]!;
const commands = [...baseCommands, baseCommands[5]!, baseCommands[7]!, baseCommands[7]!, baseCommands[8]!, lotAndFifo, lotAndFifo];

async function freshParts(): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await env.api.post('/parts', { code: `MB-${++partSeq}`, name: `模型配件${partSeq}`, unit: '个' });
    expect(r.status).toBe(201);
    ids.push(r.body.id);
  }
  return ids;
}

/** After a run: the ledger check holds and GET /stock (by part) equals the model everywhere. */
async function assertMatchesModel(m: Model) {
  const check = await checkLedger(t.handle.db);
  expect(check.problems).toEqual([]);
  for (const part of m.parts) {
    const r = await env.api.get(`/stock?partId=${part}&groupBy=part&limit=200`);
    const got = Object.fromEntries(r.body.items.map((i: { locationId: number; onHand: number; reserved: number }) => [i.locationId, [Math.round(i.onHand * 1000), Math.round(i.reserved * 1000)]]));
    const want: Record<number, number[]> = {};
    for (const loc of [env.wh, env.st, ...env.holdings]) {
      const oh = onHand(m, loc, part);
      const rs = reservedAt(m, loc, part);
      if (oh !== 0 || rs !== 0) want[loc] = [oh, rs];
    }
    expect(got).toEqual(want);
    expect(onHand(m, env.transit, part)).toBeGreaterThanOrEqual(0);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const api = t.api;
  const wh = (await api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' })).body.id;
  const st = (await api.post('/locations', { code: 'ST1', name: '郑州网点', kind: 'station' })).body.id;
  const techs: number[] = [];
  for (const n of [1, 2]) techs.push((await api.post('/users', { username: `mtech${n}`, password: 'tech-pass-1', displayName: `师傅${n}`, roles: ['technician'] })).body.id);
  // Make both holdings exist up front (an issue creates them), with a part no run uses.
  const rec = await api.post('/receipts', { locationId: wh, lines: [{ newPart: { code: 'SETUP-1', name: '初始化', unit: '个' }, qty: 2, unitCost: '1.00' }] });
  for (const u of techs) await api.post('/issues', { fromLocationId: wh, toUserId: u, lines: [{ partId: rec.body.lines[0].partId, qty: 1 }] });
  const locs = (await api.get('/locations?includeVirtual=true&limit=200')).body.items as { id: number; code: string; userId: number | null }[];
  env = {
    api,
    wh,
    st,
    transit: locs.find((l) => l.code === 'VIRT-TRANSIT')!.id,
    techs,
    holdings: techs.map((u) => locs.find((l) => l.userId === u)!.id),
  };
});
afterAll(async () => t?.close());

describe(`ledger model (${dialect})`, () => {
  it('random command sequences agree with the model, and the ledger check holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25, size: 'max' }), async (cmds) => {
        const model: Model = { parts: await freshParts(), lots: new Map(), lotPart: new Map(), reserved: new Map(), reservations: [], transfers: [], moves: [] };
        await fc.asyncModelRun(() => ({ model, real: env }), cmds);
        await assertMatchesModel(model);
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 15) },
    );
    if (process.env.MODEL_STATS) console.log(Object.fromEntries(stats));
    // The commands that need no earlier state ran (the model is exercised, not vacuous). Receive,
    // cancel, reverse and the named-lot issue need an earlier success (a transfer, a reservation,
    // a move, a receipt), so a run may draw none of them; their fixed cases are in
    // test/api/stock-core.test.ts and below.
    for (const k of ['Issue', 'Receipt', 'Reserve', 'Return', 'Transfer', 'WriteOff']) expect(stats.get(k), k).toBeGreaterThan(0);
  });

  it('sums duplicate lines of one part before the availability check', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 30 }), async (split, stock) => {
        const [part] = await freshParts();
        expect((await env.api.post('/receipts', { locationId: env.wh, lines: [{ partId: part, qty: stock, unitCost: '5.00' }] })).status).toBe(201);
        const total = split.reduce((s, x) => s + x, 0);
        const r = await env.api.post('/issues', { fromLocationId: env.wh, toUserId: env.techs[1], lines: split.map((qty) => ({ partId: part, qty })) });
        expectOutcome(r, total <= stock, 201, 'insufficient_stock', `issue ${split.join('+')} of ${stock}`);
        const held = (await env.api.get(`/holdings?userId=${env.techs[1]}&partId=${part}`)).body.items.reduce((s: number, h: { qty: number }) => s + h.qty, 0);
        expect(held).toBe(total <= stock ? total : 0);
      }),
      { numRuns: 20 },
    );
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });

  it('a reservation holds stock until cancelled, and cancels once', async () => {
    const [part] = await freshParts();
    await env.api.post('/receipts', { locationId: env.wh, lines: [{ partId: part, qty: 5, unitCost: '5.00' }] });
    const res = await env.api.post('/reservations', { locationId: env.wh, forUserId: env.techs[0], lines: [{ partId: part, qty: 4 }] });
    expect(res.status).toBe(201);
    const issue = { fromLocationId: env.wh, toUserId: env.techs[1], lines: [{ partId: part, qty: 2 }] };
    expect((await env.api.post('/issues', issue)).body.error.code).toBe('insufficient_stock');
    expect((await env.api.post(`/reservations/${res.body.id}/cancel`)).status).toBe(200);
    expect((await env.api.post(`/reservations/${res.body.id}/cancel`)).body.error.code).toBe('reservation_not_open');
    expect((await env.api.post('/issues', issue)).status).toBe(201);
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });

  it('a received transfer cannot be undone by reversing its send alone (no stock at both ends)', async () => {
    const [part] = await freshParts();
    await env.api.post('/receipts', { locationId: env.wh, lines: [{ partId: part, qty: 10, unitCost: '5.00' }] });
    const tr = await env.api.post('/transfers', { fromLocationId: env.wh, toLocationId: env.st, lines: [{ partId: part, qty: 4 }] });
    const out = (await env.api.get(`/moves?documentId=${tr.body.id}`)).body.items[0];
    const inTransit = await env.api.post(`/moves/${out.id}/reverse`, { reason: 'x' });
    expect(inTransit.status).toBe(409);
    expect(inTransit.body.error.code).toBe('transfer_in_transit');
    const rcv = await env.api.post(`/transfers/${tr.body.id}/receive`, { lines: [] });
    expect(rcv.status).toBe(200);
    const after = await env.api.post(`/moves/${out.id}/reverse`, { reason: 'x' });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('insufficient_stock');
    // Reversing the receipt first puts the goods back in transit; then the send can be undone.
    const inMove = (await env.api.get(`/moves?documentId=${rcv.body.relatedDocumentId}`)).body.items[0];
    expect((await env.api.post(`/moves/${inMove.id}/reverse`, { reason: 'x' })).status).toBe(201);
    expect((await env.api.post(`/moves/${out.id}/reverse`, { reason: 'x' })).status).toBe(201);
    const stock = (await env.api.get(`/stock?partId=${part}&groupBy=part`)).body.items;
    expect(stock.map((i: { locationId: number; onHand: number }) => [i.locationId, i.onHand])).toEqual([[env.wh, 10]]);
    expect((await checkLedger(t.handle.db)).problems).toEqual([]);
  });
});
