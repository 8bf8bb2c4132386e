import { Type } from 'typebox';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf, withTx } from '../../platform/http/server.js';
import { Id, IdParams, IfMatchHeaders, Money, OptId, OptText, Qty, Version } from '../../platform/http/schemas.js';
import { pageOf, PageQuery } from '../../platform/http/paging.js';
import { optionalVersionOf, versionOf } from '../../platform/http/versions.js';
import { partStock, setPartAlarm } from '../inventory/part-stock.js';
import { bulkUpdateParts, createPart, deleteOrArchivePart, getPart, listParts, partView, updatePart } from './parts.js';
import { createSupplier, listPartSuppliers, listSuppliers, setPartSupplier, updateSupplier } from './suppliers.js';

const READ = ['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'] as const;
const WRITE = ['admin', 'warehouse_keeper'] as const;

export const PartFields = {
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  spec: OptText(200),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  category: OptText(100),
  barcode: OptText(64),
  salePrice: Type.Optional(Type.Union([Money, Type.Null()])),
  alarmQty: Type.Optional(Type.Union([Qty, Type.Null()])),
  preferredSupplierId: OptId,
};
export const PartBody = Type.Object(PartFields);
const PatchFields = Type.Partial(Type.Object({ ...PartFields, archived: Type.Boolean() }));
export const Part = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  spec: Type.Union([Type.String(), Type.Null()]),
  unit: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  barcode: Type.Union([Type.String(), Type.Null()]),
  salePrice: Type.Union([Type.String(), Type.Null()]),
  alarmQty: Type.Union([Type.Number(), Type.Null()]),
  preferredSupplierId: Type.Union([Type.Integer(), Type.Null()]),
  archived: Type.Boolean(),
  version: Type.Integer(),
});
const Supplier = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), contact: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]), version: Type.Integer() });
const SupplierBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }), name: Type.String({ minLength: 1, maxLength: 200 }), contact: OptText(100), phone: OptText(50) });

export function catalogRoutes(app: App, deps: AppDeps) {
  app.post('/parts', { config: { access: WRITE }, schema: { tags: ['catalog'], body: PartBody, response: { 201: Part } } }, async (req, reply) => {
    const part = await withTx(deps, req, (ctx) => createPart(ctx, req.body));
    return reply.code(201).send(partView(part));
  });

  app.get(
    '/parts',
    {
      config: { access: READ },
      schema: { tags: ['catalog'], querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), category: Type.Optional(Type.String({ maxLength: 100 })), includeArchived: Type.Optional(Type.Boolean()) }), response: { 200: pageOf(Part) } },
    },
    async (req) => listParts(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );

  app.get(
    '/parts/:id',
    {
      config: { access: READ },
      schema: {
        tags: ['catalog'],
        params: IdParams,
        response: {
          200: Type.Object({
            ...Part.properties,
            suppliers: Type.Array(Type.Record(Type.String(), Type.Unknown())),
            stock: Type.Array(Type.Object({ locationId: Type.Integer(), locationCode: Type.String(), locationName: Type.String(), kind: Type.String(), onHand: Type.Number(), reserved: Type.Number(), available: Type.Number(), value: Type.String(), alarmQty: Type.Union([Type.Number(), Type.Null()]), belowAlarm: Type.Boolean() })),
            lots: Type.Array(Type.Object({ id: Type.Integer(), lotNo: Type.String(), supplierId: Type.Union([Type.Integer(), Type.Null()]), supplierName: Type.Union([Type.String(), Type.Null()]), unitCost: Type.String(), receivedAt: Type.String(), onHand: Type.Number(), value: Type.String() })),
          }),
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const part = await getPart(ctx, req.params.id);
      return { ...partView(part), suppliers: await listPartSuppliers(ctx, part.id), ...(await partStock(ctx, part.id)) };
    },
  );

  app.put(
    '/parts/:id/alarms/:locationId',
    { config: { access: WRITE }, schema: { tags: ['catalog'], params: Type.Object({ id: Id, locationId: Id }), body: Type.Object({ alarmQty: Type.Union([Qty, Type.Null()]) }), response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async (req) => {
      await withTx(deps, req, (ctx) => setPartAlarm(ctx, req.params.id, req.params.locationId, req.body.alarmQty));
      return { ok: true };
    },
  );

  app.patch('/parts/:id', { config: { access: WRITE }, schema: { tags: ['catalog'], params: IdParams, body: Type.Object({ ...PatchFields.properties, version: Type.Optional(Version) }), response: { 200: Part } } }, async (req) => {
    const { version: _, ...patch } = req.body;
    const v = versionOf(req);
    return partView(await withTx(deps, req, (ctx) => updatePart(ctx, req.params.id, v, patch)));
  });

  app.post(
    '/parts/bulk-update',
    { config: { access: WRITE }, schema: { tags: ['catalog'], body: Type.Object({ items: Type.Array(Type.Object({ ...PatchFields.properties, id: Id, version: Version }), { minItems: 1, maxItems: 1000 }) }), response: { 200: Type.Object({ items: Type.Array(Part) }) } } },
    async (req) => ({ items: (await withTx(deps, req, (ctx) => bulkUpdateParts(ctx, req.body.items))).map(partView) }),
  );

  app.delete('/parts/:id', { config: { access: WRITE }, schema: { tags: ['catalog'], params: IdParams, headers: IfMatchHeaders, response: { 200: Type.Object({ deleted: Type.Boolean(), archived: Type.Boolean() }) } } }, async (req) => {
    const v = optionalVersionOf(req);
    return withTx(deps, req, (ctx) => deleteOrArchivePart(ctx, req.params.id, v));
  });

  app.post(
    '/parts/:id/suppliers',
    { config: { access: WRITE }, schema: { tags: ['catalog'], params: IdParams, body: Type.Object({ supplierId: Id, price: Type.Union([Money, Type.Null()]), supplierPartCode: OptText(64) }), response: { 200: Type.Object({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())) }) } } },
    async (req) => {
      await withTx(deps, req, (ctx) => getPart(ctx, req.params.id));
      return { items: await withTx(deps, req, (ctx) => setPartSupplier(ctx, req.params.id, req.body.supplierId, req.body.price, req.body.supplierPartCode ?? null)) };
    },
  );

  app.post('/suppliers', { config: { access: WRITE }, schema: { tags: ['catalog'], body: SupplierBody, response: { 201: Supplier } } }, async (req, reply) => {
    return reply.code(201).send(await withTx(deps, req, (ctx) => createSupplier(ctx, req.body)));
  });
  app.get('/suppliers', { config: { access: READ }, schema: { tags: ['catalog'], querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: pageOf(Supplier) } } }, async (req) =>
    listSuppliers(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.patch('/suppliers/:id', { config: { access: WRITE }, schema: { tags: ['catalog'], params: IdParams, body: Type.Object({ ...Type.Partial(SupplierBody).properties, version: Type.Optional(Version) }), response: { 200: Supplier } } }, async (req) => {
    const { version: _, ...patch } = req.body;
    const v = versionOf(req);
    return withTx(deps, req, (ctx) => updateSupplier(ctx, req.params.id, v, patch));
  });
}
