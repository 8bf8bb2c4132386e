import { Type } from 'typebox';
import type { Role } from '../../db.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf, withTx } from '../../platform/http/server.js';
import { idempotent, keyClaim } from '../../platform/http/idempotency.js';
import { Id, IdParams, Money, OptId, OptText, Qty, Version } from '../../platform/http/schemas.js';
import { decodeCursor, pageOf, PageQuery, toPage } from '../../platform/http/paging.js';
import { PartBody } from '../catalog/routes.js';
import { optionalVersionOf, versionOf } from '../../platform/http/versions.js';
import { audit } from '../auth/audit.js';
import { formatFen, toFen } from '../../platform/numbers.js';
import { previewReceipt, postReceipt } from './receipts.js';
import { approveIssue, issueAtOnce, issueParts, rejectIssue, type IssueLookups } from './issues.js';
import { returnParts, writeOff } from './holdings.js';
import { cancelReservation, createReservation, getReservation, listReservations, reservationView } from './reservations.js';
import { createShortage, closeShortage, listShortages, purchaseList } from './shortages.js';
import { createTransfer, receiveTransfer } from './transfers.js';
import { editRemark, reverseMove } from './corrections.js';
import { approveCount, cancelCount, createCount, recordCount, rejectCount } from './counts.js';
import { createLocation, isStationScoped, locationView } from './locations.js';
import { listDocuments, listHoldings, listMoves, listStock, readDocument } from './ledger.queries.js';
import { documentView } from './documents.js';
import { storedPosting } from './posting.js';
import * as S from './schemas.js';

const ALL: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'];
const KEEPERS: readonly Role[] = ['admin', 'warehouse_keeper', 'station_user'];
const MANAGERS: readonly Role[] = ['admin', 'service_manager'];
const HOLDERS: readonly Role[] = ['admin', 'warehouse_keeper', 'service_manager', 'technician', 'station_user'];

const LineQty = Type.Object({ partId: Id, lotId: OptId, qty: Qty });
const Lines = Type.Array(LineQty, { minItems: 1, maxItems: 500 });
const ReceiptBody = Type.Object({
  locationId: Id,
  supplierId: OptId,
  remark: OptText(500),
  lines: Type.Array(Type.Object({ partId: Type.Optional(Id), newPart: Type.Optional(PartBody), qty: Qty, unitCost: Money, lot: Type.Optional(Type.String({ maxLength: 64 })) }), { minItems: 1, maxItems: 500 }),
});
const Decision = Type.Object({ note: OptText(500), version: Type.Optional(Version) });

export function inventoryRoutes(app: App, deps: AppDeps) {
  // ── locations ──
  app.post(
    '/locations',
    { config: { access: ['admin', 'warehouse_keeper'] }, schema: { tags: ['inventory'], body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }), name: Type.String({ minLength: 1, maxLength: 200 }), kind: Type.Union([Type.Literal('warehouse'), Type.Literal('station'), Type.Literal('old_parts')]), stationId: OptId }), response: { 201: S.Location } } },
    async (req, reply) => reply.code(201).send(await withTx(deps, req, (ctx) => createLocation(ctx, req.body))),
  );
  app.get(
    '/locations',
    { config: { access: ALL }, schema: { tags: ['inventory'], querystring: Type.Object({ ...PageQuery, kind: Type.Optional(Type.String({ maxLength: 20 })), includeVirtual: Type.Optional(Type.Boolean()) }), response: { 200: pageOf(S.Location) } } },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const limit = req.query.limit ?? 50;
      const after = decodeCursor(req.query.cursor, 'n');
      let q = ctx.db.selectFrom('locations').selectAll();
      if (req.query.kind) q = q.where('kind', '=', req.query.kind as never);
      if (!req.query.includeVirtual) q = q.where('is_real', '=', 1);
      if (isStationScoped(ctx.actor)) q = q.where((eb) => eb.or([eb('id', '=', ctx.actor.stationId), eb('station_id', '=', ctx.actor.stationId)]));
      if (after) q = q.where('id', '>', Number(after[0]));
      const rows = await q.orderBy('id').limit(limit + 1).execute();
      return toPage(rows, limit, locationView, (r) => [r.id]);
    },
  );

  // ── receipts ──
  app.post('/receipts/preview', { config: { access: KEEPERS }, schema: { tags: ['inventory'], body: ReceiptBody, response: { 200: Type.Object({ lines: Type.Array(Type.Object({ lineNo: Type.Integer(), partId: Type.Union([Type.Integer(), Type.Null()]), newPart: Type.Boolean(), lotNo: Type.String(), action: Type.String(), lotId: Type.Union([Type.Integer(), Type.Null()]) })) }) } } }, async (req) =>
    previewReceipt(ctxOf(deps, req), req.body),
  );
  app.post('/receipts', { config: { idempotent: true, access: KEEPERS }, schema: { tags: ['inventory'], body: ReceiptBody, response: { 201: S.Document } } }, async (req, reply) =>
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => postReceipt(ctx, req.body))),
  );

  // ── issues and approvals ──
  app.post(
    '/issues',
    { config: { idempotent: true, access: KEEPERS.concat('service_manager') }, schema: { tags: ['inventory'], body: Type.Object({ fromLocationId: Id, toUserId: Id, workOrderId: OptId, reservationId: OptId, remark: OptText(500), lines: Lines }), response: { 201: S.Document } } },
    async (req, reply) => {
      // PostgreSQL: most issues post in one statement outside a transaction (issueAtOnce), an
      // Idempotency-Key claimed in that statement; the rest in a transaction with the key's claim.
      const ctx = ctxOf(deps, req);
      let looked: IssueLookups | undefined;
      if (ctx.dialect === 'postgres') {
        const claim = keyClaim(req);
        const r = await issueAtOnce(ctx, req.body, claim ? { ...claim, status: 201 } : undefined);
        if ('done' in r) return reply.code(201).send(r.done);
        looked = r.lookups;
      }
      const replay = (stored: unknown) => {
        const posted = storedPosting(stored);
        return posted ? documentView(ctx, posted.doc, posted.lines) : (stored as ReturnType<typeof documentView>);
      };
      return withTx(deps, req, (tx) => idempotent(tx, req, reply, 201, () => issueParts(tx, req.body, looked), replay));
    },
  );
  app.post('/issues/:id/approve', { config: { access: MANAGERS }, schema: { tags: ['inventory'], params: IdParams, body: Decision, response: { 200: S.Document } } }, async (req) =>
    withTx(deps, req, (ctx) => approveIssue(ctx, req.params.id, req.body.note ?? null, optionalVersionOf(req))),
  );
  app.post('/issues/:id/reject', { config: { access: MANAGERS }, schema: { tags: ['inventory'], params: IdParams, body: Decision, response: { 200: S.Document } } }, async (req) =>
    withTx(deps, req, (ctx) => rejectIssue(ctx, req.params.id, req.body.note ?? null, optionalVersionOf(req))),
  );
  app.get('/approvals', { config: { access: MANAGERS }, schema: { tags: ['inventory'], querystring: Type.Object(PageQuery), response: { 200: pageOf(S.Document) } } }, async (req) =>
    listDocuments(ctxOf(deps, req), { status: 'pending_approval', limit: req.query.limit ?? 50, cursor: req.query.cursor }),
  );
  app.get('/approval-rules', { config: { access: ALL }, schema: { tags: ['inventory'], response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), minValue: Type.Union([Type.String(), Type.Null()]), category: Type.Union([Type.String(), Type.Null()]), requesterRole: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean() })) }) } } }, async (req) => {
    const rows = await ctxOf(deps, req).db.selectFrom('approval_rules').selectAll().orderBy('id').execute();
    return { items: rows.map((r) => ({ id: r.id, name: r.name, minValue: r.min_value === null ? null : formatFen(r.min_value), category: r.category, requesterRole: r.requester_role, active: !!r.active })) };
  });
  app.post(
    '/approval-rules',
    { config: { access: ['admin'] }, schema: { tags: ['inventory'], body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), minValue: Type.Optional(Type.Union([Money, Type.Null()])), category: OptText(100), requesterRole: OptText(30) }), response: { 201: Type.Object({ id: Type.Integer() }) } } },
    async (req, reply) => {
      const id = await withTx(deps, req, async (ctx) => {
        const row = await ctx.db.insertInto('approval_rules').values({ name: req.body.name, min_value: req.body.minValue == null ? null : toFen(req.body.minValue, 'minValue'), category: req.body.category ?? null, requester_role: req.body.requesterRole ?? null, active: 1, created_at: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
        await audit(ctx, 'create', 'approval_rule', row.id, null, req.body);
        return row.id;
      });
      return reply.code(201).send({ id });
    },
  );

  // ── returns and write-offs ──
  app.post('/returns', { config: { idempotent: true, access: HOLDERS }, schema: { tags: ['inventory'], body: Type.Object({ fromUserId: Id, toLocationId: Id, remark: OptText(500), lines: Lines }), response: { 201: S.Document } } }, async (req, reply) =>
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => returnParts(ctx, req.body))),
  );
  app.post(
    '/write-offs',
    { config: { idempotent: true, access: HOLDERS }, schema: { tags: ['inventory'], body: Type.Object({ userId: Id, reason: Type.Union([Type.Literal('consumed'), Type.Literal('scrapped')]), workOrderId: OptId, remark: OptText(500), lines: Lines }), response: { 201: S.Document } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => writeOff(ctx, req.body))),
  );

  // ── reservations ──
  app.post(
    '/reservations',
    { config: { idempotent: true, access: ['admin', 'warehouse_keeper', 'service_manager', 'dispatcher', 'technician', 'station_user'] }, schema: { tags: ['inventory'], body: Type.Object({ locationId: Id, forUserId: OptId, forLocationId: OptId, expiresAt: OptText(40), workOrderId: OptId, remark: OptText(500), lines: Type.Array(Type.Object({ partId: Id, qty: Qty }), { minItems: 1, maxItems: 500 }) }), response: { 201: S.Reservation } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => createReservation(ctx, req.body))),
  );
  app.get('/reservations', { config: { access: ALL }, schema: { tags: ['inventory'], querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.String({ maxLength: 20 })), forUserId: Type.Optional(Id) }), response: { 200: pageOf(S.Reservation) } } }, async (req) =>
    listReservations(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/reservations/:id', { config: { access: ALL }, schema: { tags: ['inventory'], params: IdParams, response: { 200: S.Reservation } } }, async (req) => {
    const ctx = ctxOf(deps, req);
    const r = await getReservation(ctx, req.params.id);
    return reservationView(ctx, r, await ctx.db.selectFrom('reservation_lines').selectAll().where('reservation_id', '=', r.id).execute());
  });
  app.post('/reservations/:id/cancel', { config: { access: ['admin', 'warehouse_keeper', 'service_manager', 'dispatcher', 'technician', 'station_user'] }, schema: { tags: ['inventory'], params: IdParams, response: { 200: S.Reservation } } }, async (req) =>
    withTx(deps, req, (ctx) => cancelReservation(ctx, req.params.id)),
  );

  // ── shortages and the purchase list ──
  app.post(
    '/shortages',
    { config: { idempotent: true, access: ['admin', 'warehouse_keeper', 'service_manager', 'dispatcher', 'technician', 'station_user'] }, schema: { tags: ['inventory'], body: Type.Object({ partId: OptId, description: OptText(500), qty: Qty, workOrderId: OptId, remark: OptText(500) }), response: { 201: S.Shortage } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => createShortage(ctx, req.body))),
  );
  app.get('/shortages', { config: { access: ALL }, schema: { tags: ['inventory'], querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.String({ maxLength: 20 })), createdBy: Type.Optional(Id) }), response: { 200: pageOf(S.Shortage) } } }, async (req) =>
    listShortages(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.patch('/shortages/:id', { config: { access: ['admin', 'warehouse_keeper', 'service_manager'] }, schema: { tags: ['inventory'], params: IdParams, body: Type.Object({ status: Type.Union([Type.Literal('ordered'), Type.Literal('closed')]), version: Version }), response: { 200: S.Shortage } } }, async (req) =>
    withTx(deps, req, (ctx) => closeShortage(ctx, req.params.id, req.body.status, req.body.version)),
  );
  app.get('/shortages/purchase-list', { config: { access: ['admin', 'warehouse_keeper', 'service_manager', 'finance', 'dispatcher'] }, schema: { tags: ['inventory'], querystring: Type.Object(PageQuery), response: { 200: S.PurchaseList } } }, async (req) => purchaseList(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }));

  // ── transfers ──
  app.post('/transfers', { config: { idempotent: true, access: ['admin', 'warehouse_keeper'] }, schema: { tags: ['inventory'], body: Type.Object({ fromLocationId: Id, toLocationId: Id, remark: OptText(500), lines: Lines }), response: { 201: S.Document } } }, async (req, reply) =>
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => createTransfer(ctx, req.body))),
  );
  app.post(
    '/transfers/:id/receive',
    { config: { idempotent: true, access: ['admin', 'warehouse_keeper', 'station_user'] }, schema: { tags: ['inventory'], params: IdParams, body: Type.Object({ remark: OptText(500), lines: Type.Array(Type.Object({ lineId: Id, receivedQty: Qty, note: OptText(200) }), { maxItems: 500 }) }), response: { 200: S.TransferReceived } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 200, () => receiveTransfer(ctx, req.params.id, req.body))),
  );

  // ── stock counts ──
  app.post('/counts', { config: { access: KEEPERS }, schema: { tags: ['inventory'], body: Type.Object({ locationId: Id, partIds: Type.Optional(Type.Array(Id, { maxItems: 5000 })), remark: OptText(500) }), response: { 201: S.Document } } }, async (req, reply) =>
    reply.code(201).send(await withTx(deps, req, (ctx) => createCount(ctx, req.body))),
  );
  app.post('/counts/:id/record', { config: { access: KEEPERS }, schema: { tags: ['inventory'], params: IdParams, body: Type.Object({ version: Version, lines: Type.Array(Type.Object({ lineId: Id, countedQty: Qty, note: OptText(200) }), { maxItems: 5000 }) }), response: { 200: S.Document } } }, async (req) =>
    withTx(deps, req, (ctx) => recordCount(ctx, req.params.id, req.body)),
  );
  app.post('/counts/:id/cancel', { config: { access: KEEPERS }, schema: { tags: ['inventory'], params: IdParams, body: Type.Object({ version: Version }), response: { 200: S.Document } } }, async (req) =>
    withTx(deps, req, (ctx) => cancelCount(ctx, req.params.id, req.body.version)),
  );
  app.post('/counts/:id/approve', { config: { access: MANAGERS }, schema: { tags: ['inventory'], params: IdParams, body: Decision, response: { 200: S.Document } } }, async (req) =>
    withTx(deps, req, (ctx) => approveCount(ctx, req.params.id, req.body.note ?? null, optionalVersionOf(req))),
  );
  app.post('/counts/:id/reject', { config: { access: MANAGERS }, schema: { tags: ['inventory'], params: IdParams, body: Decision, response: { 200: S.Document } } }, async (req) =>
    withTx(deps, req, (ctx) => rejectCount(ctx, req.params.id, req.body.note ?? null, optionalVersionOf(req))),
  );

  // ── corrections ──
  app.post(
    '/moves/:id/reverse',
    { config: { idempotent: true, access: ['admin', 'warehouse_keeper', 'service_manager', 'station_user'] }, schema: { tags: ['inventory'], params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 201: S.Reversal } } },
    async (req, reply) => withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => reverseMove(ctx, req.params.id, req.body.reason))),
  );
  app.patch(
    '/documents/:id/remark',
    { config: { access: ['admin', 'warehouse_keeper', 'service_manager', 'station_user'] }, schema: { tags: ['inventory'], params: IdParams, body: Type.Object({ remark: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]), version: Type.Optional(Version) }), response: { 200: S.Document } } },
    async (req) => {
      const v = versionOf(req);
      return withTx(deps, req, async (ctx) => documentView(ctx, await editRemark(ctx, req.params.id, req.body.remark, v), []));
    },
  );

  // ── reads ──
  app.get(
    '/stock',
    { config: { access: ['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'] }, schema: { tags: ['inventory'], querystring: Type.Object({ ...PageQuery, partId: Type.Optional(Id), locationId: Type.Optional(Id), category: Type.Optional(Type.String({ maxLength: 100 })), asOf: Type.Optional(Type.String({ maxLength: 40 })), groupBy: Type.Optional(Type.Union([Type.Literal('lot'), Type.Literal('part')])) }), response: { 200: pageOf(S.StockItem) } } },
    async (req) => listStock(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/holdings', { config: { access: ALL }, schema: { tags: ['inventory'], querystring: Type.Object({ ...PageQuery, userId: Type.Optional(Id), partId: Type.Optional(Id) }), response: { 200: pageOf(S.HoldingItem) } } }, async (req) =>
    listHoldings(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get(
    '/moves',
    { config: { access: ['admin', 'service_manager', 'warehouse_keeper', 'finance', 'station_user', 'technician'] }, schema: { tags: ['inventory'], querystring: Type.Object({ ...PageQuery, partId: Type.Optional(Id), locationId: Type.Optional(Id), documentId: Type.Optional(Id), workOrderId: Type.Optional(Id), from: Type.Optional(Type.String({ maxLength: 40 })), to: Type.Optional(Type.String({ maxLength: 40 })) }), response: { 200: pageOf(S.Move) } } },
    async (req) => listMoves(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get(
    '/documents',
    { config: { access: ALL }, schema: { tags: ['inventory'], querystring: Type.Object({ ...PageQuery, type: Type.Optional(Type.String({ maxLength: 30 })), status: Type.Optional(Type.String({ maxLength: 30 })), q: Type.Optional(Type.String({ maxLength: 50 })), userId: Type.Optional(Id), from: Type.Optional(Type.String({ maxLength: 40 })), to: Type.Optional(Type.String({ maxLength: 40 })) }), response: { 200: pageOf(S.Document) } } },
    async (req) => listDocuments(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/documents/:id', { config: { access: ALL }, schema: { tags: ['inventory'], params: IdParams, response: { 200: S.DocumentDetail } } }, async (req) => readDocument(ctxOf(deps, req), req.params.id));
}
