// List responses carry the part's code and name beside its id (one join, not a lookup per row),
// so screens need no per-row GET /parts/:id; the API.md contract fields stay as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountingTestApp, dialect, seedBasics, type StatementCounter, type TestApp } from '../harness.js';

let t: TestApp & { counter: StatementCounter };
let s: Awaited<ReturnType<typeof seedBasics>>;
const named = { partCode: 'LT-001', partName: '轮胎总成' };

async function counted(url: string) {
  t.counter.reset();
  const res = await t.api.get(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { body: res.body, n: t.counter.n };
}

beforeAll(async () => {
  t = await createCountingTestApp();
  s = await seedBasics(t);
  expect((await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 3 }] })).status).toBe(201);
  expect((await t.api.post('/reservations', { locationId: s.wh.id, forUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 2 }] })).status).toBe(201);
  expect((await t.api.post('/shortages', { partId: s.part.id, qty: 4 })).status).toBe(201);
});
afterAll(async () => t?.close());

describe(`lists name their parts (${dialect})`, () => {
  it('stock by lot, by part and as of a date', async () => {
    for (const q of ['', '&groupBy=part', `&asOf=${new Date(Date.now() + 60_000).toISOString()}`, '&groupBy=part&asOf=2999-01-01']) {
      const { body, n } = await counted(`/stock?locationId=${s.wh.id}${q}`);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ partId: s.part.id, locationId: s.wh.id, onHand: 97, ...named });
      expect(Object.keys(body.items[0])).toEqual(expect.arrayContaining(['partId', 'locationId', 'lotId', 'onHand', 'reserved', 'available', 'value']));
      expect(n).toBeLessThanOrEqual(3);
    }
    expect((await t.api.get(`/stock?locationId=${s.wh.id}`)).body.items[0].lotNo).toBe('L1');
  });

  it('holdings, reservations, shortages and documents with their lines', async () => {
    const h = await counted('/holdings');
    expect(h.body.items[0]).toMatchObject({ userId: s.tech.id, partId: s.part.id, qty: 3, ...named, unit: '条' });
    expect(h.n).toBeLessThanOrEqual(3);
    const r = await counted('/reservations');
    expect(r.body.items[0].lines[0]).toMatchObject({ partId: s.part.id, qty: 2, ...named });
    expect(r.n).toBeLessThanOrEqual(4);
    const sh = await counted('/shortages');
    expect(sh.body.items[0]).toMatchObject({ partId: s.part.id, qty: 4, ...named });
    expect(sh.n).toBeLessThanOrEqual(3);
    const d = await counted('/documents');
    expect(d.body.items.length).toBe(2);
    for (const doc of d.body.items) expect(doc.lines[0]).toMatchObject({ partId: s.part.id, ...named, unit: '条' });
    expect(d.n).toBeLessThanOrEqual(3);
    const one = await counted(`/documents/${d.body.items[0].id}`);
    expect(one.body.lines[0]).toMatchObject(named);
  });

  it('the stock list filters by category and flags stock under its alarm', async () => {
    const p = (await t.api.get(`/parts/${s.part.id}`)).body;
    expect((await t.api.patch(`/parts/${s.part.id}`, { version: p.version, category: '轮胎', alarmQty: 200 })).status).toBe(200);
    expect((await t.api.get(`/stock?groupBy=part&category=${encodeURIComponent('轮胎')}`)).body.items[0]).toMatchObject({ ...named, belowAlarm: true });
    expect((await t.api.get(`/stock?groupBy=part&asOf=2999-01-01&category=${encodeURIComponent('轮胎')}`)).body.items[0]).toMatchObject({ ...named, belowAlarm: true });
    expect((await t.api.get(`/stock?groupBy=part&category=${encodeURIComponent('刹车')}`)).body.items).toEqual([]);
    expect((await t.api.get(`/stock?groupBy=part&asOf=2999-01-01&category=${encodeURIComponent('刹车')}`)).body.items).toEqual([]);
  });
});
