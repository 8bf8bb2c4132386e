// Business-hours arithmetic (R-SVC-5) over a calendar that knows Chinese public holidays and
// swapped working days (調休) from the chinese-days package. No I/O: a calendar is a value.
import chineseDays from 'chinese-days';
import { dayEdgeInZone, isoInZone } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Ten years of days without a working minute is a broken calendar, not a long wait. */
const MAX_DAYS = 3660;

export interface BusinessCalendar {
  timeZone: string;
  /** Working periods of a working day, minutes after local midnight, ascending, not overlapping. */
  periods: readonly (readonly [number, number])[];
  isWorkday(day: string): boolean;
}

export const DEFAULT_WORKING_HOURS = '08:30-12:00,13:30-17:30';

/** Parses "08:30-12:00,13:30-17:30"; throws on anything else (a misconfiguration must be loud). */
export function parseWorkingHours(spec: string): [number, number][] {
  const toMin = (hm: string) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hm.trim());
    if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) throw new Error(`bad working hours ${spec}`);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const periods = spec.split(',').map((p) => {
    const [a, b] = p.split('-');
    if (a === undefined || b === undefined) throw new Error(`bad working hours ${spec}`);
    return [toMin(a), toMin(b)] as [number, number];
  });
  let prev = 0;
  for (const [a, b] of periods) {
    if (a < prev || b <= a || b > 24 * 60) throw new Error(`bad working hours ${spec}`);
    prev = b;
  }
  return periods;
}

const workdayCache = new Map<string, boolean>();

/** Mainland China's working days: weekdays, minus public holidays, plus swapped Saturdays/Sundays. */
export function isChineseWorkday(day: string): boolean {
  let w = workdayCache.get(day);
  if (w === undefined) {
    w = chineseDays.isWorkday(day);
    workdayCache.set(day, w);
  }
  return w;
}

export function chineseCalendar(timeZone: string, workingHours = DEFAULT_WORKING_HOURS): BusinessCalendar {
  return { timeZone, periods: parseWorkingHours(workingHours), isWorkday: isChineseWorkday };
}

/** The installation's calendar day of an instant. */
export function localDay(ms: number, timeZone: string): string {
  return isoInZone(ms, timeZone).slice(0, 10);
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY).toISOString().slice(0, 10);
}

/**
 * The instant `ms` of business time after `start`. Periods are placed at local midnight + minutes,
 * exact for zones without daylight saving (Asia/Shanghai).
 */
export function addBusinessTime(cal: BusinessCalendar, start: number, ms: number): number {
  if (ms <= 0) return start;
  let left = ms;
  let day = localDay(start, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    if (!cal.isWorkday(day)) continue;
    const base = dayEdgeInZone(day, cal.timeZone, 'start');
    for (const [a, b] of cal.periods) {
      const pe = base + b * MINUTE;
      if (pe <= start) continue;
      const s = Math.max(start, base + a * MINUTE);
      if (left <= pe - s) return s + left;
      left -= pe - s;
    }
  }
  throw new AppError('calendar_out_of_range');
}

/** Business time between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  let day = localDay(from, cal.timeZone);
  for (let i = 0; i < MAX_DAYS * 10; i++, day = nextDay(day)) {
    const base = dayEdgeInZone(day, cal.timeZone, 'start');
    if (base > to) return total;
    if (!cal.isWorkday(day)) continue;
    for (const [a, b] of cal.periods) {
      const s = Math.max(from, base + a * MINUTE);
      const e = Math.min(to, base + b * MINUTE);
      if (e > s) total += e - s;
    }
  }
  throw new AppError('calendar_out_of_range');
}
