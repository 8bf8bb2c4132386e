import { Type } from 'typebox';
import { pageOf } from '../../platform/http/paging.js';

const N = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const NStr = Type.Union([Type.String(), Type.Null()]);

export const DocumentLine = Type.Object({
  id: Type.Integer(),
  lineNo: Type.Integer(),
  partId: NInt,
  partCode: Type.Optional(NStr),
  partName: Type.Optional(NStr),
  unit: Type.Optional(NStr),
  lotId: NInt,
  qty: Type.Number(),
  unitCost: NStr,
  salePrice: NStr,
  lotIsNew: Type.Optional(Type.Boolean()),
  receivedQty: Type.Optional(Type.Number()),
  countedQty: Type.Optional(Type.Number()),
  note: NStr,
});

export const DocumentFields = {
  id: Type.Integer(),
  type: Type.String(),
  number: Type.String(),
  status: Type.String(),
  fromLocationId: NInt,
  toLocationId: NInt,
  userId: NInt,
  supplierId: NInt,
  workOrderId: NInt,
  reservationId: NInt,
  relatedDocumentId: NInt,
  reason: NStr,
  remark: NStr,
  stationId: NInt,
  totalCost: Type.String(),
  createdBy: Type.Integer(),
  createdAt: Type.String(),
  postedAt: N(Type.String()),
  decidedBy: NInt,
  decidedAt: NStr,
  decisionNote: NStr,
  version: Type.Integer(),
  lines: Type.Array(DocumentLine),
};
export const Document = Type.Object(DocumentFields);
export const DocumentDetail = Type.Object({
  ...DocumentFields,
  remarkHistory: Type.Array(Type.Object({ remark: NStr, previous: NStr, changedBy: Type.Integer(), changedAt: Type.String() })),
});
export const TransferReceived = Type.Object({
  ...DocumentFields,
  receiptNumber: Type.String(),
  differences: Type.Array(Type.Object({ lineId: Type.Integer(), partId: NInt, sent: Type.Number(), received: Type.Number() })),
});

export const Location = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  isReal: Type.Boolean(),
  userId: NInt,
  stationId: NInt,
  archived: Type.Boolean(),
  version: Type.Integer(),
});

export const Reservation = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  locationId: Type.Integer(),
  forUserId: NInt,
  forLocationId: NInt,
  status: Type.String(),
  expiresAt: NStr,
  remark: NStr,
  workOrderId: NInt,
  createdBy: Type.Integer(),
  createdAt: Type.String(),
  version: Type.Integer(),
  lines: Type.Array(Type.Object({ id: Type.Integer(), partId: Type.Integer(), partCode: Type.Optional(Type.String()), partName: Type.Optional(Type.String()), qty: Type.Number(), openQty: Type.Number() })),
});

export const Shortage = Type.Object({
  id: Type.Integer(),
  partId: NInt,
  partCode: Type.Optional(NStr),
  partName: Type.Optional(NStr),
  description: NStr,
  qty: Type.Number(),
  workOrderId: NInt,
  remark: NStr,
  source: Type.String(),
  status: Type.String(),
  createdBy: Type.Integer(),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const StockItem = Type.Object({
  partId: Type.Integer(),
  partCode: Type.Optional(Type.String()),
  partName: Type.Optional(Type.String()),
  locationId: Type.Integer(),
  lotId: NInt,
  lotNo: Type.Optional(Type.String()),
  onHand: Type.Number(),
  reserved: Type.Number(),
  available: Type.Number(),
  value: Type.String(),
  unitCost: Type.Optional(Type.String()),
  belowAlarm: Type.Optional(Type.Boolean()),
});

export const HoldingItem = Type.Object({
  userId: Type.Integer(),
  partId: Type.Integer(),
  partCode: Type.Optional(Type.String()),
  partName: Type.Optional(Type.String()),
  spec: Type.Optional(NStr),
  unit: Type.Optional(Type.String()),
  lotId: Type.Integer(),
  lotNo: Type.String(),
  qty: Type.Number(),
  unitCost: Type.String(),
  value: Type.String(),
});

export const Move = Type.Object({
  id: Type.Integer(),
  documentId: Type.Integer(),
  kind: Type.String(),
  partId: Type.Integer(),
  lotId: Type.Integer(),
  fromLocationId: Type.Integer(),
  toLocationId: Type.Integer(),
  qty: Type.Number(),
  unitCost: Type.String(),
  userId: NInt,
  workOrderId: NInt,
  reversesMoveId: NInt,
  postedAt: Type.String(),
  postedBy: Type.Integer(),
});
/** The counter-move of POST /moves/:id/reverse: a move, with its document's number. */
export const Reversal = Type.Object({ ...Move.properties, documentNumber: Type.String() });

export const PurchaseGroup = Type.Object({
  supplierId: NInt,
  supplierCode: NStr,
  supplierName: NStr,
  lines: Type.Array(
    Type.Object({
      partId: NInt,
      partCode: NStr,
      partName: Type.String(),
      spec: NStr,
      unit: NStr,
      qty: Type.Number(),
      sources: Type.Array(Type.String()),
      lastCost: NStr,
    }),
  ),
});

export const PurchaseList = pageOf(PurchaseGroup);
