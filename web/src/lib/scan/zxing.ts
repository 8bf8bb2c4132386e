// The camera fallback where the browser has no BarcodeDetector: ZXing in plain JavaScript,
// loaded only when the camera opens (it would add ~100 kB to the entry chunk).
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';

const FORMATS = [BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E, BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.ITF, BarcodeFormat.QR_CODE];

/** A decoder for video frames: RGBA pixels in, the barcode's text (or null) out. */
export function createZxingDecoder(): (img: ImageData) => string | null {
  const reader = new MultiFormatReader();
  reader.setHints(
    new Map<DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, FORMATS],
      [DecodeHintType.TRY_HARDER, true],
    ]),
  );
  return (img) => {
    const { data, width, height } = img;
    const lum = new Uint8ClampedArray(width * height);
    for (let i = 0, j = 0; i < lum.length; i++, j += 4) lum[i] = (data[j] * 299 + data[j + 1] * 587 + data[j + 2] * 114) / 1000;
    try {
      return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, width, height)))).getText();
    } catch {
      return null; // no barcode in this frame
    }
  };
}
