import { describe, expect, it } from 'vitest';
import { addYears, checkWarranty, type WarrantyTerms } from './warranty.rules.js';

// 3 years parts and labour free, then 2 years parts at cost with labour free (R-SVC-6).
const COACH: WarrantyTerms = { yearsFree: 3, yearsPartsAtCost: 2, warrantyKm: 300_000, warrantyHours: null };

describe('warranty check (三包)', () => {
  it('is in warranty until the third anniversary of the sale', () => {
    const r = checkWarranty(COACH, { saleDate: '2024-03-15', asOf: '2027-03-14' });
    expect(r).toMatchObject({ status: 'in', parts: 'manufacturer', labour: 'manufacturer', freeEndsOn: '2027-03-15', partsAtCostEndsOn: '2029-03-15' });
  });
  it('from year 4 parts are at cost and labour is free', () => {
    expect(checkWarranty(COACH, { saleDate: '2024-03-15', asOf: '2027-03-15' })).toMatchObject({ status: 'partial', parts: 'customer_at_cost', labour: 'manufacturer' });
    expect(checkWarranty(COACH, { saleDate: '2024-03-15', asOf: '2029-03-14' }).status).toBe('partial');
  });
  it('after that the customer pays everything', () => {
    expect(checkWarranty(COACH, { saleDate: '2024-03-15', asOf: '2029-03-15' })).toMatchObject({ status: 'out', parts: 'customer', labour: 'customer', reasons: ['period_expired'] });
  });
  it('mileage or running hours over the limit end the warranty early', () => {
    expect(checkWarranty(COACH, { saleDate: '2026-01-01', asOf: '2026-06-01', odometerKm: 300_001 })).toMatchObject({ status: 'out', reasons: ['mileage_exceeded'] });
    expect(checkWarranty(COACH, { saleDate: '2026-01-01', asOf: '2026-06-01', odometerKm: 300_000 }).status).toBe('in');
    const gen: WarrantyTerms = { yearsFree: 1, yearsPartsAtCost: 0, warrantyKm: null, warrantyHours: 2000 };
    expect(checkWarranty(gen, { saleDate: '2026-01-01', asOf: '2026-06-01', runningHours: 2001 })).toMatchObject({ status: 'out', reasons: ['hours_exceeded'] });
    expect(checkWarranty(gen, { saleDate: '2026-01-01', asOf: '2026-06-01', runningHours: 1999 }).status).toBe('in');
  });
  it('a tampered part voids the warranty; no sale date means no warranty', () => {
    expect(checkWarranty(COACH, { saleDate: '2026-01-01', asOf: '2026-02-01', tampered: true })).toMatchObject({ status: 'out', labour: 'customer', reasons: ['tampered'] });
    expect(checkWarranty(COACH, { saleDate: null, asOf: '2026-02-01' })).toMatchObject({ status: 'out', reasons: ['no_sale_date'] });
  });
  it('a 29 February sale has its anniversary on 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-12-31', 3)).toBe('2029-12-31');
  });
});
