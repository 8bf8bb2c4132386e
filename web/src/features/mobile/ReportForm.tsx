// The service report on the phone (R-SVC-7, point 7): findings listen / look / check, cause,
// responsibility, actions, odometer / hours, tampered, time spent, parts used (only what I hold,
// qty ≤ held), old parts to bring back, photos; every keystroke kept on the phone at once and
// sent as one report edit a moment later (through the outbox). Submitting makes it read-only and
// brings the signature pad; after signing it links to the PDF.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Divider, Form, Image, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { CameraOutlined, CheckCircleOutlined, FilePdfOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';
import { emptyReport, heldParts, useHoldings, useReport, type HeldPart, type Report, type WorkOrder } from './api';
import { projectReport, type NewEntry, type OutboxEntry } from './outbox';
import { outboxFor } from './useOutbox';
import { BIG } from './parts';
import { downscale } from './photo';
import { SignaturePad } from './SignaturePad';

type Fields = Pick<Report, 'findings' | 'cause' | 'responsibility' | 'actions' | 'odometerKm' | 'runningHours' | 'tampered' | 'minutesSpent' | 'partsUsed' | 'oldParts'>;
const EDITABLE_WO = ['accepted', 'en_route', 'on_site', 'waiting_parts'];
const RESPONSIBILITY = ['customer', 'manufacturer', 'dealer', 'supplier', 'unknown'];
const SAVE_AFTER_MS = 800;

const draftKey = (id: number) => `aftersales.m.draft.${id}`;
function readDraft(id: number): Partial<Fields> {
  try {
    return JSON.parse(localStorage.getItem(draftKey(id)) ?? '{}') as Partial<Fields>;
  } catch {
    return {};
  }
}

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(isEmpty));

/** What the server will still ask for (mirrors its rules, so the phone knows offline too). */
function missingLocally(r: Report): string[] {
  const m: string[] = [];
  if (isEmpty(r.findings)) m.push('findings');
  for (const f of ['cause', 'responsibility', 'actions', 'minutesSpent'] as const) if (isEmpty(r[f])) m.push(f);
  r.partsUsed.forEach((p, i) => isEmpty(p.reason) && m.push(`partsUsed.${i}.reason`));
  return m;
}
const incomplete = (rows: { partId: number; qty: unknown }[] | undefined) => !!rows?.some((p) => !p.partId || !(Number(p.qty) > 0));
function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Only the fields the server takes in an edit (the report view carries codes and names too). */
function editBody(d: Partial<Fields>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d };
  if (d.partsUsed) out.partsUsed = d.partsUsed.map((p) => ({ partId: p.partId, qty: String(p.qty), reason: p.reason ?? null }));
  if (d.oldParts) out.oldParts = d.oldParts.map((p) => ({ partId: p.partId, qty: String(p.qty) }));
  return out;
}

export function ReportSection({ userId, wo, queue, entries }: { userId: number; wo: WorkOrder; queue: (e: NewEntry) => void; entries: OutboxEntry[] }) {
  const { t } = useTranslation();
  const server = useReport(wo.id, true);
  const holdings = useHoldings(userId);
  const base = server.data ?? (server.isError ? emptyReport(wo.id) : undefined);
  if (!base) return <Card loading size="small" />;
  const report = projectReport(base, entries, wo.id);
  return (
    <ReportBody
      key={wo.id}
      wo={wo}
      report={report}
      held={heldParts(holdings.data ?? [])}
      queue={queue}
      versionNow={() => projectReport(base, outboxFor(userId).load(), wo.id).version}
      loadError={server.isError && !server.data ? t('mobile.report.unavailable') : null}
      t={t}
    />
  );
}

function ReportBody({ wo, report, held, queue, versionNow, loadError, t }: { wo: WorkOrder; report: Report; held: HeldPart[]; queue: (e: NewEntry) => void; versionNow: () => number; loadError: string | null; t: (k: string, o?: Record<string, unknown>) => string }) {
  const [draft, setDraft] = useState<Partial<Fields>>(() => readDraft(wo.id));
  const draftRef = useRef(draft);
  const versionRef = useRef(versionNow);
  versionRef.current = versionNow;
  const timer = useRef<number | undefined>(undefined);
  const editable = report.status === 'draft' && EDITABLE_WO.includes(wo.status);
  const view: Report = { ...report, ...draft };

  /** Queues what was typed since the last edit as one report edit. */
  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    const d = { ...draftRef.current };
    // A part line without its part or quantity stays on the phone until it is complete.
    const keep: Partial<Fields> = {};
    if (incomplete(d.partsUsed)) {
      keep.partsUsed = d.partsUsed;
      delete d.partsUsed;
    }
    if (incomplete(d.oldParts)) {
      keep.oldParts = d.oldParts;
      delete d.oldParts;
    }
    if (Object.keys(d).length === 0) return;
    queue({ kind: 'report', workOrderId: wo.id, method: 'PUT', url: `/work-orders/${wo.id}/report`, body: editBody(d), resource: `report:${wo.id}`, baseVersion: versionRef.current() });
    draftRef.current = keep;
    setDraft(keep);
    if (Object.keys(keep).length) localStorage.setItem(draftKey(wo.id), JSON.stringify(keep));
    else localStorage.removeItem(draftKey(wo.id));
  }, [queue, wo.id]);

  useEffect(() => {
    // A draft left from before (the phone was closed mid-typing) goes out now.
    if (editable && Object.keys(draftRef.current).length) flush();
    return () => flush();
  }, [flush, editable]);

  const change = (patch: Partial<Fields>) => {
    const next = { ...draftRef.current, ...patch };
    draftRef.current = next;
    setDraft(next);
    localStorage.setItem(draftKey(wo.id), JSON.stringify(next));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(flush, SAVE_AFTER_MS);
  };

  const heldOf = (partId: number) => held.find((h) => h.partId === partId)?.qty ?? 0;
  const overHeld = view.partsUsed.filter((p) => Number(p.qty) > heldOf(p.partId) || !(Number(p.qty) > 0));
  const missing = [...new Set([...missingLocally(view), ...(report.missing ?? []).filter((f) => isEmpty(at(view, f)))])];
  const unfinishedRows = incomplete(view.partsUsed) || incomplete(view.oldParts);

  const submit = () => {
    flush();
    queue({ kind: 'submit', workOrderId: wo.id, method: 'POST', url: `/work-orders/${wo.id}/report/submit`, body: {}, resource: `report:${wo.id}`, baseVersion: versionRef.current() });
  };

  const input = (name: keyof Fields, label: string, opts: { area?: boolean; decimal?: boolean } = {}) => (
    <Form.Item label={label} style={{ marginBottom: 12 }}>
      {opts.area ? (
        <Input.TextArea value={(view[name] as string | null) ?? ''} disabled={!editable} autoSize={{ minRows: 2 }} onChange={(e) => change({ [name]: e.target.value || null })} data-testid={`report-${name}`} style={{ fontSize: 16 }} />
      ) : (
        <Input size="large" value={(view[name] as string | null) ?? ''} disabled={!editable} inputMode={opts.decimal ? 'decimal' : undefined} onChange={(e) => {
            const v = e.target.value.trim();
            if (opts.decimal && v && !/^\d{0,9}(\.\d{0,3})?$/.test(v)) return;
            change({ [name]: v || null });
          }} data-testid={`report-${name}`} />
      )}
    </Form.Item>
  );
  const finding = (k: 'listen' | 'look' | 'check') => (
    <Form.Item label={t(`mobile.report.${k}`)} style={{ marginBottom: 12 }}>
      <Input.TextArea
        value={view.findings[k] ?? ''}
        disabled={!editable}
        autoSize={{ minRows: 2 }}
        style={{ fontSize: 16 }}
        data-testid={`report-findings-${k}`}
        onChange={(e) => change({ findings: { ...view.findings, [k]: e.target.value || null } })}
      />
    </Form.Item>
  );

  const partOptions = held.map((h) => ({ value: h.partId, label: `${h.partCode} ${h.partName}（${t('mobile.report.held', { qty: h.qty })}）` }));
  const usedRows = view.partsUsed;
  const oldRows = view.oldParts;
  const knownPart = (id: number) => held.find((h) => h.partId === id) ?? view.partsUsed.find((p) => p.partId === id) ?? view.oldParts.find((p) => p.partId === id);
  const oldOptions = [...new Map([...held.map((h) => [h.partId, `${h.partCode} ${h.partName}`] as const), ...view.partsUsed.map((p) => [p.partId, `${p.partCode ?? knownPart(p.partId)?.partCode ?? `#${p.partId}`} ${p.partName ?? ''}`] as const)]).entries()].map(([value, label]) => ({ value, label }));

  return (
    <Card
      size="small"
      title={
        <Space>
          {t('mobile.report.title')}
          <Tag color={report.status === 'signed' ? 'green' : report.status === 'submitted' ? 'blue' : 'default'} data-testid="report-status" data-status={report.status}>
            {t(`mobile.reportStatus.${report.status}`)}
          </Tag>
        </Space>
      }
      styles={{ body: { padding: 12 } }}
      data-testid="report"
    >
      {loadError && <Alert type="warning" showIcon message={loadError} style={{ marginBottom: 12 }} />}
      {report.status === 'draft' && !EDITABLE_WO.includes(wo.status) && <Alert type="info" showIcon message={t('mobile.report.notYet')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" size="large">
        <Typography.Text strong>{t('mobile.report.findings')}</Typography.Text>
        {finding('listen')}
        {finding('look')}
        {finding('check')}
        {input('cause', t('mobile.report.cause'), { area: true })}
        <Form.Item label={t('mobile.report.responsibility')} style={{ marginBottom: 12 }}>
          <Select
            value={view.responsibility ?? undefined}
            disabled={!editable}
            allowClear
            onChange={(v: string | undefined) => change({ responsibility: v ?? null })}
            options={RESPONSIBILITY.map((r) => ({ value: r, label: t(`mobile.responsibility.${r}`) }))}
            data-testid="report-responsibility"
          />
        </Form.Item>
        {input('actions', t('mobile.report.actions'), { area: true })}
        <Space style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
          {input('odometerKm', t('mobile.report.odometerKm'), { decimal: true })}
          {input('runningHours', t('mobile.report.runningHours'), { decimal: true })}
        </Space>
        <Space style={{ width: '100%' }} styles={{ item: { flex: 1 } }} align="start">
          <Form.Item label={t('mobile.report.minutesSpent')} style={{ marginBottom: 12 }}>
            <InputNumber
              value={view.minutesSpent ?? null}
              disabled={!editable}
              min={0}
              max={100000}
              precision={0}
              inputMode="numeric"
              style={{ width: '100%' }}
              onChange={(v) => change({ minutesSpent: v === null ? null : Number(v) })}
              data-testid="report-minutesSpent"
            />
          </Form.Item>
          <Form.Item label={t('mobile.report.tampered')} style={{ marginBottom: 12 }}>
            <Switch checked={!!view.tampered} disabled={!editable} onChange={(v) => change({ tampered: v })} data-testid="report-tampered" />
          </Form.Item>
        </Space>

        <Divider style={{ margin: '8px 0' }} />
        <Typography.Text strong>{t('mobile.report.partsUsed')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('mobile.report.partsUsedHint')}
        </Typography.Paragraph>
        {usedRows.map((p, i) => {
          const over = editable && overHeld.includes(p);
          return (
            <Card key={i} size="small" style={{ marginBottom: 8 }} styles={{ body: { padding: 8 } }} data-testid="used-row">
              {editable ? (
                <Select
                  value={p.partId || undefined}
                  options={partOptions}
                  placeholder={t('mobile.report.pickHeld')}
                  style={{ width: '100%', marginBottom: 8 }}
                  onChange={(v: number) => change({ partsUsed: usedRows.map((x, k) => (k === i ? { ...x, partId: v, partCode: undefined, partName: undefined } : x)) })}
                  data-testid={`used-part-${i}`}
                />
              ) : (
                <div>{`${p.partCode ?? knownPart(p.partId)?.partCode ?? `#${p.partId}`} ${p.partName ?? knownPart(p.partId)?.partName ?? ''}`}</div>
              )}
              <Space align="start" style={{ width: '100%' }}>
                <InputNumber
                  value={p.qty === '' ? null : Number(p.qty)}
                  disabled={!editable}
                  min={0}
                  max={editable ? heldOf(p.partId) || undefined : undefined}
                  status={over ? 'error' : undefined}
                  inputMode="decimal"
                  style={{ width: 96 }}
                  onChange={(v) => change({ partsUsed: usedRows.map((x, k) => (k === i ? { ...x, qty: v === null ? '' : String(v) } : x)) })}
                  data-testid={`used-qty-${i}`}
                />
                <Input value={p.reason ?? ''} disabled={!editable} placeholder={t('mobile.report.reason')} onChange={(e) => change({ partsUsed: usedRows.map((x, k) => (k === i ? { ...x, reason: e.target.value || null } : x)) })} />
                {editable && <Button icon={<MinusCircleOutlined />} onClick={() => change({ partsUsed: usedRows.filter((_x, k) => k !== i) })} aria-label={t('common.removeLine')} />}
              </Space>
              {over && (
                <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="over-held">
                  {t('mobile.report.overHeld', { qty: heldOf(p.partId) })}
                </Typography.Text>
              )}
            </Card>
          );
        })}
        {editable && (
          <Button block icon={<PlusOutlined />} disabled={held.length === 0} onClick={() => change({ partsUsed: [...usedRows, { partId: 0, qty: '1', reason: null }] })} style={{ marginBottom: 12 }} data-testid="add-used">
            {held.length === 0 ? t('holdings.empty') : t('mobile.report.addUsed')}
          </Button>
        )}

        <Typography.Text strong>{t('mobile.report.oldParts')}</Typography.Text>
        {oldRows.map((p, i) => (
          <div key={i} style={{ display: 'flex', gap: 8, width: '100%', marginTop: 8 }} data-testid="old-row">
            {editable ? (
              <Select value={p.partId || undefined} options={oldOptions} style={{ flex: 1, minWidth: 0 }} placeholder={t('common.part')} onChange={(v: number) => change({ oldParts: oldRows.map((x, k) => (k === i ? { ...x, partId: v } : x)) })} data-testid={`old-part-${i}`} />
            ) : (
              <span style={{ flex: 1, minWidth: 0, alignSelf: 'center' }}>{`${p.partCode ?? knownPart(p.partId)?.partCode ?? `#${p.partId}`} ${p.partName ?? ''}`}</span>
            )}
            <InputNumber value={p.qty === '' ? null : Number(p.qty)} disabled={!editable} min={0} inputMode="decimal" style={{ width: 80 }} onChange={(v) => change({ oldParts: oldRows.map((x, k) => (k === i ? { ...x, qty: v === null ? '' : String(v) } : x)) })} data-testid={`old-qty-${i}`} />
            {editable && <Button icon={<MinusCircleOutlined />} onClick={() => change({ oldParts: oldRows.filter((_x, k) => k !== i) })} aria-label={t('common.removeLine')} />}
          </div>
        ))}
        {editable && (
          <Space.Compact block style={{ marginTop: 8, marginBottom: 12 }}>
            <Button icon={<PlusOutlined />} style={{ width: '50%' }} onClick={() => change({ oldParts: [...oldRows, { partId: 0, qty: '1' }] })} data-testid="add-old">
              {t('mobile.report.addOld')}
            </Button>
            <Button style={{ width: '50%' }} disabled={usedRows.length === 0} onClick={() => change({ oldParts: usedRows.filter((u) => u.partId).map((u) => ({ partId: u.partId, partCode: u.partCode, partName: u.partName, qty: u.qty })) })} data-testid="old-same">
              {t('mobile.report.oldSameAsUsed')}
            </Button>
          </Space.Compact>
        )}
        {!editable && oldRows.length === 0 && <div style={{ color: '#8c8c8c' }}>—</div>}

        <Divider style={{ margin: '8px 0' }} />
        <Photos wo={wo} report={report} editable={report.status !== 'signed' && (editable || report.status === 'submitted')} queue={queue} t={t} />
      </Form>

      {editable && (
        <>
          <Divider style={{ margin: '12px 0' }} />
          {missing.length > 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="report-missing" message={t('mobile.report.missing', { fields: missing.map((f) => t(`mobile.report.${f.split('.').at(-1)}`, { defaultValue: f })).join('、') })} />
          )}
          {wo.status !== 'on_site' && <Typography.Paragraph type="secondary">{t('mobile.report.submitOnSite')}</Typography.Paragraph>}
          <Button type="primary" block style={BIG} icon={<CheckCircleOutlined />} disabled={wo.status !== 'on_site' || missing.length > 0 || overHeld.length > 0 || unfinishedRows} onClick={submit} data-testid="report-submit">
            {t('mobile.report.submit')}
          </Button>
        </>
      )}
      {report.status === 'submitted' && <SignSection wo={wo} report={report} queue={queue} t={t} />}
      {report.status === 'signed' && (
        <div style={{ marginTop: 12 }} data-testid="signed">
          <Alert type="success" showIcon message={t('mobile.sign.done', { name: report.signerName ?? '' })} style={{ marginBottom: 8 }} />
          <Button block style={BIG} icon={<FilePdfOutlined />} href={apiUrl(`/work-orders/${wo.id}/report.pdf`)} target="_blank" data-testid="report-pdf">
            {t('mobile.report.pdf')}
          </Button>
        </div>
      )}
    </Card>
  );
}

const photoSrc = (p: { url: string; src?: string }) => p.src ?? (p.url.startsWith('data:') || p.url.startsWith('/api/') || p.url.startsWith('http') ? p.url : `/api/v1${p.url}`);

function Photos({ wo, report, editable, queue, t }: { wo: WorkOrder; report: Report; editable: boolean; queue: (e: NewEntry) => void; t: (k: string, o?: Record<string, unknown>) => string }) {
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const take = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    try {
      for (const f of Array.from(files)) {
        const { dataUrl } = await downscale(f);
        queue({ kind: 'photo', workOrderId: wo.id, method: 'POST', url: `/work-orders/${wo.id}/report/photos`, body: { dataUrl, caption: null }, resource: `report:${wo.id}`, baseVersion: null });
      }
    } catch (err) {
      setError(err instanceof DOMException && err.name === 'QuotaExceededError' ? t('mobile.report.photoNoRoom') : t('mobile.report.photoFailed'));
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };
  return (
    <div>
      <Typography.Text strong>{t('mobile.report.photos')}</Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0' }} data-testid="photos">
        <Image.PreviewGroup>
          {report.photos.map((p) => (
            <div key={p.id} style={{ position: 'relative' }} data-testid="photo">
              <Image src={photoSrc(p)} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} alt={p.caption ?? ''} />
              {p.pending && (
                <Tag color="orange" style={{ position: 'absolute', left: 2, bottom: 2, margin: 0, fontSize: 11 }}>
                  {t('mobile.pendingShort')}
                </Tag>
              )}
            </div>
          ))}
        </Image.PreviewGroup>
        {report.photos.length === 0 && <span style={{ color: '#8c8c8c' }}>—</span>}
      </div>
      {editable && (
        <>
          <input ref={file} type="file" accept="image/*" capture="environment" multiple style={{ display: 'none' }} onChange={(e) => void take(e.target.files)} data-testid="photo-input" />
          <Button block style={BIG} icon={<CameraOutlined />} loading={busy} onClick={() => file.current?.click()} data-testid="photo-take">
            {t('mobile.report.takePhoto')}
          </Button>
        </>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
    </div>
  );
}

function SignSection({ wo, report, queue, t }: { wo: WorkOrder; report: Report; queue: (e: NewEntry) => void; t: (k: string, o?: Record<string, unknown>) => string }) {
  const [png, setPng] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const sign = () => {
    setTried(true);
    if (!png || !name.trim()) return;
    queue({ kind: 'sign', workOrderId: wo.id, method: 'POST', url: `/work-orders/${wo.id}/report/sign`, body: { signature: png, signerName: name.trim() }, resource: `report:${wo.id}`, baseVersion: report.version });
  };
  return (
    <div style={{ marginTop: 12 }} data-testid="sign-section">
      <Divider style={{ margin: '12px 0' }} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('mobile.sign.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mobile.sign.hint')}</Typography.Paragraph>
      <SignaturePad onChange={setPng} />
      {tried && !png && (
        <Typography.Text type="danger" data-testid="signature-empty">
          {t('mobile.sign.empty')}
        </Typography.Text>
      )}
      <Input size="large" placeholder={t('mobile.sign.name')} value={name} onChange={(e) => setName(e.target.value)} style={{ marginTop: 8 }} status={tried && !name.trim() ? 'error' : undefined} data-testid="signer-name" />
      <Button type="primary" block style={{ ...BIG, marginTop: 8 }} onClick={sign} data-testid="sign">
        {t('mobile.sign.submit')}
      </Button>
    </div>
  );
}
