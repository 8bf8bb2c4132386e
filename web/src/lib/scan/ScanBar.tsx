// The scan strip above a form's lines: the camera button, what the last scan did, and for an
// unknown barcode an offer to create the part (where the form can).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Spin, Typography } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { partLabel } from '../../features/parts/PartSelect';
import { cameraError, cameraUnavailable, makeDetector } from './camera';
import type { LineScan } from './useLineScan';

function CameraModal({ onCode, onClose, onError }: { onCode: (code: string) => void; onClose: () => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer = 0;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      } catch (err) {
        if (!stopped) onError(cameraError(err));
        return;
      }
      const v = video.current;
      if (stopped || !v) return;
      v.srcObject = stream;
      await v.play().catch(() => {});
      const detect = await makeDetector();
      setReady(true);
      const tick = async () => {
        if (stopped) return;
        const code = await detect(v).catch(() => null);
        if (stopped) return;
        if (code) onCode(code);
        else timer = window.setTimeout(() => void tick(), 200);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    // The camera opens once per modal; the callbacks only close it.
  }, []);
  return (
    <Modal open title={t('scan.title')} onCancel={onClose} footer={null} destroyOnHidden width={480} data-testid="scan-camera-modal">
      <div style={{ position: 'relative', background: '#000', borderRadius: 8, overflow: 'hidden' }}>
        <video ref={video} muted playsInline style={{ width: '100%', display: 'block', minHeight: 200 }} />
        {!ready && (
          <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
            <Spin />
          </div>
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('scan.aim')}
      </Typography.Paragraph>
    </Modal>
  );
}

export function ScanBar({ scan, onCreatePart }: { scan: LineScan; onCreatePart?: (code: string) => void }) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState(false);
  const [cameraMsg, setCameraMsg] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const s = scan.state;

  const openCamera = async () => {
    setCameraMsg(null);
    setChecking(true);
    const why = await cameraUnavailable();
    setChecking(false);
    if (why) setCameraMsg(why);
    else setCamera(true);
  };

  let status = null;
  if (s?.kind === 'looking') status = <Alert type="info" showIcon message={t('scan.looking', { code: s.code })} />;
  else if (s?.kind === 'added')
    status = (
      <Alert
        type="success"
        showIcon
        closable
        onClose={scan.clear}
        message={s.incremented ? t('scan.incremented', { part: partLabel(s.part), qty: s.qty }) : t('scan.added', { part: partLabel(s.part), line: s.line + 1 })}
      />
    );
  else if (s?.kind === 'unknown')
    status = (
      <Alert
        type="warning"
        showIcon
        closable
        onClose={scan.clear}
        message={t('scan.unknown', { code: s.code })}
        action={
          onCreatePart && (
            <Button size="small" type="primary" onClick={() => onCreatePart(s.code)} data-testid="scan-create-part">
              {t('scan.createPart')}
            </Button>
          )
        }
      />
    );
  else if (s?.kind === 'error') status = <Alert type="error" showIcon closable onClose={scan.clear} message={s.message} />;

  return (
    <div style={{ marginBottom: 16 }}>
      <Space wrap align="center" style={{ marginBottom: status || cameraMsg ? 8 : 0 }}>
        <Button icon={<ScanOutlined />} onClick={() => void openCamera()} loading={checking} data-testid="scan-camera">
          {t('scan.button')}
        </Button>
        <Typography.Text type="secondary" data-testid="scan-hint">{t('scan.hint')}</Typography.Text>
      </Space>
      <div data-testid="scan-status">{status}</div>
      {cameraMsg && <Alert type="warning" showIcon closable onClose={() => setCameraMsg(null)} message={cameraMsg} data-testid="scan-camera-error" style={{ marginTop: status ? 8 : 0 }} />}
      {camera && (
        <CameraModal
          onClose={() => setCamera(false)}
          onError={(m) => {
            setCamera(false);
            setCameraMsg(m);
          }}
          onCode={(code) => {
            setCamera(false);
            void scan.scan(code);
          }}
        />
      )}
    </div>
  );
}
