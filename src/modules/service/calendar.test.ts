import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addBusinessTime, businessTimeBetween, chineseCalendar, isChineseWorkday, localDay, parseWorkingHours } from './calendar.js';

const TZ = 'Asia/Shanghai';
const cal = chineseCalendar(TZ);
const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const local = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 16).replace('T', ' ');
const minuteOfDay = (ms: number) => {
  const d = new Date(ms + 8 * H);
  return d.getUTCHours() * 60 + d.getUTCMinutes() + d.getUTCSeconds() / 60 + d.getUTCMilliseconds() / 60000;
};

describe('the Chinese working-day calendar (chinese-days)', () => {
  it('knows 2026 holidays and swapped working days (調休)', () => {
    expect(isChineseWorkday('2026-10-01')).toBe(false); // National Day, a Thursday
    expect(isChineseWorkday('2026-10-07')).toBe(false);
    expect(isChineseWorkday('2026-10-10')).toBe(true); // Saturday worked for National Day
    expect(isChineseWorkday('2026-09-20')).toBe(true); // Sunday worked
    expect(isChineseWorkday('2026-02-14')).toBe(true); // Saturday before the Spring Festival
    expect(isChineseWorkday('2026-02-17')).toBe(false); // 初一
    expect(isChineseWorkday('2026-02-28')).toBe(true);
    expect(isChineseWorkday('2026-11-28')).toBe(false); // an ordinary Saturday
    expect(isChineseWorkday('2024-10-12')).toBe(true);
    expect(isChineseWorkday('2025-01-26')).toBe(true);
  });

  it('parses working hours and refuses nonsense', () => {
    expect(parseWorkingHours('08:30-12:00,13:30-17:30')).toEqual([
      [510, 720],
      [810, 1050],
    ]);
    for (const bad of ['', '8-12', '12:00-08:00', '08:00-12:00,11:00-13:00', '25:00-26:00']) expect(() => parseWorkingHours(bad)).toThrow();
  });
});

describe('business-hours arithmetic around the 2026 holidays', () => {
  it('National Day: 2 h from Wednesday 30 September 16:30 end on Thursday 8 October 09:30', () => {
    expect(local(addBusinessTime(cal, at('2026-09-30T16:30:00+08:00'), 2 * H))).toBe('2026-10-08 09:30');
  });
  it('the swapped Saturday 10 October is worked: 7 h from Friday 17:00 end that Saturday 16:30', () => {
    expect(local(addBusinessTime(cal, at('2026-10-09T17:00:00+08:00'), 7 * H))).toBe('2026-10-10 16:30');
  });
  it('Spring Festival: the worked Saturday 14 February, then nothing until Tuesday 24 February', () => {
    expect(local(addBusinessTime(cal, at('2026-02-13T17:00:00+08:00'), H))).toBe('2026-02-14 09:00');
    expect(local(addBusinessTime(cal, at('2026-02-14T17:00:00+08:00'), H))).toBe('2026-02-24 09:00');
    expect(businessTimeBetween(cal, at('2026-02-14T17:00:00+08:00'), at('2026-02-24T09:00:00+08:00'))).toBe(H);
  });
  it('lunch and nights do not count; a start before opening begins at 08:30', () => {
    expect(local(addBusinessTime(cal, at('2026-11-27T11:30:00+08:00'), H))).toBe('2026-11-27 14:00');
    expect(local(addBusinessTime(cal, at('2026-11-30T06:00:00+08:00'), 6 * H))).toBe('2026-11-30 16:00');
    expect(local(addBusinessTime(cal, at('2026-11-27T17:30:00+08:00'), 6 * H))).toBe('2026-11-30 16:00');
    expect(businessTimeBetween(cal, at('2026-11-27T00:00:00+08:00'), at("2026-11-28T00:00:00+08:00"))).toBe(7.5 * H);
  });
});

describe('business-hours arithmetic, properties (2024–2026)', () => {
  const start = fc.integer({ min: at('2024-01-01T00:00:00+08:00'), max: at('2026-11-30T00:00:00+08:00') });
  const span = fc.integer({ min: 1, max: 300 * H });

  it('adding h then measuring the business time between gives h', () => {
    fc.assert(
      fc.property(start, span, (s, h) => {
        expect(businessTimeBetween(cal, s, addBusinessTime(cal, s, h))).toBe(h);
      }),
      { numRuns: 500 },
    );
  });

  it('never lands on a holiday, a weekend that is not worked, or outside working hours', () => {
    fc.assert(
      fc.property(start, span, (s, h) => {
        const end = addBusinessTime(cal, s, h);
        expect(end).toBeGreaterThan(s);
        expect(isChineseWorkday(localDay(end, TZ))).toBe(true);
        const m = minuteOfDay(end);
        expect((m > 510 && m <= 720) || (m > 810 && m <= 1050)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is additive: h1 then h2 is h1 + h2', () => {
    fc.assert(
      fc.property(start, span, span, (s, h1, h2) => {
        expect(addBusinessTime(cal, addBusinessTime(cal, s, h1), h2)).toBe(addBusinessTime(cal, s, h1 + h2));
      }),
      { numRuns: 300 },
    );
  });

  it('a swapped working Saturday or Sunday (調休) counts as a full working day of 7.5 h', () => {
    const swapped: string[] = [];
    for (let d = at('2024-01-01T00:00:00Z'); d < at('2027-01-01T00:00:00Z'); d += 24 * H) {
      const day = new Date(d).toISOString().slice(0, 10);
      const dow = new Date(d).getUTCDay();
      if ((dow === 0 || dow === 6) && isChineseWorkday(day)) swapped.push(day);
    }
    expect(swapped.length).toBeGreaterThan(10);
    for (const day of swapped) {
      const s = at(`${day}T00:00:00+08:00`);
      expect(businessTimeBetween(cal, s, s + 24 * H), day).toBe(7.5 * H);
    }
  });
});
