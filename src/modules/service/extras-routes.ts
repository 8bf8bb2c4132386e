// Routes of the service extras with their schemas: carry-in repairs (R-SVC-8), loaners (R-SVC-9),
// charges and invoice requests (R-SVC-10), daily reports (R-SVC-11), notifications.
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { Role } from '../../db.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf, withTx } from '../../platform/http/server.js';
import { idempotent } from '../../platform/http/idempotency.js';
import { Id, IdParams, Money, Qty, Version } from '../../platform/http/schemas.js';
import { pageOf, PageQuery } from '../../platform/http/paging.js';
import { renderSlipHtml } from '../printing/html.js';
import type { Slip } from '../printing/slip.data.js';
import { carryInSignature, carryInSlip, inspectCarryIn, listCarryIns, readCarryIn, receiveCarryIn, returnCarryIn, saveRepairTag, startRepair } from './carry-in.js';
import { addChargeLine, decideInvoiceRequest, listInvoiceRequests, readCharges, readInvoiceRequest, removeChargeLine, requestInvoice } from './charges.js';
import { dailyRollUp, generateDailyReport, listDailyReports, readDailyReport, submitDailyReport, updateDailyReport } from './daily-reports.js';
import { createLoaner, lendLoaner, listLoaners, listLoans, readLoaner, returnLoaner, updateLoaner } from './loaners.js';
import { listNotifications, markNotificationRead } from './notifications.js';
import { Day, OptText, ServiceType } from './schemas.js';
import './extras-errors.js';

const ALL: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'];
const DESK: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'station_user'];
const WORKSHOP: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'station_user'];
const MANAGERS: readonly Role[] = ['admin', 'service_manager'];
const LOANERS: readonly Role[] = ['admin', 'service_manager', 'dispatcher'];
const CHARGES_READ: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'station_user', 'finance'];
const INVOICES_READ: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'station_user', 'finance'];
const FINANCE: readonly Role[] = ['admin', 'finance'];
const DAILY: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician'];
const ROLLUP: readonly Role[] = ['admin', 'service_manager', 'dispatcher'];
const TAGS = ['service'];

const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
const NStr = N(Type.String());
const NInt = N(Type.Integer());
const VersionBody = { version: Version };
const Printed = Type.String({ description: 'text/html page or application/pdf bytes' });

// ── carry-in ──
const CarryInStatus = Type.Union([Type.Literal('received'), Type.Literal('in_repair'), Type.Literal('inspected'), Type.Literal('returned')]);
const CarryIn = Type.Object({
  id: Type.Integer(),
  number: Type.String({ description: 'the receipt number, SX-2026-000001' }),
  status: CarryInStatus,
  customerId: Type.Integer(),
  customerName: NStr,
  unitId: NInt,
  workOrderId: NInt,
  workOrderNumber: NStr,
  stationId: NInt,
  item: Type.String(),
  fault: Type.String(),
  accessories: NStr,
  broughtBy: NStr,
  tag: Type.Object({ technicianId: NInt, technicianName: NStr, minutesSpent: NInt, partsText: NStr, note: NStr }),
  inspection: N(Type.Object({ result: Type.Union([Type.Literal('pass'), Type.Literal('fail')]), note: NStr, by: NInt, at: NStr })),
  returned: N(Type.Object({ signerName: Type.String(), at: Type.String(), by: NInt, signatureUrl: Type.String() })),
  createdBy: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
const CarryInDetail = Type.Object({
  ...CarryIn.properties,
  log: Type.Array(Type.Object({ id: Type.Integer(), step: Type.String({ description: 'received | in_repair | tag | inspected | inspection_failed | returned' }), note: NStr, actorId: NInt, actorName: NStr, at: Type.String() })),
});
const CarryInBody = Type.Object({
  customerId: Type.Optional(N(Id)),
  unitId: Type.Optional(N(Id)),
  workOrderId: Type.Optional(N(Id)),
  item: Type.String({ minLength: 1, maxLength: 200, description: 'what was brought in' }),
  fault: Type.String({ minLength: 1, maxLength: 2000 }),
  accessories: OptText(500),
  broughtBy: OptText(100),
  note: OptText(500),
});

// ── loaners ──
const LoanerStatus = Type.Union([Type.Literal('available'), Type.Literal('lent'), Type.Literal('maintenance')]);
const Loan = Type.Object({
  id: Type.Integer(),
  loanerId: Type.Integer(),
  serial: NStr,
  model: NStr,
  workOrderId: Type.Integer(),
  workOrderNumber: NStr,
  customerId: Type.Integer(),
  customerName: NStr,
  dueBack: Type.String(),
  overdue: Type.Boolean(),
  note: NStr,
  lentBy: Type.Integer(),
  lentAt: Type.String(),
  returnedBy: NInt,
  returnedAt: NStr,
  returnNote: NStr,
});
const Loaner = Type.Object({ id: Type.Integer(), serial: Type.String(), model: Type.String(), status: LoanerStatus, note: NStr, currentLoan: N(Loan), version: Type.Integer() });

// ── charges ──
const ChargeKind = Type.Union([Type.Literal('labour'), Type.Literal('parts'), Type.Literal('travel')]);
const ChargeLine = Type.Object({
  id: N(Type.Integer({ description: 'null for parts taken from the ledger' })),
  source: Type.Union([Type.Literal('manual'), Type.Literal('ledger')]),
  kind: ChargeKind,
  description: Type.String(),
  partId: NInt,
  partCode: NStr,
  qty: Type.Number({ description: 'hours, pieces or km' }),
  rate: Type.String(),
  listAmount: Type.String(),
  cost: Type.String(),
  payer: Type.Union([Type.Literal('customer'), Type.Literal('manufacturer'), Type.Literal('contract'), Type.Literal('internal')]),
  charged: Type.String({ description: 'what the customer pays' }),
});
const InvoiceStatus = Type.Union([Type.Literal('requested'), Type.Literal('invoiced'), Type.Literal('rejected')]);
const InvoiceRequest = Type.Object({
  id: Type.Integer(),
  workOrderId: Type.Integer(),
  workOrderNumber: NStr,
  customerName: NStr,
  status: InvoiceStatus,
  amount: Type.String(),
  lines: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  note: NStr,
  invoiceNo: NStr,
  rejectReason: NStr,
  requestedBy: Type.Integer(),
  requestedByName: NStr,
  requestedAt: Type.String(),
  decidedBy: NInt,
  decidedAt: NStr,
  version: Type.Integer(),
});
const Charges = Type.Object({
  workOrderId: Type.Integer(),
  workOrderNumber: Type.String(),
  serviceType: ServiceType,
  warranty: N(Type.Object({ status: Type.String(), parts: Type.String(), labour: Type.String(), reasons: Type.Array(Type.String()), applied: Type.Boolean() })),
  lines: Type.Array(ChargeLine),
  totals: Type.Object({ list: Type.String(), cost: Type.String(), charged: Type.String(), labour: Type.String(), parts: Type.String(), travel: Type.String() }),
  locked: Type.Boolean(),
  invoiceRequest: N(InvoiceRequest),
});
const ChargeLineBody = Type.Object({
  kind: ChargeKind,
  description: OptText(200),
  partId: Type.Optional(N(Id)),
  qty: Qty,
  rate: Type.Optional(N(Money)),
  unitCost: Type.Optional(N(Money)),
});

// ── daily reports ──
const Minutes = Type.Object({ A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer() });
const DayLine = Type.Object({ workOrderId: Type.Integer(), number: Type.String(), serviceType: ServiceType, minutes: Type.Integer(), km: Type.Number(), status: Type.String() });
const Figures = { minutes: Minutes, totalMinutes: Type.Integer(), jobs: Type.Integer(), km: Type.Number(), lines: Type.Array(DayLine) };
const DailyReport = Type.Object({
  id: Type.Integer(),
  technicianId: Type.Integer(),
  technicianName: NStr,
  day: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  ...Figures,
  notes: NStr,
  submittedAt: NStr,
  updatedAt: Type.String(),
  version: Type.Integer(),
});
const MinutesPatch = Type.Object({ A: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })), B: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })), C: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })), D: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })) });
const RollUp = Type.Object({
  day: Type.String(),
  undispatched: Type.Array(Type.Object({ workOrderId: Type.Integer(), number: Type.String(), serviceType: ServiceType, priority: Type.String(), category: Type.String(), fault: Type.String(), customerName: Type.String(), createdAt: Type.String(), rollover: Type.Boolean({ description: 'logged before the day' }) })),
  technicians: Type.Array(Type.Object({ technicianId: Type.Integer(), technicianName: Type.String(), reportId: NInt, status: Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('missing')]), ...Figures, notes: NStr })),
  totals: Type.Object({ minutes: Minutes, totalMinutes: Type.Integer(), jobs: Type.Integer(), km: Type.Number() }),
});

// ── notifications ──
const Notification = Type.Object({ id: Type.Integer(), kind: Type.String(), workOrderId: NInt, message: Type.String(), data: Type.Record(Type.String(), Type.Unknown()), read: Type.Boolean(), readAt: NStr, createdAt: Type.String() });

async function sendSlip(reply: FastifyReply, slip: Slip, format: 'html' | 'pdf') {
  reply.header('cache-control', 'no-store');
  if (format === 'pdf') {
    const { renderSlipPdf } = await import('../printing/pdf.js');
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${slip.number}.pdf"`).send(await renderSlipPdf(slip, 'a4'));
  }
  return reply.type('text/html; charset=utf-8').send(await renderSlipHtml(slip, 'a4'));
}

export function extrasRoutes(app: App, deps: AppDeps) {
  // ── carry-in repair (R-SVC-8) ──
  app.post('/carry-ins', { config: { idempotent: true, access: DESK }, schema: { tags: TAGS, body: CarryInBody, response: { 201: CarryInDetail } } }, async (req, reply) =>
    // A retried receipt (Idempotency-Key) is issued once.
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => receiveCarryIn(ctx, req.body))),
  );
  app.get(
    '/carry-ins',
    { config: { access: WORKSHOP }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, status: Type.Optional(CarryInStatus), workOrderId: Type.Optional(Id), customerId: Type.Optional(Id) }), response: { 200: pageOf(CarryIn) } } },
    async (req) => listCarryIns(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/carry-ins/:id', { config: { access: WORKSHOP }, schema: { tags: TAGS, params: IdParams, response: { 200: CarryInDetail } } }, async (req) => readCarryIn(ctxOf(deps, req), req.params.id));
  app.get(
    '/carry-ins/:id/receipt',
    { config: { access: WORKSHOP }, schema: { tags: TAGS, params: IdParams, querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf')])) }), response: { 200: Printed } } },
    async (req, reply) => sendSlip(reply, await carryInSlip(ctxOf(deps, req), req.params.id), req.query.format ?? 'html'),
  );
  app.get('/carry-ins/:id/signature', { config: { access: WORKSHOP }, schema: { tags: TAGS, params: IdParams, response: { 200: Type.String({ description: 'image/png' }) } } }, async (req, reply) =>
    reply.type('image/png').header('cache-control', 'private, max-age=3600').send((await carryInSignature(ctxOf(deps, req), req.params.id)) as never),
  );
  app.post('/carry-ins/:id/start', { config: { access: WORKSHOP }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, technicianId: Type.Optional(N(Id)), note: OptText(500) }), response: { 200: CarryInDetail } } }, async (req) =>
    withTx(deps, req, (ctx) => startRepair(ctx, req.params.id, req.body)),
  );
  app.put(
    '/carry-ins/:id/tag',
    { config: { access: WORKSHOP }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, minutesSpent: Type.Optional(N(Type.Integer({ minimum: 0, maximum: 100000 }))), partsText: OptText(2000), note: OptText(2000), technicianId: Type.Optional(N(Id)) }), response: { 200: CarryInDetail } } },
    async (req) => withTx(deps, req, (ctx) => saveRepairTag(ctx, req.params.id, req.body)),
  );
  app.post(
    '/carry-ins/:id/inspect',
    { config: { access: MANAGERS }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, result: Type.Union([Type.Literal('pass'), Type.Literal('fail')]), note: OptText(1000) }), response: { 200: CarryInDetail } } },
    async (req) => withTx(deps, req, (ctx) => inspectCarryIn(ctx, req.params.id, req.body)),
  );
  app.post(
    '/carry-ins/:id/return',
    { config: { access: DESK }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, signerName: Type.String({ minLength: 1, maxLength: 100 }), signature: Type.String({ maxLength: 800000, description: 'data:image/png;base64,…' }), note: OptText(500) }), response: { 200: CarryInDetail } } },
    async (req) => withTx(deps, req, (ctx) => returnCarryIn(ctx, req.params.id, req.body)),
  );

  // ── loaner units (R-SVC-9) ──
  app.post('/loaners', { config: { access: LOANERS }, schema: { tags: TAGS, body: Type.Object({ serial: Type.String({ minLength: 1, maxLength: 64 }), model: Type.String({ minLength: 1, maxLength: 100 }), note: OptText(500) }), response: { 201: Loaner } } }, async (req, reply) =>
    reply.code(201).send(await withTx(deps, req, (ctx) => createLoaner(ctx, req.body))),
  );
  app.get('/loaners', { config: { access: LOANERS }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, status: Type.Optional(LoanerStatus), q: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: pageOf(Loaner) } } }, async (req) =>
    listLoaners(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/loaners/:id', { config: { access: LOANERS }, schema: { tags: TAGS, params: IdParams, response: { 200: Loaner } } }, async (req) => readLoaner(ctxOf(deps, req), req.params.id));
  app.patch(
    '/loaners/:id',
    { config: { access: LOANERS }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, model: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), note: OptText(500), status: Type.Optional(Type.Union([Type.Literal('available'), Type.Literal('maintenance')])) }), response: { 200: Loaner } } },
    async (req) => {
      const { version, ...patch } = req.body;
      return withTx(deps, req, (ctx) => updateLoaner(ctx, req.params.id, version, patch));
    },
  );
  app.post('/loaners/:id/lend', { config: { access: LOANERS }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, workOrderId: Id, dueBack: Day, note: OptText(500) }), response: { 200: Loaner } } }, async (req) =>
    withTx(deps, req, (ctx) => lendLoaner(ctx, req.params.id, req.body)),
  );
  app.post('/loaners/:id/return', { config: { access: LOANERS }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, note: OptText(500), toMaintenance: Type.Optional(Type.Boolean()) }), response: { 200: Loaner } } }, async (req) =>
    withTx(deps, req, (ctx) => returnLoaner(ctx, req.params.id, req.body)),
  );
  app.get(
    '/loaner-loans',
    { config: { access: LOANERS }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, open: Type.Optional(Type.Boolean()), overdue: Type.Optional(Type.Boolean()), workOrderId: Type.Optional(Id) }), response: { 200: pageOf(Loan) } } },
    async (req) => listLoans(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );

  // ── charges and invoice requests (R-SVC-10) ──
  app.get('/work-orders/:id/charges', { config: { access: CHARGES_READ }, schema: { tags: TAGS, params: IdParams, response: { 200: Charges } } }, async (req) => readCharges(ctxOf(deps, req), req.params.id));
  app.post('/work-orders/:id/charges', { config: { access: WORKSHOP }, schema: { tags: TAGS, params: IdParams, body: ChargeLineBody, response: { 201: Charges } } }, async (req, reply) =>
    reply.code(201).send(await withTx(deps, req, (ctx) => addChargeLine(ctx, req.params.id, { ...req.body, qty: req.body.qty }))),
  );
  app.delete('/work-orders/:id/charges/:lineId', { config: { access: WORKSHOP }, schema: { tags: TAGS, params: Type.Object({ id: Id, lineId: Id }), response: { 200: Charges } } }, async (req) =>
    withTx(deps, req, (ctx) => removeChargeLine(ctx, req.params.id, req.params.lineId)),
  );
  app.post('/work-orders/:id/invoice-requests', { config: { idempotent: true, access: DESK }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ note: OptText(500) }), response: { 201: InvoiceRequest } } }, async (req, reply) =>
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => requestInvoice(ctx, req.params.id, req.body))),
  );
  app.get('/invoice-requests', { config: { access: INVOICES_READ }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, status: Type.Optional(InvoiceStatus) }), response: { 200: pageOf(InvoiceRequest) } } }, async (req) =>
    listInvoiceRequests(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/invoice-requests/:id', { config: { access: INVOICES_READ }, schema: { tags: TAGS, params: IdParams, response: { 200: InvoiceRequest } } }, async (req) => readInvoiceRequest(ctxOf(deps, req), req.params.id));
  app.post('/invoice-requests/:id/invoice', { config: { access: FINANCE }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, invoiceNo: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: InvoiceRequest } } }, async (req) =>
    withTx(deps, req, (ctx) => decideInvoiceRequest(ctx, req.params.id, { version: req.body.version, decision: 'invoiced', invoiceNo: req.body.invoiceNo })),
  );
  app.post('/invoice-requests/:id/reject', { config: { access: FINANCE }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: InvoiceRequest } } }, async (req) =>
    withTx(deps, req, (ctx) => decideInvoiceRequest(ctx, req.params.id, { version: req.body.version, decision: 'rejected', reason: req.body.reason })),
  );

  // ── daily reports (R-SVC-11) ──
  app.post(
    '/daily-reports',
    { config: { access: DAILY }, schema: { tags: TAGS, body: Type.Object({ day: Day, technicianId: Type.Optional(N(Id)), regenerate: Type.Optional(Type.Boolean()) }), response: { 200: DailyReport, 201: DailyReport } } },
    async (req, reply) => {
      const r = await withTx(deps, req, (ctx) => generateDailyReport(ctx, req.body));
      return reply.code(r.created ? 201 : 200).send(r.report);
    },
  );
  app.get(
    '/daily-reports',
    { config: { access: DAILY }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, day: Type.Optional(Day), technicianId: Type.Optional(Id), status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted')])) }), response: { 200: pageOf(DailyReport) } } },
    async (req) => listDailyReports(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/daily-reports/roll-up', { config: { access: ROLLUP }, schema: { tags: TAGS, querystring: Type.Object({ day: Type.Optional(Day) }), response: { 200: RollUp } } }, async (req) => dailyRollUp(ctxOf(deps, req), req.query.day));
  app.get('/daily-reports/:id', { config: { access: DAILY }, schema: { tags: TAGS, params: IdParams, response: { 200: DailyReport } } }, async (req) => readDailyReport(ctxOf(deps, req), req.params.id));
  app.patch(
    '/daily-reports/:id',
    { config: { access: DAILY }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ ...VersionBody, minutes: Type.Optional(MinutesPatch), jobs: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })), km: Type.Optional(Qty), notes: OptText(2000) }), response: { 200: DailyReport } } },
    async (req) => withTx(deps, req, (ctx) => updateDailyReport(ctx, req.params.id, req.body)),
  );
  app.post('/daily-reports/:id/submit', { config: { access: DAILY }, schema: { tags: TAGS, params: IdParams, body: Type.Object(VersionBody), response: { 200: DailyReport } } }, async (req) =>
    withTx(deps, req, (ctx) => submitDailyReport(ctx, req.params.id, req.body)),
  );

  // ── notifications (issue #4: parts arrived) ──
  app.get('/notifications', { config: { access: ALL }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, unread: Type.Optional(Type.Boolean()) }), response: { 200: Type.Object({ ...pageOf(Notification).properties, unread: Type.Integer() }) } } }, async (req) =>
    listNotifications(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.post('/notifications/:id/read', { config: { access: ALL }, schema: { tags: TAGS, params: IdParams, response: { 200: Notification } } }, async (req) => withTx(deps, req, (ctx) => markNotificationRead(ctx, req.params.id)));
}
