/** The clock is passed in, so tests and the as-of reports can fix "now". */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR = 15 * 60 * 1000;

/**
 * The zone's UTC offset in minutes at an instant. Intl is slow (it was 2% of a request), and
 * offsets only change on quarter hours, so each zone and quarter hour is asked once.
 */
function offsetMinutes(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let off = offsets.get(key);
  if (off === undefined) {
    let f = formatters.get(timeZone);
    if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
    const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Epoch ms as ISO 8601 with the installation's offset (e.g. 2026-11-27T21:42:00.000+08:00). */
export function isoInZone(ms: number, timeZone: string): string {
  const off = offsetMinutes(ms, timeZone);
  const d = new Date(ms + off * 60_000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${sign}${pad(Math.trunc(a / 60))}:${pad(a % 60)}`;
}

/** Year of an instant in the installation's zone (document numbers restart each year). */
export function yearInZone(ms: number, timeZone: string): number {
  return new Date(ms + offsetMinutes(ms, timeZone) * 60_000).getUTCFullYear();
}

/**
 * A calendar day (YYYY-MM-DD) in the installation's zone as an instant: its first or its last
 * millisecond. "from 2026-10-01" starts at local midnight; "to" and "as of" include the whole day.
 */
export function dayEdgeInZone(day: string, timeZone: string, edge: 'start' | 'end'): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const local = edge === 'start' ? Date.UTC(y, m - 1, d) : Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  return local - offsetMinutes(local, timeZone) * 60_000;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 time as an instant, or NaN when it is not one: a real calendar day (2026-02-30 is
 * not), hours 00–23 and so on. A bare day is its first or last millisecond in the installation's
 * zone (`edge`); a date-time without an offset is read in that zone too, not the process's.
 */
export function parseInstant(s: string, timeZone: string, edge: 'start' | 'end'): number {
  const m = ISO.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m.slice(1) as string[];
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Number(frac.slice(0, 3).padEnd(3, '0')));
  const back = new Date(local);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return NaN;
  if (m[4] === undefined) return dayEdgeInZone(`${y}-${mo}-${d}`, timeZone, edge);
  if (!zone) return local - offsetMinutes(local, timeZone) * 60_000;
  if (zone === 'Z') return local;
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  if (Number(z[2]) > 23 || Number(z[3]) > 59) return NaN;
  return local - (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
}
