// Search text for parts and suppliers (R-CAT-1): "lt" finds 輪胎, 轮胎 finds 輪胎 and back.
import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Lower-case, simplified characters: the form both stored text and queries are compared in. */
export function normalize(s: string): string {
  return toSimplified(s.normalize('NFKC')).toLowerCase();
}

function initials(s: string): string {
  const simplified = toSimplified(s);
  return pinyin(simplified, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('');
}

/** One string holding every way a user may type to find the record. */
export function searchText(fields: { code: string; name: string; spec?: string | null; barcode?: string | null }): string {
  const name = fields.name ?? '';
  return [fields.code, normalize(name), normalize(fields.spec ?? ''), fields.barcode ?? '', initials(name)]
    .map((s) => s.toLowerCase())
    .filter(Boolean)
    .join(' | ');
}

/** A LIKE pattern for a user's query, with LIKE's own wildcards escaped. */
export function likePattern(q: string): string {
  return `%${normalize(q.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
