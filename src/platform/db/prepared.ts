// Queries built once per shape. Kysely builds and compiles a query on every call, which was about
// a fifth of a stock issue's CPU (docs/benchmarks.md). A prepared query runs its builder once per
// dialect and shape with markers in place of the values, keeps the compiled SQL, and afterwards
// only fills in the parameters (the SQLite driver then reuses its cached statement as well).
//
// The builder sees markers, not values, so it must not look at them: what changes the SQL — the
// length of a list, a column left undefined — is part of the shape and gets its own compilation.
import { CompiledQuery, PostgresAdapter, type Compilable } from 'kysely';
import type { Db } from '../../db.js';
import type { Dialect } from './connect.js';

type Path = readonly (string | number)[];

class Marker {
  constructor(readonly path: Path) {}
}

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** The values with every leaf replaced by a marker of its path (undefined stays undefined). */
function mark(v: unknown, path: Path): unknown {
  if (Array.isArray(v)) return v.map((x, i) => mark(x, [...path, i]));
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mark(x, [...path, k])]));
  return v === undefined ? undefined : new Marker(path);
}

/** What the SQL can depend on: keys, list lengths and which leaves are undefined. */
function shape(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(shape).join(',')}]`;
  if (isPlain(v)) {
    let s = '{';
    for (const k in v) s += `${k}:${shape(v[k])},`;
    return `${s}}`;
  }
  return v === undefined ? 'u' : '';
}

function at(v: unknown, path: Path): unknown {
  let cur = v;
  for (const k of path) cur = (cur as Record<string | number, unknown>)[k];
  return cur;
}

interface Template {
  sql: string;
  /** Per parameter: a path into the values, or a constant the builder wrote itself. */
  params: readonly ({ path: Path } | { value: unknown })[];
}

/**
 * Wraps a query builder so that it is built and compiled once per dialect and shape of its
 * values; each call returns the rows (empty for statements without RETURNING).
 */
export function prepared<P, R>(build: (db: Db, p: P, dialect: Dialect) => Compilable<R>): (db: Db, values: P) => Promise<R[]> {
  // Per adapter (one per dialect; transactions share their database's), then per shape.
  const byAdapter = new WeakMap<object, Map<string, Template>>();
  return async (db, values) => {
    const adapter = db.getExecutor().adapter;
    let templates = byAdapter.get(adapter);
    if (!templates) byAdapter.set(adapter, (templates = new Map()));
    const key = shape(values);
    let t = templates.get(key);
    if (!t) {
      const compiled = build(db, mark(values, []) as P, adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite').compile();
      t = { sql: compiled.sql, params: compiled.parameters.map((p) => (p instanceof Marker ? { path: p.path } : { value: p })) };
      if (templates.size < 200) templates.set(key, t); // unusual shapes (long lists) are compiled each time
    }
    const params = t.params.map((p) => ('path' in p ? (at(values, p.path) ?? null) : p.value));
    const r = await db.executeQuery<R>(CompiledQuery.raw(t.sql, params));
    return r.rows as R[];
  };
}
