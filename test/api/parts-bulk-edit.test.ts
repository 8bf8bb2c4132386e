// POST /parts/bulk-update (批量修改, R-INV-13): all rows or none, each row with its own version;
// every rejected row is named in one 4xx answer; one audit record per changed part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, type TestApp } from '../harness.js';

let t: TestApp;
let supplierId: number;
type P = { id: number; code: string; version: number; category: string | null; salePrice: string | null; alarmQty: number | null; preferredSupplierId: number | null; archived: boolean };
let parts: P[];

const fetchParts = async () => Promise.all(parts.map(async (p) => (await t.api.get(`/parts/${p.id}`)).body as P));
const auditCount = async () => Number((await t.handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('entity', '=', 'part').where('action', '=', 'update').executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  supplierId = (await t.api.post('/suppliers', { code: 'S-BULK', name: '郑州滤清器厂' })).body.id;
  parts = [];
  for (const [code, name] of [['BK-1', '机油滤清器'], ['BK-2', '空气滤清器'], ['BK-3', '柴油滤清器']]) parts.push((await t.api.post('/parts', { code, name, unit: '个' })).body);
});
afterAll(async () => t?.close());

describe(`bulk part edit (${dialect})`, () => {
  it('sets category, supplier, alarm quantity and sale price on many parts in one request, with an audit record per part', async () => {
    const audits = await auditCount();
    const res = await t.api.post('/parts/bulk-update', { items: parts.map((p) => ({ id: p.id, version: p.version, category: '滤清器', preferredSupplierId: supplierId, alarmQty: 5.5, salePrice: '36.80' })) });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(3);
    const now = await fetchParts();
    for (const [i, p] of now.entries()) expect(p).toMatchObject({ category: '滤清器', preferredSupplierId: supplierId, alarmQty: 5.5, salePrice: '36.80', version: parts[i]!.version + 1 });
    expect(await auditCount()).toBe(audits + 3);
    const rows = await t.handle.db.selectFrom('audit_log').selectAll().where('entity', '=', 'part').where('entity_id', '=', parts[1]!.id).where('action', '=', 'update').execute();
    expect(JSON.parse(rows.at(-1)!.before!)).toMatchObject({ category: null, salePrice: null });
    expect(JSON.parse(rows.at(-1)!.after!)).toMatchObject({ category: '滤清器', salePrice: '36.80' });
    parts = now;
  });

  it('a stale version on some rows answers 409 naming those rows, and writes nothing', async () => {
    const audits = await auditCount();
    const items = parts.map((p, i) => ({ id: p.id, version: i === 0 ? p.version : p.version - 1, salePrice: '99.00' }));
    const res = await t.api.post('/parts/bulk-update', items);
    expect(res.status).toBe(400); // body must be { items }
    const stale = await t.api.post('/parts/bulk-update', { items });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('bulk_update_conflict');
    expect(stale.body.error.message).toContain('BK-2');
    expect(stale.body.error.message).toContain('BK-3');
    expect(stale.body.error.details.rows.map((r: { index: number; code: string; error: string }) => [r.index, r.code, r.error])).toEqual([
      [1, 'BK-2', 'version_conflict'],
      [2, 'BK-3', 'version_conflict'],
    ]);
    expect(await fetchParts()).toEqual(parts);
    expect(await auditCount()).toBe(audits);
  });

  it('a bad value (unknown supplier, over-precise alarm quantity, clashing code) answers 400 per row, in the caller\'s language, nothing written', async () => {
    const audits = await auditCount();
    const res = await t.api.as('en').post('/parts/bulk-update', {
      items: [
        { id: parts[0]!.id, version: parts[0]!.version, category: '滤芯' },
        { id: parts[1]!.id, version: parts[1]!.version, preferredSupplierId: 999999 },
        { id: parts[2]!.id, version: parts[2]!.version, alarmQty: 1.2345 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bulk_update_invalid');
    expect(res.body.error.message).toMatch(/^2 parts have invalid changes/);
    expect(res.body.error.details.rows).toMatchObject([
      { index: 1, partId: parts[1]!.id, code: 'BK-2', field: 'preferredSupplierId', error: 'unknown_supplier', message: 'Unknown supplier' },
      { index: 2, partId: parts[2]!.id, code: 'BK-3', error: 'quantity_too_precise' },
    ]);
    const clash = await t.api.post('/parts/bulk-update', { items: [{ id: parts[0]!.id, version: parts[0]!.version, code: 'BK-2' }] });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details.rows[0]).toMatchObject({ error: 'duplicate', field: 'code' });
    const unknown = await t.api.post('/parts/bulk-update', { items: [{ id: 987654, version: 1, category: 'x' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.rows[0]).toMatchObject({ partId: 987654, error: 'unknown_part' });
    expect(await fetchParts()).toEqual(parts);
    expect(await auditCount()).toBe(audits);
  });

  it('archives many parts at once; they leave the default list and come back with includeArchived', async () => {
    const res = await t.api.post('/parts/bulk-update', { items: parts.slice(0, 2).map((p) => ({ id: p.id, version: p.version, archived: true })) });
    expect(res.status).toBe(200);
    const listed = (await t.api.get('/parts?q=BK-')).body.items.map((p: P) => p.code);
    expect(listed).toEqual(['BK-3']);
    const all = (await t.api.get('/parts?q=BK-&includeArchived=true')).body.items.map((p: P) => p.code);
    expect(all).toEqual(['BK-1', 'BK-2', 'BK-3']);
  });

  it('only admins and warehouse keepers may bulk edit', async () => {
    await t.api.post('/users', { username: 'fin-bulk', password: 'finance-pass-1', displayName: '财务', roles: ['finance'] });
    const fin = await t.login('fin-bulk', 'finance-pass-1');
    const p = parts[2]!;
    expect((await fin.post('/parts/bulk-update', { items: [{ id: p.id, version: p.version, category: 'x' }] })).status).toBe(403);
  });
});
