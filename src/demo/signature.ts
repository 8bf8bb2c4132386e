// A customer's signature for the demo's signed service reports: a few pen strokes drawn into a
// small grayscale bitmap and encoded as a PNG data URL (zlib + CRC-32; no image library).
import zlib from 'node:zlib';

const W = 240;
const H = 80;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A handwriting-like scribble; `rand` makes each customer's different. */
export function signaturePng(rand: () => number): string {
  const px = new Uint8Array(W * H).fill(255);
  const dot = (x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const xi = Math.round(x + dx);
        const yi = Math.round(y + dy);
        if (xi >= 0 && xi < W && yi >= 0 && yi < H && Math.abs(dx) + Math.abs(dy) < 2) px[yi * W + xi] = 20;
      }
  };
  // Three strokes, like the characters of a name, then an underline flourish.
  for (let s = 0; s < 3; s++) {
    const x0 = 20 + s * 65;
    const a = 12 + rand() * 10;
    const f = 0.15 + rand() * 0.2;
    for (let t = 0; t <= 60; t += 0.25) dot(x0 + t * 0.9, H / 2 - 5 + a * Math.sin(t * f + s) * Math.cos(t * 0.05));
  }
  for (let x = 20; x < 220; x += 0.5) dot(x, H - 14 + 3 * Math.sin(x / 25));
  const raw = Buffer.alloc((W + 1) * H);
  for (let y = 0; y < H; y++) {
    raw[y * (W + 1)] = 0; // filter: none
    raw.set(px.subarray(y * W, (y + 1) * W), y * (W + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
