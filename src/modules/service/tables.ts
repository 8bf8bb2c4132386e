// Tables of service operations (R-SVC-1 … R-SVC-6). Calendar days are 'YYYY-MM-DD' text, instants
// epoch ms, coordinates integer micro-degrees (exact and the same on both dialects).
import type { Generated, Selectable } from 'kysely';

export type ServiceType = 'A' | 'B' | 'C' | 'D';
export type WorkOrderStatus = 'new' | 'dispatched' | 'accepted' | 'en_route' | 'on_site' | 'waiting_parts' | 'resolved' | 'signed' | 'closed' | 'cancelled';
export type SlaTarget = 'response' | 'arrival' | 'resolution';

export interface CustomersTable {
  id: Generated<number>;
  code: string;
  name: string;
  phone: string | null;
  address: string | null;
  contract: number; // 1 = a service contract customer (SLA policies match on it)
  station_id: number | null; // the responsible station (a location of kind station)
  search_text: string;
  archived: number;
  version: number;
  created_at: number;
  updated_at: number;
}
export type CustomersRow = Selectable<CustomersTable>;

export interface SitesTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  address: string | null;
  lat_e6: number | null;
  lng_e6: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}
export type SitesRow = Selectable<SitesTable>;

export interface ContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  phone: string | null;
  email: string | null;
  title: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}
export type ContactsRow = Selectable<ContactsTable>;

export interface ProductModelsTable {
  id: Generated<number>;
  code: string;
  name: string;
  years_free: number; // parts and labour free
  years_parts_at_cost: number; // after the free years: parts at cost, labour free
  warranty_km: number | null;
  warranty_hours: number | null;
  search_text: string;
  version: number;
  created_at: number;
  updated_at: number;
}
export type ProductModelsRow = Selectable<ProductModelsTable>;

export interface UnitsTable {
  id: Generated<number>;
  serial: string;
  model_id: number;
  customer_id: number;
  site_id: number | null;
  sale_date: string | null;
  acceptance_date: string | null;
  dealer_station_id: number | null;
  search_text: string;
  version: number;
  created_at: number;
  updated_at: number;
}
export type UnitsRow = Selectable<UnitsTable>;

export interface StationGeoTable {
  location_id: number;
  lat_e6: number;
  lng_e6: number;
  updated_at: number;
}

export interface ServiceCallsTable {
  id: Generated<number>;
  received_at: number;
  channel: 'phone' | 'letter' | 'email' | 'web' | 'visit';
  caller: string;
  caller_phone: string | null;
  customer_id: number | null;
  unit_id: number | null;
  summary: string;
  reply: string | null;
  status: 'open' | 'answered' | 'closed';
  work_order_id: number | null;
  station_id: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
  version: number;
}
export type ServiceCallsRow = Selectable<ServiceCallsTable>;

export interface WorkOrdersTable {
  id: Generated<number>;
  number: string;
  status: WorkOrderStatus;
  service_type: ServiceType;
  category: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  fault: string;
  customer_id: number;
  site_id: number | null;
  unit_id: number | null;
  call_id: number | null;
  station_id: number | null;
  distance_m: number | null;
  contract: number;
  lead_technician_id: number | null;
  cycle: number; // 0, +1 on each reopen: the SLA clock restarts
  sla_started_at: number;
  response_due_at: number | null;
  arrival_due_at: number | null;
  resolution_due_at: number | null;
  response_policy_id: number | null;
  arrival_policy_id: number | null;
  resolution_policy_id: number | null;
  loaner_if_unresolved: number;
  responded_at: number | null;
  arrived_at: number | null;
  resolved_at: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
  version: number;
}
export type WorkOrdersRow = Selectable<WorkOrdersTable>;

export interface WorkOrderTechniciansTable {
  work_order_id: number;
  user_id: number;
  is_lead: number;
  assigned_by: number;
  assigned_at: number;
}

export interface WorkOrderEventsTable {
  id: Generated<number>;
  work_order_id: number;
  action: string; // create | transition | assign | reopen
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: string | null;
  actor_id: number | null;
  at: number;
}
export type WorkOrderEventsRow = Selectable<WorkOrderEventsTable>;

export interface SlaPoliciesTable {
  id: Generated<number>;
  code: string;
  name: string;
  service_type: ServiceType | null;
  categories: string | null; // comma-separated; null matches any
  min_km: number | null; // distance > min_km
  max_km: number | null; // distance <= max_km
  contract: number | null; // 1 contract customers only, 0 others only, null any
  response_minutes: number | null;
  arrival_minutes: number | null;
  resolution_minutes: number | null;
  clock: 'wall' | 'business';
  loaner_if_unresolved: number;
  note: string | null;
  active: number;
  version: number;
  created_at: number;
  updated_at: number;
}
export type SlaPoliciesRow = Selectable<SlaPoliciesTable>;

export interface SlaBreachesTable {
  id: Generated<number>;
  work_order_id: number;
  cycle: number;
  target: SlaTarget;
  due_at: number;
  detected_at: number;
  met_at: number | null;
  cause: string;
  source: 'transition' | 'check';
}
export type SlaBreachesRow = Selectable<SlaBreachesTable>;

export interface ServiceTables {
  customers: CustomersTable;
  customer_sites: SitesTable;
  customer_contacts: ContactsTable;
  product_models: ProductModelsTable;
  installed_units: UnitsTable;
  station_geo: StationGeoTable;
  service_calls: ServiceCallsTable;
  work_orders: WorkOrdersTable;
  work_order_technicians: WorkOrderTechniciansTable;
  work_order_events: WorkOrderEventsTable;
  sla_policies: SlaPoliciesTable;
  sla_breaches: SlaBreachesTable;
}
