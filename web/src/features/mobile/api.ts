// The phone's reads and writes: today's jobs (work orders assigned to me with customer, site and
// contacts), the parts I hold, each job's service report, kept in localStorage for reading
// offline; writes go through the outbox (outbox.ts) and are sent by raw fetch here.
import { useQuery } from '@tanstack/react-query';
import { apiUrl } from '../../api/client';
import i18n from '../../i18n';
import type { EntryError, OutboxEntry, SendResult } from './outbox';

export interface Sla {
  responseDueAt: string | null;
  arrivalDueAt: string | null;
  resolutionDueAt: string | null;
  respondedAt: string | null;
  arrivedAt: string | null;
  resolvedAt: string | null;
  status: 'ok' | 'near' | 'breached' | null;
}
export interface WorkOrder {
  id: number;
  number: string;
  status: string;
  serviceType: string;
  category: string;
  priority: string;
  fault: string;
  customerId: number;
  siteId: number | null;
  unitId: number | null;
  leadTechnicianId: number | null;
  technicianIds: number[];
  sla: Sla;
  updatedAt: string;
  version: number;
}
export interface Customer { id: number; name: string; phone: string | null; address: string | null }
export interface Site { id: number; name: string; address: string | null; latitude: number | null; longitude: number | null }
export interface Contact { id: number; name: string; phone: string | null; title: string | null }
export interface Unit { id: number; serial: string }
export interface Job {
  wo: WorkOrder;
  customer: Customer | null;
  site: Site | null;
  contacts: Contact[];
  unit: Unit | null;
}
export interface Holding { partId: number; partCode?: string; partName?: string; spec?: string | null; unit?: string; lotId: number; lotNo?: string; qty: number }
export interface HeldPart { partId: number; partCode: string; partName: string; unit: string; qty: number }
export type Qty = string | number;
export interface Report {
  workOrderId: number;
  status: 'draft' | 'submitted' | 'signed';
  findings: { listen: string | null; look: string | null; check: string | null };
  cause: string | null;
  responsibility: string | null;
  actions: string | null;
  odometerKm: string | null;
  runningHours: string | null;
  tampered: boolean;
  minutesSpent: number | null;
  partsUsed: { partId: number; partCode?: string; partName?: string; qty: Qty; reason?: string | null }[];
  oldParts: { partId: number; partCode?: string; partName?: string; qty: Qty; handedInQty?: Qty }[];
  photos: { id: number | string; caption: string | null; url: string; src?: string; pending?: boolean }[];
  missing: string[];
  signerName: string | null;
  signedAt: string | null;
  submittedAt: string | null;
  version: number;
}
export interface TransitionRow { from: string[]; to: string; roles: string[] }

/** An empty report (the server's answer before anything was saved has version 0). */
export function emptyReport(workOrderId: number): Report {
  return {
    workOrderId, status: 'draft', findings: { listen: null, look: null, check: null }, cause: null, responsibility: null, actions: null,
    odometerKm: null, runningHours: null, tampered: false, minutesSpent: null, partsUsed: [], oldParts: [], photos: [], missing: [],
    signerName: null, signedAt: null, submittedAt: null, version: 0,
  };
}

export class HttpError extends Error {
  constructor(readonly error: EntryError) {
    super(error.message);
  }
}

/** One request to /api/v1; a lost connection is status 0. */
export async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': i18n.language || 'zh-CN', 'X-Requested-With': 'aftersales', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    return { ok: false, error: { status: 0, code: 'network', message: String(err) } };
  }
  const text = await res.text().catch(() => '');
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return { ok: true, data };
  const e = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
  return { ok: false, error: { status: res.status, code: e?.code ?? 'http_error', message: e?.message ?? `HTTP ${res.status}`, details: e?.details ?? {} } };
}

export async function get<T>(path: string): Promise<T> {
  const r = await request('GET', path);
  if (!r.ok) throw new HttpError(r.error);
  return r.data as T;
}

/** Sends a queued change with its Idempotency-Key. */
export function sendEntry(e: OutboxEntry): Promise<SendResult> {
  return request(e.method, e.url, e.body, { 'Idempotency-Key': e.idempotencyKey });
}

/** The server's record an entry changes, for the conflict card. */
export function currentOf(e: OutboxEntry): Promise<unknown> {
  return e.resource?.startsWith('wo:') ? get(`/work-orders/${e.workOrderId}`) : get(`/work-orders/${e.workOrderId}/report`);
}

// ── the offline cache ──

const CACHE = 'aftersales.m.cache';
type CacheShape = Record<string, { at: number; data: unknown }>;

function readCache(): CacheShape {
  try {
    return JSON.parse(localStorage.getItem(CACHE) ?? '{}') as CacheShape;
  } catch {
    return {};
  }
}
export function cached<T>(key: string): { at: number; data: T } | undefined {
  return readCache()[key] as { at: number; data: T } | undefined;
}
export function putCache(key: string, data: unknown) {
  const all = readCache();
  all[key] = { at: Date.now(), data };
  try {
    localStorage.setItem(CACHE, JSON.stringify(all));
  } catch {
    // full: the outbox matters more than the read cache; drop the cache and keep this one
    localStorage.setItem(CACHE, JSON.stringify({ [key]: all[key] }));
  }
}
export function clearCache() {
  localStorage.removeItem(CACHE);
}

/** A query whose last answer is kept in localStorage and shown when the phone is offline. */
function useCachedQuery<T>(key: string, enabled: boolean, fn: () => Promise<T>) {
  const c = enabled ? cached<T>(key) : undefined;
  return useQuery<T>({
    queryKey: ['m', key],
    enabled,
    initialData: c?.data,
    initialDataUpdatedAt: c?.at ?? 0,
    staleTime: 15_000,
    // Each screen opened reads again when it can: the desk may have moved the job meanwhile.
    refetchOnMount: 'always',
    networkMode: 'always',
    retry: (n, err) => !(err instanceof HttpError && err.error.status >= 400 && err.error.status < 500) && n < 1,
    queryFn: async () => {
      const data = await fn();
      putCache(key, data);
      return data;
    },
  });
}

const SHOWN_AFTER = ['resolved', 'signed', 'closed'];
const OPEN = ['dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts'];

/** When the job is next due: the first target not yet met. */
export function nextDue(wo: WorkOrder): string | null {
  const s = wo.sla;
  if (!s.respondedAt && s.responseDueAt) return s.responseDueAt;
  if (!s.arrivedAt && s.arrivalDueAt) return s.arrivalDueAt;
  if (!s.resolvedAt && s.resolutionDueAt) return s.resolutionDueAt;
  return null;
}

/** Open jobs first by due time (no due time last), then today's finished ones. */
export function orderJobs(jobs: Job[]): Job[] {
  const rank = (j: Job) => (OPEN.includes(j.wo.status) ? 0 : 1);
  const due = (j: Job) => {
    const d = nextDue(j.wo);
    return d ? Date.parse(d) : Number.MAX_SAFE_INTEGER;
  };
  return [...jobs].sort((a, b) => rank(a) - rank(b) || due(a) - due(b) || a.wo.id - b.wo.id);
}

async function loadJobs(userId: number): Promise<Job[]> {
  const page = await get<{ items: WorkOrder[] }>(`/work-orders?technicianId=${userId}&limit=100`);
  const today = new Date().toDateString();
  const wos = page.items.filter((w) => w.technicianIds.includes(userId) && (OPEN.includes(w.status) || (SHOWN_AFTER.includes(w.status) && new Date(w.updatedAt).toDateString() === today)));
  const customers = new Map<number, Promise<Customer | null>>();
  const contacts = new Map<number, Promise<Contact[]>>();
  const opt = <T,>(p: Promise<T>, fallback: T) => p.catch(() => fallback);
  const jobs = await Promise.all(
    wos.map(async (wo) => {
      if (!customers.has(wo.customerId)) customers.set(wo.customerId, opt(get<Customer>(`/customers/${wo.customerId}`), null));
      if (!contacts.has(wo.customerId)) contacts.set(wo.customerId, opt(get<{ items: Contact[] }>(`/contacts?customerId=${wo.customerId}&limit=20`).then((p) => p.items), []));
      const [customer, site, cs, unit] = await Promise.all([
        customers.get(wo.customerId)!,
        wo.siteId ? opt(get<Site>(`/sites/${wo.siteId}`), null) : null,
        contacts.get(wo.customerId)!,
        wo.unitId ? opt(get<Unit>(`/units/${wo.unitId}`), null) : null,
      ]);
      return { wo, customer, site, contacts: cs, unit };
    }),
  );
  // Reports of today's jobs are read now, so a job opened offline still has its report.
  await Promise.allSettled(
    jobs
      .filter((j) => j.wo.status !== 'dispatched')
      .map(async (j) => {
        const r = await get<Report>(`/work-orders/${j.wo.id}/report`);
        putCache(`report:${j.wo.id}`, r);
      }),
  );
  return orderJobs(jobs);
}

export function useJobs(userId: number | undefined) {
  return useCachedQuery<Job[]>(`jobs:${userId}`, !!userId, () => loadJobs(userId!));
}

/** My holding summed per part (lots do not matter on site). */
export function heldParts(items: Holding[]): HeldPart[] {
  const m = new Map<number, HeldPart>();
  for (const h of items) {
    const p = m.get(h.partId) ?? { partId: h.partId, partCode: h.partCode ?? `#${h.partId}`, partName: h.partName ?? '', unit: h.unit ?? '', qty: 0 };
    p.qty = Math.round((p.qty + h.qty) * 1000) / 1000;
    m.set(h.partId, p);
  }
  return [...m.values()].filter((p) => p.qty > 0).sort((a, b) => a.partCode.localeCompare(b.partCode));
}

export function useHoldings(userId: number | undefined) {
  return useCachedQuery<Holding[]>(`holdings:${userId}`, !!userId, async () => (await get<{ items: Holding[] }>(`/holdings?userId=${userId}&limit=500`)).items);
}

export function useReport(workOrderId: number, enabled: boolean) {
  return useCachedQuery<Report>(`report:${workOrderId}`, enabled, async () => {
    try {
      return await get<Report>(`/work-orders/${workOrderId}/report`);
    } catch (err) {
      // Before the report API is there (or nothing saved yet on an older server) start empty.
      if (err instanceof HttpError && err.error.status === 404 && err.error.code !== 'unknown_work_order') return emptyReport(workOrderId);
      throw err;
    }
  });
}

export function useTransitions() {
  return useCachedQuery<TransitionRow[]>('transitions', true, async () => (await get<{ items: TransitionRow[] }>('/work-orders/transitions')).items);
}

/** A link that opens the site in a map app: Amap with coordinates, else a geo: search by address. */
export function navigationUrl(site: Site | null, fallbackName: string): string | null {
  if (site && site.latitude !== null && site.longitude !== null) {
    return `https://uri.amap.com/marker?position=${site.longitude},${site.latitude}&name=${encodeURIComponent(site.name || fallbackName)}&coordinate=gaode&callnative=1`;
  }
  const address = site?.address;
  return address ? `geo:0,0?q=${encodeURIComponent(address)}` : null;
}

/** The tel: link of a phone number (spaces and dashes dropped). */
export function telUrl(phone: string | null | undefined): string | null {
  const p = (phone ?? '').replace(/[^\d+]/g, '');
  return p ? `tel:${p}` : null;
}
