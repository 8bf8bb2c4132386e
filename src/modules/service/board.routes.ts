// Routes of the dispatch board and a unit's service history, with their response shapes.
import { Type } from 'typebox';
import type { Role } from '../../db.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf } from '../../platform/http/server.js';
import { Id, IdParams } from '../../platform/http/schemas.js';
import { PageQuery } from '../../platform/http/paging.js';
import { dispatchBoard } from './board.js';
import { unitHistory } from './history.js';
import * as S from './schemas.js';

const DISPATCH: readonly Role[] = ['admin', 'service_manager', 'dispatcher'];
/** Everyone who works with units: the desk, stations, technicians (their own work orders), finance. */
const HISTORY: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'station_user', 'technician', 'finance'];
const TAGS = ['service'];
const NStr = Type.Union([Type.Null(), Type.String()]);
const NInt = Type.Union([Type.Null(), Type.Integer()]);
const NNum = Type.Union([Type.Null(), Type.Number()]);
const TeamMember = Type.Object({ userId: Type.Integer(), displayName: Type.String(), inCharge: Type.Boolean() });

export const BoardItem = Type.Object({
  ...S.WorkOrder.properties,
  customerName: Type.String(),
  siteName: NStr,
  siteAddress: NStr,
  latitude: NNum,
  longitude: NNum,
  nextDueAt: Type.Union([Type.Null(), Type.String()], { description: 'earliest due time of a target not yet met' }),
  rollover: Type.Boolean({ description: 'undispatched and logged before today: shown first' }),
  technicians: Type.Array(TeamMember),
});
export const BoardTechnician = Type.Object({
  userId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  stationId: NInt,
  openWorkOrders: Type.Integer({ description: 'open work orders assigned (in charge or not)' }),
  location: Type.Union([
    Type.Null(),
    Type.Object({
      kind: Type.Union([Type.Literal('site'), Type.Literal('station')]),
      workOrderId: NInt,
      workOrderNumber: NStr,
      status: NStr,
      name: NStr,
      address: NStr,
      latitude: NNum,
      longitude: NNum,
    }),
  ]),
});
export const Board = Type.Object({
  asOf: Type.String(),
  today: Type.String(),
  items: Type.Array(BoardItem),
  nextCursor: NStr,
  technicians: Type.Array(BoardTechnician, { description: 'on the first page only' }),
});

export const UnitHistory = Type.Object({
  unit: S.Unit,
  model: S.ProductModel,
  customer: S.Customer,
  workOrders: Type.Array(
    Type.Object({
      ...S.WorkOrder.properties,
      technicians: Type.Array(TeamMember),
      events: Type.Array(Type.Object({ id: Type.Integer(), action: Type.String(), from: NStr, to: NStr, note: NStr, actorId: NInt, actorName: NStr, at: Type.String() })),
      parts: Type.Array(
        Type.Object({
          moveId: Type.Integer(),
          kind: Type.String(),
          partId: Type.Integer(),
          partCode: Type.String(),
          partName: Type.String(),
          qty: Type.Number(),
          documentId: Type.Integer(),
          documentNumber: Type.String(),
          from: Type.String(),
          to: Type.String(),
          postedAt: Type.String(),
          reversesMoveId: NInt,
        }),
      ),
      report: Type.Union([
        Type.Null(),
        Type.Object({ status: Type.String(), cause: NStr, responsibility: NStr, actions: NStr, minutesSpent: NInt, signerName: NStr, submittedAt: NStr, signedAt: NStr }),
      ]),
      charges: Type.Object({ list: Type.String(), cost: Type.String(), charged: Type.String(), labour: Type.String(), parts: Type.String(), travel: Type.String(), lines: Type.Integer(), invoiceStatus: NStr }, { description: 'money as decimal strings' }),
    }),
  ),
});

export function boardRoutes(app: App, deps: AppDeps) {
  app.get(
    '/dispatch/board',
    { config: { access: DISPATCH }, schema: { tags: TAGS, querystring: Type.Object({ ...PageQuery, stationId: Type.Optional(Id) }), response: { 200: Board } } },
    async (req) => dispatchBoard(ctxOf(deps, req), { ...req.query, limit: req.query.limit ?? 50 }),
  );
  app.get('/units/:id/history', { config: { access: HISTORY }, schema: { tags: TAGS, params: IdParams, response: { 200: UnitHistory } } }, async (req) => unitHistory(ctxOf(deps, req), req.params.id));
}
