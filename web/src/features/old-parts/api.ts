// Types and small helpers of the old-parts screens (R-INV-17). Quantities are decimal strings
// (≤ 3 decimals): they are added up as integer thousandths, never as floats.
import { useMemo } from 'react';
import type { Res } from '../../api/client';
import { useMe } from '../../app/session';
import { useLocations } from '../../lib/lookups';

export type OldPartItem = Res<'/old-parts'>['items'][number];
export type Report = Res<'/work-orders/{id}/report'>;
export type OldPartLine = Report['oldParts'][number];
export type DisposalAction = 'supplier_claim' | 'scrap' | 'refurbish';

/** A decimal string as integer thousandths. */
export const toMilli = (s: string | number): number => Math.round(Number(s) * 1000);
/** Integer thousandths back to a decimal string without float noise. */
export const fromMilli = (m: number): string => {
  const sign = m < 0 ? '-' : '';
  const a = Math.abs(m);
  const frac = String(a % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(a / 1000)}${frac ? `.${frac}` : ''}`;
};

/** Still to hand in for a report line (expected minus handed in), in thousandths. */
export const pendingMilli = (l: OldPartLine): number => Math.max(0, toMilli(l.qty) - toMilli(l.handedInQty));

/**
 * The old parts of a work order's reports as one list (a reopened work order has a report per
 * visit): expected and handed in summed per part; the server books a hand-in to the oldest
 * report still owed the part.
 */
export function mergeOldParts(reports: readonly Pick<Report, 'oldParts'>[]): OldPartLine[] {
  const byPart = new Map<number, OldPartLine>();
  for (const l of reports.flatMap((r) => r.oldParts)) {
    const seen = byPart.get(l.partId);
    byPart.set(l.partId, seen ? { ...seen, qty: fromMilli(toMilli(seen.qty) + toMilli(l.qty)), handedInQty: fromMilli(toMilli(seen.handedInQty) + toMilli(l.handedInQty)) } : l);
  }
  return [...byPart.values()];
}

/** Open old-parts stores (kind 'old_parts'). */
export function useOldPartsLocations() {
  const q = useLocations();
  const data = useMemo(() => q.data?.filter((l) => l.kind === 'old_parts' && !l.archived), [q.data]);
  return { ...q, data };
}

/** Roles that open the work order screens of the service desk; the others get the hand-in view. */
const DESK = ['admin', 'service_manager', 'dispatcher', 'station_user'];

/** Where a work order number links to for this user. */
export function useWorkOrderHref(): (workOrderId: number) => string {
  const { data: me } = useMe();
  const desk = !!me?.roles.some((r) => DESK.includes(r));
  return (id) => (desk ? `/service/work-orders/${id}` : `/old-parts?tab=hand-in&workOrderId=${id}`);
}
