// Who is logged in (GET /me; null when not) and what each role may open in the shell.
import { useQuery } from '@tanstack/react-query';
import { apiGet, ApiError } from '../api/client';
import type { Me } from '../lib/lookups';

export function useMe() {
  return useQuery<Me | null>({
    queryKey: ['me'],
    staleTime: Infinity,
    queryFn: async () => {
      try {
        return await apiGet('/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
  });
}

export type Screen = 'parts' | 'receipt' | 'issue' | 'stock' | 'myParts' | 'reservations' | 'returns' | 'documents' | 'approvals' | 'returnsWriteOffs' | 'transfers' | 'transferReceive' | 'stats' | 'purchasing' | 'shortages';

const KEEPERS = ['admin', 'warehouse_keeper', 'station_user'];
const STOCK_READERS = ['admin', 'service_manager', 'dispatcher', 'warehouse_keeper', 'finance', 'station_user'];
const MANAGERS = ['admin', 'service_manager'];
const HOLDING_CLERKS = ['admin', 'warehouse_keeper', 'service_manager', 'station_user'];
const STATS_READERS = ['admin', 'service_manager', 'warehouse_keeper', 'finance', 'station_user'];
const PURCHASERS = ['admin', 'warehouse_keeper', 'service_manager', 'finance', 'dispatcher'];
/** Who may reserve and request shortages besides technicians (POST /reservations, /shortages). */
const RESERVERS = ['admin', 'warehouse_keeper', 'service_manager', 'dispatcher', 'station_user'];

/** The screens a user's roles open (mirrors the API's access lists; the API still decides). */
export function screensFor(roles: string[]): Screen[] {
  const has = (list: string[]) => roles.some((r) => list.includes(r));
  const out: Screen[] = ['parts'];
  if (has(KEEPERS)) out.push('receipt', 'issue');
  if (has(STOCK_READERS)) out.push('stock', 'documents');
  if (has(MANAGERS)) out.push('approvals');
  if (has(HOLDING_CLERKS)) out.push('returnsWriteOffs');
  if (has(['admin', 'warehouse_keeper'])) out.push('transfers');
  if (has(KEEPERS)) out.push('transferReceive');
  if (has(STATS_READERS)) out.push('stats');
  if (has(PURCHASERS)) out.push('purchasing');
  if (roles.includes('technician')) out.push('myParts', 'reservations', 'returns', 'shortages');
  else if (has(RESERVERS)) out.push('reservations', 'shortages');
  return out;
}

/** Where a user lands after login. */
export function homeFor(roles: string[]): string {
  return roles.includes('technician') && !roles.some((r) => STOCK_READERS.includes(r)) ? '/my-parts' : '/parts';
}
