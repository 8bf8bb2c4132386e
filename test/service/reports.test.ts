// The service report through the API (R-SVC-7): draft, photos, submit (parts written off from
// the lead technician's holding in the same transaction as the work order's resolution), the
// customer's signature (only after submit, then locked for everyone), the PDF, corrections; the
// ledger's invariants after each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/modules/inventory/check.js';
import { createTestApp, MutableClock, type Api, type TestApp } from '../harness.js';
import { ok, seedService, user } from './fixtures.js';

process.env.AFTERSALES_LOGIN_RATE = '1000';
const clock = new MutableClock(Date.parse('2026-11-27T09:00:00+08:00'));
let t: TestApp;
let s: Awaited<ReturnType<typeof seedService>>;
let wh: { id: number };
let partA: number; // held by tech1: 5
let partB: number; // held by tech1: 1
let partC: number; // never issued

export const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const JPEG_1PX =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

async function ledgerOk() {
  const r = await checkLedger(t.handle.db);
  expect(r.problems).toEqual([]);
}

async function held(userId: number, partId: number): Promise<number> {
  const loc = await t.handle.db.selectFrom('locations').select('id').where('user_id', '=', userId).executeTakeFirst();
  if (!loc) return 0;
  const lv = await t.handle.db.selectFrom('stock_levels').select('on_hand').where('location_id', '=', loc.id).where('part_id', '=', partId).executeTakeFirst();
  return Number(lv?.on_hand ?? 0) / 1000;
}

const move = (api: Api, wo: { id: number; version: number }, to: string) => api.post(`/work-orders/${wo.id}/transition`, { to, version: wo.version });

/** A work order of customer 1, tech1 in charge with tech2, moved on site by tech1. */
async function onSiteOrder() {
  let wo = ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, siteId: s.site1.id, unitId: s.unit1.id, serviceType: 'C', category: 'engine', fault: '发动机异响' }));
  wo = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id, s.tech2.id], leadId: s.tech1.id, version: wo.version }), 200);
  for (const to of ['accepted', 'en_route', 'on_site']) wo = ok(await move(s.tech1.api, wo, to), 200);
  return wo as { id: number; version: number; status: string };
}

const complete = { findings: { listen: '发动机有敲缸声', look: '机油乳化', check: '缸垫损坏' }, cause: '缸垫老化', responsibility: 'manufacturer', actions: '更换缸垫、机油', odometerKm: '123456.5', runningHours: 3000, tampered: false, minutesSpent: 95 };

beforeAll(async () => {
  t = await createTestApp({ clock });
  s = await seedService(t);
  wh = ok(await t.api.post('/locations', { code: 'WH1', name: '总仓', kind: 'warehouse' }));
  const sup = ok(await t.api.post('/suppliers', { code: 'S1', name: '配件供应商' }));
  const rec = ok(
    await t.api.post('/receipts', {
      locationId: wh.id,
      supplierId: sup.id,
      lines: [
        { newPart: { code: 'GSK-01', name: '气缸垫', unit: '个', salePrice: '300.00' }, qty: 20, unitCost: '120.00', lot: 'L1' },
        { newPart: { code: 'OIL-01', name: '机油', unit: '桶', salePrice: '200.00' }, qty: 20, unitCost: '80.00', lot: 'L1' },
        { newPart: { code: 'FLT-01', name: '机滤', unit: '个', salePrice: '50.00' }, qty: 20, unitCost: '20.00', lot: 'L1' },
      ],
    }),
  );
  [partA, partB, partC] = rec.lines.map((l: { partId: number }) => l.partId);
  ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: s.tech1.id, lines: [{ partId: partA, qty: 5 }, { partId: partB, qty: 1 }] }));
});
afterAll(async () => t?.close());

describe('service report', () => {
  it('full flow: draft → submit (parts consumed) → sign (locked for every role) → PDF → close', async () => {
    const wo = await onSiteOrder();
    const empty = ok(await s.tech1.api.get(`/work-orders/${wo.id}/report`), 200);
    expect(empty).toMatchObject({ workOrderId: wo.id, status: 'draft', version: 0, partsUsed: [], photos: [], consumptionDocumentId: null });
    expect(empty.missing).toEqual(['findings', 'cause', 'responsibility', 'actions', 'minutesSpent']);

    let r = ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, findings: { listen: '异响' } }), 200);
    expect(r.version).toBe(1);
    expect(r.missing).toEqual(['cause', 'responsibility', 'actions', 'minutesSpent']);
    r = ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 1, partsUsed: [{ partId: partA, qty: 2, reason: '缸垫烧蚀' }, { partId: partB, qty: '1', reason: '乳化' }], oldParts: [{ partId: partA, qty: 2 }] }), 200);
    expect(r).toMatchObject({ version: 2, missing: [], odometerKm: '123456.5', runningHours: '3000', minutesSpent: 95, responsibility: 'manufacturer', tampered: false });
    expect(r.partsUsed).toEqual([
      { partId: partA, partCode: 'GSK-01', partName: '气缸垫', qty: '2', reason: '缸垫烧蚀' },
      { partId: partB, partCode: 'OIL-01', partName: '机油', qty: '1', reason: '乳化' },
    ]);
    expect(r.oldParts).toEqual([{ partId: partA, partCode: 'GSK-01', partName: '气缸垫', qty: '2', handedInQty: '0' }]);

    const photo = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX, caption: '旧缸垫' }));
    expect(photo).toMatchObject({ caption: '旧缸垫', url: `/report-photos/${photo.id}` });
    ok(await s.tech2.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: JPEG_1PX }));
    const img = await s.tech1.api.get(`/report-photos/${photo.id}`);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body.photos).toHaveLength(2);

    // Sign before submit: refused.
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '王队长', version: 2 })).body.error.code).toBe('report_not_submitted');
    // The transition route never signs.
    const woNow = (await s.tech1.api.get(`/work-orders/${wo.id}`)).body;
    expect((await move(s.tech1.api, woNow, 'signed')).body.error.code).toBe('invalid_transition');

    const beforeA = await held(s.tech1.id, partA);
    const beforeB = await held(s.tech1.id, partB);
    const submitted = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 2 }), 200);
    expect(submitted).toMatchObject({ status: 'submitted', workOrderStatus: 'resolved', version: 3 });
    expect(submitted.submittedAt).toMatch(/^2026-11-27T/);
    expect(await held(s.tech1.id, partA)).toBe(beforeA - 2);
    expect(await held(s.tech1.id, partB)).toBe(beforeB - 1);
    const doc = (await t.api.get(`/documents/${submitted.consumptionDocumentId}`)).body;
    expect(doc).toMatchObject({ type: 'write_off', reason: 'consumed', workOrderId: wo.id, status: 'posted' });
    const moves = await t.handle.db.selectFrom('moves').select(['kind', 'work_order_id', 'qty']).where('document_id', '=', submitted.consumptionDocumentId).execute();
    expect(moves.every((m) => m.kind === 'consume' && m.work_order_id === wo.id)).toBe(true);
    const detail = (await s.tech1.api.get(`/work-orders/${wo.id}`)).body;
    expect(detail.status).toBe('resolved');
    expect(detail.events.at(-1)).toMatchObject({ action: 'transition', from: 'on_site', to: 'resolved', actorId: s.tech1.id });
    await ledgerOk();

    // Submitted: the draft is closed, photos still allowed; the transition route answers signature_required.
    expect((await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 3, cause: 'x' })).body.error.code).toBe('report_locked');
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 3 })).body.error.code).toBe('report_locked');
    const sigReq = await move(s.tech1.api, detail, 'signed');
    expect(sigReq.status).toBe(409);
    expect(sigReq.body.error.code).toBe('signature_required');
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '王队长', version: 2 })).body.error.code).toBe('stale_version');
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: JPEG_1PX, signerName: '王队长', version: 3 })).status).toBe(400);
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '   ', version: 3 })).status).toBe(400);

    clock.advance(60_000);
    const signed = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '王队长', version: 3 }), 200);
    expect(signed).toMatchObject({ status: 'signed', signerName: '王队长', workOrderStatus: 'signed', hasSignature: true, version: 4 });
    expect(signed.signedAt).toMatch(/^2026-11-27T/);
    const afterSign = (await s.tech1.api.get(`/work-orders/${wo.id}`)).body;
    expect(afterSign.events.at(-1)).toMatchObject({ from: 'resolved', to: 'signed' });

    // Locked for every role.
    for (const api of [s.tech1.api, s.tech2.api, s.manager.api, t.api]) {
      expect((await api.req('PUT', `/work-orders/${wo.id}/report`, { version: 4, cause: 'changed' })).body.error.code).toBe('report_locked');
      expect((await api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX })).body.error.code).toBe('report_locked');
      expect((await api.post(`/work-orders/${wo.id}/report/submit`, { version: 4 })).body.error.code).toBe('report_locked');
      expect((await api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: 'x', version: 4 })).body.error.code).toBe('report_locked');
    }
    expect((await s.tech1.api.as('en').req('PUT', `/work-orders/${wo.id}/report`, { version: 4 })).body.error.message).toBe('The service report is signed; it can no longer be changed');
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body.cause).toBe('缸垫老化');

    // The PDF: a real PDF with the signer.
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/work-orders/${wo.id}/report.pdf`, headers: { authorization: `Bearer ${s.dispatcher.api.token}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(pdfInfoHas(bytes, '王队长')).toBe(true);

    // Closed by dispatch.
    const closed = ok(await move(s.dispatcher.api, afterSign, 'closed'), 200);
    expect(closed.status).toBe('closed');
    const audit = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'service_report').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'add_photo', 'submit', 'sign']));
    await ledgerOk();
  });

  it('a work order reopened after signing gets a new report to write, sign and close with; the signed one stays', async () => {
    ok(await t.api.post('/issues', { fromLocationId: wh.id, toUserId: s.tech1.id, lines: [{ partId: partA, qty: 2 }] })); // what this test consumes
    const wo = await onSiteOrder();
    let r = ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0, partsUsed: [{ partId: partA, qty: 1, reason: '缸垫烧蚀' }], oldParts: [{ partId: partA, qty: 1 }] }), 200);
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX, caption: '第一次' }));
    r = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: r.version }), 200);
    const first = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '王队长', version: r.version }), 200);
    expect(first).toMatchObject({ cycle: 0, current: true, cycles: [0] });
    let w = ok(await move(s.dispatcher.api, (await s.dispatcher.api.get(`/work-orders/${wo.id}`)).body, 'closed'), 200);

    // The fault comes back: reopened, dispatched and on site again.
    w = ok(await move(s.dispatcher.api, w, 'new'), 200);
    expect(w).toMatchObject({ status: 'new', cycle: 1 });
    w = ok(await s.dispatcher.api.post(`/work-orders/${wo.id}/assign`, { technicianIds: [s.tech1.id], leadId: s.tech1.id, version: w.version }), 200);
    for (const to of ['accepted', 'en_route', 'on_site']) w = ok(await move(s.tech1.api, w, to), 200);

    const fresh = ok(await s.tech1.api.get(`/work-orders/${wo.id}/report`), 200);
    expect(fresh).toMatchObject({ cycle: 1, current: true, cycles: [0], status: 'draft', version: 0, partsUsed: [], oldParts: [], photos: [], consumptionDocumentId: null, signerName: null });
    // The first visit's old part comes back after the reopen: it answers the first report.
    const handIn = ok(await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: 1 }] }));
    expect(handIn.items).toHaveLength(1);
    const more = await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: 1 }] });
    expect(more.body.error).toMatchObject({ code: 'old_parts_exceeded', details: { expected: 1, handedIn: 1, requested: 1 } });
    const kept = ok(await s.dispatcher.api.get(`/work-orders/${wo.id}/report?cycle=0`), 200);
    expect(kept).toEqual({ ...first, workOrderStatus: 'on_site', current: false, cycles: [0], oldParts: [{ ...first.oldParts[0], handedInQty: '1' }] });
    const none = await s.dispatcher.api.get(`/work-orders/${wo.id}/report?cycle=2`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('unknown_report_cycle');

    // The second visit's report: its own parts, old part to bring back, photo and signature.
    const heldA = await held(s.tech1.id, partA);
    r = ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, cause: '缸盖螺栓松动', version: 0, partsUsed: [{ partId: partA, qty: 1, reason: '复修' }], oldParts: [{ partId: partA, qty: 1 }] }), 200);
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX, caption: '第二次' }));
    r = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: r.version }), 200);
    expect(await held(s.tech1.id, partA)).toBe(heldA - 1);
    expect(r.consumptionDocumentId).not.toBe(first.consumptionDocumentId);
    const second = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '李师傅', version: r.version }), 200);
    expect(second).toMatchObject({ cycle: 1, current: true, cycles: [0, 1], status: 'signed', workOrderStatus: 'signed', cause: '缸盖螺栓松动', signerName: '李师傅' });
    expect(second.photos.map((p: { caption: string }) => p.caption)).toEqual(['第二次']);
    expect(second.oldParts).toEqual([expect.objectContaining({ partId: partA, qty: '1', handedInQty: '0' })]);
    ok(await s.keeper.api.post('/old-parts/hand-ins', { workOrderId: wo.id, lines: [{ partId: partA, qty: 1 }] }));
    expect((await s.dispatcher.api.get(`/work-orders/${wo.id}/report`)).body.oldParts[0].handedInQty).toBe('1');
    w = ok(await move(s.dispatcher.api, (await s.dispatcher.api.get(`/work-orders/${wo.id}`)).body, 'closed'), 200);
    expect(w.status).toBe('closed');

    // The first report is as it was signed; each PDF prints its own signer.
    expect(ok(await s.dispatcher.api.get(`/work-orders/${wo.id}/report?cycle=0`), 200)).toMatchObject({ cause: '缸垫老化', signerName: '王队长', signedAt: first.signedAt, version: first.version, photos: first.photos });
    const pdfOf = (q: string) => t.app.inject({ method: 'GET', url: `/api/v1/work-orders/${wo.id}/report.pdf${q}`, headers: { authorization: `Bearer ${s.dispatcher.api.token}` } });
    const [now, then] = [await pdfOf(''), await pdfOf('?cycle=0')];
    expect(pdfInfoHas(now.rawPayload, '李师傅')).toBe(true);
    expect(pdfInfoHas(then.rawPayload, '王队长')).toBe(true);
    expect(now.headers['content-disposition']).toMatch(/-1\.pdf"$/);
    await ledgerOk();
  });

  it('a draft PDF says 草稿 / 未簽名 and has no signer', async () => {
    const wo = await onSiteOrder();
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, cause: '待查' }), 200);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/work-orders/${wo.id}/report.pdf`, headers: { authorization: `Bearer ${s.tech1.api.token}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdfInfoHas(pdf.rawPayload, '草稿 / 未簽名')).toBe(true);
  });

  it('submit of an incomplete report is 409 with the missing fields; nothing changes', async () => {
    const wo = await onSiteOrder();
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 0 })).body.error).toMatchObject({ code: 'report_incomplete', details: { missing: ['findings', 'cause', 'responsibility', 'actions', 'minutesSpent'] } });
    // A responsibility outside the list (the field may also be left empty) names the choices.
    const bad = await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0, responsibility: 'wear' });
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'responsibility', rule: 'enum' } });
    expect(bad.body.error.message).toMatch(/^输入有误：responsibility 不是允许的取值（customer、.*manufacturer.*、空）$/);
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0, minutesSpent: null, partsUsed: [{ partId: partA, qty: 1 }] }), 200);
    const res = await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.details.missing).toEqual(['minutesSpent', 'partsUsed.0.reason']);
    expect((await s.tech1.api.get(`/work-orders/${wo.id}`)).body.status).toBe('on_site');
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('consuming parts not held is 409 insufficient_holding and NOTHING is written', async () => {
    const wo = await onSiteOrder();
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0, partsUsed: [{ partId: partA, qty: 1, reason: '坏' }, { partId: partC, qty: 1, reason: '坏' }] }), 200);
    const heldA = await held(s.tech1.id, partA);
    const docs = await t.handle.db.selectFrom('documents').select('id').execute();
    const events = await t.handle.db.selectFrom('work_order_events').select('id').where('work_order_id', '=', wo.id).execute();
    const res = await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'insufficient_holding', details: { partCode: 'FLT-01' } });
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body).toMatchObject({ status: 'draft', version: 1, consumptionDocumentId: null, submittedAt: null });
    expect((await s.tech1.api.get(`/work-orders/${wo.id}`)).body.status).toBe('on_site');
    expect(await held(s.tech1.id, partA)).toBe(heldA);
    expect(await t.handle.db.selectFrom('documents').select('id').execute()).toHaveLength(docs.length);
    expect(await t.handle.db.selectFrom('work_order_events').select('id').where('work_order_id', '=', wo.id).execute()).toHaveLength(events.length);
    await ledgerOk();
    // Too much of a held part is refused the same way.
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 1, partsUsed: [{ partId: partA, qty: 999, reason: '坏' }] }), 200);
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 2 })).body.error.code).toBe('insufficient_holding');
    expect(await held(s.tech1.id, partA)).toBe(heldA);
  });

  it('a stale version is 409 stale_version; a second first save too', async () => {
    const wo = await onSiteOrder();
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, cause: 'a' }), 200);
    const again = await s.tech2.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, cause: 'b' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'stale_version', details: { current: 1 } });
    expect((await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 5, cause: 'c' })).body.error.code).toBe('stale_version');
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 0 })).body.error.code).toBe('stale_version');
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body.cause).toBe('a');
  });

  it('another technician, another station: 404; the desk may read', async () => {
    const wo = await onSiteOrder();
    const tech3 = await user(t, 'tech3', ['technician']);
    expect((await tech3.api.get(`/work-orders/${wo.id}/report`)).status).toBe(404);
    expect((await tech3.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, cause: 'x' })).status).toBe(404);
    expect((await tech3.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX })).status).toBe(404);
    expect((await tech3.api.post(`/work-orders/${wo.id}/report/submit`, { version: 0 })).status).toBe(404);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/work-orders/${wo.id}/report.pdf`, headers: { authorization: `Bearer ${tech3.api.token}` } });
    expect(pdf.statusCode).toBe(404);
    expect((await s.station2.api.get(`/work-orders/${wo.id}/report`)).status).toBe(404);
    expect((await s.station1.api.get(`/work-orders/${wo.id}/report`)).status).toBe(200);
    expect((await s.dispatcher.api.get(`/work-orders/${wo.id}/report`)).status).toBe(200);
    expect((await s.dispatcher.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0 })).status).toBe(403);
    const photo = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX }));
    expect((await tech3.api.get(`/report-photos/${photo.id}`)).status).toBe(404);
    expect((await s.station2.api.get(`/report-photos/${photo.id}`)).status).toBe(404);
    // Only the technician in charge submits (parts leave their holding).
    ok(await s.tech2.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0 }), 200);
    expect((await s.tech2.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 })).body.error.code).toBe('not_lead_technician');
  });

  it('photos: too large or not an image is 400', async () => {
    const wo = await onSiteOrder();
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 1);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
    const tooBig = await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: `data:image/png;base64,${big.toString('base64')}` });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.code).toBe('photo_too_large');
    const gif = await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' });
    expect(gif.body.error.code).toBe('invalid_photo');
    const fake = await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: `data:image/jpeg;base64,${Buffer.from('not a jpeg at all').toString('base64')}` });
    expect(fake.status).toBe(400);
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: 'hello' })).status).toBe(400);
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body.photos).toEqual([]);
  });

  it('bad fields are 400; a report is not written before the work order is accepted', async () => {
    const wo = await onSiteOrder();
    expect((await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, responsibility: 'nobody' })).status).toBe(400);
    expect((await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, odometerKm: '12km' })).status).toBe(400);
    expect((await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, minutesSpent: -5 })).status).toBe(400);
    expect((await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, partsUsed: [{ partId: 999999, qty: 1 }] })).status).toBe(404);
    expect((await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { version: 0, partsUsed: [{ partId: partA, qty: 0 }] })).status).toBe(400);
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body.version).toBe(0);
    const fresh = ok(await s.dispatcher.api.post('/work-orders', { customerId: s.cust1.id, serviceType: 'C', category: 'engine', fault: 'x' }));
    expect((await t.api.req('PUT', `/work-orders/${fresh.id}/report`, { version: 0, cause: 'x' })).body.error.code).toBe('report_not_editable');
  });

  it('corrections are linked records of a submitted or signed report', async () => {
    const wo = await onSiteOrder();
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/corrections`, { text: '补充' })).body.error.code).toBe('report_not_submitted');
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0 }), 200);
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 }), 200);
    ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/sign`, { signature: PNG_1PX, signerName: '李经理', version: 2 }), 200);
    const c = ok(await s.manager.api.post(`/work-orders/${wo.id}/report/corrections`, { text: '里程应为 123465.5 km' }));
    expect(c).toMatchObject({ text: '里程应为 123465.5 km', createdBy: s.manager.id });
    const r = (await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body;
    expect(r.corrections).toEqual([expect.objectContaining({ id: c.id, text: '里程应为 123465.5 km' })]);
    expect(r).toMatchObject({ status: 'signed', odometerKm: '123456.5', version: 3 });
    expect((await s.tech1.api.post(`/work-orders/${wo.id}/report/corrections`, { text: '' })).status).toBe(400);
    await ledgerOk();
  });

  it('two submits at once: one wins, the parts are written off once', async () => {
    const wo = await onSiteOrder();
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0, partsUsed: [{ partId: partA, qty: 1, reason: '坏' }] }), 200);
    const before = await held(s.tech1.id, partA);
    const results = await Promise.all([s.tech1.api, s.manager.api, t.api].map((api) => api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await held(s.tech1.id, partA)).toBe(before - 1);
    const writeOffs = await t.handle.db.selectFrom('documents').select('id').where('type', '=', 'write_off').where('work_order_id', '=', wo.id).execute();
    expect(writeOffs).toHaveLength(1);
    await ledgerOk();
  });

  it('a phone retrying with the same Idempotency-Key adds one photo and submits once', async () => {
    const wo = await onSiteOrder();
    const h = { 'idempotency-key': `photo-${wo.id}` };
    const a = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX, caption: '铭牌' }, h));
    const b = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/photos`, { dataUrl: PNG_1PX, caption: '铭牌' }, h));
    expect(b.id).toBe(a.id);
    ok(await s.tech1.api.req('PUT', `/work-orders/${wo.id}/report`, { ...complete, version: 0, partsUsed: [{ partId: partA, qty: 1, reason: '坏' }] }), 200);
    const before = await held(s.tech1.id, partA);
    const k = { 'idempotency-key': `submit-${wo.id}` };
    const first = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 }, k), 200);
    const again = ok(await s.tech1.api.post(`/work-orders/${wo.id}/report/submit`, { version: 1 }, k), 200);
    expect(again.consumptionDocumentId).toBe(first.consumptionDocumentId);
    expect(await held(s.tech1.id, partA)).toBe(before - 1);
    expect((await s.tech1.api.get(`/work-orders/${wo.id}/report`)).body.photos).toHaveLength(1);
  });

  it('an issue from an old-parts location is refused', async () => {
    const old = ok(await t.api.post('/locations', { code: 'OLD-T', name: '测试旧件库', kind: 'old_parts' }));
    const res = await t.api.post('/issues', { fromLocationId: old.id, toUserId: s.tech1.id, lines: [{ partId: partA, qty: 1 }] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_location_kind');
  });
});

/** The PDF's info dictionary (Subject) names the signer or says it is a draft: pdfkit writes UTF-16BE. */
function pdfInfoHas(pdf: Buffer, text: string): boolean {
  const be = Buffer.from(text, 'utf16le').swap16();
  const esc: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '(': '\\(', ')': '\\)', '\\': '\\\\' };
  const escaped = Buffer.from(be.toString('latin1').replace(/[\n\r\t\b\f()\\]/g, (c) => esc[c]!), 'latin1');
  return pdf.includes(be) || pdf.includes(escaped) || pdf.includes(Buffer.from(be.toString('hex').toUpperCase())) || pdf.includes(Buffer.from(be.toString('hex')));
}
