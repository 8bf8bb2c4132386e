// Customers, sites, contacts, product models, installed units (R-SVC-1) and the warranty check
// (R-SVC-6) through the API: versions, pinyin search, station scope, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness.js';
import { ok, seedService } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
beforeAll(async () => {
  t = await createTestApp();
  s = await seedService(t);
});
afterAll(async () => t?.close());

describe('customers', () => {
  it('are found by code, name, pinyin initials and either script', async () => {
    for (const q of ['C-001', '公交', 'zzgj', '郑州公交集團']) {
      const r = await t.api.get(`/customers?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(r.body.items.map((c: { code: string }) => c.code), q).toEqual(['C-001']);
    }
    expect((await t.api.get('/customers?q=lyly')).body.items.map((c: { code: string }) => c.code)).toEqual(['C-002']);
  });

  it('?ids= gives just those customers (the names a list shows), still within a station user\'s scope', async () => {
    const both = await t.api.get(`/customers?ids=${s.cust1.id}&ids=${s.cust2.id}`);
    expect(both.body.items.map((c: { id: number }) => c.id).sort()).toEqual([s.cust1.id, s.cust2.id].sort());
    expect((await t.api.get(`/customers?ids=${s.cust2.id}`)).body.items.map((c: { code: string }) => c.code)).toEqual(['C-002']);
    const mine = (await s.station1.api.get('/customers')).body.items.map((c: { id: number }) => c.id);
    const scoped = (await s.station1.api.get(`/customers?ids=${s.cust1.id}&ids=${s.cust2.id}`)).body.items.map((c: { id: number }) => c.id);
    expect(scoped.every((id: number) => mine.includes(id))).toBe(true);
    expect(scoped.length).toBeLessThan(2);
    expect((await t.api.get('/customers?ids=abc')).status).toBe(400);
  });

  it('update with the version read; a stale version is 409 and nothing changes', async () => {
    const c = (await t.api.get(`/customers/${s.cust1.id}`)).body;
    const u = await t.api.patch(`/customers/${c.id}`, { phone: '0371-7654321', version: c.version });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ phone: '0371-7654321', version: c.version + 1 });
    const stale = await t.api.patch(`/customers/${c.id}`, { phone: '000', version: c.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await t.api.get(`/customers/${c.id}`)).body.phone).toBe('0371-7654321');
    const noVersion = await t.api.patch(`/customers/${c.id}`, { phone: '000' });
    expect(noVersion.status).toBe(428);
    const audit = await t.handle.db.selectFrom('audit_log').selectAll().where('entity', '=', 'customer').where('entity_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('refuse duplicates and bad input with a 4xx', async () => {
    const dup = await t.api.post('/customers', { code: 'C-001', name: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate');
    expect((await t.api.post('/customers', { code: '', name: 'x' })).status).toBe(400);
    expect((await t.api.post('/customers', { code: 'C-9', name: 'x', stationId: s.site1.id + 1000 })).body.error.code).toBe('not_a_station');
    expect((await t.api.get('/customers/999999')).status).toBe(404);
  });

  it('a station user sees and edits only its own customers; what it creates belongs to its station', async () => {
    const mine = await s.station1.api.get('/customers');
    expect(mine.body.items.map((c: { code: string }) => c.code)).toEqual(['C-001']);
    expect((await s.station1.api.get(`/customers/${s.cust2.id}`)).status).toBe(404);
    const other = await s.station1.api.patch(`/customers/${s.cust2.id}`, { name: 'hijack', version: 1 });
    expect(other.status).toBe(404);
    const made = ok(await s.station1.api.post('/customers', { code: 'C-ST1', name: '新郑客运', stationId: s.st2.id }));
    expect(made.stationId).toBe(s.st1.id);
    expect((await s.station2.api.get(`/customers/${made.id}`)).status).toBe(404);
  });
});

describe('sites and contacts', () => {
  it('keep coordinates exactly and refuse half or invalid pairs', async () => {
    const site = (await t.api.get(`/sites/${s.site1.id}`)).body;
    expect(site).toMatchObject({ latitude: 34.8366, longitude: 113.6253 });
    expect((await t.api.post('/sites', { customerId: s.cust1.id, name: 'x', latitude: 34.1 })).body.error.code).toBe('invalid_coordinates');
    expect((await t.api.post('/sites', { customerId: s.cust1.id, name: 'x', latitude: 34.1234567, longitude: 113 })).body.error.code).toBe('invalid_coordinates');
    expect((await t.api.post('/sites', { customerId: s.cust1.id, name: 'x', latitude: 91, longitude: 113 })).status).toBe(400);
    const u = await t.api.patch(`/sites/${site.id}`, { latitude: null, longitude: null, version: site.version });
    expect(u.body).toMatchObject({ latitude: null, longitude: null });
    const back = await t.api.patch(`/sites/${site.id}`, { latitude: 34.8366, longitude: 113.6253, version: u.body.version });
    expect(back.status).toBe(200);
  });

  it('contacts belong to a customer the caller can see', async () => {
    const c = ok(await t.api.post('/contacts', { customerId: s.cust1.id, name: '王经理', phone: '13800000000', title: '车队长' }));
    expect((await t.api.get(`/contacts?customerId=${s.cust1.id}`)).body.items.map((x: { id: number }) => x.id)).toContain(c.id);
    expect((await s.station2.api.post('/contacts', { customerId: s.cust1.id, name: 'x' })).status).toBe(404);
    expect((await s.station2.api.get('/contacts')).body.items).toEqual([]);
    const u = await t.api.patch(`/contacts/${c.id}`, { phone: '13900000000', version: c.version });
    expect(u.body.phone).toBe('13900000000');
    expect((await t.api.patch(`/contacts/${c.id}`, { phone: '1', version: c.version })).status).toBe(409);
    expect((await s.station2.api.get('/sites')).body.items.map((x: { id: number }) => x.id)).toEqual([s.site2.id]);
  });
});

describe('product models and installed units', () => {
  it('a unit is found by VIN, customer name or model, and refuses a site of another customer', async () => {
    for (const q of ['1000001', 'zzgj', 'ZK6122']) expect((await t.api.get(`/units?q=${encodeURIComponent(q)}`)).body.items.map((u: { id: number }) => u.id), q).toEqual([s.unit1.id]);
    const bad = await t.api.post('/units', { serial: 'VIN-X', modelId: s.model.id, customerId: s.cust1.id, siteId: s.site2.id });
    expect(bad.body.error.code).toBe('site_of_other_customer');
    expect((await t.api.post('/units', { serial: 'VIN-Y', modelId: s.model.id, customerId: s.cust1.id, saleDate: '2026-02-30' })).body.error.code).toBe('invalid_day');
    expect((await t.api.post('/units', { serial: 'VIN-Z', modelId: 999999, customerId: s.cust1.id })).status).toBe(404);
    expect((await t.api.post('/units', { serial: 'LZYTBTD68K1000001', modelId: s.model.id, customerId: s.cust1.id })).status).toBe(409);
  });

  it('a station user sees the units of its customers and those it sold, no others', async () => {
    const sold = ok(await t.api.post('/units', { serial: 'SOLD-BY-ST2', modelId: s.model.id, customerId: s.cust1.id, dealerStationId: s.st2.id }));
    const st2 = (await s.station2.api.get('/units')).body.items.map((u: { id: number }) => u.id);
    expect(st2).toEqual([sold.id]);
    expect((await s.station2.api.get(`/units/${s.unit1.id}`)).status).toBe(404);
    expect((await s.station1.api.get(`/units/${sold.id}`)).status).toBe(200);
  });

  it('models are listed, found by pinyin initials and read by id; only managers create them', async () => {
    expect((await s.tech1.api.get('/product-models?q=ytkc')).body.items.map((m: { code: string }) => m.code)).toEqual(['ZK6122']);
    expect((await s.tech1.api.get(`/product-models/${s.model.id}`)).body).toMatchObject({ yearsFree: 3, yearsPartsAtCost: 2, warrantyKm: 300000 });
    expect((await s.tech1.api.get('/product-models/999999')).status).toBe(404);
    expect((await s.dispatcher.api.post('/product-models', { code: 'X1', name: 'x', yearsFree: 1 })).status).toBe(403);
    expect((await s.manager.api.post('/product-models', { code: 'X1', name: 'x', yearsFree: -1 })).status).toBe(400);
    expect((await s.manager.api.post('/product-models', { code: 'ZK6122', name: 'x', yearsFree: 1 })).body.error.code).toBe('duplicate');
  });

  it('units and models update with versions', async () => {
    const u = await t.api.patch(`/units/${s.unit1.id}`, { acceptanceDate: '2024-03-21', version: 1 });
    expect(u.body).toMatchObject({ acceptanceDate: '2024-03-21', saleDate: '2024-03-15', version: 2 });
    expect((await t.api.patch(`/units/${s.unit1.id}`, { acceptanceDate: '2024-03-22', version: 1 })).status).toBe(409);
    const m = await s.manager.api.patch(`/product-models/${s.model.id}`, { warrantyHours: 20000, version: 1 });
    expect(m.body).toMatchObject({ warrantyHours: 20000, version: 2 });
    expect((await s.dispatcher.api.patch(`/product-models/${s.model.id}`, { warrantyHours: 1, version: 2 })).status).toBe(403);
    await s.manager.api.patch(`/product-models/${s.model.id}`, { warrantyHours: null, version: 2 });
  });

  it('warranty check: in, parts at cost from year 4, out over the mileage or when tampered', async () => {
    const w = (body: object) => t.api.post(`/units/${s.unit1.id}/warranty-check`, body);
    expect((await w({ asOf: '2026-11-27' })).body).toMatchObject({ status: 'in', parts: 'manufacturer', labour: 'manufacturer', freeEndsOn: '2027-03-15' });
    expect((await w({ asOf: '2027-06-01' })).body).toMatchObject({ status: 'partial', parts: 'customer_at_cost', labour: 'manufacturer' });
    expect((await w({ asOf: '2026-11-27', odometerKm: 300001 })).body).toMatchObject({ status: 'out', reasons: ['mileage_exceeded'] });
    expect((await w({ asOf: '2026-11-27', tampered: true })).body).toMatchObject({ status: 'out', parts: 'customer', labour: 'customer' });
    expect((await w({ asOf: '2026-13-01' })).status).toBe(400);
    expect((await s.tech1.api.post(`/units/${s.unit1.id}/warranty-check`, {})).status).toBe(200);
  });
});
