// Four months of a service network's parts work, day by day, through the business functions.
// Deterministic: a seeded PRNG and a simulated clock; quantities are chosen from what the
// database says is available, so no call is ever refused (a refusal would abort the load).
import { sql } from 'kysely';
import chineseDays from 'chinese-days';
import type { Actor, Ctx, Db, Role } from '../db.js';
import type { Dialect } from '../platform/db/connect.js';
import { isoInZone } from '../platform/clock.js';
import { formatFen } from '../platform/numbers.js';
import { audit } from '../modules/auth/audit.js';
import { createUser } from '../modules/auth/users.js';
import { createPart } from '../modules/catalog/parts.js';
import { createSupplier, setPartSupplier } from '../modules/catalog/suppliers.js';
import { createLocation } from '../modules/inventory/locations.js';
import { postReceipt } from '../modules/inventory/receipts.js';
import { approveIssue, issueParts, rejectIssue } from '../modules/inventory/issues.js';
import { returnParts, writeOff } from '../modules/inventory/holdings.js';
import { createTransfer, receiveTransfer } from '../modules/inventory/transfers.js';
import { cancelReservation, createReservation } from '../modules/inventory/reservations.js';
import { DEMO_PASSWORD, PEOPLE, STORES, SUPPLIERS, allParts, ean13, type DemoPart, type StoreCode } from './catalog.js';
import { mulberry32 } from '../platform/random.js';
import { ServiceHistory } from './service.js';

export type Scale = 'full' | 'small';

const FIRST_DAY = '2026-08-03';
const LAST_DAY = '2026-11-25';
const RULE_DAY = '2026-11-02';


/** Epoch ms of a wall-clock time in a zone (two passes settle a DST edge). */
function zoned(date: string, hh: number, mm: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const off = isoInZone(t, timeZone).slice(-6);
    const sign = off[0] === '-' ? -1 : 1;
    t = wall - sign * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6))) * 60_000;
  }
  return t;
}

function workdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (chineseDays.isWorkday(d)) out.push(d);
  }
  return out;
}

interface Part extends DemoPart {
  id: number;
  /** The stock level the warehouse buys back up to. */
  target: number;
  alarm: number | null;
}
interface Held {
  partId: number;
  qty: number; // milli
  workOrderId: number;
}
interface Pending {
  day: number;
  run: () => Promise<void>;
}

const SHORTAGE_TEXTS = ['ZF转向机修理包 8098', '车载视频监控硬盘 1TB', '乘客门应急阀（进口）', '缓速器控制器 VR3250', '发动机ECU线束插头 94针'];
const SCRAP_NOTES = ['安装时损坏', '质量问题，无法使用', '运输磕碰，报废'];

export class Simulation {
  private t = 0;
  private readonly rand = mulberry32(20260803);
  private readonly clock = { now: () => this.t };
  private readonly actors = new Map<string, Actor>();
  private readonly loc = new Map<StoreCode, number>();
  private parts: Part[] = [];
  private readonly byId = new Map<number, Part>();
  private readonly held = new Map<number, Held[]>();
  private readonly pending: Pending[] = [];
  private stationRange: Part[] = [];
  private supplierIds = new Map<string, number>();
  private day = 0;
  private lastDay = 0;
  private lastMonth = '';
  private readonly service = new ServiceHistory({
    ctx: (u) => this.ctx(u),
    later: (m) => this.later(m),
    rand: () => this.rand(),
    pick: (xs) => this.pick(xs),
    between: (lo, hi) => this.between(lo, hi),
    locationId: (code) => this.loc.get(code)!,
    userId: (u) => this.actors.get(u)!.id,
  });
  private transfersReceived = 0;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly timeZone: string,
    private readonly scale: Scale,
  ) {}

  private ctx(username: string): Ctx {
    const actor = this.actors.get(username);
    if (!actor) throw new Error(`demo actor ${username} missing`);
    return { db: this.db, dialect: this.dialect, actor, clock: this.clock, timeZone: this.timeZone, lang: 'zh-CN' };
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }
  private between(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  private at(date: string, hh: number, mm: number) {
    this.t = Math.max(this.t + 60_000, zoned(date, hh, mm, this.timeZone));
  }
  private later(minutes: number) {
    this.t += minutes * 60_000 + Math.floor(this.rand() * 60_000);
  }

  async run(): Promise<void> {
    await this.masterData();
    const days = workdays(FIRST_DAY, LAST_DAY);
    this.lastDay = days.length - 1;
    for (const [i, date] of days.entries()) {
      this.day = i;
      await this.workday(date, i === days.length - 1);
    }
  }

  private async masterData() {
    this.t = zoned('2026-08-01', 9, 0, this.timeZone);
    const admin = await this.db.selectFrom('users').select(['id', 'username', 'display_name', 'station_id']).where('username', '=', 'admin').executeTakeFirst();
    // Without an admin (demo loaded straight after migrate), the system acts; audit shows no actor.
    this.actors.set('admin', admin ? { id: admin.id, username: admin.username, displayName: admin.display_name, roles: ['admin'], stationId: admin.station_id } : { id: 0, username: 'system', displayName: '系统', roles: ['admin'], stationId: null });
    const a = this.ctx('admin');
    for (const s of STORES.filter((x) => x.kind !== 'old_parts')) this.loc.set(s.code, (await createLocation(a, { code: s.code, name: s.name, kind: s.kind })).id);
    const old = STORES.find((x) => x.kind === 'old_parts')!;
    this.loc.set(old.code, (await createLocation(a, { code: old.code, name: old.name, kind: 'old_parts' })).id);
    for (const p of PEOPLE) {
      this.later(3);
      const u = await createUser(a, { username: p.username, password: DEMO_PASSWORD, displayName: p.name, roles: p.roles, stationId: p.station ? this.loc.get(p.station)! : null });
      this.actors.set(p.username, { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], stationId: u.stationId });
    }
    await this.service.masterData();
    const suppliers = new Map<string, number>();
    for (const s of SUPPLIERS) suppliers.set(s.code, (await createSupplier(a, { ...s })).id);

    let all = allParts(this.rand);
    if (this.scale === 'small') all = all.filter((_, i) => i % 5 === 0);
    else all = all.slice(0, 300);
    for (const [i, p] of all.entries()) {
      const target = p.unit === '升' ? this.between(200, 400) : p.unit === '桶' ? this.between(10, 30) : p.cost < 10_000 ? this.between(40, 120) : p.cost < 50_000 ? this.between(12, 40) : p.cost < 200_000 ? this.between(4, 12) : this.between(2, 5);
      const alarm = this.rand() < 0.7 ? Math.max(1, Math.round(target * 0.3)) : null;
      const salePrice = formatFen(Math.round((p.cost * (1.25 + this.rand() * 0.2)) / 100) * 100);
      const row = await createPart(a, { code: p.code, name: p.name, spec: p.spec, unit: p.unit, category: p.category, barcode: ean13(i + 1), salePrice, alarmQty: alarm, preferredSupplierId: suppliers.get(p.supplier)! });
      await setPartSupplier(a, row.id, suppliers.get(p.supplier)!, formatFen(p.cost), `${p.supplier.slice(4)}-${p.code.replace('-', '')}`);
      const part: Part = { ...p, id: row.id, target, alarm };
      this.parts.push(part);
      this.byId.set(row.id, part);
    }
    this.supplierIds = suppliers;
    // Stations keep the fast movers: cheap consumables a technician needs on most jobs.
    const cheap = this.parts.filter((p) => p.cost < 50_000 && p.unit !== '升');
    this.stationRange = cheap.filter((_, i) => i % 3 === 0).slice(0, this.scale === 'small' ? 10 : 40);
  }
  private async available(location: StoreCode, partIds?: number[]): Promise<Map<number, number>> {
    let q = this.db.selectFrom('stock_levels').select(['part_id', sql<number>`on_hand - reserved`.as('avail')]).where('location_id', '=', this.loc.get(location)!);
    if (partIds) q = q.where('part_id', 'in', partIds.length ? partIds : [0]);
    const rows = await q.orderBy('part_id').execute();
    return new Map(rows.filter((r) => Number(r.avail) > 0).map((r) => [r.part_id, Number(r.avail)]));
  }

  private async workday(date: string, last: boolean) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    this.at(date, 8, 10);
    if (this.day === 0) await this.openingStock(date);
    else if (weekday === 1 || this.day % 5 === 0) await this.replenish(date, 'WH-ZZ');
    if (this.day > 0 && this.day % 10 === 3) await this.replenish(date, 'WH-WH');
    if (date >= RULE_DAY && !(await this.db.selectFrom('approval_rules').select('id').executeTakeFirst())) await this.approvalRule(date);

    this.at(date, 8, 50);
    for (const p of this.pending.filter((x) => x.day <= this.day)) {
      await p.run();
      this.later(7);
    }
    this.pending.splice(0, this.pending.length, ...this.pending.filter((x) => x.day > this.day));

    // The first workday of a month: last month's old parts go back to their suppliers or to scrap.
    if (this.day > 0 && date.slice(0, 7) !== this.lastMonth) {
      this.at(date, 9, 5);
      await this.service.monthlyDisposal(zoned(`${date.slice(0, 7)}-01`, 0, 0, this.timeZone), (partId) => this.supplierIds.get(this.byId.get(partId)!.supplier) ?? null);
    }
    this.lastMonth = date.slice(0, 7);

    this.at(date, 9, 20);
    if (this.day >= 2 && this.day % 6 === 2) await this.stationTransfer(date, (['ST-BJ', 'ST-GZ', 'ST-CD'] as const)[Math.floor(this.day / 6) % 3]);
    if (this.day === 30) await this.transfer('WH-ZZ', 'WH-WH', this.parts.filter((_, i) => i % 9 === 4).slice(0, 12), 0.3, '武汉分仓补货');

    this.at(date, 9, 40);
    const issues = this.scale === 'small' ? this.between(1, 2) : this.between(3, 6);
    for (let i = 0; i < issues; i++) {
      await this.issue();
      this.later(this.between(8, 35));
    }
    if (this.day % 7 === 1) await this.reservation(last);
    if (this.rand() < 0.12) await this.shortage();

    this.at(date, 16, 0);
    for (const tech of PEOPLE.filter((p) => p.roles.includes('technician'))) {
      if (this.rand() < 0.65) await this.finishJobs(tech.username, tech.home!);
    }
    if (last) await this.finalDay(date);
  }

  private async openingStock(date: string) {
    const bySupplier = new Map<string, Part[]>();
    for (const p of this.parts) bySupplier.set(p.supplier, [...(bySupplier.get(p.supplier) ?? []), p]);
    for (const [code, parts] of bySupplier) {
      await postReceipt(this.ctx('keeper'), {
        locationId: this.loc.get('WH-ZZ')!,
        supplierId: this.supplierIds.get(code)!,
        remark: '期初备货',
        lines: parts.map((p) => ({ partId: p.id, qty: p.target, unitCost: formatFen(p.cost), lot: `${date.replaceAll('-', '')}-${code.slice(4)}` })),
      });
      this.later(12);
    }
    this.at(date, 14, 0);
    const wuhan = this.parts.filter((_, i) => i % 5 < 2);
    for (const [code, parts] of groupBy(wuhan, (p) => p.supplier)) {
      await postReceipt(this.ctx('keeper'), {
        locationId: this.loc.get('WH-WH')!,
        supplierId: this.supplierIds.get(code)!,
        remark: '武汉分仓期初备货',
        lines: parts.map((p) => ({ partId: p.id, qty: Math.max(1, Math.ceil(p.target / 2)), unitCost: formatFen(p.cost), lot: `${date.replaceAll('-', '')}-${code.slice(4)}` })),
      });
      this.later(15);
    }
  }

  /** Buys back up to target what fell below its alarm; prices drift, so new lots appear. */
  private async replenish(date: string, store: 'WH-ZZ' | 'WH-WH') {
    const avail = await this.available(store);
    const range = store === 'WH-ZZ' ? this.parts : this.parts.filter((_, i) => i % 5 < 2);
    const low = range.filter((p) => {
      const target = store === 'WH-ZZ' ? p.target : Math.max(1, Math.ceil(p.target / 2));
      return (avail.get(p.id) ?? 0) < Math.max(1, p.alarm ?? Math.ceil(target * 0.3)) * 1000 && this.rand() < 0.75;
    });
    for (const [code, parts] of groupBy(low, (p) => p.supplier)) {
      await postReceipt(this.ctx('keeper'), {
        locationId: this.loc.get(store)!,
        supplierId: this.supplierIds.get(code)!,
        remark: `${store === 'WH-ZZ' ? '总仓' : '分仓'}补货`,
        lines: parts.map((p) => {
          const target = store === 'WH-ZZ' ? p.target : Math.max(1, Math.ceil(p.target / 2));
          const drift = Math.round((p.cost * (0.97 + this.rand() * 0.08)) / 50) * 50;
          return { partId: p.id, qty: Math.max(1, target - Math.floor((avail.get(p.id) ?? 0) / 1000)), unitCost: formatFen(drift), lot: `${date.replaceAll('-', '')}-${code.slice(4)}` };
        }),
      });
      this.later(10);
    }
  }

  private async approvalRule(date: string) {
    this.at(date, 8, 30);
    const a = this.ctx('admin');
    const row = await this.db
      .insertInto('approval_rules')
      .values({ name: '单笔领料金额 ≥ 5000 元需服务经理审批', min_value: 500_000, category: null, requester_role: null, active: 1, created_at: this.t })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(a, 'create', 'approval_rule', row.id, null, { name: '单笔领料金额 ≥ 5000 元需服务经理审批', minValue: '5000.00' });
  }

  private async transfer(from: StoreCode, to: StoreCode, range: Part[], share: number, remark: string) {
    const avail = await this.available(from, range.map((p) => p.id));
    const target = await this.available(to, range.map((p) => p.id));
    const lines = range.flatMap((p) => {
      const want = Math.max(1, Math.ceil(p.target * share)) * 1000 - (target.get(p.id) ?? 0);
      const can = Math.floor((avail.get(p.id) ?? 0) / 2 / 1000) * 1000; // the warehouse keeps half
      const qty = Math.min(want, can);
      return qty >= 1000 ? [{ partId: p.id, qty: qty / 1000 }] : [];
    });
    if (lines.length === 0) return null;
    const doc = await createTransfer(this.ctx('keeper'), { fromLocationId: this.loc.get(from)!, toLocationId: this.loc.get(to)!, remark, lines });
    this.later(20);
    return doc;
  }

  /** Ships a station its fast movers; the station confirms two or three workdays later. */
  private async stationTransfer(date: string, station: 'ST-BJ' | 'ST-GZ' | 'ST-CD') {
    const doc = await this.transfer('WH-ZZ', station, this.stationRange, 0.25, `${date.slice(5, 7)}月配件调拨`);
    if (!doc) return;
    const receiver = PEOPLE.find((p) => p.roles.includes('station_user') && p.station === station)!.username;
    this.pending.push({
      day: this.day + this.between(2, 3),
      run: async () => {
        this.transfersReceived += 1;
        // One shipment in the autumn arrives a piece short: the difference stays on the line.
        const short = this.transfersReceived === 5 ? doc.lines.find((l) => l.qty >= 2) : undefined;
        await receiveTransfer(this.ctx(receiver), doc.id, {
          lines: short ? [{ lineId: short.id, receivedQty: short.qty - 1, note: '运输途中破损 1 件，已拍照留证' }] : [],
          remark: short ? '到货短少，已联系物流' : '到货齐全',
        });
      },
    });
  }

  private issuerFor(store: StoreCode): string {
    return store.startsWith('ST-') ? PEOPLE.find((p) => p.station === store && p.roles.includes('station_user'))!.username : 'keeper';
  }

  private quantity(p: Part, avail: number): number {
    let q: number;
    if (p.unit === '升') q = this.pick([4000, 4500, 9000, 12_500, 18_000, 20_500]);
    else if (p.cost < 10_000) q = this.between(1, 4) * 1000;
    else if (p.cost < 100_000) q = this.between(1, 2) * 1000;
    else q = 1000;
    return Math.min(q, p.unit === '升' ? avail : Math.floor(avail / 1000) * 1000);
  }

  private async issue() {
    const tech = this.pick(PEOPLE.filter((p) => p.roles.includes('technician')));
    const store = tech.home!;
    const avail = await this.available(store);
    const stocked = [...avail.keys()].map((id) => this.byId.get(id)!).filter(Boolean);
    if (stocked.length === 0) return;
    // Consumables go out far more often than assemblies.
    const weighted = stocked.filter((p) => p.cost < 50_000 || this.rand() < 0.25);
    const chosen = new Set<Part>();
    const n = this.between(1, 3);
    for (let i = 0; i < n && weighted.length; i++) chosen.add(this.pick(weighted));
    const lines = [...chosen].map((p) => ({ partId: p.id, qty: this.quantity(p, avail.get(p.id)!) })).filter((l) => l.qty > 0);
    if (lines.length === 0) return;
    const workOrderId = await this.service.openJob(tech);
    const doc = await issueParts(this.ctx(this.issuerFor(store)), {
      fromLocationId: this.loc.get(store)!,
      toUserId: this.actors.get(tech.username)!.id,
      workOrderId,
      remark: await this.service.numberOf(workOrderId),
      lines: lines.map((l) => ({ partId: l.partId, qty: l.qty / 1000 })),
    });
    if (doc.status === 'pending_approval') {
      this.later(45);
      if (this.rand() < 0.2) {
        await rejectIssue(this.ctx('manager'), doc.id, '先检修旧件，确认损坏后再领');
        await this.service.finishJob(tech.username, workOrderId);
        return;
      }
      await approveIssue(this.ctx('manager'), doc.id, '同意，尽快修复车辆');
    }
    this.hold(tech.username, lines, workOrderId);
  }

  private hold(username: string, lines: { partId: number; qty: number }[], workOrderId: number) {
    const id = this.actors.get(username)!.id;
    this.held.set(id, [...(this.held.get(id) ?? []), ...lines.map((l) => ({ ...l, workOrderId }))]);
  }

  /** A technician closes jobs: most parts are fitted, some come back, a few are scrapped. */
  private async finishJobs(username: string, home: StoreCode) {
    const userId = this.actors.get(username)!.id;
    const items = this.held.get(userId) ?? [];
    if (items.length === 0) return;
    const keep: Held[] = [];
    const consume = new Map<number, Held[]>();
    const back: Held[] = [];
    const faulty: Held[] = [];
    for (const h of items) {
      const p = this.byId.get(h.partId)!;
      const r = this.rand();
      if (r < 0.25) keep.push(h);
      else if (r < 0.3 && p.unit !== '升' && h.qty >= 1000) {
        this.later(5);
        await writeOff(this.ctx(username), { userId, reason: 'scrapped', workOrderId: h.workOrderId, remark: this.pick(SCRAP_NOTES), lines: [{ partId: h.partId, qty: 1 }] });
        if (h.qty > 1000) consume.set(h.workOrderId, [...(consume.get(h.workOrderId) ?? []), { ...h, qty: h.qty - 1000 }]);
      } else if (r < 0.37) back.push(h);
      else if (r < 0.39 && !home.startsWith('ST-') && p.unit === '件') faulty.push(h);
      else if (p.unit === '升' && h.qty > 10_000) {
        // Bulk oil: what the sump took is consumed, the rest goes back to the store.
        const used = Math.floor(h.qty * 0.8 / 500) * 500;
        consume.set(h.workOrderId, [...(consume.get(h.workOrderId) ?? []), { ...h, qty: used }]);
        back.push({ ...h, qty: h.qty - used });
      } else consume.set(h.workOrderId, [...(consume.get(h.workOrderId) ?? []), h]);
    }
    // A job is done when its technician holds nothing more for it: its report consumes what was
    // fitted and lists the replaced assemblies to bring back. Parts of jobs still open are written off now.
    const open = new Set(keep.map((h) => h.workOrderId));
    for (const [workOrderId, hs] of consume) {
      if (!open.has(workOrderId)) continue;
      this.later(4);
      await writeOff(this.ctx(username), { userId, reason: 'consumed', workOrderId, remark: `${await this.service.numberOf(workOrderId)} 维修领用`, lines: hs.map((h) => ({ partId: h.partId, qty: h.qty / 1000 })) });
    }
    if (back.length) {
      this.later(6);
      await returnParts(this.ctx(this.issuerFor(home)), { fromUserId: userId, toLocationId: this.loc.get(home)!, remark: '维修未用完，退回', lines: back.map((h) => ({ partId: h.partId, qty: h.qty / 1000 })) });
    }
    if (faulty.length) {
      this.later(6);
      await returnParts(this.ctx('keeper'), { fromUserId: userId, toLocationId: this.loc.get('OLD-ZZ')!, remark: '装车后发现故障，退旧件库待索赔', lines: faulty.map((h) => ({ partId: h.partId, qty: h.qty / 1000 })) });
    }
    this.held.set(userId, keep);
    for (const id of new Set(items.map((h) => h.workOrderId))) {
      if (open.has(id)) continue;
      const used = (consume.get(id) ?? []).map((h) => ({ partId: h.partId, qty: h.qty / 1000 }));
      const oldParts = used.filter((u) => this.byId.get(u.partId)!.unit === '件' && this.byId.get(u.partId)!.cost >= 20_000 && this.rand() < 0.7);
      const back = await this.service.finishJob(username, id, { used, oldParts, close: this.day < this.lastDay - 1 || this.rand() < 0.5 });
      if (back.length) this.pending.push({ day: this.day + this.between(1, 3), run: () => this.service.handIn(id, back, home) });
    }
  }

  /** The dispatcher holds parts for a booked job; most are collected, some cancelled. */
  private async reservation(last: boolean) {
    const tech = this.pick(PEOPLE.filter((p) => p.home === 'WH-ZZ'));
    const avail = await this.available('WH-ZZ');
    const candidates = this.parts.filter((p) => (avail.get(p.id) ?? 0) >= 3000 && p.unit !== '升');
    if (candidates.length < 2) return;
    const parts = [this.pick(candidates), this.pick(candidates)].filter((p, i, xs) => xs.indexOf(p) === i);
    const lines = parts.map((p) => ({ partId: p.id, qty: p.cost < 10_000 ? 2 : 1 }));
    const workOrderId = await this.service.openJob(tech, { maintenance: true, stopAt: 'accepted' });
    const res = await createReservation(this.ctx('dispatcher'), { locationId: this.loc.get('WH-ZZ')!, forUserId: this.actors.get(tech.username)!.id, workOrderId, remark: `预约保养 ${await this.service.numberOf(workOrderId)}`, lines });
    if (last) return;
    const cancel = this.rand() < 0.25;
    this.pending.push({
      day: this.day + this.between(1, 3),
      run: async () => {
        if (cancel) {
          await cancelReservation(this.ctx('dispatcher'), res.id);
          await this.service.cancel(workOrderId, '客户改期，保养取消');
          return;
        }
        await this.service.arrive(tech.username, workOrderId);
        await issueParts(this.ctx('keeper'), { fromLocationId: this.loc.get('WH-ZZ')!, toUserId: this.actors.get(tech.username)!.id, reservationId: res.id, workOrderId, remark: `按预订领料 ${res.number}`, lines });
        this.hold(tech.username, lines.map((l) => ({ partId: l.partId, qty: l.qty * 1000 })), workOrderId);
      },
    });
  }

  /** On site a part is missing: the work order waits for it (缺件待修), its shortage line with it. */
  private async shortage() {
    const username = this.pick(['tech01', 'tech03', 'tech09']);
    const tech = PEOPLE.find((p) => p.username === username)!;
    const workOrderId = await this.service.openJob(tech);
    if (this.rand() < 0.4) {
      await this.service.waitForParts(tech.username, workOrderId, [{ description: this.pick(SHORTAGE_TEXTS), qty: 1 }]);
    } else {
      const avail = await this.available('WH-ZZ');
      const out = this.parts.filter((p) => !avail.has(p.id));
      const p = out.length ? this.pick(out) : this.pick(this.parts);
      await this.service.waitForParts(tech.username, workOrderId, [{ partId: p.id, qty: p.unit === '升' ? 20 : 2 }]);
    }
    // The part comes in a week or two later (or the job is fixed another way) and the job finishes.
    if (this.rand() < 0.7) this.pending.push({ day: this.day + this.between(5, 12), run: async () => void (await this.service.finishJob(tech.username, workOrderId)) });
  }

  /** Leaves the things a user should find open: a requisition to approve, a station booking. */
  private async finalDay(date: string) {
    this.at(date, 15, 0);
    const avail = await this.available('WH-ZZ');
    let big = this.parts.filter((p) => p.cost >= 300_000 && (avail.get(p.id) ?? 0) >= 2000).sort((a, b) => b.cost - a.cost)[0];
    if (!big) {
      big = [...this.parts].sort((a, b) => b.cost - a.cost)[0]!;
      await postReceipt(this.ctx('keeper'), { locationId: this.loc.get('WH-ZZ')!, supplierId: this.supplierIds.get(big.supplier)!, remark: '紧急采购', lines: [{ partId: big.id, qty: 2, unitCost: formatFen(big.cost), lot: `${date.replaceAll('-', '')}-URG` }] });
    }
    this.later(20);
    const workOrderId = await this.service.openJob(PEOPLE.find((p) => p.username === 'tech02')!);
    await issueParts(this.ctx('keeper'), { fromLocationId: this.loc.get('WH-ZZ')!, toUserId: this.actors.get('tech02')!.id, workOrderId, remark: `${await this.service.numberOf(workOrderId)} 大修，待经理审批`, lines: [{ partId: big.id, qty: 2 }] });
    this.later(15);
    const stock = await this.available('WH-ZZ', this.stationRange.map((p) => p.id));
    const lines = this.stationRange.filter((p) => (stock.get(p.id) ?? 0) >= 4000).slice(0, 3).map((p) => ({ partId: p.id, qty: 2 }));
    if (lines.length) await createReservation(this.ctx('dispatcher'), { locationId: this.loc.get('WH-ZZ')!, forLocationId: this.loc.get('ST-CD')!, remark: '成都服务站下周巡检备件', lines });
    // Calls still waiting for dispatch at the end of the day: the board's first rows tomorrow.
    for (const username of ['tech01', 'tech05', 'tech07']) {
      this.later(this.between(10, 40));
      await this.service.openJob(PEOPLE.find((p) => p.username === username)!, { stopAt: 'new' });
    }
    // A comeback (返修): tech04's last closed job is reopened and gets a second signed report.
    const closed = await this.db
      .selectFrom('work_orders as w')
      .select('w.id')
      .where('w.lead_technician_id', '=', this.actors.get('tech04')!.id)
      .where('w.status', '=', 'closed')
      .orderBy('w.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (closed) await this.service.comeback('tech04', closed.id);
  }
}

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}
