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
