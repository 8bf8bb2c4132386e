// Shared reads with long cache times: locations, technicians, single parts. Stock, holdings,
// reservations, shortages and document lines carry their part's code and name; useParts (one
// cached GET /parts/:id per part) is left for rows that do not, such as ledger moves.
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiGet, type Res } from '../api/client';

export type Location = Res<'/locations'>['items'][number];
export type PartDetail = Res<'/parts/{id}'>;
export type Me = Res<'/me'>;

const LONG = 5 * 60_000;

/** Every location including virtual ones (supplier, consumed…), for naming ledger rows. */
export function useLocations() {
  return useQuery({
    queryKey: ['locations', 'all'],
    staleTime: LONG,
    queryFn: async () => (await apiGet('/locations', { includeVirtual: true, limit: 500 })).items,
  });
}

/** Real stores that stock is received into and issued from (warehouses and stations). */
export function useStores() {
  const q = useLocations();
  return { ...q, data: q.data?.filter((l) => l.isReal && (l.kind === 'warehouse' || l.kind === 'station') && !l.archived) };
}

export function useTechnicians() {
  return useQuery({
    queryKey: ['users', 'technician'],
    staleTime: LONG,
    queryFn: async () => (await apiGet('/users', { role: 'technician', limit: 500 })).items.filter((u) => !u.disabled),
  });
}

export function partQuery(id: number) {
  return { queryKey: ['part', id], staleTime: 30_000, queryFn: () => apiGet('/parts/{id}', { id }) };
}

/** Part details for a set of ids, as a map (missing while loading). */
export function useParts(ids: number[]): Map<number, PartDetail> {
  const unique = [...new Set(ids)];
  const results = useQueries({ queries: unique.map((id) => partQuery(id)) });
  const map = new Map<number, PartDetail>();
  results.forEach((r, i) => {
    if (r.data) map.set(unique[i], r.data);
  });
  return map;
}

/** Quantities are JSON numbers with at most three decimals; show them without float noise. */
export function qty(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(Math.round(n * 1000) / 1000);
}

/** Select options naming locations by code and name (`WH01 总仓`). */
export function locationOptions(list: readonly Location[] | undefined) {
  return list?.map((l) => ({ value: l.id, label: `${l.code} ${l.name}` }));
}

/** A document line's part as the user reads it (`3100-0010 轮胎`), from the code and name the line carries. */
export function lineName(l: { partId: number | null; partCode?: string | null; partName?: string | null }): string {
  return l.partId ? `${l.partCode ?? ''} ${l.partName ?? `#${l.partId}`}` : '—';
}
