// Product models with their warranty terms and installed units (R-SVC-1, R-SVC-6). A station user
// sees the units of its customers and the units it sold.
import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { likePattern, searchText } from '../catalog/search.rules.js';
import { localDay } from './calendar.js';
import { getCustomer, getSite } from './customers.js';
import { assertDay, assertStation, stationOf } from './shared.js';
import type { ProductModelsRow, UnitsRow } from './tables.js';
import { checkWarranty } from './warranty.rules.js';

export function modelView(m: ProductModelsRow) {
  return { id: m.id, code: m.code, name: m.name, yearsFree: m.years_free, yearsPartsAtCost: m.years_parts_at_cost, warrantyKm: m.warranty_km, warrantyHours: m.warranty_hours, version: m.version };
}
export function unitView(u: UnitsRow) {
  return { id: u.id, serial: u.serial, modelId: u.model_id, customerId: u.customer_id, siteId: u.site_id, saleDate: u.sale_date, acceptanceDate: u.acceptance_date, dealerStationId: u.dealer_station_id, version: u.version };
}

export interface ModelInput {
  code: string;
  name: string;
  yearsFree: number;
  yearsPartsAtCost?: number;
  warrantyKm?: number | null;
  warrantyHours?: number | null;
}

export async function getModel(ctx: Ctx, id: number): Promise<ProductModelsRow> {
  const m = await ctx.db.selectFrom('product_models').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw new AppError('unknown_product_model', { modelId: id });
  return m;
}

export async function createModel(ctx: Ctx, input: ModelInput) {
  const code = input.code.trim();
  if (!code || !input.name.trim()) throw new AppError('validation_failed', { reason: 'code and name are required' });
  if (await ctx.db.selectFrom('product_models').select('id').where('code', '=', code).executeTakeFirst()) throw new AppError('duplicate', { field: 'code' });
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('product_models')
    .values({ code, name: input.name.trim(), years_free: input.yearsFree, years_parts_at_cost: input.yearsPartsAtCost ?? 0, warranty_km: input.warrantyKm ?? null, warranty_hours: input.warrantyHours ?? null, search_text: searchText({ code, name: input.name }), version: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'product_model', row.id, null, modelView(row));
  return modelView(row);
}

export async function updateModel(ctx: Ctx, id: number, version: number, patch: Partial<ModelInput>) {
  const before = await getModel(ctx, id);
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const cols: Partial<ProductModelsRow> = {};
  if (patch.code !== undefined) cols.code = patch.code.trim();
  if (patch.name !== undefined) cols.name = patch.name.trim();
  if (cols.code === '' || cols.name === '') throw new AppError('validation_failed', { reason: 'code and name are required' });
  if (patch.yearsFree !== undefined) cols.years_free = patch.yearsFree;
  if (patch.yearsPartsAtCost !== undefined) cols.years_parts_at_cost = patch.yearsPartsAtCost;
  if (patch.warrantyKm !== undefined) cols.warranty_km = patch.warrantyKm;
  if (patch.warrantyHours !== undefined) cols.warranty_hours = patch.warrantyHours;
  if (cols.code && cols.code !== before.code && (await ctx.db.selectFrom('product_models').select('id').where('code', '=', cols.code).executeTakeFirst())) {
    throw new AppError('duplicate', { field: 'code' });
  }
  const merged = { ...before, ...cols };
  const after = await ctx.db
    .updateTable('product_models')
    .set({ ...cols, search_text: searchText({ code: merged.code, name: merged.name }), version: version + 1, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'product_model', id, modelView(before), modelView(after));
  return modelView(after);
}

export async function listModels(ctx: Ctx, query: { q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 's');
  let q = ctx.db.selectFrom('product_models').selectAll();
  if (query.q?.trim()) q = q.where(sql<boolean>`search_text like ${likePattern(query.q)} escape '\\'`);
  if (after) q = q.where('code', '>', String(after[0]));
  const rows = await q.orderBy('code').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, modelView, (r) => [r.code]);
}

// ── installed units ──
export interface UnitInput {
  serial: string;
  modelId: number;
  customerId: number;
  siteId?: number | null;
  saleDate?: string | null;
  acceptanceDate?: string | null;
  dealerStationId?: number | null;
}

/** The unit, if the actor may see it (a station user: its customers' units and the units it sold). */
export async function getUnit(ctx: Ctx, id: number): Promise<UnitsRow> {
  const u = await ctx.db.selectFrom('installed_units as u').innerJoin('customers as c', 'c.id', 'u.customer_id').selectAll('u').select('c.station_id as customer_station_id').where('u.id', '=', id).executeTakeFirst();
  const own = stationOf(ctx.actor);
  if (!u || (own !== undefined && u.customer_station_id !== own && u.dealer_station_id !== own)) throw new AppError('unknown_unit', { unitId: id });
  const { customer_station_id: _s, ...unit } = u;
  return unit;
}

async function checkUnitRefs(ctx: Ctx, customerId: number, siteId: number | null | undefined, dealerStationId: number | null | undefined) {
  await getCustomer(ctx, customerId);
  if (siteId != null && (await getSite(ctx, siteId)).customer_id !== customerId) throw new AppError('site_of_other_customer');
  await assertStation(ctx, dealerStationId);
}

export async function createUnit(ctx: Ctx, input: UnitInput) {
  const serial = input.serial.trim();
  if (!serial) throw new AppError('validation_failed', { reason: 'serial is required' });
  await getModel(ctx, input.modelId);
  await checkUnitRefs(ctx, input.customerId, input.siteId, input.dealerStationId);
  if (await ctx.db.selectFrom('installed_units').select('id').where('serial', '=', serial).executeTakeFirst()) throw new AppError('duplicate', { field: 'serial' });
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('installed_units')
    .values({ serial, model_id: input.modelId, customer_id: input.customerId, site_id: input.siteId ?? null, sale_date: assertDay(input.saleDate), acceptance_date: assertDay(input.acceptanceDate), dealer_station_id: input.dealerStationId ?? null, search_text: searchText({ code: serial, name: serial }), version: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'create', 'installed_unit', row.id, null, unitView(row));
  return unitView(row);
}

export async function updateUnit(ctx: Ctx, id: number, version: number, patch: Partial<UnitInput>) {
  const before = await getUnit(ctx, id);
  if (before.version !== version) throw new AppError('version_conflict', { current: before.version });
  const cols: Partial<UnitsRow> = {};
  if (patch.serial !== undefined) cols.serial = patch.serial.trim();
  if (cols.serial === '') throw new AppError('validation_failed', { reason: 'serial is required' });
  if (patch.modelId !== undefined) cols.model_id = (await getModel(ctx, patch.modelId)).id;
  if (patch.customerId !== undefined) cols.customer_id = patch.customerId;
  if (patch.siteId !== undefined) cols.site_id = patch.siteId;
  if (patch.saleDate !== undefined) cols.sale_date = assertDay(patch.saleDate);
  if (patch.acceptanceDate !== undefined) cols.acceptance_date = assertDay(patch.acceptanceDate);
  if (patch.dealerStationId !== undefined) cols.dealer_station_id = patch.dealerStationId;
  const merged = { ...before, ...cols };
  await checkUnitRefs(ctx, merged.customer_id, merged.site_id, merged.dealer_station_id);
  if (cols.serial && cols.serial !== before.serial && (await ctx.db.selectFrom('installed_units').select('id').where('serial', '=', cols.serial).executeTakeFirst())) {
    throw new AppError('duplicate', { field: 'serial' });
  }
  const after = await ctx.db
    .updateTable('installed_units')
    .set({ ...cols, search_text: searchText({ code: merged.serial, name: merged.serial }), version: version + 1, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  await audit(ctx, 'update', 'installed_unit', id, unitView(before), unitView(after));
  return unitView(after);
}

/** Pages units by serial; q matches the serial/VIN, the customer's name (pinyin too) or the model's. */
export async function listUnits(ctx: Ctx, query: { q?: string; customerId?: number; modelId?: number; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 's');
  let q = ctx.db.selectFrom('installed_units as u').innerJoin('customers as c', 'c.id', 'u.customer_id').innerJoin('product_models as m', 'm.id', 'u.model_id').selectAll('u');
  const own = stationOf(ctx.actor);
  if (own !== undefined) q = q.where((eb) => eb.or([eb('c.station_id', '=', own), eb('u.dealer_station_id', '=', own)]));
  if (query.customerId) q = q.where('u.customer_id', '=', query.customerId);
  if (query.modelId) q = q.where('u.model_id', '=', query.modelId);
  if (query.q?.trim()) {
    const p = likePattern(query.q);
    q = q.where(sql<boolean>`(u.search_text like ${p} escape '\\' or c.search_text like ${p} escape '\\' or m.search_text like ${p} escape '\\')`);
  }
  if (after) q = q.where('u.serial', '>', String(after[0]));
  const rows = await q.orderBy('u.serial').limit(query.limit + 1).execute();
  return toPage(rows, query.limit, unitView, (r) => [r.serial]);
}

/** The warranty check (三包, R-SVC-6) of a unit today or on a given day. */
export async function warrantyOfUnit(ctx: Ctx, id: number, facts: { asOf?: string | null; odometerKm?: number | null; runningHours?: number | null; tampered?: boolean }) {
  const unit = await getUnit(ctx, id);
  const model = await getModel(ctx, unit.model_id);
  const asOf = assertDay(facts.asOf) ?? localDay(ctx.clock.now(), ctx.timeZone);
  const result = checkWarranty({ yearsFree: model.years_free, yearsPartsAtCost: model.years_parts_at_cost, warrantyKm: model.warranty_km, warrantyHours: model.warranty_hours }, { saleDate: unit.sale_date, asOf, odometerKm: facts.odometerKm, runningHours: facts.runningHours, tampered: facts.tampered });
  return { unitId: unit.id, modelId: model.id, asOf, ...result };
}
