// Who is logged in (GET /me; null when not) and what each role may open in the shell.
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiGet, ApiError } from '../api/client';
import type { Me } from '../lib/lookups';

// A technician's /me is remembered on the device: the phone view (/m) opened without a network
// (the service worker serves the app shell) still knows who is logged in. Only the user and roles;
// the session cookie stays the credential and the API still decides.
const LAST_ME = 'aftersales.me';
function lastMe(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(LAST_ME) ?? 'null') as Me | null;
  } catch {
    return null;
  }
}
function rememberMe(me: Me | null | undefined) {
  try {
    if (me && me.roles.includes('technician')) localStorage.setItem(LAST_ME, JSON.stringify(me));
    else if (me !== undefined) localStorage.removeItem(LAST_ME);
  } catch {
    /* storage full or blocked: nothing to remember */
  }
}

export function useMe() {
  const q = useQuery<Me | null>({
    queryKey: ['me'],
    staleTime: Infinity,
    // Offline the request fails at once (no pause): a remembered technician goes on offline.
    networkMode: 'always',
    queryFn: async () => {
      try {
        return await apiGet('/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        if (!(err instanceof ApiError)) {
          const me = lastMe();
          if (me) return me;
        }
        throw err;
      }
    },
  });
  // Login, logout and a 401 set ['me'] directly: the remembered user follows.
  useEffect(() => rememberMe(q.data), [q.data]);
  return q;
}

export type Screen = 'parts' | 'receipt' | 'issue' | 'stock' | 'myParts' | 'reservations' | 'returns' | 'documents' | 'approvals' | 'returnsWriteOffs' | 'transfers' | 'transferReceive' | 'counts' | 'stats' | 'purchasing' | 'shortages' | 'mobile' | 'carryIns' | 'loaners' | 'charges' | 'invoiceRequests' | 'dailyReport' | 'dailyRollUp' | 'oldParts' | 'calls' | 'workOrders' | 'board' | 'customers' | 'units' | 'models';

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
  // The service desk (calls, work orders, customers, units, models; the board for dispatching roles).
  if (has(['admin', 'service_manager', 'dispatcher', 'station_user'])) out.unshift('calls', 'workOrders', 'customers', 'units', 'models');
  if (has(['admin', 'service_manager', 'dispatcher'])) out.splice(2, 0, 'board');
  if (has(KEEPERS)) out.push('receipt', 'issue');
  if (has(STOCK_READERS)) out.push('stock', 'documents');
  if (has(MANAGERS)) out.push('approvals');
  if (has(HOLDING_CLERKS)) out.push('returnsWriteOffs');
  if (has(['admin', 'warehouse_keeper'])) out.push('transfers');
  if (has(KEEPERS)) out.push('transferReceive', 'counts');
  if (has(STATS_READERS)) out.push('stats');
  if (has(PURCHASERS)) out.push('purchasing');
  if (roles.includes('technician')) out.push('myParts', 'reservations', 'returns', 'shortages');
  if (roles.includes('technician')) out.push('mobile');
  else if (has(RESERVERS)) out.push('reservations', 'shortages');
  // Service extras (R-SVC-8 … R-SVC-11): mirrors service/extras-routes.ts access lists.
  if (has(['admin', 'service_manager', 'dispatcher', 'technician', 'station_user'])) out.push('carryIns');
  if (has(['admin', 'service_manager', 'dispatcher'])) out.push('loaners');
  if (has(['admin', 'service_manager', 'dispatcher', 'technician', 'station_user', 'finance'])) out.push('charges');
  if (has(['admin', 'service_manager', 'dispatcher', 'station_user', 'finance'])) out.push('invoiceRequests');
  if (has(['admin', 'service_manager', 'dispatcher', 'technician'])) out.push('dailyReport');
  if (has(['admin', 'service_manager', 'dispatcher'])) out.push('dailyRollUp');
  // Old parts (R-INV-17): mirrors service/report-routes.ts OLD_PARTS.
  if (has(['admin', 'service_manager', 'warehouse_keeper', 'station_user'])) out.push('oldParts');
  return out;
}

/** Where a user lands after login. */
export function homeFor(roles: string[]): string {
  return roles.includes('technician') && !roles.some((r) => STOCK_READERS.includes(r)) ? '/my-parts' : '/parts';
}
