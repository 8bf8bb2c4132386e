import { Type } from 'typebox';
import type { Role } from '../../db.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf, withTx } from '../../platform/http/server.js';
import { idempotent } from '../../platform/http/idempotency.js';
import { Id, IdParams, Version } from '../../platform/http/schemas.js';
import { pageOf, PageQuery } from '../../platform/http/paging.js';
import { dayEdgeInZone } from '../../platform/clock.js';
import { versionOf } from '../../platform/http/versions.js';
import { createContact, createCustomer, createSite, customerView, getCustomer, getSite, listContacts, listCustomers, listSites, siteView, updateContact, updateCustomer, updateSite } from './customers.js';
import { createModel, createUnit, getModel, getUnit, listModels, listUnits, modelView, unitView, updateModel, updateUnit, warrantyOfUnit } from './units.js';
import { callView, getCall, listCalls, logCall, updateCall } from './calls.js';
import { createPolicy, listPolicies, listStationCoordinates, recordOverdueBreaches, setStationCoordinates, updatePolicy } from './sla.js';
import { assertDay } from './shared.js';
import { assignWorkOrder, createWorkOrder, listWorkOrders, readWorkOrder, transitionTable, transitionWorkOrder } from './work-orders.js';
import * as S from './schemas.js';
import { reportRoutes } from './report-routes.js';
import { boardRoutes } from './board.routes.js';
import { extrasRoutes } from './extras-routes.js';

const ALL: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'];
/** Who keeps customer master data: the service desk and the stations (their own customers). */
const DESK: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'station_user'];
const MANAGERS: readonly Role[] = ['admin', 'service_manager'];
const DISPATCH: readonly Role[] = ['admin', 'service_manager', 'dispatcher'];
const FIELD: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician'];
const TAGS = ['service'];

const Patch = <T extends Record<string, any>>(fields: T) => Type.Object({ ...Type.Partial(Type.Object(fields)).properties, version: Type.Optional(Version) });

export function serviceRoutes(app: App, deps: AppDeps) {
  // ── customers ──
  app.post('/customers', { config: { access: DESK }, schema: { tags: TAGS, body: Type.Object(S.CustomerFields), response: { 201: S.Customer } } }, async (req, reply) =>
    reply.code(201).send(await withTx(deps, req, (ctx) => createCustomer(ctx, req.body))),
  );
  app.get(
    '/customers',
    { config: { access: ALL }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), ids: Type.Optional(Type.Array(Id, { maxItems: 500, description: 'only these customers (?ids=1&ids=2): the names a list shows' })), stationId: Type.Optional(Id), contract: Type.Optional(Type.Boolean()), includeArchived: Type.Optional(Type.Boolean()) }), response: { 200: pageOf(S.Customer) } } },
    async (req) => listCustomers(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/customers/:id', { config: { access: ALL }, schema: { tags: TAGS, params: IdParams, response: { 200: S.Customer } } }, async (req) => customerView(await getCustomer(ctxOf(deps, req), req.params.id)));
  app.patch('/customers/:id', { config: { access: DESK }, schema: { tags: TAGS, params: IdParams, body: Patch({ ...S.CustomerFields, archived: Type.Boolean() }), response: { 200: S.Customer } } }, async (req) => {
    const { version: _v, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updateCustomer(ctx, req.params.id, v, patch));
  });

  // ── sites and contacts ──
  app.post('/sites', { config: { access: DESK }, schema: { tags: TAGS, body: Type.Object(S.SiteFields), response: { 201: S.Site } } }, async (req, reply) => reply.code(201).send(await withTx(deps, req, (ctx) => createSite(ctx, req.body))));
  app.get('/sites', { config: { access: ALL }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, customerId: Type.Optional(Id) }), response: { 200: pageOf(S.Site) } } }, async (req) =>
    listSites(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/sites/:id', { config: { access: ALL }, schema: { tags: TAGS, params: IdParams, response: { 200: S.Site } } }, async (req) => siteView(await getSite(ctxOf(deps, req), req.params.id)));
  const { customerId: _c, ...siteEditable } = S.SiteFields;
  app.patch('/sites/:id', { config: { access: DESK }, schema: { tags: TAGS, params: IdParams, body: Patch(siteEditable), response: { 200: S.Site } } }, async (req) => {
    const { version: _v, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updateSite(ctx, req.params.id, v, patch));
  });
  app.post('/contacts', { config: { access: DESK }, schema: { tags: TAGS, body: Type.Object(S.ContactFields), response: { 201: S.Contact } } }, async (req, reply) => reply.code(201).send(await withTx(deps, req, (ctx) => createContact(ctx, req.body))));
  app.get('/contacts', { config: { access: ALL }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, customerId: Type.Optional(Id) }), response: { 200: pageOf(S.Contact) } } }, async (req) =>
    listContacts(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  const { customerId: _k, ...contactEditable } = S.ContactFields;
  app.patch('/contacts/:id', { config: { access: DESK }, schema: { tags: TAGS, params: IdParams, body: Patch(contactEditable), response: { 200: S.Contact } } }, async (req) => {
    const { version: _v, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updateContact(ctx, req.params.id, v, patch));
  });

  // ── product models and installed units ──
  app.post('/product-models', { config: { access: MANAGERS }, schema: { tags: TAGS, body: Type.Object(S.ModelFields), response: { 201: S.ProductModel } } }, async (req, reply) =>
    reply.code(201).send(await withTx(deps, req, (ctx) => createModel(ctx, req.body))),
  );
  app.get('/product-models', { config: { access: ALL }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: pageOf(S.ProductModel) } } }, async (req) =>
    listModels(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/product-models/:id', { config: { access: ALL }, schema: { tags: TAGS, params: IdParams, response: { 200: S.ProductModel } } }, async (req) => modelView(await getModel(ctxOf(deps, req), req.params.id)));
  app.patch('/product-models/:id', { config: { access: MANAGERS }, schema: { tags: TAGS, params: IdParams, body: Patch(S.ModelFields), response: { 200: S.ProductModel } } }, async (req) => {
    const { version: _v, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updateModel(ctx, req.params.id, v, patch));
  });
  app.post('/units', { config: { access: DESK }, schema: { tags: TAGS, body: Type.Object(S.UnitFields), response: { 201: S.Unit } } }, async (req, reply) => reply.code(201).send(await withTx(deps, req, (ctx) => createUnit(ctx, req.body))));
  app.get(
    '/units',
    { config: { access: ALL }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), customerId: Type.Optional(Id), modelId: Type.Optional(Id) }), response: { 200: pageOf(S.Unit) } } },
    async (req) => listUnits(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/units/:id', { config: { access: ALL }, schema: { tags: TAGS, params: IdParams, response: { 200: S.Unit } } }, async (req) => unitView(await getUnit(ctxOf(deps, req), req.params.id)));
  app.patch('/units/:id', { config: { access: DESK }, schema: { tags: TAGS, params: IdParams, body: Patch(S.UnitFields), response: { 200: S.Unit } } }, async (req) => {
    const { version: _v, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updateUnit(ctx, req.params.id, v, patch));
  });
  app.post('/units/:id/warranty-check', { config: { access: ALL }, schema: { tags: TAGS, params: IdParams, body: S.WarrantyBody, response: { 200: S.Warranty } } }, async (req) =>
    warrantyOfUnit(ctxOf(deps, req), req.params.id, req.body),
  );

  // ── station coordinates (for SLA distances) ──
  app.get('/service-stations', { config: { access: ALL }, schema: { tags: TAGS, querystring: Type.Object(PageQuery), response: { 200: pageOf(S.StationGeoRow) } } }, async (req) =>
    listStationCoordinates(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.put(
    '/service-stations/:id/coordinates',
    { config: { access: MANAGERS }, schema: { tags: TAGS, params: IdParams, body: Type.Object({ latitude: S.Latitude, longitude: S.Longitude }), response: { 200: S.StationGeo } } },
    async (req) => withTx(deps, req, (ctx) => setStationCoordinates(ctx, req.params.id, req.body.latitude, req.body.longitude)),
  );

  // ── calls and letters ──
  // A retried call or work order (Idempotency-Key) is logged once.
  app.post('/calls', { config: { idempotent: true, access: DESK }, schema: { tags: TAGS, body: Type.Object(S.CallFields), response: { 201: S.Call } } }, async (req, reply) =>
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => logCall(ctx, req.body))),
  );
  app.get(
    '/calls',
    { config: { access: DESK }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, status: Type.Optional(S.CallStatus), customerId: Type.Optional(Id), from: Type.Optional(S.Day), to: Type.Optional(S.Day) }), response: { 200: pageOf(S.Call) } } },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const from = assertDay(req.query.from);
      const to = assertDay(req.query.to);
      return listCalls(ctx, { ...req.query, limit: req.query.limit ?? 50, from: from ? dayEdgeInZone(from, ctx.timeZone, 'start') : undefined, to: to ? dayEdgeInZone(to, ctx.timeZone, 'end') : undefined });
    },
  );
  app.get('/calls/:id', { config: { access: DESK }, schema: { tags: TAGS, params: IdParams, response: { 200: S.Call } } }, async (req) => {
    const ctx = ctxOf(deps, req);
    return callView(await getCall(ctx, req.params.id), ctx.timeZone);
  });
  app.patch('/calls/:id', { config: { access: DESK }, schema: { tags: TAGS, params: IdParams, body: Patch(S.CallFields), response: { 200: S.Call } } }, async (req) => {
    const { version: _v, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updateCall(ctx, req.params.id, v, patch));
  });

  // ── work orders ──
  app.post('/work-orders', { config: { idempotent: true, access: DESK }, schema: { tags: TAGS, body: S.WorkOrderBody, response: { 201: S.WorkOrder } } }, async (req, reply) =>
    withTx(deps, req, (ctx) => idempotent(ctx, req, reply, 201, () => createWorkOrder(ctx, req.body))),
  );
  app.get(
    '/work-orders',
    {
      config: { access: ALL },
      schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, status: Type.Optional(S.Status), open: Type.Optional(Type.Boolean()), stationId: Type.Optional(Id), customerId: Type.Optional(Id), unitId: Type.Optional(Id), technicianId: Type.Optional(Id), serviceType: Type.Optional(S.ServiceType), priority: Type.Optional(S.Priority), q: Type.Optional(Type.String({ maxLength: 100, description: 'number or fault text' })) }), response: { 200: pageOf(S.WorkOrder) } },
    },
    async (req) => listWorkOrders(ctxOf(deps, req), { ...req.query, status: req.query.status as never, limit: req.query.limit ?? 50 }),
  );
  app.get('/work-orders/transitions', { config: { access: ALL }, schema: { tags: TAGS, response: { 200: Type.Object({ items: Type.Array(S.TransitionRow) }) } } }, async () => ({ items: transitionTable() }));
  app.get('/work-orders/:id', { config: { access: ALL }, schema: { tags: TAGS, params: IdParams, response: { 200: S.WorkOrderDetail } } }, async (req) => readWorkOrder(ctxOf(deps, req), req.params.id));
  app.post('/work-orders/:id/transition', { config: { access: FIELD }, schema: { tags: TAGS, params: IdParams, body: S.TransitionBody, response: { 200: Type.Object({ ...S.WorkOrder.properties, shortageIds: Type.Array(Type.Integer()) }) } } }, async (req) =>
    withTx(deps, req, (ctx) => transitionWorkOrder(ctx, req.params.id, { ...req.body, to: req.body.to as never })),
  );
  app.post('/work-orders/:id/assign', { config: { access: DISPATCH }, schema: { tags: TAGS, params: IdParams, body: S.AssignBody, response: { 200: S.WorkOrder } } }, async (req) =>
    withTx(deps, req, (ctx) => assignWorkOrder(ctx, req.params.id, req.body)),
  );

  // ── SLA policies and the breach check ──
  app.get('/sla-policies', { config: { access: DISPATCH }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, includeInactive: Type.Optional(Type.Boolean()) }), response: { 200: pageOf(S.Policy) } } }, async (req) =>
    listPolicies(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.post('/sla-policies', { config: { access: MANAGERS }, schema: { tags: TAGS, body: Type.Object(S.PolicyFields), response: { 201: S.Policy } } }, async (req, reply) =>
    reply.code(201).send(await withTx(deps, req, (ctx) => createPolicy(ctx, { ...req.body, serviceType: req.body.serviceType as never }))),
  );
  app.patch('/sla-policies/:id', { config: { access: MANAGERS }, schema: { tags: TAGS, params: IdParams, body: Patch(S.PolicyFields), response: { 200: S.Policy } } }, async (req) => {
    const { version: _v, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updatePolicy(ctx, req.params.id, v, { ...patch, serviceType: patch.serviceType as never }));
  });
  app.post('/sla-breaches/check', { config: { access: MANAGERS }, schema: { tags: TAGS, body: Type.Optional(Type.Object({ note: S.OptText(200) })), response: { 200: Type.Object({ recorded: Type.Integer() }) } } }, async (req) => ({
    recorded: await withTx(deps, req, (ctx) => recordOverdueBreaches(ctx)),
  }));

  boardRoutes(app, deps); // GET /dispatch/board, GET /units/:id/history (board.routes.ts)
  extrasRoutes(app, deps); // carry-ins, loaners, charges + invoice requests, daily reports, notifications (extras-routes.ts)
  reportRoutes(app, deps); // service reports and old parts (report-routes.ts)
}
