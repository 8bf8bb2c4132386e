// A request the schema refuses is answered in the user's language, naming the field and the
// rule; Ajv's English sentence does not reach the user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, seedBasics, type TestApp } from '../harness.js';

describe(`schema errors in the user's language (${dialect})`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedBasics(t);
  });
  afterAll(async () => t?.close());

  it('a missing property is named by its own path, in zh-CN, zh-TW and en', async () => {
    const body = { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ qty: 1 }] };
    const cn = await t.api.post('/issues', body);
    expect(cn.status).toBe(400);
    expect(cn.body.error).toMatchObject({ code: 'validation_failed', message: '输入有误：缺少必填项 lines.0.partId', details: { field: 'lines.0.partId', rule: 'required' } });
    expect((await t.api.as('zh-TW').post('/issues', body)).body.error.message).toBe('輸入有誤：缺少必填項 lines.0.partId');
    expect((await t.api.as('en').post('/issues', body)).body.error.message).toBe('Invalid input: lines.0.partId is required');
  });

  it('a wrong type, a too-long text and a number below its minimum say so', async () => {
    const wrongType = await t.api.post('/issues', { fromLocationId: 'abc', toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] });
    expect(wrongType.body.error.message).toBe('输入有误：fromLocationId 应为整数');
    const long = await t.api.post('/suppliers', { code: 'S-LONG', name: '名'.repeat(1000) });
    expect(long.body.error).toMatchObject({ details: { field: 'name', rule: 'maxLength' } });
    expect(long.body.error.message).toMatch(/^输入有误：name 最多 \d+ 个字$/);
    const low = await t.api.post('/issues', { fromLocationId: 0, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] });
    expect(low.body.error.message).toBe('输入有误：fromLocationId 不能小于 1');
    for (const r of [wrongType, long, low]) expect(r.body.error.message).not.toMatch(/must|property/);
  });

  it('a value outside a set of choices lists the choices, also when the field may be empty', async () => {
    const reason = await t.api.post('/write-offs', { userId: s.tech.id, reason: 'lost', lines: [{ partId: s.part.id, qty: 1 }] });
    expect(reason.body.error).toMatchObject({ details: { field: 'reason', rule: 'enum' }, message: '输入有误：reason 不是允许的取值（consumed、scrapped）' });
    expect((await t.api.as('en').post('/write-offs', { userId: s.tech.id, reason: 'lost', lines: [{ partId: s.part.id, qty: 1 }] })).body.error.message).toBe('Invalid input: reason is not one of the allowed values (consumed, scrapped)');
    const alarm = await t.api.post('/parts', { code: 'VM-1', name: '测试件', unit: '个', alarmQty: 'abc' });
    // A number that may be left empty: both are named, the number first.
    expect(alarm.body.error).toMatchObject({ details: { field: 'alarmQty', rule: 'type' }, message: '输入有误：alarmQty 应为数字 / 空' });
  });

  it('a nullable text that is too long names its length, not "must be empty"', async () => {
    const r = await t.api.post('/issues', { fromLocationId: s.wh.id, toUserId: s.tech.id, remark: '长'.repeat(100_000), lines: [{ partId: s.part.id, qty: 1 }] });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ details: { field: 'remark', rule: 'maxLength' } });
    expect(r.body.error.message).toMatch(/^输入有误：remark 最多 \d+ 个字$/);
  });

  it("a body that is not JSON is told in the user's language, without the framework's English", async () => {
    const send = (lang: string, payload: string) => t.app.inject({ method: 'POST', url: '/api/v1/issues', payload, headers: { authorization: `Bearer ${t.api.token}`, 'content-type': 'application/json', 'accept-language': lang } });
    const cn = await send('zh-CN', '{"fromLocationId":');
    expect(cn.statusCode).toBe(400);
    expect(cn.json().error).toMatchObject({ code: 'validation_failed', message: '输入有误：请求内容不是有效的 JSON' });
    expect((await send('zh-TW', '{')).json().error.message).toBe('輸入有誤：請求內容不是有效的 JSON');
    expect((await send('en', '')).json().error.message).toBe('Invalid input: the request body is not valid JSON');
  });

  it('a NUL character in a text is refused on either database, nothing stored', async () => {
    for (const body of [{ code: 'NUL\u00001', name: '空字符', unit: '个' }, { code: 'NUL-2', name: '空\u0000字符', unit: '个' }]) {
      const r = await t.api.post('/parts', body);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'validation_failed', message: '输入有误：文字中不能含有空字符（\\u0000）' });
    }
    const lot = await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ partId: s.part.id, qty: 1, unitCost: '1.00', lot: 'L\u00002' }] });
    expect(lot.status).toBe(400);
    expect((await t.api.get('/parts?q=NUL')).body.items).toEqual([]);
  });

  it('an impossible date is refused, and a time without an offset is read in the installation zone', async () => {
    for (const q of ['to=2026-13-45', 'from=2026-11-31', 'to=2026-02-30', 'from=1', 'from=2026-11-01T24:00']) {
      const r = await t.api.get(`/moves?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_date');
    }
    const moves = (await t.api.get(`/moves?partId=${s.part.id}&limit=500`)).body.items as { postedAt: string }[];
    const at = new Date(moves[0]!.postedAt).getTime();
    // The same instant written in Shanghai time without an offset, and in UTC without one.
    const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23);
    const window = (f: number, to: number) => t.api.get(`/moves?partId=${s.part.id}&from=${local(f)}&to=${local(to)}`);
    expect((await window(at - 1000, at + 1000)).body.items.length).toBeGreaterThan(0);
    expect((await window(at + 3_600_000, at + 7_200_000)).body.items).toEqual([]);
  });

  it('a JSON body is taken as typed: no true, "2.5" or [1] where a number is due; query strings still are text', async () => {
    const ok = { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, toUserId: true }, 'toUserId'],
      [{ ...ok, fromLocationId: String(s.wh.id) }, 'fromLocationId'],
      [{ ...ok, lines: [{ partId: s.part.id, qty: '2.5' }] }, 'lines.0.qty'],
      [{ ...ok, lines: [{ partId: s.part.id, qty: [1] }] }, 'lines.0.qty'],
      [{ ...ok, remark: 123 }, 'remark'],
    ];
    for (const [body, field] of cases) {
      const r = await t.api.post('/issues', body);
      expect(r.status, field).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'validation_failed', details: { field, rule: 'type' } });
    }
    const page = await t.api.get(`/moves?partId=${s.part.id}&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
  });

  it('an unknown field is refused by name, at any depth, and nothing is posted', async () => {
    const ok = { fromLocationId: s.wh.id, toUserId: s.tech.id, lines: [{ partId: s.part.id, qty: 1 }] };
    const before = (await t.api.get(`/moves?partId=${s.part.id}&limit=500`)).body.items.length;
    const misspelt = await t.api.post('/issues', { ...ok, lines: [{ partId: s.part.id, qty: 1, lotID: 1 }] });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error).toMatchObject({ code: 'validation_failed', message: '输入有误：未知字段 lines.0.lotID', details: { field: 'lines.0.lotID', rule: 'additionalProperties' } });
    expect((await t.api.as('en').post('/issues', { ...ok, remarks: '多了个 s' })).body.error.message).toBe('Invalid input: unknown field remarks');
    const newPart = await t.api.post('/receipts', { locationId: s.wh.id, lines: [{ newPart: { code: 'UF-1', name: '新件', unit: '个', colour: '红' }, qty: 1, unitCost: '1.00' }] });
    expect(newPart.body.error).toMatchObject({ details: { field: 'lines.0.newPart.colour', rule: 'additionalProperties' } });
    expect((await t.api.get(`/moves?partId=${s.part.id}&limit=500`)).body.items.length).toBe(before);
    const doc = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const body = doc.json().paths['/api/v1/issues'].post.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.lines.items.additionalProperties).toBe(false);
    expect((await t.api.post('/issues', ok)).status).toBe(201);
  });

  it('a cursor of the wrong shape is 400 invalid_cursor, not an empty page', async () => {
    const c = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const url of [`/moves?cursor=${c(['x'])}`, `/parts?cursor=${c([1])}`, `/stock?cursor=${c([1, 2])}`, `/stock?cursor=${c([1, 2, 1.5])}`, `/documents?cursor=${c([null])}`]) {
      const r = await t.api.get(url);
      expect([r.status, r.body.error?.code], url).toEqual([400, 'invalid_cursor']);
    }
    const first = await t.api.get(`/moves?partId=${s.part.id}&limit=1`);
    expect((await t.api.get(`/moves?partId=${s.part.id}&limit=1&cursor=${first.body.nextCursor}`)).status).toBe(200);
  });
});
