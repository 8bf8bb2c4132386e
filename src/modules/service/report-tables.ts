// Tables of service reports (R-SVC-7) and old parts (R-INV-17), migration 0006. Quantities integer
// thousandths, instants epoch ms; photos and the signature are bytes in the database.
import type { Generated, Selectable } from 'kysely';

export type ReportStatus = 'draft' | 'submitted' | 'signed';
export type Responsibility = 'customer' | 'manufacturer' | 'dealer' | 'supplier' | 'unknown';
export type DisposalAction = 'supplier_claim' | 'scrap' | 'refurbish';

export interface ServiceReportsTable {
  id: Generated<number>;
  work_order_id: number;
  /** The work order's SLA cycle the report belongs to (work_orders.cycle): a reopen starts a new report. */
  cycle: number;
  status: ReportStatus;
  findings_listen: string | null;
  findings_look: string | null;
  findings_check: string | null;
  cause: string | null;
  responsibility: Responsibility | null;
  actions: string | null;
  odometer_milli: number | null;
  running_hours_milli: number | null;
  tampered: number;
  minutes_spent: number | null;
  consumption_document_id: number | null;
  signer_name: string | null;
  signature: Buffer | null;
  submitted_at: number | null;
  submitted_by: number | null;
  signed_at: number | null;
  signed_by: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
  version: number;
}
export type ServiceReportsRow = Selectable<ServiceReportsTable>;

export interface ServiceReportPartsTable {
  id: Generated<number>;
  report_id: number;
  kind: 'used' | 'old';
  line_no: number;
  part_id: number;
  qty: number;
  reason: string | null;
}
export type ServiceReportPartsRow = Selectable<ServiceReportPartsTable>;

export interface ReportPhotosTable {
  id: Generated<number>;
  work_order_id: number;
  cycle: number;
  mime: string;
  bytes: Buffer;
  size: number;
  caption: string | null;
  created_by: number;
  created_at: number;
}

export interface ReportCorrectionsTable {
  id: Generated<number>;
  work_order_id: number;
  cycle: number;
  text: string;
  created_by: number;
  created_at: number;
}

export interface OldPartItemsTable {
  id: Generated<number>;
  work_order_id: number;
  /** The report cycle whose old parts this hand-in answers. */
  cycle: number;
  part_id: number;
  lot_id: number;
  location_id: number;
  qty: number;
  disposed_qty: number;
  document_id: number;
  technician_id: number | null;
  station_id: number | null;
  handed_in_at: number;
  created_by: number;
}
export type OldPartItemsRow = Selectable<OldPartItemsTable>;

export interface OldPartDisposalsTable {
  id: Generated<number>;
  item_id: number;
  document_id: number;
  action: DisposalAction;
  qty: number;
  supplier_id: number | null;
  to_location_id: number;
  created_by: number;
  created_at: number;
}

export interface ReportTables {
  service_reports: ServiceReportsTable;
  service_report_parts: ServiceReportPartsTable;
  report_photos: ReportPhotosTable;
  report_corrections: ReportCorrectionsTable;
  old_part_items: OldPartItemsTable;
  old_part_disposals: OldPartDisposalsTable;
}
