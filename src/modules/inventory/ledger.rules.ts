// Pure rules of the ledger: no I/O, unit-tested in ledger.rules.test.ts.
import type { LocationKind, MoveKind } from './tables.js';

/** Availability is defined once (R-INV-5): on hand minus what is reserved. */
export function available(level: { on_hand: number; reserved: number }): number {
  return level.on_hand - level.reserved;
}

export const REAL_KINDS: readonly LocationKind[] = ['warehouse', 'station', 'old_parts', 'holding'];
/** Stores the keeper can receive into, issue from and count. */
export const STORE_KINDS: readonly LocationKind[] = ['warehouse', 'station', 'old_parts'];

export interface LotStock {
  lot_id: number;
  on_hand: number;
  unit_cost: number;
}

/** Takes qty from lots in the given (FIFO) order; returns the picks or null if short. */
export function pickLots(lots: readonly LotStock[], qty: number): { lot_id: number; qty: number; unit_cost: number }[] | null {
  const picks: { lot_id: number; qty: number; unit_cost: number }[] = [];
  let left = qty;
  for (const lot of lots) {
    if (left <= 0) break;
    if (lot.on_hand <= 0) continue;
    const take = Math.min(left, lot.on_hand);
    picks.push({ lot_id: lot.lot_id, qty: take, unit_cost: lot.unit_cost });
    left -= take;
  }
  return left > 0 ? null : picks;
}

/** Sums duplicate lines of one part (and lot) before the availability check. */
export function sumLines<L extends { partId: number; lotId?: number | null; qty: number }>(lines: readonly L[]): L[] {
  const byKey = new Map<string, L>();
  for (const l of lines) {
    const k = `${l.partId}:${l.lotId ?? ''}`;
    const prev = byKey.get(k);
    byKey.set(k, prev ? { ...prev, qty: prev.qty + l.qty } : { ...l });
  }
  return [...byKey.values()];
}

/** Document number prefixes: RK-2026-000123 for 入庫, CK-… for 出庫. */
export const NUMBER_PREFIX = {
  receipt: 'RK',
  issue: 'CK',
  return: 'TH',
  write_off: 'HX',
  transfer: 'DB',
  transfer_receipt: 'JS',
  reversal: 'CX',
  count: 'PD',
  opening: 'QC',
  reservation: 'YD',
} as const;

export function formatNumber(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/** Which way a move kind counts in issue statistics (R-INV-10). */
export const ISSUE_STAT_KINDS: readonly MoveKind[] = ['issue', 'return', 'consume', 'scrap'];
