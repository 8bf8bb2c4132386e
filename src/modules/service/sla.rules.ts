// SLA rules (R-SVC-5, docs/decisions/0007): which policies match a work order, the due time of
// each target, and how close a target is to breach. Pure: no I/O.
import { addBusinessTime, type BusinessCalendar } from './calendar.js';
import type { ServiceType, SlaTarget } from './tables.js';

export const SLA_TARGETS: readonly SlaTarget[] = ['response', 'arrival', 'resolution'];
const MINUTE = 60_000;
const EARTH_RADIUS_M = 6_371_008.8;

export interface PolicyRule {
  id: number;
  serviceType: ServiceType | null;
  categories: string[] | null;
  minKm: number | null;
  maxKm: number | null;
  contract: boolean | null;
  minutes: Record<SlaTarget, number | null>;
  clock: 'wall' | 'business';
  loanerIfUnresolved: boolean;
}

export interface SlaFacts {
  serviceType: ServiceType;
  category: string;
  /** Great-circle metres from the responsible station to the site; null when either has no coordinates. */
  distanceM: number | null;
  contract: boolean;
}

export interface DueTimes {
  due: Record<SlaTarget, { at: number; policyId: number } | null>;
  loanerIfUnresolved: boolean;
}

/** Great-circle distance (haversine) in whole metres between two points in micro-degrees. */
export function greatCircleMeters(lat1e6: number, lng1e6: number, lat2e6: number, lng2e6: number): number {
  const rad = (e6: number) => (e6 / 1e6) * (Math.PI / 180);
  const dLat = rad(lat2e6 - lat1e6);
  const dLng = rad(lng2e6 - lng1e6);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1e6)) * Math.cos(rad(lat2e6)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** A policy matches when each of its conditions that is set holds; a distance rule needs a distance. */
export function policyMatches(p: PolicyRule, f: SlaFacts): boolean {
  if (p.serviceType !== null && p.serviceType !== f.serviceType) return false;
  if (p.categories !== null && !p.categories.includes(f.category.trim().toLowerCase())) return false;
  if (p.contract !== null && p.contract !== f.contract) return false;
  if (p.minKm !== null || p.maxKm !== null) {
    if (f.distanceM === null) return false;
    if (p.minKm !== null && !(f.distanceM > p.minKm * 1000)) return false;
    if (p.maxKm !== null && !(f.distanceM <= p.maxKm * 1000)) return false;
  }
  return true;
}

/**
 * Every matching policy contributes its targets; per target the earliest due time wins, so
 * overlapping rules (engine fault within 100 km) give the strictest promise.
 */
export function computeDueTimes(policies: readonly PolicyRule[], facts: SlaFacts, startAt: number, cal: BusinessCalendar): DueTimes {
  const due: DueTimes['due'] = { response: null, arrival: null, resolution: null };
  let loaner = false;
  for (const p of policies) {
    if (!policyMatches(p, facts)) continue;
    if (p.loanerIfUnresolved) loaner = true;
    for (const t of SLA_TARGETS) {
      const minutes = p.minutes[t];
      if (minutes === null) continue;
      const at = p.clock === 'business' ? addBusinessTime(cal, startAt, minutes * MINUTE) : startAt + minutes * MINUTE;
      const cur = due[t];
      if (!cur || at < cur.at || (at === cur.at && p.id < cur.policyId)) due[t] = { at, policyId: p.id };
    }
  }
  return { due, loanerIfUnresolved: loaner };
}

export type SlaLight = 'ok' | 'near' | 'breached';
/** A target is "near" when less than this share of its span is left. */
export const NEAR_SHARE = 0.25;

/** The colour of one target: met in time is ok, met late is breached, open ones by time left. */
export function targetLight(now: number, startedAt: number, dueAt: number | null, metAt: number | null): SlaLight | null {
  if (dueAt === null) return null;
  if (metAt !== null) return metAt <= dueAt ? 'ok' : 'breached';
  if (now > dueAt) return 'breached';
  const span = Math.max(dueAt - startedAt, 1);
  return dueAt - now <= span * NEAR_SHARE ? 'near' : 'ok';
}

/** The worst colour of a work order's targets (null when it has none). */
export function worstLight(lights: readonly (SlaLight | null)[]): SlaLight | null {
  const rank = { ok: 1, near: 2, breached: 3 } as const;
  let worst: SlaLight | null = null;
  for (const l of lights) if (l && (!worst || rank[l] > rank[worst])) worst = l;
  return worst;
}
