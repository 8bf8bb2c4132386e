// Tables of the service extras (migration 0007): carry-in repairs (R-SVC-8), loaners (R-SVC-9),
// charges and invoice requests (R-SVC-10), technicians' daily reports (R-SVC-11), notifications.
// Money integer fen, quantities integer thousandths, instants epoch ms, days 'YYYY-MM-DD'.
import type { Generated, Selectable } from 'kysely';

export type CarryInStatus = 'received' | 'in_repair' | 'inspected' | 'returned';
export type CarryInStep = 'received' | 'in_repair' | 'tag' | 'inspected' | 'inspection_failed' | 'returned';

export interface CarryInsTable {
  id: Generated<number>;
  number: string;
  status: CarryInStatus;
  customer_id: number;
  unit_id: number | null;
  work_order_id: number | null;
  station_id: number | null;
  item: string;
  fault: string;
  accessories: string | null;
  brought_by: string | null;
  technician_id: number | null;
  minutes_spent: number | null;
  parts_text: string | null;
  repair_note: string | null;
  inspection: 'pass' | 'fail' | null;
  inspection_note: string | null;
  inspected_by: number | null;
  inspected_at: number | null;
  signer_name: string | null;
  signature: Buffer | null;
  returned_at: number | null;
  returned_by: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
  version: number;
}
export type CarryInsRow = Selectable<CarryInsTable>;

export interface CarryInEventsTable {
  id: Generated<number>;
  carry_in_id: number;
  step: CarryInStep;
  note: string | null;
  actor_id: number | null;
  at: number;
}

export type LoanerStatus = 'available' | 'lent' | 'maintenance';
export interface LoanerUnitsTable {
  id: Generated<number>;
  serial: string;
  model: string;
  status: LoanerStatus;
  note: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}
export type LoanerUnitsRow = Selectable<LoanerUnitsTable>;

export interface LoanerLoansTable {
  id: Generated<number>;
  loaner_id: number;
  work_order_id: number;
  customer_id: number;
  due_back: string;
  note: string | null;
  lent_by: number;
  lent_at: number;
  returned_by: number | null;
  returned_at: number | null;
  return_note: string | null;
}
export type LoanerLoansRow = Selectable<LoanerLoansTable>;

export type ChargeKind = 'labour' | 'parts' | 'travel';
export interface ChargeLinesTable {
  id: Generated<number>;
  work_order_id: number;
  kind: ChargeKind;
  description: string;
  part_id: number | null;
  qty: number;
  rate: number;
  unit_cost: number | null;
  created_by: number;
  created_at: number;
}
export type ChargeLinesRow = Selectable<ChargeLinesTable>;

export type InvoiceStatus = 'requested' | 'invoiced' | 'rejected';
export interface InvoiceRequestsTable {
  id: Generated<number>;
  work_order_id: number;
  status: InvoiceStatus;
  amount: number;
  snapshot: string;
  note: string | null;
  invoice_no: string | null;
  reject_reason: string | null;
  station_id: number | null;
  requested_by: number;
  requested_at: number;
  decided_by: number | null;
  decided_at: number | null;
  version: number;
}
export type InvoiceRequestsRow = Selectable<InvoiceRequestsTable>;

export interface TechDailyReportsTable {
  id: Generated<number>;
  technician_id: number;
  day: string;
  status: 'draft' | 'submitted';
  minutes_a: number;
  minutes_b: number;
  minutes_c: number;
  minutes_d: number;
  jobs: number;
  km: number;
  lines: string;
  notes: string | null;
  submitted_at: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}
export type TechDailyReportsRow = Selectable<TechDailyReportsTable>;

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: 'parts_arrived';
  work_order_id: number | null;
  data: string;
  read_at: number | null;
  created_at: number;
}
export type NotificationsRow = Selectable<NotificationsTable>;

export interface ExtrasTables {
  carry_ins: CarryInsTable;
  carry_in_events: CarryInEventsTable;
  loaner_units: LoanerUnitsTable;
  loaner_loans: LoanerLoansTable;
  charge_lines: ChargeLinesTable;
  invoice_requests: InvoiceRequestsTable;
  tech_daily_reports: TechDailyReportsTable;
  notifications: NotificationsTable;
}
