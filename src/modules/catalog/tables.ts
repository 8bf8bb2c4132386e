import type { Generated, Selectable } from 'kysely';
export interface PartsTable {
  id: Generated<number>;
  code: string;
  name: string;
  spec: string | null;
  unit: string;
  category: string | null;
  barcode: string | null;
  sale_price: number | null; // fen
  alarm_qty: number | null; // thousandths
  preferred_supplier_id: number | null;
  search_text: string;
  archived: number;
  version: number;
  created_at: number;
  updated_at: number;
}
export type PartsRow = Selectable<PartsTable>;
export interface SuppliersTable {
  id: Generated<number>;
  code: string;
  name: string;
  contact: string | null;
  phone: string | null;
  search_text: string;
  version: number;
  created_at: number;
  updated_at: number;
}
export type SuppliersRow = Selectable<SuppliersTable>;
export interface PartSuppliersTable {
  id: Generated<number>;
  part_id: number;
  supplier_id: number;
  price: number | null;
  supplier_part_code: string | null;
}
export type PartSuppliersRow = Selectable<PartSuppliersTable>;
export interface CatalogTables {
  parts: PartsTable;
  suppliers: SuppliersTable;
  part_suppliers: PartSuppliersTable;
}
