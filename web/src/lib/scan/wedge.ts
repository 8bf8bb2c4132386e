// Keyboard-wedge scanners type a barcode as a burst of keystrokes far faster than a person and
// end it with Enter. The detector tells such a burst from typing by the gaps between keys.

/** Longest pause between two keys of one scan; people rarely type every key this fast. */
export const MAX_GAP_MS = 50;
/**
 * Where typing means nothing (no text field has focus) any run of keys ending in Enter is a
 * scan, however slowly a busy page receives it; only a long pause starts over.
 */
export const IDLE_GAP_MS = 1500;
/** Shortest code taken as a scan (EAN-8 has 8, part codes a few more). */
export const MIN_LENGTH = 4;

export interface WedgeState {
  chars: string;
  last: number;
}

export const emptyWedge = (): WedgeState => ({ chars: '', last: 0 });

/**
 * Feeds one key into the detector. Returns the scanned code when the key is the Enter that
 * ends a fast burst; the state is updated in place.
 */
export function feedKey(s: WedgeState, key: string, at: number, maxGap = MAX_GAP_MS): string | null {
  const fast = s.chars.length > 0 && at - s.last <= maxGap;
  if (key === 'Enter') {
    const code = fast && s.chars.length >= MIN_LENGTH ? s.chars : null;
    s.chars = '';
    s.last = at;
    return code;
  }
  if (key.length !== 1) {
    // Shift and friends come between a scanner's keys; anything else ends the burst.
    if (key !== 'Shift') s.chars = '';
    return null;
  }
  s.chars = fast ? s.chars + key : key;
  s.last = at;
  return null;
}

/** Whether digits carry a valid GS1 check digit (EAN-8, UPC-A, EAN-13, GTIN-14). */
export function isGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  let sum = 0;
  for (let i = code.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(code[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(code[code.length - 1]);
}

/**
 * The code an Enter in a line's part search ends. The field holds everything typed into it: a
 * barcode of 8–14 digits there is a scan however slowly it came (nobody searches names by
 * digits). When a busy moment split the scanner's burst, the fast `burst` is only its tail, so
 * the field's full code wins over it, unless the burst is itself a whole code typed after a few
 * digits of search (a valid check digit, or the field's is not, decides).
 */
export function partFieldCode(burst: string | null, field: string): string | null {
  const v = field.trim();
  if (!/^\d{8,14}$/.test(v)) return burst;
  if (!burst || burst === v) return v;
  if (!v.endsWith(burst)) return burst;
  if (burst.length < 8) return v;
  if (isGtin(v) !== isGtin(burst)) return isGtin(v) ? v : burst;
  return burst;
}
