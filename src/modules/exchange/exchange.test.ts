import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedBasics, type TestApp } from '../../../test/harness.js';
import { checkLedger } from '../inventory/check.js';
import { XLSX_MIME } from './xlsx.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  t = await createTestApp();
  s = await seedBasics(t);
});
afterAll(async () => t?.close());

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(path: string, body: Buffer, token = t.api.token) {
  const r = await t.app.inject({ method: 'POST', url: `/api/v1${path}`, payload: body, headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_MIME } });
  return { status: r.statusCode, body: r.json() };
}

async function download(path: string) {
  const r = await t.app.inject({ method: 'GET', url: `/api/v1${path}`, headers: { authorization: `Bearer ${t.api.token}` } });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toContain(XLSX_MIME);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

async function partCodes(prefix: string) {
  const items = (await t.api.get(`/parts?q=${prefix}&limit=500`)).body.items as { code: string }[];
  return items.map((p) => p.code).filter((c) => c.startsWith(prefix)).sort();
}

const PART_HEADER = ['编码', '名称', '规格', '单位', '分类', '条码', '销售价', '报警值'];

describe('parts import', () => {
  it('imports a good file with Chinese headers', async () => {
    const file = await xlsx([PART_HEADER, ['GA-001', '机油滤清器', 'JX0810', '个', '滤清器', '6901234567890', 35.5, 10], ['GA-002', '空气滤清器', null, '个', null, null, '120.00', null]]);
    const r = await upload('/imports/parts', file);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ imported: 2, failed: 0, dryRun: false });
    const p = (await t.api.get('/parts?q=GA-001')).body.items[0];
    expect(p).toMatchObject({ code: 'GA-001', name: '机油滤清器', barcode: '6901234567890', salePrice: '35.50', alarmQty: 10 });
  });

  it('accepts English headers in any order', async () => {
    const r = await upload('/imports/parts', await xlsx([['name', 'Code', 'salePrice'], ['Brake pad', 'GE-001', 8]]));
    expect(r.status).toBe(200);
    expect(await partCodes('GE-')).toEqual(['GE-001']);
  });

  it('imports nothing when one row is bad, and reports row by row', async () => {
    const file = await xlsx([
      PART_HEADER,
      ['GB-001', '好配件', null, '个', null, null, '10.00', null],
      ['GB-002', null, null, '个', null, null, '1.234', -1],
      ['GB-001', '重复', null, '个', null, null, null, null],
      ['GA-001', '已存在', null, '个', null, null, null, 'abc'],
    ]);
    const r = await upload('/imports/parts', file);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('import_rows_invalid');
    const rows = r.body.error.details.rows as { row: number; ok: boolean; errors: { column: string; code: string }[] }[];
    expect(rows.map((x) => x.ok)).toEqual([true, false, false, false]);
    expect(rows[1]!.row).toBe(3);
    // An alarm quantity may be zero, so -1 is refused as negative, not as "must be greater than zero".
    expect(rows[1]!.errors.map((e) => e.code).sort()).toEqual(['cell_required', 'invalid_money', 'negative_quantity']);
    expect(rows[1]!.errors.find((e) => e.code === 'cell_required')!.column).toBe('名称');
    expect(rows[2]!.errors.map((e) => e.code)).toEqual(['duplicate_in_file']);
    expect(rows[3]!.errors.map((e) => e.code).sort()).toEqual(['cell_not_number', 'duplicate']);
    expect(await partCodes('GB-')).toEqual([]);
  });

  it('dryRun validates and writes nothing; goodRowsOnly imports the good rows', async () => {
    const file = await xlsx([PART_HEADER, ['GC-001', '甲', null, null, null, null, null, null], ['GC-002', null, null, null, null, null, null, null], ['GC-003', '丙', null, null, null, null, null, null]]);
    const dry = await upload('/imports/parts?dryRun=true', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ imported: 0, valid: 2, failed: 1, dryRun: true });
    expect(await partCodes('GC-')).toEqual([]);
    const good = await upload('/imports/parts?goodRowsOnly=true', file);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ imported: 2, failed: 1 });
    expect(await partCodes('GC-')).toEqual(['GC-001', 'GC-003']);
  });

  it('rejects a corrupt file, a missing column and the wrong roles', async () => {
    expect((await upload('/imports/parts', Buffer.from('PK\u0003\u0004 not really a zip'))).body.error.code).toBe('invalid_xlsx');
    const noName = await upload('/imports/parts', await xlsx([['编码'], ['X']]));
    expect(noName.status).toBe(400);
    expect(noName.body.error.code).toBe('import_missing_columns');
    const tech = await t.login('tech1', 'tech-pass-1');
    expect((await upload('/imports/parts', await xlsx([PART_HEADER]), tech.token!)).status).toBe(403);
  });
});

describe('import edge cases', () => {
  it('answers 4xx for an empty, JSON, header-only or zip-bomb body', async () => {
    expect((await upload('/imports/parts', Buffer.alloc(0))).body.error.code).toBe('invalid_xlsx');
    const json = await t.api.post('/imports/parts', { rows: [] });
    expect(json.status).toBe(415);
    expect((await upload('/imports/parts', await xlsx([PART_HEADER]))).body.error.code).toBe('import_empty');
    // Claim a 2 GB member in the central directory: refused before anything is inflated.
    const bomb = await xlsx([PART_HEADER, ['GZ-1', 'x']]);
    const cd = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(0x7fffffff, cd + 24);
    expect((await upload('/imports/parts', bomb)).body.error.code).toBe('invalid_xlsx');
  });

  it('reads a title row above the header, formula results and rejects dates in text columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('配件');
    ws.addRow(['配件导入模板']);
    ws.addRow(['编码*', '名称', '销售价(元)']);
    ws.addRow(['GD-001', '曲轴', { formula: '10*2', result: 20 }]);
    ws.addRow(['GD-002', new Date(), null]);
    const r = await upload('/imports/parts?goodRowsOnly=true', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rows).toEqual([
      { row: 3, ok: true, errors: [] },
      { row: 4, ok: false, errors: [expect.objectContaining({ column: '名称', field: 'name', code: 'cell_bad_value' })] },
    ]);
    expect((await t.api.get('/parts?q=GD-001')).body.items[0].salePrice).toBe('20.00');
  });
});

describe('import templates', () => {
  it('serves a template whose headers import back', async () => {
    const ws = await download('/imports/templates/opening-stock.xlsx');
    expect(ws.getRow(1).values).toEqual([undefined, '仓库编码*', '配件编码*', '数量*', '单价*', '批号', '供应商编码']);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/parts.xlsx', headers: { authorization: `Bearer ${t.api.token}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    wb.worksheets[0]!.addRow(['GT-001', '模板配件']);
    const back = await upload('/imports/parts', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(back.body).toMatchObject({ imported: 1 });
  });
});

describe('suppliers import', () => {
  it('imports suppliers and refuses an existing code', async () => {
    const ok = await upload('/imports/suppliers', await xlsx([['编码', '名称', '联系人', '电话'], ['GS-1', '华东配件', '王经理', '021-12345678']]));
    expect(ok.body).toMatchObject({ imported: 1 });
    const dup = await upload('/imports/suppliers', await xlsx([['编码', '名称'], ['GS-1', '又一个']]));
    expect(dup.body.error.details.rows[0].errors[0].code).toBe('duplicate');
  });
});

describe('opening stock import', () => {
  it('posts receipts through the ledger and keeps it consistent', async () => {
    const file = await xlsx([
      ['仓库编码', '配件编码', '数量', '单价', '批号', '供应商编码'],
      ['WH1', 'GA-001', 20, '12.50', 'Q1', null],
      ['WH1', 'GA-002', 3.5, 100, null, 'S1'],
      ['WH1', 'GA-001', 1, '12.5', 'Q1', null],
    ]);
    const r = await upload('/imports/opening-stock', file);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.imported).toBe(3);
    expect(r.body.documents).toHaveLength(2); // one per store and supplier
    const ga1 = (await t.api.get('/parts?q=GA-001')).body.items[0];
    const stock = (await t.api.get(`/stock?partId=${ga1.id}&locationId=${s.wh.id}&groupBy=part`)).body.items[0];
    expect(stock).toMatchObject({ onHand: 21, value: '262.50' });
    const doc = (await t.api.get(`/documents?q=${r.body.documents[0]}`)).body.items[0];
    expect(doc).toMatchObject({ type: 'receipt', remark: '期初库存' });
    expect((await checkLedger(t.handle.db)).ok).toBe(true);
  });

  it('reports unknown codes and bad numbers without posting', async () => {
    const before = (await t.api.get('/moves?limit=500')).body.items.length;
    const file = await xlsx([
      ['仓库编码', '配件编码', '数量', '单价'],
      ['NOPE', 'GA-001', 1, '1.00'],
      ['WH1', 'NOPE', 0, '1.001'],
      ['WH1', 'GA-001', 1, '1.00'],
    ]);
    const r = await upload('/imports/opening-stock', file);
    expect(r.status).toBe(400);
    const codes = (r.body.error.details.rows as { errors: { code: string }[] }[]).map((x) => x.errors.map((e) => e.code).sort());
    expect(codes).toEqual([['unknown_location_code'], ['invalid_money', 'invalid_quantity', 'unknown_part_code'], []]);
    expect((await t.api.get('/moves?limit=500')).body.items.length).toBe(before);
  });
});

describe('exports', () => {
  it('exports parts that re-read with numbers, a frozen header and a filter', async () => {
    const ws = await download('/exports/parts.xlsx?q=GA-');
    expect(ws.getRow(1).values).toEqual([undefined, ...PART_HEADER, '已归档']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe('GA-001');
    expect(row.getCell(7).value).toBe(35.5);
    expect(row.getCell(7).numFmt).toBe('0.00');
    expect(row.getCell(8).value).toBe(10);
  });

  it('round-trips: an exported parts sheet is a valid import file', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/exports/parts.xlsx?q=GA-', headers: { authorization: `Bearer ${t.api.token}` } });
    const dry = await upload('/imports/parts?dryRun=true', r.rawPayload);
    expect(dry.status).toBe(200);
    // Every row is refused only because the codes already exist.
    expect(dry.body.rows.every((x: { errors: { code: string }[] }) => x.errors.length === 1 && x.errors[0]!.code === 'duplicate')).toBe(true);
  });

  it('writes a formula-like name as text, not a formula', async () => {
    const evil = '=HYPERLINK("http://x","y")';
    expect((await t.api.post('/parts', { code: 'GF-001', name: evil, unit: '个' })).status).toBe(201);
    const ws = await download('/exports/parts.xlsx?q=GF-001');
    const cell = ws.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(`'${evil}`);
    // And it imports back as the original text.
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/exports/parts.xlsx?q=GF-001', headers: { authorization: `Bearer ${t.api.token}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    wb.worksheets[0]!.getRow(2).getCell(1).value = 'GF-002';
    const back = await upload('/imports/parts', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(back.status).toBe(200);
    expect((await t.api.get('/parts?q=GF-002')).body.items[0].name).toBe(evil);
  });

  it('exports every list', async () => {
    await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 2 }] });
    const stock = await download('/exports/stock.xlsx');
    expect(stock.getRow(1).getCell(1).value).toBe('仓库编码');
    expect(stock.rowCount).toBeGreaterThan(1);
    const moves = await download('/exports/moves.xlsx');
    expect(moves.rowCount).toBeGreaterThan(3);
    const holdings = await download('/exports/holdings.xlsx');
    expect(holdings.getRow(2).getCell(5).value).toBe(2);
    const stats = await download('/exports/issue-stats.xlsx?groupBy=part');
    expect(stats.getRow(stats.rowCount).getCell(1).value).toBe('合计');
    for (const name of ['suppliers', 'documents', 'purchase-list']) expect((await download(`/exports/${name}.xlsx`)).getRow(1).cellCount).toBeGreaterThan(3);
    const tech = await t.login('tech1', 'tech-pass-1');
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/exports/purchase-list.xlsx', headers: { authorization: `Bearer ${tech.token}` } });
    expect(denied.statusCode).toBe(403);
  });
});
