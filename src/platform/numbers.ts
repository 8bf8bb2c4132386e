/**
 * Exact numbers (non-negotiable 4): quantities are integer thousandths ("milli"), money is
 * integer fen, stock value is integer thousandths of a fen (qty_milli × unit_cost_fen), so sums
 * are exact. Conversion happens only at the edge, from the JSON number's shortest decimal form.
 */
import { AppError } from './errors.js';

export const MAX_QTY_MILLI = 1_000_000_000_000; // one billion units
const MAX_FEN = 100_000_000_000; // one billion yuan

/** A JSON quantity (≤ 3 decimals, > 0, or ≥ 0 with allowZero) as integer thousandths. */
export function toMilli(n: unknown, field = 'qty', opts: { allowZero?: boolean } = {}): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new AppError('invalid_quantity', { field });
  // Where zero is allowed (a count, a received quantity) "must be greater than zero" would mislead.
  if (n < 0) throw new AppError(opts.allowZero ? 'negative_quantity' : 'invalid_quantity', { field });
  if (n === 0 && !opts.allowZero) throw new AppError('invalid_quantity', { field }); // -0 too
  const s = String(n);
  if (s.includes('e')) {
    throw new AppError(n > 1 ? 'quantity_too_large' : 'quantity_too_precise', { field });
  }
  const [int, frac = ''] = s.split('.');
  if (frac.length > 3) throw new AppError('quantity_too_precise', { field });
  const milli = Number(int) * 1000 + Number(frac.padEnd(3, '0'));
  if (!Number.isSafeInteger(milli) || milli > MAX_QTY_MILLI) throw new AppError('quantity_too_large', { field });
  return milli;
}

/** Integer thousandths back to a JSON number (its shortest form is the exact decimal). */
export function fromMilli(milli: number): number {
  return milli / 1000;
}

const MONEY = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** A money string ("12.30", "12", "0.5") as integer fen. */
export function toFen(s: unknown, field = 'amount'): number {
  if (typeof s === 'number' && Number.isFinite(s) && s >= 0) s = String(s);
  if (typeof s !== 'string') throw new AppError('invalid_money', { field });
  const m = MONEY.exec(s.trim());
  if (!m) throw new AppError('invalid_money', { field });
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_FEN) throw new AppError('money_too_large', { field });
  return fen;
}

/** Integer fen as a 2-decimal string ("-3.20"). */
export function formatFen(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const s = `${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/**
 * A value (thousandths of a fen) as it is, or 409 amount_out_of_range once a number no longer
 * holds it exactly (past 2^53, about 90 billion yuan), so the posting that needed it fails whole.
 */
export function exactValue(v: number): number {
  if (!Number.isSafeInteger(v)) throw new AppError('amount_out_of_range', {});
  return v;
}

/** qty (milli) × unit cost (fen) in thousandths of a fen, exact (or refused: exactValue). */
export function lineValue(qtyMilli: number, unitCostFen: number): number {
  return exactValue(qtyMilli * unitCostFen);
}

/**
 * The sum of values (thousandths of a fen), exact or refused. Every partial sum is checked: a
 * signed sum (a count's gains and losses) could pass 2^53 and come back under it, inexact.
 */
export function sumValues(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s = exactValue(s + v);
  return s;
}

/** The value of items (qty in milli × unit cost in fen), as a document's total: exact or refused. */
export function totalValue(items: readonly { qty: number; unitCost: number }[]): number {
  let s = 0;
  for (const m of items) s = exactValue(s + lineValue(m.qty, m.unitCost));
  return s;
}

/** qty × unit cost formatted as money for display, exact at any size (a read never fails). */
export function formatLineValue(qtyMilli: number, unitCostFen: number): string {
  const v = qtyMilli * unitCostFen;
  if (Number.isSafeInteger(v)) return formatMilliFen(v);
  const mf = BigInt(qtyMilli) * BigInt(unitCostFen);
  const fen = ((mf < 0n ? -mf : mf) + 500n) / 1000n;
  return `${mf < 0n ? '-' : ''}${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

/** Thousandths of a fen → fen, rounded half away from zero. */
export function milliFenToFen(mf: number): number {
  const sign = mf < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(mf) + 500) / 1000);
}

export function formatMilliFen(mf: number): string {
  return formatFen(milliFenToFen(mf));
}
