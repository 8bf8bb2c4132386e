// A large, consistent ledger written straight into the database (not through the API): parts
// received in lots into a few warehouses, issued to technicians, partly returned, mostly
// consumed. Balances are folded in memory while the moves are written, so `aftersales check`
// passes on the result (src/modules/inventory/check.ts).
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

/** Where generated rows go: SQLite prepared statements in one transaction, or batched multi-row INSERTs on PostgreSQL. */
interface Sink {
  row(table: Table, values: Value[]): void | Promise<void>;
  query<T>(text: string): Promise<T[]>;
  finish(): Promise<void>;
}

function sqliteSink(file: string): Sink {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a benchmark fixture: one commit at the end, durability irrelevant
  db.pragma('cache_size = -262144');
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
    finish: async () => {
      db.exec('commit');
      db.exec('analyze');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

function postgresSink(url: string): Sink {
  const client = new pg.Client({ connectionString: url });
  const buffers = new Map<Table, Value[][]>();
  client.on('error', () => {}); // a dropped benchmark database must not crash the run; the query fails instead
  const connected = client.connect().then(() => client.query('begin'));
  const flush = async (t: Table) => {
    const rows = buffers.get(t);
    if (!rows || rows.length === 0) return;
    buffers.set(t, []);
    const cols = COLUMNS[t];
    const params: Value[] = [];
    const tuples = rows.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(',')})`);
    await client.query(`insert into ${t} (${cols.join(', ')}) values ${tuples.join(',')}`, params);
  };
  const flushAll = async () => {
    for (const t of Object.keys(COLUMNS) as Table[]) await flush(t);
  };
  return {
    row: (t, v) => {
      const b = buffers.get(t) ?? [];
      buffers.set(t, b);
      b.push(v);
      // Stay under PostgreSQL's 65,535 bind parameters per statement; flush every table, parents
      // first, so no row reaches the server before the rows its foreign keys point at.
      if (b.length * COLUMNS[t].length >= 60_000) return connected.then(flushAll);
    },
    query: async <T>(text: string) => {
      await connected;
      return (await client.query(text)).rows as T[];
    },
    finish: async () => {
      await connected;
      await flushAll();
      for (const t of ['users', 'suppliers', 'parts', 'locations', 'lots', 'documents', 'document_lines', 'moves', 'doc_counters']) {
        await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 1))`);
      }
      await client.query('commit');
      await client.query('analyze');
      await client.end();
    },
  };
}


/** The lots with stock at one location, for O(1) random picks and removals. */
class Bag {
  ids: number[] = [];
  pos = new Map<number, number>();
  qty = new Map<number, number>();
  add(lot: number, q: number) {
    const cur = this.qty.get(lot) ?? 0;
    if (cur === 0) {
      this.pos.set(lot, this.ids.length);
      this.ids.push(lot);
    }
    this.qty.set(lot, cur + q);
  }
  take(lot: number, q: number) {
    const left = this.qty.get(lot)! - q;
    if (left > 0) return void this.qty.set(lot, left);
    this.qty.delete(lot);
    const i = this.pos.get(lot)!;
    const last = this.ids.pop()!;
    if (last !== lot) {
      this.ids[i] = last;
      this.pos.set(last, i);
    }
    this.pos.delete(lot);
  }
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
  const salePrice: number[] = [0];
  for (let p = 1; p <= nParts; p++) {
    salePrice.push(int(200, 200_000));
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

  // Folded balances, including the virtual locations (postMoves keeps those too).
  const lotBal = new Map<string, { loc: number; lot: number; part: number; q: number }>();
  const levels = new Map<string, { loc: number; part: number; q: number; v: number }>();
  const bags = new Map<number, Bag>([...warehouses, ...techs.map((t) => t.holding)].map((l) => [l, new Bag()]));
  const lotInfo: { part: number; cost: number }[] = [{ part: 0, cost: 0 }];
  const counters = new Map<string, number>();

  let docId = 0;
  let lineId = 0;
  let moveId = 0;
  const total = opts.moves;
  const apply = (loc: number, lot: number, part: number, q: number, cost: number) => {
    const lk = `${loc}:${lot}`;
    const b = lotBal.get(lk) ?? { loc, lot, part, q: 0 };
    b.q += q;
    lotBal.set(lk, b);
    const pk = `${loc}:${part}`;
    const l = levels.get(pk) ?? { loc, part, q: 0, v: 0 };
    l.q += q;
    l.v += q * cost;
    levels.set(pk, l);
    const bag = bags.get(loc);
    if (bag && q > 0) bag.add(lot, q);
    else if (bag) bag.take(lot, -q);
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
    const out: Line[] = [];
    const used = new Set<number>();
    for (let i = 0; i < lines && bag.ids.length > used.size; i++) {
      const lot = bag.ids[int(0, bag.ids.length - 1)]!;
      if (used.has(lot)) continue;
      used.add(lot);
      const q = Math.min(want(), bag.qty.get(lot)!);
      const { part, cost } = lotInfo[lot]!;
      out.push({ part, lot, qty: q, cost, sale: withSale ? salePrice[part]! : null, newLot: false });
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
    if (whStock < 50 || r < 0.12) {
      const sup = suppliers[int(0, suppliers.length - 1)]!;
      const lines: Line[] = [];
      for (let i = 0, k = Math.min(int(3, 8), left); i < k; i++) {
        const part = int(1, nParts);
        const cost = int(100, 100_000);
        const lot = lotInfo.length;
        lotInfo.push({ part, cost });
        await sink.row('lots', [lot, part, `L${docId + 1}-${i + 1}`, sup, sup, cost, at, docId + 1]);
        lines.push({ part, lot, qty: int(20, 400) * 1000, cost, sale: null, newLot: true });
      }
      await post('receipt', 'receipt', supplierLoc, wh, supplierLoc, null, sup, lines, at);
    } else if (r < 0.62) {
      const lines = takeFrom(wh, Math.min(int(1, 5), left), () => int(1, 6) * 1000, true);
      if (lines.length) await post('issue', 'issue', wh, tech.holding, wh, tech.user, null, lines, at);
    } else if (r < 0.68) {
      const lines = takeFrom(tech.holding, Math.min(int(1, 2), left), () => 1000, true);
      if (lines.length) await post('return', 'return', tech.holding, wh, tech.holding, tech.user, null, lines, at);
    } else {
      const lines = takeFrom(tech.holding, Math.min(int(1, 4), left), () => int(1, 3) * 1000, false);
      if (lines.length) await post('write_off', 'consume', tech.holding, consumedLoc, tech.holding, tech.user, null, lines, at);
    }
  }

  for (const b of lotBal.values()) await sink.row('lot_balances', [b.loc, b.lot, b.part, b.q]);
  for (const l of levels.values()) await sink.row('stock_levels', [l.loc, l.part, l.q, 0, l.v]);
  for (const [k, n] of counters) {
    const [prefix, year] = k.split(':');
    await sink.row('doc_counters', [prefix!, Number(year), n]);
  }
  await sink.finish();
  return { moves: moveId, documents: docId, lots: lotInfo.length - 1, parts: nParts, technicians: nTechs, seconds: (Date.now() - started) / 1000 };
}
