// Hostile input against every route the OpenAPI document lists (R-PLT-3; API.md "never 500 for
// bad input"). The routes, their bodies and query strings come from GET /api/v1/openapi.json, so a
// route added later is fuzzed the day it is registered. As admin (access always passes), each
// route gets a schema-built "plausible" request, then the same request with one field replaced
// by a hostile value (wrong type, size, encoding, numbers, injection payloads), raw JSON
// literals (1e309, 2^63, -0), bodies over the limit, 10,000-line arrays and fast-check samples.
// Checked after every call: no 5xx, a {error:{code,message,details}} body with a declared code,
// and after a refused write not one row more or less (no partial writes); at the end, the
// ledger check, and the process still answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import '../../src/app.js';
import { allErrorCodes } from '../../src/platform/errors.js';
import { checkLedger } from '../../src/modules/inventory/check.js';
import ExcelJS from 'exceljs';
import { ADMIN_PASSWORD, createTestApp, dialect, seedBasics, type TestApp } from '../harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
/** fast-check samples per route on top of the deterministic catalogue. */
const RANDOM_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 6);
const JSON_CT = 'application/json';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
}
interface Param {
  in: 'query' | 'path' | 'header';
  name: string;
  schema?: Schema;
}
interface Route {
  method: string;
  path: string;
  params: Param[];
  body?: Schema;
  bodyType?: string;
}
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Key = string | number;

/** A value spliced into the JSON text as is (literals JSON.stringify cannot make). */
class Raw {
  constructor(readonly text: string) {}
}
const rawTexts: string[] = [];
const RAW_RE = /"__raw_(\d+)__"/g;

// ---- the catalogue of hostile values ----------------------------------------------------------
const PAYLOADS = ["'; DROP TABLE parts; --", '<script>alert(1)</script>', '=HYPERLINK("http://x","y")', "1' OR '1'='1", '{{7*7}}${7*7}', '../../../etc/passwd', '%s%n%x', '\\'];
const ENCODINGS = ['\u202eevil\u202c', '🔧🚌💥👨‍👩‍👧', '轮胎 Tire 輪胎 шина إطار タイヤ', 'a\u0000b', '\u0000', '\ud800', '\ufeff', 'e\u0301', '\u200b', '\r\n\t', ' '];
const NUMERIC_STRINGS = ['NaN', 'Infinity', '-0', '1e309', '1.2345', '9223372036854775808', '-1', '0x10', '12.30元', '１２', ''];
const SIZES = ['x'.repeat(10_000), '中'.repeat(5_000)];
const NUMBERS: Json[] = [-1, 0, -0, 1.2345, 0.0001, 2147483648, 2 ** 63, -(2 ** 63), 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2];
const WRONG_TYPES: Json[] = [null, true, false, [], {}, [1, 2], { a: 1 }, '1', 1, [null]];
const RAWS = ['1e309', '-1e309', '-0', '9223372036854775808', '-9223372036854775809', '1.2345', '1E2', '0.1e1', '"\\ud800"', '"\\u0000"', 'NaN', 'Infinity', '01', '0x10', '1_000', '"a"  ', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}'].map((s) => new Raw(s));
const HOSTILE: (Json | Raw)[] = [...PAYLOADS, ...ENCODINGS, ...NUMERIC_STRINGS, ...SIZES, ...NUMBERS, ...WRONG_TYPES, ...RAWS];

const PATH_IDS = ['-1', '0', '1.5', 'NaN', '1e309', 'Infinity', '-1e309', '-0', '9223372036854775808', '2147483648', 'abc', '%00', '%E2%80%AE1', '%F0%9F%94%A7', "1'%3B%20DROP%20TABLE%20parts%3B--", '%3Cscript%3E', '%ff%fe', '1%2F2', 'x'.repeat(300)];
const QUERY_VALUES = ['-1', '0', 'NaN', '1e309', '-1e309', 'Infinity', '-0', '1.2345', '9223372036854775808', 'true', '', '%00', '%ff%fe', '%E2%80%AE', '%F0%9F%94%A7', "'%3B%20DROP%20TABLE%20parts%3B%20--", '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '%3DHYPERLINK(%22http%3A%2F%2Fx%22%2C%22y%22)', '%25', '_', 'x'.repeat(5000), '2026-13-45', '2026-11-27T25:00:00+08:00', '99999-01-01'];

// ---- state -------------------------------------------------------------------------------------
let t: TestApp;
let routes: Route[];
let declared: Set<string>;
let token: string;
const ids: Record<string, number> = {};
let uniq = 0;
/** Failures grouped by kind (route, what was sent, status, code), each with its first example. */
const failures = new Map<string, { n: number; example: string }>();
function fail(kind: string, example: string) {
  const bug = KNOWN.find((b) => b.explains.test(`${kind}\n${example}`));
  if (bug) {
    explained.set(bug.id, (explained.get(bug.id) ?? 0) + 1);
    return;
  }
  const f = failures.get(kind);
  if (f) f.n++;
  else failures.set(kind, { n: 1, example });
}
let calls = 0;
/** Status histogram of the current route (FUZZ_VERBOSE=1 prints it: are the cases reaching the handlers?). */
let statuses: Record<string, number> = {};

/**
 * Bugs this file found and reported to the lead (with the fix in the report). The fuzzer sets
 * their failures aside; the last test proves each still reproduces, so an entry must be deleted
 * the day its bug is fixed and the list cannot rot.
 */
interface KnownBug {
  id: string;
  /** Which fuzz failures it explains (matched against "kind\nexample"). */
  explains: RegExp;
  /** The minimal reproduction and what it answers while the bug is there. */
  repro: { method: string; url: string; payload?: unknown; dialects?: ('sqlite' | 'postgres')[] };
  broken: (status: number, body: string) => boolean;
}
// B1–B5 (found by this file) are fixed; add a new entry here when the fuzzer finds another.
const KNOWN: KnownBug[] = [];
const explained = new Map<string, number>();

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** The id a field or path parameter names, from the seeded fixtures (never the admin's own). */
function idFor(name: string, path = ''): number {
  const n = name.toLowerCase();
  if (n === 'stationid' || n === 'tolocationid' || n === 'forlocationid') return ids.station!;
  if (n === 'customerid') return ids.customer!;
  if (n === 'siteid') return ids.site!;
  if (n === 'unitid') return ids.unit!;
  if (n === 'modelid') return ids.model!;
  if (n.includes('location')) return ids.wh!;
  if (n.includes('part')) return ids.part!;
  if (n.includes('supplier')) return ids.sup!;
  if (n.includes('user')) return ids.tech!;
  if (n.includes('lot')) return ids.lot!;
  if (n.includes('reservation')) return ids.reservation!;
  if (n === 'lineid') return path.includes('/counts/') ? ids.countLine! : ids.transferLine!;
  if (n === 'id') {
    const seg = path.replace(/^DELETE/, '').split('/')[1] ?? '';
    const byResource: Record<string, number | undefined> = {
      users: ids.tech,
      parts: path.includes('DELETE') ? ids.spare : ids.part,
      suppliers: ids.sup,
      issues: ids.issue,
      reservations: ids.reservation,
      shortages: ids.shortage,
      transfers: ids.transfer,
      counts: ids.count,
      moves: ids.move,
      documents: ids.receipt,
      customers: ids.customer,
      sites: ids.site,
      contacts: ids.contact,
      'product-models': ids.model,
      units: ids.unit,
      'service-stations': ids.station,
      calls: ids.call,
      'work-orders': ids.workOrder,
      'sla-policies': ids.slaPolicy,
      'report-photos': ids.workOrder, // any id: a photo that is not there answers 404
      // Records without a seeded fixture: any id; one that is not there must answer 404, never 5xx.
      'carry-ins': ids.workOrder,
      loaners: ids.workOrder,
      'daily-reports': ids.workOrder,
      'invoice-requests': ids.workOrder,
      notifications: ids.workOrder,
    };
    const id = byResource[seg];
    if (id === undefined) throw new Error(`no fixture for the {id} of ${path}: add one to idFor`);
    return id;
  }
  return 1;
}

/** A plausible value for a schema: what a well-meaning client would send. */
function plausible(s: Schema, name: string, path: string, r: () => number): Json {
  if (s.anyOf) return plausible(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]!, name, path, r);
  if (s.const !== undefined) return s.const as Json;
  if (s.enum) return s.enum[0] as Json;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, Json> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(k) || k === 'version' || r() < 0.5) o[k] = plausible(v, k, path, r);
      }
      if (o.partId !== undefined && o.newPart !== undefined) delete o.newPart;
      if (o.forUserId !== undefined && o.forLocationId !== undefined) delete o.forLocationId;
      return o;
    }
    case 'array':
      return [plausible(s.items ?? {}, name.replace(/s$/, 'Id'), path, r)];
    case 'integer':
      if (/id$/i.test(name)) return idFor(name, path);
      if (name === 'version') return 1;
      return s.minimum ?? 1;
    case 'number':
      return 1;
    case 'boolean':
      return name === 'dryRun';
    case 'string': {
      if (/price|cost|value|amount/i.test(name)) return '12.30';
      if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2026-11-27';
      if (/^(asOf|from|to|expiresAt)$/.test(name)) return '2026-11-27T08:00:00+08:00';
      if (name === 'password') return 'fuzz-pass-123';
      uniq++;
      if (s.pattern) return `fz_${uniq}`;
      return `FZ${uniq}`.slice(0, s.maxLength ?? 64);
    }
    default:
      return 'x';
  }
}

/** Every place in a value that a mutation can hit, the value itself included. */
function leaves(v: Json, at: Key[] = []): Key[][] {
  const out: Key[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...leaves(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...leaves(x, [...at, k]));
  return out;
}

function setAt(v: Json, at: Key[], x: Json | Raw): Json | Raw {
  if (at.length === 0) return x;
  const copy = structuredClone(v) as Record<Key, Json>;
  let cur = copy as Record<Key, unknown>;
  for (const k of at.slice(0, -1)) cur = cur[k] as Record<Key, unknown>;
  cur[at[at.length - 1]!] = x instanceof Raw ? `__raw_${rawTexts.push(x.text) - 1}__` : x;
  return copy as Json;
}

function encode(v: Json | Raw): string {
  if (v instanceof Raw) return v.text;
  return JSON.stringify(v).replace(RAW_RE, (_m, i: string) => rawTexts[Number(i)]!);
}

/** The route a concrete URL came from, for grouping (ids and query left out). */
function routeOf(url: string): string {
  return url.split('?')[0]!.replace(/\/[^/]*\d[^/]*|\/%[^/]*|\/x{20,}|\/(abc|NaN|-0)(?=\/|$)/g, '/:p');
}

function urlOf(r: Route, pathValues: Record<string, string> = {}, query = ''): string {
  const p = r.path.replace(/\{(\w+)\}/g, (_m, name: string) => pathValues[name] ?? String(idFor(name, `${r.method === 'DELETE' ? 'DELETE' : ''}${r.path}`)));
  return `${p}${query ? `?${query}` : ''}`;
}

/** Row counts and stock sums in one statement: any change after a refused write is a partial write. */
async function snapshot(): Promise<string> {
  const tables = ['documents', 'document_lines', 'document_remarks', 'moves', 'parts', 'part_suppliers', 'part_alarms', 'suppliers', 'locations', 'users', 'lots', 'lot_balances', 'stock_levels', 'reservations', 'reservation_lines', 'shortages', 'approval_rules', 'doc_counters', 'customers', 'customer_sites', 'customer_contacts', 'product_models', 'installed_units', 'station_geo', 'service_calls', 'work_orders', 'work_order_technicians', 'work_order_events', 'sla_policies', 'sla_breaches'];
  const cols = tables.map((tb) => sql`(select count(*) from ${sql.table(tb)}) as ${sql.id(tb)}`);
  cols.push(sql`(select coalesce(sum(on_hand), 0) from lot_balances) as on_hand`);
  cols.push(sql`(select coalesce(sum(reserved), 0) from stock_levels) as reserved`);
  cols.push(sql`(select coalesce(sum(version), 0) from parts) as part_versions`);
  const row = (await sql<Record<string, unknown>>`select ${sql.join(cols)}`.execute(t.handle.db)).rows[0]!;
  return Object.entries(row)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

interface Sent {
  method: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** The one error code this case must get (e.g. payload_too_large for 10 MB). */
  expectCode?: string;
}

/** Sends one request and checks the invariants; returns the status. */
async function send(req: Sent, what: string): Promise<number> {
  const write = req.method !== 'GET';
  const before = write ? await snapshot() : '';
  calls++;
  const label = `${req.method} ${req.url.slice(0, 160)} ${what} ${typeof req.payload === 'string' ? req.payload.slice(0, 160) : ''}`;
  let res;
  try {
    res = await t.app.inject({
      method: req.method as 'GET',
      url: `/api/v1${req.url}`,
      payload: req.payload,
      headers: { authorization: `Bearer ${token}`, ...(req.contentType ? { 'content-type': req.contentType } : {}), ...req.headers },
    });
  } catch (e) {
    fail(`${req.method} ${req.url.split('?')[0]} ${what}: inject threw`, `${label} → ${(e as Error).message}`);
    return 0;
  }
  const status = res.statusCode;
  const code = status >= 400 ? ((): string => { try { return String(res.json().error?.code ?? status); } catch { return String(status); } })() : String(status);
  statuses[code] = (statuses[code] ?? 0) + 1;
  const kind = `${req.method} ${routeOf(req.url)} ${what.replace(/ .*/, '')} → ${status}`;
  if (status >= 500) fail(kind, `${label} → ${res.body.slice(0, 200)}`);
  if (req.expectCode && code !== req.expectCode) fail(`${kind} ${code} instead of ${req.expectCode}`, label);
  if (status >= 300) {
    let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
    try {
      body = res.json();
    } catch {
      fail(`${kind} non-JSON body`, label);
    }
    const e = body?.error;
    if (body && (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !e.message || typeof e.details !== 'object' || e.details === null)) {
      fail(`${kind} not an error body`, `${label} → ${res.body.slice(0, 200)}`);
    } else if (e && !declared.has(e.code as string)) fail(`${kind} undeclared code ${String(e.code)}`, label);
    if (write && !req.url.startsWith('/auth/login')) {
      const after = await snapshot();
      if (after !== before) fail(`${kind} ${String(e?.code)} partial write`, `${label}\n  before ${before}\n  after  ${after}`);
    }
  }
  return status;
}

/** The cases of one route, deterministic for a seed. */
function* casesOf(r: Route, index: number): Generator<[Sent, string]> {
  const rand = rng(SEED + index * 7919);
  const isJson = !r.bodyType || r.bodyType === JSON_CT;
  const query = r.params.filter((p) => p.in === 'query');
  const pathParams = r.params.filter((p) => p.in === 'path');

  // A plausible request first (2xx or a business 4xx), so the mutations start from a real shape.
  const base: Json | undefined = r.body && isJson ? plausible(r.body, '', urlOf(r), rand) : undefined;
  const plain: Sent = { method: r.method, url: urlOf(r), payload: base === undefined ? undefined : JSON.stringify(base), contentType: base === undefined ? undefined : JSON_CT };
  yield [plain, 'plausible'];

  // Path parameters: negative, huge, non-numeric, encoded, over-long.
  for (const p of pathParams) for (const v of PATH_IDS) yield [{ ...plain, url: urlOf(r, { [p.name]: v }) }, `path ${p.name}`];

  // Query strings: every parameter with every hostile value, repeated parameters, unknown ones.
  for (const p of query) {
    for (const v of QUERY_VALUES) yield [{ ...plain, url: urlOf(r, {}, `${p.name}=${v}`) }, `query ${p.name}`];
    yield [{ ...plain, url: urlOf(r, {}, `${p.name}=1&${p.name}=2`) }, `query ${p.name} twice`];
  }
  if (r.method === 'GET') yield [{ ...plain, url: urlOf(r, {}, 'limit=10000&cursor=%ff&__proto__[x]=1&constructor.prototype.x=1') }, 'query junk'];

  if (!r.body) return;
  if (!isJson) {
    // Binary uploads: empty, not a zip, a truncated zip, JSON instead, a wrong type, over the limit.
    const bt = r.bodyType!;
    const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
    const bodies: [Buffer | string, string, string][] = [
      [Buffer.alloc(0), bt, 'empty'],
      [Buffer.from('not a workbook'), bt, 'text'],
      [Buffer.concat([zipHead, Buffer.alloc(64, 0xff)]), bt, 'truncated zip'],
      [Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rand() * 256))), bt, 'random bytes'],
      [Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rand() * 256))), 'application/octet-stream', 'octet-stream'],
      ['{"a":1}', JSON_CT, 'json instead'],
      ['<x/>', 'text/xml', 'xml'],
      [Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), bt, '10 MB + 1'],
    ];
    for (const [payload, contentType, what] of bodies) yield [{ ...plain, payload, contentType, expectCode: what === '10 MB + 1' ? 'payload_too_large' : undefined }, what];
    return;
  }

  // Content types and whole-body shapes.
  const text = JSON.stringify(base);
  // Fastify parses text/plain as a string (then 400 validation_failed); a form body has no parser.
  yield [{ ...plain, contentType: 'text/plain', expectCode: 'validation_failed' }, 'text/plain'];
  yield [{ ...plain, contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2', expectCode: 'unsupported_media_type' }, 'form'];
  yield [{ ...plain, contentType: 'application/json; charset=latin1' }, 'charset'];
  yield [{ ...plain, payload: '' }, 'empty body'];
  yield [{ ...plain, payload: text.slice(0, -1) }, 'truncated JSON'];
  yield [{ ...plain, payload: Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from(',"name":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('"}')]) }, 'invalid UTF-8'];
  yield [{ ...plain, payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) }, 'BOM'];
  yield [{ ...plain, payload: `{"x":"${'a'.repeat(10 * 1024 * 1024)}"}`, expectCode: 'payload_too_large' }, '10 MB string'];
  yield [{ ...plain, payload: `${'['.repeat(5000)}${']'.repeat(5000)}` }, 'deep nesting'];

  // One field at a time, through the whole catalogue; each value lands on a different field.
  const spots = leaves(base ?? {});
  for (let i = 0; i < HOSTILE.length; i++) {
    const at = spots[(i + index) % spots.length]!;
    yield [{ ...plain, payload: encode(setAt(base ?? {}, at, HOSTILE[i]!)) }, `field ${at.join('.') || '(body)'}`];
  }
  // Every field gets the injection payloads and the raw number literals at least once.
  for (const at of spots.filter((a) => a.length > 0)) {
    for (const v of [PAYLOADS[0]!, new Raw('1e309'), 'Infinity']) {
      yield [{ ...plain, payload: encode(setAt(base ?? {}, at, v)) }, `each field ${at.join('.')}`];
    }
  }
  // Missing required fields, one at a time.
  if (base && typeof base === 'object' && !Array.isArray(base)) {
    for (const k of r.body.required ?? []) {
      const { [k]: _gone, ...rest } = base;
      yield [{ ...plain, payload: JSON.stringify(rest) }, `without ${k}`];
    }
  }
  // 10,000-element arrays wherever the body has an array.
  for (const at of spots) {
    const v = at.reduce<unknown>((o, k) => (o as Record<Key, unknown>)[k], base);
    if (Array.isArray(v) && v.length > 0) {
      yield [{ ...plain, payload: encode(setAt(base ?? {}, at, Array(10_000).fill(v[0]) as Json)) }, `10,000 × ${at.join('.')}`];
    }
  }
  // Seeded fast-check samples: arbitrary JSON, strings of any code points, doubles, big integers.
  const arb = fc.tuple(
    fc.nat({ max: spots.length - 1 }),
    fc.oneof(
      fc.jsonValue() as fc.Arbitrary<Json>,
      fc.string({ unit: 'binary', maxLength: 300 }) as fc.Arbitrary<Json>,
      fc.string({ unit: 'grapheme', maxLength: 60 }) as fc.Arbitrary<Json>,
      fc.double().map((d) => new Raw(Number.isFinite(d) ? String(d) : d > 0 ? '1e999' : d < 0 ? '-1e999' : '0')),
      fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((b) => new Raw(b.toString())),
      fc.constantFrom(...HOSTILE),
    ),
  );
  for (const [spot, v] of fc.sample(arb, { seed: SEED + index, numRuns: RANDOM_PER_ROUTE })) {
    const at = spots[spot]!;
    yield [{ ...plain, payload: encode(setAt(base ?? {}, at, v)) }, `fast-check ${at.join('.') || '(body)'}`];
  }
}

beforeAll(async () => {
  t = await createTestApp();
  token = t.api.token!;
  declared = new Set(allErrorCodes());
  const s = await seedBasics(t);
  Object.assign(ids, { wh: s.wh.id, sup: s.sup.id, tech: s.tech.id, part: s.part.id, receipt: s.receipt.id, lot: s.receipt.lines[0].lotId });
  const { api } = t;
  ids.station = (await api.post('/locations', { code: 'ST1', name: '郑州网点', kind: 'station' })).body.id;
  ids.spare = (await api.post('/parts', { code: 'SPARE-1', name: '备用件', unit: '个' })).body.id;
  const issue = await api.post('/issues', { fromLocationId: ids.wh, toUserId: ids.tech, lines: [{ partId: ids.part, qty: 2 }] });
  ids.issue = issue.body.id;
  ids.reservation = (await api.post('/reservations', { locationId: ids.wh, forUserId: ids.tech, lines: [{ partId: ids.part, qty: 1 }] })).body.id;
  ids.shortage = (await api.post('/shortages', { partId: ids.part, qty: 1 })).body.id;
  const tr = await api.post('/transfers', { fromLocationId: ids.wh, toLocationId: ids.station, lines: [{ partId: ids.part, qty: 1 }] });
  ids.transfer = tr.body.id;
  ids.transferLine = tr.body.lines?.[0]?.id ?? tr.body.lines?.[0]?.lineId ?? 1;
  const count = await api.post('/counts', { locationId: ids.wh, partIds: [ids.part] });
  ids.count = count.body.id;
  ids.countLine = count.body.lines?.[0]?.id ?? count.body.lines?.[0]?.lineId ?? 1;
  ids.move = (await api.get(`/moves?documentId=${ids.issue}`)).body.items?.[0]?.id ?? 1;
  // Service operations (issue #4).
  ids.model = (await api.post('/product-models', { code: 'FZ-M', name: '客车', yearsFree: 3 })).body.id;
  ids.customer = (await api.post('/customers', { code: 'FZ-C', name: '郑州公交', stationId: ids.station })).body.id;
  ids.site = (await api.post('/sites', { customerId: ids.customer, name: '车场', latitude: 34.8, longitude: 113.6 })).body.id;
  ids.contact = (await api.post('/contacts', { customerId: ids.customer, name: '王经理' })).body.id;
  ids.unit = (await api.post('/units', { serial: 'FZ-VIN-1', modelId: ids.model, customerId: ids.customer, siteId: ids.site, saleDate: '2025-01-01' })).body.id;
  ids.call = (await api.post('/calls', { channel: 'phone', caller: '王', summary: '无法启动', customerId: ids.customer })).body.id;
  ids.workOrder = (await api.post('/work-orders', { customerId: ids.customer, siteId: ids.site, serviceType: 'A', category: 'engine', fault: '无法启动' })).body.id;
  ids.slaPolicy = (await api.get('/sla-policies')).body.items?.[0]?.id;
  for (const [k, v] of Object.entries(ids)) if (!Number.isInteger(v)) throw new Error(`fixture ${k} missing: ${String(v)}`);

  const doc = (await api.get('/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> };
  routes = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      routes.push({ method: method.toUpperCase(), path: path.replace(/^\/api\/v1/, ''), params: op.parameters ?? [], body: bodyType ? content[bodyType]!.schema : undefined, bodyType });
    }
  }
  // Logging out would end the fuzzer's own session; deleting archives the spare part: both last.
  const rank = (r: Route) => (r.path.startsWith('/auth/logout') ? 2 : r.method === 'DELETE' ? 1 : 0);
  routes.sort((a, b) => rank(a) - rank(b));
}, 60_000);

afterAll(async () => t?.close());

describe(`fuzzing every route from the OpenAPI document (seed ${SEED})`, () => {
  it('finds the routes and the declared error codes', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.some((r) => r.method === 'POST' && r.path === '/receipts')).toBe(true);
    for (const code of ['validation_failed', 'payload_too_large', 'unsupported_media_type', 'not_found', 'insufficient_stock']) expect(declared).toContain(code);
  });

  it('answers hostile input with a declared 4xx, never a 5xx, and never writes half', async () => {
    const perRoute: string[] = [];
    for (const [i, r] of routes.entries()) {
      const t0 = Date.now();
      statuses = {};
      let n = 0;
      for (const [req, what] of casesOf(r, i)) {
        if (r.path.startsWith('/auth/logout')) {
          // Each logout ends the session it is called with: use a throwaway one.
          if (n >= 6) break;
          token = (await t.login('admin', ADMIN_PASSWORD)).token!;
        }
        n++;
        // Each refused login costs a password hash: every sixth case keeps the file fast.
        if (r.path === '/auth/login' && n % 6 !== 1) continue;
        await send(req, what);
      }
      // The ledger's own invariants after each route's worth of accepted and refused writes.
      if (r.method !== 'GET') {
        const check = await checkLedger(t.handle.db);
        if (!check.ok) fail(`${r.method} ${r.path} leaves the ledger inconsistent`, check.problems.slice(0, 3).join('; '));
      }
      perRoute.push(`${r.method} ${r.path}: ${n} calls, ${Date.now() - t0} ms ${JSON.stringify(statuses)}`);
      if (r.path.startsWith('/auth/logout')) token = (await t.login('admin', ADMIN_PASSWORD)).token!;
    }
    if (process.env.FUZZ_VERBOSE) console.log(perRoute.join('\n'));
    const report = [...failures].map(([k, f]) => `${k} (×${f.n})\n    e.g. ${f.example}`);
    expect(report).toEqual([]);
    expect(calls).toBeGreaterThan(routes.length * 10);
  }, 900_000);

  it('keeps the ledger consistent and the process answering', async () => {
    const check = await checkLedger(t.handle.db);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    token = (await t.login('admin', ADMIN_PASSWORD)).token!;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const parts = await t.app.inject({ method: 'GET', url: '/api/v1/parts', headers: { authorization: `Bearer ${token}` } });
    expect(parts.statusCode).toBe(200);
  });
});

describe('stored text comes back byte for byte, and escaped where it is rendered', () => {
  const TEXTS = ['🔧🚌💥 轮胎👨‍👩‍👧', '\u202eevil\u202c 右到左', 'Tire 轮胎 輪胎 шина إطار タイヤ', '<script>alert(1)</script>', '=HYPERLINK("http://x","y")', "'; DROP TABLE parts; --", 'e\u0301 \u200b \ufeff tab\tend'];
  const headers = () => ({ authorization: `Bearer ${token}` });

  it('part names and specs with emoji, RTL marks, mixed scripts and markup round-trip exactly', async () => {
    token = (await t.login('admin', ADMIN_PASSWORD)).token!;
    for (const [i, text] of TEXTS.entries()) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/parts', headers: headers(), payload: { code: `TXT-${i}`, name: text, spec: text, unit: '个' } });
      expect(r.statusCode, text).toBe(201);
      const g = await t.app.inject({ method: 'GET', url: `/api/v1/parts/${r.json().id}`, headers: headers() });
      expect(Buffer.from(g.json().name as string)).toEqual(Buffer.from(text));
      expect(Buffer.from(g.json().spec as string)).toEqual(Buffer.from(text));
    }
    // The SQL payload was data, not SQL: the table is still there and holds it.
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/parts?q=${encodeURIComponent('DROP TABLE')}`, headers: headers() });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { name: string }) => p.name)).toContain(TEXTS[5]);
  });

  it('a NUL byte is stored exactly or refused with 400 validation_failed, never a 500', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/parts', headers: headers(), payload: { code: 'TXT-NUL', name: 'a\u0000b', unit: '个' } });
    if (r.statusCode === 201) expect((await t.app.inject({ method: 'GET', url: `/api/v1/parts/${r.json().id}`, headers: headers() })).json().name).toBe('a\u0000b');
    else {
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('validation_failed');
    }
  });

  it('the HTML print escapes part names, specs and remarks', async () => {
    const rec = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts',
      headers: headers(),
      payload: { locationId: ids.wh, remark: '<script>alert(2)</script>', lines: [{ newPart: { code: 'XSS-1', name: '<script>alert(1)</script>', spec: '<img src=x onerror=alert(3)>', unit: '<b>个</b>' }, qty: 1, unitCost: '1.00' }] },
    });
    expect(rec.statusCode).toBe(201);
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${rec.json().id}/print?format=html`, headers: headers() });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page.body).not.toMatch(/<script>alert|<img src=x|<b>个/);
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'/);
  });

  it('the Excel export keeps =HYPERLINK(...) as text, never as a formula', async () => {
    const x = await t.app.inject({ method: 'GET', url: `/api/v1/exports/parts.xlsx?q=${encodeURIComponent('HYPERLINK')}`, headers: headers() });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))));
    const hits = cells.filter((c) => String(c.text).includes('HYPERLINK'));
    expect(hits.length).toBeGreaterThan(0);
    // Text as stored, or defused with a leading apostrophe (Excel's text marker): never a formula.
    for (const c of hits) {
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(["'=HYPERLINK(\"http://x\",\"y\")", '=HYPERLINK("http://x","y")']).toContain(c.value);
    }
  });
});

describe('known bugs (reported; delete an entry when its fix lands)', () => {
  it('each known bug still reproduces on the databases it concerns', async () => {
    token = (await t.login('admin', ADMIN_PASSWORD)).token!;
    const stale: string[] = [];
    for (const b of KNOWN) {
      if (b.repro.dialects && !b.repro.dialects.includes(dialect)) continue;
      const fill = (x: string) => x.replace(/\{(\w+)\}/g, (_m, k: string) => String(ids[k]));
      const payload = b.repro.payload === undefined ? undefined : fill(JSON.stringify(b.repro.payload)).replace(/"(\d+)"/g, '$1');
      const r = await t.app.inject({ method: b.repro.method as 'GET', url: `/api/v1${fill(b.repro.url)}`, headers: { authorization: `Bearer ${token}`, 'content-type': JSON_CT }, payload });
      if (!b.broken(r.statusCode, r.body)) stale.push(`${b.id}: now ${r.statusCode} ${r.body.slice(0, 120)}`);
    }
    expect(stale, 'fixed: remove these from KNOWN').toEqual([]);
    if (process.env.FUZZ_VERBOSE) console.log('set aside as known:', Object.fromEntries(explained));
  });
});
