// The warranty check (三包, R-SVC-6): in or out by sale date, mileage and running hours against the
// model's terms; the result says who pays parts and labour. Pure: no I/O.

export interface WarrantyTerms {
  yearsFree: number;
  /** Years after the free ones in which parts are charged at cost and labour stays free. */
  yearsPartsAtCost: number;
  warrantyKm: number | null;
  warrantyHours: number | null;
}

export interface WarrantyFacts {
  saleDate: string | null;
  asOf: string;
  odometerKm?: number | null;
  runningHours?: number | null;
  tampered?: boolean;
}

export type Payer = 'manufacturer' | 'customer_at_cost' | 'customer';
export type WarrantyReason = 'within_free_period' | 'within_parts_at_cost_period' | 'period_expired' | 'mileage_exceeded' | 'hours_exceeded' | 'tampered' | 'no_sale_date';

export interface WarrantyResult {
  status: 'in' | 'partial' | 'out';
  parts: Payer;
  labour: 'manufacturer' | 'customer';
  reasons: WarrantyReason[];
  freeEndsOn: string | null;
  partsAtCostEndsOn: string | null;
}

/** The same calendar day `years` later; 29 February falls back to the 28th. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const ty = y + years;
  const last = new Date(Date.UTC(ty, m, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const OUT = (reasons: WarrantyReason[], freeEndsOn: string | null = null, partsAtCostEndsOn: string | null = null): WarrantyResult => ({ status: 'out', parts: 'customer', labour: 'customer', reasons, freeEndsOn, partsAtCostEndsOn });

/** Cover ends on the anniversary (…EndsOn is the first day not covered): sold 2024-03-15 with 3 free years is free through 2027-03-14. */
export function checkWarranty(terms: WarrantyTerms, f: WarrantyFacts): WarrantyResult {
  if (!f.saleDate) return OUT(['no_sale_date']);
  const freeEnd = addYears(f.saleDate, terms.yearsFree);
  const costEnd = addYears(f.saleDate, terms.yearsFree + terms.yearsPartsAtCost);
  const reasons: WarrantyReason[] = [];
  if (f.tampered) reasons.push('tampered');
  if (terms.warrantyKm !== null && f.odometerKm != null && f.odometerKm > terms.warrantyKm) reasons.push('mileage_exceeded');
  if (terms.warrantyHours !== null && f.runningHours != null && f.runningHours > terms.warrantyHours) reasons.push('hours_exceeded');
  if (f.asOf >= costEnd) reasons.push('period_expired');
  if (reasons.length > 0) return OUT(reasons, freeEnd, costEnd);
  if (f.asOf < freeEnd) return { status: 'in', parts: 'manufacturer', labour: 'manufacturer', reasons: ['within_free_period'], freeEndsOn: freeEnd, partsAtCostEndsOn: costEnd };
  return { status: 'partial', parts: 'customer_at_cost', labour: 'manufacturer', reasons: ['within_parts_at_cost_period'], freeEndsOn: freeEnd, partsAtCostEndsOn: costEnd };
}
