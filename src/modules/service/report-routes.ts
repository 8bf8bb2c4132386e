// Routes of the service report (R-SVC-7) and old parts (R-INV-17); contract in
// /work/briefs/report-api.md. Registered from serviceRoutes. A retried POST with the same
// Idempotency-Key (a phone syncing after a lost connection) is applied once.
import { Type } from 'typebox';
import type { Role } from '../../db.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf, withTx } from '../../platform/http/server.js';
import { Id, IdParams, OptId, OptText, Version } from '../../platform/http/schemas.js';
import { pageOf, PageQuery } from '../../platform/http/paging.js';
import { idempotent } from '../../platform/http/idempotency.js';
import { addCorrection, addPhoto, readPhoto, readReport, reportPrintData, saveReport, signReport, submitReport } from './reports.js';
import { disposeOldParts, exportOldParts, handInOldParts, listOldParts } from './old-parts.js';

const TAGS = ['service'];
/** Who may read a report: the field, the desk and the stations (their own work orders). */
const READ: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'station_user'];
/** Who writes it: the assigned technicians, and managers. */
const WRITE: readonly Role[] = ['admin', 'service_manager', 'technician'];
const OLD_PARTS: readonly Role[] = ['admin', 'service_manager', 'warehouse_keeper', 'station_user'];
const OLD_PARTS_READ: readonly Role[] = ['admin', 'service_manager', 'warehouse_keeper', 'station_user', 'finance'];

// pdfkit and its font are loaded on the first PDF, not at start-up.
let pdfModule: Promise<typeof import('./report-pdf.js')> | null = null;
const loadPdf = () => (pdfModule ??= import('./report-pdf.js'));

const QtyIn = Type.Union([Type.Number(), Type.String({ maxLength: 20 })], { description: 'quantity: number or decimal string, at most 3 decimals' });
const QtyOut = Type.String({ description: 'decimal string' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Responsibility = Type.Union(['customer', 'manufacturer', 'dealer', 'supplier', 'unknown'].map((s) => Type.Literal(s)));

const ReportBody = Type.Object({
  version: Version,
  findings: Type.Optional(Nullable(Type.Object({ listen: OptText(2000), look: OptText(2000), check: OptText(2000) }))),
  cause: OptText(2000),
  responsibility: Type.Optional(Nullable(Responsibility)),
  actions: OptText(4000),
  odometerKm: Type.Optional(Nullable(QtyIn)),
  runningHours: Type.Optional(Nullable(QtyIn)),
  tampered: Type.Optional(Type.Boolean()),
  minutesSpent: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
  partsUsed: Type.Optional(Type.Array(Type.Object({ partId: Id, qty: QtyIn, reason: OptText(500) }), { maxItems: 100 })),
  oldParts: Type.Optional(Type.Array(Type.Object({ partId: Id, qty: QtyIn }), { maxItems: 100 })),
});

const Photo = Type.Object({ id: Type.Integer(), caption: Nullable(Type.String()), url: Type.String(), src: Type.String() });
const Correction = Type.Object({ id: Type.Integer(), text: Type.String(), createdBy: Type.Integer(), createdByName: Nullable(Type.String()), createdAt: Type.String() });
const S = Nullable(Type.String());

export const Report = Type.Object({
  workOrderId: Type.Integer(),
  workOrderNumber: Type.String(),
  workOrderStatus: Type.String(),
  cycle: Type.Integer({ description: "the work order's SLA cycle the report belongs to: 0, +1 on each reopen" }),
  current: Type.Boolean({ description: 'the report of the current cycle (the one written, signed and closed with now)' }),
  cycles: Type.Array(Type.Integer(), { description: 'the cycles that have a report, oldest first' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('signed')]),
  findings: Type.Object({ listen: S, look: S, check: S }),
  cause: S,
  responsibility: S,
  actions: S,
  odometerKm: S,
  runningHours: S,
  tampered: Type.Boolean(),
  minutesSpent: Nullable(Type.Integer()),
  partsUsed: Type.Array(Type.Object({ partId: Type.Integer(), partCode: Type.String(), partName: Type.String(), qty: QtyOut, reason: S })),
  oldParts: Type.Array(Type.Object({ partId: Type.Integer(), partCode: Type.String(), partName: Type.String(), qty: QtyOut, handedInQty: QtyOut })),
  photos: Type.Array(Photo),
  missing: Type.Array(Type.String()),
  consumptionDocumentId: Nullable(Type.Integer()),
  signerName: S,
  signedAt: S,
  submittedAt: S,
  hasSignature: Type.Boolean(),
  corrections: Type.Array(Correction),
  version: Type.Integer(),
});

const OldPartItem = Type.Object({
  id: Type.Integer(),
  partId: Type.Integer(),
  partCode: Type.String(),
  partName: Type.String(),
  qty: QtyOut,
  disposedQty: QtyOut,
  pendingQty: QtyOut,
  status: Type.Union([Type.Literal('pending'), Type.Literal('disposed')]),
  workOrderId: Type.Integer(),
  workOrderNumber: Type.String(),
  technicianId: Nullable(Type.Integer()),
  technicianName: S,
  locationId: Type.Integer(),
  locationName: Type.String(),
  lotId: Type.Integer(),
  documentId: Type.Integer(),
  documentNumber: Type.String(),
  handedInAt: Type.String(),
  ageDays: Type.Integer(),
});
/** ?cycle= reads the report of an earlier cycle of a reopened work order; the current one by default. */
const CycleQuery = Type.Object({ cycle: Type.Optional(Type.Integer({ minimum: 0 })) });
const Binary = Type.String({ description: 'bytes (image/jpeg, image/png or application/pdf)' });

export function reportRoutes(app: App, deps: AppDeps) {
  // The warehouse keeper reads it too: the old-parts hand-in screen shows its oldParts lines.
  app.get('/work-orders/:id/report', { config: { access: [...READ, 'warehouse_keeper'] }, schema: { tags: TAGS, params: IdParams, querystring: CycleQuery, response: { 200: Report } } }, async (req) =>
    readReport(ctxOf(deps, req), req.params.id, req.query.cycle),
  );
  app.put('/work-orders/:id/report', { config: { access: WRITE }, schema: { tags: TAGS, params: IdParams, body: ReportBody, response: { 200: Report } } }, async (req) =>
    withTx(deps, req, (ctx) => saveReport(ctx, req.params.id, req.body as never)),
  );
  app.post(
    '/work-orders/:id/report/photos',
    { config: { idempotent: true, access: WRITE }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ dataUrl: Type.String({ minLength: 1, maxLength: 3_800_000 }), caption: OptText(200) }), response: { 201: Photo } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => addPhoto(ctx, req.params.id, req.body))),
  );
  app.post('/work-orders/:id/report/submit', { config: { idempotent: true, access: WRITE }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ version: Version }), response: { 200: Report } } }, async (req, reply) =>
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 200, () => submitReport(ctx, req.params.id, req.body))),
  );
  app.post(
    '/work-orders/:id/report/sign',
    { config: { idempotent: true, access: WRITE }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ signature: Type.String({ minLength: 1, maxLength: 800_000 }), signerName: Type.String({ minLength: 1, maxLength: 100 }), version: Version }), response: { 200: Report } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 200, () => signReport(ctx, req.params.id, req.body))),
  );
  app.post(
    '/work-orders/:id/report/corrections',
    { config: { idempotent: true, access: WRITE }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }), response: { 201: Correction } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => addCorrection(ctx, req.params.id, req.body))),
  );
  app.get('/work-orders/:id/report.pdf', { config: { access: READ }, schema: { tags: TAGS, params: IdParams, querystring: CycleQuery, response: { 200: Binary } } }, async (req, reply) => {
    const data = await reportPrintData(ctxOf(deps, req), req.params.id, req.query.cycle);
    const { renderReportPdf } = await loadPdf();
    const pdf = await renderReportPdf(data);
    const name = `report-${data.workOrder.number.replace(/[^A-Za-z0-9_-]/g, '_')}${data.report.cycle > 0 ? `-${data.report.cycle}` : ''}`;
    return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf as never);
  });
  app.get('/report-photos/:id', { config: { access: READ }, schema: { tags: TAGS, params: IdParams, response: { 200: Binary } } }, async (req, reply) => {
    const p = await readPhoto(ctxOf(deps, req), req.params.id);
    return reply.type(p.mime).header('cache-control', 'private, max-age=86400').send(p.bytes as never);
  });

  // ── old parts (R-INV-17) ──
  app.post(
    '/old-parts/hand-ins',
    {
      config: { idempotent: true, access: OLD_PARTS },
      schema: {
        tags: TAGS,
        body: Type.Object({ workOrderId: Id, lines: Type.Array(Type.Object({ partId: Id, qty: QtyIn }), { minItems: 1, maxItems: 500 }), toLocationId: OptId, remark: OptText(500) }),
        response: { 201: Type.Object({ documentId: Type.Integer(), documentNumber: Type.String(), workOrderId: Type.Integer(), locationId: Type.Integer(), items: Type.Array(OldPartItem) }) },
      },
    },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => handInOldParts(ctx, req.body))),
  );
  app.get(
    '/old-parts',
    {
      config: { access: OLD_PARTS_READ },
      schema: {
        tags: TAGS,
        querystring: Type.Object({ ...PageQuery, month: Type.Optional(Type.String({ maxLength: 7 })), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('disposed')])), locationId: Type.Optional(Id), workOrderId: Type.Optional(Id) }),
        response: { 200: pageOf(OldPartItem) },
      },
    },
    async (req) => listOldParts(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 100 }),
  );
  app.get(
    '/exports/old-parts.xlsx',
    {
      config: { access: OLD_PARTS_READ },
      schema: {
        tags: TAGS,
        querystring: Type.Object({ month: Type.Optional(Type.String({ maxLength: 7 })), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('disposed')])), locationId: Type.Optional(Id), workOrderId: Type.Optional(Id) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '.xlsx file' }) },
      },
    },
    async (req, reply) => {
      const bytes = await exportOldParts(ctxOf(deps, req), req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="old-parts-${req.query.month ?? 'all'}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(bytes as never);
    },
  );
  app.post(
    '/old-parts/disposals',
    {
      config: { idempotent: true, access: OLD_PARTS },
      schema: {
        tags: TAGS,
        body: Type.Object({
          locationId: Id,
          lines: Type.Array(
            Type.Object({ partId: Id, qty: QtyIn, action: Type.Union([Type.Literal('supplier_claim'), Type.Literal('scrap'), Type.Literal('refurbish')]), supplierId: OptId, toLocationId: OptId }),
            { minItems: 1, maxItems: 500 },
          ),
          remark: OptText(500),
        }),
        response: {
          201: Type.Object({
            documentIds: Type.Array(Type.Integer()),
            disposals: Type.Array(Type.Object({ itemId: Type.Integer(), workOrderId: Type.Integer(), partId: Type.Integer(), qty: QtyOut, action: Type.String(), documentId: Type.Integer() })),
          }),
        },
      },
    },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => disposeOldParts(ctx, req.body))),
  );
}
