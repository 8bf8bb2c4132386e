// TypeBox shapes of the service API: what comes in and what goes out.
import { Type } from 'typebox';
import { Qty, Id } from '../../platform/http/schemas.js';

// Null first: Ajv's type coercion would otherwise turn a null into 0 or "" in the first branch.
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
export const OptId = Type.Optional(Nullable(Id));
export const OptText = (max = 500) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const NStr = Nullable(Type.String());
const NInt = Nullable(Type.Integer());
const NNum = Nullable(Type.Number());

export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'calendar day YYYY-MM-DD' });
export const OptDay = Type.Optional(Nullable(Day));
export const Latitude = Type.Number({ minimum: -90, maximum: 90 });
export const Longitude = Type.Number({ minimum: -180, maximum: 180 });
export const ServiceType = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')], { description: 'A paid, B contract, C free/warranty, D internal' });
export const Priority = Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')]);
export const Status = Type.Union(['new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts', 'resolved', 'signed', 'closed', 'cancelled'].map((s) => Type.Literal(s)));
export const Channel = Type.Union(['phone', 'letter', 'email', 'web', 'visit'].map((s) => Type.Literal(s)));
export const CallStatus = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('closed')]);
const Light = Nullable(Type.Union([Type.Literal('ok'), Type.Literal('near'), Type.Literal('breached')]));
const Km = Type.Integer({ minimum: 0, maximum: 100000 });
const Minutes = Type.Integer({ minimum: 1, maximum: 525600 });

// ── customers, sites, contacts ──
export const CustomerFields = {
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  phone: OptText(50),
  address: OptText(300),
  contract: Type.Optional(Type.Boolean()),
  stationId: OptId,
};
export const Customer = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), phone: NStr, address: NStr, contract: Type.Boolean(), stationId: NInt, archived: Type.Boolean(), version: Type.Integer() });
export const SiteFields = { customerId: Id, name: Type.String({ minLength: 1, maxLength: 200 }), address: OptText(300), latitude: Type.Optional(Nullable(Latitude)), longitude: Type.Optional(Nullable(Longitude)) };
export const Site = Type.Object({ id: Type.Integer(), customerId: Type.Integer(), name: Type.String(), address: NStr, latitude: NNum, longitude: NNum, version: Type.Integer() });
export const ContactFields = { customerId: Id, name: Type.String({ minLength: 1, maxLength: 100 }), phone: OptText(50), email: OptText(200), title: OptText(100) };
export const Contact = Type.Object({ id: Type.Integer(), customerId: Type.Integer(), name: Type.String(), phone: NStr, email: NStr, title: NStr, version: Type.Integer() });

// ── product models, units, warranty ──
export const ModelFields = {
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  yearsFree: Type.Integer({ minimum: 0, maximum: 50 }),
  yearsPartsAtCost: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
  warrantyKm: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000000 }))),
  warrantyHours: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10000000 }))),
};
export const ProductModel = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), yearsFree: Type.Integer(), yearsPartsAtCost: Type.Integer(), warrantyKm: NInt, warrantyHours: NInt, version: Type.Integer() });
export const UnitFields = { serial: Type.String({ minLength: 1, maxLength: 64, description: 'serial number or VIN' }), modelId: Id, customerId: Id, siteId: OptId, saleDate: OptDay, acceptanceDate: OptDay, dealerStationId: OptId };
export const Unit = Type.Object({ id: Type.Integer(), serial: Type.String(), modelId: Type.Integer(), customerId: Type.Integer(), siteId: NInt, saleDate: NStr, acceptanceDate: NStr, dealerStationId: NInt, version: Type.Integer() });
export const WarrantyBody = Type.Object({ asOf: OptDay, odometerKm: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000000 }))), runningHours: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10000000 }))), tampered: Type.Optional(Type.Boolean()) });
export const Warranty = Type.Object({
  unitId: Type.Integer(),
  modelId: Type.Integer(),
  asOf: Type.String(),
  status: Type.Union([Type.Literal('in'), Type.Literal('partial'), Type.Literal('out')]),
  parts: Type.Union([Type.Literal('manufacturer'), Type.Literal('customer_at_cost'), Type.Literal('customer')]),
  labour: Type.Union([Type.Literal('manufacturer'), Type.Literal('customer')]),
  reasons: Type.Array(Type.String()),
  freeEndsOn: NStr,
  partsAtCostEndsOn: NStr,
});

// ── stations, calls ──
export const StationGeo = Type.Object({ stationId: Type.Integer(), latitude: NNum, longitude: NNum });
export const StationGeoRow = Type.Object({ stationId: Type.Integer(), code: Type.String(), name: Type.String(), latitude: NNum, longitude: NNum });
export const CallFields = {
  channel: Channel,
  caller: Type.String({ minLength: 1, maxLength: 100 }),
  callerPhone: OptText(50),
  customerId: OptId,
  unitId: OptId,
  summary: Type.String({ minLength: 1, maxLength: 2000 }),
  reply: OptText(2000),
  status: Type.Optional(CallStatus),
};
export const Call = Type.Object({ id: Type.Integer(), receivedAt: Type.String(), channel: Type.String(), caller: Type.String(), callerPhone: NStr, customerId: NInt, unitId: NInt, summary: Type.String(), reply: NStr, status: Type.String(), workOrderId: NInt, stationId: NInt, createdBy: Type.Integer(), version: Type.Integer() });

// ── work orders ──
export const WorkOrderBody = Type.Object({
  customerId: Id,
  siteId: OptId,
  unitId: OptId,
  callId: OptId,
  stationId: OptId,
  serviceType: ServiceType,
  category: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. body, chassis, engine, electrical' }),
  priority: Type.Optional(Priority),
  fault: Type.String({ minLength: 1, maxLength: 2000 }),
});
const Sla = Type.Object({
  startedAt: Type.String(),
  responseDueAt: NStr,
  arrivalDueAt: NStr,
  resolutionDueAt: NStr,
  respondedAt: NStr,
  arrivedAt: NStr,
  resolvedAt: NStr,
  loanerIfUnresolved: Type.Boolean(),
  response: Light,
  arrival: Light,
  resolution: Light,
  status: Light,
});
export const WorkOrder = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: Type.String(),
  serviceType: Type.String(),
  category: Type.String(),
  priority: Type.String(),
  fault: Type.String(),
  customerId: Type.Integer(),
  siteId: NInt,
  unitId: NInt,
  callId: NInt,
  stationId: NInt,
  distanceKm: NNum,
  contract: Type.Boolean(),
  leadTechnicianId: NInt,
  technicianIds: Type.Array(Type.Integer()),
  cycle: Type.Integer(),
  sla: Sla,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export const WorkOrderDetail = Type.Object({
  ...WorkOrder.properties,
  technicians: Type.Array(Type.Object({ userId: Type.Integer(), displayName: Type.String(), inCharge: Type.Boolean(), assignedAt: Type.String() })),
  events: Type.Array(Type.Object({ id: Type.Integer(), action: Type.String(), from: NStr, to: NStr, note: NStr, data: Nullable(Type.Record(Type.String(), Type.Unknown())), actorId: NInt, at: Type.String() })),
  breaches: Type.Array(Type.Object({ target: Type.String(), cycle: Type.Integer(), dueAt: Type.String(), detectedAt: Type.String(), metAt: NStr, cause: Type.String(), source: Type.String() })),
});
export const TransitionBody = Type.Object({
  to: Status,
  version: Type.Integer({ minimum: 0, maximum: 2147483647 }),
  note: OptText(1000),
  breachCause: OptText(500),
  parts: Type.Optional(Type.Array(Type.Object({ partId: OptId, description: OptText(200), qty: Qty }), { maxItems: 100 })),
});
export const AssignBody = Type.Object({
  technicianIds: Type.Array(Id, { minItems: 1, maxItems: 20 }),
  leadId: Id,
  version: Type.Integer({ minimum: 0, maximum: 2147483647 }),
  note: OptText(1000),
});
export const TransitionRow = Type.Object({ from: Type.Array(Type.String()), to: Type.String(), action: Type.String(), roles: Type.Array(Type.String()) });

// ── SLA policies ──
export const PolicyFields = {
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  serviceType: Type.Optional(Nullable(ServiceType)),
  categories: Type.Optional(Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 }))),
  minKm: Type.Optional(Nullable(Km)),
  maxKm: Type.Optional(Nullable(Km)),
  contract: Type.Optional(Nullable(Type.Boolean())),
  responseMinutes: Type.Optional(Nullable(Minutes)),
  arrivalMinutes: Type.Optional(Nullable(Minutes)),
  resolutionMinutes: Type.Optional(Nullable(Minutes)),
  clock: Type.Union([Type.Literal('wall'), Type.Literal('business')]),
  loanerIfUnresolved: Type.Optional(Type.Boolean()),
  note: OptText(500),
  active: Type.Optional(Type.Boolean()),
};
export const Policy = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  serviceType: NStr,
  categories: Nullable(Type.Array(Type.String())),
  minKm: NInt,
  maxKm: NInt,
  contract: Nullable(Type.Boolean()),
  responseMinutes: NInt,
  arrivalMinutes: NInt,
  resolutionMinutes: NInt,
  clock: Type.String(),
  loanerIfUnresolved: Type.Boolean(),
  note: NStr,
  active: Type.Boolean(),
  version: Type.Integer(),
});
