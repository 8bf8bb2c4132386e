import { Type, type TSchema } from 'typebox';
import { AppError } from '../errors.js';

/** Lists (API.md): ?limit= (default 50, max 500) and ?cursor=; response { items, nextCursor }. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export function pageOf<T extends TSchema>(Item: T) {
  return Type.Object({ items: Type.Array(Item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** Cursors are opaque: base64url of the last row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort key a cursor carries, checked against its shape: one letter per part, `n` a whole
 * number (an id, a time), `s` a text (a code). Anything else is 400 invalid_cursor, not a page of
 * nothing.
 */
export function decodeCursor(cursor: string | undefined, shape: string): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const fits = (x: unknown, kind: string) => (kind === 'n' ? Number.isSafeInteger(x) : typeof x === 'string');
    if (Array.isArray(v) && v.length === shape.length && v.every((x, i) => fits(x, shape[i]!))) return v;
  } catch {
    /* fall through */
  }
  throw new AppError('invalid_cursor');
}

/** Slices a limit+1 query result into a page. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, keyOf: (r: R) => unknown[]) {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { items: page.map(map), nextCursor: more ? encodeCursor(keyOf(page[page.length - 1]!)) : null };
}
