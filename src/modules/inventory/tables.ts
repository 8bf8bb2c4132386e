import type { Generated, Selectable } from 'kysely';
export type LocationKind =
  | 'warehouse'
  | 'station'
  | 'old_parts'
  | 'holding'
  | 'supplier'
  | 'consumed'
  | 'scrap'
  | 'transit'
  | 'adjustment'
  | 'opening';

export interface LocationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: LocationKind;
  is_real: number;
  user_id: number | null;
  station_id: number | null;
  archived: number;
  version: number;
  created_at: number;
}
export type LocationsRow = Selectable<LocationsTable>;
export interface PartAlarmsTable {
  id: Generated<number>;
  part_id: number;
  location_id: number;
  alarm_qty: number;
}
export type PartAlarmsRow = Selectable<PartAlarmsTable>;
export interface LotsTable {
  id: Generated<number>;
  part_id: number;
  lot_no: string;
  supplier_id: number | null;
  supplier_key: number; // supplier_id or 0: part of the lot's identity (R-INV-2)
  unit_cost: number;
  received_at: number;
  document_id: number | null;
}
export type LotsRow = Selectable<LotsTable>;
export type DocumentType =
  | 'receipt'
  | 'issue'
  | 'return'
  | 'write_off'
  | 'transfer'
  | 'transfer_receipt'
  | 'reversal'
  | 'count'
  | 'opening'
  | 'old_parts_in' // old parts handed in from a work order (service/old-parts.ts)
  | 'old_parts_out'; // old parts disposed: supplier claim, scrap, refurbish
export type DocumentStatus = 'posted' | 'pending_approval' | 'rejected' | 'in_transit' | 'received' | 'draft' | 'cancelled';

export interface DocumentsTable {
  id: Generated<number>;
  type: DocumentType;
  number: string;
  status: DocumentStatus;
  from_location_id: number | null;
  to_location_id: number | null;
  user_id: number | null;
  supplier_id: number | null;
  work_order_id: number | null;
  reservation_id: number | null;
  related_document_id: number | null;
  reason: string | null;
  remark: string | null;
  station_id: number | null;
  total_cost: number; // thousandths of a fen
  created_by: number;
  created_at: number;
  posted_at: number | null;
  decided_by: number | null;
  decided_at: number | null;
  decision_note: string | null;
  version: number;
}
export type DocumentsRow = Selectable<DocumentsTable>;
export interface DocumentLinesTable {
  id: Generated<number>;
  document_id: number;
  line_no: number;
  part_id: number | null;
  lot_id: number | null;
  qty: number;
  unit_cost: number | null;
  sale_price: number | null;
  lot_is_new: number | null;
  received_qty: number | null;
  counted_qty: number | null;
  note: string | null;
}
export type DocumentLinesRow = Selectable<DocumentLinesTable>;
export interface DocumentRemarksTable {
  id: Generated<number>;
  document_id: number;
  remark: string | null;
  previous: string | null;
  changed_by: number;
  changed_at: number;
}
export type DocumentRemarksRow = Selectable<DocumentRemarksTable>;
export type MoveKind =
  | 'receipt'
  | 'issue'
  | 'return'
  | 'consume'
  | 'scrap'
  | 'transfer_out'
  | 'transfer_in'
  | 'transfer_loss'
  | 'count_gain'
  | 'count_loss'
  | 'opening'
  | 'reversal'
  | 'old_part_in'
  | 'old_part_out';

export interface MovesTable {
  id: Generated<number>;
  document_id: number;
  line_id: number | null;
  kind: MoveKind;
  part_id: number;
  lot_id: number;
  from_location_id: number;
  to_location_id: number;
  qty: number;
  unit_cost: number;
  sale_price: number | null;
  user_id: number | null;
  work_order_id: number | null;
  station_id: number | null;
  reverses_move_id: number | null;
  posted_at: number;
  posted_by: number;
}
export type MovesRow = Selectable<MovesTable>;
export interface LotBalancesTable {
  location_id: number;
  lot_id: number;
  part_id: number;
  on_hand: number;
}
export type LotBalancesRow = Selectable<LotBalancesTable>;
export interface StockLevelsTable {
  location_id: number;
  part_id: number;
  on_hand: number;
  reserved: number;
  value: number; // thousandths of a fen
}
export type StockLevelsRow = Selectable<StockLevelsTable>;
export interface ReservationsTable {
  id: Generated<number>;
  number: string;
  location_id: number;
  for_user_id: number | null;
  for_location_id: number | null;
  status: 'open' | 'fulfilled' | 'cancelled' | 'expired';
  expires_at: number | null;
  remark: string | null;
  work_order_id: number | null;
  station_id: number | null;
  created_by: number;
  created_at: number;
  closed_at: number | null;
  version: number;
}
export type ReservationsRow = Selectable<ReservationsTable>;
export interface ReservationLinesTable {
  id: Generated<number>;
  reservation_id: number;
  part_id: number;
  qty: number;
  open_qty: number;
}
export type ReservationLinesRow = Selectable<ReservationLinesTable>;
export interface ShortagesTable {
  id: Generated<number>;
  part_id: number | null;
  description: string | null;
  qty: number;
  work_order_id: number | null;
  location_id: number | null;
  remark: string | null;
  source: 'request' | 'work_order';
  status: 'open' | 'ordered' | 'closed';
  station_id: number | null;
  created_by: number;
  created_at: number;
  version: number;
}
export type ShortagesRow = Selectable<ShortagesTable>;
export interface ApprovalRulesTable {
  id: Generated<number>;
  name: string;
  min_value: number | null; // fen
  category: string | null;
  requester_role: string | null;
  active: number;
  created_at: number;
}
export type ApprovalRulesRow = Selectable<ApprovalRulesTable>;
export interface DocCountersTable {
  id: Generated<number>;
  prefix: string;
  year: number;
  last: number;
}
export type DocCountersRow = Selectable<DocCountersTable>;
export interface JobsRunsTable {
  id: Generated<number>;
  job: string;
  slot: string;
  ran_at: number;
  result: string | null;
}
export type JobsRunsRow = Selectable<JobsRunsTable>;
export interface InventoryTables {
  locations: LocationsTable;
  part_alarms: PartAlarmsTable;
  lots: LotsTable;
  documents: DocumentsTable;
  document_lines: DocumentLinesTable;
  document_remarks: DocumentRemarksTable;
  moves: MovesTable;
  lot_balances: LotBalancesTable;
  stock_levels: StockLevelsTable;
  reservations: ReservationsTable;
  reservation_lines: ReservationLinesTable;
  shortages: ShortagesTable;
  approval_rules: ApprovalRulesTable;
  doc_counters: DocCountersTable;
  jobs_runs: JobsRunsTable;
}
