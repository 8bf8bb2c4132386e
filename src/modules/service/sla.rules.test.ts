import { describe, expect, it } from 'vitest';
import { chineseCalendar } from './calendar.js';
import { computeDueTimes, greatCircleMeters, policyMatches, targetLight, worstLight, type PolicyRule } from './sla.rules.js';
import { actsAsTechnicianOnly, checkTransition, milestoneOf } from './transitions.rules.js';

const cal = chineseCalendar('Asia/Shanghai');
const H = 3_600_000;
const rule = (id: number, p: Partial<PolicyRule>): PolicyRule => ({ id, serviceType: null, categories: null, minKm: null, maxKm: null, contract: null, minutes: { response: null, arrival: null, resolution: null }, clock: 'wall', loanerIfUnresolved: false, ...p });
// The shipped defaults (migration 0005).
const DEFAULTS = [
  rule(1, { maxKm: 100, minutes: { response: null, arrival: 24 * 60, resolution: null } }),
  rule(2, { minKm: 100, minutes: { response: 12 * 60, arrival: null, resolution: null } }),
  rule(3, { categories: ['engine', 'chassis'], minutes: { response: 12 * 60, arrival: null, resolution: null } }),
  rule(4, { contract: true, minutes: { response: null, arrival: 60, resolution: 12 * 60 }, loanerIfUnresolved: true }),
  rule(5, { maxKm: 30, minutes: { response: null, arrival: 6 * 60, resolution: null }, clock: 'business' }),
  rule(6, { minKm: 30, maxKm: 100, minutes: { response: null, arrival: 7 * 60, resolution: null }, clock: 'business' }),
];

describe('distance', () => {
  it('Zhengzhou to Luoyang is about 113 km great-circle; a point to itself is 0', () => {
    const km = greatCircleMeters(34_746_600, 113_625_300, 34_619_700, 112_454_000) / 1000;
    expect(km).toBeGreaterThan(105);
    expect(km).toBeLessThan(115);
    expect(greatCircleMeters(34_746_600, 113_625_300, 34_746_600, 113_625_300)).toBe(0);
  });
});

describe('SLA policy matching and due times', () => {
  const start = Date.parse('2026-11-27T10:00:00+08:00'); // a Friday
  it('a city job (10 km) gets 6 business hours to arrive, stricter than 24 h', () => {
    const d = computeDueTimes(DEFAULTS, { serviceType: 'A', category: 'body', distanceM: 10_000, contract: false }, start, cal);
    expect(d.due.arrival).toEqual({ at: Date.parse('2026-11-27T17:30:00+08:00'), policyId: 5 });
    expect(d.due.response).toBeNull();
    expect(d.loanerIfUnresolved).toBe(false);
  });
  it('a suburb job (50 km) gets 7 business hours, unless 24 h on the clock comes first (over a weekend)', () => {
    const monday = Date.parse('2026-11-30T10:00:00+08:00');
    const d = computeDueTimes(DEFAULTS, { serviceType: 'A', category: 'body', distanceM: 50_000, contract: false }, monday, cal);
    expect(d.due.arrival).toEqual({ at: Date.parse('2026-12-01T09:30:00+08:00'), policyId: 6 });
    const f = computeDueTimes(DEFAULTS, { serviceType: 'A', category: 'body', distanceM: 50_000, contract: false }, start, cal);
    expect(f.due.arrival).toEqual({ at: start + 24 * H, policyId: 1 });
  });
  it('beyond 100 km: reply within 12 h, no arrival promise', () => {
    const d = computeDueTimes(DEFAULTS, { serviceType: 'C', category: 'body', distanceM: 100_001, contract: false }, start, cal);
    expect(d.due.response).toEqual({ at: start + 12 * H, policyId: 2 });
    expect(d.due.arrival).toBeNull();
  });
  it('an engine fault is contacted in writing within 12 h whatever the distance', () => {
    const d = computeDueTimes(DEFAULTS, { serviceType: 'A', category: 'Engine', distanceM: null, contract: false }, start, cal);
    expect(d.due.response).toEqual({ at: start + 12 * H, policyId: 3 });
    expect(d.due.arrival).toBeNull();
  });
  it('a contract customer: arrive in 1 h, fix in 12 h, else a loaner', () => {
    const d = computeDueTimes(DEFAULTS, { serviceType: 'B', category: 'body', distanceM: 5_000, contract: true }, start, cal);
    expect(d.due.arrival).toEqual({ at: start + H, policyId: 4 });
    expect(d.due.resolution).toEqual({ at: start + 12 * H, policyId: 4 });
    expect(d.loanerIfUnresolved).toBe(true);
  });
  it('distance rules need a distance; bounds are (min, max]', () => {
    expect(policyMatches(DEFAULTS[0]!, { serviceType: 'A', category: 'x', distanceM: null, contract: false })).toBe(false);
    expect(policyMatches(DEFAULTS[0]!, { serviceType: 'A', category: 'x', distanceM: 100_000, contract: false })).toBe(true);
    expect(policyMatches(DEFAULTS[1]!, { serviceType: 'A', category: 'x', distanceM: 100_000, contract: false })).toBe(false);
    expect(policyMatches(rule(9, { serviceType: 'B' }), { serviceType: 'A', category: 'x', distanceM: 1, contract: false })).toBe(false);
    expect(policyMatches(rule(9, { contract: false }), { serviceType: 'A', category: 'x', distanceM: 1, contract: true })).toBe(false);
  });
});

describe('colours', () => {
  it('ok, near in the last quarter, breached after due or when met late', () => {
    expect(targetLight(0, 0, 100, null)).toBe('ok');
    expect(targetLight(75, 0, 100, null)).toBe('near');
    expect(targetLight(101, 0, 100, null)).toBe('breached');
    expect(targetLight(500, 0, 100, 90)).toBe('ok');
    expect(targetLight(500, 0, 100, 110)).toBe('breached');
    expect(targetLight(500, 0, null, null)).toBeNull();
    expect(worstLight(['ok', null, 'near'])).toBe('near');
    expect(worstLight([null, null])).toBeNull();
  });
});

describe('the transition table', () => {
  it('allows the life cycle and refuses shortcuts', () => {
    expect(checkTransition('new', 'dispatched', ['dispatcher']).ok).toBe(true);
    expect(checkTransition('resolved', 'closed', ['admin'])).toEqual({ ok: false, code: 'invalid_transition' });
    expect(checkTransition('on_site', 'signed', ['admin'])).toEqual({ ok: false, code: 'invalid_transition' });
    expect(checkTransition('closed', 'new', ['technician'])).toEqual({ ok: false, code: 'transition_not_allowed_for_role' });
    expect(checkTransition('closed', 'new', ['service_manager'])).toMatchObject({ ok: true, rule: { action: 'reopen' } });
    expect(checkTransition('waiting_parts', 'on_site', ['technician']).ok).toBe(true);
    expect(checkTransition('cancelled', 'cancelled', ['admin']).ok).toBe(false);
    expect(actsAsTechnicianOnly(['technician'])).toBe(true);
    expect(actsAsTechnicianOnly(['technician', 'dispatcher'])).toBe(false);
    expect(milestoneOf('on_site')).toBe('arrival');
  });
});
