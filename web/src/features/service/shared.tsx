// Small pieces the service desk screens share: SLA colour tags, status tags, time formatting,
// customer / site / unit lookups.
import { Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, type Res } from '../../api/client';

export type WorkOrder = Res<'/work-orders'>['items'][number];
export type Light = 'ok' | 'near' | 'breached' | null | undefined;

export const LIGHT_COLOR: Record<string, string> = { ok: 'green', near: 'orange', breached: 'red' };
export const STATUS_COLOR: Record<string, string> = { new: 'blue', dispatched: 'geekblue', accepted: 'cyan', en_route: 'cyan', on_site: 'purple', waiting_parts: 'orange', resolved: 'green', signed: 'green', closed: 'default', cancelled: 'default' };
export const OPEN = ['new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts'];
export const CATEGORIES = ['engine', 'chassis', 'body', 'electrical', 'maintenance'];

export const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('MM-DD HH:mm') : '—');

/** The next due time of a work order's open targets (earliest not yet met). */
export function nextDue(w: WorkOrder): string | null {
  const s = w.sla;
  const open = [s.respondedAt ? null : s.responseDueAt, s.arrivedAt ? null : s.arrivalDueAt, s.resolvedAt ? null : s.resolutionDueAt].filter((x): x is string => !!x);
  return open.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

/** Green / orange / red by how near the breach is; a breached one says so in words too. */
export function SlaTag({ light, due, testId }: { light: Light; due?: string | null; testId?: string }) {
  const { t } = useTranslation();
  if (!light) return <Tag data-testid={testId}>{t('service.light.none')}</Tag>;
  return (
    <Tooltip title={due ? fmt(due) : undefined}>
      <Tag color={LIGHT_COLOR[light]} data-testid={testId} data-light={light}>
        {due ? `${fmt(due)} · ` : ''}
        {t(`service.light.${light}`)}
      </Tag>
    </Tooltip>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`service.status.${status}`, { defaultValue: status })}</Tag>;
}

export function useSites(customerId: number | undefined) {
  return useQuery({ queryKey: ['sites', customerId], enabled: !!customerId, queryFn: async () => (await apiGet('/sites', { customerId, limit: 500 })).items });
}
export function useUnits(customerId: number | undefined) {
  return useQuery({ queryKey: ['units', 'customer', customerId], enabled: !!customerId, queryFn: async () => (await apiGet('/units', { customerId, limit: 500 })).items });
}
export function useModels() {
  return useQuery({ queryKey: ['product-models'], staleTime: 60_000, queryFn: async () => (await apiGet('/product-models', { limit: 500 })).items });
}
