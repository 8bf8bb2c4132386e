// Small helpers of the service-extras screens: PUT and DELETE (the shared client has GET, POST and
// PATCH), the response types from the generated schema, and the list of work orders to pick from.
import { useQuery } from '@tanstack/react-query';
import i18n from 'i18next';
import { apiGet, ApiError, type Res } from '../../api/client';

export type CarryIn = Res<'/carry-ins/{id}'>;
export type Loaner = Res<'/loaners'>['items'][number];
export type Loan = Res<'/loaner-loans'>['items'][number];
export type Charges = Res<'/work-orders/{id}/charges'>;
export type InvoiceRequest = Res<'/invoice-requests'>['items'][number];
export type DailyReport = Res<'/daily-reports/{id}'>;
export type RollUp = Res<'/daily-reports/roll-up'>;
export type Notification = Res<'/notifications'>['items'][number];

/** PUT or DELETE as the shared client sends requests (cookie, CSRF header, language). */
export async function send<T>(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': i18n.language, 'X-Requested-With': 'aftersales', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details: Record<string, unknown> } } | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'http_error', data?.error?.message ?? `HTTP ${res.status}`, data?.error?.details ?? {});
  return data as T;
}

/** Recent work orders (newest 200) for pickers: number, customer and type. */
export function useWorkOrderOptions() {
  return useQuery({
    queryKey: ['svcx', 'work-orders'],
    queryFn: async () => (await apiGet('/work-orders', { limit: 200 })).items,
    select: (items) => items.map((w) => ({ value: w.id, label: `${w.number} · ${w.serviceType} · ${w.fault.slice(0, 24)}`, customerId: w.customerId })),
  });
}


