/** The clock is passed in, so tests and the as-of reports can fix "now". */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** Epoch ms as ISO 8601 with the installation's offset (e.g. 2026-11-27T21:42:00+08:00). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isoInZone(ms: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const off = get('timeZoneName').replace('GMT', '') || '+00:00';
  const frac = String(ms % 1000).padStart(3, '0');
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}.${frac}${off}`;
}

/** Year of an instant in the installation's zone (document numbers restart each year). */
export function yearInZone(ms: number, timeZone: string): number {
  return Number(formatter(timeZone).formatToParts(new Date(ms)).find((p) => p.type === 'year')!.value);
}
