// The customer's signature: a canvas drawn with a finger or stylus (pointer events), cleared with
// one button, given out as a PNG data URL; an empty or scribble-sized pad gives null.
import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Ink shorter than this (CSS px of pen travel) is a tap, not a signature. */
const MIN_INK = 40;

export function SignaturePad({ onChange, height = 180, disabled = false }: { onChange: (png: string | null) => void; height?: number; disabled?: boolean }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const ink = useRef(0);
  const [empty, setEmpty] = useState(true);

  // The bitmap follows the element's width and the screen's pixel ratio (sharp lines on phones).
  useEffect(() => {
    const c = canvas.current!;
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      const w = c.clientWidth;
      if (c.width === Math.round(w * ratio)) return;
      c.width = Math.round(w * ratio);
      c.height = Math.round(height * ratio);
      const g = c.getContext('2d')!;
      g.scale(ratio, ratio);
      g.lineWidth = 2.5;
      g.lineCap = 'round';
      g.lineJoin = 'round';
      g.strokeStyle = '#111';
      ink.current = 0;
      setEmpty(true);
      onChange(null);
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [height, onChange]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    last.current = point(e);
    const g = e.currentTarget.getContext('2d')!;
    g.beginPath();
    g.arc(last.current.x, last.current.y, 1.2, 0, Math.PI * 2);
    g.fillStyle = '#111';
    g.fill();
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    const p = point(e);
    const g = e.currentTarget.getContext('2d')!;
    g.beginPath();
    g.moveTo(last.current.x, last.current.y);
    g.lineTo(p.x, p.y);
    g.stroke();
    ink.current += Math.hypot(p.x - last.current.x, p.y - last.current.y);
    last.current = p;
  };
  const up = () => {
    if (!last.current) return;
    last.current = null;
    const signed = ink.current >= MIN_INK;
    setEmpty(!signed);
    onChange(signed ? canvas.current!.toDataURL('image/png') : null);
  };
  const clear = () => {
    const c = canvas.current!;
    const g = c.getContext('2d')!;
    g.save();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, c.width, c.height);
    g.restore();
    ink.current = 0;
    setEmpty(true);
    onChange(null);
  };

  return (
    <div>
      <div style={{ position: 'relative', border: '1px dashed #8c8c8c', borderRadius: 8, background: '#fff' }}>
        <canvas
          ref={canvas}
          data-testid="signature-pad"
          style={{ display: 'block', width: '100%', height, touchAction: 'none', cursor: disabled ? 'default' : 'crosshair' }}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          onPointerLeave={up}
        />
        {empty && (
          <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#bfbfbf', pointerEvents: 'none', fontSize: 16 }}>
            {t('mobile.sign.here')}
          </div>
        )}
      </div>
      <Button icon={<ClearOutlined />} onClick={clear} disabled={disabled || empty} style={{ marginTop: 8 }} data-testid="signature-clear">
        {t('mobile.sign.clear')}
      </Button>
    </div>
  );
}
