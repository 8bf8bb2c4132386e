import { describe, expect, it } from 'vitest';
import { dayEdgeInZone, isoInZone, parseInstant, yearInZone } from './clock.js';

describe('times in the installation zone', () => {
  it('formats with the zone offset', () => {
    const ms = Date.UTC(2026, 10, 27, 13, 42, 0, 7);
    expect(isoInZone(ms, 'Asia/Shanghai')).toBe('2026-11-27T21:42:00.007+08:00');
    expect(isoInZone(ms, 'UTC')).toBe('2026-11-27T13:42:00.007+00:00');
    expect(isoInZone(ms, 'America/New_York')).toBe('2026-11-27T08:42:00.007-05:00');
    expect(isoInZone(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe('2026-07-01T08:00:00.000-04:00');
    expect(Date.parse(isoInZone(ms, 'Asia/Kolkata'))).toBe(ms);
  });
  it('takes the year in the zone, not in UTC', () => {
    expect(yearInZone(Date.UTC(2026, 11, 31, 17), 'Asia/Shanghai')).toBe(2027);
    expect(yearInZone(Date.UTC(2026, 11, 31, 15), 'Asia/Shanghai')).toBe(2026);
  });
  it('turns a calendar day into its first and last instant in the zone', () => {
    expect(new Date(dayEdgeInZone('2026-10-01', 'Asia/Shanghai', 'start')).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(new Date(dayEdgeInZone('2026-10-01', 'Asia/Shanghai', 'end')).toISOString()).toBe('2026-10-01T15:59:59.999Z');
    expect(new Date(dayEdgeInZone('2026-10-01', 'UTC', 'start')).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });
  it('parses ISO 8601 strictly, a time without an offset in the installation zone', () => {
    const sh = (s: string, edge: 'start' | 'end' = 'start') => parseInstant(s, 'Asia/Shanghai', edge);
    expect(sh('2026-11-01T00:00:00')).toBe(Date.UTC(2026, 9, 31, 16));
    expect(sh('2026-11-01T08:00')).toBe(Date.UTC(2026, 10, 1, 0));
    expect(sh('2026-11-01T00:00:00Z')).toBe(Date.UTC(2026, 10, 1));
    expect(sh('2026-11-01T00:00:00.123+08:00')).toBe(Date.UTC(2026, 9, 31, 16, 0, 0, 123));
    expect(sh('2026-11-01T00:00:00-0500')).toBe(Date.UTC(2026, 10, 1, 5));
    expect(sh('2026-11-01')).toBe(dayEdgeInZone('2026-11-01', 'Asia/Shanghai', 'start'));
    expect(sh('2026-11-01', 'end')).toBe(dayEdgeInZone('2026-11-01', 'Asia/Shanghai', 'end'));
    expect(sh('2028-02-29')).not.toBeNaN();
    for (const bad of ['2026-13-45', '2026-02-30', '2026-11-31', '2027-02-29', '2026-11-01T24:00', '2026-11-01T10:60', '2026-11-01T10:00+25:00', '1', 'bad', '2026-1-1', '']) {
      expect(sh(bad), bad).toBeNaN();
    }
  });
});

