// Money arrives as decimal strings ("12.30"); sums are done in integer fen, never in floats.

/** "12.30" → 1230 fen; "-0.5" → -50. */
export function toFen(s: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(s.trim());
  if (!m) return 0;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** 1230 fen → "12.30". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Sum of decimal money strings, as a decimal string. */
export function sumMoney(values: string[]): string {
  return formatFen(values.reduce((s, v) => s + toFen(v), 0));
}

/** A money string for display with the yuan sign and thousands separators. */
export function yuan(s: string | null | undefined): string {
  if (s === null || s === undefined || s === '') return '—';
  const [int, dec] = s.split('.');
  return `¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
}

/** Money as typed into a form: digits with at most two decimals. */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
