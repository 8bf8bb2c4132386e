// Customers, their sites (address + coordinates) and contacts (R-SVC-1). A station user sees and
// edits only the customers its station is responsible for; others are "not found".
import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { likePattern, searchText } from '../catalog/search.rules.js';
import { assertStation, coordinatesE6, fromE6, stationOf } from './shared.js';
import type { ContactsRow, CustomersRow, SitesRow } from './tables.js';

export function customerView(c: CustomersRow) {
  return { id: c.id, code: c.code, name: c.name, phone: c.phone, address: c.address, contract: !!c.contract, stationId: c.station_id, archived: !!c.archived, version: c.version };
}
export function siteView(s: SitesRow) {
  return { id: s.id, customerId: s.customer_id, name: s.name, address: s.address, latitude: fromE6(s.lat_e6), longitude: fromE6(s.lng_e6), version: s.version };
}
export function contactView(c: ContactsRow) {
  return { id: c.id, customerId: c.customer_id, name: c.name, phone: c.phone, email: c.email, title: c.title, version: c.version };
}

export interface CustomerInput {
  code: string;
  name: string;
  phone?: string | null;
  address?: string | null;
  contract?: boolean;
  stationId?: number | null;
  archived?: boolean;
}

/** The customer, if the actor may see it; a station user asking for another station's gets not-found. */
export async function getCustomer(ctx: Ctx, id: number): Promise<CustomersRow> {
  const c = await ctx.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  const own = stationOf(ctx.actor);
  if (!c || (own !== undefined && c.station_id !== own)) throw new AppError('unknown_customer', { customerId: id });
  return c;
}

export async function createCustomer(ctx: Ctx, input: CustomerInput) {
  const own = stationOf(ctx.actor);
  const stationId = own !== undefined ? own : (input.stationId ?? null);
  await assertStation(ctx, stationId);
  const code = input.code.trim();
  if (!code || !input.name.trim()) throw new AppError('validation_failed', { reason: 'code and name are required' });
  if (await ctx.db.selectFrom('customers').select('id').where('code', '=', code).executeTakeFirst()) throw new AppError('duplicate', { field: 'code' });
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('customers')
    .values({ code, name: input.name.trim(), phone: input.phone ?? null, address: input.address ?? null, contract: input.contract ? 1 : 0, station_id: stationId, search_text: searchText({ code, name: input.name, spec: input.phone }), archived: 0, version: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'customer', row.id, null, customerView(row));
  return customerView(row);
}

export async function updateCustomer(ctx: Ctx, id: number, version: number, patch: Partial<CustomerInput>) {
  const before = await getCustomer(ctx, id);
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const cols: Partial<CustomersRow> = {};
  if (patch.code !== undefined) cols.code = patch.code.trim();
  if (patch.name !== undefined) cols.name = patch.name.trim();
  if (cols.code === '' || cols.name === '') throw new AppError('validation_failed', { reason: 'code and name are required' });
  if (patch.phone !== undefined) cols.phone = patch.phone;
  if (patch.address !== undefined) cols.address = patch.address;
  if (patch.contract !== undefined) cols.contract = patch.contract ? 1 : 0;
  if (patch.archived !== undefined) cols.archived = patch.archived ? 1 : 0;
  if (patch.stationId !== undefined && stationOf(ctx.actor) === undefined) {
    await assertStation(ctx, patch.stationId);
    cols.station_id = patch.stationId;
  }
  if (cols.code && cols.code !== before.code && (await ctx.db.selectFrom('customers').select('id').where('code', '=', cols.code).executeTakeFirst())) {
    throw new AppError('duplicate', { field: 'code' });
  }
  const merged = { ...before, ...cols };
  const after = await ctx.db
    .updateTable('customers')
    .set({ ...cols, search_text: searchText({ code: merged.code, name: merged.name, spec: merged.phone }), version: version + 1, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'customer', id, customerView(before), customerView(after));
  return customerView(after);
}

/** Pages customers by code; q matches code, name, phone, pinyin initials, either script. */
export async function listCustomers(ctx: Ctx, query: { q?: string; ids?: number[]; stationId?: number; contract?: boolean; includeArchived?: boolean; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 's');
  let q = ctx.db.selectFrom('customers').selectAll();
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('station_id', '=', own);
  if (query.stationId) q = q.where('station_id', '=', query.stationId);
  if (query.ids?.length) q = q.where('id', 'in', query.ids);
  if (query.contract !== undefined) q = q.where('contract', '=', query.contract ? 1 : 0);
  if (!query.includeArchived) q = q.where('archived', '=', 0);
  if (query.q?.trim()) q = q.where(sql<boolean>`search_text like ${likePattern(query.q)} escape '\\'`);
  if (after) q = q.where('code', '>', String(after[0]));
  const rows = await q.orderBy('code').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, customerView, (r) => [r.code]);
}

// ── sites ──
export interface SiteInput {
  customerId: number;
  name: string;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export async function getSite(ctx: Ctx, id: number): Promise<SitesRow> {
  const s = await ctx.db.selectFrom('customer_sites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw new AppError('unknown_site', { siteId: id });
  try {
    await getCustomer(ctx, s.customer_id);
  } catch {
    throw new AppError('unknown_site', { siteId: id });
  }
  return s;
}

export async function createSite(ctx: Ctx, input: SiteInput) {
  await getCustomer(ctx, input.customerId);
  if (!input.name.trim()) throw new AppError('validation_failed', { reason: 'name is required' });
  const c = coordinatesE6(input.latitude, input.longitude) ?? { lat: null, lng: null };
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('customer_sites')
    .values({ customer_id: input.customerId, name: input.name.trim(), address: input.address ?? null, lat_e6: c.lat, lng_e6: c.lng, version: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'customer_site', row.id, null, siteView(row));
  return siteView(row);
}

export async function updateSite(ctx: Ctx, id: number, version: number, patch: Partial<Omit<SiteInput, 'customerId'>>) {
  const before = await getSite(ctx, id);
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const cols: Partial<SitesRow> = {};
  if (patch.name !== undefined) cols.name = patch.name;
  if (patch.address !== undefined) cols.address = patch.address;
  const c = coordinatesE6(patch.latitude, patch.longitude);
  if (c) Object.assign(cols, { lat_e6: c.lat, lng_e6: c.lng });
  const after = await ctx.db.updateTable('customer_sites').set({ ...cols, version: version + 1, updated_at: ctx.clock.now() }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'customer_site', id, siteView(before), siteView(after));
  return siteView(after);
}

export async function listSites(ctx: Ctx, query: { customerId?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('customer_sites as s').innerJoin('customers as c', 'c.id', 's.customer_id').selectAll('s');
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('c.station_id', '=', own);
  if (query.customerId) q = q.where('s.customer_id', '=', query.customerId);
  if (after) q = q.where('s.id', '>', Number(after[0]));
  const rows = await q.orderBy('s.id').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, siteView, (r) => [r.id]);
}

// ── contacts ──
export interface ContactInput {
  customerId: number;
  name: string;
  phone?: string | null;
  email?: string | null;
  title?: string | null;
}

export async function createContact(ctx: Ctx, input: ContactInput) {
  await getCustomer(ctx, input.customerId);
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('customer_contacts')
    .values({ customer_id: input.customerId, name: input.name, phone: input.phone ?? null, email: input.email ?? null, title: input.title ?? null, version: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'customer_contact', row.id, null, contactView(row));
  return contactView(row);
}

export async function updateContact(ctx: Ctx, id: number, version: number, patch: Partial<Omit<ContactInput, 'customerId'>>) {
  const before = await ctx.db.selectFrom('customer_contacts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found');
  await getCustomer(ctx, before.customer_id).catch(() => {
    throw new AppError('not_found');
  });
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const cols: Partial<ContactsRow> = {};
  for (const k of ['name', 'phone', 'email', 'title'] as const) if (patch[k] !== undefined) (cols as Record<string, unknown>)[k] = patch[k];
  const after = await ctx.db.updateTable('customer_contacts').set({ ...cols, version: version + 1, updated_at: ctx.clock.now() }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'customer_contact', id, contactView(before), contactView(after));
  return contactView(after);
}

export async function listContacts(ctx: Ctx, query: { customerId?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'n');
  let q = ctx.db.selectFrom('customer_contacts as k').innerJoin('customers as c', 'c.id', 'k.customer_id').selectAll('k');
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where('c.station_id', '=', own);
  if (query.customerId) q = q.where('k.customer_id', '=', query.customerId);
  if (after) q = q.where('k.id', '>', Number(after[0]));
  const rows = await q.orderBy('k.id').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, contactView, (r) => [r.id]);
}
