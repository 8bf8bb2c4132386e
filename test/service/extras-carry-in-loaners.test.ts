// Carry-in repairs (R-SVC-8) and loaner units (R-SVC-9) through the API: the receipt number and
// printable receipt, the step order (illegal steps 409, nothing written), who may inspect, the
// return against a signature, station scope; the loaner pool, lending, returning, overdue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, MutableClock, type TestApp } from '../harness.js';
import { ok, seedService } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const clock = new MutableClock(Date.parse('2026-11-27T10:00:00+08:00'));
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedService(t);
});
afterAll(async () => t?.close());

const count = async (table: 'carry_ins' | 'carry_in_events' | 'loaner_loans') => (await t.handle.db.selectFrom(table).select('id').execute()).length;
const newOrder = async () => ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, unitId: s.unit1.id, serviceType: 'A', category: 'body', fault: '仪表盘不亮' }));

describe('carry-in repair', () => {
  it('walks received → in repair → inspected → returned, each step logged with who and when', async () => {
    const wo = await newOrder();
    const r = ok(await s.dispatcher.api.post('/carry-ins', { workOrderId: wo.id, item: '仪表总成', fault: '仪表盘不亮', accessories: '线束 1 根', broughtBy: '王师傅' }));
    expect(r.number).toMatch(/^SX-2026-\d{6}$/);
    expect(r).toMatchObject({ status: 'received', customerId: s.cust1.id, unitId: s.unit1.id, workOrderId: wo.id, workOrderNumber: wo.number, stationId: s.st1.id });
    expect(r.log.map((e: { step: string }) => e.step)).toEqual(['received']);

    // The customer's receipt prints as HTML and PDF.
    const html = await s.dispatcher.api.get(`/carry-ins/${r.id}/receipt`);
    expect(html.status).toBe(200);
    expect(String(html.headers['content-type'])).toContain('text/html');
    expect(html.body).toContain(r.number);
    expect(html.body).toContain('仪表总成');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/carry-ins/${r.id}/receipt?format=pdf`, headers: { authorization: `Bearer ${s.dispatcher.api.token}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    // Out of order: inspecting or returning before the repair is a conflict and writes nothing.
    const events = await count('carry_in_events');
    expect((await s.manager.api.post(`/carry-ins/${r.id}/inspect`, { version: r.version, result: 'pass' })).body.error.code).toBe('carry_in_invalid_step');
    expect((await s.dispatcher.api.post(`/carry-ins/${r.id}/return`, { version: r.version, signerName: '王师傅', signature: PNG_1PX })).status).toBe(409);
    expect((await s.tech1.api.req('PUT', `/carry-ins/${r.id}/tag`, { version: r.version, minutesSpent: 30 })).status).toBe(409);
    expect(await count('carry_in_events')).toBe(events);

    clock.advance(10 * 60_000);
    const started = ok(await s.tech1.api.post(`/carry-ins/${r.id}/start`, { version: r.version }), 200);
    expect(started).toMatchObject({ status: 'in_repair', tag: { technicianId: s.tech1.id, technicianName: 'tech1' } });
    // Another technician no longer sees it.
    expect((await s.tech2.api.get(`/carry-ins/${r.id}`)).status).toBe(404);
    // Inspection needs a complete repair tag.
    expect((await s.manager.api.post(`/carry-ins/${r.id}/inspect`, { version: started.version, result: 'pass' })).body.error.code).toBe('repair_tag_incomplete');
    const tagged = ok(await s.tech1.api.req('PUT', `/carry-ins/${r.id}/tag`, { version: started.version, minutesSpent: 95, partsText: '更换仪表保险丝 ×1', note: '线束插头氧化' }), 200);
    expect(tagged.tag).toMatchObject({ minutesSpent: 95, partsText: '更换仪表保险丝 ×1', note: '线束插头氧化' });
    expect((await s.tech1.api.req('PUT', `/carry-ins/${r.id}/tag`, { version: started.version, minutesSpent: 5 })).body.error.code).toBe('version_conflict');

    // Only the service manager (or admin) inspects; a failure sends it back to repair.
    expect((await s.tech1.api.post(`/carry-ins/${r.id}/inspect`, { version: tagged.version, result: 'pass' })).status).toBe(403);
    const failed = ok(await s.manager.api.post(`/carry-ins/${r.id}/inspect`, { version: tagged.version, result: 'fail', note: '背光仍闪烁' }), 200);
    expect(failed).toMatchObject({ status: 'in_repair', inspection: { result: 'fail', note: '背光仍闪烁', by: s.manager.id } });
    const passed = ok(await s.manager.api.post(`/carry-ins/${r.id}/inspect`, { version: failed.version, result: 'pass' }), 200);
    expect(passed.status).toBe('inspected');

    // Return: a bad signature is refused and writes nothing, then a real one closes it.
    expect((await s.dispatcher.api.post(`/carry-ins/${r.id}/return`, { version: passed.version, signerName: '王师傅', signature: 'data:image/png;base64,AAAA' })).body.error.code).toBe('carry_in_signature_invalid');
    expect((await s.dispatcher.api.post(`/carry-ins/${r.id}/return`, { version: passed.version, signerName: '', signature: PNG_1PX })).status).toBe(400);
    const back = ok(await s.dispatcher.api.post(`/carry-ins/${r.id}/return`, { version: passed.version, signerName: '王师傅', signature: PNG_1PX }), 200);
    expect(back).toMatchObject({ status: 'returned', returned: { signerName: '王师傅', by: s.dispatcher.id } });
    expect(back.log.map((e: { step: string }) => e.step)).toEqual(['received', 'in_repair', 'tag', 'inspection_failed', 'inspected', 'returned']);
    expect(back.log[1]).toMatchObject({ actorId: s.tech1.id, at: '2026-11-27T10:10:00.000+08:00' });
    const sig = await t.app.inject({ method: 'GET', url: `/api/v1/carry-ins/${r.id}/signature`, headers: { authorization: `Bearer ${s.dispatcher.api.token}` } });
    expect(sig.statusCode).toBe(200);
    expect(sig.headers['content-type']).toBe('image/png');
    // Returned is final.
    expect((await s.dispatcher.api.post(`/carry-ins/${r.id}/return`, { version: back.version, signerName: 'x', signature: PNG_1PX })).body.error.code).toBe('carry_in_invalid_step');
    const audits = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'carry_in').where('entity_id', '=', r.id).execute();
    expect(audits.map((a) => a.action)).toEqual(['receive', 'in_repair', 'tag', 'inspection_failed', 'inspected', 'returned']);
  });

  it('refuses bad input and keeps stations to their own', async () => {
    const before = await count('carry_ins');
    expect((await s.dispatcher.api.post('/carry-ins', { item: 'x', fault: 'y' })).body.error.code).toBe('validation_failed');
    expect((await s.dispatcher.api.post('/carry-ins', { customerId: 999999, item: 'x', fault: 'y' })).status).toBe(404);
    expect((await s.dispatcher.api.post('/carry-ins', { customerId: s.cust2.id, unitId: s.unit1.id, item: 'x', fault: 'y' })).body.error.code).toBe('unit_of_other_customer');
    expect((await s.dispatcher.api.post('/carry-ins', { customerId: s.cust1.id, item: '', fault: 'y' })).status).toBe(400);
    expect((await s.tech1.api.post('/carry-ins', { customerId: s.cust1.id, item: 'x', fault: 'y' })).status).toBe(403);
    expect((await s.station1.api.post('/carry-ins', { customerId: s.cust2.id, item: 'x', fault: 'y' })).status).toBe(404);
    expect(await count('carry_ins')).toBe(before);
    const mine = ok(await s.station1.api.post('/carry-ins', { customerId: s.cust1.id, item: '后视镜', fault: '镜片破裂' }));
    const theirs = ok(await s.station2.api.post('/carry-ins', { customerId: s.cust2.id, item: '雨刮电机', fault: '不工作' }));
    expect(mine.stationId).toBe(s.st1.id);
    expect((await s.station1.api.get(`/carry-ins/${theirs.id}`)).status).toBe(404);
    const list = (await s.station1.api.get('/carry-ins')).body.items.map((x: { id: number }) => x.id);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(theirs.id);
    expect((await t.api.as('en').post(`/carry-ins/${mine.id}/inspect`, { version: mine.version, result: 'pass' })).body.error.message).toMatch(/cannot take the step/);
  });
});

describe('loaner units', () => {
  it('lends against a work order, lists the overdue, takes back; illegal moves are 409', async () => {
    const wo = await newOrder();
    const l = ok(await s.dispatcher.api.post('/loaners', { serial: 'LOAN-001', model: '备用仪表总成' }));
    expect(l).toMatchObject({ status: 'available', currentLoan: null, version: 1 });
    expect((await s.dispatcher.api.post('/loaners', { serial: 'LOAN-001', model: 'x' })).body.error.code).toBe('duplicate');
    expect((await s.station1.api.get('/loaners')).status).toBe(403);

    const loans = await count('loaner_loans');
    expect((await s.dispatcher.api.post(`/loaners/${l.id}/lend`, { version: l.version, workOrderId: wo.id, dueBack: '2026-11-26' })).body.error.code).toBe('due_back_in_past');
    expect((await s.dispatcher.api.post(`/loaners/${l.id}/lend`, { version: l.version, workOrderId: wo.id, dueBack: '2026-02-30' })).body.error.code).toBe('invalid_day');
    expect((await s.dispatcher.api.post(`/loaners/${l.id}/lend`, { version: l.version, workOrderId: 999999, dueBack: '2026-11-30' })).status).toBe(404);
    expect((await s.dispatcher.api.post(`/loaners/${l.id}/return`, { version: l.version })).body.error.code).toBe('loaner_not_lent');
    expect(await count('loaner_loans')).toBe(loans);

    const lent = ok(await s.dispatcher.api.post(`/loaners/${l.id}/lend`, { version: l.version, workOrderId: wo.id, dueBack: '2026-11-29', note: '客户急用' }), 200);
    expect(lent).toMatchObject({ status: 'lent', currentLoan: { workOrderId: wo.id, workOrderNumber: wo.number, customerName: '郑州公交集团', dueBack: '2026-11-29', overdue: false } });
    expect((await s.dispatcher.api.post(`/loaners/${l.id}/lend`, { version: lent.version, workOrderId: wo.id, dueBack: '2026-11-30' })).body.error.code).toBe('loaner_not_available');
    expect((await s.dispatcher.api.patch(`/loaners/${l.id}`, { version: lent.version, status: 'maintenance' })).body.error.code).toBe('loaner_status_locked');
    expect((await s.dispatcher.api.get('/loaner-loans?overdue=true')).body.items).toHaveLength(0);

    clock.advance(3 * 24 * 3_600_000); // 2026-11-30: a day past due
    const overdue = (await s.dispatcher.api.get('/loaner-loans?overdue=true')).body.items;
    expect(overdue.map((x: { loanerId: number; overdue: boolean }) => [x.loanerId, x.overdue])).toEqual([[l.id, true]]);

    const back = ok(await s.dispatcher.api.post(`/loaners/${l.id}/return`, { version: lent.version, note: '外壳划痕', toMaintenance: true }), 200);
    expect(back).toMatchObject({ status: 'maintenance', currentLoan: null });
    expect((await s.dispatcher.api.get('/loaner-loans?overdue=true')).body.items).toHaveLength(0);
    const history = (await s.dispatcher.api.get(`/loaner-loans?workOrderId=${wo.id}`)).body.items;
    expect(history[0]).toMatchObject({ returnNote: '外壳划痕', returnedBy: s.dispatcher.id });
    const fixed = ok(await s.dispatcher.api.patch(`/loaners/${l.id}`, { version: back.version, status: 'available' }), 200);
    expect(fixed.status).toBe('available');
    expect((await s.dispatcher.api.patch(`/loaners/${l.id}`, { version: fixed.version, status: 'lent' })).status).toBe(400);
    expect((await s.dispatcher.api.get('/loaners?status=available')).body.items.map((x: { serial: string }) => x.serial)).toEqual(['LOAN-001']);
  });
});
