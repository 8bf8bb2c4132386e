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
});
