// The keyboard-wedge detector of the web app (web/src/lib/scan/wedge.ts): a scanner's fast burst
// ending in Enter is a code, a person's typing is not; where no field has focus, slower keys count.
import { describe, expect, it } from 'vitest';
import { emptyWedge, feedKey, IDLE_GAP_MS, isGtin, MAX_GAP_MS, partFieldCode } from '../../web/src/lib/scan/wedge.js';

function run(keys: string[], gap: number, maxGap?: number): (string | null)[] {
  const s = emptyWedge();
  return keys.map((k, i) => feedKey(s, k, 1000 + i * gap, maxGap));
}

describe('feedKey', () => {
  it('takes a fast burst ending in Enter as a scan', () => {
    expect(run([...'6927180000597', 'Enter'], 8).at(-1)).toBe('6927180000597');
  });
  it('ignores typing at human speed', () => {
    expect(run([...'6927180000597', 'Enter'], 120).at(-1)).toBeNull();
  });
  it('ignores a burst shorter than a code', () => {
    expect(run([...'ab', 'Enter'], 5).at(-1)).toBeNull();
  });
  it('a slow key starts the burst over, so only the fast tail counts', () => {
    const s = emptyWedge();
    feedKey(s, 'x', 0);
    const keys = [...'12345678'];
    keys.forEach((k, i) => feedKey(s, k, MAX_GAP_MS + 100 + i * 5));
    expect(feedKey(s, 'Enter', MAX_GAP_MS + 100 + keys.length * 5)).toBe('12345678');
  });
  it('where no field has focus, slow keys still make a code', () => {
    expect(run([...'6927180000597', 'Enter'], 300, IDLE_GAP_MS).at(-1)).toBe('6927180000597');
  });
  it('Shift between keys does not break the burst; other keys do', () => {
    expect(run(['A', 'Shift', 'B', 'C', 'D', 'Enter'], 5).at(-1)).toBe('ABCD');
    expect(run(['A', 'B', 'Tab', 'C', 'D', 'Enter'], 5).at(-1)).toBeNull();
  });
});

describe('isGtin', () => {
  it('checks the GS1 check digit of EAN-8, UPC-A, EAN-13 and GTIN-14', () => {
    for (const ok of ['96385074', '036000291452', '6927180000597', '6927180000023', '10614141000415']) expect(isGtin(ok), ok).toBe(true);
    for (const bad of ['96385075', '6927180000598', '80000023', '123456789', 'ABCDEFGH']) expect(isGtin(bad), bad).toBe(false);
  });
});

describe('partFieldCode', () => {
  it('a fast burst that is the whole field is the code', () => {
    expect(partFieldCode('6927180000023', '6927180000023')).toBe('6927180000023');
  });
  it('keys too slow for a burst: the field\'s digits are the code', () => {
    expect(partFieldCode(null, '6927180000023')).toBe('6927180000023');
  });
  it('a burst split by a pause: its tail is not the code, the field is (seen in CI)', () => {
    expect(partFieldCode('80000023', '6927180000023')).toBe('6927180000023');
    expect(partFieldCode('0023', '6927180000023')).toBe('6927180000023');
  });
  it('a whole code scanned after a few digits of search is the burst', () => {
    expect(partFieldCode('96385074', '1096385074')).toBe('96385074');
  });
  it('a name search or a non-barcode field leaves the burst alone', () => {
    expect(partFieldCode(null, 'qgg')).toBeNull();
    expect(partFieldCode('AB-1234', 'AB-1234')).toBe('AB-1234');
    expect(partFieldCode(null, '1000')).toBeNull();
  });
});
