// A large, consistent ledger written straight into the database (not through the API): parts
// received in lots into a few warehouses, issued to technicians, partly returned, mostly
// consumed. Balances are folded in memory while the moves are written, so `aftersales check`
// passes on the result (src/modules/inventory/check.ts). Rows stream to the database in large
// transactions with the secondary indexes dropped and rebuilt at the end (a sorted build is many
// times faster than 10M random index inserts); the folded state lives in typed arrays sized by
// locations × lots and locations × parts, so memory does not grow with the number of moves.
import Database from 'better-sqlite3';
import pg from 'pg';
import { mulberry32 } from '../src/platform/random.js';

export interface LedgerOptions {
  moves: number;
  parts?: number;
  technicians?: number;
  warehouses?: number;
  /** Posting times are spread over this many days before now. */
  days?: number;
  timeZone?: string;
  /** Aim for this many lots: receipts then keep the lot count on a straight line to it. */
  lots?: number;
  /** Commit every this many moves (default 500,000). */
  movesPerTransaction?: number;
  /** Told what was just done: after every commit, the balances and the index rebuild. */
  progress?: (what: string) => void;
}

export interface LedgerSummary {
  moves: number;
  documents: number;
  lots: number;
  parts: number;
  technicians: number;
  seconds: number;
}

const COLUMNS = {
  users: ['id', 'username', 'password_hash', 'display_name', 'roles', 'station_id', 'disabled', 'failed_logins', 'version', 'created_at', 'updated_at'],
  suppliers: ['id', 'code', 'name', 'search_text', 'version', 'created_at', 'updated_at'],
  parts: ['id', 'code', 'name', 'unit', 'category', 'sale_price', 'search_text', 'archived', 'version', 'created_at', 'updated_at'],
  locations: ['id', 'code', 'name', 'kind', 'is_real', 'user_id', 'station_id', 'archived', 'version', 'created_at'],
  lots: ['id', 'part_id', 'lot_no', 'supplier_id', 'supplier_key', 'unit_cost', 'received_at', 'document_id'],
  documents: ['id', 'type', 'number', 'status', 'from_location_id', 'to_location_id', 'user_id', 'supplier_id', 'work_order_id', 'reason', 'total_cost', 'created_by', 'created_at', 'posted_at', 'version'],
  document_lines: ['id', 'document_id', 'line_no', 'part_id', 'lot_id', 'qty', 'unit_cost', 'sale_price', 'lot_is_new'],
  moves: ['id', 'document_id', 'line_id', 'kind', 'part_id', 'lot_id', 'from_location_id', 'to_location_id', 'qty', 'unit_cost', 'sale_price', 'user_id', 'work_order_id', 'posted_at', 'posted_by'],
  lot_balances: ['location_id', 'lot_id', 'part_id', 'on_hand'],
  stock_levels: ['location_id', 'part_id', 'on_hand', 'reserved', 'value'],
  doc_counters: ['prefix', 'year', 'last'],
} as const;
type Table = keyof typeof COLUMNS;
type Value = string | number | null;

/**
 * Where generated rows go: SQLite prepared statements, or PostgreSQL `insert … select from
 * unnest(…)` batches with one batch in flight while the next is generated. Both write in large
 * transactions (commit()), with foreign-key checks off and the secondary indexes dropped until
 * finish() rebuilds them from their own definitions, so the layout is the app's.
 */
interface Sink {
  row(table: Table, values: Value[]): void | Promise<void>;
  query<T>(text: string): Promise<T[]>;
  commit(): Promise<void>;
  finish(): Promise<void>;
}

const TABLES = Object.keys(COLUMNS) as Table[];
const TABLE_LIST = TABLES.map((t) => `'${t}'`).join(', ');

function sqliteSink(file: string): Sink {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a benchmark fixture: durability irrelevant
  db.pragma('foreign_keys = OFF'); // checkLedger and the rebuilt unique indexes vouch for the rows instead
  db.pragma('cache_size = -262144');
  const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${TABLE_LIST})`).all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`drop index ${i.name}`);
  const stmts = new Map<Table, Database.Statement>();
  for (const [t, cols] of Object.entries(COLUMNS) as [Table, readonly string[]][]) {
    stmts.set(t, db.prepare(`insert into ${t} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`));
  }
  db.exec('begin');
  return {
    row: (t, v) => {
      stmts.get(t)!.run(v);
    },
    query: async <T>(text: string) => db.prepare(text).all() as T[],
    commit: async () => {
      db.exec('commit');
      db.pragma('wal_checkpoint(TRUNCATE)'); // keeps the WAL at one transaction, not the whole ledger
      db.exec('begin');
    },
    finish: async () => {
      db.exec('commit');
      for (const i of indexes) db.exec(i.sql);
      db.exec('analyze');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

const BATCH_ROWS = 20_000;

function postgresSink(url: string): Sink {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // a dropped benchmark database must not crash the run; the query fails instead
  let buffers = new Map<Table, Value[][]>();
  const types = new Map<string, string>();
  let indexes: { indexname: string; indexdef: string }[] = [];
  const ready = (async () => {
    await client.connect();
    // FK triggers off for this session (superuser); checkLedger verifies the result instead.
    await client.query(`set session_replication_role = replica`);
    await client.query(`set maintenance_work_mem = '512MB'`);
    const cols = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
      `select table_name, column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name in (${TABLE_LIST})`,
    );
    for (const c of cols.rows) types.set(`${c.table_name}.${c.column_name}`, c.udt_name);
    indexes = (
      await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename in (${TABLE_LIST})
           and indexname not in (select conname from pg_constraint)`,
      )
    ).rows;
    for (const i of indexes) await client.query(`drop index ${i.indexname}`);
    await client.query('begin');
  })();
  const insert = async (t: Table, rows: Value[][]) => {
    const cols = COLUMNS[t];
    const arrays = cols.map((_, i) => rows.map((r) => r[i]!));
    const casts = cols.map((c, i) => `$${i + 1}::${types.get(`${t}.${c}`)}[]`);
    await client.query(`insert into ${t} (${cols.join(', ')}) select * from unnest(${casts.join(', ')})`, arrays);
  };
  let inflight: Promise<void> = ready;
  // Parents first, so a child row never reaches the server before the row its key points at.
  const flushAll = () => {
    const snapshot = buffers;
    buffers = new Map();
    const prev = inflight;
    inflight = (async () => {
      await prev;
      for (const t of TABLES) {
        const rows = snapshot.get(t);
        if (rows?.length) await insert(t, rows);
      }
    })();
  };
  return {
    row: (t, v) => {
      const b = buffers.get(t) ?? [];
      buffers.set(t, b);
      b.push(v);
      if (b.length >= BATCH_ROWS) {
        // Wait for the batch before this one only: one batch on the wire while the next is made.
        const prev = inflight;
        flushAll();
        return prev;
      }
    },
    query: async <T>(text: string) => {
      await inflight;
      return (await client.query(text)).rows as T[];
    },
    commit: async () => {
      flushAll();
      await inflight;
      await client.query('commit');
      await client.query('begin');
    },
    finish: async () => {
      flushAll();
      await inflight;
      for (const t of ['users', 'suppliers', 'parts', 'locations', 'lots', 'documents', 'document_lines', 'moves', 'doc_counters']) {
        await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 1))`);
      }
      // On PostgreSQL document numbers come from a sequence per prefix and year (nextNumber in
      // src/modules/inventory/ledger.ts), not doc_counters: start them after the generated ones.
      for (const c of (await client.query<{ prefix: string; year: number; last: number }>('select prefix, year, last from doc_counters')).rows) {
        const seq = `docseq_${c.prefix.toLowerCase()}_${c.year}`;
        await client.query(`create sequence if not exists ${seq}`);
        await client.query(`select setval('${seq}', ${Number(c.last)})`);
      }
      await client.query('commit');
      for (const i of indexes) await client.query(i.indexdef);
      await client.query('analyze');
      await client.end();
    },
  };
}

/** A typed array that doubles when an index past its end is needed. */
function growable<A extends Int32Array | Float64Array | Uint8Array>(make: (n: number) => A, initial: number) {
  let a = make(Math.max(16, initial));
  return {
    get: () => a,
    ensure(n: number) {
      if (n <= a.length) return;
      const b = make(Math.max(n, a.length * 2));
      b.set(a);
      a = b;
    },
  };
}

/**
 * The lots with stock at one location, for O(1) random picks and removals; the quantities
 * live in the generator's balance array.
 */
function lotBag() {
  const ids: number[] = [];
  const pos = new Map<number, number>();
  return {
    ids,
    add(lot: number) {
      if (pos.has(lot)) return;
      pos.set(lot, ids.length);
      ids.push(lot);
    },
    remove(lot: number) {
      const i = pos.get(lot);
      if (i === undefined) return;
      const last = ids.pop()!;
      if (last !== lot) {
        ids[i] = last;
        pos.set(last, i);
      }
      pos.delete(lot);
    },
  };
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();
const yearByHour = new Map<number, number>();
/** The calendar year of a time in the installation's zone, as nextNumber numbers documents. */
function yearOf(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / 3_600_000);
  let y = yearByHour.get(hour);
  if (y === undefined) {
    let f = yearFormats.get(timeZone);
    if (!f) yearFormats.set(timeZone, (f = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
    y = Number(f.format(hour * 3_600_000));
    yearByHour.set(hour, y);
  }
  return y;
}

/** Writes opts.moves moves (and their documents, lots and balances) into a migrated, empty database. */
export async function generateLedger(url: string, opts: LedgerOptions): Promise<LedgerSummary> {
  const started = Date.now();
  const sink = url.startsWith('postgres') ? postgresSink(url) : sqliteSink(url.slice('sqlite:'.length));
  const nParts = opts.parts ?? 2000;
  const nTechs = opts.technicians ?? 40;
  const nWh = opts.warehouses ?? 3;
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const perTx = opts.movesPerTransaction ?? 500_000;
  const rand = mulberry32(20240601);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const [admin] = await sink.query<{ id: number; password_hash: string }>(`select id, password_hash from users order by id limit 1`);
  if (!admin) throw new Error('run the migrations and create the admin first');
  const virt = new Map((await sink.query<{ id: number; code: string }>(`select id, code from locations`)).map((l) => [l.code, Number(l.id)]));
  const supplierLoc = virt.get('VIRT-SUPPLIER')!;
  const consumedLoc = virt.get('VIRT-CONSUMED')!;
  const maxId = async (t: string) => Number((await sink.query<{ m: number | null }>(`select max(id) as m from ${t}`))[0]?.m ?? 0);
  let userId = await maxId('users');
  let locId = await maxId('locations');
  const now = Date.now();
  const t0 = now - (opts.days ?? 365) * 86_400_000;

  const suppliers: number[] = [];
  for (let i = 1; i <= 5; i++) {
    suppliers.push(i);
    await sink.row('suppliers', [i, `BS-${i}`, `基准供应商${i}`, '', 1, t0, t0]);
  }
  const salePrice = new Int32Array(nParts + 1);
  for (let p = 1; p <= nParts; p++) {
    salePrice[p] = int(200, 200_000);
    await sink.row('parts', [p, `BP-${String(p).padStart(6, '0')}`, `基准配件${p}`, '个', `CAT-${p % 20}`, salePrice[p]!, '', 0, 1, t0, t0]);
  }
  const warehouses: number[] = [];
  for (let w = 1; w <= nWh; w++) {
    warehouses.push(++locId);
    await sink.row('locations', [locId, `BWH-${w}`, `基准仓库${w}`, 'warehouse', 1, null, null, 0, 1, t0]);
  }
  const techs: { user: number; holding: number }[] = [];
  for (let t = 1; t <= nTechs; t++) {
    await sink.row('users', [++userId, `btech${t}`, admin.password_hash, `技师${t}`, 'technician', null, 0, 0, 1, t0, t0]);
    await sink.row('locations', [++locId, `HOLD-${userId}`, `技师${t}（手中）`, 'holding', 1, userId, null, 0, 1, t0]);
    techs.push({ user: userId, holding: locId });
  }

  // Folded balances, including the virtual locations (postMoves keeps those too), in dense
  // arrays: a slot per (location, lot) and per (location, part), with a flag for "has a row".
  const slots = [...virt.values(), ...warehouses, ...techs.map((t) => t.holding)];
  const slot = new Map(slots.map((l, i) => [l, i]));
  const nSlots = slots.length;
  const expectLots = (opts.lots ?? Math.ceil(opts.moves * 0.25)) + 16;
  const lotQty = growable((n) => new Int32Array(n), expectLots * nSlots);
  const lotTouched = growable((n) => new Uint8Array(n), expectLots * nSlots);
  const lotPart = growable((n) => new Int32Array(n), expectLots);
  const lotCost = growable((n) => new Int32Array(n), expectLots);
  const levelQty = new Float64Array((nParts + 1) * nSlots);
  const levelValue = new Float64Array((nParts + 1) * nSlots);
  const levelTouched = new Uint8Array((nParts + 1) * nSlots);
  const bags = new Map([...warehouses, ...techs.map((t) => t.holding)].map((l) => [l, lotBag()]));
  const counters = new Map<string, number>();
  let nLots = 0;

  let docId = 0;
  let lineId = 0;
  let moveId = 0;
  let committedAt = 0;
  const total = opts.moves;
  const apply = (loc: number, lot: number, part: number, q: number, cost: number) => {
    const s = slot.get(loc)!;
    const li = lot * nSlots + s;
    const qa = lotQty.get();
    qa[li]! += q;
    lotTouched.get()[li] = 1;
    const pi = part * nSlots + s;
    levelQty[pi]! += q;
    levelValue[pi]! += q * cost;
    levelTouched[pi] = 1;
    const bag = bags.get(loc);
    if (bag && q > 0) bag.add(lot);
    else if (bag && qa[li] === 0) bag.remove(lot);
  };
  const newLot = (part: number, cost: number) => {
    const lot = ++nLots;
    lotPart.ensure(lot + 1);
    lotCost.ensure(lot + 1);
    lotQty.ensure((lot + 1) * nSlots);
    lotTouched.ensure((lot + 1) * nSlots);
    lotPart.get()[lot] = part;
    lotCost.get()[lot] = cost;
    return lot;
  };

  type Line = { part: number; lot: number; qty: number; cost: number; sale: number | null; newLot: boolean };
  const post = async (type: 'receipt' | 'issue' | 'return' | 'write_off', kind: string, from: number, to: number, docFrom: number | null, user: number | null, supplier: number | null, lines: Line[], at: number) => {
    const prefix = { receipt: 'RK', issue: 'CK', return: 'TH', write_off: 'HX' }[type];
    const year = yearOf(at, tz);
    const ck = `${prefix}:${year}`;
    const n = (counters.get(ck) ?? 0) + 1;
    counters.set(ck, n);
    const id = ++docId;
    const wo = type === 'issue' || type === 'write_off' ? int(1, 5000) : null;
    const totalCost = lines.reduce((s, l) => s + l.qty * l.cost, 0);
    await sink.row('documents', [id, type, `${prefix}-${year}-${String(n).padStart(6, '0')}`, 'posted', docFrom, to, user, supplier, wo, type === 'write_off' ? 'consumed' : null, totalCost, admin.id, at, at, 1]);
    let no = 0;
    for (const l of lines) {
      await sink.row('document_lines', [++lineId, id, ++no, l.part, l.lot, l.qty, l.cost, l.sale, type === 'receipt' ? (l.newLot ? 1 : 0) : null]);
      await sink.row('moves', [++moveId, id, lineId, kind, l.part, l.lot, from, to, l.qty, l.cost, l.sale, user, wo, at, admin.id]);
      apply(from, l.lot, l.part, -l.qty, l.cost);
      apply(to, l.lot, l.part, l.qty, l.cost);
    }
  };

  // Take up to `want` units (thousandths) from random lots at a location, one line per lot.
  const takeFrom = (loc: number, lines: number, want: () => number, withSale: boolean): Line[] => {
    const bag = bags.get(loc)!;
    const s = slot.get(loc)!;
    const out: Line[] = [];
    const used = new Set<number>();
    for (let i = 0; i < lines && bag.ids.length > used.size; i++) {
      const lot = bag.ids[int(0, bag.ids.length - 1)]!;
      if (used.has(lot)) continue;
      used.add(lot);
      const q = Math.min(want(), lotQty.get()[lot * nSlots + s]!);
      const part = lotPart.get()[lot]!;
      out.push({ part, lot, qty: q, cost: lotCost.get()[lot]!, sale: withSale ? salePrice[part]! : null, newLot: false });
    }
    return out;
  };

  while (moveId < total) {
    const at = Math.floor(t0 + ((now - t0) * moveId) / total);
    const wh = warehouses[int(0, nWh - 1)]!;
    const tech = techs[int(0, nTechs - 1)]!;
    const r = rand();
    const whStock = bags.get(wh)!.ids.length;
    const left = total - moveId;
    // Without a lot target, 12 % of documents are receipts (the 1M read-bench ledger); with one,
    // a receipt comes whenever the lot count falls behind its straight line to the target.
    const receive = opts.lots === undefined ? r < 0.12 : nLots < (opts.lots * moveId) / total;
    if (whStock < 50 || receive) {
      const sup = suppliers[int(0, suppliers.length - 1)]!;
      const lines: Line[] = [];
      for (let i = 0, k = Math.min(int(3, 8), left); i < k; i++) {
        const part = int(1, nParts);
        const cost = int(100, 100_000);
        const lot = newLot(part, cost);
        await sink.row('lots', [lot, part, `L${docId + 1}-${i + 1}`, sup, sup, cost, at, docId + 1]);
        lines.push({ part, lot, qty: int(20, 400) * 1000, cost, sale: null, newLot: true });
      }
      await post('receipt', 'receipt', supplierLoc, wh, supplierLoc, null, sup, lines, at);
    } else if (opts.lots === undefined ? r < 0.62 : r < 0.45) {
      const lines = takeFrom(wh, Math.min(int(1, 5), left), () => int(1, 6) * 1000, true);
      if (lines.length) await post('issue', 'issue', wh, tech.holding, wh, tech.user, null, lines, at);
    } else if (opts.lots === undefined ? r < 0.68 : r < 0.5) {
      const lines = takeFrom(tech.holding, Math.min(int(1, 2), left), () => 1000, true);
      if (lines.length) await post('return', 'return', tech.holding, wh, tech.holding, tech.user, null, lines, at);
    } else {
      // With a lot target (the scale curve) a technician uses up what he holds of a lot, so
      // holdings stay the size of a van's stock instead of growing with the ledger.
      const lines = takeFrom(tech.holding, Math.min(int(1, 4), left), opts.lots === undefined ? () => int(1, 3) * 1000 : () => Infinity, false);
      if (lines.length) await post('write_off', 'consume', tech.holding, consumedLoc, tech.holding, tech.user, null, lines, at);
    }
    if (moveId - committedAt >= perTx) {
      committedAt = moveId;
      await sink.commit();
      opts.progress?.(`${moveId.toLocaleString('en')} of ${total.toLocaleString('en')} moves`);
    }
  }

  const lq = lotQty.get();
  const lt = lotTouched.get();
  const lp = lotPart.get();
  // In primary-key order (location, then lot or part): appends to the key's B-tree, no page splits all over it.
  const bySlot = slots.map((loc, s) => ({ loc, s })).sort((a, b) => a.loc - b.loc);
  for (const { loc, s } of bySlot) {
    for (let lot = 1; lot <= nLots; lot++) if (lt[lot * nSlots + s]) await sink.row('lot_balances', [loc, lot, lp[lot]!, lq[lot * nSlots + s]!]);
  }
  for (const { loc, s } of bySlot) {
    for (let part = 1; part <= nParts; part++) {
      const i = part * nSlots + s;
      if (levelTouched[i]) await sink.row('stock_levels', [loc, part, levelQty[i]!, 0, levelValue[i]!]);
    }
  }
  for (const [k, n] of counters) {
    const [prefix, year] = k.split(':');
    await sink.row('doc_counters', [prefix!, Number(year), n]);
  }
  opts.progress?.(`${moveId.toLocaleString('en')} moves and their balances written`);
  await sink.finish();
  opts.progress?.('indexes rebuilt and analyzed');
  return { moves: moveId, documents: docId, lots: nLots, parts: nParts, technicians: nTechs, seconds: (Date.now() - started) / 1000 };
}
