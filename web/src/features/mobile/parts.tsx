// Small pieces the phone screens share: the offline banner, the SLA tag, call / navigate buttons,
// status steps, conflict cards.
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined, EnvironmentOutlined, ExclamationCircleOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { navigationUrl, nextDue, telUrl, type Job, type TransitionRow, type WorkOrder } from './api';
import type { OutboxEntry } from './outbox';

export const BIG = { height: 48, fontSize: 16 } as const;

/** The built-in copy of the transition table, used until /work-orders/transitions was read once. */
const FALLBACK: TransitionRow[] = [
  { from: ['dispatched'], to: 'accepted', roles: ['admin', 'service_manager', 'dispatcher', 'technician'] },
  { from: ['accepted'], to: 'en_route', roles: ['admin', 'service_manager', 'dispatcher', 'technician'] },
  { from: ['en_route', 'waiting_parts'], to: 'on_site', roles: ['admin', 'service_manager', 'dispatcher', 'technician'] },
  { from: ['on_site'], to: 'waiting_parts', roles: ['admin', 'service_manager', 'dispatcher', 'technician'] },
];
/** The moves a technician makes on the phone; resolving is the report's submit, signing its signature. */
const FIELD_STEPS = ['accepted', 'en_route', 'on_site', 'waiting_parts'];

export function nextSteps(status: string, table: TransitionRow[] | undefined, roles: string[]): string[] {
  return (table?.length ? table : FALLBACK).filter((r) => FIELD_STEPS.includes(r.to) && r.from.includes(status) && r.roles.some((x) => roles.includes(x))).map((r) => r.to);
}

export function stepLabel(t: (k: string) => string, from: string, to: string) {
  return from === 'waiting_parts' && to === 'on_site' ? t('mobile.step.resume') : t(`mobile.step.${to}`);
}

const LIGHT: Record<string, string> = { ok: 'green', near: 'orange', breached: 'red' };

/** The next due time in the job's SLA colour. */
export function SlaTag({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const due = nextDue(wo);
  const which = !wo.sla.respondedAt && wo.sla.responseDueAt ? 'response' : !wo.sla.arrivedAt && wo.sla.arrivalDueAt ? 'arrival' : 'resolution';
  const light = wo.sla.status ?? 'ok';
  if (!due) return wo.sla.status ? <Tag color={LIGHT[light]}>{t(`mobile.sla.${light}`)}</Tag> : null;
  return (
    <Tag color={LIGHT[light]} data-testid="sla-tag" data-light={light} style={{ marginInlineEnd: 0 }}>
      {t(`mobile.due.${which}`)} {dayjs(due).format('MM-DD HH:mm')}
      {light === 'breached' ? ` · ${t('mobile.sla.breached')}` : ''}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'waiting_parts' ? 'orange' : status === 'on_site' ? 'blue' : status === 'resolved' || status === 'signed' ? 'green' : 'default';
  return (
    <Tag color={color} data-testid="job-status" data-status={status}>
      {t(`mobile.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** Call the contact (or the customer) and open the site in a map app. */
export function ContactButtons({ job }: { job: Job }) {
  const { t } = useTranslation();
  const phone = job.contacts.find((c) => c.phone)?.phone ?? job.customer?.phone;
  const tel = telUrl(phone);
  const nav = navigationUrl(job.site, job.customer?.name ?? '');
  return (
    <Space.Compact block>
      <Button icon={<PhoneOutlined />} href={tel ?? undefined} disabled={!tel} style={{ ...BIG, width: '50%' }} data-testid="call">
        {t('mobile.call')}
      </Button>
      <Button icon={<EnvironmentOutlined />} href={nav ?? undefined} target="_blank" rel="noreferrer" disabled={!nav} style={{ ...BIG, width: '50%' }} data-testid="navigate">
        {t('mobile.navigate')}
      </Button>
    </Space.Compact>
  );
}

/** "离线 — N 项待同步", "正在同步…", and conflicts waiting for a decision. */
export function OutboxBanner({ online, entries }: { online: boolean; entries: OutboxEntry[] }) {
  const { t } = useTranslation();
  const pending = entries.filter((e) => e.state === 'pending').length;
  const stuck = entries.length - pending;
  if (online && entries.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {!online && <Alert type="warning" showIcon icon={<DisconnectOutlined />} message={pending ? t('mobile.offline', { n: pending }) : t('mobile.offlineNone')} data-testid="offline-banner" />}
      {online && pending > 0 && <Alert type="info" showIcon icon={<CloudSyncOutlined />} message={t('mobile.syncing', { n: pending })} data-testid="sync-banner" />}
      {stuck > 0 && <Alert type="error" showIcon icon={<ExclamationCircleOutlined />} message={t('mobile.stuck', { n: stuck })} data-testid="stuck-banner" />}
    </Space>
  );
}

function show(v: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('mobile.yes') : t('mobile.no');
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => (x && typeof x === 'object' ? [(x as Record<string, unknown>).partCode ?? `#${(x as Record<string, unknown>).partId}`, '×', (x as Record<string, unknown>).qty].join(' ') : String(x))).join('，');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${t(`mobile.report.${k}`, { defaultValue: k })}: ${show(x, t)}`).join('；');
  return String(v);
}

/** A queued change the server refused: mine beside the server's, and what to do about it. */
export function ConflictCard({ entry, onKeep, onDiscard, onRetry }: { entry: OutboxEntry; onKeep: () => void; onDiscard: () => void; onRetry: () => void }) {
  const { t } = useTranslation();
  const server = (entry.server ?? {}) as Record<string, unknown>;
  const conflict = entry.state === 'conflict';
  let rows: { label: string; mine: string; theirs: string }[] = [];
  if (entry.kind === 'transition') {
    rows = [{ label: t('mobile.conflict.status'), mine: t(`mobile.status.${String(entry.body.to)}`), theirs: server.status ? t(`mobile.status.${String(server.status)}`) : '—' }];
  } else if (entry.kind === 'report') {
    rows = Object.keys(entry.body)
      .filter((k) => k !== 'version')
      .map((k) => ({ label: t(`mobile.report.${k}`, { defaultValue: k }), mine: show(entry.body[k], t), theirs: show(server[k], t) }))
      .filter((r) => r.mine !== r.theirs);
  } else {
    rows = [{ label: t('mobile.conflict.report'), mine: t(`mobile.kind.${entry.kind}`), theirs: server.status ? t(`mobile.reportStatus.${String(server.status)}`) : '—' }];
  }
  return (
    <Card size="small" style={{ borderColor: '#ff4d4f', marginBottom: 12 }} data-testid={conflict ? 'conflict-card' : 'failed-card'} title={<Typography.Text type="danger">{conflict ? t('mobile.conflict.title', { what: t(`mobile.kind.${entry.kind}`) }) : t('mobile.conflict.failed', { what: t(`mobile.kind.${entry.kind}`) })}</Typography.Text>}>
      <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="conflict-message">
        {entry.error?.message}
      </Typography.Paragraph>
      {conflict && rows.length > 0 && (
        <table style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 8, fontSize: 13 }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left', width: '28%' }} />
              <th style={{ textAlign: 'left' }}>{t('mobile.conflict.mine')}</th>
              <th style={{ textAlign: 'left' }}>{t('mobile.conflict.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} style={{ borderTop: '1px solid #f0f0f0', verticalAlign: 'top' }} data-testid="conflict-row">
                <td style={{ color: '#8c8c8c', paddingBlock: 4 }}>{r.label}</td>
                <td style={{ paddingBlock: 4, wordBreak: 'break-word' }} data-testid="conflict-mine">{r.mine}</td>
                <td style={{ paddingBlock: 4, wordBreak: 'break-word' }} data-testid="conflict-theirs">{r.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {conflict ? (
          <Button type="primary" block style={BIG} onClick={onKeep} data-testid="keep-mine">
            {t('mobile.conflict.keep')}
          </Button>
        ) : (
          <Button type="primary" block style={BIG} onClick={onRetry} data-testid="retry">
            {t('mobile.conflict.retry')}
          </Button>
        )}
        <Button danger block style={BIG} onClick={onDiscard} data-testid="discard-mine">
          {t('mobile.conflict.discard')}
        </Button>
      </Space>
    </Card>
  );
}
