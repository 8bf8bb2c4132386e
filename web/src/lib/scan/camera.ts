// Reading barcodes from the camera: the browser's BarcodeDetector where it has one (Chrome on
// Android), else ZXing loaded on demand. Every way the camera can be missing gets its own message.
import i18n from '../../i18n';

const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'itf', 'qr_code'];

type Detect = (video: HTMLVideoElement) => Promise<string | null>;
interface DetectorCtor {
  new (o: { formats: string[] }): { detect(src: HTMLVideoElement): Promise<{ rawValue: string }[]> };
  getSupportedFormats(): Promise<string[]>;
}

/** Null when the camera can be tried; else why not, in the user's language. */
export async function cameraUnavailable(): Promise<string | null> {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  // Browsers hide the camera API on plain http except for localhost.
  if (!md?.getUserMedia) return i18n.t('scan.noCameraApi');
  try {
    // Some browsers take seconds to list devices; past that, getUserMedia gets to say.
    const devices = await Promise.race([md.enumerateDevices(), new Promise<null>((r) => setTimeout(() => r(null), 6000))]);
    if (devices && !devices.some((d) => d.kind === 'videoinput')) return i18n.t('scan.noCamera');
  } catch {
    // enumerateDevices refused: getUserMedia will say what is wrong
  }
  return null;
}

/** The message for a failed getUserMedia. */
export function cameraError(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return i18n.t('scan.denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return i18n.t('scan.noCamera');
  if (name === 'NotReadableError') return i18n.t('scan.busy');
  return i18n.t('scan.cameraError', { message: err instanceof Error ? err.message : String(err) });
}

export async function makeDetector(): Promise<Detect> {
  const BD = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  if (BD) {
    try {
      const supported = await BD.getSupportedFormats();
      const formats = FORMATS.filter((f) => supported.includes(f));
      if (formats.length > 0) {
        const d = new BD({ formats });
        return async (v) => (await d.detect(v))[0]?.rawValue ?? null;
      }
    } catch {
      // a detector without formats: fall back to ZXing
    }
  }
  const { createZxingDecoder } = await import('./zxing');
  const decode = createZxingDecoder();
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (v) => {
    if (!ctx || !v.videoWidth) return null;
    const scale = Math.min(1, 960 / v.videoWidth);
    canvas.width = Math.round(v.videoWidth * scale);
    canvas.height = Math.round(v.videoHeight * scale);
    ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
    return decode(ctx.getImageData(0, 0, canvas.width, canvas.height));
  };
}
