// The keyboard-wedge detector of the web app (web/src/lib/scan/wedge.ts): a scanner's fast burst
// ending in Enter is a code, a person's typing is not; where no field has focus, slower keys count.
import { describe, expect, it } from 'vitest';
import { emptyWedge, feedKey, IDLE_GAP_MS, MAX_GAP_MS } from '../../web/src/lib/scan/wedge.js';

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
